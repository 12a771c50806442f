"""Working days (ngày làm việc): Monday to Friday, less Vietnam's public holidays and Tết as the `holidays` library
keeps them (with the bridge days off and the Saturdays worked in exchange that it knows), then the days the Office
set apart (`CalendarDay`: a make-up working day or an extra day off), which win.

A deadline "within N working days of D" is the N-th working day after D (D itself is not counted)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit
from .models import AuditAction, CalendarDay, CalendarDayKind
from .text import nfc

#: the years the Office may set a day apart in: the library's holidays of Vietnam run from well before; a
#: make-up day is announced at most a year or so ahead
FIRST_YEAR, YEARS_AHEAD = 2000, 2
#: the longest stretch a deadline is looked for (a year of days off would be a mistake in the data)
_SEARCH_LIMIT = 400


@dataclass(frozen=True)
class Day:
    day: dt.date
    working: bool
    name: str  # why it is off, or why a weekend day is worked; "" for an ordinary day
    set_by_office: CalendarDay | None = None


class Calendar:
    """The working-day calendar, reading the Office's days once; the holidays of a year are loaded when first
    asked."""

    def __init__(self, overrides=None):
        if overrides is None:
            overrides = CalendarDay.objects.filter(withdrawn_at__isnull=True)
        self._overrides = {o.day: o for o in overrides}
        self._library = holidays.country_holidays("VN", language="vi")

    def _library_day(self, day: dt.date) -> tuple[bool, str]:
        name = self._library.get(day)  # loads the year's holidays and weekend workdays
        if name:
            return False, name
        if day in getattr(self._library, "weekend_workdays", ()):
            return True, _("Làm bù theo lịch nghỉ lễ")
        return day.weekday() < 5, ""

    def describe(self, day: dt.date) -> Day:
        override = self._overrides.get(day)
        if override is not None:
            return Day(day, override.kind == CalendarDayKind.WORKING, override.note, override)
        working, name = self._library_day(day)
        return Day(day, working, name)

    def library_describe(self, day: dt.date) -> Day:
        working, name = self._library_day(day)
        return Day(day, working, name)

    def is_working_day(self, day: dt.date) -> bool:
        return self.describe(day).working

    def add(self, start: dt.date, days: int) -> dt.date:
        """The `days`-th working day after `start`."""
        day, left = start, days
        for _step in range(days * 3 + _SEARCH_LIMIT):
            if left <= 0:
                return day
            day += dt.timedelta(days=1)
            if self.is_working_day(day):
                left -= 1
        raise ValueError(f"no {days} working days after {start}")

    def between(self, start: dt.date, end: dt.date) -> int:
        """The working days after `start` up to and including `end`; negative when `end` is before `start`."""
        if end < start:
            return -self.between(end, start)
        return sum(1 for k in range(1, (end - start).days + 1) if self.is_working_day(start + dt.timedelta(days=k)))

    def special_days(self, year: int) -> list[Day]:
        """The year's days that are not what their weekday says (holidays, days worked in exchange, the Office's
        days), in order."""
        out = []
        day = dt.date(year, 1, 1)
        while day.year == year:
            described = self.describe(day)
            if described.set_by_office is not None or described.working != (day.weekday() < 5):
                out.append(described)
            day += dt.timedelta(days=1)
        return out


@dataclass(frozen=True)
class Deadline:
    due: dt.date
    left: int  # working days left after today; 0 on the day itself; negative once late

    @property
    def late(self) -> bool:
        return self.left < 0

    @property
    def late_by(self) -> int:
        return max(0, -self.left)


def deadline(calendar: Calendar, start: dt.date, days: int, today: dt.date | None = None) -> Deadline:
    today = today or timezone.localdate()
    due = calendar.add(start, days)
    return Deadline(due, calendar.between(today, due))


def add_day(*, day: dt.date, kind: str, note: str, actor) -> CalendarDay:
    """The Office sets a day apart: a make-up working day or an extra day off, with its basis."""
    note = nfc(note).strip()
    if not note:
        raise ValidationError({"note": _("Hãy ghi căn cứ (văn bản, thông báo) của ngày điều chỉnh.")})
    if kind not in CalendarDayKind.values:
        raise ValidationError({"kind": _("Hãy chọn loại ngày.")})
    first, last = FIRST_YEAR, timezone.localdate().year + YEARS_AHEAD
    if not first <= day.year <= last:
        raise ValidationError({"day": _("Chỉ điều chỉnh được ngày từ năm %(first)s đến năm %(last)s.")
                               % {"first": first, "last": last}})
    calendar = Calendar(overrides=())
    usual = calendar.library_describe(day)
    if CalendarDay.objects.filter(day=day, withdrawn_at__isnull=True).exists():
        raise ValidationError({"day": _("Ngày %(day)s đã được điều chỉnh; hãy bỏ điều chỉnh cũ trước.")
                               % {"day": day.strftime("%d/%m/%Y")}})
    if usual.working == (kind == CalendarDayKind.WORKING):
        message = (_("Ngày %(day)s vốn là ngày làm việc.") if usual.working else
                   _("Ngày %(day)s vốn là ngày nghỉ%(why)s."))
        raise ValidationError({"kind": message % {"day": day.strftime("%d/%m/%Y"),
                                                  "why": f" ({usual.name})" if usual.name else ""}})
    try:
        with transaction.atomic():
            row = CalendarDay.objects.create(day=day, kind=kind, note=note, created_by=actor)
    except IntegrityError:  # the same day added at the same moment by someone else
        raise ValidationError({"day": _("Ngày %(day)s đã được điều chỉnh; hãy bỏ điều chỉnh cũ trước.")
                               % {"day": day.strftime("%d/%m/%Y")}}) from None
    audit.record(AuditAction.CREATE, row, actor=actor, changes={"day": day.isoformat(), "kind": kind, "note": note})
    return row


def withdraw_day(row: CalendarDay, *, actor) -> CalendarDay:
    """The Office takes back a day it set apart; the row is kept, marked withdrawn."""
    with transaction.atomic():
        row = CalendarDay.objects.select_for_update().get(pk=row.pk)
        if row.withdrawn_at is not None:
            raise ValidationError(_("Điều chỉnh ngày %(day)s đã được bỏ trước đó.")
                                  % {"day": row.day.strftime("%d/%m/%Y")})
        row.withdrawn_at, row.withdrawn_by = timezone.now(), actor
        row.save(update_fields=["withdrawn_at", "withdrawn_by"])
    audit.record(AuditAction.UPDATE, row, actor=actor, note=_("Bỏ điều chỉnh ngày"),
                 changes={"withdrawn": row.day.isoformat()})
    return row
