"""The Council's demo: members from role grants dated from the plan's launch, concluded sessions for the rounds of
2022–2025 with their votes (a written vote, a re-vote, a nomination not agreed), and the session of the 2026 round (the
agency's 2026 movement) in vote where "hoidong" has items waiting and a recusal shows."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from thidua.awards import council
from thidua.awards.demo import load_awards_demo
from thidua.awards.enums import NominationStatus, SessionStatus, VoteMode
from thidua.awards.models import AgendaItem, Ballot, CouncilSession, Nomination, Recusal, Vote
from thidua.core.models import Notification
from thidua.movements.demo import CODE, load_movements_demo, load_regular_movements
from thidua.movements.models import Movement
from thidua.org.demo import AGENCY_NAME, load_demo
from thidua.org.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(out=lambda s: None)
        agency = OrgUnit.objects.get(name=AGENCY_NAME)
        load_movements_demo(agency, out=lambda s: None)  # plan 2679, launched and closed as it happened
        movement = Movement.objects.get(code=CODE)
        load_regular_movements(OrgUnit.objects.filter(pk=agency.pk), out=lambda s: None)
        load_awards_demo(agency, movement, out=lambda s: None,
                         current=Movement.objects.get(code=f"thuong-xuyen-2026-{agency.pk}"))
    return agency


def test_the_demo_has_concluded_sessions_and_one_in_vote_with_work_for_hoidong(demo):
    sessions = list(CouncilSession.objects.filter(agency=demo).order_by("held_on"))
    # 2022, sơ kết 2023, 2023, 2024, tổng kết 2025 and 2025 concluded; 2026 (the 2026 movement's round) in vote
    assert [s.status for s in sessions] == [SessionStatus.CONCLUDED] * 6 + [SessionStatus.VOTING]
    assert sessions[-1].name == "Phiên họp xét khen thưởng năm 2026 (đợt 1)"
    assert {i.nomination.review_round.movement.code for i in sessions[-1].items.select_related(
        "nomination__review_round__movement")} == {f"thuong-xuyen-2026-{demo.pk}"}
    hoidong = get_user_model().objects.get(username="hoidong")
    assert len(council.items_to_vote(hoidong)) >= 2
    assert Notification.objects.filter(user=hoidong, read_at__isnull=True, text__contains="2026").exists()
    assert not Notification.objects.filter(user=hoidong, read_at__isnull=True, text__contains="năm 2025").exists()
    assert not Notification.objects.filter(user=hoidong, read_at__isnull=True, text__contains="năm 2022").exists()
    results = set(AgendaItem.objects.filter(session__in=sessions[:6]).values_list("result", flat=True))
    assert {NominationStatus.AGREED_DECISION, NominationStatus.AGREED_PROVINCE, NominationStatus.NOT_AGREED} <= results
    assert Recusal.objects.filter(item__session=sessions[-1], member__user__username="hd-uyvien-qlvt").exists()
    assert Vote.objects.filter(mode=VoteMode.WRITTEN).exists()
    assert Ballot.objects.filter(number=2).exists()
    assert Nomination.objects.filter(agency=demo, status=NominationStatus.ACCEPTED).exists()  # the Office's work
    assert {m.user.username for m in sessions[-1].members.select_related("user")} == {
        "hoidong", "hd-phochutich", "hd-uyvien-khtc", "hd-uyvien-ttr", "hd-uyvien-qlvt", "hd-thuky"}


def test_loading_the_demo_again_adds_nothing(demo):
    from thidua.awards.demo import DemoContext
    from thidua.awards.demo import council as council_demo

    before = CouncilSession.objects.count()
    council_demo.load(DemoContext(agency=demo, movement=None, out=lambda s: None))
    assert CouncilSession.objects.count() == before


def test_the_past_rounds_are_finished_and_only_the_2026_round_is_at_work(demo):
    from thidua.awards.enums import RoundStatus
    from thidua.awards.models import ReviewRound

    rounds = {(r.kind, r.year): r for r in ReviewRound.objects.filter(movement__agency=demo)}
    assert {key for key, r in rounds.items() if r.status == RoundStatus.FINISHED} == {
        ("yearly", 2022), ("midterm", 2023), ("yearly", 2023), ("yearly", 2024), ("final", 2025), ("yearly", 2025)}
    assert rounds[("yearly", 2026)].status == RoundStatus.OPEN
    assert rounds[("yearly", 2026)].movement.code == f"thuong-xuyen-2026-{demo.pk}"
    past = Nomination.objects.filter(review_round__status=RoundStatus.FINISHED)
    assert past.exists() and not past.exclude(status__in=[NominationStatus.AGREED_DECISION,
                                                          NominationStatus.AGREED_PROVINCE,
                                                          NominationStatus.NOT_AGREED]).exists()
    assert not Nomination.objects.filter(achievement__contains=" 0 ").exists()  # no "tham gia 0 hoạt động"
