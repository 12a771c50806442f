"""The demo's evaluations and review meeting (awards/demo/meetings.py): scores with real evidence in every round,
the transport unit's full meeting in the 2026 yearly round with one nominee below the majority, the minutes in
the dossiers — and a second load adds nothing."""

from __future__ import annotations

import pytest

from thidua.awards.demo import DemoContext
from thidua.awards.demo import meetings as demo
from thidua.awards.enums import DossierPart
from thidua.awards.meetings import meeting_problem, passes
from thidua.awards.models import DossierFile, Evaluation, MeetingVote, Nomination, ReviewMeeting, RoundForm

from .meeting_helpers import launched_movement, nominate, open_round, reward_form

pytestmark = pytest.mark.django_db


def test_the_demo_scores_the_units_and_holds_the_transport_units_meeting(world):
    movement = launched_movement(world.agency)
    rounds = {"yearly-2024": open_round(movement, year=2024), "yearly-2026": open_round(movement, year=2026)}
    RoundForm.objects.get_or_create(review_round=rounds["yearly-2026"], form=reward_form())
    an = nominate(rounds["yearly-2026"], world.transport, world.people["canbo"])
    ctx = DemoContext(agency=world.agency, movement=movement, rounds=rounds, nominations={"an": an},
                      out=lambda text: None)
    demo.load(ctx)
    assert Evaluation.objects.filter(review_round=rounds["yearly-2024"], nomination=None,
                                     unit=world.planning).count() == 2
    assert Evaluation.objects.filter(nomination=an).exists()
    assert "Hoạt động hỗ trợ người nghèo" in Evaluation.objects.filter(unit=world.transport).first().evidence
    meeting = ctx.meetings["yearly-2026"]
    assert meeting.unit == world.transport and meeting.chair == world.people["truongphong"]
    present = meeting.attendees.count()
    assert present >= 3 and meeting.absentees.exists()
    assert not set(meeting.attendees.all()) & set(meeting.absentees.all())
    votes = list(MeetingVote.objects.filter(meeting=meeting))
    assert len(votes) == 2 and all(v.agree + v.disagree + v.abstain <= present for v in votes)
    assert [passes(v, present) for v in sorted(votes, key=lambda v: v.nomination_id)] == [True, False]
    below = Nomination.objects.exclude(pk=an.pk).get()
    assert meeting_problem(below) and meeting_problem(an) is None
    assert DossierFile.objects.filter(part=DossierPart.UNIT_MINUTES, generated=True).count() == 2
    demo.load(DemoContext(agency=world.agency, movement=movement, rounds=rounds, nominations={"an": an},
                          out=lambda text: None))
    assert ReviewMeeting.objects.count() == 1 and Nomination.objects.count() == 2
    assert DossierFile.objects.count() == 2


def test_missing_rounds_are_skipped(world):
    movement = launched_movement(world.agency)
    demo.load(DemoContext(agency=world.agency, movement=movement, out=lambda text: None))
    assert not Evaluation.objects.exists() and not ReviewMeeting.objects.exists()
