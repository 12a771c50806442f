"""Registration for emulation: a unit registers itself and its staff for a movement and year; the secretariat
approves or returns it with a reason. One transition function; every step audited."""

from __future__ import annotations

import copy
import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.notifications import notify, resolve
from thidua.movements.enums import MovementStatus
from thidua.movements.models import Movement, RewardForm
from thidua.org.enums import AGENCY_KINDS, Role, UnitKind
from thidua.org.history import staff_counts
from thidua.org.models import OrgUnit, Person, RoleGrant

from .enums import EDITABLE, REGISTRATION_FLOW, RegistrationStatus
from .models import Registration, RegistrationEntry
from .scoping import heads_unit, is_secretariat_for, may_edit  # noqa: F401  (kept names; the scoping is there)

#: units that register (not the council, the Party committee or the unions, which are not work units)
NON_WORK_UNITS = [UnitKind.COUNCIL, UnitKind.PARTY, UnitKind.UNION, UnitKind.YOUTH]


@dataclass
class EntryInput:
    person: Person
    registered: bool
    title: RewardForm | None
    commitments: str


def check_year(movement: Movement, year: int) -> None:
    if movement.status != MovementStatus.LAUNCHED:
        raise ValidationError(_("Chỉ đăng ký thi đua khi phong trào đang được phát động."))
    if not movement.start_year <= year <= movement.end_year:
        raise ValidationError(_("Năm %(year)s nằm ngoài thời gian của phong trào (%(period)s).") % {
            "year": year, "period": movement.period_label})


@transaction.atomic
def start(movement: Movement, year: int, unit: OrgUnit, *, actor) -> Registration:
    check_year(movement, year)
    if unit.home_agency_id != movement.agency_id:
        raise ValidationError(_("Đơn vị không thuộc cơ quan phát động phong trào."))
    registration, created = Registration.objects.get_or_create(
        movement=movement, year=year, unit=unit, defaults={"created_by": actor}
    )
    if created:
        audit.record(AuditAction.CREATE, registration, actor=actor, changes={"status": [None, "Chưa gửi"]})
    return registration


def unit_staff(unit: OrgUnit):
    return Person.objects.filter(unit=unit, is_active=True).select_related("unit").order_by(
        "sort_key", "id")


def check_open(movement: Movement) -> None:
    """A registration changes only while its movement runs: once closed, its results are final."""
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError(_("Phong trào “%(name)s” đã kết thúc: bản đăng ký không còn được sửa, gửi, rút lại, "
                                "duyệt hay trả lại.") % {"name": movement.name})


def title_of(raw: str, *, person: Person | None = None) -> RewardForm | None:
    """The emulation title chosen in a form by its id ("" for none); an unknown id is refused with a message,
    never dropped. Whether it fits (a person's or the unit's title) is checked by `save`."""
    raw = (raw or "").strip()
    if not raw:
        return None
    found = RewardForm.objects.filter(pk=int(raw), is_title=True).first() if raw.isdigit() and len(raw) < 10 else None
    if found is None:
        if person is not None:
            raise ValidationError(_("%(name)s: danh hiệu đã chọn không có trong danh mục; hãy chọn lại.") % {
                "name": person.full_name})
        raise ValidationError({"title": _("Danh hiệu đã chọn không có trong danh mục; hãy chọn lại.")})
    return found


@transaction.atomic
def save(registration: Registration, *, actor, title: RewardForm | None, commitments: str,
         entries: list[EntryInput]) -> Registration:
    registration = Registration.objects.select_for_update().select_related("movement").get(pk=registration.pk)
    check_open(registration.movement)
    if registration.status not in EDITABLE:
        raise ValidationError(_("Bản đăng ký đang ở trạng thái “%(status)s”: không sửa được.") % {
            "status": registration.get_status_display()})
    allowed = set(unit_staff(registration.unit).values_list("id", flat=True))
    for entry in entries:
        if entry.person.pk not in allowed:
            raise ValidationError(_("%(name)s không thuộc %(unit)s.") % {
                "name": entry.person.full_name, "unit": registration.unit.name})
        if entry.title is not None and not entry.title.for_individual:
            raise ValidationError(_("%(name)s: “%(title)s” là danh hiệu cho tập thể, không phải danh hiệu cho cá "
                                    "nhân; hãy chọn lại.") % {"name": entry.person.full_name,
                                                              "title": entry.title.name})
    if title is not None and not title.for_collective:
        raise ValidationError({"title": _("“%(title)s” là danh hiệu cho cá nhân, không phải danh hiệu cho tập "
                                          "thể; hãy chọn lại.") % {"title": title.name}})
    before = {"commitments": registration.commitments, "title": str(registration.title or ""),
              "số người đăng ký": registration.entries.count()}
    registration.title = title
    registration.commitments = commitments.strip()
    registration.save(update_fields=["title", "commitments", "updated_at"])
    chosen = {e.person.pk: e for e in entries if e.registered}
    registration.entries.exclude(person_id__in=chosen).delete()
    existing = {e.person_id: e for e in registration.entries.all()}
    for person_id, entry in chosen.items():
        row = existing.get(person_id) or RegistrationEntry(registration=registration, person=entry.person)
        row.title = entry.title
        row.commitments = entry.commitments.strip()
        row.save()
    after = {"commitments": registration.commitments, "title": str(registration.title or ""),
             "số người đăng ký": len(chosen)}
    audit.record(AuditAction.UPDATE, registration, actor=actor, changes=audit.diff(before, after))
    return registration


