from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from thidua.core import hooks, importflow
from thidua.core.access import SIGNED_IN, access
from thidua.core.db import int_param, page_param, startswith_q
from thidua.core.forms import apply_validation_error
from thidua.core.models import AuditAction, AuditEvent
from thidua.core.submission import single_submission

from . import importing, rules, services
from .enums import AGENCY_KINDS, SECRETARIAT_GRANTABLE, Role, UnitKind
from .forms import (
    AccountForm,
    GrantForm,
    ImportForm,
    MovePersonForm,
    MoveUnitForm,
    PersonFilterForm,
    PersonForm,
    ReasonForm,
    UnitForm,
)
from .models import OrgUnit, Person, RoleGrant, StaffImport
from .scoping import (
    can_manage_person,
    can_manage_unit,
    get_scope,
    manageable_units,
    people_target_units,
    tree_roots,
    visible_people,
    visible_units,
)
from .search import filter_by_name

PAGE_SIZE = 50
#: asked with (request, person): what a higher layer shows on the person page, each answer a dict whose "template"
#: is included below the person's details (the commendation side's: thidua.awards.person_panel.person_inputs)
PERSON_PANELS = "org.person_panels"
#: asked with (request, unit): what a higher layer shows on the unit page (a link to its awards:
#: thidua.awards.history.unit_panel), each a dict whose "template" is included under the unit's name
UNIT_PANELS = "org.unit_panels"
CHILDREN_PAGE = 200
HISTORY_SIZE = 30



#: what of an account's log belongs on its person's page (not every sign-in)
ACCOUNT_HISTORY = [AuditAction.ACCOUNT_CREATE, AuditAction.ACCOUNT_DISABLE, AuditAction.ACCOUNT_ENABLE,
                   AuditAction.PASSWORD_CHANGE, AuditAction.PASSWORD_RESET]


def object_history(obj, limit: int = HISTORY_SIZE, *, account=None):
    """The audit rows of an object (and what was done to `account`, a person's user), newest first."""
    q = Q(target_type=obj._meta.label_lower, target_id=str(obj.pk))
    if account is not None:
        q |= Q(target_type=account._meta.label_lower, target_id=str(account.pk), action__in=ACCOUNT_HISTORY)
    return list(AuditEvent.objects.filter(q).order_by("-id")[:limit])


# --- org tree -----------------------------------------------------------------------------------------------


TREE_CHILDREN_LIMIT = 15


class ChildList(list):
    """Children shown in the tree; `more` is set when the unit has more than the tree shows."""

    more = False


def _children(unit: OrgUnit, show_inactive: bool, limit: int = TREE_CHILDREN_LIMIT):
    qs = OrgUnit.objects.filter(parent=unit)
    if not show_inactive:
        qs = qs.filter(is_active=True)
    children = ChildList(qs.order_by("sort_order", "name_key")[: limit + 1])
    if len(children) > limit:
        children.more = True
        del children[limit:]
    parents_with_children = set(
        OrgUnit.objects.filter(parent__in=[c.pk for c in children]).values_list("parent_id", flat=True).distinct()
    )
    for child in children:
        child.has_children = child.pk in parents_with_children
    return children


@access(rules.reads_tree)
def tree(request):
    show_inactive = request.GET.get("inactive") == "1"
    roots = tree_roots(request.user)
    nodes = []
    for root in roots:
        root.children_list = _children(root, show_inactive)
        nodes.append(root)
    can_add = rules.can_manage_org.test(request.user)
    return render(request, "org/tree.html", {"roots": nodes, "show_inactive": show_inactive, "can_add": can_add})


@access(rules.reads_tree)
def tree_children(request, unit_id: int):
    unit = get_object_or_404(visible_units(request.user), pk=unit_id)
    children = _children(unit, request.GET.get("inactive") == "1")
    return render(request, "org/_tree_children.html", {"children": children, "show_inactive": request.GET.get("inactive") == "1"})


