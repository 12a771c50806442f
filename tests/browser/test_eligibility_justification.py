"""Issue 11 §2 in the browser: the Office opens a sent nomination, sees the rule it does not meet (a discipline in
the year, with its legal basis), is refused without a justification, writes one and passes the dossier on; the
Council's chair then sees the badge, the rule and the justification on the session's agenda."""


import pytest
from django.urls import reverse
from playwright.sync_api import expect

from thidua.awards import council, services
from thidua.awards.enums import NominationStatus as S
from thidua.awards.models import Nomination
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from ..awards.factories import disciplined_nomination
from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

UNIT_TEXT = "Đồng chí đã khắc phục khuyết điểm; hỗ trợ 12 hộ nghèo trong năm."
OFFICE_TEXT = "Văn phòng đã đối chiếu quyết định kỷ luật số 7/QĐ-SGTVT; trình Hội đồng xem xét."


def test_the_office_justifies_a_not_met_rule_and_the_council_sees_it(world, live_server, page):
    seed_catalog()  # an earlier transactional test may have flushed the rows the migrations seeded
    seed_law()
    n = disciplined_nomination(world)
    rnd = n.review_round
    services.move_nomination(n, S.SUBMITTED, actor=world.users["truongphong"], justification=UNIT_TEXT)
    base = live_server.url
    page.on("dialog", lambda dialog: dialog.accept())

    login(page, base, "vanphong")
    page.goto(base + reverse("awards:nomination", args=[n.pk]))
    card = page.locator("#eligibility")
    assert "Chưa đạt 1 tiêu chí" in card.inner_text()
    discipline = card.locator("tr.rule-not-met").first.inner_text()
    assert "kỷ luật" in discipline.lower() and "01/02/" in discipline
    assert UNIT_TEXT in card.inner_text()
    # sent on without a justification: refused beside the box, nothing changed
    page.locator("form.justify-move").filter(has_text="Hồ sơ hợp lệ").get_by_role("button").click()
    assert "hãy ghi giải trình" in page.locator(".invalid-feedback").inner_text()
    assert Nomination.objects.get(pk=n.pk).status == S.SUBMITTED
    page.get_by_label("Giải trình vì sao vẫn đề nghị (bắt buộc)").fill(OFFICE_TEXT)
    page.locator("form.justify-move").filter(has_text="Hồ sơ hợp lệ").get_by_role("button").click()
    expect(page.locator("#nomination-status")).to_have_text("Hồ sơ hợp lệ, chờ Hội đồng")
    assert OFFICE_TEXT in page.locator("#eligibility").inner_text()

    session = council.create_session(world.agency, actor=world.users["vanphong"], name="Phiên họp xét khen thưởng",
                                     held_on=rnd.council_on, place="Phòng họp tầng 2")
    council.add_to_agenda(session, Nomination.objects.get(pk=n.pk), actor=world.users["vanphong"])
    page.context.clear_cookies()
    login(page, base, "hoidong")
    page.goto(base + reverse("awards:session", args=[session.pk]))
    item = page.locator(".agenda-item").first
    assert "Chưa đạt 1 tiêu chí" in item.locator(".eligibility-badge").inner_text()
    assert UNIT_TEXT in item.inner_text() and OFFICE_TEXT in item.inner_text()
    item.locator("summary").click()
    assert "kỷ luật" in item.locator("tr.rule-not-met").first.inner_text().lower()
