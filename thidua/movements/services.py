"""Workflow functions for movements. Views call these; every change is audited, a closed movement is read-only."""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.notifications import notify
from thidua.org.enums import Role
from thidua.org.models import OrgUnit, RoleGrant

from .enums import MOVEMENT_FLOW, ItemKind, MovementStatus
from .models import (
    Criterion,
    Dissemination,
    Milestone,
    Movement,
    MovementDocument,
    MovementRewardForm,
    PlanItem,
    PlanSection,
    Responsibility,
    Subject,
)
from .periods import PeriodError, parse_when

MOVEMENT_AUDIT_FIELDS = [
    "code", "name", "slogan", "kind", "start_year", "end_year", "status", "plan_number", "plan_issued_on",
    "plan_place", "plan_title", "parent_plan", "plan_intro", "plan_closing", "governing_body", "issuing_body", "signer_title", "signer_name",
    "recipients",
]
CHILD_MODELS = [PlanSection, PlanItem, Subject, Criterion, MovementRewardForm, Milestone, Responsibility]


def ensure_editable(movement: Movement) -> None:
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError("Phong trào đã kết thúc: mọi nội dung chỉ để xem, không sửa được.")


def check_period(start_year: int, end_year: int) -> None:
    if end_year < start_year:
        raise ValidationError({"end_year": f"Năm kết thúc ({end_year}) không được trước năm bắt đầu ({start_year})."})
    if start_year < 1945 or end_year > 2100:
        raise ValidationError({"start_year": "Năm không hợp lệ."})


#: a plan is issued before it is launched, and at the latest for the coming year: not years ahead
PLAN_ISSUE_AHEAD = dt.timedelta(days=366)


