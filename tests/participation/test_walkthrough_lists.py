"""Defects found walking through the demo as a user: the dashboard counting sub-units without saying so, the
import naming a duplicate as typed, the activity list's count, the export's filters line, header and total, the
filters taking a phone's whole screen, birth-date placeholders on activity dates, chart labels cut mid-word."""

import datetime as dt
import io
from pathlib import Path

import openpyxl
import pytest
from django.urls import reverse

import thidua
from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem
from thidua.participation.importing import check_file

from .helpers import activity, household
from .test_households import xlsx

pytestmark = pytest.mark.django_db


# 1. the dashboard says a unit's numbers include its sub-units ------------------------------------------------


def test_dashboard_says_the_numbers_include_sub_units_only_when_there_are_some(world, client):
    world.login(client, "vanphong")
    page = client.get(reverse("participation:dashboard"), {"unit": world.transport.pk}).content.decode()
    assert "Số liệu gồm cả các đơn vị trực thuộc." in page  # the transport division has the licensing team
    page = client.get(reverse("participation:dashboard"), {"unit": world.planning.pk}).content.decode()
    assert "Số liệu gồm cả các đơn vị trực thuộc." not in page


# 2. the import names the household already recorded, as recorded -------------------------------------------


def test_a_household_already_recorded_is_named_as_stored_not_as_typed(world):
    household(world, name="Bế Quốc Tùng", commune="Xã Nam Quang")
    header = ["Họ tên chủ hộ", "Số nhân khẩu", "Xã, phường"]
    result = check_file("ho.xlsx", xlsx([["be quoc TUNG", 4, "Xã Nam Quang"]], header), world.agency)
    assert [e["message"] for e in result.errors] == [
        "Trùng với hộ Bế Quốc Tùng (Xã Nam Quang) đã có trong danh sách."]


# 3. the activity list says how many activities match -------------------------------------------------------


def test_the_activity_list_counts_the_matching_activities_with_and_without_filters(world, client):
    for i in range(3):
        activity(world, f"Trao quà {i}", held_on=dt.date(2024, 3, 1 + i))
    activity(world, "Thăm hỏi năm trước", held_on=dt.date(2023, 5, 1))
    activity(world, "Của Sở Y tế", units=[world.other_unit], agency=world.other_agency)
    world.login(client, "vanphong")
    url = reverse("participation:activities")
    assert "4 hoạt động." in client.get(url).content.decode()  # from the kept totals
    assert "3 hoạt động." in client.get(url, {"year": 2024}).content.decode()
    assert "1 hoạt động." in client.get(url, {"q": "tham hoi"}).content.decode()  # counted over the rows
    world.login(client, "truongphong")  # reads his unit's activities only: kept totals do not cover him
    assert "4 hoạt động." in client.get(url).content.decode()


# 4. the export: filters line, frozen header with an autofilter, total row ----------------------------------


def test_the_export_names_its_filters_and_has_a_frozen_filtered_header_and_a_total(world, client):
    movement = movement_services.create_movement(actor=None, agency=world.agency, code="vnn",
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


# 5. the filters fold away on a phone unless one is in use ----------------------------------------------------


@pytest.mark.parametrize("url_name, box, query", [
    ("participation:activities", "activity-filters", {"year": 2024}),
    ("participation:households", "household-filters", {"ethnicity": "mong"}),
])
def test_list_filters_are_collapsible_and_open_when_a_filter_is_active(world, client, url_name, box, query):
    world.login(client, "vanphong")
    page = client.get(reverse(url_name)).content.decode()
    assert f'data-bs-target="#{box}"' in page
    assert f'<div class="collapse d-md-block" id="{box}">' in page  # shown from md up, folded on a phone
    page = client.get(reverse(url_name), query).content.decode()
    assert f'<div class="collapse d-md-block show" id="{box}">' in page


# 6. activity dates show a recent example ---------------------------------------------------------------------


def test_activity_date_fields_show_a_recent_example_not_a_birth_date(world, client):
    world.login(client, "vanphong")
    for url in (reverse("participation:activities"), reverse("participation:activity_add")):
        page = client.get(url).content.decode()
        assert "vd. 20/10/2025" in page and "20/10/1985" not in page, url


# 7. the chart's content-item labels are cut on a word, the full text in the tooltip ------------------------


def test_content_item_chart_labels_are_cut_on_a_word_with_the_full_text_in_the_tooltip(world, client):
    movement = movement_services.create_movement(actor=None, agency=world.agency, code="vnn",
                                                 name="Vì người nghèo", start_year=2022, end_year=2025)
    text = "Vận động cán bộ, công chức, viên chức và người lao động ủng hộ Quỹ Vì người nghèo"
    PlanItem.objects.create(movement=movement, kind="content", label="c", text=text, order=1)
    world.login(client, "vanphong")
    response = client.get(reverse("participation:dashboard"), {"unit": world.agency.pk, "movement": movement.pk})
    charts = response.context["charts"]
    label = charts["items"][0]
    assert label == "c) Vận động cán bộ, công chức…"  # not "…công chức, viên c"
    shown = label[3:-1]
    assert text.startswith(shown) and text[len(shown)] in " ,"  # cut between words
    assert " ".join(charts["item_titles"][0]) == f"c) {text}"
    assert "thidua/dashboard.js" in response.content.decode()  # the charts' script, a static file
    assert "item_titles[items[0].dataIndex]" in (Path(thidua.__file__).parent / "static/thidua/dashboard.js").read_text()
