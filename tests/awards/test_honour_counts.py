"""The public honour roll's index (issue 10): its counts per movement, year and kind are kept as the roll changes —
a decision published, a provincial decision recorded, a decision no longer published or an award revoked — and are
always what the awards that stand add up to."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from thidua.awards import decisions, forwarding, honour, services, signing
from thidua.awards.enums import DecisionStatus, ProposalStatus, SignerRole
from thidua.awards.models import Award, Decision
from thidua.movements.models import RewardForm

from .award_factories import agreed, agreed_round
from .test_honour import launched

pytestmark = pytest.mark.django_db

YEAR = 2024


@pytest.fixture
def rnd(world):
    """A round of a launched (public) movement; the Council sat on 25/01/2025."""
    return agreed_round(world.agency, year=YEAR, movement=launched(world.agency))


def index() -> str:
    return Client().get(reverse("awards:honour_index")).content.decode()


def roll_url(rnd) -> str:
    return reverse("awards:honour_roll", args=[rnd.movement_id, YEAR])


def signed_decision(rnd, world, nominations) -> Decision:
    office = world.users["vanphong"]
    draft = decisions.draft_decision(rnd, nominations, actor=office, issued_on=dt.date(2025, 2, 10))
    decisions.update_draft(draft, actor=office, signer_role=SignerRole.DEPUTY, signer_name="Lương Văn Hải")
    return services.move_decision(draft, DecisionStatus.SIGNED, actor=office)


def test_publishing_a_decision_puts_its_awards_on_the_index_and_taking_it_back_removes_them(world, rnd):
    signing.install_identity(world.agency, signing.make_self_signed(world.agency), "", actor=None)
    decision = signed_decision(rnd, world, [agreed(rnd, person=world.people["canbo"]),
                                            agreed(rnd, person=world.people["canbo2"]),
                                            agreed(rnd, unit=world.planning, form="tap-the-lao-dong-tien-tien")])
    assert roll_url(rnd) not in index()  # signed, not yet published
    services.move_decision(decision, DecisionStatus.PUBLISHED, actor=world.users["vanphong"])
    html = index()
    assert roll_url(rnd) in html and "Cá nhân: 2" in html and "Tập thể: 1" in html
    # an award revoked (issue 11): the roll refreshed, one individual fewer
    Award.objects.filter(decision=decision, person=world.people["canbo2"]).update(revoked_on=dt.date(2025, 6, 1))
    honour.refresh_roll(rnd.movement_id, YEAR)
    html = index()
    assert "Cá nhân: 1" in html and "Tập thể: 1" in html
    # the decision no longer published: nothing of it on the index
    Decision.objects.filter(pk=decision.pk).update(status=DecisionStatus.SIGNED)
    honour.refresh_roll(rnd.movement_id, YEAR)
    assert roll_url(rnd) not in index()


def test_a_recorded_provincial_decision_is_on_the_index_at_once(world, rnd):
    nomination = agreed(rnd, person=world.people["canbo"], form="bang-khen-chu-tich-ubnd-tinh", upward=True)
    proposal = forwarding.create_proposal(rnd, [nomination], actor=world.users["vanphong"],
                                          issued_on=dt.date(2025, 2, 2))
    services.move_proposal(proposal, ProposalStatus.SENT, actor=world.users["vanphong"])
    assert roll_url(rnd) not in index()
    forwarding.record_decision(proposal, number="9/QĐ-UBND", issued_on=dt.date(2025, 3, 1),
                               authority="Chủ tịch UBND tỉnh", form=RewardForm.objects.get(
                                   code="bang-khen-chu-tich-ubnd-tinh"),
                               awarded_ids=[proposal.items.get().pk], actor=world.users["tinh"])
    html = index()
    assert roll_url(rnd) in html and "Cá nhân: 1" in html
