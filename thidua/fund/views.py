from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import OuterRef, Q, Subquery, Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse as url_reverse
from django.utils import timezone
from django.utils.translation import gettext, ngettext

from thidua.core import exports
from thidua.core.access import access
from thidua.core.db import int_param, startswith_q
from thidua.core.models import Job, JobStatus
from thidua.core.money import format_money, parse_money
from thidua.core.submission import single_submission
from thidua.movements.enums import MovementStatus
from thidua.movements.models import Movement
from thidua.movements.scoping import visible_movement_ids, visible_movements
from thidua.org.enums import AGENCY_KINDS
from thidua.org.history import staff_between
from thidua.org.models import OrgUnit, Person
from thidua.participation.models import Activity

from . import rules, scoping, services
from .enums import CAMPAIGN_FLOW, OUTFLOW_KINDS, CampaignStatus, EntryKind, Method
from .export import EXPORT_KIND, start_export
from .forms import (
    BulkForm,
    CampaignForm,
    ContributionForm,
    MoveForm,
    OutflowForm,
    ReversalForm,
    activity_label,
)
from .models import Balance, Campaign, Entry
from .receipt import receipt_pdf

PAGE = 20
ENTRY_PAGE = 50
PEOPLE_PAGE = 100
ACTIVITY_CHOICES = 200
SUBUNIT_PAGE = 200


