"""A launched movement with criteria, an open yearly round and the transport unit's nominations: what the
evaluation and review-meeting tests (and the access-rule guard's samples) stand on."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from thidua.awards.enums import RecipientKind, RoundStatus
from thidua.awards.models import Nomination, ReviewMeeting, ReviewRound, RoundForm
from thidua.movements import services as movement_services
from thidua.movements.enums import CriterionTarget, RewardTiming
from thidua.movements.models import Criterion, Movement, PlanItem, RewardForm

from ..factories import SIGNED_PLAN
from ..participation.helpers import pdf_bytes


def launched_movement(agency, *, code="vnn-danh-gia", start_year=2021, end_year=2027) -> Movement:
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=agency, code=code,
                                                 name=f"Vì người nghèo {code}", start_year=start_year,
                                                 end_year=end_year)
    PlanItem.objects.create(movement=movement, kind="content", label="a", text="Nội dung")
    movement = movement_services.move_movement(movement, "launched", actor=None)
    Criterion.objects.create(movement=movement, target=CriterionTarget.COLLECTIVE, order=1, max_score=10,
                             text="Tổ chức quán triệt, triển khai phong trào đến toàn thể cán bộ")
    Criterion.objects.create(movement=movement, target=CriterionTarget.COLLECTIVE, order=2,
                             text="Có hoạt động hỗ trợ hộ nghèo trong năm")
    Criterion.objects.create(movement=movement, target=CriterionTarget.INDIVIDUAL, order=1, max_score=20,
                             text="Tham gia ủng hộ Quỹ Vì người nghèo")
    return movement


def reward_form(code="lao-dong-tien-tien") -> RewardForm:
    form, _ = RewardForm.objects.get_or_create(code=code, defaults={"name": "Lao động tiên tiến", "is_title": True})
    return form


def open_round(movement, *, year=None, status=RoundStatus.OPEN, kind=RewardTiming.YEARLY) -> ReviewRound:
    today = timezone.localdate()
    year = year or today.year
    review_round = ReviewRound.objects.create(
        movement=movement, kind=kind, year=year, status=status, name=f"Đợt xét khen thưởng năm {year}",
        submit_by=today + dt.timedelta(days=30), check_by=today + dt.timedelta(days=40),
        council_on=today + dt.timedelta(days=50))
    RoundForm.objects.create(review_round=review_round, form=reward_form())  # the form `nominate` proposes
    return review_round


def nominate(review_round, unit, person, form=None, **kw) -> Nomination:
    return Nomination.objects.create(review_round=review_round, unit=unit, agency=review_round.movement.agency,
                                     recipient=RecipientKind.INDIVIDUAL, person=person, form=form or reward_form(),
                                     **kw)


def meeting(review_round, unit, *, chair, secretary, attendees, absentees=(), held_on=None, votes=()) -> ReviewMeeting:
    """A meeting written straight to the database (votes: (nomination, agree, disagree, abstain))."""
    m = ReviewMeeting.objects.create(review_round=review_round, unit=unit, chair=chair, secretary=secretary,
                                     held_on=held_on or timezone.localdate())
    m.attendees.set(attendees)
    m.absentees.set(absentees)
    for nomination, agree, disagree, abstain in votes:
        m.votes.create(nomination=nomination, agree=agree, disagree=disagree, abstain=abstain)
    return m


def samples(world, *, agency, unit, person, tag: str) -> dict:
    """The access-rule guard's objects for this area: a round of the agency, the unit's nomination of the person
    and a meeting of the unit that voted on it."""
    movement = launched_movement(agency, code=f"danh-gia-{tag}")
    review_round = open_round(movement)
    nomination = nominate(review_round, unit, person)
    m = meeting(review_round, unit, chair=person, secretary=person, attendees=[person],
                votes=[(nomination, 1, 0, 0)])
    m.signed_scan.save("bien-ban-da-ky.pdf", ContentFile(pdf_bytes()), save=True)
    return {"round_id": review_round.pk, "nomination_id": nomination.pk, "meeting_id": m.pk}
