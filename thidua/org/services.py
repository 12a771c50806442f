"""Workflow functions for the org tree, people and roles. Views call these; each one writes its audit row."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model, password_validation
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Concat, Substr
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import accounts, audit
from thidua.core.models import AuditAction
from thidua.core.text import nfc, user_display_name

from .enums import AGENCY_KINDS, LEADER_ROLES, SECRETARIAT_GRANTABLE, Role, UnitKind
from .models import Assignment, OrgUnit, Person, RoleGrant, path_segment
from .scoping import can_manage_unit, get_scope

UNIT_AUDIT_FIELDS = ["name", "short_name", "code", "kind", "parent", "sort_order", "is_active"]
PERSON_AUDIT_FIELDS = [
    "full_name", "gender", "birth_date", "position", "rank", "employment_type", "unit", "phone", "email", "is_active",
]


def _nearest_agency(parent: OrgUnit | None) -> OrgUnit | None:
    if parent is None:
        return None
    if parent.kind in AGENCY_KINDS:
        return parent
    return parent.agency


def check_placement(kind: str, parent: OrgUnit | None) -> None:
    if kind == UnitKind.PROVINCE:
        if parent is not None:
            raise ValidationError({"parent": "Tỉnh, thành phố là cấp cao nhất, không có đơn vị cấp trên."})
        return
    if parent is None:
        raise ValidationError({"parent": "Hãy chọn đơn vị cấp trên."})
    if kind in AGENCY_KINDS and parent.kind not in (UnitKind.PROVINCE, UnitKind.LOCAL_GOV):
        raise ValidationError({"parent": "Cơ quan (Sở, UBND) phải trực thuộc tỉnh hoặc UBND cấp trên."})
    if kind not in AGENCY_KINDS and parent.kind == UnitKind.PROVINCE:
        raise ValidationError({"parent": "Phòng, ban, đơn vị phải thuộc một cơ quan, không đặt trực tiếp dưới tỉnh."})
    if not parent.is_active:
        raise ValidationError({"parent": "Đơn vị cấp trên đã ngừng hoạt động."})


@transaction.atomic
def create_unit(*, name: str, kind: str, parent: OrgUnit | None, actor, short_name: str = "", code: str = "",
                sort_order: int = 0, audit_row: bool = True) -> OrgUnit:
    check_placement(kind, parent)
    unit = OrgUnit(name=name, kind=kind, parent=parent, short_name=short_name, code=code, sort_order=sort_order)
    unit.agency = _nearest_agency(parent)
    unit.depth = parent.depth + 1 if parent else 0
    unit.save()
    unit.path = (parent.path if parent else "") + path_segment(unit.pk)
    unit.save(update_fields=["path"])
    if audit_row:
        audit.created(unit, UNIT_AUDIT_FIELDS, actor=actor)
    return unit


@transaction.atomic
def update_unit(unit: OrgUnit, *, actor, **fields) -> OrgUnit:
    before = audit.snapshot(unit, UNIT_AUDIT_FIELDS)
    allowed = {"name", "short_name", "code", "sort_order"}
    for key, value in fields.items():
        if key not in allowed:
            raise ValueError(f"field {key} is changed by its own workflow")
        setattr(unit, key, value)
    unit.save()
    audit.changed(unit, before, actor=actor)
    return unit


@transaction.atomic
def move_unit(unit: OrgUnit, new_parent: OrgUnit, *, actor) -> OrgUnit:
    unit = OrgUnit.objects.select_for_update().get(pk=unit.pk)
    if new_parent.path.startswith(unit.path):
        raise ValidationError({"parent": "Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó."})
    check_placement(unit.kind, new_parent)
    if actor is not None and not can_manage_unit(actor, new_parent):
        raise ValidationError({"parent": "Đơn vị cấp trên mới nằm ngoài phạm vi bạn được quản lý."})
    before = audit.snapshot(unit, UNIT_AUDIT_FIELDS)
    old_path = unit.path
    new_path = new_parent.path + path_segment(unit.pk)
    delta = new_parent.depth + 1 - unit.depth
    OrgUnit.objects.filter(path__startswith=old_path).update(
        path=Concat(Value(new_path), Substr("path", len(old_path) + 1)), depth=F("depth") + delta
    )
    unit.refresh_from_db()
    unit.parent = new_parent
    unit.save(update_fields=["parent", "updated_at"])
    # the nearest agency may have changed for the whole subtree
    if unit.kind not in AGENCY_KINDS:
        new_agency = _nearest_agency(new_parent)
        subtree = OrgUnit.objects.filter(path__startswith=unit.path)
        agency_ids = set(subtree.filter(kind__in=AGENCY_KINDS).values_list("path", flat=True))
        for sub in subtree.exclude(kind__in=AGENCY_KINDS).only("id", "path", "agency"):
            inner = [p for p in agency_ids if sub.path.startswith(p) and p != sub.path]
            if not inner and sub.agency_id != (new_agency.pk if new_agency else None):
                OrgUnit.objects.filter(pk=sub.pk).update(agency=new_agency)
        unit.refresh_from_db()
    audit.changed(unit, before, actor=actor, action=AuditAction.MOVE)
    return unit


@transaction.atomic
def deactivate_unit(unit: OrgUnit, *, actor, reason: str = "") -> OrgUnit:
    if OrgUnit.objects.filter(parent=unit, is_active=True).exists():
        raise ValidationError("Đơn vị còn đơn vị cấp dưới đang hoạt động: hãy chuyển hoặc ngừng chúng trước.")
    if Person.objects.filter(unit=unit, is_active=True).exists():
        raise ValidationError("Đơn vị còn cán bộ đang công tác: hãy chuyển họ sang đơn vị khác trước.")
    before = audit.snapshot(unit, UNIT_AUDIT_FIELDS)
    unit.is_active = False
    unit.save(update_fields=["is_active", "updated_at"])
    audit.changed(unit, before, actor=actor, action=AuditAction.DEACTIVATE, note=reason)
    return unit


@transaction.atomic
def reactivate_unit(unit: OrgUnit, *, actor) -> OrgUnit:
    if unit.parent_id and not unit.parent.is_active:
        raise ValidationError("Đơn vị cấp trên đang ngừng hoạt động: hãy kích hoạt đơn vị cấp trên trước.")
    before = audit.snapshot(unit, UNIT_AUDIT_FIELDS)
    unit.is_active = True
    unit.save(update_fields=["is_active", "updated_at"])
    audit.changed(unit, before, actor=actor, action=AuditAction.REACTIVATE)
    return unit


def delete_unit(unit: OrgUnit, *, actor) -> None:
    """Units are never deleted once they have history; an empty unit created by mistake can be."""
    if (
        Person.objects.filter(unit=unit).exists()
        or Assignment.objects.filter(unit=unit).exists()
        or OrgUnit.objects.filter(parent=unit).exists()
        or RoleGrant.objects.filter(unit=unit).exists()
    ):
        raise ValidationError(
            "Không thể xóa đơn vị đã có cán bộ, lịch sử hoặc đơn vị cấp dưới; hãy chọn \u201cNgừng hoạt động\u201d."
        )
    with transaction.atomic():
        audit.record(AuditAction.DEACTIVATE, unit, actor=actor, note="Xóa đơn vị tạo nhầm (chưa có dữ liệu).")
        unit.delete()


# --- people -------------------------------------------------------------------------------------------------


def validate_person_fields(*, full_name: str, birth_date: dt.date | None) -> None:
    errors = {}
    if not (full_name or "").strip():
        errors["full_name"] = "Họ và tên không được để trống."
    if birth_date and birth_date > timezone.localdate():
        errors["birth_date"] = "Ngày sinh không được ở tương lai."
    if birth_date and birth_date.year < 1900:
        errors["birth_date"] = "Ngày sinh không hợp lệ."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_person(*, actor, unit: OrgUnit, start_date: dt.date | None = None, **fields) -> Person:
    validate_person_fields(full_name=fields.get("full_name", ""), birth_date=fields.get("birth_date"))
    if not unit.is_active:
        raise ValidationError({"unit": "Đơn vị đã ngừng hoạt động."})
    person = Person(unit=unit, **fields)
    person.save()
    Assignment.objects.create(
        person=person, unit=unit, position=person.position, start_date=start_date or timezone.localdate()
    )
    audit.created(person, PERSON_AUDIT_FIELDS, actor=actor)
    return person


@transaction.atomic
def update_person(person: Person, *, actor, **fields) -> Person:
    if "unit" in fields:
        raise ValueError("use move_person to change a person's unit")
    validate_person_fields(
        full_name=fields.get("full_name", person.full_name), birth_date=fields.get("birth_date", person.birth_date)
    )
    before = audit.snapshot(person, PERSON_AUDIT_FIELDS)
    for key, value in fields.items():
        setattr(person, key, value)
    person.save()
    audit.changed(person, before, actor=actor)
    return person


@transaction.atomic
def move_person(person: Person, new_unit: OrgUnit, *, actor, on: dt.date | None = None, position: str | None = None,
                note: str = "") -> Person:
    on = on or timezone.localdate()
    if new_unit.pk == person.unit_id:
        raise ValidationError({"unit": "Cán bộ đã ở đơn vị này."})
    if not new_unit.is_active:
        raise ValidationError({"unit": "Đơn vị mới đã ngừng hoạt động."})
    current = person.assignments.filter(end_date__isnull=True).order_by("-start_date").first()
    if current and on < current.start_date:
        raise ValidationError({"on": "Ngày chuyển phải sau ngày bắt đầu ở đơn vị hiện tại."})
    before = audit.snapshot(person, PERSON_AUDIT_FIELDS)
    if current:
        current.end_date = on
        current.save(update_fields=["end_date"])
    person.unit = new_unit
    if position is not None:
        person.position = position
    person.save()
    Assignment.objects.create(person=person, unit=new_unit, position=person.position, start_date=on, note=note)
    audit.changed(person, before, actor=actor, action=AuditAction.MOVE, note=note)
    return person


@transaction.atomic
def set_person_active(person: Person, active: bool, *, actor, reason: str = "") -> Person:
    """Mark a person as having left (thôi công tác) or back at work. Leaving ends his account's access in the same
    transaction: the account is disabled, every role grant revoked, every session ended. Coming back does not
    reopen the account: the Office does that on purpose (and grants the roles again)."""
    person = Person.objects.select_for_update().select_related("unit", "user").get(pk=person.pk)
    if person.is_active == active:
        raise ValidationError(
            _("Cán bộ đang công tác.") if active else _("Cán bộ đã được ghi nhận thôi công tác từ trước.")
        )
    before = audit.snapshot(person, PERSON_AUDIT_FIELDS)
    person.is_active = active
    person.save(update_fields=["is_active", "updated_at"])
    if not active:
        person.assignments.filter(end_date__isnull=True).update(end_date=timezone.localdate())
    audit.changed(
        person, before, actor=actor, action=AuditAction.REACTIVATE if active else AuditAction.DEACTIVATE, note=reason
    )
    if not active and person.user_id:
        _close_account(person, actor=actor, reason=nfc(f"Thôi công tác. {reason}".strip()) if reason
                       else "Thôi công tác")
    return person


# --- accounts -----------------------------------------------------------------------------------------------


def _close_account(person: Person, *, actor, reason: str) -> None:
    """Disable the person's account, revoke his role grants and end his sessions (inside the caller's transaction)."""
    user = get_user_model().objects.select_for_update().get(pk=person.user_id)
    with translation.override("vi"):
        for grant in RoleGrant.objects.select_for_update().filter(user=user, is_active=True).select_related("unit"):
            grant.is_active = False
            grant.revoked_at = timezone.now()
            grant.save(update_fields=["is_active", "revoked_at"])
            audit.record(AuditAction.ROLE_REVOKE, grant, actor=actor, target_repr=f"{user.get_username()}: {grant}",
                         changes={"role": [grant.get_role_display(), None]}, note=reason)
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit.account_disabled(user, actor=actor, agency_id=person.unit.audit_agency_id, reason=reason)
    accounts.end_sessions(user)
    user.__dict__.pop("_thidua_scope", None)


def check_account_control(actor, person: Person) -> None:
    """The Office of the person's agency (or an administrator) creates, disables and re-enables accounts."""
    if actor is None:
        return
    scope = get_scope(actor)
    if not (scope.is_admin or (scope.has(Role.SECRETARIAT) and can_manage_unit(actor, person.unit))):
        raise ValidationError(_("Chỉ Văn phòng của cơ quan (hoặc quản trị hệ thống) mới quản lý tài khoản của cán bộ này."))


