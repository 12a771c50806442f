"""Households and support activities in the browser: the secretariat adds a household, classifies it per year and
records a support with a photo; a bad amount or a fake photo is refused in Vietnamese; a unit head sees only
his unit's activities."""

import io
import re
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from thidua.movements import services as movement_services
from thidua.movements.catalog import seed_catalog
from thidua.movements.models import PlanItem
from thidua.participation.models import Activity, Evidence, Household, HouseholdStatus

from ..factories import SIGNED_PLAN
from ..participation.helpers import activity, household
from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ITEM_TEXT = "Tham gia hỗ trợ hộ nghèo, hộ cận nghèo trên địa bàn"


def _content_item(world) -> PlanItem:
    seed_catalog()  # an earlier transactional test may have flushed the rows the migration seeded
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="ngheo-2025",
                                                 name="Phong trào “Cả nước chung tay vì người nghèo”",
                                                 start_year=2021, end_year=2025)
    item = PlanItem.objects.create(movement=movement, kind="content", label="b", text=ITEM_TEXT)
    movement_services.move_movement(movement, "launched", actor=None)  # the form offers launched movements only
    return item


def _png(path) -> str:
    buf = io.BytesIO()
    Image.new("RGB", (64, 48), (30, 120, 200)).save(buf, "PNG")
    path.write_bytes(buf.getvalue())
    return str(path)


