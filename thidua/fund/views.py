from __future__ import annotations

import tempfile

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Sum
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from thidua.core.access import access
from thidua.core.money import format_money, parse_money
from thidua.movements.models import Movement
from thidua.org.enums import AGENCY_KINDS
from thidua.org.models import OrgUnit, Person

from . import rules, services
from .enums import OUTFLOW_KINDS, CampaignStatus, EntryKind
from .export import write_ledger
from .forms import BulkForm, CampaignForm, ContributionForm, MoveForm, OutflowForm, ReversalForm
from .models import Balance, Campaign, Entry
from .receipt import receipt_pdf

PAGE = 20
ENTRY_PAGE = 50
UNIT_PEOPLE_LIMIT = 300


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
    return get_object_or_404(rules.visible_campaigns(request.user).select_related("agency", "ledger", "movement"),
                             pk=campaign_id)


def _managed(request, campaign_id: int) -> Campaign:
    campaign = _campaign(request, campaign_id)
    if not rules.can_manage(request.user, campaign):
        raise PermissionDenied
    return campaign


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


# ------------------------------------------------------------------------------------------- campaigns


@access(rules.reads_fund)
def campaign_list(request):
    qs = rules.visible_campaigns(request.user).select_related("agency", "ledger", "movement")
    status = request.GET.get("status", "")
    if status in CampaignStatus.values:
        qs = qs.filter(status=status)
    page = max(1, _int(request.GET.get("page")) or 1)
    rows = list(qs.order_by("-start_date", "-id")[(page - 1) * PAGE: page * PAGE + 1])
    campaigns = rows[:PAGE]
    own = rules.fund_scope(request.user).own_person_id
    mine = {}
    if own and campaigns:
        mine = dict(Balance.objects.filter(campaign__in=[c.pk for c in campaigns], key=f"p{own}")
                    .values_list("campaign_id", "collected"))
    for c in campaigns:
        c.mine = mine.get(c.pk)
    return render(request, "fund/campaign_list.html", {
        "campaigns": campaigns, "has_next": len(rows) > PAGE, "page": page, "status": status,
        "statuses": CampaignStatus.choices, "can_create": rules.manages_fund.test(request.user),
        "has_own": bool(own),
    })


def _manageable_agencies(user):
    fs = rules.fund_scope(user)
    qs = OrgUnit.objects.filter(kind__in=AGENCY_KINDS, is_active=True)
    if fs.is_admin:
        return qs.order_by("path")
    return qs.filter(pk__in=fs.manage_agency_ids).order_by("path")


@access(rules.manages_fund)
def campaign_create(request):
    agencies = _manageable_agencies(request.user)
    movements = Movement.objects.filter(agency__in=agencies).order_by("-start_year", "-id")
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
            messages.success(request, f"Đã tạo đợt vận động “{campaign.name}”.")
            return redirect("fund:detail", campaign_id=campaign.pk)
    return render(request, "fund/form.html", {"form": form, "title": "Tạo đợt vận động Quỹ “Vì người nghèo”",
                                              "cancel": "fund:list"})


@access(rules.manages_fund)
def campaign_edit(request, campaign_id: int):
    campaign = _managed(request, campaign_id)
    agencies = OrgUnit.objects.filter(pk=campaign.agency_id)
    movements = Movement.objects.filter(agency=campaign.agency).order_by("-start_year", "-id")
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
            messages.success(request, "Đã lưu đợt vận động.")
            return redirect("fund:detail", campaign_id=campaign.pk)
    return render(request, "fund/form.html", {"form": form, "title": f"Sửa: {campaign.name}",
                                              "campaign": campaign})


@require_POST
@access(rules.manages_fund)
def campaign_move(request, campaign_id: int):
    campaign = _managed(request, campaign_id)
    form = MoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Yêu cầu không hợp lệ.")
        return redirect("fund:detail", campaign_id=campaign.pk)
    try:
        services.move_campaign(campaign, form.cleaned_data["to"], actor=request.user,
                               reason=form.cleaned_data["reason"])
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Đã khóa sổ đợt vận động." if campaign.status == CampaignStatus.CLOSED
                         else "Đã mở lại sổ đợt vận động.")
    return redirect("fund:detail", campaign_id=campaign.pk)


