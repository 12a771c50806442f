"""What the law tests build: a movement's round, a nomination in it, a concluded Council session."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from thidua.awards.models import AgendaItem, CouncilSession, LegalRegime, Nomination, ReviewRound
from thidua.movements import services as movement_services
from thidua.movements.models import RewardForm

from ..factories import SIGNED_PLAN


def regime(code: str) -> LegalRegime:
    return LegalRegime.objects.get(code=code)


def review_round(world, *, council_on: dt.date, year: int = 2025) -> ReviewRound:
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code=f"pt-{year}",
                                                 name=f"Phong trào thi đua năm {year}", start_year=2021,
                                                 end_year=2025)
    return ReviewRound.objects.create(movement=movement, kind="yearly", year=year, name=f"Xét khen thưởng năm {year}",
                                      submit_by=council_on - dt.timedelta(days=20),
                                      check_by=council_on - dt.timedelta(days=10), council_on=council_on)


def nomination(world, review: ReviewRound, *, submitted_at: dt.datetime | None = None) -> Nomination:
    return Nomination.objects.create(
        review_round=review, unit=world.transport, agency=world.agency, recipient="individual",
        person=world.people["canbo"], form=RewardForm.objects.get(code="chien-si-thi-dua-co-so"),
        status="submitted" if submitted_at else "draft", submitted_at=submitted_at, first_submitted_at=submitted_at)


def local(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def concluded_session(world, used: LegalRegime, *, held_on: dt.date, name: str = "Phiên họp Hội đồng tháng 12",
                      nominations=()) -> CouncilSession:
    session = CouncilSession.objects.create(agency=world.agency, name=name, held_on=held_on, status="concluded",
                                            regime=used, concluded_at=local(held_on, 16))
    for order, item in enumerate(nominations):
        AgendaItem.objects.create(session=session, nomination=item, order=order)
    return session