def test_secretariat_adds_a_household_classifies_it_and_records_a_support_with_a_photo(world, live_server, page,
                                                                                        tmp_path):
    item = _content_item(world)
    base = live_server.url
    login(page, base, "vanphong")

    # the household, through the "Hộ nghèo" menu
    page.get_by_role("link", name="Hộ nghèo", exact=True).click()
    page.get_by_role("link", name="+ Thêm hộ").click()
    page.get_by_label("Họ tên chủ hộ").fill("Sầm Thị Mỷ")
    page.get_by_label("Số nhân khẩu").fill("4")
    page.get_by_label("Xã, phường").select_option(label="Xã Quảng Lâm")
    page.get_by_label("Thôn, xóm").fill("Nà Lũng")
    page.get_by_label("Dân tộc").select_option(label="Mông")
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r".*/ho-gia-dinh/\d+/$"))
    hh = Household.objects.get()
    assert page.url == base + reverse("participation:household", args=[hh.pk])
    expect(page.get_by_role("alert").filter(has_text="Đã thêm hộ Sầm Thị Mỷ.")).to_be_visible()
    expect(page.get_by_role("heading", name="Hộ Sầm Thị Mỷ")).to_be_visible()
    expect(page.get_by_text("Nà Lũng, Xã Quảng Lâm")).to_be_visible()
    expect(page.get_by_text("Chưa có phân loại nào.")).to_be_visible()

    # its category for two years
    for year, category, on in (("2024", "Hộ nghèo", "15/12/2023"), ("2025", "Hộ cận nghèo", "16/12/2024")):
        page.get_by_role("link", name="Ghi phân loại năm").click()
        page.get_by_role("combobox", name="Năm").select_option(year)
        page.get_by_role("combobox", name="Phân loại").select_option(label=category)
        page.get_by_label("Cơ quan phân loại").fill("UBND xã Quảng Lâm")
        page.get_by_label("Ngày phân loại").fill(on)
        page.get_by_label("Số quyết định, văn bản").fill(f"{year[-2:]}/QĐ-UBND")
        page.get_by_role("button", name="Lưu").click()
        page.wait_for_url(base + reverse("participation:household", args=[hh.pk]))
    rows = page.locator("#household-statuses tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).locator("td").nth(0).inner_text() == "2025"
    assert rows.nth(0).locator("td").nth(1).inner_text() == "Hộ cận nghèo"
    assert rows.nth(1).locator("td").nth(0).inner_text() == "2024"
    assert rows.nth(1).locator("td").nth(1).inner_text() == "Hộ nghèo"
    assert rows.nth(1).locator("td").nth(3).inner_text() == "15/12/2023"
    assert HouseholdStatus.objects.filter(household=hh).count() == 2

    # a support for this household, with a photo as evidence
    page.get_by_role("link", name="+ Ghi hỗ trợ").click()
    page.wait_for_url("**" + reverse("participation:activity_add") + "*")
    assert page.get_by_label("Sầm Thị Mỷ — Nà Lũng, Xã Quảng Lâm").is_checked()
    page.get_by_label("Hình thức").select_option(label="Thăm hỏi, tặng quà")
    page.get_by_label("Tên hoạt động").fill("Tặng quà Tết Nguyên đán cho hộ nghèo xã Quảng Lâm")
    page.get_by_label("Ngày thực hiện").fill("20/01/2025")
    page.get_by_label("Đơn vị tổ chức").select_option(label=world.transport.name)
    page.get_by_label("Tiền mặt (đồng)").fill("1.500.000")
    page.get_by_label("Hiện vật quy đổi (đồng)").fill("500000")
    page.get_by_label("Xã, phường").select_option(label="Xã Quảng Lâm")
    page.get_by_label(f"b) {ITEM_TEXT}").check()
    page.get_by_label("Minh chứng (ảnh JPEG, PNG, WebP hoặc PDF)").set_input_files(_png(tmp_path / "trao-qua.png"))
    page.get_by_role("button", name="Lưu").click()
    page.wait_for_url(re.compile(r".*/hoat-dong/\d+/$"))
    act = Activity.objects.get()
    assert page.url == base + reverse("participation:activity", args=[act.pk])
    expect(page.get_by_role("alert").filter(
        has_text="Đã ghi hoạt động “Tặng quà Tết Nguyên đán cho hộ nghèo xã Quảng Lâm”.")).to_be_visible()
    expect(page.get_by_text("1.500.000 đồng")).to_be_visible()
    expect(page.get_by_text("500.000 đồng").first).to_be_visible()
    thumb = page.get_by_role("img", name="trao-qua.png")
    assert thumb.get_attribute("src").endswith("?nho=1")
    thumb.scroll_into_view_if_needed()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=thumb.element_handle())
    assert thumb.evaluate("img => img.naturalWidth") == 64  # the thumbnail of a small photo keeps its size
    assert (act.cash_value, act.in_kind_value) == (1_500_000, 500_000)
    assert list(act.content_items.all()) == [item]
    assert Evidence.objects.filter(activity=act, kind="photo").count() == 1

    # back on the household page: the support and its total
    page.get_by_role("link", name="Sầm Thị Mỷ").click()
    page.wait_for_url(base + reverse("participation:household", args=[hh.pk]))
    expect(page.get_by_role("heading", name="Các lần được hỗ trợ (1; tổng giá trị 2.000.000 đồng)")).to_be_visible()
    row = page.get_by_role("row").filter(has=page.get_by_role("link", name=act.title))
    assert "20/01/2025" in row.inner_text()
    assert row.locator("td").last.inner_text() == "2.000.000"

    # the activity list, filtered by content item and commune
    page.get_by_role("link", name="Hoạt động", exact=True).click()
    page.wait_for_url(base + reverse("participation:activities"))
    page.get_by_label("Nội dung phong trào").select_option(str(item.pk))
    page.get_by_label("Xã, phường").select_option(label="Xã Quảng Lâm")
    page.get_by_role("button", name="Lọc").click()
    page.wait_for_url("**item=*")
    expect(page.get_by_text("Tổng giá trị theo bộ lọc: tiền mặt 1.500.000 đồng, hiện vật 500.000 đồng.")).to_be_visible()
    expect(page.get_by_role("link", name=act.title)).to_be_visible()
    listed = page.get_by_role("row").filter(has=page.get_by_role("link", name=act.title))
    assert "1 hộ · 0 học sinh · 0 người tham gia · 1 minh chứng · nội dung b" in listed.inner_text()
    assert listed.locator("td").last.inner_text() == "2.000.000"

    page.get_by_label("Xã, phường").select_option(label="Xã Nam Quang")
    page.get_by_role("button", name="Lọc").click()
    page.get_by_text("Chưa có hoạt động nào.").wait_for()
    expect(page.get_by_text("Tổng giá trị theo bộ lọc: tiền mặt 0 đồng, hiện vật 0 đồng.")).to_be_visible()