@transaction.atomic
def move(registration: Registration, to_state: str, *, actor, reason: str = "") -> Registration:
    """The one transition function: chưa gửi → chờ duyệt → (trả lại → chờ duyệt) → đã duyệt; the unit may
    withdraw what it sent (chờ duyệt → chưa gửi) until the Office reviews it. Nothing moves once the movement is
    closed."""
    registration = Registration.objects.select_for_update().select_related("movement", "unit").get(pk=registration.pk)
    check_open(registration.movement)
    REGISTRATION_FLOW.edge(registration.status, to_state, actor=actor, obj=registration)
    if to_state == RegistrationStatus.RETURNED and not reason.strip():
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để đơn vị biết cần sửa gì.")})
    if to_state == RegistrationStatus.SUBMITTED and not registration.commitments and not registration.entries.exists():
        raise ValidationError(_("Bản đăng ký chưa có cam kết của tập thể và chưa có cá nhân nào đăng ký."))
    with translation.override("vi"):  # the audit log is always Vietnamese
        before = {"status": registration.get_status_display()}
    registration.status = to_state
    now = timezone.now()
    if to_state == RegistrationStatus.SUBMITTED:
        registration.submitted_at = now
        registration.return_reason = ""
    elif to_state == RegistrationStatus.DRAFT:  # withdrawn: as if never sent
        registration.submitted_at = None
    else:
        registration.decided_at = now
        registration.decided_by = actor
        registration.return_reason = reason.strip() if to_state == RegistrationStatus.RETURNED else ""
    registration.save()
    with translation.override("vi"):
        after = registration.get_status_display()
    audit.record(AuditAction.UPDATE, registration, actor=actor,
                 changes={"status": [before["status"], after]}, note=reason.strip())
    url = reverse("registrations:edit", args=[registration.pk])
    resolve(url)  # the earlier notices about this registration are handled now
    if to_state == RegistrationStatus.SUBMITTED:
        secretaries = RoleGrant.objects.filter(role=Role.SECRETARIAT, is_active=True,
                                               unit=registration.movement.agency).select_related("user")
        notify([g.user for g in secretaries],
               f"{registration.unit.name} gửi đăng ký thi đua năm {registration.year}: chờ duyệt.", url)
    elif to_state == RegistrationStatus.DRAFT:
        pass  # withdrawn: the Office's "chờ duyệt" notice was resolved above; there is nothing new to tell
    else:
        text = (f"Đăng ký thi đua năm {registration.year} của {registration.unit.name} đã được duyệt."
                if to_state == RegistrationStatus.APPROVED else
                f"Đăng ký thi đua năm {registration.year} của {registration.unit.name} bị trả lại: {reason.strip()}")
        notify([registration.created_by], text, url)
    return registration


def overview(movement: Movement, year: int) -> list[OrgUnit]:
    """Every work unit of the agency with its registration (if any), staff and registered people."""
    return overviews([(movement, year)])[movement.pk]


def overviews(pairs: list[tuple[Movement, int]]) -> dict[int, list[OrgUnit]]:
    """`overview` of several (movement, year) at once, in two queries: {movement id: units}."""
    agencies = {movement.agency_id for movement, _year in pairs}
    units_of: dict[int, list[OrgUnit]] = {}
    for unit in (OrgUnit.objects.filter(agency_id__in=agencies, is_active=True)
                 .exclude(kind__in=[*NON_WORK_UNITS, *AGENCY_KINDS]).order_by("path")):
        units_of.setdefault(unit.agency_id, []).append(unit)
    # the staff of each year from the unit history: a past year's "registered of staff" stays as it was
    unit_ids = [u.pk for units in units_of.values() for u in units]
    today = timezone.localdate()
    staff_of_year = {}
    for year in sorted({year for _movement, year in pairs}):
        start = min(dt.date(year, 1, 1), today)
        staff_of_year[year] = staff_counts(unit_ids, start, max(start, min(dt.date(year, 12, 31), today)))
    wanted = Q(pk__in=[])
    for movement, year in pairs:
        wanted |= Q(movement=movement, year=year)
    registrations = {(r.movement_id, r.unit_id): r
                     for r in Registration.objects.filter(wanted).annotate(registered=Count("entries"))}
    result = {}
    for movement, year in pairs:
        units = [copy.copy(unit) for unit in units_of.get(movement.agency_id, [])]  # one .registration each
        for unit in units:
            unit.registration = registrations.get((movement.pk, unit.pk))
            unit.staff = staff_of_year[year].get(unit.pk, 0)
        result[movement.pk] = units
    return result


def is_registered(person: Person, movement: Movement, year: int) -> bool:
    """Whether the person's registration for the movement and year was approved (a nomination's precondition)."""
    return RegistrationEntry.objects.filter(
        person=person, registration__movement=movement, registration__year=year,
        registration__status=RegistrationStatus.APPROVED,
    ).exists()