@transaction.atomic
def create_account(person: Person, *, username: str, password: str, actor) -> object:
    """An account for a person, with the staff role in his unit; the first password must be changed at first login.
    The password follows the same rules (AUTH_PASSWORD_VALIDATORS) as the change form."""
    check_account_control(actor, person)
    person = Person.objects.select_for_update().select_related("unit").get(pk=person.pk)
    if person.user_id:
        raise ValidationError(_("Cán bộ đã có tài khoản."))
    if not person.is_active:
        raise ValidationError(_("Cán bộ đã thôi công tác: không tạo tài khoản."))
    model = get_user_model()
    if model.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập đã được dùng.")})
    user = model(username=username, email=person.email, last_name=" ".join(person.full_name.split(" ")[:-1]),
                 first_name=person.given_name)
    password_validation.validate_password(password, user)
    user.set_password(password)
    user.save()
    person.user = user
    person.save(update_fields=["user", "updated_at"])
    accounts.require_password_change(user)
    audit.account_created(user, actor=actor, agency_id=person.unit.audit_agency_id,
                          note="Mật khẩu ban đầu phải được đổi ở lần đăng nhập đầu")
    grant_role(user, Role.STAFF, person.unit, actor=actor)
    return user


@transaction.atomic
def set_account_active(person: Person, active: bool, *, actor, reason: str = ""):
    """The Office disables or re-enables a person's account. Disabling ends his sessions at once; his role grants
    are kept (a pause, not a departure), but give nothing while the account is disabled."""
    check_account_control(actor, person)
    person = Person.objects.select_for_update().select_related("unit").get(pk=person.pk)
    if person.user_id is None:
        raise ValidationError(_("Cán bộ chưa có tài khoản."))
    user = get_user_model().objects.select_for_update().get(pk=person.user_id)
    if actor is not None and actor.pk == user.pk:
        raise ValidationError(_("Không thể tự khóa hoặc mở tài khoản của chính mình."))
    target_is_admin = user.is_superuser or RoleGrant.objects.filter(user=user, role=Role.ADMIN, is_active=True).exists()
    if actor is not None and target_is_admin and not get_scope(actor).is_admin:
        raise ValidationError(_("Chỉ quản trị hệ thống mới khóa hoặc mở tài khoản quản trị."))
    if user.is_active == active:
        raise ValidationError(_("Tài khoản đang hoạt động.") if active else _("Tài khoản đã bị khóa từ trước."))
    if active and not person.is_active:
        raise ValidationError(_("Cán bộ đã thôi công tác: hãy ghi nhận công tác trở lại trước khi mở tài khoản."))
    user.is_active = active
    user.save(update_fields=["is_active"])
    agency_id = person.unit.audit_agency_id
    if active:
        audit.account_enabled(user, actor=actor, agency_id=agency_id, note=nfc(reason))
    else:
        audit.account_disabled(user, actor=actor, agency_id=agency_id, reason=nfc(reason))
        accounts.end_sessions(user)
    return user


