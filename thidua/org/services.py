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
from thidua.core.text import fold, nfc, search_key, user_display_name

from .enums import AGENCY_KINDS, LEADER_ROLES, SECRETARIAT_GRANTABLE, Role, UnitKind
from .models import Assignment, OrgUnit, Person, RoleGrant, identity_key, path_segment
from .phones import normalise_phone
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


def same_name_sibling(name: str, parent: OrgUnit | None, *, exclude_pk: int | None = None) -> OrgUnit | None:
    """An active unit under the same parent whose name folds to the same text ("Phòng Kế hoạch" twice)."""
    if parent is None:
        return None
    siblings = OrgUnit.objects.filter(parent=parent, is_active=True, name_key=fold(nfc(name)))
    if exclude_pk:
        siblings = siblings.exclude(pk=exclude_pk)
    return siblings.first()


def _check_same_name(name: str, parent: OrgUnit | None, *, exclude_pk: int | None = None) -> None:
    """A second unit of one name under one parent is usually a typing slip, and it makes the staff import ask for
    codes; the Office confirms it when it is meant (two teams of one name in different places)."""
    sibling = same_name_sibling(name, parent, exclude_pk=exclude_pk)
    if sibling is not None:
        raise ValidationError({"name": ValidationError(
            _("Dưới “%(parent)s” đã có đơn vị “%(name)s”%(code)s. Hai đơn vị cùng tên dễ nhầm, và tệp nhập cán bộ "
              "phải ghi mã để phân biệt. Nếu đúng là hai đơn vị khác nhau, hãy đánh dấu ô xác nhận rồi lưu lại.") % {
                "parent": parent.name, "name": sibling.name,
                "code": _(" (mã %(code)s)") % {"code": sibling.code} if sibling.code else ""},
            code="same_name")})


@transaction.atomic
def create_unit(*, name: str, kind: str, parent: OrgUnit | None, actor, short_name: str = "", code: str = "",
                sort_order: int = 0, audit_row: bool = True, allow_same_name: bool = False) -> OrgUnit:
    check_placement(kind, parent)
    if not allow_same_name:
        _check_same_name(name, parent)
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
def update_unit(unit: OrgUnit, *, actor, allow_same_name: bool = False, **fields) -> OrgUnit:
    if "name" in fields and fold(nfc(fields["name"])) != unit.name_key and not allow_same_name:
        _check_same_name(fields["name"], unit.parent, exclude_pk=unit.pk)
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


#: the ages a civil servant can have at work: 18 (Luật Cán bộ, công chức: "đủ 18 tuổi trở lên") to 70 (above any
#: retirement age, extensions included); a birth date outside is a typing error
MIN_AGE, MAX_AGE = 18, 70


def _age_on(birth: dt.date, on: dt.date) -> int:
    return on.year - birth.year - ((on.month, on.day) < (birth.month, birth.day))


def birth_date_error(birth: dt.date | None, on: dt.date) -> str | None:
    """Why a birth date cannot be a working civil servant's on the date `on` (start date or today), or None.
    The form, the service and the staff import all ask this."""
    if birth is None:
        return None
    if birth > timezone.localdate():
        return _("Ngày sinh không được ở tương lai.")
    if birth.year < 1900:
        return _("Ngày sinh không hợp lệ.")
    age = _age_on(birth, on)
    if age < MIN_AGE:
        return _("Ngày sinh %(birth)s: đến %(on)s mới %(age)d tuổi, chưa đủ %(min)d tuổi để làm cán bộ, công chức.") % {
            "birth": birth.strftime("%d/%m/%Y"), "on": on.strftime("%d/%m/%Y"), "age": age, "min": MIN_AGE}
    if age > MAX_AGE:
        return _("Ngày sinh %(birth)s: đến %(on)s đã %(age)d tuổi, quá tuổi công tác (tối đa %(max)d): hãy kiểm tra "
                 "lại năm sinh.") % {"birth": birth.strftime("%d/%m/%Y"), "on": on.strftime("%d/%m/%Y"), "age": age,
                                     "max": MAX_AGE}
    return None


