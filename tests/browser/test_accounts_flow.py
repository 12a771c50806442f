"""In the browser: marking someone as left after the confirmation page, the audit log as stacked rows on a
phone, the login page's link to the public movements."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_office_marks_someone_as_left_after_a_confirmation_and_finds_it_in_the_log_on_a_phone(
        world, live_server, page):
    base = live_server.url
    person = world.people["canbo"]
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, base, "vanphong")
    page.goto(base + reverse("org:person", args=[person.pk]))
    page.get_by_role("link", name="Thôi công tác").click()
    expect(page.get_by_role("heading", name="Ghi nhận Nguyễn Văn An thôi công tác?")).to_be_visible()
    page.get_by_label("Lý do").fill("Nghỉ hưu từ 01/12/2026")
    page.get_by_role("button", name="Xác nhận thôi công tác").click()
    expect(page.get_by_text("đã thôi công tác; tài khoản đã bị khóa")).to_be_visible()
    expect(page.get_by_text("đã khóa", exact=True)).to_be_visible()

    page.goto(base + reverse("audit_log"))
    page.get_by_label("Tìm (hành động, đối tượng, người thực hiện, ghi chú)").fill("khoa tai khoan")
    page.get_by_role("button", name="Lọc").click()
    row = page.locator("table.table-stack tbody tr").first
    assert row.evaluate("r => getComputedStyle(r).display") == "block"
    assert "Khóa tài khoản" in row.inner_text() and "Nghỉ hưu" in row.inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


def test_the_login_page_leads_to_the_public_movements_without_signing_in(world, live_server, page):
    base = live_server.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + reverse("login"))
    page.get_by_role("link", name="Các phong trào thi đua đã phát động").click()
    page.wait_for_url(base + reverse("public:public_list"))
    expect(page.get_by_role("heading", name="Các phong trào thi đua")).to_be_visible()
