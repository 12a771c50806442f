import pytest
from django.urls import reverse
from playwright.sync_api import expect

from thidua.movements import services as movement_services
from thidua.movements.catalog import seed_catalog
from thidua.movements.models import PlanItem
from thidua.participation.registrations.models import Registration

from ..factories import SIGNED_PLAN
from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_head_registers_and_the_secretariat_returns_then_approves(world, live_server, page):
    seed_catalog()  # an earlier transactional test may have flushed the rows the migration seeded
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="tx-2026",
                                                 name="Phong trào thi đua thường xuyên năm 2026", start_year=2026,
                                                 end_year=2026)
    PlanItem.objects.create(movement=movement, kind="content", label="a", text="Hoàn thành xuất sắc nhiệm vụ")
    movement_services.move_movement(movement, "launched", actor=None)
    base = live_server.url
    login(page, base, "truongphong")
    page.goto(base + reverse("movements:detail", args=[movement.pk]))
    page.locator("main").get_by_role("link", name="Đăng ký thi đua").click()  # the movement page's, not the menu's
    page.get_by_role("row", name="Phòng Quản lý vận tải").get_by_role("button", name="Lập đăng ký").click()
    page.get_by_label("Cam kết, chỉ tiêu của tập thể").fill("100% cán bộ ủng hộ 01 ngày lương")
    page.get_by_label("Đăng ký Nguyễn Văn An").check()
    page.get_by_label("Danh hiệu: Nguyễn Văn An").select_option(label="Lao động tiên tiến")
    page.get_by_role("button", name="Lưu và gửi duyệt").click()
    expect(page.locator("#registration-status")).to_have_text("Chờ duyệt")

    page.context.clear_cookies()
    login(page, base, "vanphong")
    registration = Registration.objects.get()
    page.goto(base + reverse("registrations:edit", args=[registration.pk]))
    page.get_by_role("button", name="Trả lại").click()
    page.get_by_text("Hãy ghi lý do trả lại").wait_for()
    page.get_by_label("Lý do trả lại").fill("Bổ sung chỉ tiêu hỗ trợ hộ nghèo")
    page.get_by_role("button", name="Trả lại").click()
    expect(page.locator("#registration-status")).to_have_text("Trả lại")
    registration.refresh_from_db()
    assert registration.return_reason == "Bổ sung chỉ tiêu hỗ trợ hộ nghèo"
