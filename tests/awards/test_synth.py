"""The synthetic commendation load (thidua synth, thidua bench) at a small scale: every synthetic agency's rounds,
ratings for every synthetic person and year, nominations in every state, Council sessions with their votes."""

from __future__ import annotations

import pytest
from django.db import transaction
from django.db.models import Count, F

from thidua.awards import consolidated
from thidua.awards.models import (
    AgendaItem,
    Ballot,
    CouncilSession,
    Nomination,
    Rating,
    Recusal,
    ReviewRound,
    SessionMember,
    Vote,
)
from thidua.awards.synth import largest_consolidated_round, synth_awards
from thidua.movements.synth import synth_movements
from thidua.org.enums import AGENCY_KINDS
from thidua.org.models import OrgUnit, Person
from thidua.org.synth import SynthRefused, synth

N, VOTES, BIG = 600, 3000, 150


@pytest.fixture
def province(db):
    synth(agencies=3, staff=400, out=lambda *a: None)
    synth_movements(out=lambda *a: None)


def fingerprint() -> list[tuple]:
    return list(Nomination.objects.order_by("id").values_list("review_round__name", "unit__name", "person__full_name",
                                                              "form__code", "status", "women_first"))


@pytest.mark.django_db
def test_the_synthetic_load_has_rounds_ratings_nominations_in_every_state_and_the_votes(province):
    result = synth_awards(nominations=N, votes=VOTES, big_round=BIG, out=lambda *a: None)
    agencies = OrgUnit.objects.filter(code__startswith="SYN-", kind__in=AGENCY_KINDS)
    assert ReviewRound.objects.filter(movement__agency__in=agencies).count() == 6 * agencies.count() == result["rounds"]
    people = Person.objects.filter(unit__agency__in=agencies, is_active=True).count()
    assert Rating.objects.filter(person__isnull=False).count() == 4 * people
    assert Rating.objects.filter(person__isnull=True).count() > 0
    assert Nomination.objects.count() == N and result["votes"] == Vote.objects.count() == VOTES
    assert set(Nomination.objects.values_list("status", flat=True)) == {
        "draft", "submitted", "returned", "accepted", "on_agenda", "agreed_decision", "agreed_province", "not_agreed"}
    # a nomination belongs to its round's agency, and an individual's unit is his own
    assert not Nomination.objects.exclude(agency=F("review_round__movement__agency")).exists()
    assert not Nomination.objects.filter(recipient="individual").exclude(unit=F("person__unit")).exists()
    # every item on an agenda is a nomination that reached the Council; sessions still voting have open ballots
    assert AgendaItem.objects.count() == Nomination.objects.filter(
        status__in=["on_agenda", "agreed_decision", "agreed_province", "not_agreed"]).count()
    assert CouncilSession.objects.filter(status="voting").exists()
    assert Ballot.objects.filter(closed_at__isnull=True, item__session__status="voting").exists()
    assert not Ballot.objects.filter(closed_at__isnull=True, item__session__status="concluded").exists()
    assert Ballot.objects.filter(number=2).exists()  # re-votes keep the first ballot
    assert SessionMember.objects.values("session").annotate(n=Count("id")).filter(n=11).count() == \
        CouncilSession.objects.count()
    # a recused member never votes on his item
    assert Recusal.objects.exists()
    assert not Vote.objects.filter(ballot__item__recusals__member=F("member")).exists()
    assert Vote.objects.filter(mode="written").exists()
    # the largest consolidated list is the reviewed round of the largest agency
    big = largest_consolidated_round()
    assert big.status == "reviewed" and big.kind == "final"
    assert Nomination.objects.filter(review_round=big).count() >= BIG
    admin = SessionMember.objects.first().user
    admin.is_superuser = True
    assert len(consolidated.consolidated(admin, big)) >= BIG
    with pytest.raises(SynthRefused):
        synth_awards(nominations=10, votes=10, out=lambda *a: None)


@pytest.mark.django_db
def test_the_same_seed_makes_the_same_data(province):
    runs = []
    for _ in range(2):
        with transaction.atomic():
            synth_awards(nominations=200, votes=500, big_round=40, out=lambda *a: None)
            runs.append(fingerprint())
            transaction.set_rollback(True)
    assert runs[0] == runs[1] and len(runs[0]) == 200