@access(rules.reads_tree)
def unit_detail(request, unit_id: int):
    unit = get_object_or_404(visible_units(request.user).select_related("parent", "agency"), pk=unit_id)
    ancestors = []
    if unit.path:
        ids = [int(seg) for seg in unit.path.strip("/").split("/")[:-1]]
        by_id = {u.pk: u for u in OrgUnit.objects.filter(pk__in=ids)}
        visible = set(visible_units(request.user).filter(pk__in=ids).values_list("pk", flat=True))
        ancestors = [by_id[i] for i in ids if i in by_id]
        for ancestor in ancestors:
            ancestor.visible = ancestor.pk in visible
    people = []
    people_more = False
    if rules.reads_people_lists.test(request.user):
        people = list(
            visible_people(request.user).filter(unit=unit, is_active=True).order_by("sort_key", "id")[:PAGE_SIZE + 1]
        )
        people_more = len(people) > PAGE_SIZE
        people = people[:PAGE_SIZE]
    manage = can_manage_unit(request.user, unit)
    context = {
        "unit": unit,
        "ancestors": ancestors,
        "children": _children(unit, True, limit=CHILDREN_PAGE),
        "people": people,
        "people_more": people_more,
        "reads_lists": rules.reads_people_lists.test(request.user),
        "panels": hooks.ask(UNIT_PANELS, request, unit),
        "can_manage": manage,
        "history": object_history(unit) if manage else [],
    }
    return render(request, "org/unit_detail.html", context)


def _default_kind(parent: OrgUnit | None) -> str:
    if parent is None:
        return UnitKind.PROVINCE
    if parent.kind == UnitKind.PROVINCE:
        return UnitKind.AGENCY
    return UnitKind.DIVISION


@access(rules.can_manage_org)
def unit_add(request):
    parents = manageable_units(request.user).filter(is_active=True).order_by("path")
    initial = {}
    parent_id = int_param(request.GET.get("parent"))
    if parent_id is not None:
        parent = parents.filter(pk=parent_id).first()
        if parent:
            initial = {"parent": parent, "kind": _default_kind(parent)}
    form = UnitForm(request.POST or None, parents=parents, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        parent = data["parent"]
        if parent is None and not get_scope(request.user).is_admin:
            form.add_error("parent", _("Hãy chọn đơn vị cấp trên."))
        else:
            try:
                unit = services.create_unit(
                    name=data["name"], kind=data["kind"], parent=parent, actor=request.user,
                    short_name=data["short_name"], code=data["code"], sort_order=data["sort_order"] or 0,
                    allow_same_name=data["confirm"],
                )
            except ValidationError as exc:
                _show_error(form, exc, "same_name")
            else:
                messages.success(request, _("Đã thêm đơn vị “%(name)s”.") % {"name": unit.name})
                return redirect("org:unit", unit_id=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "title": _("Thêm đơn vị")})


def _show_error(form, exc: ValidationError, confirm_code: str) -> None:
    """The service's refusal on the form; a warning that can be confirmed brings up the form's confirmation box."""
    apply_validation_error(form, exc)
    errors = exc.error_dict.values() if hasattr(exc, "error_dict") else [exc.error_list]
    if any(error.code == confirm_code for group in errors for error in group):
        form.ask_confirmation()


def _managed_unit(request, unit_id: int) -> OrgUnit:
    unit = get_object_or_404(visible_units(request.user), pk=unit_id)
    if not can_manage_unit(request.user, unit):
        raise PermissionDenied
    return unit


@access(rules.can_manage_org)
def unit_edit(request, unit_id: int):
    unit = _managed_unit(request, unit_id)
    form = UnitForm(request.POST or None, editing=True, initial={
        "name": unit.name, "short_name": unit.short_name, "code": unit.code, "sort_order": unit.sort_order,
    })
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_unit(
                unit, actor=request.user, name=data["name"], short_name=data["short_name"], code=data["code"],
                sort_order=data["sort_order"] or 0, allow_same_name=data["confirm"],
            )
        except ValidationError as exc:
            _show_error(form, exc, "same_name")
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("org:unit", unit_id=unit.pk)
    return render(request, "org/unit_form.html", {"form": form, "title": _("Sửa đơn vị: %(name)s") % {"name": unit.name}, "unit": unit})


