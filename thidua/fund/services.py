"""The fund's workflow functions. Views never write entries or balances themselves.

Every write to a campaign's ledger runs in one transaction that first locks the campaign's `Ledger` row
(SELECT … FOR UPDATE): writes to one campaign are serialised, so receipt numbers have no gap and no duplicate,
the checks (what remains of an entry, the balance) see the latest state, and the kept totals are updated in
the same transaction as the entries they sum.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections import defaultdict
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import audit as core_audit
from thidua.core.money import MAX_AMOUNT, format_money
from thidua.core.text import nfc
from thidua.movements.enums import MovementStatus
from thidua.org.models import OrgUnit, Person

from . import audit
from .enums import CAMPAIGN_FLOW, OUTFLOW_KINDS, CampaignStatus, EntryKind, Flow, Method
from .models import Balance, Campaign, Entry, Ledger
from .roles import is_office  # noqa: F401  (kept name)

BULK_DESCRIPTION = "Ủng hộ 01 ngày lương"
#: an entry named inside a stored sentence ("Điều chỉnh khoản bàn giao cho Ủy ban MTTQ #12"): written out
#: rather than a lowercased label, which would turn "Ủy ban MTTQ" into "ủy ban mttq"
STORED_LABELS = {
    EntryKind.CONTRIBUTION: "khoản ủng hộ",
    EntryKind.HANDOVER: "khoản bàn giao cho Ủy ban MTTQ",
    EntryKind.SPENDING: "khoản chi hoạt động",
    EntryKind.REVERSAL: "bút toán điều chỉnh",
}


def _d(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# ------------------------------------------------------------------------------------------- campaigns


def _movement_closed(movement) -> bool:
    return movement is not None and movement.status == MovementStatus.CLOSED


def _check_campaign(agency: OrgUnit, movement, start_date: dt.date, end_date: dt.date) -> None:
    errors = {}
    if end_date < start_date:
        errors["end_date"] = _("Ngày kết thúc phải sau hoặc trùng ngày bắt đầu.")
    if movement is not None and movement.agency_id != agency.pk:
        errors["movement"] = _("Phong trào không thuộc cơ quan này.")
    if not agency.is_agency:
        errors["agency"] = _("Đợt vận động phải thuộc một cơ quan.")
    if errors:
        raise ValidationError(errors)


def _check_launched(movement) -> None:
    """A campaign joins only a launched movement: not a draft, which staff do not see (its name would show on the
    campaign's page before it is launched). A closed one is refused before, with its own message."""
    if movement is not None and movement.status == MovementStatus.DRAFT:
        raise ValidationError({"movement": _("Phong trào “%(name)s” chưa phát động: chỉ gắn đợt vận động vào "
                                             "phong trào đã phát động.") % {"name": movement.name}})


@transaction.atomic
def create_campaign(*, actor, agency: OrgUnit, name: str, start_date: dt.date, end_date: dt.date,
                    movement=None, fund_holder: str = "") -> Campaign:
    name = nfc(name)
    if not name:
        raise ValidationError({"name": _("Hãy nhập tên đợt vận động.")})
    _check_campaign(agency, movement, start_date, end_date)
    if _movement_closed(movement):  # its results are final: no new money may count toward them
        raise ValidationError({"movement": _("Phong trào “%(name)s” đã kết thúc: không gắn thêm đợt vận động "
                                             "vào phong trào này được.") % {"name": movement.name}})
    _check_launched(movement)
    OrgUnit.objects.select_for_update().filter(pk=agency.pk).first()  # one campaign at a time takes a receipt code
    campaign = Campaign(agency=agency, movement=movement, name=name, start_date=start_date, end_date=end_date,
                        fund_holder=fund_holder, created_by=actor if getattr(actor, "pk", None) else None)
    campaign.save()
    Ledger.objects.create(campaign=campaign)
    audit.campaign_created(campaign, actor=actor)
    return campaign


@transaction.atomic
def update_campaign(campaign: Campaign, *, actor, name: str, start_date: dt.date, end_date: dt.date,
                    movement=None, fund_holder: str = "") -> Campaign:
    _lock(campaign)
    campaign.refresh_from_db(fields=["status", "movement"])
    if campaign.status != CampaignStatus.OPEN:
        # the header of a closed campaign is part of what was closed (the receipts, the movement's results)
        raise ValidationError(_("Đợt vận động đã khóa sổ: không sửa được tên, thời gian, nơi tiếp nhận hay "
                                "phong trào. Nếu cần, hãy đề nghị Văn phòng mở lại sổ (kèm lý do)."))
    name = nfc(name)
    if not name:
        raise ValidationError({"name": _("Hãy nhập tên đợt vận động.")})
    _check_campaign(campaign.agency, movement, start_date, end_date)
    if getattr(movement, "pk", None) != campaign.movement_id:
        for closed in (campaign.movement, movement):
            if _movement_closed(closed):
                raise ValidationError({"movement": _(
                    "Phong trào “%(name)s” đã kết thúc: không chuyển đợt vận động vào hay ra khỏi phong trào "
                    "này được (kết quả của phong trào sẽ thay đổi).") % {"name": closed.name}})
        _check_launched(movement)
    outside = Entry.objects.filter(campaign=campaign, kind=EntryKind.CONTRIBUTION).exclude(
        entry_date__range=(start_date, end_date)).order_by("entry_date").first()
    if outside is not None:
        raise ValidationError(
            _("Đã có khoản ủng hộ ngày %(date)s (biên nhận số %(number)s) nằm ngoài "
              "thời gian mới; không thể thu hẹp thời gian đợt vận động.")
            % {"date": _d(outside.entry_date), "number": campaign.receipt_label(outside.number)})
    if start_date.year != campaign.start_date.year and Entry.objects.filter(campaign=campaign).exists():
        # receipt numbers carry the start year ("15/2024/BN-VNN"): those already printed must stay true
        raise ValidationError({"start_date": _(
            "Đợt vận động đã có biên nhận mang năm %(year)s: không đổi ngày bắt đầu sang năm khác được.") % {
            "year": campaign.start_date.year}})
    if start_date.year != campaign.start_date.year:  # no receipt printed yet (refused above): a new code
        OrgUnit.objects.select_for_update().filter(pk=campaign.agency_id).first()
        campaign.receipt_code = ""
    before = core_audit.snapshot(campaign, audit.CAMPAIGN_FIELDS)
    campaign.name, campaign.start_date, campaign.end_date = name, start_date, end_date
    campaign.movement, campaign.fund_holder = movement, fund_holder
    campaign.save()
    audit.campaign_changed(campaign, before, actor=actor)
    return campaign


def reopen_refusal(campaign: Campaign, ledger: Ledger | None = None, *, actor=None) -> str:
    """Why the closed campaign cannot be reopened (by this actor, when given); "" when it can. The money and the
    movement are asked first, then the table (`CAMPAIGN_FLOW`: only the Office reopens)."""
    ledger = ledger or Ledger.objects.filter(campaign_id=campaign.pk).first()
    if ledger is not None and ledger.handed_over > 0:
        return _("Tiền của đợt vận động đã bàn giao cho %(holder)s: không mở lại sổ được. Nếu có sai sót, hãy "
                 "ghi nhận ở đợt vận động sau.") % {"holder": campaign.fund_holder or _("Ủy ban MTTQ")}
    if _movement_closed(campaign.movement):
        return _("Phong trào “%(name)s” đã kết thúc: mở lại sổ sẽ làm thay đổi kết quả của phong trào, "
                 "nên không mở lại được.") % {"name": campaign.movement.name}
    if actor is not None:
        try:
            CAMPAIGN_FLOW.edge(CampaignStatus.CLOSED, CampaignStatus.OPEN, actor=actor, obj=campaign)
        except ValidationError as exc:
            return exc.messages[0]
    return ""


def campaign_buttons(campaign: Campaign, user, ledger: Ledger | None = None) -> list:
    """The edges of `CAMPAIGN_FLOW` the user may take from the campaign's state, less a reopening that
    `reopen_refusal` refuses (money handed over, movement closed)."""
    return [edge for edge in CAMPAIGN_FLOW.buttons(campaign, user)
            if edge.target != CampaignStatus.OPEN or not reopen_refusal(campaign, ledger)]


@transaction.atomic
def move_campaign(campaign: Campaign, to_status: str, *, actor, reason: str = "") -> Campaign:
    """The one transition function of a campaign, along the edges of `CAMPAIGN_FLOW`: open → closed (khóa sổ,
    by those who manage the campaign) and back (by the Office only, with a written reason, money not yet handed
    over and a movement not closed); audited with the reason. With no actor (the demo, a command) only the
    table is asked."""
    ledger = _lock(campaign)
    campaign.refresh_from_db(fields=["status", "movement"])
    edge = CAMPAIGN_FLOW.edge(campaign.status, to_status)  # the table: "Không thể chuyển … sang …"
    if edge.target == CampaignStatus.OPEN:
        refusal = reopen_refusal(campaign, ledger)
        if refusal:
            raise ValidationError(refusal)
    CAMPAIGN_FLOW.edge(campaign.status, to_status, actor=actor, obj=campaign)  # the edge's roles
    reason = nfc(reason)
    if edge.needs_reason and not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do mở lại sổ.")})
    before = core_audit.snapshot(campaign, ["status"])
    campaign.status = edge.target
    campaign.save(update_fields=["status", "updated_at"])
    audit.campaign_moved(campaign, before, actor=actor, reason=reason)
    return campaign


# ------------------------------------------------------------------------------------------- the ledger


def _lock(campaign: Campaign) -> Ledger:
    """Lock the campaign's ledger row for the rest of the transaction; returns it with fresh totals."""
    locked = Ledger.objects.select_for_update(of=("self",)).select_related("campaign", "campaign__movement")
    ledger = locked.filter(campaign_id=campaign.pk).first()
    if ledger is None:  # a campaign made before the ledger existed: make it, then lock it
        Ledger.objects.get_or_create(campaign_id=campaign.pk)
        ledger = locked.get(campaign_id=campaign.pk)
    return ledger


def _check_amount(amount, field: str = "amount") -> int:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise ValidationError({field: _("Số tiền phải là số đồng nguyên.")})
    if amount <= 0:
        raise ValidationError({field: _("Số tiền phải lớn hơn 0 đồng.")})
    if amount > MAX_AMOUNT:
        raise ValidationError({field: _("Số tiền quá lớn, hãy kiểm tra lại.")})
    return amount


def _check_open(ledger: Ledger) -> None:
    """The campaign's status as read with the lock (a concurrent closing waits for the same lock)."""
    if ledger.campaign.status != CampaignStatus.OPEN:
        raise ValidationError(_("Đợt vận động đã khóa sổ: không ghi thêm được. Hãy mở lại sổ nếu cần điều chỉnh."))
    if _movement_closed(ledger.campaign.movement):  # what it holds is part of the closed movement's results
        raise ValidationError(_("Phong trào “%(name)s” đã kết thúc: đợt vận động của phong trào này không ghi thêm "
                                "hay điều chỉnh được nữa; hãy khóa sổ đợt.") % {"name": ledger.campaign.movement.name})


def _check_date(campaign: Campaign, entry_date, *, within: bool, not_before: dt.date | None = None,
                field: str = "entry_date") -> dt.date:
    if not isinstance(entry_date, dt.date):
        raise ValidationError({field: _("Hãy nhập ngày.")})
    today = timezone.localdate()
    if entry_date > today:
        raise ValidationError({field: _("Ngày %(date)s ở tương lai (hôm nay là %(today)s).") % {
            "date": _d(entry_date), "today": _d(today)}})
    if within and not campaign.start_date <= entry_date <= campaign.end_date:
        raise ValidationError({field: _("Ngày %(date)s nằm ngoài thời gian đợt vận động (%(start)s – %(end)s).") % {
            "date": _d(entry_date), "start": _d(campaign.start_date), "end": _d(campaign.end_date)}})
    if not within and entry_date < campaign.start_date:
        raise ValidationError({field: _("Ngày %(date)s trước ngày bắt đầu đợt vận động (%(start)s).") % {
            "date": _d(entry_date), "start": _d(campaign.start_date)}})
    if not_before is not None and entry_date < not_before:
        raise ValidationError({field: _("Ngày điều chỉnh %(date)s trước ngày của bút toán gốc (%(original)s).") % {
            "date": _d(entry_date), "original": _d(not_before)}})
    return entry_date


def _apply(ledger: Ledger, entries: list[Entry]) -> None:
    """Add the entries' amounts to the kept totals (ledger row and unit/person balances). Called with the
    ledger locked, so read-modify-write is safe."""
    totals = {Flow.IN: 0, Flow.HANDOVER: 0, Flow.SPENDING: 0}
    per_key: dict[str, list] = {}
    for e in entries:
        totals[e.flow] += e.amount
        if e.flow == Flow.IN:
            keys = []
            if e.person_id:
                keys.append((f"p{e.person_id}", None, e.person_id))
            if e.unit_id:
                keys.append((f"u{e.unit_id}", e.unit_id, None))
            for key, unit_id, person_id in keys:
                row = per_key.setdefault(key, [unit_id, person_id, 0, 0])
                row[2] += e.amount
                row[3] += 1
    ledger.collected += totals[Flow.IN]
    ledger.handed_over -= totals[Flow.HANDOVER]
    ledger.spent -= totals[Flow.SPENDING]
    ledger.entry_count += len(entries)
    ledger.save(update_fields=["last_number", "collected", "handed_over", "spent", "entry_count"])
    if not per_key:
        return
    existing = {b.key: b for b in Balance.objects.filter(campaign_id=ledger.campaign_id, key__in=list(per_key))}
    new, changed = [], []
    for key, (unit_id, person_id, amount, count) in per_key.items():
        row = existing.get(key)
        if row is None:
            new.append(Balance(campaign_id=ledger.campaign_id, key=key, unit_id=unit_id, person_id=person_id,
                               collected=amount, entry_count=count))
        else:
            row.collected += amount
            row.entry_count += count
            changed.append(row)
    if new:
        Balance.objects.bulk_create(new)
    if changed:
        Balance.objects.bulk_update(changed, ["collected", "entry_count"])


def _check_balance(ledger: Ledger, delta: int) -> None:
    if ledger.balance + delta < 0:
        raise ValidationError(
            _("Số dư của đợt vận động là %(balance)s; bút toán này làm số dư âm (%(after)s). "
              "Hãy kiểm tra lại số tiền.")
            % {"balance": format_money(ledger.balance), "after": format_money(ledger.balance + delta)})


def _contributor(campaign: Campaign, person: Person | None, unit: OrgUnit | None) -> tuple:
    if (person is None) == (unit is None):
        raise ValidationError({"person": _("Hãy chọn một cá nhân hoặc một đơn vị ủng hộ.")})
    if person is not None:
        home = person.unit
        if home.home_agency_id != campaign.agency_id:
            raise ValidationError({"person": _("%(name)s không thuộc %(agency)s.") % {
                "name": person.full_name, "agency": campaign.agency.name}})
        return person, home, person.full_name
    if unit.home_agency_id != campaign.agency_id:
        raise ValidationError({"unit": _("%(name)s không thuộc %(agency)s.") % {
            "name": unit.name, "agency": campaign.agency.name}})
    return None, unit, unit.name


def record_contribution(campaign: Campaign, *, actor, amount: int, entry_date: dt.date, method: str,
                        person: Person | None = None, unit: OrgUnit | None = None,
                        description: str = "") -> Entry:
    """One contribution by a person or a unit, with the next receipt number of the campaign."""
    _check_amount(amount)
    if method not in Method.values:
        raise ValidationError({"method": _("Hãy chọn hình thức nộp.")})
    person, home, name = _contributor(campaign, person, unit)
    with transaction.atomic():
        ledger = _lock(campaign)
        _check_open(ledger)
        _check_date(campaign, entry_date, within=True)
        ledger.last_number += 1
        entry = Entry(campaign=campaign, kind=EntryKind.CONTRIBUTION, flow=Flow.IN, number=ledger.last_number,
                      entry_date=entry_date, amount=amount, method=method, person=person, unit=home,
                      contributor_name=name, description=nfc(description), created_by=_user(actor))
        entry.save()
        _apply(ledger, [entry])
        audit.entry_recorded(entry, actor=actor)
    return entry


def record_bulk(campaign: Campaign, unit: OrgUnit, rows: Iterable[tuple[Person, int]], *, actor,
                entry_date: dt.date, method: str = Method.PAYROLL,
                description: str = BULK_DESCRIPTION) -> list[Entry]:
    """A unit's "01 ngày lương": one contribution per (person, amount), numbered consecutively; all or none."""
    rows = list(rows)
    if not rows:
        raise ValidationError(_("Danh sách không có ai đóng góp: hãy nhập số tiền cho ít nhất một người."))
    if method not in Method.values:
        raise ValidationError({"method": _("Hãy chọn hình thức nộp.")})
    if unit.home_agency_id != campaign.agency_id:
        raise ValidationError(_("%(name)s không thuộc %(agency)s.") % {"name": unit.name, "agency": campaign.agency.name})
    seen = set()
    for person, amount in rows:
        if person.unit_id != unit.pk or not person.is_active:
            raise ValidationError(_("%(name)s không còn công tác tại %(unit)s.") % {
                "name": person.full_name, "unit": unit.name})
        if person.pk in seen:
            raise ValidationError(_("%(name)s có hai dòng trong danh sách.") % {"name": person.full_name})
        seen.add(person.pk)
        try:
            _check_amount(amount)
        except ValidationError as exc:
            raise ValidationError(_("Dòng %(name)s: %(error)s") % {
                "name": person.full_name, "error": exc.messages[0]}) from None
    batch = uuid.uuid4().hex[:16]
    with transaction.atomic():
        ledger = _lock(campaign)
        _check_open(ledger)
        _check_date(campaign, entry_date, within=True)
        entries = []
        for person, amount in rows:
            ledger.last_number += 1
            entries.append(Entry(
                campaign=campaign, kind=EntryKind.CONTRIBUTION, flow=Flow.IN, number=ledger.last_number,
                entry_date=entry_date, amount=amount, method=method, person=person, unit=unit,
                contributor_name=person.full_name, description=nfc(description), batch=batch,
                created_by=_user(actor)))
        entries = Entry.objects.bulk_create(entries)
        _apply(ledger, entries)
        audit.bulk_recorded(campaign, unit, entries, actor=actor)
    return entries


def _check_activity(campaign: Campaign, kind: str, activity) -> None:
    """A spending may name the support activity it paid for: one of the campaign's agency."""
    if activity is None:
        return
    if kind != EntryKind.SPENDING:
        raise ValidationError({"activity": _("Chỉ khoản chi hoạt động mới gắn với một hoạt động hỗ trợ.")})
    if activity.agency_id != campaign.agency_id:
        raise ValidationError({"activity": _("Hoạt động đã chọn không thuộc %(agency)s: chỉ chọn hoạt động hỗ trợ "
                                             "của cơ quan đã mở đợt vận động.") % {"agency": campaign.agency.name}})


def record_outflow(campaign: Campaign, kind: str, *, actor, amount: int, entry_date: dt.date,
                   description: str, activity=None) -> Entry:
    """Money handed over to the Fatherland Front committee, or spent on an activity (optionally the support
    activity of participation it paid for, of the same agency)."""
    if kind not in OUTFLOW_KINDS:
        raise ValidationError(_("Loại bút toán không hợp lệ."))
    _check_amount(amount)
    _check_activity(campaign, kind, activity)
    description = nfc(description)
    if not description:
        raise ValidationError({"description": _("Hãy ghi nội dung (nơi nhận hoặc hoạt động chi).")})
    with transaction.atomic():
        ledger = _lock(campaign)
        _check_open(ledger)
        _check_date(campaign, entry_date, within=False)
        _check_balance(ledger, -amount)
        entry = Entry(campaign=campaign, kind=kind, flow=OUTFLOW_KINDS[kind], entry_date=entry_date,
                      amount=-amount, description=description, activity=activity, created_by=_user(actor))
        entry.save()
        _apply(ledger, [entry])
        audit.entry_recorded(entry, actor=actor)
    return entry


def same_contributions(entry: Entry) -> list[Entry]:
    """Earlier contributions of the campaign by the same person (or unit), of the same amount, on the same day,
    not fully reversed: perhaps the same money written twice. They are kept (they can be real); the caller
    warns the user."""
    if entry.kind != EntryKind.CONTRIBUTION:
        return []
    qs = Entry.objects.filter(campaign_id=entry.campaign_id, kind=EntryKind.CONTRIBUTION, amount=entry.amount,
                              entry_date=entry.entry_date, id__lt=entry.pk)
    qs = qs.filter(person_id=entry.person_id) if entry.person_id else qs.filter(person__isnull=True,
                                                                               unit_id=entry.unit_id)
    reversed_sum = (Entry.objects.filter(reverses=OuterRef("pk")).order_by().values("reverses")
                    .annotate(s=Sum("amount")).values("s"))
    rows = qs.annotate(reversed_sum=Coalesce(Subquery(reversed_sum), 0)).order_by("number")[:20]
    return [e for e in rows if abs(e.amount) - abs(e.reversed_sum) > 0]


def remaining(entry: Entry) -> int:
    """What of the entry is not yet reversed (a positive number of đồng)."""
    reversed_total = Entry.objects.filter(reverses=entry).aggregate(s=Sum("amount"))["s"] or 0
    return abs(entry.amount) - abs(reversed_total)


def reverse_entry(entry: Entry, *, actor, reason: str, amount: int | None = None,
                  entry_date: dt.date | None = None) -> Entry:
    """Correct a mistaken entry by a reversing entry (all of it, or part of what remains). Nothing is changed
    in the original; both stay in the ledger."""
    reason = nfc(reason)
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do điều chỉnh.")})
    if entry.kind == EntryKind.REVERSAL:
        raise ValidationError(_("Không thể điều chỉnh một bút toán điều chỉnh; hãy điều chỉnh bút toán gốc."))
    if amount is not None:
        _check_amount(amount)
    campaign = entry.campaign
    with transaction.atomic():
        ledger = _lock(campaign)
        _check_open(ledger)
        left = remaining(entry)
        if left <= 0:
            raise ValidationError(_("Bút toán này đã được điều chỉnh hết; không còn gì để điều chỉnh."))
        if amount is None:
            amount = left
        if amount > left:
            raise ValidationError({"amount": _("Số tiền điều chỉnh %(amount)s lớn hơn số còn lại của bút toán "
                                               "(%(left)s).") % {"amount": format_money(amount),
                                                                 "left": format_money(left)}})
        entry_date = _check_date(campaign, entry_date or timezone.localdate(), within=False,
                                 not_before=entry.entry_date)
        signed = -amount if entry.amount > 0 else amount
        _check_balance(ledger, signed)
        # the description is stored: always Vietnamese (and "Ủy ban MTTQ" keeps its capitals)
        label = (f"biên nhận số {campaign.receipt_label(entry.number)}" if entry.number
                 else f"{STORED_LABELS[entry.kind]} #{entry.pk}")
        reversal = Entry(campaign=campaign, kind=EntryKind.REVERSAL, flow=entry.flow, entry_date=entry_date,
                         amount=signed, method=entry.method, person_id=entry.person_id, unit_id=entry.unit_id,
                         contributor_name=entry.contributor_name, description=f"Điều chỉnh {label}",
                         reverses=entry, reason=reason, activity_id=entry.activity_id, created_by=_user(actor))
        reversal.save()
        _apply(ledger, [reversal])
        with translation.override("vi"):  # the note names the original entry by its (translated) kind
            audit.entry_reversed(reversal, actor=actor)
    return reversal


def _user(actor):
    return actor if actor is not None and getattr(actor, "pk", None) else None


# ------------------------------------------------------------------------------------------- checks


def recompute(campaign: Campaign) -> dict:
    """The totals summed from the entries themselves — what the kept balances must equal."""
    entries = Entry.objects.filter(campaign=campaign)
    by_flow = dict(entries.values_list("flow").annotate(s=Sum("amount")).values_list("flow", "s"))
    units = dict(entries.filter(flow=Flow.IN, unit__isnull=False).values_list("unit_id").annotate(
        s=Sum("amount")).values_list("unit_id", "s"))
    people = dict(entries.filter(flow=Flow.IN, person__isnull=False).values_list("person_id").annotate(
        s=Sum("amount")).values_list("person_id", "s"))
    return {
        "collected": by_flow.get(Flow.IN, 0) or 0,
        "handed_over": -(by_flow.get(Flow.HANDOVER, 0) or 0),
        "spent": -(by_flow.get(Flow.SPENDING, 0) or 0),
        "units": units,
        "people": people,
    }


def kept_totals(campaign: Campaign) -> dict:
    ledger = Ledger.objects.get(campaign=campaign)
    rows = list(Balance.objects.filter(campaign=campaign).values_list("unit_id", "person_id", "collected"))
    return {
        "collected": ledger.collected,
        "handed_over": ledger.handed_over,
        "spent": ledger.spent,
        "units": {u: c for u, p, c in rows if u is not None},
        "people": {p: c for u, p, c in rows if p is not None},
    }


def mismatches(campaign: Campaign) -> list[str]:
    """Differences between kept balances and the sums of entries (empty when all is right)."""
    want, have = recompute(campaign), kept_totals(campaign)
    problems = []
    for key in ("collected", "handed_over", "spent"):
        if want[key] != have[key]:
            problems.append(f"{key}: {have[key]} ≠ {want[key]}")
    for key in ("units", "people"):
        for ident in set(want[key]) | set(have[key]):
            if want[key].get(ident, 0) != have[key].get(ident, 0):
                problems.append(f"{key} {ident}: {have[key].get(ident, 0)} ≠ {want[key].get(ident, 0)}")
    return problems


def grouped_people(unit: OrgUnit) -> list[Person]:
    return list(Person.objects.filter(unit=unit, is_active=True).order_by("sort_key", "id"))


def balances_by_person(campaign: Campaign, person_ids: list[int]) -> dict[int, int]:
    out: dict[int, int] = defaultdict(int)
    for pid, collected in Balance.objects.filter(campaign=campaign, key__in=[f"p{i}" for i in person_ids]) \
            .values_list("person_id", "collected"):
        out[pid] = collected
    return out
