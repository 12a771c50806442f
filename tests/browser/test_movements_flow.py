import pytest
from django.conf import settings
from django.urls import reverse
from playwright.sync_api import expect

from thidua.movements.models import Movement

from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_secretariat_imports_the_scanned_plan_reviews_it_and_launches_it(world, live_server, page):
    scan = settings.BASE_DIR / "movements" / "data" / "2679-KH-SGTVT.ocr.txt"
    base = live_server.url
    login(page, base, "vanphong")
    page.goto(base + reverse("movements:import"))
    page.set_input_files("input[type=file]", str(scan))
    page.get_by_role("button", name="Đọc và đề xuất").click()
    # the restored text is offered beside the proposal
    restored = page.get_by_label("Văn bản đã khôi phục dấu")
    assert "KẾ HOẠCH" in restored.input_value()
    assert page.get_by_label("Số kế hoạch").input_value() == "2679/KH-SGTVT"
    page.get_by_label("Mã phong trào").fill("vnn-tu-ban-quet")
    page.get_by_role("button", name="Lưu thành phong trào (dự thảo)").click()
    page.wait_for_url("**/phong-trao/*/")
    expect(page.get_by_role("heading", name="Tiến độ thực hiện")).to_be_visible()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Phát động").click()
    page.get_by_text("Đã phát động phong trào").wait_for()
    movement = Movement.objects.get(code="vnn-tu-ban-quet")
    assert movement.status == "launched"
    assert movement.items.filter(kind="content").count() == 4
