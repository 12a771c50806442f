"""A proposal sent to the province, for the access-rule tables (tests/test_access_rules.py)."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile

from thidua.awards import forwarding, services
from thidua.awards.enums import ProposalStatus
from thidua.awards.models import HigherDecision

from .award_factories import agreed


def proposal_samples(review_round, person, secretariat) -> dict:
    """A tờ trình of `review_round`'s agency for `person`'s provincial Bằng khen, sent to the province."""
    nomination = agreed(review_round, person=person, form="bang-khen-chu-tich-ubnd-tinh", upward=True)
    proposal = forwarding.create_proposal(review_round, [nomination], actor=secretariat,
                                          issued_on=max(review_round.council_on, dt.date(2025, 1, 5)))
    services.move_proposal(proposal, ProposalStatus.SENT, actor=secretariat)
    # a higher-level decision's scan as recorded on it (the proposal page's download)
    higher = HigherDecision(proposal=proposal, number="1/QĐ-UBND", issued_on=proposal.issued_on,
                            authority="Chủ tịch UBND tỉnh", form=nomination.form, recorded_by=secretariat)
    higher.scan.save("qd-1.pdf", ContentFile(b"%PDF-1.4\n"), save=False)
    higher.save()
    return {"proposal_id": proposal.pk, "item_id": proposal.items.get().pk, "higher_id": higher.pk}


def comment_samples(review_round, person, secretariat) -> dict:
    """A draft tờ trình of `review_round`'s agency for `person`'s Huân chương Lao động hạng Ba, with its public
    comment window open from today (the triage page, the public window's page)."""
    from thidua.awards import public_comment

    nomination = agreed(review_round, person=person, form="huan-chuong-lao-dong-hang-ba", upward=True)
    proposal = forwarding.create_proposal(review_round, [nomination], actor=secretariat,
                                          issued_on=max(review_round.council_on, dt.date(2025, 1, 5)))
    window = public_comment.open_window(proposal, days=10, actor=secretariat)
    return {"window_id": window.pk}
