"""The yearly task-completion ratings of a unit's people and of the unit itself: the grid a unit head proposes in and
the Office confirms in, and its one writer.

A rating is proposed (by the unit head, or the Office) and counts once the Office confirms it. A confirmed rating
whose grade the unit head changes becomes unconfirmed again: the Office confirms the new grade (its audit row says
so). The Office may change a grade while confirming; every change is audited with the old and new values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.org.enums import UnitKind
from thidua.org.history import staff_between
from thidua.org.models import OrgUnit, Person

from . import scoping
from .enums import Grade
from .inputs import year_span
from .models import Rating

#: the units rated as collectives (a division, an affiliated unit); the grid also lists the leadership's people
RATED_KINDS = {UnitKind.DIVISION, UnitKind.AFFILIATE}
GRID_KINDS = RATED_KINDS | {UnitKind.LEADERSHIP}


def grid_units(user) -> QuerySet[OrgUnit]:
    """The units whose grid the user opens: those he proposes for (a unit head his subtree, the Office its
    agency's), of the kinds that have staff to rate."""
    return (scoping.nominating_units(user).filter(kind__in=GRID_KINDS, is_active=True)
            .select_related("agency").order_by("path"))


def grid_people(unit: OrgUnit, year: int) -> QuerySet[Person]:
    """The people who served in the unit's subtree at some time in the year (org.history), by name."""
    first, last = year_span(year)
    return staff_between(unit.path, first, last).select_related("unit").order_by("sort_key", "id")


def rated_units(unit: OrgUnit) -> QuerySet[OrgUnit]:
    """The unit and the units under it that are rated as collectives."""
    return (OrgUnit.objects.filter(path__startswith=unit.path, kind__in=RATED_KINDS, is_active=True)
            .order_by("path"))


def key_of(subject: Person | OrgUnit) -> str:
    return f"p{subject.pk}" if isinstance(subject, Person) else f"u{subject.pk}"


def seen_of(rating: Rating | None) -> str:
    """What the page showed of a rating, posted back to find a change made meanwhile: "grade:1" (confirmed)."""
    return f"{rating.grade}:{1 if rating.is_confirmed else 0}" if rating else ""


@dataclass
class GridRow:
    subject: Person | OrgUnit
    rating: Rating | None
    #: the grade and confirmation shown in the form (the posted ones after a refused save)
    grade: str = ""
    confirmed: bool = False
    seen: str = ""

    @property
    def key(self) -> str:
        return key_of(self.subject)

    @property
    def is_unit(self) -> bool:
        return isinstance(self.subject, OrgUnit)


@dataclass
class Grid:
    unit: OrgUnit
    year: int
    units: list[GridRow] = field(default_factory=list)
    people: list[GridRow] = field(default_factory=list)

    @property
    def rows(self) -> list[GridRow]:
        return self.units + self.people

    @property
    def proposed(self) -> int:
        return sum(1 for r in self.rows if r.rating and not r.rating.is_confirmed)

    @property
    def confirmed(self) -> int:
        return sum(1 for r in self.rows if r.rating and r.rating.is_confirmed)


def build_grid(unit: OrgUnit, year: int) -> Grid:
    """The grid of the unit's collectives and people for the year with their ratings (four queries)."""
    units = list(rated_units(unit))
    people = list(grid_people(unit, year))
    by_person = {r.person_id: r for r in Rating.objects.filter(year=year, person__in=[p.pk for p in people])}
    by_unit = {r.unit_id: r for r in Rating.objects.filter(year=year, person__isnull=True,
                                                          unit__in=[u.pk for u in units])}
    grid = Grid(unit=unit, year=year)
    for subjects, found, rows in ((units, by_unit, grid.units), (people, by_person, grid.people)):
        for subject in subjects:
            rating = found.get(subject.pk)
            rows.append(GridRow(subject, rating, grade=rating.grade if rating else "",
                                confirmed=bool(rating and rating.is_confirmed), seen=seen_of(rating)))
    return grid


@dataclass
class Change:
    """What the form asks for one row: its grade ("" to withdraw), and for the Office whether it is confirmed."""

    row: GridRow
    grade: str
    confirm: bool | None  # None: not the Office's form (a unit head does not confirm)
    seen: str


def _name(subject) -> str:
    return subject.full_name if isinstance(subject, Person) else subject.name


def _label(grade: str | None) -> str | None:
    if not grade:
        return None
    with translation.override("vi"):  # the audit log is a record of the agency
        return str(Grade(grade).label)


def read_changes(grid: Grid, data, *, office: bool) -> tuple[list[Change], list[str]]:
    """The rows the posted form changes, and the errors (each naming its row) — the form shown again with them."""
    changes, errors = [], []
    for row in grid.rows:
        grade = data.get(f"g-{row.key}", "")
        seen = data.get(f"s-{row.key}", "")
        confirm = (data.get(f"c-{row.key}") in ("1", "on")) if office else None
        row.grade, row.confirmed = grade, bool(confirm) if office else row.confirmed
        if grade and grade not in Grade.values:
            errors.append(_("%(name)s: mức xếp loại không hợp lệ; hãy chọn trong danh sách.") % {"name": _name(row.subject)})
            continue
        if confirm and not grade:
            errors.append(_("%(name)s: chưa chọn mức xếp loại thì không xác nhận được.") % {"name": _name(row.subject)})
            continue
        current_grade = row.rating.grade if row.rating else ""
        current_confirmed = bool(row.rating and row.rating.is_confirmed)
        if grade == current_grade and (confirm is None or confirm == current_confirmed):
            continue
        if not grade and current_confirmed and not office:
            errors.append(_("%(name)s: xếp loại đã được Văn phòng xác nhận, không bỏ trống được; chỉ chọn được "
                            "mức khác.") % {"name": _name(row.subject)})
            continue
        changes.append(Change(row, grade, confirm, seen))
    return changes, errors


def save_changes(grid: Grid, changes: list[Change], *, actor, office: bool) -> int:
    """Write the changes of one posted grid, all or none: a row changed by someone else since the page was shown
    refuses the whole save (ValidationError naming the rows). Each change leaves an audit row with old and new
    values. Returns the number of rows written."""
    if not changes:
        return 0
    now = timezone.now()
    with transaction.atomic():
        people = [c.row.subject.pk for c in changes if not c.row.is_unit]
        units = [c.row.subject.pk for c in changes if c.row.is_unit]
        locked = Rating.objects.select_for_update(of=("self",)).filter(year=grid.year)
        current = {f"p{r.person_id}": r for r in locked.filter(person_id__in=people)}
        current |= {f"u{r.unit_id}": r for r in locked.filter(person__isnull=True, unit_id__in=units)}
        stale = [_name(c.row.subject) for c in changes if seen_of(current.get(c.row.key)) != c.seen]
        if stale:
            raise ValidationError(_("Xếp loại của %(names)s vừa được người khác thay đổi; không có thay đổi nào được "
                                    "ghi. Hãy xem lại rồi lưu lần nữa.") % {"names": ", ".join(stale)})
        for change in changes:
            _write(grid.year, change, current.get(change.row.key), actor=actor, office=office, now=now)
    return len(changes)


def _write(year: int, change: Change, rating: Rating | None, *, actor, office: bool, now: dt.datetime) -> None:
    subject = change.row.subject
    old_grade = rating.grade if rating else None
    old_confirmed = bool(rating and rating.is_confirmed)
    if not change.grade:  # withdrawn
        changes = {"grade": [_label(old_grade), None]}
        if old_confirmed:
            changes["confirmed"] = [True, False]
        audit.record(AuditAction.UPDATE, rating, actor=actor, changes=changes, note="Bỏ xếp loại")
        rating.delete()
        return
    if rating is None:
        rating = Rating(year=year, **({"person": subject, "unit": subject.unit} if isinstance(subject, Person)
                                      else {"unit": subject}))
    note = ""
    if rating.grade != change.grade:
        rating.grade = change.grade
        rating.proposed_by, rating.proposed_at = actor, now
    confirm = change.confirm if office else False
    if not office and old_confirmed:
        note = "Đơn vị sửa mức xếp loại đã xác nhận: chờ Văn phòng xác nhận lại"
    elif office and confirm and old_grade and old_grade != change.grade:
        note = "Văn phòng sửa mức xếp loại khi xác nhận"
    if confirm:
        if not old_confirmed or old_grade != change.grade:
            rating.confirmed_by, rating.confirmed_at = actor, now
    else:
        rating.confirmed_by, rating.confirmed_at = None, None
    created = rating.pk is None
    rating.save()
    changes = {"grade": [_label(old_grade), _label(rating.grade)]} if old_grade != rating.grade else {}
    if old_confirmed != rating.is_confirmed:
        changes["confirmed"] = [old_confirmed, rating.is_confirmed]
    audit.record(AuditAction.CREATE if created else AuditAction.UPDATE, rating, actor=actor, changes=changes,
                 note=note)


def confirm_all(grid: Grid, *, actor) -> int:
    """The Office confirms every proposed, unconfirmed rating of the grid as proposed; audited per rating."""
    now = timezone.now()
    ids = [r.rating.pk for r in grid.rows if r.rating and not r.rating.is_confirmed]
    with transaction.atomic():
        pending = list(Rating.objects.select_for_update(of=("self",)).filter(pk__in=ids, confirmed_at__isnull=True)
                       .select_related("person__unit", "unit"))
        for rating in pending:
            rating.confirmed_by, rating.confirmed_at = actor, now
            rating.save(update_fields=["confirmed_by", "confirmed_at"])
            audit.record(AuditAction.UPDATE, rating, actor=actor, changes={"confirmed": [False, True]},
                         note="Xác nhận tất cả xếp loại đã đề xuất")
    return len(pending)
