"""Pages for beneficiaries, support activities, evidence and the household import."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, F, Prefetch, Q, Sum
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.views.decorators.http import require_POST

from thidua.core import hooks, importflow
from thidua.core.access import access
from thidua.core.db import int_param, page_param, startswith_q, year_param
from thidua.core.money import group_digits
from thidua.core.submission import single_submission
from thidua.movements.models import PlanItem
from thidua.org.enums import AGENCY_KINDS
from thidua.org.forms import ImportForm
from thidua.org.models import OrgUnit
from thidua.org.scoping import visible_people
from thidua.org.views import object_history

from . import export, importing, places, rules, services
from .enums import ActivityKind, Ethnicity, HouseholdCategory
from .forms import (
    ActivityFilterForm,
    ActivityForm,
    EvidenceForm,
    HouseholdFilterForm,
    HouseholdForm,
    MemberForm,
    StatusForm,
    StudentForm,
    grouped_item_choices,
)
from .models import (
    Activity,
    ActivityStat,
    Evidence,
    Household,
    HouseholdImport,
    HouseholdMember,
    HouseholdStatus,
    Student,
)
from .scoping import (
    beneficiary_agency_ids,
    fully_read_agencies,
    head_activities,
    maintaining_agencies,
    manageable_activities,
    manageable_households,
    manageable_students,
    managing_agencies,
    organiser_units,
    participation_scope,
    partly_read_activities,
    recording_agencies,
    visible_activities,
    visible_agency_units,
    visible_households,
    visible_students,
)
from .search import filter_households

PAGE_SIZE = 50

#: asked with (request, activity): what a higher layer shows on the activity page, each answer a dict whose
#: "template" is included in the page's details (the fund's: thidua.fund.hooks.activity_funding)
ACTIVITY_PANELS = "participation.activity_panels"
#: asked with (request, household): what a higher layer shows on the household page (a link to its awards:
#: thidua.awards.history.household_panel), each a dict whose "template" is included in the page's details
HOUSEHOLD_PANELS = "participation.household_panels"


def _linked_message(error: ValidationError):
    """The duplicate-household error with a link to the household already recorded (escaped, then marked safe)."""
    from django.utils.html import escape, format_html
    from django.utils.safestring import mark_safe

    params = error.params or {}
    if error.code != services.DUPLICATE_HOUSEHOLD or not params.get("household_id"):
        return error
    link = format_html('<a href="{}">{}</a>', reverse("participation:household", args=[params["household_id"]]),
                       params.get("name", ""))
    return mark_safe(escape(gettext("Đã có hộ %(name)s ở %(commune)s.")) % {
        "name": link, "commune": escape(params.get("commune", ""))})


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, _linked_message(error))
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _page(request) -> int:
    return page_param(request.GET.get("page"))


def _paginate(request, qs):
    page = _page(request)
    start = (page - 1) * PAGE_SIZE
    rows = list(qs[start:start + PAGE_SIZE + 1])
    params = request.GET.copy()
    params.pop("page", None)
    return {"rows": rows[:PAGE_SIZE], "page": page, "has_next": len(rows) > PAGE_SIZE, "start": start,
            "query_string": params.urlencode()}


def _pick_agency(request, agencies) -> OrgUnit:
    """The agency a new record belongs to: the user's only one, or the one chosen with ?agency=."""
    agency_id = int_param(request.GET.get("agency") or request.POST.get("agency"))
    qs = agencies.order_by("path")
    if agency_id is not None:
        agency = qs.filter(pk=agency_id).first()
        if agency is not None:
            return agency
    agency = qs.first()
    if agency is None:
        raise Http404
    return agency


def _subtree_ids(unit: OrgUnit) -> list[int]:
    return list(OrgUnit.objects.filter(startswith_q("path", unit.path)).values_list("id", flat=True)[:5000])


# --- households ------------------------------------------------------------------------------------------------


HOUSEHOLD_ROW = ('<tr><td>{n}</td><td><a href="{url}">{name}</a></td><td class="hide-sm">{members}</td>'
                 '<td>{commune}</td><td class="hide-sm">{village}</td><td class="hide-sm">{ethnicity}</td>'
                 '<td>{category}</td></tr>')


