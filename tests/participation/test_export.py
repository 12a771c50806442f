"""The XLSX exports of the participation lists: their filters line, frozen header, autofilter and total,
and nothing the user may not see."""

import datetime as dt
import io

import openpyxl
import pytest
from django.urls import reverse

from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem

from ..factories import SIGNED_PLAN
from .helpers import activity, household

pytestmark = pytest.mark.django_db


def test_the_export_names_its_filters_and_has_a_frozen_filtered_header_and_a_total(world, client):
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="vnn",
                                                 name="Vì người nghèo", start_year=2022, end_year=2025)
    item = PlanItem.objects.create(movement=movement, kind="content", label="b", text="Hỗ trợ hộ nghèo", order=1)
    for title, cash, in_kind in (("Trao quà Tết", 1_000_000, 250_000), ("Tặng bò giống", 0, 15_000_000)):
        a = activity(world, title, cash_value=cash, in_kind_value=in_kind)
        a.content_items.set([item])
    activity(world, "Họp dân", held_on=dt.date(2023, 1, 5))
    world.login(client, "vanphong")

    def sheet(**query):
        response = client.get(reverse("participation:activities_export"), query)
        book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
        return book.active

    ws = sheet(item=item.pk, year=2024)
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][0] == "Lọc: nội dung b (Vì người nghèo); năm 2024"
    assert rows[1][:4] == ("STT", "Ngày", "Hình thức", "Tên hoạt động")
    assert ws.freeze_panes == "A3"
    assert ws.auto_filter.ref == "A2:P4"
    assert len(rows) == 5
    total = dict(zip(rows[1], rows[4], strict=True))
    assert total["Tên hoạt động"] == "Tổng cộng (2 hoạt động)"
    assert (total["Tiền mặt (đồng)"], total["Hiện vật (đồng)"], total["Tổng giá trị (đồng)"]) == (
        1_000_000, 15_250_000, 16_250_000)

    rows = list(sheet().iter_rows(values_only=True))
    assert rows[0][0] == "Không lọc" and rows[-1][3] == "Tổng cộng (3 hoạt động)"
    hh = household(world, commune="Xã Quảng Lâm")
    assert list(sheet(commune=hh.commune_code).iter_rows(values_only=True))[0][0] == "Lọc: xã Quảng Lâm"


def first_line(response) -> str:
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return book.active.cell(row=1, column=1).value


def test_the_export_names_only_a_household_the_user_may_see(world, client):
    mine = household(world, name="Nông Văn Páo")
    theirs = household(world, name="Hoàng Thị Bí Mật", agency=world.other_agency)
    world.login(client, "vanphong")
    url = reverse("participation:activities_export")
    assert "hộ Nông Văn Páo" in first_line(client.get(url + f"?household={mine.pk}"))
    assert "Bí Mật" not in first_line(client.get(url + f"?household={theirs.pk}"))


def test_a_character_xml_cannot_hold_never_breaks_the_export(world, client):
    from thidua.participation.models import Activity

    a = activity(world, "Trao quà Tết")
    Activity.objects.filter(pk=a.pk).update(title="Trao quà\uffff Tết")  # an old row, stored before the helper
    world.login(client, "vanphong")
    response = client.get(reverse("participation:activities_export"), {"q": "quà\uffff"})
    assert response.status_code == 200
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert any(row[0] == "Trao quà Tết" or "Trao quà Tết" in [str(c) for c in row]
               for row in book.active.iter_rows(values_only=True))
