"""The nominations demo: in each round the rounds area made, nominations of persons, a unit and a household in
every unit-side and Office-side state, with generated dossiers, taken along the path by the transition function."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from thidua.awards.demo import DemoContext
from thidua.awards.demo import nominations as demo
from thidua.awards.enums import NominationStatus as S
from thidua.awards.models import DossierFile, Nomination

from ..participation.helpers import household
from .factories import make_round, register

pytestmark = pytest.mark.django_db


def test_the_demo_fills_every_state_and_registers_the_nominations(world):
    review_round = make_round(world.agency, forms=["lao-dong-tien-tien", "giay-khen-giam-doc-so",
                                                   "tap-the-lao-dong-tien-tien"])
    closed = make_round(world.agency, status="closed", code="phong-trao-cu")
    # a round of years ago, left open by the rounds' demo: its nominations are dated inside its period
    past = make_round(world.agency, movement=review_round.movement, year=review_round.year - 1, submit_in=-300,
                      forms=["giay-khen-giam-doc-so"])
    past.opened_at = timezone.now() - dt.timedelta(days=330)
    past.save(update_fields=["opened_at"])
    register(world.people["canbo"], review_round.movement, review_round.year)
    household(world)
    ctx = DemoContext(agency=world.agency, movement=review_round.movement, out=lambda _text: None,
                      rounds={"yearly-2026": review_round, "yearly-2024": closed, "yearly-2023": past})
    demo.load(ctx)
    statuses = set(Nomination.objects.filter(review_round=review_round).values_list("status", flat=True))
    assert {S.DRAFT, S.SUBMITTED, S.RETURNED, S.ACCEPTED} <= statuses
    assert not Nomination.objects.filter(review_round=closed).exists()
    sent = Nomination.objects.filter(review_round=past, status=S.ACCEPTED)
    assert sent.exists() and all(n.submitted_at.date() <= past.submit_by for n in sent)
    assert ctx.nominations["yearly-2023/accepted-1"].review_round == past
    assert ctx.nominations["accepted-1"].status == S.ACCEPTED
    assert ctx.nominations["returned-1"].steps.filter(target=S.RETURNED).exclude(reason="").exists()
    recipients = set(Nomination.objects.filter(review_round=review_round).values_list("recipient", flat=True))
    assert recipients == {"individual", "collective", "household"}
    accepted = ctx.nominations["accepted-1"]
    assert DossierFile.objects.filter(nomination=accepted, generated=True, filename__endswith=".docx").exists()
    assert accepted.meeting_votes.exists()
    # loading again adds nothing
    before = Nomination.objects.count()
    demo.load(DemoContext(agency=world.agency, movement=review_round.movement, out=lambda _text: None,
                          rounds={"yearly-2026": review_round}))
    assert Nomination.objects.count() == before


def test_a_demo_justification_names_the_rules_not_met(world):
    """Where the demo goes on past a rule not met, the unit's and the Office's justifications name that rule with
    what the system found, as an official would write them."""
    from thidua.awards.demo.nominations import justified
    from thidua.awards.eligibility.checks import NOT_MET
    from thidua.awards.eligibility_panel import panel_for

    review_round = make_round(world.agency, forms=["chien-si-thi-dua-co-so"])
    from .factories import make_nomination

    nomination = make_nomination(review_round, person=world.people["canbo"], form_code="chien-si-thi-dua-co-so")
    panel = panel_for(nomination, justifications=False)
    missed = [r for r in panel.rules if r.counts and r.result == NOT_MET]
    assert missed  # no initiative recorded for the year: Chiến sĩ thi đua cơ sở's initiative rule is not met
    text = justified(nomination, S.SUBMITTED)
    assert text.startswith("Tiêu chí chưa đạt: “") and all(f"“{r.rule}” ({r.detail.rstrip('.')})" in text
                                                           for r in missed)