@access(rules.reads_beneficiaries)
def households(request):
    province = places.DEFAULT_PROVINCE_CODE
    form = HouseholdFilterForm(request.GET or None, communes=places.commune_choices(province))
    filters = form.cleaned_data if form.is_valid() else {}
    qs = visible_households(request.user)
    query = (filters.get("q") or "").strip()
    if query:
        narrowed = any(filters.get(k) for k in ("commune", "ethnicity", "year", "category"))
        qs = filter_households(qs, query, agency_ids=beneficiary_agency_ids(request.user),
                               first=None if narrowed else _page(request) * PAGE_SIZE + 1)
    if filters.get("commune"):
        qs = qs.filter(commune_code=filters["commune"])
    if filters.get("ethnicity"):
        qs = qs.filter(ethnicity=filters["ethnicity"])
    if filters.get("year"):
        year_q = Q(statuses__year=filters["year"])
        if filters.get("category"):
            year_q &= Q(statuses__category=filters["category"])
        qs = qs.filter(year_q)
    elif filters.get("category"):
        qs = qs.filter(category=filters["category"])
    context = _paginate(request, qs.order_by("head_fold", "id"))
    # rows written here (escaped): through the template engine a page of 50 rows costs ~0.1 ms a row, so a search
    # matching a full page would cost several ms more than one matching three
    base = reverse("participation:household", args=[0])[:-2]
    ethnicities, categories = dict(Ethnicity.choices), dict(HouseholdCategory.choices)
    for n, h in enumerate(context["rows"], start=context["start"] + 1):
        category = f"{categories.get(h.category, h.category)} ({h.category_year})" if h.category else "—"
        h.html = mark_safe(HOUSEHOLD_ROW.format(
            n=n, url=f"{base}{h.pk}/", name=escape(h.head_name), members=h.members, commune=escape(h.commune_name),
            village=escape(h.village), ethnicity=escape(ethnicities.get(h.ethnicity, "")), category=escape(category)))
    context.update(form=form, query=query, can_add=rules.maintains_beneficiaries.test(request.user),
                   can_import=rules.manages_beneficiaries.test(request.user), filtering=any(value not in (None, "") for value in filters.values()))
    template = "participation/_household_rows.html" if request.headers.get("HX-Request") else "participation/households.html"
    return render(request, template, context)


@access(rules.maintains_beneficiaries)
@single_submission
def household_add(request):
    agencies = maintaining_agencies(request.user)
    agency = _pick_agency(request, agencies)
    form = HouseholdForm(request.POST or None, province_code=places.agency_province_code(agency))
    if request.method == "POST" and form.is_valid():
        try:
            household = services.create_household(agency=agency, actor=request.user, **form.household_data())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã thêm hộ %(name)s.") % {"name": household.head_name})
            return redirect("participation:household", household_id=household.pk)
    return render(request, "participation/form.html", {
        "form": form, "title": gettext("Thêm hộ gia đình"), "agency": agency, "agencies": agencies,
        "back": "participation:households"})


@access(rules.reads_beneficiaries)
def household_detail(request, household_id: int):
    household = get_object_or_404(visible_households(request.user).select_related("agency"), pk=household_id)
    return _household_page(request, household)


def _household_page(request, household: Household, member_form: MemberForm | None = None):
    can_manage = manageable_households(request.user).filter(pk=household.pk).exists()
    statuses = list(household.statuses.select_related("recorded_by").order_by("-year"))
    scope = participation_scope(request.user)
    # who reads the whole agency sees every support; a unit head sees what his unit gave, and how often the
    # agency as a whole supported the household
    whole = scope.reads_agency(household.agency)
    shown = visible_activities(request.user) if whole else head_activities(request.user)
    activities = _activity_rows(
        shown.filter(households=household).prefetch_related("units").order_by("-held_on", "-id")[:200]
    )
    total = sum(a.total_value for a in activities)
    agency_supports = None if whole else Activity.households.through.objects.filter(
        household=household, activity__agency_id=household.agency_id).count()
    context = {
        "household": household, "statuses": statuses, "activities": activities, "total": total,
        "unit_view": not whole, "agency_supports": agency_supports,
        "can_record": scope.is_admin or household.agency_id in scope.manage_agency_ids | scope.unit_agency_ids,
        "students": list(visible_students(request.user).filter(household=household)),
        "can_manage": can_manage, "status_form": StatusForm() if can_manage else None,
        "history": object_history(household) if can_manage else [],
        "members": list(household.member_list.all()),
        "member_form": (member_form or MemberForm()) if can_manage else None,
        "panels": hooks.ask(HOUSEHOLD_PANELS, request, household),
    }
    return render(request, "participation/household_detail.html", context)


