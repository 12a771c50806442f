import datetime as dt
import io

from PIL import Image

from thidua.participation import places, services


def jpeg_bytes(size=(40, 30), color=(200, 40, 40)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG")
    return buf.getvalue()


def household(world, name="Nông Văn Páo", commune="Xã Quảng Lâm", **kw):
    c, _ = places.find_commune(commune, 4)
    return services.create_household(
        agency=kw.pop("agency", world.agency), actor=None, head_name=name, members=kw.pop("members", 5),
        province_code=4, commune_code=c.code, commune_name=c.name, village=kw.pop("village", "Nà Lũng"),
        ethnicity=kw.pop("ethnicity", "mong"), note="",
    )


def activity(world, title="Thăm hỏi hộ nghèo", units=None, **kw):
    links = {"units": units or [world.transport], "households": kw.pop("households", []),
             "people": kw.pop("people", []), "students": kw.pop("students", [])}
    return services.record_activity(
        agency=kw.pop("agency", world.agency), actor=None, links=links, kind=kw.pop("kind", "visit_gift"),
        title=title, held_on=kw.pop("held_on", dt.date(2024, 10, 20)), cash_value=kw.pop("cash_value", 500000),
        in_kind_value=kw.pop("in_kind_value", 300000), commune_code=None, commune_name="", description="",
        checked_files=kw.pop("checked_files", None),
    )