# --- roles --------------------------------------------------------------------------------------------------


def check_grant_allowed(granter, role: str, unit: OrgUnit | None) -> None:
    scope = get_scope(granter)
    if scope.is_admin:
        if role != Role.ADMIN and unit is None:
            raise ValidationError({"unit": "Vai trò này cần một phạm vi (đơn vị)."})
        return
    if role not in SECRETARIAT_GRANTABLE:
        raise ValidationError({"role": "Chỉ quản trị hệ thống mới được cấp vai trò này."})
    if unit is None or not any(unit.path.startswith(p) for p in scope.manage_org_paths):
        raise ValidationError({"unit": "Không thể cấp vai trò ngoài phạm vi cơ quan bạn quản lý."})


def check_leader_grant(user, role: str, unit: OrgUnit | None) -> None:
    """The signers: one Giám đốc per agency at a time, any number of Phó Giám đốc (who sign "KT. GIÁM ĐỐC"),
    both granted on the agency itself. Called inside grant_role's transaction; the agency row is locked so that
    two grants at once cannot both pass (the database's partial unique index is the last guard)."""
    if unit is None or not unit.is_agency:
        raise ValidationError({"unit": _("Vai trò Giám đốc, Phó Giám đốc được cấp cho cả cơ quan (Sở, UBND): hãy "
                                         "chọn cơ quan làm phạm vi, không chọn phòng, ban.")})
    OrgUnit.objects.select_for_update().filter(pk=unit.pk).first()
    in_agency = RoleGrant.objects.filter(Q(unit=unit) | Q(unit__agency=unit), is_active=True, role__in=LEADER_ROLES)
    other = Role.DEPUTY_DIRECTOR if role == Role.DIRECTOR else Role.DIRECTOR
    if in_agency.filter(user=user, role=other).exists():
        raise ValidationError({"role": _("Người này đang giữ vai trò %(role)s của %(agency)s: hãy thu hồi vai trò "
                                         "đó trước.") % {"role": Role(other).label, "agency": unit.name}})
    if role == Role.DIRECTOR:
        current = in_agency.filter(role=Role.DIRECTOR).exclude(user=user).select_related("user__person").first()
        if current is not None:
            raise ValidationError({"role": _(
                "%(agency)s đã có Giám đốc: %(name)s. Mỗi cơ quan chỉ có một Giám đốc tại một thời điểm: hãy thu hồi "
                "vai trò Giám đốc của người này trước, hoặc cấp vai trò Phó Giám đốc."
            ) % {"agency": unit.name, "name": user_display_name(current.user)}})