def check_plan_issued_on(issued_on: dt.date | None) -> None:
    if issued_on is None:
        return
    today = timezone.localdate()
    if issued_on > today + PLAN_ISSUE_AHEAD:
        raise ValidationError({"plan_issued_on": gettext(
            "Ngày ban hành %(on)s quá xa: kế hoạch không được ban hành muộn hơn một năm kể từ hôm nay (%(today)s).")
            % {"on": f"{issued_on:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}})
    if issued_on.year < 1945:
        raise ValidationError({"plan_issued_on": gettext("Ngày ban hành không hợp lệ (trước năm 1945).")})


def check_not_future(day: dt.date | None, field: str, message: str) -> None:
    """A thing that has happened (a milestone done, a document issued) cannot be dated after today."""
    today = timezone.localdate()
    if day is not None and day > today:
        raise ValidationError({field: message % {"on": f"{day:%d/%m/%Y}", "today": f"{today:%d/%m/%Y}"}})


@transaction.atomic
def create_movement(*, actor, agency: OrgUnit, **fields) -> Movement:
    check_period(fields["start_year"], fields["end_year"])
    check_plan_issued_on(fields.get("plan_issued_on"))
    if Movement.objects.filter(code=fields["code"]).exists():
        raise ValidationError({"code": "Mã phong trào đã được dùng."})
    movement = Movement(agency=agency, **fields)
    movement.save()
    audit.created(movement, MOVEMENT_AUDIT_FIELDS, actor=actor)
    return movement


@transaction.atomic
def update_movement(movement: Movement, *, actor, **fields) -> Movement:
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    ensure_editable(movement)
    if "status" in fields:
        raise ValueError("the status changes through move_movement")
    start = fields.get("start_year", movement.start_year)
    end = fields.get("end_year", movement.end_year)
    check_period(start, end)
    if "plan_issued_on" in fields and fields["plan_issued_on"] != movement.plan_issued_on:
        check_plan_issued_on(fields["plan_issued_on"])
    outside = movement.milestones.exclude(start_date__year__gte=start, end_date__year__lte=end)
    if outside.exists():
        first = outside.first()
        raise ValidationError({"end_year": f"Mốc \u201c{first.text}\u201d ({first.when_text}) sẽ nằm ngoài thời gian "
                                           f"{start} - {end}: hãy sửa mốc trước."})
    before = audit.snapshot(movement, MOVEMENT_AUDIT_FIELDS)
    for key, value in fields.items():
        setattr(movement, key, value)
    movement.save()
    audit.changed(movement, before, actor=actor)
    return movement


def launch_missing(movement: Movement) -> list[str]:
    """What the plan still lacks before it can be launched: its number (with the figures, not just "/KH-…"),
    its signer, its content items. Empty when it can be launched; the launch button explains the rest."""
    missing = []
    if not re.search(r"\d", movement.plan_number or ""):
        missing.append(gettext("số kế hoạch"))
    if not (movement.signer_name or "").strip():
        missing.append(gettext("người ký"))
    if not (movement.signer_title or "").strip():
        missing.append(gettext("chức vụ người ký"))
    if not movement.items.filter(kind="content").exists():
        missing.append(gettext("nội dung thi đua"))
    return missing


def _unit_heads(agency: OrgUnit):
    grants = RoleGrant.objects.filter(
        role=Role.UNIT_HEAD, is_active=True, unit__path__startswith=agency.path
    ).select_related("user")
    return [g.user for g in grants]


@transaction.atomic
def move_movement(movement: Movement, to_state: str, *, actor, reason: str = "") -> Movement:
    """The one transition function: draft → launched → closed."""
    movement = Movement.objects.select_for_update().get(pk=movement.pk)
    MOVEMENT_FLOW.edge(movement.status, to_state, actor=actor, obj=movement)
    before = audit.snapshot(movement, ["status", "launched_on", "closed_on"])
    today = timezone.localdate()
    movement.status = to_state
    if to_state == MovementStatus.LAUNCHED:
        missing = launch_missing(movement)
        if missing:
            raise ValidationError(gettext("Chưa phát động được: kế hoạch còn thiếu %(missing)s. Hãy bổ sung trong "
                                          "“Sửa thông tin kế hoạch” trước khi phát động.") % {"missing": ", ".join(missing)})
        movement.launched_on = movement.launched_on or today
    if to_state == MovementStatus.CLOSED:
        movement.closed_on = movement.closed_on or today
    movement.save(update_fields=["status", "launched_on", "closed_on", "updated_at"])
    audit.changed(movement, before, actor=actor, note=reason)
    if to_state == MovementStatus.LAUNCHED:
        url = reverse("movements:detail", args=[movement.pk])
        notify(_unit_heads(movement.agency),
               f"Phát động phong trào \u201c{movement.name}\u201d: hãy quán triệt đến công chức, viên chức, người lao "
               "động của đơn vị và ghi lại kết quả.", url)
    return movement


# --- the plan's parts ---------------------------------------------------------------------------------------


def milestone_dates(movement: Movement, when_text: str) -> tuple[dt.date, dt.date]:
    from thidua.core.text import fold

    if fold(when_text).strip(" .:") in {"hang nam", "hangnam", "moi nam"}:  # recurring over the whole period
        return dt.date(movement.start_year, 1, 1), dt.date(movement.end_year, 12, 31)
    try:
        start, end = parse_when(when_text, default_year=movement.start_year if movement.start_year == movement.end_year
                                else None)
    except PeriodError as exc:
        raise ValidationError({"when_text": str(exc)}) from exc
    if start.year < movement.start_year or end.year > movement.end_year:
        raise ValidationError({"when_text": f"Mốc \u201c{when_text}\u201d nằm ngoài thời gian của phong trào "
                                            f"({movement.period_label})."})
    return start, end


@transaction.atomic
def save_part(movement: Movement, instance, *, actor, **fields):
    """Create or change one part of the plan (section, item, subject, criterion, reward form, milestone,
    responsibility), after the closed-movement and period checks."""
    ensure_editable(movement)
    if isinstance(instance, Milestone) and "when_text" in fields:
        fields["start_date"], fields["end_date"] = milestone_dates(movement, fields["when_text"])
    if isinstance(instance, Milestone) and fields.get("done_on") and fields["done_on"] != instance.done_on:
        check_not_future(fields["done_on"], "done_on", gettext(
            "Ngày hoàn thành %(on)s ở tương lai: chỉ đánh dấu mốc đã xong khi việc đã làm (hôm nay là %(today)s)."))
    if isinstance(instance, PlanItem) and "label" in fields:
        fields["label"] = PlanItem.normalise_label(fields["label"])
        kind = fields.get("kind", instance.kind)
        same = movement.items.filter(kind=kind, label__iexact=fields["label"]).exclude(pk=instance.pk)
        if fields["label"] and same.exists():
            raise ValidationError({"label": gettext(
                "Ký hiệu “%(label)s)” đã có trong mục “%(section)s” của kế hoạch: mỗi nội dung một ký hiệu riêng.")
                % {"label": fields["label"], "section": ItemKind(kind).label}})
    creating = instance.pk is None
    names = [f for f in fields if f not in ("movement",)]
    before = {} if creating else audit.snapshot(instance, names)
    for key, value in fields.items():
        setattr(instance, key, value)
    instance.movement = movement
    instance.full_clean(exclude=["movement"])
    instance.save()
    after = audit.snapshot(instance, names)
    audit.record(
        AuditAction.CREATE if creating else AuditAction.UPDATE, movement, actor=actor,
        changes=audit.diff(before, after), note=f"{instance._meta.verbose_name}: {str(after)[:200]}",
    )
    return instance


@transaction.atomic
def delete_part(movement: Movement, instance, *, actor) -> None:
    ensure_editable(movement)
    audit.record(AuditAction.UPDATE, movement, actor=actor,
                 note=f"Xóa {instance._meta.verbose_name}: {str(instance)[:200]}")
    instance.delete()


@transaction.atomic
def attach_document(movement: Movement, *, actor, title: str, file, number: str = "",
                    issued_on: dt.date | None = None, is_public: bool = True) -> MovementDocument:
    """A directive document (the plan's PDF, a guidance, a decision) attached to the movement; audited."""
    ensure_editable(movement)
    check_not_future(issued_on, "issued_on", gettext(
        "Ngày ban hành %(on)s ở tương lai: văn bản chỉ đạo chỉ đính kèm khi đã ban hành (hôm nay là %(today)s)."))
    document = MovementDocument.objects.create(movement=movement, uploaded_by=actor, title=title, number=number,
                                               issued_on=issued_on, file=file, is_public=is_public)
    audit.record(AuditAction.CREATE, movement, actor=actor, note=f"Đính kèm văn bản: {document.title}")
    return document


# --- cloning ------------------------------------------------------------------------------------------------


@transaction.atomic
def clone_movement(movement: Movement, *, actor, code: str, name: str, start_year: int, end_year: int) -> Movement:
    """A new draft with the same structure, dates moved by the difference in start years (how agencies begin a
    new phase)."""
    check_period(start_year, end_year)
    if Movement.objects.filter(code=code).exists():
        raise ValidationError({"code": "Mã phong trào đã được dùng."})
    shift = start_year - movement.start_year
    copy = Movement.objects.get(pk=movement.pk)
    copy.pk = None
    copy.code, copy.name, copy.start_year, copy.end_year = code, name, start_year, end_year
    copy.status = MovementStatus.DRAFT
    copy.cloned_from = movement
    copy.launched_on = copy.closed_on = copy.plan_issued_on = None
    copy.plan_number = ""
    copy.save()
    for model in CHILD_MODELS:
        rows = []
        for row in model.objects.filter(movement=movement).order_by("id"):
            row.pk = None
            row.movement = copy
            if isinstance(row, Milestone):
                row.start_date = _shift(row.start_date, shift)
                row.end_date = _shift(row.end_date, shift)
                row.when_text = _shift_text(row.when_text, shift)
                row.done_on = None
            rows.append(row)
        model.objects.bulk_create(rows)
    # a milestone moved past the new period's end is kept inside it
    for milestone in copy.milestones.filter(end_date__year__gt=end_year):
        milestone.delete()
    audit.created(copy, MOVEMENT_AUDIT_FIELDS, actor=actor, note=f"Nhân bản từ \u201c{movement.name}\u201d")
    return copy


def _shift(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29/02
        return day.replace(year=day.year + years, day=28)


def _shift_text(text: str, years: int) -> str:
    import re

    return re.sub(r"(19|20)\d{2}", lambda m: str(int(m.group(0)) + years), text)


# --- dissemination ------------------------------------------------------------------------------------------


@transaction.atomic
def record_dissemination(movement: Movement, unit: OrgUnit, *, actor, method: str, held_on: dt.date,
                         people_reached: int | None = None, reference: str = "", note: str = "",
                         people=None) -> Dissemination:
    """A session of dissemination (quán triệt) in a unit: how many were reached, or who (then each person counts
    once in the coverage, however many sessions he attended)."""
    if movement.status != MovementStatus.LAUNCHED:
        raise ValidationError("Chỉ ghi kết quả quán triệt khi phong trào đang được phát động.")
    if held_on > timezone.localdate():
        raise ValidationError({"held_on": "Ngày quán triệt không được ở tương lai."})
    if movement.launched_on and held_on < movement.launched_on:
        raise ValidationError({"held_on": f"Ngày quán triệt trước ngày phát động ({movement.launched_on:%d/%m/%Y})."})
    people = list(people or [])
    if people:
        strangers = [p.full_name for p in people if p.unit_id != unit.pk or not p.is_active]
        if strangers:
            raise ValidationError({"people": f"{', '.join(strangers)} không phải cán bộ đang công tác của "
                                             f"{unit.name}."})
        people_reached = len({p.pk for p in people})
    if people_reached is None:
        raise ValidationError({"people_reached": "Hãy nhập số người được quán triệt (hoặc chọn những người "
                                                 "đã được quán triệt)."})
    staff = unit.people.filter(is_active=True).count()
    if people_reached > staff:
        raise ValidationError({"people_reached": f"Số người được quán triệt ({people_reached}) lớn hơn số cán bộ "
                                                 f"đang công tác của đơn vị ({staff})."})
    record = Dissemination.objects.create(
        movement=movement, unit=unit, method=method, held_on=held_on, people_reached=people_reached,
        reference=reference, note=note, recorded_by=actor,
    )
    if people:
        record.people.set(people)
    audit.record(AuditAction.CREATE, record, actor=actor, target_repr=f"Quán triệt {movement.name} — {unit.name}",
                 changes={"people_reached": [None, people_reached], "held_on": [None, held_on.strftime("%d/%m/%Y")]},
                 note=", ".join(sorted(p.full_name for p in people)))
    return record