def _entries_page(request, qs):
    """Keyset pagination on id (newest first): ?truoc=<id> — no COUNT, no OFFSET."""
    before = _int(request.GET.get("truoc"))
    if before:
        qs = qs.filter(id__lt=before)
    kind = request.GET.get("loai", "")
    if kind in EntryKind.values:
        qs = qs.filter(kind=kind)
    rows = list(qs.select_related("unit").order_by("-id")[:ENTRY_PAGE + 1])
    more = len(rows) > ENTRY_PAGE
    rows = rows[:ENTRY_PAGE]
    ids = [r.pk for r in rows if r.kind != EntryKind.REVERSAL]
    reversed_sums = dict(
        Entry.objects.filter(reverses_id__in=ids).values_list("reverses_id").annotate(s=Sum("amount"))
        .values_list("reverses_id", "s")) if ids else {}
    for r in rows:
        r.reversed = abs(reversed_sums.get(r.pk, 0) or 0)
        r.remaining = abs(r.amount) - r.reversed
    return {"entries": rows, "next_before": rows[-1].pk if more else None, "kind": kind,
            "kinds": EntryKind.choices, "first_page": not before}


@access(rules.reads_fund)
def campaign_detail(request, campaign_id: int):
    campaign = _campaign(request, campaign_id)
    user = request.user
    unit_ids = rules.visible_unit_ids(user, campaign)
    units = Balance.objects.filter(campaign=campaign, unit__isnull=False).select_related("unit")
    if unit_ids is not None:
        units = units.filter(unit_id__in=unit_ids)
    own = rules.fund_scope(user).own_person_id
    mine = Balance.objects.filter(campaign=campaign, key=f"p{own}").first() if own else None
    manage = rules.can_manage(user, campaign)
    context = {
        "campaign": campaign,
        "ledger": campaign.ledger,
        "reads_all": rules.reads_all(user, campaign),
        "unit_totals": sorted(units, key=lambda b: b.unit.path),
        "mine": mine,
        "can_manage": manage,
        "can_record": campaign.is_open and rules.can_record(user, campaign),
        "bulk_units": list(rules.recordable_units(user, campaign).order_by("path").only("id", "name"))
        if campaign.is_open and rules.can_record(user, campaign) else [],
        **_entries_page(request, rules.visible_entries(user, campaign)),
    }
    if request.headers.get("HX-Request") and request.GET.get("truoc"):
        return render(request, "fund/_entry_rows.html", context)
    return render(request, "fund/campaign_detail.html", context)


@access(rules.reads_fund)
def unit_detail(request, campaign_id: int, unit_id: int):
    """A unit's dashboard in a campaign: its total, its people with what each gave, its entries."""
    campaign = _campaign(request, campaign_id)
    unit = get_object_or_404(OrgUnit, pk=unit_id, agency_id=campaign.agency_id)
    visible = rules.visible_unit_ids(request.user, campaign)
    if visible is not None and unit.pk not in visible:
        raise Http404
    total = Balance.objects.filter(campaign=campaign, key=f"u{unit.pk}").first()
    people = list(Person.objects.filter(unit=unit, is_active=True).order_by("sort_key", "id")
                  [:UNIT_PEOPLE_LIMIT + 1])
    people_more = len(people) > UNIT_PEOPLE_LIMIT
    people = people[:UNIT_PEOPLE_LIMIT]
    given = services.balances_by_person(campaign, [p.pk for p in people])
    for p in people:
        p.given = given.get(p.pk, 0)
    context = {
        "campaign": campaign, "unit": unit, "total": total, "people": people, "people_more": people_more,
        "not_given": sum(1 for p in people if not p.given),
        "can_record": campaign.is_open and rules.can_record_for_unit(request.user, campaign, unit.pk),
        "can_manage": rules.can_manage(request.user, campaign),
        **_entries_page(request, Entry.objects.filter(campaign=campaign, unit=unit)),
    }
    return render(request, "fund/unit_detail.html", context)


# ------------------------------------------------------------------------------------------- writing


def _open(request, campaign: Campaign):
    if not campaign.is_open:
        messages.error(request, "Đợt vận động đã khóa sổ: không ghi thêm được.")
        return redirect("fund:detail", campaign_id=campaign.pk)
    return None


