"""Making and editing a nomination (đề nghị khen thưởng): the checks of `checks.nomination_problems`, the
two-people-edit guard on `Nomination.version`, women first among equals kept on every save, and the audit row.
The status is never written here: `services.move_nomination` alone moves a nomination."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.org.enums import Gender
from thidua.org.history import staff_on

from .checks import nomination_problems
from .enums import UNIT_STATES, RecipientKind
from .models import Nomination, ReviewRound
from .roles import unit_or_office

#: a collective counts as "women first" from this share of women among its staff (Luật TĐKT 2022 Điều 7)
WOMEN_SHARE = 0.7
FIELDS = ["recipient", "unit", "person", "household", "form", "achievement", "women_first"]


@dataclass
class NominationData:
    recipient: str
    form: object
    achievement: str = ""
    person: object = None
    unit: object = None
    household: object = None


def women_first(nomination: Nomination) -> bool:
    """A woman; a collective whose staff (on the round's Council day) are at least 70% women."""
    if nomination.recipient == RecipientKind.INDIVIDUAL:
        return nomination.person is not None and nomination.person.gender == Gender.FEMALE
    if nomination.recipient == RecipientKind.COLLECTIVE:
        day = min(nomination.review_round.council_on, timezone.localdate())
        staff = staff_on(nomination.unit.path, day)
        total = staff.count()
        return total > 0 and staff.filter(gender=Gender.FEMALE).count() >= WOMEN_SHARE * total
    return False


def _resolve(data: NominationData) -> NominationData:
    """The proposing unit of a person is his unit; the other recipients name theirs."""
    if data.recipient == RecipientKind.INDIVIDUAL:
        data.unit = data.person.unit if data.person is not None else None
        data.household = None
    elif data.recipient == RecipientKind.COLLECTIVE:
        data.person = data.household = None
    else:
        data.person = None
    return data


def _stale_message(nomination: Nomination) -> str:
    when = timezone.localtime(nomination.updated_at)
    return _("Đề nghị đã được người khác sửa lúc %(when)s; hãy tải lại trang rồi sửa tiếp (nội dung bạn vừa "
             "nhập chưa được lưu).") % {"when": when.strftime("%H:%M %d/%m/%Y")}


def _lock_round(review_round_id: int) -> None:
    """Nominations of a round are made one at a time: two people (or two clicks) cannot both pass the duplicate and
    quota checks and both save (the round's row is the lock; SQLite serialises writes anyway)."""
    list(ReviewRound.objects.select_for_update().filter(pk=review_round_id).values_list("pk", flat=True))


@transaction.atomic
def create_nomination(review_round: ReviewRound, data: NominationData, *, actor) -> Nomination:
    _lock_round(review_round.pk)
    data = _resolve(data)
    problems = nomination_problems(review_round, actor=actor, recipient=data.recipient, unit=data.unit,
                                   person=data.person, household=data.household, form=data.form)
    if problems:
        raise ValidationError(problems)
    nomination = Nomination(review_round=review_round, agency_id=review_round.movement.agency_id,
                            recipient=data.recipient, unit=data.unit, person=data.person, household=data.household,
                            form=data.form, achievement=data.achievement, created_by=actor)
    nomination.women_first = women_first(nomination)
    nomination.save()
    audit.created(nomination, FIELDS, actor=actor)
    return nomination


@transaction.atomic
def edit_nomination(nomination: Nomination, data: NominationData, *, actor, version: int) -> Nomination:
    """Save an edit made on the page loaded at `version`; refused (nothing written) when someone saved in between,
    when the nomination is no longer with the unit, or when the new content breaks a rule."""
    _lock_round(nomination.review_round_id)
    nomination = (Nomination.objects.select_for_update(of=("self",)).select_related("review_round__movement", "unit", "person")
                  .get(pk=nomination.pk))
    if nomination.version != version:
        raise ValidationError(_stale_message(nomination), code="stale")
    if nomination.status not in UNIT_STATES:
        raise ValidationError(_("Đề nghị đang ở bước “%(state)s”: đơn vị không sửa được nữa.") % {
            "state": nomination.get_status_display()})
    if not unit_or_office(actor, nomination):
        raise PermissionDenied
    data = _resolve(data)
    problems = nomination_problems(nomination.review_round, actor=actor, recipient=data.recipient, unit=data.unit,
                                   person=data.person, household=data.household, form=data.form,
                                   nomination=nomination)
    if problems:
        raise ValidationError(problems)
    before = audit.snapshot(nomination, FIELDS)
    nomination.recipient, nomination.unit, nomination.person = data.recipient, data.unit, data.person
    nomination.household, nomination.form, nomination.achievement = data.household, data.form, data.achievement
    nomination.women_first = women_first(nomination)
    nomination.version += 1
    nomination.save()
    audit.changed(nomination, before, actor=actor)
    return nomination


def updated_label(value: dt.datetime) -> str:
    return timezone.localtime(value).strftime("%H:%M %d/%m/%Y")
