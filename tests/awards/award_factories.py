"""Nominations the Council agreed, for the Commendation II tests (decisions, certificates, history, forwarding,
the honour roll). Written directly — the Council's path to its result is the subject of the council tests — but
shaped as that path leaves them: a concluded session dated `held_on` whose agenda item holds the result."""

from __future__ import annotations

import datetime as dt

from thidua.awards.enums import NominationStatus, RecipientKind, SessionStatus
from thidua.awards.models import AgendaItem, CouncilSession, Nomination, ReviewRound

from . import council_factories as cf

#: the forms the agency's Director decides, and those proposed upward
WITHIN = {"giay-khen-giam-doc-so": True, "chien-si-thi-dua-co-so": True, "lao-dong-tien-tien": True,
          "tap-the-lao-dong-tien-tien": True, "bang-khen-chu-tich-ubnd-tinh": False, "bang-khen-thu-tuong": False}


def agreed_round(agency, *, year: int = 2025, kind: str = "yearly", movement=None) -> ReviewRound:
    return cf.review_round(agency, year=year, kind=kind, movement=movement, within_authority=WITHIN)


def concluded_session(agency, held_on: dt.date) -> CouncilSession:
    return CouncilSession.objects.create(agency=agency, name=f"Phiên họp Hội đồng ngày {held_on:%d/%m/%Y}",
                                         held_on=held_on, status=SessionStatus.CONCLUDED)


def agreed(rnd: ReviewRound, *, person=None, unit=None, household=None, form: str = "giay-khen-giam-doc-so",
           session: CouncilSession | None = None, upward: bool = False, result: str | None = None) -> Nomination:
    """A nomination of `rnd` the Council agreed (for the Director's decision, or `upward` for the province) in a
    concluded `session` (made on the round's Council day when not given). `result` overrides (e.g. not agreed)."""
    session = session or concluded_session(rnd.movement.agency, rnd.council_on)
    if household is not None:
        nomination = cf.accepted(rnd, unit=unit, form=form)
        Nomination.objects.filter(pk=nomination.pk).update(recipient=RecipientKind.HOUSEHOLD, household=household,
                                                           person=None)
    else:
        nomination = cf.accepted(rnd, person=person, unit=unit, form=form)
    status = result or (NominationStatus.AGREED_PROVINCE if upward else NominationStatus.AGREED_DECISION)
    AgendaItem.objects.create(session=session, nomination=nomination, order=nomination.pk, result=status)
    Nomination.objects.filter(pk=nomination.pk).update(status=status)
    nomination.refresh_from_db()
    return nomination