@access(rules.records_contributions)
def contribute(request, campaign_id: int):
    campaign = _campaign(request, campaign_id)
    if not rules.can_record(request.user, campaign):
        raise Http404
    closed = _open(request, campaign)
    if closed:
        return closed
    units = rules.recordable_units(request.user, campaign).order_by("path")
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
            messages.success(request, f"Đã ghi biên nhận số {entry.number}: {entry.contributor_name}, "
                                      f"{format_money(entry.amount)}.")
            if "again" in request.POST:
                return redirect("fund:contribute", campaign_id=campaign.pk)
            return redirect("fund:detail", campaign_id=campaign.pk)
    return render(request, "fund/contribute.html", {"form": form, "campaign": campaign})


@access(rules.records_contributions)
def bulk(request, campaign_id: int, unit_id: int):
    campaign = _campaign(request, campaign_id)
    unit = get_object_or_404(OrgUnit, pk=unit_id, agency_id=campaign.agency_id)
    if not rules.can_record_for_unit(request.user, campaign, unit.pk):
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
            messages.success(request, f"Đã ghi {len(entries)} khoản ủng hộ của {unit.name}, tổng "
                                      f"{format_money(total)} (biên nhận số {entries[0].number}–"
                                      f"{entries[-1].number}).")
            return redirect("fund:unit", campaign_id=campaign.pk, unit_id=unit.pk)
    given = services.balances_by_person(campaign, [p.pk for p in people])
    rows = [(p, form[f"amount_{p.pk}"], given.get(p.pk, 0)) for p in people]
    return render(request, "fund/bulk.html", {"form": form, "campaign": campaign, "unit": unit, "rows": rows,
                                              "default": request.GET.get("muc", "")})


@access(rules.manages_fund)
def outflow(request, campaign_id: int, kind: str):
    campaign = _managed(request, campaign_id)
    closed = _open(request, campaign)
    if closed:
        return closed
    form = OutflowForm(request.POST or None, kind=kind, initial={"entry_date": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.record_outflow(campaign, kind, actor=request.user, amount=data["amount"],
                                    entry_date=data["entry_date"], description=data["description"])
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, f"Đã ghi {EntryKind(kind).label.lower()}: {format_money(data['amount'])}.")
            return redirect("fund:detail", campaign_id=campaign.pk)
    title = "Bàn giao tiền cho Ủy ban MTTQ" if kind == "handover" else "Chi hoạt động hỗ trợ người nghèo"
    return render(request, "fund/outflow.html", {"form": form, "campaign": campaign, "title": title,
                                                 "kind": kind, "kinds": OUTFLOW_KINDS})


def _entry(request, entry_id: int) -> Entry:
    entry = get_object_or_404(Entry.objects.select_related("campaign", "campaign__agency", "unit", "reverses"),
                              pk=entry_id)
    if not rules.visible_campaigns(request.user).filter(pk=entry.campaign_id).exists():
        raise Http404
    if not rules.visible_entries(request.user, entry.campaign).filter(pk=entry.pk).exists():
        raise Http404
    return entry


@access(rules.records_contributions)
def reverse(request, entry_id: int):
    entry = _entry(request, entry_id)
    campaign = entry.campaign
    allowed = rules.can_manage(request.user, campaign) or (
        entry.flow == "in" and rules.can_record_for_unit(request.user, campaign, entry.unit_id))
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
            messages.success(request, f"Đã lập bút toán điều chỉnh {format_money(abs(reversal.amount))} cho "
                                      f"“{entry}”.")
            return redirect("fund:detail", campaign_id=campaign.pk)
    return render(request, "fund/reverse.html", {"form": form, "entry": entry, "campaign": campaign,
                                                 "remaining": left})


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


@access(rules.reads_fund)
def export(request, campaign_id: int):
    campaign = _campaign(request, campaign_id)
    entries = rules.visible_entries(request.user, campaign)
    out = tempfile.TemporaryFile()
    totals = campaign.ledger if rules.reads_all(request.user, campaign) else None
    write_ledger(campaign, entries, out, totals=totals)
    out.seek(0)
    name = f"so-quy-{slugify(campaign.name) or campaign.pk}.xlsx"
    return FileResponse(out, as_attachment=True, filename=name,
                        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
