"""Factories for the commendation side's tests: a movement with a review round, accepted nominations, Council
members with role grants dated from a given day, and sessions."""

from __future__ import annotations

import datetime as dt
import itertools

from django.utils import timezone

from thidua.awards import council
from thidua.awards.enums import NominationStatus, RecipientKind
from thidua.awards.models import Nomination, ReviewRound, RoundForm
from thidua.movements import services as movement_services
from thidua.movements.models import RewardForm
from thidua.org import services as org_services
from thidua.org.enums import Role
from thidua.org.models import RoleGrant

from ..factories import SIGNED_PLAN, UserFactory

_seq = itertools.count(1)
#: grants made by these factories hold from this day (the sessions of 2023–2026 find them)
COUNCIL_SINCE = dt.datetime(2020, 1, 1, 9, tzinfo=dt.UTC)


def reward_form(code: str) -> RewardForm:
    return RewardForm.objects.get(code=code)


def review_round(agency, *, year: int = 2025, within_authority: dict | None = None, kind: str = "yearly",
                 movement=None) -> ReviewRound:
    """A round of a launched movement of the agency with Giấy khen, CSTĐ cơ sở, LĐTT (the Director's) and Bằng
    khen (upward) in play."""
    n = next(_seq)
    if movement is None:
        movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=agency, code=f"pt-hd-{n}",
                                                     name=f"Phong trào thi đua {n}", start_year=2021,
                                                     end_year=2026)
    rnd = ReviewRound.objects.create(movement=movement, kind=kind, year=year, name=f"Xét khen thưởng năm {year} ({n})",
                                     submit_by=dt.date(year + 1, 1, 10), check_by=dt.date(year + 1, 1, 20),
                                     council_on=dt.date(year + 1, 1, 25))
    authority = {"giay-khen-giam-doc-so": True, "chien-si-thi-dua-co-so": True, "lao-dong-tien-tien": True,
                 "bang-khen-chu-tich-ubnd-tinh": False} | (within_authority or {})
    for order, (code, within) in enumerate(authority.items()):
        RoundForm.objects.create(review_round=rnd, form=reward_form(code), within_authority=within, order=order)
    return rnd


def accepted(rnd: ReviewRound, *, person=None, unit=None, form: str = "giay-khen-giam-doc-so",
             submitted_on: dt.date | None = None) -> Nomination:
    """An accepted nomination (its dossier checked by the Office), for a person or, without one, for the unit."""
    sent = timezone.make_aware(dt.datetime.combine(submitted_on or dt.date(rnd.year + 1, 1, 5), dt.time(9)))
    if person is not None:
        unit = unit or person.unit
    return Nomination.objects.create(
        review_round=rnd, unit=unit, agency=rnd.movement.agency,
        recipient=RecipientKind.INDIVIDUAL if person is not None else RecipientKind.COLLECTIVE, person=person,
        form=reward_form(form), achievement="Hoàn thành xuất sắc nhiệm vụ", status=NominationStatus.ACCEPTED,
        submitted_at=sent, first_submitted_at=sent)


def member(agency, unit, *, role: str = Role.COUNCIL_MEMBER, name: str | None = None, since=COUNCIL_SINCE):
    """A Council member: a person of `unit` with an account and the role on the agency, granted on `since`."""
    n = next(_seq)
    person = org_services.create_person(actor=None, unit=unit, full_name=name or f"Thành viên Hội đồng {n}",
                                        gender="male", birth_date=dt.date(1975, 1, 1), employment_type="cong_chuc",
                                        start_date=dt.date(2015, 1, 1))
    user = UserFactory(username=f"hoidong{n}")
    person.user = user
    person.save(update_fields=["user"])
    grant = org_services.grant_role(user, role, agency, actor=None)
    RoleGrant.objects.filter(pk=grant.pk).update(granted_at=since)
    return user


def backdate_council(agency, since=COUNCIL_SINCE) -> None:
    RoleGrant.objects.filter(unit=agency, role__in=[Role.COUNCIL_CHAIR, Role.COUNCIL_VICE_CHAIR,
                                                    Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY]).update(
        granted_at=since)


def session(agency, *, held_on: dt.date = dt.date(2026, 1, 25), nominations=(), actor=None, name: str = ""):
    s = council.create_session(agency, actor=actor, name=name or f"Phiên họp Hội đồng {next(_seq)}",
                               held_on=held_on, place="Phòng họp tầng 2")
    for nomination in nominations:
        council.add_to_agenda(s, nomination, actor=actor)
    return s
