"""The decisions demo: a signed and published decision for each past round of plan 2679 (the yearly titles
2022–2025, the sơ kết 2023 and tổng kết 2025 Giấy khen), dated after the Council's vote, with its awards and its
PAdES-signed PDF; loading again adds nothing."""

from __future__ import annotations

import pytest

from thidua.awards.demo import DemoContext, load_awards_demo
from thidua.awards.demo import decisions as decisions_demo
from thidua.awards.enums import DecisionStatus, SignerRole
from thidua.awards.models import Award, Decision, SignedFile
from thidua.movements.demo import CODE, load_movements_demo
from thidua.movements.models import Movement
from thidua.org.demo import AGENCY_NAME, load_demo
from thidua.org.models import OrgUnit
from thidua.participation.registrations.demo import load_plan_registrations

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(out=lambda s: None)
        agency = OrgUnit.objects.get(name=AGENCY_NAME)
        # the units registered under plan 2679 each year (as in `thidua demo`): their staff may be proposed for titles
        load_movements_demo(agency, out=lambda s: None,
                            while_launched=lambda plan: load_plan_registrations(plan, out=lambda s: None))
        movement = Movement.objects.get(code=CODE)
        ctx = load_awards_demo(agency, movement, out=lambda s: None)
    return ctx


def test_each_past_round_has_a_published_decision_with_its_awards(demo):
    decisions = {key: d for key, d in demo.decisions.items()}
    assert set(decisions) == {"yearly-2022", "midterm-2023", "yearly-2023", "yearly-2024", "final-2025", "yearly-2025"}
    for key, d in decisions.items():
        d.refresh_from_db()
        assert d.status == DecisionStatus.PUBLISHED, key
        assert d.lines.exists() and Award.objects.filter(decision=d).count() == d.lines.count()
        assert d.regime_id and d.base_salary_id and d.total_amount == sum(ln.amount for ln in d.lines.all())
        assert SignedFile.objects.filter(decision=d).exists() and d.published_pdf
        assert d.issued_on.year in (d.review_round.year, d.review_round.year + 1)
    assert decisions["midterm-2023"].signer_role == SignerRole.DEPUTY
    assert decisions["yearly-2024"].signer_role == SignerRole.DIRECTOR
    assert decisions["final-2025"].regime.code == "nd-152-2025"
    # the 2025 yearly titles, decided after the Council's session of 20/01/2026, with their certificates
    titles = decisions["yearly-2025"]
    assert titles.issued_on.year == 2026 and titles.review_round.status == "finished"
    codes = set(Award.objects.filter(decision=titles).values_list("form__code", flat=True))
    assert {"lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien"} <= codes, codes
    from thidua.awards.certificates import certificate_pdf, heading_of

    award = Award.objects.filter(decision=titles, form__code="lao-dong-tien-tien").first()
    assert heading_of(award.form)[0] == "GIẤY CHỨNG NHẬN" and certificate_pdf(award).startswith(b"%PDF")
    numbers = [(d.year, d.number) for d in Decision.objects.filter(agency=demo.agency)]
    assert len(numbers) == len(set(numbers))
    from thidua.core.models import Notification  # the Office's "signed" notices of years ago are not new

    assert not Notification.objects.filter(read_at__isnull=True, text__contains="đã được ký").exists()
    assert Notification.objects.filter(text__contains="đã được ký").count() >= 6


def test_loading_again_adds_nothing(demo):
    before = (Decision.objects.count(), Award.objects.count())
    decisions_demo.load(DemoContext(agency=demo.agency, movement=demo.movement, out=lambda s: None,
                                    rounds=demo.rounds))
    assert (Decision.objects.count(), Award.objects.count()) == before