@access(rules.can_manage_org)
def unit_move(request, unit_id: int):
    unit = _managed_unit(request, unit_id)
    parents = manageable_units(request.user).filter(is_active=True).order_by("path")
    form = MoveUnitForm(request.POST or None, parents=parents, unit=unit, initial={"parent": unit.parent})
    if request.method == "POST" and form.is_valid():
        try:
            services.move_unit(unit, form.cleaned_data["parent"], actor=request.user)
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã chuyển “%(name)s” về “%(parent)s”.") % {
                "name": unit.name, "parent": form.cleaned_data["parent"].name})
            return redirect("org:unit", unit_id=unit.pk)
    return render(request, "org/unit_move.html", {"form": form, "unit": unit})


@access(rules.can_manage_org)
@require_POST
def unit_deactivate(request, unit_id: int):
    unit = _managed_unit(request, unit_id)
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.deactivate_unit(unit, actor=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đơn vị “%(name)s” đã ngừng hoạt động; lịch sử được giữ nguyên.") % {
            "name": unit.name})
    return redirect("org:unit", unit_id=unit.pk)


@access(rules.can_manage_org)
@require_POST
def unit_reactivate(request, unit_id: int):
    unit = _managed_unit(request, unit_id)
    try:
        services.reactivate_unit(unit, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đơn vị “%(name)s” hoạt động trở lại.") % {"name": unit.name})
    return redirect("org:unit", unit_id=unit.pk)


@access(rules.can_manage_org)
@require_POST
def unit_delete(request, unit_id: int):
    unit = _managed_unit(request, unit_id)
    parent_id = unit.parent_id
    try:
        services.delete_unit(unit, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("org:unit", unit_id=unit.pk)
    messages.success(request, _("Đã xóa đơn vị tạo nhầm."))
    return redirect("org:unit", unit_id=parent_id) if parent_id else redirect("org:tree")


# --- people -------------------------------------------------------------------------------------------------


@access(rules.reads_people)
def people(request):
    scope = get_scope(request.user)
    if not rules.reads_people_lists.test(request.user):
        # a staff member sees his own record only
        return redirect("org:person", person_id=scope.own_person_id)
    selected = None
    unit_param = int_param(request.GET.get("unit"))
    if unit_param is not None:
        selected = visible_units(request.user).filter(pk=unit_param).first()
    form = PersonFilterForm(request.GET or None, unit_choices=filter_unit_choices(request.user, selected))
    qs = visible_people(request.user).select_related("unit")
    filters = form.cleaned_data if form.is_valid() else {}
    query = (filters.get("q") or "").strip()
    if query:
        qs = filter_by_name(qs, query, scoped=not scope.is_admin)
    if selected is not None:
        qs = qs.filter(unit_id__in=subtree_ids(selected))
    if filters.get("type"):
        qs = qs.filter(employment_type=filters["type"])
    if not filters.get("inactive"):
        qs = qs.filter(is_active=True)
    page = page_param(request.GET.get("page"))
    start = (page - 1) * PAGE_SIZE
    rows = list(qs.order_by("sort_key", "id")[start:start + PAGE_SIZE + 1])
    has_next = len(rows) > PAGE_SIZE
    rows = rows[:PAGE_SIZE]
    params = request.GET.copy()
    params.pop("page", None)
    context = {
        "form": form,
        "people": rows,
        "page": page,
        "has_next": has_next,
        "start": start,
        "query_string": params.urlencode(),
        "can_add": rules.manages_people.test(request.user),
        "can_import": rules.can_import_staff.test(request.user),
        "query": query,
    }
    template = "org/_people_rows.html" if request.headers.get("HX-Request") else "org/people.html"
    return render(request, template, context)


FILTER_UNIT_LIMIT = 300


def subtree_ids(unit: OrgUnit) -> list[int]:
    """Ids of a unit and everything under it (a few dozen): lets the people query use the unit index."""
    return list(OrgUnit.objects.filter(startswith_q("path", unit.path)).values_list("id", flat=True)[:5000])


def filter_unit_choices(user, selected: OrgUnit | None) -> list[tuple[int, str]]:
    """The unit filter's options: every unit when the user sees one agency; at province scope, the agencies
    plus the units of the selected agency, so the page does not grow with the province."""
    scope = get_scope(user)
    units = visible_units(user).filter(is_active=True)
    province_wide = scope.is_admin or any(p.count("/") == 1 for p in scope.tree_paths + scope.people_paths)
    if province_wide:
        q = Q(kind__in=AGENCY_KINDS) | Q(kind=UnitKind.PROVINCE)
        if selected is not None:
            agency_id = selected.home_agency_id
            if agency_id:
                q |= Q(agency_id=agency_id)
        units = units.filter(q)
    rows = units.order_by("path").values_list("id", "name", "depth")[:FILTER_UNIT_LIMIT]
    return [(pk, "\u2003" * max(0, depth - 1) + name) for pk, name, depth in rows]


def _visible_person(request, person_id: int) -> Person:
    return get_object_or_404(visible_people(request.user).select_related("unit", "user"), pk=person_id)


def _managed_person(request, person_id: int) -> Person:
    person = _visible_person(request, person_id)
    if not can_manage_person(request.user, person):
        raise PermissionDenied
    return person


@access(rules.reads_people)
def person_detail(request, person_id: int):
    person = _visible_person(request, person_id)
    manage = can_manage_person(request.user, person)
    assignments = list(person.assignments.select_related("unit").order_by("-start_date", "-id"))
    grants = []
    if person.user_id:
        grants = list(RoleGrant.objects.filter(user_id=person.user_id).select_related("unit").order_by("-is_active", "id"))
    context = {
        "person": person,
        "assignments": assignments,
        "grants": grants,
        "can_manage": manage,
        "can_grant": rules.can_grant_roles.test(request.user) and manage,
        # a unit head with one unit has nowhere to move anyone: no dead-end button
        "can_move": manage and person.is_active and _move_targets(request.user, person).exists(),
        "history": object_history(person, account=person.user) if manage else [],
        # what a higher layer shows of the person (the commendation side's yearly inputs), each a dict whose
        # "template" is included in the page
        "panels": hooks.ask(PERSON_PANELS, request, person),
    }
    return render(request, "org/person_detail.html", context)


def _move_targets(user, person: Person):
    return people_target_units(user).filter(is_active=True).exclude(pk=person.unit_id).exclude(
        kind=UnitKind.PROVINCE).order_by("path")


@access(rules.manages_people)
@single_submission
def person_add(request):
    units = people_target_units(request.user).filter(is_active=True).exclude(kind=UnitKind.PROVINCE).order_by("path")
    initial = {}
    unit_id = int_param(request.GET.get("unit"))
    if unit_id is not None:
        initial["unit"] = units.filter(pk=unit_id).first()
    form = PersonForm(request.POST or None, units=units, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        unit = data.pop("unit")
        allow_duplicate = data.pop("confirm")
        try:
            person = services.create_person(actor=request.user, unit=unit, allow_duplicate=allow_duplicate, **data)
        except ValidationError as exc:
            _show_error(form, exc, "duplicate")
        else:
            messages.success(request, _("Đã thêm cán bộ %(name)s.") % {"name": person.full_name})
            return redirect("org:person", person_id=person.pk)
    return render(request, "org/person_form.html", {"form": form, "title": _("Thêm cán bộ")})


@access(rules.manages_people)
def person_edit(request, person_id: int):
    person = _managed_person(request, person_id)
    form = PersonForm(request.POST or None, instance=person, editing=True)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items()}
        allow_duplicate = data.pop("confirm")
        person.refresh_from_db()
        try:
            services.update_person(person, actor=request.user, allow_duplicate=allow_duplicate, **data)
        except ValidationError as exc:
            _show_error(form, exc, "duplicate")
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("org:person", person_id=person.pk)
    return render(request, "org/person_form.html", {"form": form, "title": _("Sửa thông tin: %(name)s") % {"name": person.full_name},
                                                    "person": person})


@access(rules.manages_people)
def person_move(request, person_id: int):
    person = _managed_person(request, person_id)
    units = _move_targets(request.user, person)
    if not units.exists():
        messages.info(request, _("Không có đơn vị nào khác trong phạm vi bạn quản lý để chuyển %(name)s đến; "
                                 "việc điều động sang đơn vị khác do Văn phòng thực hiện.") % {"name": person.full_name})
        return redirect("org:person", person_id=person.pk)
    form = MovePersonForm(request.POST or None, units=units, initial={"position": person.position})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.move_person(person, data["unit"], actor=request.user, on=data["on"],
                                 position=data["position"] or person.position, note=data["note"])
        except ValidationError as exc:
            apply_validation_error(form, exc)
        else:
            messages.success(request, _("Đã chuyển %(name)s sang %(unit)s; quá trình công tác được giữ.") % {
                "name": person.full_name, "unit": data["unit"].name})
            return redirect("org:person", person_id=person.pk)
    return render(request, "org/person_move.html", {"form": form, "person": person})


def _confirm_page(request, person, *, title, consequences, action_url, active, button):
    return render(request, "org/person_confirm.html", {
        "person": person, "title": title, "consequences": consequences, "action_url": action_url,
        "active": active, "button": button, "form": ReasonForm(request.POST or None),
    })


@access(rules.manages_people)
def person_set_active(request, person_id: int):
    """Marking someone as having left asks first (a page that says what happens); coming back needs no question."""
    person = _managed_person(request, person_id)
    active = request.POST.get("active") == "1"
    if not active and (request.method != "POST" or request.POST.get("confirm") != "1"):
        consequences = [_("Quá trình công tác ở đơn vị hiện tại kết thúc hôm nay; lịch sử được giữ nguyên.")]
        if person.user_id:
            consequences.append(_("Tài khoản %(username)s bị khóa ngay, mọi vai trò bị thu hồi và mọi phiên đăng "
                                  "nhập kết thúc.") % {"username": person.user.username})
        return _confirm_page(request, person, title=_("Ghi nhận %(name)s thôi công tác?") % {"name": person.full_name},
                             consequences=consequences, action_url=request.path, active="0",
                             button=_("Xác nhận thôi công tác"))
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.set_person_active(person, active, actor=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if active:
            messages.success(request, _("%(name)s: đang công tác.") % {"name": person.full_name})
        elif person.user_id:
            messages.success(request, _("%(name)s: đã thôi công tác; tài khoản đã bị khóa và vai trò đã thu hồi.") % {
                "name": person.full_name})
        else:
            messages.success(request, _("%(name)s: đã thôi công tác.") % {"name": person.full_name})
    return redirect("org:person", person_id=person.pk)


@access(rules.can_grant_roles)
def person_account(request, person_id: int):
    """The Office disables (after a confirmation page) or re-enables a person's account."""
    person = _managed_person(request, person_id)
    if person.user_id is None:
        raise Http404
    active = request.POST.get("active") == "1"
    if not active and (request.method != "POST" or request.POST.get("confirm") != "1"):
        return _confirm_page(
            request, person,
            title=_("Khóa tài khoản %(username)s của %(name)s?") % {"username": person.user.username,
                                                                     "name": person.full_name},
            consequences=[_("Người dùng không đăng nhập được nữa; các phiên đang mở kết thúc ngay."),
                          _("Vai trò được giữ lại và có hiệu lực trở lại khi mở lại tài khoản.")],
            action_url=request.path, active="0", button=_("Khóa tài khoản"))
    form = ReasonForm(request.POST)
    form.is_valid()
    try:
        services.set_account_active(person, active, actor=request.user, reason=form.cleaned_data.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if active:
            messages.success(request, _("Đã mở lại tài khoản %(username)s.") % {"username": person.user.username})
        else:
            messages.success(request, _("Đã khóa tài khoản %(username)s.") % {"username": person.user.username})
    return redirect("org:person", person_id=person.pk)


# --- accounts and roles ---------------------------------------------------------------------------------------


def _grantable_roles(user) -> set[str]:
    return set(Role) if get_scope(user).is_admin else set(SECRETARIAT_GRANTABLE)


@access(rules.can_grant_roles)
def person_roles(request, person_id: int):
    person = _managed_person(request, person_id)
    account_form = None
    grant_form = None
    if person.user_id is None:
        account_form = AccountForm(request.POST or None, person=person)
        if request.method == "POST" and account_form.is_valid():
            try:
                user = services.create_account(person, username=account_form.cleaned_data["username"],
                                               password=account_form.cleaned_data["password"], actor=request.user)
            except ValidationError as exc:
                apply_validation_error(account_form, exc)
            else:
                messages.success(request, _("Đã tạo tài khoản %(username)s với vai trò cán bộ; người dùng phải đổi "
                                            "mật khẩu ở lần đăng nhập đầu.") % {"username": user.username})
                return redirect("org:person_roles", person_id=person.pk)
    else:
        units = manageable_units(request.user).filter(is_active=True).order_by("path")
        grant_form = GrantForm(request.POST or None, units=units, roles=_grantable_roles(request.user),
                               initial={"unit": person.unit})
        if request.method == "POST" and grant_form.is_valid():
            try:
                services.grant_role(person.user, grant_form.cleaned_data["role"], grant_form.cleaned_data["unit"],
                                    actor=request.user)
            except ValidationError as exc:
                apply_validation_error(grant_form, exc)
            else:
                messages.success(request, _("Đã cấp vai trò."))
                return redirect("org:person_roles", person_id=person.pk)
    grants = []
    if person.user_id:
        grants = list(RoleGrant.objects.filter(user_id=person.user_id).select_related("unit", "granted_by").order_by("-is_active", "id"))
    return render(request, "org/person_roles.html", {
        "person": person, "account_form": account_form, "grant_form": grant_form, "grants": grants,
    })


@access(rules.can_grant_roles)
@require_POST
def role_revoke(request, grant_id: int):
    grant = get_object_or_404(RoleGrant.objects.select_related("user", "unit"), pk=grant_id, is_active=True)
    person = Person.objects.filter(user=grant.user).select_related("unit").first()
    if person is None or not can_manage_person(request.user, person):
        raise Http404
    try:
        services.revoke_role(grant, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Đã thu hồi vai trò %(role)s.") % {"role": grant.get_role_display()})
    return redirect("org:person_roles", person_id=person.pk)


# --- staff import ---------------------------------------------------------------------------------------------


def _import_agencies(user):
    return manageable_units(user).filter(kind__in=AGENCY_KINDS, is_active=True).order_by("path")


@access(rules.can_import_staff)
def import_start(request):
    agencies = list(_import_agencies(request.user))
    form = ImportForm(request.POST or None, request.FILES or None, agencies=_import_agencies(request.user))
    if len(agencies) == 1:
        form.fields["agency"].initial = agencies[0].pk
    staff_import = importflow.upload(request, form, importing.FLOW)
    if staff_import is not None:
        return redirect("org:import_detail", import_id=staff_import.pk)
    return render(request, "org/import_start.html", {
        "form": form, "recent": importflow.recent_batches(StaffImport, agencies), "columns": importing.COLUMNS,
        "agencies": agencies, "max_mb": settings.IMPORT_MAX_BYTES // (1024 * 1024),
    })


@access(rules.can_import_staff)
def import_template(request):
    agencies = list(_import_agencies(request.user)[:2])
    agency = agencies[0] if len(agencies) == 1 else None
    agency_id = int_param(request.GET.get("agency"))
    if agency_id is not None:
        agency = _import_agencies(request.user).filter(pk=agency_id).first() or agency
    return importflow.xlsx_download(importing.template_workbook(agency), "mau-nhap-can-bo.xlsx")


def _visible_import(request, import_id: int) -> StaffImport:
    return importflow.visible_batch(StaffImport, _import_agencies(request.user), import_id)


@access(rules.can_import_staff)
def import_detail(request, import_id: int):
    return importflow.detail_page(request, _visible_import(request, import_id), "org/import_detail.html")


@access(rules.can_import_staff)
@require_POST
def import_confirm(request, import_id: int):
    staff_import = _visible_import(request, import_id)
    return importflow.confirm_and_redirect(request, importing.FLOW, staff_import, "org:import_detail",
                                           import_id=staff_import.pk)


@access(rules.can_import_staff)
@require_POST
def import_cancel(request, import_id: int):
    return importflow.cancel_and_redirect(request, importing.FLOW, _visible_import(request, import_id),
                                          "org:import_start")


@access(SIGNED_IN)
def my_profile(request):
    scope = get_scope(request.user)
    if scope.own_person_id:
        return redirect("org:person", person_id=scope.own_person_id)
    return redirect("home")