@access(rules.maintains_beneficiaries)
def household_edit(request, household_id: int):
    household = get_object_or_404(manageable_households(request.user).select_related("agency"), pk=household_id)
    form = HouseholdForm(request.POST or None, province_code=household.province_code,
                         initial=HouseholdForm.initial_for(household))
    if request.method == "POST" and form.is_valid():
        try:
            services.update_household(household, actor=request.user, **form.household_data())
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu thay đổi."))
            return redirect("participation:household", household_id=household.pk)
    return render(request, "participation/form.html", {"form": form, "title": gettext("Sửa: %(name)s") % {"name": household},
                                                       "back": "participation:households"})


@access(rules.maintains_beneficiaries)
def household_classify(request, household_id: int):
    household = get_object_or_404(manageable_households(request.user), pk=household_id)
    year = year_param(request.GET.get("year"))
    initial = {}
    if year is not None:
        status = HouseholdStatus.objects.filter(household=household, year=year).first()
        if status:
            initial = {f: getattr(status, f) for f in services.STATUS_FIELDS}
    form = StatusForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.classify_household(household, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã ghi phân loại hộ."))
            return redirect("participation:household", household_id=household.pk)
    return render(request, "participation/form.html", {"form": form, "title": gettext("Phân loại %(name)s theo năm") % {"name": household},
                                                       "back": "participation:households"})


@access(rules.maintains_beneficiaries)
@require_POST
def member_add(request, household_id: int):
    household = get_object_or_404(manageable_households(request.user), pk=household_id)
    form = MemberForm(request.POST)
    if form.is_valid():
        try:
            member = services.add_member(household, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã thêm %(name)s vào danh sách thành viên hộ.") % {
                "name": member.full_name})
            return redirect("participation:household", household_id=household.pk)
    return _household_page(request, household, member_form=form)


@access(rules.maintains_beneficiaries)
@require_POST
def member_remove(request, member_id: int):
    member = get_object_or_404(
        HouseholdMember.objects.filter(household__in=manageable_households(request.user)).select_related("household"),
        pk=member_id)
    services.remove_member(member, actor=request.user)
    messages.success(request, gettext("Đã bỏ %(name)s khỏi danh sách thành viên hộ.") % {"name": member.full_name})
    return redirect("participation:household", household_id=member.household_id)


# --- students ----------------------------------------------------------------------------------------------------


@access(rules.reads_beneficiaries)
def students(request):
    qs = visible_students(request.user).select_related("household")
    query = (request.GET.get("q") or "").strip()
    if query:
        from thidua.core.text import search_pattern

        qs = qs.filter(name_key__contains=search_pattern(query))
    context = _paginate(request, qs.order_by("name_key", "id"))
    context.update(query=query, can_manage=rules.maintains_beneficiaries.test(request.user))
    return render(request, "participation/students.html", context)


def _student_form(request, agency, student=None):
    initial = {}
    if student is not None:
        initial = {f: getattr(student, f) for f in services.STUDENT_FIELDS}
    return StudentForm(request.POST or None, initial=initial,
                       households=Household.objects.filter(agency=agency))