def validate_person_fields(*, full_name: str, birth_date: dt.date | None, on: dt.date | None = None,
                           phone: str = "") -> None:
    errors = {}
    if not (full_name or "").strip():
        errors["full_name"] = _("Họ và tên không được để trống.")
    message = birth_date_error(birth_date, on or timezone.localdate())
    if message:
        errors["birth_date"] = message
    if phone:
        try:
            normalise_phone(phone)
        except ValueError as exc:
            errors["phone"] = str(exc)
    if errors:
        raise ValidationError(errors)


def find_duplicate_person(full_name: str, birth_date: dt.date | None, unit: OrgUnit, *,
                          exclude_pk: int | None = None) -> Person | None:
    """The person already recorded in the unit's agency with the same identity (models.identity_key: folded name
    and birth date) — what the staff import refuses as "Đã có trong hệ thống"."""
    if not birth_date or not (full_name or "").strip():
        return None
    agency = _nearest_agency(unit) or unit
    wanted = identity_key(full_name, birth_date)
    candidates = Person.objects.filter(
        unit__path__startswith=agency.path, birth_date=birth_date, name_key=search_key(full_name)
    ).select_related("unit")
    if exclude_pk:
        candidates = candidates.exclude(pk=exclude_pk)
    return next((p for p in candidates if identity_key(p.full_name, p.birth_date) == wanted), None)


def _check_duplicate(full_name, birth_date, unit, *, exclude_pk=None) -> None:
    other = find_duplicate_person(full_name, birth_date, unit, exclude_pk=exclude_pk)
    if other is not None:
        raise ValidationError({"full_name": ValidationError(
            _("Đã có trong hệ thống: %(name)s, sinh %(birth)s, thuộc %(unit)s%(left)s. Nếu đúng là một người khác, "
              "hãy đánh dấu ô xác nhận rồi lưu lại.") % {
                "name": other.full_name, "birth": other.birth_date.strftime("%d/%m/%Y"), "unit": other.unit.name,
                "left": "" if other.is_active else _(" (đã thôi công tác)")},
            code="duplicate")})


@transaction.atomic
def create_person(*, actor, unit: OrgUnit, start_date: dt.date | None = None, allow_duplicate: bool = False,
                  **fields) -> Person:
    start_date = start_date or timezone.localdate()
    validate_person_fields(full_name=fields.get("full_name", ""), birth_date=fields.get("birth_date"), on=start_date,
                           phone=fields.get("phone", ""))
    if not unit.is_active:
        raise ValidationError({"unit": "Đơn vị đã ngừng hoạt động."})
    if fields.get("phone"):
        fields["phone"] = normalise_phone(fields["phone"])
    if not allow_duplicate:
        _check_duplicate(fields.get("full_name", ""), fields.get("birth_date"), unit)
    person = Person(unit=unit, **fields)
    person.save()
    Assignment.objects.create(person=person, unit=unit, position=person.position, start_date=start_date)
    audit.created(person, PERSON_AUDIT_FIELDS, actor=actor)
    return person


@transaction.atomic
def update_person(person: Person, *, actor, allow_duplicate: bool = False, **fields) -> Person:
    if "unit" in fields:
        raise ValueError("use move_person to change a person's unit")
    full_name = fields.get("full_name", person.full_name)
    birth_date = fields.get("birth_date", person.birth_date)
    validate_person_fields(
        full_name=full_name, birth_date=birth_date if birth_date != person.birth_date else None,
        phone=fields.get("phone", "") if fields.get("phone", "") != person.phone else "",
    )
    if fields.get("phone") and fields["phone"] != person.phone:
        fields["phone"] = normalise_phone(fields["phone"])
    identity_changed = identity_key(full_name, birth_date) != identity_key(person.full_name, person.birth_date)
    if identity_changed and not allow_duplicate:
        _check_duplicate(full_name, birth_date, person.unit, exclude_pk=person.pk)
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
    person = Person.objects.select_for_update(of=("self",)).select_related("unit", "user").get(pk=person.pk)
    if not active and actor is not None and person.user_id is not None and actor.pk == person.user_id:
        raise ValidationError(_("Không thể tự ghi nhận chính mình thôi công tác: hãy nhờ Văn phòng thực hiện."))
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
        for grant in (RoleGrant.objects.select_for_update(of=("self",)).filter(user=user, is_active=True)
                      .select_related("unit")):
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
    person = Person.objects.select_for_update(of=("self",)).select_related("unit").get(pk=person.pk)
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
    person = Person.objects.select_for_update(of=("self",)).select_related("unit").get(pk=person.pk)
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
