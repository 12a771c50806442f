"""Named audit constructors of the fund (built on thidua.core.audit)."""

from __future__ import annotations

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.money import format_money

CAMPAIGN_FIELDS = ["name", "agency", "movement", "start_date", "end_date", "fund_holder", "status"]
ENTRY_FIELDS = ["kind", "number", "entry_date", "amount", "method", "contributor_name", "description", "reason"]


def campaign_created(campaign, *, actor):
    return audit.created(campaign, CAMPAIGN_FIELDS, actor=actor)


def campaign_changed(campaign, before: dict, *, actor):
    return audit.changed(campaign, before, actor=actor)


def campaign_moved(campaign, before: dict, *, actor, reason: str = ""):
    return audit.changed(campaign, before, actor=actor, note=reason, action=AuditAction.MOVE)


#: logged only when set (a spending that names the activity it paid for, and its reversals)
ACTIVITY_FIELD = "activity"


def _fields(entry) -> list[str]:
    return [*ENTRY_FIELDS, ACTIVITY_FIELD] if entry.activity_id else ENTRY_FIELDS


def entry_recorded(entry, *, actor, note: str = ""):
    """A contribution, handover or spending written to the ledger."""
    return audit.created(entry, _fields(entry), actor=actor, note=note)


def entry_reversed(reversal, *, actor):
    original = reversal.reverses
    return audit.created(
        reversal, _fields(reversal), actor=actor,
        note=f"Điều chỉnh “{original}” bớt {format_money(abs(reversal.amount))}: {reversal.reason}",
    )


def bulk_recorded(campaign, unit, entries, *, actor):
    """One row for the whole form, then one per entry (so each receipt has its own history)."""
    total = sum(e.amount for e in entries)
    numbers = (f"{campaign.receipt_label(entries[0].number)}–{campaign.receipt_label(entries[-1].number)}"
               if entries else "")
    audit.record(AuditAction.IMPORT, campaign, actor=actor,
                 note=f"Nhập ủng hộ 01 ngày lương của {unit.name}: {len(entries)} người, "
                      f"{format_money(total)}, biên nhận số {numbers}.")
    for entry in entries:
        entry_recorded(entry, actor=actor, note="Nhập theo danh sách đơn vị")