def test_a_bad_amount_and_a_program_renamed_jpg_are_refused_and_nothing_is_saved(world, live_server, page,
                                                                                 tmp_path, settings):
    hh = household(world, name="Lý Văn Sình")
    fake = tmp_path / "anh-trao-qua.jpg"
    fake.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200)
    base = live_server.url
    login(page, base, "vanphong")
    page.goto(base + reverse("participation:activity_add") + f"?household={hh.pk}")
    page.get_by_label("Hình thức").select_option(label="Hỗ trợ nhà ở")
    page.get_by_label("Tên hoạt động").fill("Hỗ trợ sửa nhà cho hộ Lý Văn Sình")
    page.get_by_label("Ngày thực hiện").fill("05/03/2025")
    page.get_by_label("Đơn vị tổ chức").select_option(label=world.office.name)
    page.get_by_label("Tiền mặt (đồng)").fill("abc")
    page.get_by_label("Hiện vật quy đổi (đồng)").fill("-200.000")
    page.get_by_label("Minh chứng (ảnh JPEG, PNG, WebP hoặc PDF)").set_input_files(str(fake))
    page.get_by_role("button", name="Lưu").click()

    page.get_by_text("Tiền mặt (đồng): “abc” không phải là số tiền; viết ví dụ 1.000.000.").wait_for()
    expect(page.get_by_text("Hiện vật quy đổi (đồng): số tiền không được âm.")).to_be_visible()
    expect(page.get_by_text(
        "Tệp “anh-trao-qua.jpg” không phải ảnh (JPEG, PNG, WebP) hay PDF thật — nội dung không khớp, "
        "dù tên tệp có đuôi gì.")).to_be_visible()
    expect(page.get_by_role("heading", name="Ghi hoạt động hỗ trợ")).to_be_visible()
    assert page.get_by_label("Tên hoạt động").input_value() == "Hỗ trợ sửa nhà cho hộ Lý Văn Sình"
    assert Activity.objects.count() == 0
    assert Evidence.objects.count() == 0
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not [f for f in media.rglob("*") if f.is_file()]

    # the same file added later to a recorded activity is refused as well
    act = activity(world, title="Thăm hỏi hộ Lý Văn Sình", households=[hh])
    page.goto(base + reverse("participation:activity", args=[act.pk]))
    expect(page.get_by_text("Chưa có minh chứng.")).to_be_visible()
    page.get_by_label("Thêm minh chứng (ảnh JPEG, PNG, WebP hoặc PDF)").set_input_files(str(fake))
    page.get_by_role("button", name="Tải lên").click()
    page.get_by_role("alert").filter(has_text="không phải ảnh (JPEG, PNG, WebP) hay PDF thật").wait_for()
    expect(page.get_by_text("Chưa có minh chứng.")).to_be_visible()
    assert Evidence.objects.count() == 0
    assert not media.exists() or not [f for f in media.rglob("*") if f.is_file()]


def test_unit_head_sees_only_his_units_activities_and_staff_may_not_record(world, live_server, page):
    ours = activity(world, title="Tặng chăn ấm cho hộ nghèo xã Lý Bôn", units=[world.transport_team],
                    cash_value=1_200_000, in_kind_value=0)
    planning = activity(world, title="Hỗ trợ giống ngô cho hộ nghèo", units=[world.planning])
    elsewhere = activity(world, title="Khám bệnh miễn phí cho người nghèo", units=[world.other_unit],
                         agency=world.other_agency)
    base = live_server.url
    login(page, base, "truongphong")
    page.get_by_role("link", name="Hoạt động", exact=True).click()
    page.wait_for_url(base + reverse("participation:activities"))
    expect(page.get_by_role("link", name=ours.title)).to_be_visible()
    assert page.get_by_role("link", name=planning.title).count() == 0
    assert page.get_by_role("link", name=elsewhere.title).count() == 0
    expect(page.get_by_text("Tổng giá trị theo bộ lọc: tiền mặt 1.200.000 đồng, hiện vật 0 đồng.")).to_be_visible()
    expect(page.get_by_role("link", name="+ Ghi hoạt động")).to_be_visible()
    for other in (planning, elsewhere):
        response = page.goto(base + reverse("participation:activity", args=[other.pk]))
        assert response.status == 404

    page.context.clear_cookies()
    login(page, base, "canbo")
    page.get_by_role("link", name="Hoạt động", exact=True).click()
    page.wait_for_url(base + reverse("participation:activities"))
    expect(page.get_by_text("Chưa có hoạt động nào.")).to_be_visible()  # he took part in none
    assert page.get_by_role("link", name="+ Ghi hoạt động").count() == 0
    response = page.goto(base + reverse("participation:activity_add"))
    assert response.status == 403
    expect(page.get_by_role("heading", name="403 — Không có quyền truy cập")).to_be_visible()
    assert Activity.objects.count() == 3
