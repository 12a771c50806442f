"""Rounds, nominations and their dossiers for the awards tests (generic: any area may use them)."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.base import ContentFile
from django.utils import timezone

from thidua.awards.dossier import CheckedDossierFile, add_file, missing_items
from thidua.awards.enums import RecipientKind, RoundStatus
from thidua.awards.models import (
    Discipline,
    MeetingVote,
    Nomination,
    Rating,
    ReviewMeeting,
    ReviewRound,
    RoundForm,
)
from thidua.movements import services as movement_services
from thidua.movements.models import RewardForm
from thidua.participation.registrations.enums import RegistrationStatus
from thidua.participation.registrations.models import Registration, RegistrationEntry

from ..factories import SIGNED_PLAN

FORMS = ("lao-dong-tien-tien", "chien-si-thi-dua-co-so", "tap-the-lao-dong-tien-tien", "giay-khen-giam-doc-so")


def reward_form(code: str) -> RewardForm:
    return RewardForm.objects.get(code=code)


def make_movement(agency, code: str = "phong-trao-thu"):
    return movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=agency, code=code,
                                             name=f"Phong trào {code}", start_year=2021, end_year=2030)


def make_round(agency, *, movement=None, status: str = RoundStatus.OPEN, year: int | None = None,
               kind: str = "yearly", forms=FORMS, submit_in: int = 30, quotas: dict | None = None,
               code: str = "phong-trao-thu") -> ReviewRound:
    today = timezone.localdate()
    movement = movement or make_movement(agency, code)
    review_round = ReviewRound.objects.create(
        movement=movement, kind=kind, year=year or today.year, name=f"Đợt xét năm {year or today.year}",
        submit_by=today + dt.timedelta(days=submit_in), check_by=today + dt.timedelta(days=submit_in + 10),
        council_on=today + dt.timedelta(days=submit_in + 20), status=status)
    for order, code_ in enumerate(forms):
        RoundForm.objects.create(review_round=review_round, form=reward_form(code_), order=order,
                                 quota=(quotas or {}).get(code_))
    return review_round


def register(person, movement, year: int, *, title_code: str | None = None,
             status: str = RegistrationStatus.APPROVED) -> RegistrationEntry:
    registration, _ = Registration.objects.get_or_create(movement=movement, year=year, unit=person.unit,
                                                         defaults={"status": status})
    return RegistrationEntry.objects.create(registration=registration, person=person,
                                            title=reward_form(title_code) if title_code else None)


def make_nomination(review_round, *, person=None, unit=None, household=None, form_code: str = "giay-khen-giam-doc-so",
                    status: str = "draft", creator=None, **kw) -> Nomination:
    """A nomination written directly (the service's checks are the tests' subject elsewhere)."""
    if household is not None:
        recipient = RecipientKind.HOUSEHOLD
    elif person is not None:
        recipient, unit = RecipientKind.INDIVIDUAL, person.unit
    else:
        recipient = RecipientKind.COLLECTIVE
    return Nomination.objects.create(
        review_round=review_round, unit=unit, agency_id=review_round.movement.agency_id, recipient=recipient,
        person=person, household=household, form=reward_form(form_code), status=status,
        achievement=kw.pop("achievement", "Hoàn thành xuất sắc nhiệm vụ; tham gia 05 hoạt động hỗ trợ hộ nghèo."),
        created_by=creator, **kw)


def pass_meeting(nomination, chair, attendees: list) -> MeetingVote:
    meeting = ReviewMeeting.objects.create(review_round=nomination.review_round, unit=nomination.unit,
                                           held_on=timezone.localdate(), chair=chair, secretary=chair)
    meeting.attendees.set(attendees)
    return MeetingVote.objects.create(meeting=meeting, nomination=nomination, agree=len(attendees), disagree=0)


def pdf_file(name: str = "ho-so.pdf") -> CheckedDossierFile:
    from ..participation.helpers import pdf_bytes

    return CheckedDossierFile(name, pdf_bytes(), "pdf")


def complete_dossier(nomination, actor=None) -> None:
    for item in missing_items(nomination):
        add_file(nomination, item.part, pdf_file(), actor=actor)


def ready_to_submit(nomination, world) -> Nomination:
    """A unit meeting that agreed and every required dossier part, so that the unit may submit it."""
    pass_meeting(nomination, world.people["truongphong"], [world.people["truongphong"], world.people["canbo"],
                                                           world.people["canbo2"]])
    complete_dossier(nomination)
    return nomination


def docx_bytes(text: str = "Báo cáo thành tích") -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def upload(data: bytes, name: str) -> ContentFile:
    return ContentFile(data, name=name)


def disciplined_nomination(world) -> Nomination:
    """A draft Lao động tiên tiến nomination in an open round of this year, ready to send, of a registered good
    worker reprimanded in the year: one not-met eligibility rule (the discipline), so going on needs a
    justification."""
    rnd = make_round(world.agency, forms=("lao-dong-tien-tien",))
    canbo = world.people["canbo"]
    register(canbo, rnd.movement, rnd.year)
    Rating.objects.create(person=canbo, year=rnd.year, grade="good", confirmed_at=timezone.now())
    Discipline.objects.create(person=canbo, form="reprimand", decision_number="7/QĐ-SGTVT",
                              decision_date=dt.date(rnd.year, 2, 1), start_date=dt.date(rnd.year, 2, 1),
                              end_date=dt.date(rnd.year + 1, 1, 31))
    return ready_to_submit(make_nomination(rnd, person=canbo, form_code="lao-dong-tien-tien",
                                           creator=world.users["truongphong"]), world)
