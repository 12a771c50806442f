"""The Office drafts a decision from the round's agreed nominations in a browser (only the number and the date), the
Director signs it himself; the decision page fits a 390 px phone."""

import pytest
from django.urls import reverse

from thidua.awards.models import Award, Decision
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from ..awards.award_factories import agreed, agreed_round
from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_agreed_nominations_to_a_signed_decision(world, live_server, page, browser):
    seed_catalog()
    seed_law()  # a transactional test starts from empty tables
    rnd = agreed_round(world.agency, year=2024)
    agreed(rnd, person=world.people["canbo"])
    agreed(rnd, unit=world.planning)
    base = live_server.url
    login(page, base, "vanphong")
    page.goto(base + reverse("awards:round", args=[rnd.pk]))
    page.get_by_role("link", name="Lập quyết định", exact=True).click()
    assert page.get_by_label("Số quyết định").input_value() == "1"
    page.get_by_label("Ngày quyết định").fill("10/02/2025")
    page.get_by_role("button", name="Lập dự thảo quyết định").click()
    page.wait_for_selector("#decision-status")
    assert "2.120.000 đồng" in page.locator("#total").inner_text()
    decision = Decision.objects.get()
    page.screenshot(path="/tmp/dec/page-1280.png", full_page=True)
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    phone = context.new_page()
    phone.set_default_timeout(15000)
    login(phone, base, "giamdoc")
    phone.goto(base + reverse("awards:decision", args=[decision.pk]))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert phone.get_by_label("Họ tên người ký").input_value() == "Nông Văn Đức"
    phone.on("dialog", lambda dialog: dialog.accept())
    phone.locator("#sign").get_by_role("button", name="Ký quyết định").click()
    phone.wait_for_selector("#locked")
    phone.screenshot(path="/tmp/dec/page-390.png", full_page=True)
    assert phone.locator("#decision-status").inner_text() == "Đã ký"
    assert Award.objects.filter(decision=decision).count() == 2
    context.close()