def _apply_errors(form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            target = field if field in form.fields else None
            for error in errors:
                form.add_error(target, error)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _campaign(request, campaign_id: int) -> Campaign:
    return get_object_or_404(scoping.visible_campaigns(request.user).select_related("agency", "ledger", "movement"),
                             pk=campaign_id)


def _managed(request, campaign_id: int) -> Campaign:
    campaign = _campaign(request, campaign_id)
    if not scoping.can_manage(request.user, campaign):
        raise PermissionDenied
    return campaign


# ------------------------------------------------------------------------------------------- campaigns


def _url_maker(name: str, *fixed) -> Callable[..., str]:
    """reverse() once per page, then plain string formatting per row (reverse is the costly part of a row)."""
    marker = 987654321
    template = url_reverse(name, args=[*fixed, marker])
    head, tail = template.rsplit(str(marker), 1)
    return lambda pk: f"{head}{pk}{tail}"


def _cursor(value: str | None) -> tuple[dt.date, int] | None:
    """?sau=<yyyy-mm-dd>.<id>: the last campaign of the previous page (keyset paging, no OFFSET)."""
    try:
        day, ident = (value or "").split(".", 1)
        when, pk = dt.date.fromisoformat(day), int_param(ident)
    except ValueError:
        return None
    return (when, pk) if pk is not None else None


@access(rules.reads_fund)
def campaign_list(request):
    """A page of campaigns, newest first, by keyset on (start_date, id): the same queries and the same
    rows rendered whatever the number of campaigns the user sees."""
    qs = scoping.listed_campaigns(request.user)
    status = request.GET.get("status", "")
    if status in CampaignStatus.values:
        qs = qs.filter(status=status)
    after = _cursor(request.GET.get("sau"))
    if after:
        qs = qs.filter(Q(start_date__lt=after[0]) | Q(start_date=after[0], id__lt=after[1]))
    rows = list(qs.order_by("-start_date", "-id").values_list(
        "id", "name", "movement__name", "agency__short_name", "agency__name", "start_date", "end_date", "status",
        "ledger__collected", "ledger__handed_over", "ledger__spent")[:PAGE + 1])
    more = len(rows) > PAGE
    rows = rows[:PAGE]
    own = scoping.fund_scope(request.user).own_person_id
    mine = {}
    if own and rows:
        mine = dict(Balance.objects.filter(campaign__in=[r[0] for r in rows], key=f"p{own}")
                    .values_list("campaign_id", "collected"))
    url = _url_maker("fund:detail")
    labels = dict(CampaignStatus.choices)
    campaigns = []
    for pk, name, movement, short, agency, start, end, state, collected, handed, spent in rows:
        collected, handed, spent = collected or 0, handed or 0, spent or 0
        campaigns.append({
            "url": url(pk), "name": name, "movement": movement or "", "agency": short or agency,
            "dates": f"{start:%d/%m/%Y} – {end:%d/%m/%Y}", "collected": format_money(collected),
            "balance": format_money(collected - handed - spent), "open": state == CampaignStatus.OPEN,
            "status": labels.get(state, state), "mine": format_money(mine[pk]) if mine.get(pk) else "—",
        })
    next_cursor = f"{rows[-1][5].isoformat()}.{rows[-1][0]}" if more else None
    return render(request, "fund/campaign_list.html", {
        "campaigns": campaigns, "next_cursor": next_cursor, "first_page": after is None, "status": status,
        "statuses": CampaignStatus.choices, "can_create": rules.manages_fund.test(request.user),
        "has_own": bool(own),
    })


def _manageable_agencies(user):
    fs = scoping.fund_scope(user)
    qs = OrgUnit.objects.filter(kind__in=AGENCY_KINDS, is_active=True)
    if fs.is_admin:
        return qs.order_by("path")
    return qs.filter(pk__in=fs.manage_agency_ids).order_by("path")


@access(rules.manages_fund)
@single_submission
def campaign_create(request):
    agencies = _manageable_agencies(request.user)
    movements = visible_movements(request.user).filter(agency__in=agencies, status=MovementStatus.LAUNCHED).order_by(
        "-start_year", "-id")
    form = CampaignForm(request.POST or None, agencies=agencies, movements=movements)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            campaign = services.create_campaign(
                actor=request.user, agency=data["agency"], name=data["name"], start_date=data["start_date"],
                end_date=data["end_date"], movement=data["movement"], fund_holder=data["fund_holder"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã tạo đợt vận động “%(name)s”.") % {"name": campaign.name})
            return redirect("fund:detail", campaign_id=campaign.pk)
    return render(request, "fund/form.html", {"form": form, "title": gettext("Tạo đợt vận động Quỹ “Vì người nghèo”"),
                                              "cancel": "fund:list"})


@access(rules.manages_fund)
def campaign_edit(request, campaign_id: int):
    campaign = _managed(request, campaign_id)
    if not campaign.is_open:
        messages.error(request, gettext("Đợt vận động đã khóa sổ: không sửa được tên, thời gian, nơi tiếp nhận "
                                        "hay phong trào."))
        return redirect("fund:detail", campaign_id=campaign.pk)
    agencies = OrgUnit.objects.filter(pk=campaign.agency_id)
    # launched movements, and the one the campaign is in (kept when the form is saved unchanged)
    movements = Movement.objects.filter(Q(pk__in=visible_movement_ids(request.user), status=MovementStatus.LAUNCHED)
                                        | Q(pk=campaign.movement_id), agency=campaign.agency).order_by(
        "-start_year", "-id")
    form = CampaignForm(request.POST or None, agencies=agencies, movements=movements, initial={
        "agency": campaign.agency, "name": campaign.name, "start_date": campaign.start_date,
        "end_date": campaign.end_date, "movement": campaign.movement, "fund_holder": campaign.fund_holder})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_campaign(campaign, actor=request.user, name=data["name"], start_date=data["start_date"],
                                     end_date=data["end_date"], movement=data["movement"],
                                     fund_holder=data["fund_holder"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lưu đợt vận động."))
            return redirect("fund:detail", campaign_id=campaign.pk)
    return render(request, "fund/form.html", {"form": form, "title": gettext("Sửa: %(name)s") % {"name": campaign.name},
                                              "campaign": campaign})


@access(rules.manages_fund)
def campaign_move(request, campaign_id: int):
    """Close or reopen the books, after a confirmation page (GET ?to=closed|open shows it; its form POSTs)."""
    campaign = _managed(request, campaign_id)
    to = request.POST.get("to") if request.method == "POST" else request.GET.get("to")
    if to not in CAMPAIGN_FLOW.targets(campaign.status):
        messages.error(request, gettext("Yêu cầu không hợp lệ."))
        return redirect("fund:detail", campaign_id=campaign.pk)
    edge = CAMPAIGN_FLOW.edges[(campaign.status, to)]
    try:  # the table's roles (and for a reopening the money and the movement) before the page is even shown
        if edge.target == CampaignStatus.OPEN:
            refusal = services.reopen_refusal(campaign, actor=request.user)
            if refusal:
                raise ValidationError(refusal)
        CAMPAIGN_FLOW.edge(campaign.status, to, actor=request.user, obj=campaign)
    except ValidationError as exc:
        messages.error(request, exc.messages[0])
        return redirect("fund:detail", campaign_id=campaign.pk)
    form = MoveForm(request.POST if request.method == "POST" else None, to=to, initial={"to": to})
    if request.method == "POST" and form.is_valid():
        try:
            services.move_campaign(campaign, form.cleaned_data["to"], actor=request.user,
                                   reason=form.cleaned_data["reason"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, str(edge.done))
            return redirect("fund:detail", campaign_id=campaign.pk)
    return render(request, "fund/confirm_move.html", {"form": form, "campaign": campaign, "to": to,
                                                      "ledger": campaign.ledger})


def _entries_page(request, qs, campaign: Campaign, can_record: bool):
    """Keyset pagination on id (newest first): ?truoc=<id> — no COUNT, no OFFSET. One query whatever the
    rows: what was reversed of each entry comes from a correlated subquery on the `reverses` index."""
    before = int_param(request.GET.get("truoc"))
    if before:
        qs = qs.filter(id__lt=before)
    kind = request.GET.get("loai", "")
    if kind in EntryKind.values:
        qs = qs.filter(kind=kind)
    reversed_sum = (Entry.objects.filter(reverses=OuterRef("pk")).order_by().values("reverses")
                    .annotate(s=Sum("amount")).values("s"))
    rows = list(qs.order_by("-id").annotate(reversed_sum=Subquery(reversed_sum)).values_list(
        "id", "kind", "number", "entry_date", "amount", "method", "person_id", "unit__name", "contributor_name",
        "description", "reason", "reversed_sum", "activity_id", "activity__title", "activity__held_on")
        [:ENTRY_PAGE + 1])
    more = len(rows) > ENTRY_PAGE
    rows = rows[:ENTRY_PAGE]
    kinds, methods = dict(EntryKind.choices), dict(Method.choices)
    receipt_url, reverse_url = _url_maker("fund:receipt"), _url_maker("fund:reverse")
    activity_url = _url_maker("participation:activity")
    may_reverse = campaign.is_open and can_record
    receipt_label = campaign.receipt_label
    entries = []
    for (pk, k, number, day, amount, method, person_id, unit_name, name, description, reason, rev,
         activity_id, activity_title, activity_day) in rows:
        rev = abs(rev or 0)
        left = abs(amount) - rev
        entries.append({
            "pk": pk, "kind": k, "number": receipt_label(number) or "—", "date": f"{day:%d/%m/%Y}",
            "label": kinds.get(k, k),
            "method": methods.get(method, "") if k == EntryKind.CONTRIBUTION else "",
            "name": name, "unit": unit_name if person_id and unit_name else "", "description": description,
            "reason": reason, "money_in": format_money(amount) if amount > 0 else "",
            "money_out": format_money(-amount) if amount < 0 else "",
            "reversed": format_money(rev) if rev else "", "remaining": format_money(left) if rev and left else "",
            "receipt_url": receipt_url(pk) if k == EntryKind.CONTRIBUTION else "",
            "reverse_url": reverse_url(pk) if may_reverse and k != EntryKind.REVERSAL and left > 0 else "",
            "activity": activity_label(activity_day, activity_title) if activity_id else "",
            "activity_url": activity_url(activity_id) if activity_id else "",
        })
    return {"entries": entries, "next_before": rows[-1][0] if more else None, "kind": kind,
            "kinds": EntryKind.choices, "first_page": not before}


@access(rules.reads_fund)
def campaign_detail(request, campaign_id: int):
    campaign = _campaign(request, campaign_id)
    user = request.user
    unit_ids = scoping.visible_unit_ids(user, campaign)
    units = Balance.objects.filter(campaign=campaign, unit__isnull=False)
    if unit_ids is not None:
        units = units.filter(unit_id__in=unit_ids)
    unit_url = _url_maker("fund:unit", campaign.pk)
    unit_totals = [{"url": unit_url(uid), "name": name, "count": n, "collected": format_money(collected)}
                   for uid, name, n, collected in units.order_by("unit__path").values_list(
                       "unit_id", "unit__name", "entry_count", "collected")]
    own = scoping.fund_scope(user).own_person_id
    mine = Balance.objects.filter(campaign=campaign, key=f"p{own}").first() if own else None
    manage = scoping.can_manage(user, campaign)
    records = scoping.can_record(user, campaign)
    # asked whether the campaign is open or closed, so the page runs the same queries for both
    bulk_url = _url_maker("fund:bulk", campaign.pk)
    bulk_units = [{"url": bulk_url(pk), "name": name} for pk, name in
                  scoping.recordable_units(user, campaign).order_by("path").values_list("id", "name")] if records else []
    can_record = campaign.is_open and records
    reopen_refusal = "" if campaign.is_open or not manage else services.reopen_refusal(
        campaign, campaign.ledger, actor=user)
    context = {
        "reopen_refusal": reopen_refusal,
        # close / reopen, as the table allows this user: links to the confirmation page
        "moves": services.campaign_buttons(campaign, user, campaign.ledger),
        "campaign": campaign,
        "ledger": campaign.ledger,
        "reads_all": scoping.reads_all(user, campaign),
        "unit_totals": unit_totals,
        "mine": mine,
        "can_manage": manage,
        "can_record": can_record,
        "bulk_units": bulk_units if campaign.is_open else [],
        **_entries_page(request, scoping.visible_entries(user, campaign), campaign, can_record),
    }
    if request.headers.get("HX-Request") and request.GET.get("truoc"):
        return render(request, "fund/_entry_rows.html", context)
    return render(request, "fund/campaign_detail.html", context)


def _unit_counts(campaign: Campaign, unit: OrgUnit, total: Balance | None) -> tuple[int, int]:
    """(contributions, correcting entries) written for the unit itself. The kept balance counts every entry
    that moved it, reversals included; the reversals — few, read on the (campaign, unit) index — are told
    apart so that "12 khoản" means twelve contributions."""
    if total is None or not total.entry_count:
        return 0, 0
    corrections = Entry.objects.filter(campaign=campaign, unit=unit, kind=EntryKind.REVERSAL).count()
    return max(total.entry_count - corrections, 0), corrections


def _subunit_totals(campaign: Campaign, unit: OrgUnit, visible, own: int) -> dict:
    """The unit's sub-units (the whole subtree, by materialised path) with what each has given, read from the
    kept per-unit balances; and the total of the unit with all of them."""
    subtree = OrgUnit.objects.within_agency(campaign.agency_id).filter(startswith_q("path", unit.path)).exclude(
        pk=unit.pk)
    if visible is not None:
        subtree = subtree.filter(pk__in=visible)
    units = list(subtree.order_by("path").values_list("id", "name", "path", "is_active")[:SUBUNIT_PAGE + 1])
    if not units:
        return {"subunits": [], "subunits_more": False, "with_subunits": None}
    balances = Balance.objects.filter(campaign=campaign, unit__in=subtree, key__startswith="u")
    given = dict(balances.values_list("unit_id", "collected"))
    depth = unit.path.count("/")
    unit_url = _url_maker("fund:unit", campaign.pk)
    shown = [{"name": name, "url": unit_url(pk), "level": path.count("/") - depth - 1,
              "collected": format_money(given[pk]) if given.get(pk) else "", "active": active}
             for pk, name, path, active in units[:SUBUNIT_PAGE] if active or given.get(pk)]
    return {"subunits": shown, "subunits_more": len(units) > SUBUNIT_PAGE,
            "with_subunits": own + sum(given.values())}


@access(rules.reads_fund)
def unit_detail(request, campaign_id: int, unit_id: int):
    """A unit's dashboard in a campaign: its total, its people with what each gave (a page of PEOPLE_PAGE at a
    time, by keyset on the people's sort order), its entries."""
    campaign = _campaign(request, campaign_id)
    unit = get_object_or_404(OrgUnit.objects.within_agency(campaign.agency_id), pk=unit_id)
    visible = scoping.visible_unit_ids(request.user, campaign)
    if visible is not None and unit.pk not in visible:
        raise Http404
    total = Balance.objects.filter(campaign=campaign, key=f"u{unit.pk}").first()
    own_count, corrections = _unit_counts(campaign, unit, total)
    subunits = _subunit_totals(campaign, unit, visible, total.collected if total else 0)
    # the people who were in the unit during the campaign (its unit history), not today's staff: a closed
    # campaign's list does not change when people join or leave later
    last_day = min(campaign.end_date, timezone.localdate())
    served = staff_between(unit.path, campaign.start_date, max(last_day, campaign.start_date), subtree=False)
    gave_here = Entry.objects.filter(campaign=campaign, unit=unit, person__isnull=False).values("person_id")
    # (and whoever gave in this unit was in it, even if his history, entered later, says otherwise)
    people_qs = Person.objects.filter(Q(pk__in=served.values("pk")) | Q(pk__in=gave_here))
    after = request.GET.get("nguoi_sau", "")
    sort_key, _, after_id = after.rpartition(".")
    after_id = int_param(after_id)
    if after_id:
        people_qs = people_qs.filter(Q(sort_key__gt=sort_key) | Q(sort_key=sort_key, id__gt=after_id))
    people = list(people_qs.order_by("sort_key", "id").values_list("id", "full_name", "position", "sort_key")
                  [:PEOPLE_PAGE + 1])
    people_more = len(people) > PEOPLE_PAGE
    people = people[:PEOPLE_PAGE]
    given = services.balances_by_person(campaign, [p[0] for p in people])
    rows = [{"name": name, "position": position, "given": format_money(given[pk]) if given.get(pk) else ""}
            for pk, name, position, _key in people]
    can_record = campaign.is_open and scoping.can_record_for_unit(request.user, campaign, unit.pk)
    context = {
        "campaign": campaign, "unit": unit, "total": total, "people": rows, "people_more": people_more,
        "own_collected": total.collected if total else 0, "own_count": own_count, "corrections": corrections,
        **subunits,
        "people_next": f"{people[-1][3]}.{people[-1][0]}" if people_more else None, "people_first": not after_id,
        "not_given": sum(1 for r in rows if not r["given"]),
        "can_record": can_record,
        "can_manage": scoping.can_manage(request.user, campaign),
        **_entries_page(request, Entry.objects.filter(campaign=campaign, unit=unit), campaign, can_record),
    }
    if request.headers.get("HX-Request") and request.GET.get("truoc"):
        return render(request, "fund/_entry_rows.html", context)
    return render(request, "fund/unit_detail.html", context)


# ------------------------------------------------------------------------------------------- writing


def _open(request, campaign: Campaign):
    if not campaign.is_open:
        messages.error(request, gettext("Đợt vận động đã khóa sổ: không ghi thêm được."))
        return redirect("fund:detail", campaign_id=campaign.pk)
    return None


@access(rules.records_contributions)
@single_submission
def contribute(request, campaign_id: int):
    campaign = _campaign(request, campaign_id)
    if not scoping.can_record(request.user, campaign):
        raise Http404
    closed = _open(request, campaign)
    if closed:
        return closed
    units = scoping.recordable_units(request.user, campaign).order_by("path")
    people = Person.objects.filter(unit__in=units, is_active=True).select_related("unit").order_by("sort_key", "id")
    form = ContributionForm(request.POST or None, people=people, units=units,
                            initial={"entry_date": min(timezone.localdate(), campaign.end_date)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entry = services.record_contribution(
                campaign, actor=request.user, amount=data["amount"], entry_date=data["entry_date"],
                method=data["method"], person=data["person"], unit=data["unit"], description=data["description"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã ghi biên nhận số %(number)s: %(name)s, %(amount)s.") % {
                "number": campaign.receipt_label(entry.number), "name": entry.contributor_name, "amount": format_money(entry.amount)})
            same = services.same_contributions(entry)
            if same:
                numbers = {"numbers": ", ".join(campaign.receipt_label(e.number) for e in same)}
                messages.warning(request, (gettext(
                    "Lưu ý: đã có khoản ủng hộ cùng người, cùng số tiền, cùng ngày (biên nhận số %(numbers)s). "
                    "Nếu ghi nhầm, hãy lập bút toán điều chỉnh.") if entry.person_id else gettext(
                    "Lưu ý: đã có khoản ủng hộ cùng đơn vị, cùng số tiền, cùng ngày (biên nhận số %(numbers)s). "
                    "Nếu ghi nhầm, hãy lập bút toán điều chỉnh.")) % numbers)
            if "again" in request.POST:
                return redirect("fund:contribute", campaign_id=campaign.pk)
            return redirect("fund:detail", campaign_id=campaign.pk)
    return render(request, "fund/contribute.html", {"form": form, "campaign": campaign})


@access(rules.records_contributions)
@single_submission
def bulk(request, campaign_id: int, unit_id: int):
    campaign = _campaign(request, campaign_id)
    unit = get_object_or_404(OrgUnit.objects.within_agency(campaign.agency_id), pk=unit_id)
    if not scoping.can_record_for_unit(request.user, campaign, unit.pk):
        raise Http404
    closed = _open(request, campaign)
    if closed:
        return closed
    people = services.grouped_people(unit)
    default = None
    if request.GET.get("muc"):
        try:
            default = parse_money(request.GET["muc"], field="Mức chung")
        except ValidationError as exc:
            messages.error(request, exc.messages[0])
    form = BulkForm(request.POST or None, people=people, default_amount=default,
                    initial={"entry_date": min(timezone.localdate(), campaign.end_date)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            entries = services.record_bulk(campaign, unit, data["rows"], actor=request.user,
                                           entry_date=data["entry_date"], method=data["method"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            total = sum(e.amount for e in entries)
            messages.success(request, ngettext(
                "Đã ghi %(n)d khoản ủng hộ của %(unit)s, tổng %(total)s (biên nhận số %(first)s–%(last)s).",
                "Đã ghi %(n)d khoản ủng hộ của %(unit)s, tổng %(total)s (biên nhận số %(first)s–%(last)s).",
                len(entries)) % {"n": len(entries), "unit": unit.name, "total": format_money(total),
                                 "first": campaign.receipt_label(entries[0].number),
                                 "last": campaign.receipt_label(entries[-1].number)})
            return redirect("fund:unit", campaign_id=campaign.pk, unit_id=unit.pk)
    given = services.balances_by_person(campaign, [p.pk for p in people])
    rows = [(p, form[f"amount_{p.pk}"], given.get(p.pk, 0)) for p in people]
    # the rows with an error, named at the top of the form with a link to each (they may be far down the list)
    bad_rows = [{"anchor": f"dong-{p.pk}", "name": p.full_name} for p, field, _given in rows if field.errors]
    return render(request, "fund/bulk.html", {"form": form, "campaign": campaign, "unit": unit, "rows": rows,
                                              "bad_rows": bad_rows, "default": request.GET.get("muc", "")})


def _spending_activities(campaign: Campaign) -> list[Activity]:
    """The support activities offered for a spending: the agency's, held within the campaign or the last 12
    months, most recent first, at most ACTIVITY_CHOICES of them."""
    year_ago = timezone.localdate() - dt.timedelta(days=365)
    return list(Activity.objects.filter(agency_id=campaign.agency_id)
                .filter(Q(held_on__range=(campaign.start_date, campaign.end_date)) | Q(held_on__gte=year_ago))
                .order_by("-held_on", "-id").only("id", "title", "held_on")[:ACTIVITY_CHOICES])


@access(rules.manages_fund)
@single_submission
def outflow(request, campaign_id: int, kind: str):
    campaign = _managed(request, campaign_id)
    closed = _open(request, campaign)
    if closed:
        return closed
    activities = _spending_activities(campaign) if kind == EntryKind.SPENDING else []
    form = OutflowForm(request.POST or None, kind=kind, agency_id=campaign.agency_id, activities=activities,
                       initial={"entry_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        activity = data.get("activity")
        try:
            services.record_outflow(campaign, kind, actor=request.user, amount=data["amount"],
                                    entry_date=data["entry_date"], description=data["description"],
                                    activity=activity)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            amount = format_money(data["amount"])
            if kind == EntryKind.HANDOVER:
                message = gettext("Đã ghi khoản bàn giao cho Ủy ban MTTQ: %(amount)s.") % {"amount": amount}
            elif activity is not None:
                message = gettext("Đã ghi khoản chi %(amount)s cho hoạt động “%(activity)s”.") % {
                    "amount": amount, "activity": activity_label(activity.held_on, activity.title)}
            else:
                message = gettext("Đã ghi khoản chi hoạt động: %(amount)s.") % {"amount": amount}
            messages.success(request, message)
            return redirect("fund:detail", campaign_id=campaign.pk)
    title = (gettext("Bàn giao tiền cho Ủy ban MTTQ") if kind == "handover"
             else gettext("Chi hoạt động hỗ trợ người nghèo"))
    return render(request, "fund/outflow.html", {"form": form, "campaign": campaign, "title": title,
                                                 "kind": kind, "kinds": OUTFLOW_KINDS})


def _entry(request, entry_id: int) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("campaign", "campaign__agency", "unit", "reverses"),
                              pk=entry_id)
    if not scoping.visible_campaigns(request.user).filter(pk=entry.campaign_id).exists():
        raise Http404
    if not scoping.visible_entries(request.user, entry.campaign).filter(pk=entry.pk).exists():
        raise Http404
    return entry


@access(rules.records_contributions)
@single_submission
def reverse(request, entry_id: int):
    entry = _entry(request, entry_id)
    campaign = entry.campaign
    allowed = scoping.can_manage(request.user, campaign) or (
        entry.flow == "in" and scoping.can_record_for_unit(request.user, campaign, entry.unit_id))
    if not allowed:
        raise Http404
    closed = _open(request, campaign)
    if closed:
        return closed
    left = services.remaining(entry) if entry.kind != EntryKind.REVERSAL else 0
    form = ReversalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            reversal = services.reverse_entry(entry, actor=request.user, reason=data["reason"],
                                              amount=data["amount"], entry_date=data["entry_date"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, gettext("Đã lập bút toán điều chỉnh %(amount)s cho “%(entry)s”.") % {
                "amount": format_money(abs(reversal.amount)), "entry": entry})
            return redirect("fund:detail", campaign_id=campaign.pk)
    return render(request, "fund/reverse.html", {"form": form, "entry": entry, "campaign": campaign,
                                                 "remaining": left,
                                                 "receipt_number": campaign.receipt_label(entry.number)})


@access(rules.reads_fund)
def receipt(request, entry_id: int):
    entry = _entry(request, entry_id)
    if entry.kind != EntryKind.CONTRIBUTION:
        raise Http404
    reversed_amount = abs(Entry.objects.filter(reverses=entry).aggregate(s=Sum("amount"))["s"] or 0)
    pdf = receipt_pdf(entry, reversed_amount)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-nhan-{entry.campaign_id}-{entry.number}.pdf"'
    return response


def _export_job(request, campaign: Campaign) -> Job | None:
    """The export job named by ?viec=: one of this user's fund exports of this campaign (else 404)."""
    job_id = int_param(request.GET.get("viec"))
    if job_id is None:
        return None
    job = Job.objects.filter(pk=job_id, kind=EXPORT_KIND, created_by=request.user).first()
    if job is None or job.params.get("campaign_id") != campaign.pk:
        raise Http404
    return job


@access(rules.reads_fund)
def export(request, campaign_id: int):
    """The ledger as XLSX, written by a background job: POST starts it, then this page (?viec=<job id>) shows
    its progress, polled with HTMX, and the download link when done."""
    campaign = _campaign(request, campaign_id)
    if request.method == "POST":
        job = start_export(campaign, request.user)
        return redirect(f"{url_reverse('fund:export', args=[campaign.pk])}?viec={job.pk}")
    job = _export_job(request, campaign)
    context = {"campaign": campaign, "job": job}
    if job is not None and request.headers.get("HX-Request"):
        return render(request, "fund/_export_progress.html", context)
    return render(request, "fund/export.html", context)


@access(rules.reads_fund)
def export_download(request, campaign_id: int):
    campaign = _campaign(request, campaign_id)
    job = _export_job(request, campaign)
    if job is None:
        return redirect("fund:export", campaign_id=campaign.pk)
    if job.status != JobStatus.DONE:
        return redirect(f"{url_reverse('fund:export', args=[campaign.pk])}?viec={job.pk}")
    path = exports.export_file(job.result.get("path", ""))
    if path is None:
        messages.info(request, gettext("Tệp xuất này đã được xóa sau %(hours)s giờ; hãy xuất lại sổ quỹ.")
                      % {"hours": settings.EXPORT_RETENTION_HOURS})
        return redirect("fund:export", campaign_id=campaign.pk)
    return FileResponse(open(path, "rb"), as_attachment=True,  # noqa: SIM115 (FileResponse closes it)
                        filename=job.result.get("filename") or path.name,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
