"""Recusal by the proposing unit: a Council member who belongs to the unit that proposes a nomination (a household
it supports, a person of a team under it) does not vote on it — the unit's own items."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.awards import council
from thidua.awards.enums import NominationStatus, RecipientKind, VoteChoice
from thidua.awards.models import Nomination, Recusal, Vote

from ..participation.helpers import household
from . import council_factories as f

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 25)


def _household_nomination(rnd, unit, home):
    sent = f.accepted(rnd, unit=unit)  # a collective one, turned into the unit's proposal for the household
    Nomination.objects.filter(pk=sent.pk).update(recipient=RecipientKind.HOUSEHOLD, household=home)
    sent.refresh_from_db()
    return sent


def test_a_member_of_the_proposing_unit_is_recused_on_its_household_and_its_teams_people(board, world):
    colleague = f.member(board.agency, world.transport, name="Hà Văn Đồng")
    rnd = f.review_round(board.agency, year=2025)
    home = household(world)
    for_household = _household_nomination(rnd, world.transport, home)
    for_team_person = f.accepted(rnd, person=world.people["team"], unit=world.transport)
    elsewhere = f.accepted(rnd, unit=world.planning)
    session = f.session(board.agency, held_on=DAY, nominations=[for_household, for_team_person, elsewhere],
                        actor=board.office)
    board.start(session)
    items = {i.nomination_id: i for i in session.items.all()}
    recused = set(Recusal.objects.filter(member__user=colleague).values_list("item__nomination_id", flat=True))
    assert recused == {for_household.pk, for_team_person.pk}
    for nomination in (for_household, for_team_person):
        with pytest.raises(ValidationError) as exc:
            council.cast_vote(items[nomination.pk], colleague, VoteChoice.AGREE, actor=colleague)
        assert "không tham gia biểu quyết" in " ".join(exc.value.messages)
    assert not Vote.objects.filter(member__user=colleague).exists()
    council.cast_vote(items[elsewhere.pk], colleague, VoteChoice.AGREE, actor=colleague)
    assert items[elsewhere.pk].nomination.status == NominationStatus.ON_AGENDA
