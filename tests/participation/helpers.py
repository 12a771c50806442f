import datetime as dt
import io

from PIL import Image

from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem
from thidua.participation import places, services

from ..factories import SIGNED_PLAN


def jpeg_bytes(size=(40, 30), color=(200, 40, 40)) -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "JPEG")
    return buf.getvalue()


def pdf_bytes(pages=1, *, javascript="", attachment=b"", password="") -> bytes:
    """A real PDF written by pypdf, optionally with a document JavaScript, an embedded file or a password."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=595, height=842)
    if javascript:
        from pypdf.actions import JavaScript

        writer.add_open_action(JavaScript(javascript))
    if attachment:
        writer.add_attachment("kem-theo.txt", attachment)
    if password:
        writer.encrypt(password)
    buf = io.BytesIO()
    writer.write(buf)
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


ITEM = "Tham gia hỗ trợ hộ nghèo, hộ cận nghèo trên địa bàn"


def phases(world):
    """The same plan in two phases: 2021–2025 (closed) and 2026–2030 (launched), with identical item texts."""
    made = []
    for code, start, end in (("vnn-2021", 2021, 2025), ("vnn-2026", 2026, 2030)):
        movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code=code,
                                                     name="Cả nước chung tay vì người nghèo", start_year=start,
                                                     end_year=end)
        item = PlanItem.objects.create(movement=movement, kind="content", label="a", text=ITEM)
        movement_services.move_movement(movement, "launched", actor=None)
        made.append((movement, item))
    return made


def close(movement):
    movement_services.move_movement(movement, "closed", actor=None)


def activity_post(world, **extra):
    data = {"kind": "visit_gift", "title": "Thăm hộ nghèo", "held_on": "20/11/2026", "units": [world.transport.pk],
            "cash_value": "500.000", "in_kind_value": "", "agency": world.agency.pk}
    data.update(extra)
    return data