@translation.override("vi")  # the audit row records the role's Vietnamese name
@transaction.atomic
def grant_role(user, role: str, unit: OrgUnit | None, *, actor) -> RoleGrant:
    if actor is not None:
        check_grant_allowed(actor, role, unit)
    if not get_user_model().objects.filter(pk=user.pk, is_active=True).exists():
        raise ValidationError(_("Tài khoản đang bị khóa: hãy mở lại tài khoản trước khi cấp vai trò."))
    existing = RoleGrant.objects.filter(user=user, role=role, unit=unit, is_active=True).first()
    if existing:
        raise ValidationError("Người dùng đã có vai trò này trong phạm vi này.")
    if role in LEADER_ROLES:
        check_leader_grant(user, role, unit)
    grant = RoleGrant.objects.create(user=user, role=role, unit=unit, granted_by=actor)
    audit.record(
        AuditAction.ROLE_GRANT,
        grant,
        actor=actor,
        target_repr=f"{user.get_username()}: {grant}",
        changes={"role": [None, grant.get_role_display()], "unit": [None, str(unit) if unit else None]},
    )
    user.__dict__.pop("_thidua_scope", None)
    return grant


@translation.override("vi")
@transaction.atomic
def revoke_role(grant: RoleGrant, *, actor) -> RoleGrant:
    if actor is not None:
        check_grant_allowed(actor, grant.role, grant.unit)
    grant.is_active = False
    grant.revoked_at = timezone.now()
    grant.save(update_fields=["is_active", "revoked_at"])
    audit.record(
        AuditAction.ROLE_REVOKE,
        grant,
        actor=actor,
        target_repr=f"{grant.user.get_username()}: {grant}",
        changes={"role": [grant.get_role_display(), None]},
    )
    return grant
