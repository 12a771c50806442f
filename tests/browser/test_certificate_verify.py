"""A visitor scans a certificate's QR code on a phone (390 px): the verification page reads without sideways
scrolling and says the award stands."""

import pytest
from django.urls import reverse

from thidua.awards.models import Award
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from ..awards.certificate_helpers import signed_decision
from .conftest import ARTIFACTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_the_verification_page_fits_a_390_px_phone_without_an_account(world, live_server, phone):
    seed_catalog()
    seed_law()  # a transactional test starts from empty tables
    decision = signed_decision(world.agency, [world.people["canbo"]])
    award = Award.objects.get(decision=decision)
    phone.goto(live_server.url + reverse("awards:verify", args=[award.token]))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    assert "Khen thưởng còn hiệu lực." in phone.locator("#verify-status").inner_text()
    assert phone.locator("#verify-name").inner_text() == "Nguyễn Văn An"
    ARTIFACTS.mkdir(exist_ok=True)
    phone.screenshot(path=str(ARTIFACTS / "xac-minh-390.png"), full_page=True)
