"""In a browser, at 1280 and 390 px: the administrator installs the agency's certificate, the Office looks up a
bonus, and an anonymous visitor uploads the signed file on the public check page and reads that the agency signed it."""

import datetime as dt
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.urls import reverse

from thidua.awards import signing
from thidua.awards.enums import AwardKind, AwardLevel, AwardSource, RecipientKind
from thidua.awards.models import Award
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog
from thidua.movements.models import RewardForm

from .conftest import ARTIFACTS
from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _pdf() -> bytes:
    import weasyprint

    return weasyprint.HTML(string="<h1>Giấy khen</h1><p>Nguyễn Văn An</p>").write_pdf()


def _signed(agency_id, award) -> bytes:
    from django.db import connection

    try:
        return signing.sign_pdf(agency_id, _pdf(), filename="giay-khen.pdf", reason="Giấy khen", award=award)
    finally:
        connection.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_install_look_up_and_check_a_signed_file(world, live_server, browser, tmp_path, width):
    seed_catalog()
    seed_law()  # a transactional test starts from empty tables
    base = live_server.url
    context = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    ARTIFACTS.mkdir(exist_ok=True)

    key = tmp_path / "so-gtvt.p12"
    key.write_bytes(signing.make_self_signed(world.agency, passphrase="Bi-mat-2025"))
    login(page, base, "admin")
    page.goto(base + reverse("awards:signing") + f"?agency={world.agency.pk}")
    page.get_by_label("Tệp chứng thư số (.p12, .pfx)").set_input_files(str(key))
    page.get_by_label("Mật khẩu của tệp").fill("Bi-mat-2025")
    page.get_by_role("button", name="Cài chứng thư").click()
    page.wait_for_selector("#active-identity dd.subject")
    assert "Chứng thư tự ký — chỉ để thử, không có giá trị pháp lý" in page.inner_text("#active-identity")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"signing-identity-{width}.png"), full_page=True)

    page.goto(base + reverse("awards:bonus_lookup"))
    page.get_by_label("Hình thức, danh hiệu").select_option(label="Giấy khen của Giám đốc Sở")
    page.get_by_label("Đối tượng").select_option(label="Hộ gia đình")
    page.get_by_label("Ngày quyết định").fill("01/07/2025")
    page.get_by_role("button", name="Tra cứu").click()
    assert page.inner_text(".bonus-result .amount") == "1.070.000 đồng"
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"signing-bonus-{width}.png"), full_page=True)
    context.close()

    person = world.people["canbo"]
    award = Award.objects.create(
        agency=world.agency, recipient=RecipientKind.INDIVIDUAL, person=person, name=person.full_name,
        form=RewardForm.objects.get(code="giay-khen-giam-doc-so"), level=AwardLevel.AGENCY, kind=AwardKind.MERIT,
        year=2025, decision_number="45/QĐ-SGTVT", decision_date=dt.date(2025, 12, 20), source=AwardSource.DECISION)
    signed = tmp_path / "giay-khen.pdf"
    # pyHanko signs through asyncio.run: away from Playwright's event loop, in a thread of its own
    with ThreadPoolExecutor(1) as pool:
        data = pool.submit(_signed, world.agency.pk, award).result()
    signed.write_bytes(data)
    visitor = browser.new_context(locale="vi-VN", viewport={"width": width, "height": 900})
    page = visitor.new_page()
    page.goto(base + reverse("awards:verify_file"))
    page.get_by_label("Tệp PDF cần kiểm tra").set_input_files(str(signed))
    page.get_by_role("button", name="Kiểm tra", exact=True).click()
    known = page.inner_text(".answer .known")
    assert "do Sở Giao thông vận tải tỉnh Cao Bằng ký số" in known and "Nguyễn Văn An" in known
    assert "Chữ ký nguyên vẹn" in page.inner_text(".answer")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.screenshot(path=str(ARTIFACTS / f"signing-verify-{width}.png"), full_page=True)
    visitor.close()