@access(rules.maintains_beneficiaries)
@single_submission
def student_add(request):
    agencies = maintaining_agencies(request.user)
    agency = _pick_agency(request, agencies)
    form = _student_form(request, agency)
    if request.method == "POST" and form.is_valid():
        try:
            student = services.create_student(agency=agency, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã thêm học sinh %(name)s.") % {"name": student.full_name})
            return redirect("participation:student", student_id=student.pk)
    return render(request, "participation/form.html", {"form": form, "title": gettext("Thêm học sinh có hoàn cảnh khó khăn"),
                                                       "agency": agency, "agencies": agencies,
                                                       "back": "participation:students"})


@access(rules.reads_beneficiaries)
def student_detail(request, student_id: int):
    student = get_object_or_404(visible_students(request.user).select_related("household", "agency"), pk=student_id)
    can_manage = manageable_students(request.user).filter(pk=student.pk).exists()
    activities = _activity_rows(visible_activities(request.user).filter(students=student).prefetch_related("units")
                                .order_by("-held_on", "-id")[:200])
    return render(request, "participation/student_detail.html", {
        "student": student, "activities": activities, "can_manage": can_manage,
        "history": object_history(student) if can_manage else []})


@access(rules.maintains_beneficiaries)
def student_edit(request, student_id: int):
    student = get_object_or_404(manageable_students(request.user).select_related("agency"), pk=student_id)
    form = _student_form(request, student.agency, student)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_student(student, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu thay đổi."))
            return redirect("participation:student", student_id=student.pk)
    return render(request, "participation/form.html", {"form": form, "title": gettext("Sửa: %(name)s") % {"name": student},
                                                       "back": "participation:students"})


# --- activities --------------------------------------------------------------------------------------------------


def _filtered_activities(request):
    """The visible activities narrowed by the filter form; also returns the form for the page."""
    user = request.user
    units_qs = visible_agency_units(user).filter(is_active=True)
    items_qs = PlanItem.objects.filter(kind="content")
    scope = participation_scope(user)
    wide = scope.is_admin or bool(scope.province_paths) or len(scope.read_agency_ids) > 1
    if wide:
        # a reader of several agencies picks an agency first (its units and content items are then offered):
        # the province's hundreds of units and plan items in one list would be cut anyway
        chosen = int_param(request.GET.get("unit"))
        chosen_unit = units_qs.filter(pk=chosen).only("id", "kind", "agency_id").first() if chosen else None
        agency_id = chosen_unit.home_agency_id if chosen_unit else None
        units_qs = units_qs.filter(Q(kind__in=AGENCY_KINDS) | (Q(agency_id=agency_id) if agency_id else Q(pk__in=[])))
        wanted = Q(movement__agency_id=agency_id) if agency_id else Q(pk__in=[])
        item = int_param(request.GET.get("item"))
        if item:  # a link to one item (dashboard) keeps it selectable
            linked = PlanItem.objects.filter(pk=item)
            if not scope.is_admin:
                linked = linked.filter(movement__in=_visible_movements(user))
            wanted |= Q(movement__in=linked.values("movement_id"))
        items_qs = items_qs.filter(wanted)
        if not scope.is_admin:  # a reviewer does not see a draft's items
            items_qs = items_qs.filter(movement__in=_visible_movements(user))
    else:
        items_qs = items_qs.filter(movement__in=_visible_movements(user))
    units = list(units_qs.order_by("path").values_list("id", "name", "depth")[:300])
    items = list(
        items_qs.select_related("movement").only("label", "text", "movement__name", "movement__start_year",
                                                 "movement__end_year")
        .order_by("-movement__start_year", "movement_id", "order", "id")[:200]
    )
    form = ActivityFilterForm(
        request.GET or None,
        units=[(pk, "\u2003" * max(0, depth - 2) + name) for pk, name, depth in units],
        communes=places.commune_choices(places.DEFAULT_PROVINCE_CODE),
        items=grouped_item_choices(items),
    )
    if wide and not items:
        form.fields["item"].choices = [("", gettext("Tất cả (chọn cơ quan để chọn nội dung)"))]
    filters = form.cleaned_data if form.is_valid() else {}
    qs = visible_activities(user)
    if filters.get("q"):
        from thidua.core.text import search_pattern

        qs = qs.filter(title_key__contains=search_pattern(filters["q"]))
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("unit"):
        unit = OrgUnit.objects.filter(pk=filters["unit"]).first()
        if unit is not None:
            through = Activity.units.through
            qs = qs.filter(pk__in=through.objects.filter(orgunit_id__in=_subtree_ids(unit)).values("activity_id"))
    if filters.get("commune"):
        qs = qs.filter(commune_code=filters["commune"])
    if filters.get("item"):
        qs = qs.filter(pk__in=Activity.content_items.through.objects.filter(planitem_id=filters["item"])
                       .values("activity_id"))
    if filters.get("household"):
        qs = qs.filter(pk__in=Activity.households.through.objects.filter(household_id=filters["household"])
                       .values("activity_id"))
    if filters.get("year"):
        qs = qs.filter(held_on__year=filters["year"])
    if filters.get("date_from"):
        qs = qs.filter(held_on__gte=filters["date_from"])
    if filters.get("date_to"):
        qs = qs.filter(held_on__lte=filters["date_to"])
    return qs, form, filters


def _visible_movements(user):
    from thidua.movements.scoping import visible_movement_ids

    scope = participation_scope(user)
    if scope.is_admin:  # movements whose content items have activities, from the kept totals (no scan of links)
        used = ActivityStat.objects.filter(item_key__gt=0).values("item_key")
        return PlanItem.objects.filter(pk__in=used).values("movement_id")
    return visible_movement_ids(user)


def _totals(user, qs, filters: dict) -> dict:
    """How many filtered activities there are and their money (`count`, `cash`, `in_kind`). Without a filter other
    than the year, from the kept totals (participation.stats) of the agencies the user reads in full, plus the few
    activities he sees elsewhere; with other filters, counted and summed over the (filtered) rows in one query."""
    if any(value not in (None, "") for key, value in filters.items() if key != "year"):
        return qs.aggregate(count=Count("id"), cash=Sum("cash_value"), in_kind=Sum("in_kind_value"))
    agencies = fully_read_agencies(user)
    kept = ActivityStat.objects.filter(item_key=0, unit_id=F("agency_id"))
    rest = None
    if agencies is not None:
        kept = kept.filter(agency_id__in=agencies)
        rest = partly_read_activities(user, agencies)
    if filters.get("year"):
        kept = kept.filter(year=filters["year"])
        rest = rest.filter(held_on__year=filters["year"]) if rest is not None else None
    totals = kept.aggregate(count=Sum("activities"), cash=Sum("cash_value"), in_kind=Sum("in_kind_value"))
    if rest is not None:
        more = rest.aggregate(count=Count("id"), cash=Sum("cash_value"), in_kind=Sum("in_kind_value"))
        totals = {k: (totals[k] or 0) + (more[k] or 0) for k in totals}
    return totals


ACTIVITY_ROW = ('<tr><td>{date}</td><td><a href="{url}">{title}</a>{counts}</td><td class="hide-sm">{kind}</td>'
                '<td class="hide-sm">{units}</td><td class="hide-sm">{commune}</td><td class="text-end">{value}</td>'
                '</tr>')


def _activity_rows(activities) -> list:
    """The rows of an activity table, written here (escaped) once per page: through template tags (url,
    blocktranslate, intcomma, nested loops) a page of 50 rows cost ~0.4 ms a row."""
    rows = list(activities)
    base = reverse("participation:activity", args=[0])[:-2]
    kinds = dict(ActivityKind.choices)
    counts = gettext("%(h)s hộ · %(s)s học sinh · %(p)s người tham gia · %(e)s minh chứng")
    items_word = gettext("nội dung")
    for a in rows:
        summary = ""
        if getattr(a, "n_households", None) is not None:
            summary = counts % {"h": a.n_households, "s": a.n_students, "p": a.n_people, "e": a.n_evidence}
            labels = [i.label for i in a.content_items.all()]
            if labels:
                summary += f" · {items_word} " + ", ".join(labels)
            summary = f'<div class="small text-muted">{escape(summary)}</div>'
        a.html = mark_safe(ACTIVITY_ROW.format(
            date=f"{a.held_on:%d/%m/%Y}", url=f"{base}{a.pk}/", title=escape(a.title), counts=summary,
            kind=escape(kinds.get(a.kind, a.kind)), units=escape("; ".join(u.name for u in a.units.all())),
            commune=escape(a.commune_name), value=group_digits(a.total_value)))
    return rows


@access(rules.reads_activities)
def activities(request):
    qs, form, filters = _filtered_activities(request)
    totals = _totals(request.user, qs, filters)
    rows = qs.select_related("agency").prefetch_related("units", "content_items").annotate_counts()
    context = _paginate(request, rows.order_by("-held_on", "-id"))
    context["rows"] = _activity_rows(context["rows"])
    household = None
    if filters.get("household"):
        household = visible_households(request.user).filter(pk=filters["household"]).first()
    context.update(form=form, totals=totals, household=household,
                   filtering=any(value not in (None, "") for value in filters.values()),
                   can_add=rules.records_activities.test(request.user),
                   export_query=request.GET.urlencode())
    return render(request, "participation/activities.html", context)


@access(rules.reads_activities)
def activities_export(request):
    qs, form, filters = _filtered_activities(request)
    household = None
    if filters.get("household"):  # named in the file only if the user may see it
        household = visible_households(request.user).filter(pk=filters["household"]).first()
    return export.activities_response(qs, "hoat-dong-ho-tro.xlsx",
                                      export.describe_filters(form, filters, household=household))


def _activity_form(request, agency: OrgUnit, initial=None, activity: Activity | None = None):
    """Content items offered: those of the agency's launched movements, newest phase first, and (when editing)
    the ones the activity already serves, so that saving does not drop them silently."""
    user = request.user
    from thidua.movements.enums import MovementStatus

    offered = Q(movement__status=MovementStatus.LAUNCHED)
    if activity is not None:
        offered |= Q(pk__in=activity.content_items.values("pk"))

    return ActivityForm(
        request.POST or None, request.FILES or None, initial=initial or {}, agency=agency,
        units=organiser_units(user, agency),
        people=visible_people(user).filter(unit__in=OrgUnit.objects.filter(startswith_q("path", agency.path)),
                                           is_active=True),
        households=Household.objects.filter(agency=agency),
        students=Student.objects.filter(agency=agency),
        content_items=PlanItem.objects.filter(offered, kind="content", movement__agency=agency)
        .select_related("movement").order_by("-movement__start_year", "movement_id", "order", "id"),
        activity=activity,
    )


@access(rules.records_activities)
@single_submission
def activity_add(request):
    agencies = recording_agencies(request.user)
    agency = _pick_agency(request, agencies)
    initial = {}
    household_id = int_param(request.GET.get("household"))
    if household_id is not None:
        initial["households"] = Household.objects.filter(agency=agency, pk=household_id)
    scope = participation_scope(request.user)
    if not scope.is_admin and agency.pk not in scope.manage_agency_ids and scope.unit_paths:
        # a unit head records for his own unit: it is chosen already (he may add the units under it)
        initial["units"] = OrgUnit.objects.filter(path__in=scope.unit_paths)
    form = _activity_form(request, agency, initial)
    if request.method == "POST" and form.is_valid():
        fields, links, checked = form.activity_data()
        try:
            activity = services.record_activity(agency=agency, actor=request.user, links=links, checked_files=checked,
                                                **fields)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã ghi hoạt động “%(title)s”.") % {"title": activity.title})
            return redirect("participation:activity", activity_id=activity.pk)
    return render(request, "participation/form.html", {
        "form": form, "title": gettext("Ghi hoạt động hỗ trợ"), "agency": agency, "agencies": agencies, "multipart": True,
        "back": "participation:activities"})


@access(rules.reads_activities)
def activity_detail(request, activity_id: int):
    activity = get_object_or_404(
        visible_activities(request.user).select_related("agency", "recorded_by").prefetch_related(
            "units", "people__unit", "households", "students", Prefetch("content_items",
                                                                        PlanItem.objects.select_related("movement")),
            "evidence"),
        pk=activity_id,
    )
    can_manage = manageable_activities(request.user).filter(pk=activity.pk).exists()
    return render(request, "participation/activity_detail.html", {
        "activity": activity, "can_manage": can_manage,
        # what a higher layer adds (the fund: what it paid for the activity), each {"template": ..., ...}
        "panels": hooks.ask(ACTIVITY_PANELS, request, activity),
        "can_see_households": rules.reads_beneficiaries.test(request.user),
        "evidence_form": EvidenceForm() if can_manage else None,
        "history": object_history(activity) if can_manage else []})


@access(rules.records_activities)
def activity_edit(request, activity_id: int):
    activity = get_object_or_404(manageable_activities(request.user).select_related("agency"), pk=activity_id)
    initial = {name: getattr(activity, name) for name in ("kind", "title", "held_on", "cash_value", "in_kind_value",
                                                          "description")}
    initial.update({name: list(getattr(activity, name).all()) for name in services.ACTIVITY_LINKS})
    initial["commune"] = activity.commune_code
    form = _activity_form(request, activity.agency, initial, activity)
    if request.method == "POST" and form.is_valid():
        fields, links, checked = form.activity_data()
        try:
            services.update_activity(activity, actor=request.user, links=links, checked_files=checked, **fields)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu thay đổi."))
            return redirect("participation:activity", activity_id=activity.pk)
    return render(request, "participation/form.html", {"form": form, "title": gettext("Sửa: %(name)s") % {"name": activity.title},
                                                       "multipart": True, "back": "participation:activities"})


@access(rules.records_activities)
@require_POST
def evidence_add(request, activity_id: int):
    activity = get_object_or_404(manageable_activities(request.user), pk=activity_id)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        made = services.add_evidence(activity, form.cleaned_data["evidence"], actor=request.user)
        messages.success(request, ngettext("Đã thêm %(n)d tệp minh chứng.", "Đã thêm %(n)d tệp minh chứng.", len(made)) % {"n": len(made)})
    else:
        messages.error(request, " ".join(form.errors.get("evidence", [gettext("Tệp không hợp lệ.")])))
    return redirect("participation:activity", activity_id=activity.pk)


@access(rules.reads_activities)
def evidence_file(request, evidence_id: int):
    evidence = get_object_or_404(
        Evidence.objects.filter(activity__in=visible_activities(request.user).values("id")), pk=evidence_id
    )
    thumb = request.GET.get("nho") == "1" and evidence.thumbnail
    field = evidence.thumbnail if thumb else evidence.file
    try:
        handle = field.open("rb")
    except (FileNotFoundError, ValueError) as exc:
        raise Http404 from exc
    content_type = "image/jpeg" if thumb else evidence.content_type
    response = FileResponse(handle, content_type=content_type)
    disposition = "inline" if content_type.startswith("image/") or content_type == "application/pdf" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename=\"minh-chung-{evidence.pk}.{field.name.rsplit('.', 1)[-1]}\""
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=3600"
    return response


@access(rules.records_activities)
@require_POST
def evidence_remove(request, evidence_id: int):
    evidence = get_object_or_404(
        Evidence.objects.filter(activity__in=manageable_activities(request.user).values("id")).select_related("activity"),
        pk=evidence_id,
    )
    activity_id = evidence.activity_id
    services.remove_evidence(evidence, actor=request.user)
    messages.success(request, gettext("Đã gỡ tệp minh chứng."))
    return redirect("participation:activity", activity_id=activity_id)


# --- household import -------------------------------------------------------------------------------------------


@access(rules.imports_households)
def hh_import_start(request):
    agencies = managing_agencies(request.user).order_by("path")
    form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
    imp = importflow.upload(request, form, importing.FLOW)
    if imp is not None:
        return redirect("participation:hh_import", hh_import_id=imp.pk)
    return render(request, "participation/import_start.html", {
        "form": form, "recent": importflow.recent_batches(HouseholdImport, agencies), "columns": importing.COLUMNS,
        "agencies": list(agencies[:2])})


@access(rules.imports_households)
def hh_import_template(request):
    agencies = managing_agencies(request.user)
    agency = _pick_agency(request, agencies) if agencies.exists() else None
    return importflow.xlsx_download(importing.template_workbook(agency), "mau-nhap-ho-gia-dinh.xlsx")


def _visible_import(request, hh_import_id: int) -> HouseholdImport:
    return importflow.visible_batch(HouseholdImport, managing_agencies(request.user), hh_import_id)


@access(rules.imports_households)
def hh_import_detail(request, hh_import_id: int):
    return importflow.detail_page(request, _visible_import(request, hh_import_id), "participation/import_detail.html")


@access(rules.imports_households)
@require_POST
def hh_import_confirm(request, hh_import_id: int):
    imp = _visible_import(request, hh_import_id)
    return importflow.confirm_and_redirect(request, importing.FLOW, imp, "participation:hh_import",
                                           hh_import_id=imp.pk)


@access(rules.imports_households)
@require_POST
def hh_import_cancel(request, hh_import_id: int):
    return importflow.cancel_and_redirect(request, importing.FLOW, _visible_import(request, hh_import_id),
                                          "participation:hh_import_start")


# --- unit dashboard ------------------------------------------------------------------------------------------------


def _short(text: str, limit: int) -> str:
    """`text` cut on a word boundary to at most `limit` characters (an ellipsis when cut)."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.-–(") + "…"


def _lines(text: str, width: int) -> list[str]:
    """`text` wrapped on word boundaries (the chart's tooltip shows one line per item)."""
    import textwrap

    return textwrap.wrap(" ".join(text.split()), width) or [""]


def _chart_label(label: str, text: str) -> list[str]:
    """A content item's label on the chart: at most two short lines cut on a word (Chart.js draws a list as one
    label of several lines), so that it fits beside the bars on a 390 px phone; the tooltip has the full text."""
    lines = _lines(f"{label}) {_short(text, 30)}", 18)
    if len(lines) > 2:
        lines = [lines[0], lines[1].rstrip(" ,;:.-–(…") + "…"]
    return lines


@access(rules.reads_activities)
def dashboard(request):
    from . import dashboard as board

    unit_id = int_param(request.GET.get("unit"))
    if unit_id is not None:
        unit = OrgUnit.objects.filter(pk=unit_id).select_related("agency").first()
        if unit is None or unit.depth == 0 or not board.may_see(request.user, unit):
            raise Http404
    else:
        unit = board.default_unit(request.user)
    agency = unit.home_agency
    movements = board.movements_of(agency, request.user)
    movement_id = int_param(request.GET.get("movement"))
    movement = None
    if movement_id is not None:
        movement = next((m for m in movements if m.pk == movement_id), None)
        if movement is None:
            raise Http404
    else:
        movement = board.default_movement(agency, movements)
    year = year_param(request.GET.get("year"))
    if year and movement and not movement.start_year <= year <= movement.end_year:
        year = None
    data = board.build(unit, movement, year)
    charts = {
        "years": [str(r["year"]) for r in data["per_year"]],
        "money": [r["money"] for r in data["per_year"]],
        "value": [r["value"] for r in data["per_year"]],
        "items": [_chart_label(r["label"], r["text"]) for r in data["per_item"]],
        "item_titles": [_lines(f"{r['label']}) {r['text']}", 60) for r in data["per_item"]],
        "item_activities": [r["activities"] for r in data["per_item"]],
    }
    return render(request, "participation/dashboard.html", {
        "unit": unit, "agency": agency, "movement": movement, "movements": movements, "year": year,
        "units": board.unit_choices(request.user, unit), "charts": charts,
        # the kept totals of a unit cover its whole subtree (the fund's unit page counts the unit alone): say so
        "has_sub_units": OrgUnit.objects.filter(parent=unit).exists(), **data})


# --- picker (activity form) ----------------------------------------------------------------------------------------

PICK_LIMIT = 20


@access(rules.records_activities)
def pick(request):
    """Matching households, people or students of an agency the user records for, by accent-insensitive name;
    the same sets the activity form accepts. Returns buttons that add a checkbox to the form's chosen list."""
    from thidua.core.text import search_pattern
    from thidua.org.search import filter_by_name

    from .forms import pick_label

    kind = request.GET.get("kind", "")
    field = request.GET.get("field", kind)
    query = (request.GET.get("q") or "").strip()
    agency_id = int_param(request.GET.get("agency"))
    agencies = recording_agencies(request.user)
    agency = (agencies.filter(pk=agency_id).first() if agency_id is not None
              else _pick_agency(request, agencies))
    if agency is None:
        raise Http404
    if field not in ("households", "people", "students"):
        field = "households"
    rows = []
    if query and kind in ("households", "people", "students"):
        if kind == "households":
            qs = (filter_households(Household.objects.filter(agency=agency), query, agency_ids=[agency.pk],
                                    first=PICK_LIMIT).order_by("head_fold", "id"))
        elif kind == "students":
            qs = Student.objects.filter(agency=agency, name_key__contains=search_pattern(query)).order_by("name_key", "id")
        else:
            people = visible_people(request.user).filter(
                unit__in=OrgUnit.objects.filter(startswith_q("path", agency.path)), is_active=True)
            qs = filter_by_name(people, query).order_by("sort_key", "id")
        rows = [(obj.pk, pick_label(obj)) for obj in qs[:PICK_LIMIT]]
    return render(request, "participation/_pick_results.html", {"rows": rows, "field": field, "query": query,
                                                                 "limit": PICK_LIMIT})
