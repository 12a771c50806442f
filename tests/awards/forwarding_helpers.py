"""A proposal sent to the province, for the access-rule tables (tests/test_access_rules.py)."""

from __future__ import annotations

import datetime as dt

from thidua.awards import forwarding, services
from thidua.awards.enums import ProposalStatus

from .award_factories import agreed


def proposal_samples(review_round, person, secretariat) -> dict:
    """A tờ trình of `review_round`'s agency for `person`'s provincial Bằng khen, sent to the province."""
    nomination = agreed(review_round, person=person, form="bang-khen-chu-tich-ubnd-tinh", upward=True)
    proposal = forwarding.create_proposal(review_round, [nomination], actor=secretariat,
                                          issued_on=max(review_round.council_on, dt.date(2025, 1, 5)))
    services.move_proposal(proposal, ProposalStatus.SENT, actor=secretariat)
    return {"proposal_id": proposal.pk, "item_id": proposal.items.get().pk}
