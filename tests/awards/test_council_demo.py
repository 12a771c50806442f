"""The Council's demo: members from role grants dated from the plan's launch, concluded sessions for the rounds of
2022–2024 with their votes (a written vote, a re-vote, a nomination not agreed), and the 2025 session in vote where
"hoidong" has items waiting and a recusal shows."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from thidua.awards import council
from thidua.awards.demo import load_awards_demo
from thidua.awards.enums import NominationStatus, SessionStatus, VoteMode
from thidua.awards.models import AgendaItem, Ballot, CouncilSession, Nomination, Recusal, Vote
from thidua.core.models import Notification
from thidua.movements.demo import CODE, load_movements_demo
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
        load_awards_demo(agency, movement, out=lambda s: None)
    return agency


def test_the_demo_has_concluded_sessions_and_one_in_vote_with_work_for_hoidong(demo):
    sessions = list(CouncilSession.objects.filter(agency=demo).order_by("held_on"))
    # 2022, sơ kết 2023, 2023, 2024 and tổng kết 2025 concluded; 2025 in vote
    assert [s.status for s in sessions] == [SessionStatus.CONCLUDED] * 5 + [SessionStatus.VOTING]
    hoidong = get_user_model().objects.get(username="hoidong")
    assert len(council.items_to_vote(hoidong)) >= 2
    assert Notification.objects.filter(user=hoidong, read_at__isnull=True, text__contains="2025").exists()
    assert not Notification.objects.filter(user=hoidong, read_at__isnull=True, text__contains="năm 2022").exists()
    results = set(AgendaItem.objects.filter(session__in=sessions[:5]).values_list("result", flat=True))
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


def test_the_past_rounds_are_finished_and_only_the_2025_round_is_at_work(demo):
    from thidua.awards.enums import RoundStatus
    from thidua.awards.models import ReviewRound

    rounds = {(r.kind, r.year): r for r in ReviewRound.objects.filter(movement__agency=demo)}
    assert {key for key, r in rounds.items() if r.status == RoundStatus.FINISHED} == {
        ("yearly", 2022), ("midterm", 2023), ("yearly", 2023), ("yearly", 2024), ("final", 2025)}
    assert rounds[("yearly", 2025)].status == RoundStatus.OPEN
    past = Nomination.objects.filter(review_round__status=RoundStatus.FINISHED)
    assert past.exists() and not past.exclude(status__in=[NominationStatus.AGREED_DECISION,
                                                          NominationStatus.AGREED_PROVINCE,
                                                          NominationStatus.NOT_AGREED]).exists()
    assert not Nomination.objects.filter(achievement__contains=" 0 ").exists()  # no "tham gia 0 hoạt động"
