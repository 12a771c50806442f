"""The whole path in a browser: the Office drafts a decision from the round's agreed nominations (only the number
and the date), the Director signs it himself on a 390 px phone, the awardee downloads his certificate from his own
award history, and its QR code opens the public verification page, which says the award stands."""

from urllib.parse import urlsplit

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from thidua.awards import signing
from thidua.awards.models import Award, Decision
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from ..awards.award_factories import agreed, agreed_round
from ..awards.certificate_helpers import qr_texts
from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_from_agreed_nominations_to_a_signed_decision_a_certificate_and_its_verification(world, live_server, page,
                                                                                        browser, tmp_path):
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
    assert phone.locator("#own-signature").inner_text().endswith("GIÁM ĐỐC — Nông Văn Đức")  # he signs as himself
    phone.on("dialog", lambda dialog: dialog.accept())
    phone.locator("#sign").get_by_role("button", name="Ký quyết định").click()
    phone.wait_for_selector("#locked")
    phone.screenshot(path="/tmp/dec/page-390.png", full_page=True)
    assert phone.locator("#decision-status").inner_text() == "Đã ký"
    assert Award.objects.filter(decision=decision).count() == 2
    context.close()

    # the awardee's own history has his certificate; its QR code is the public verification page
    signing.install_identity(world.agency, signing.make_self_signed(world.agency), "", actor=world.users["admin"])
    staff = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    mine = staff.new_page()
    mine.set_default_timeout(15000)
    login(mine, base, "canbo")
    mine.goto(base + reverse("awards:my_awards"))
    # his nomination's page ends on the decision, with its link
    nomination = Award.objects.get(decision=decision, person=world.people["canbo"]).nomination
    mine.goto(base + reverse("awards:nomination", args=[nomination.pk]))
    outcome = mine.locator("#nomination-outcome")
    expect(outcome).to_have_text(f"Đã khen thưởng — Quyết định số {decision.number_label} ngày 10/02/2025")
    assert mine.locator("#nomination-stepper [aria-current=step] a").get_attribute("href") == \
        reverse("awards:decision", args=[decision.pk])
    mine.screenshot(path="/tmp/dec/nomination-390.png", full_page=True)
    mine.goto(base + reverse("awards:my_awards"))
    link = mine.get_by_role("link", name="Tải giấy khen (PDF)").get_attribute("href")
    response = mine.request.get(base + link)  # with the staff member's session (the browser shows a PDF inline)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    pdf = response.body()
    [url] = qr_texts(pdf, tmp_path)
    award = Award.objects.get(decision=decision, person=world.people["canbo"])
    assert urlsplit(url).path == reverse("awards:verify", args=[award.token])
    staff.close()
    visitor = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    public = visitor.new_page()
    public.goto(base + urlsplit(url).path)
    text = public.locator("main").inner_text()
    assert "Nguyễn Văn An" in text and "còn hiệu lực" in text and decision.number_label in text
    assert "01/01/1980" not in public.content()  # his birth date is not public
    assert public.evaluate("document.documentElement.scrollWidth") <= 390
    visitor.close()
