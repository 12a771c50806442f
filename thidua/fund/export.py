"""The ledger of a campaign as XLSX, written row by row (openpyxl write-only mode over a database iterator), so
memory stays flat whatever the number of entries."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import IO

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone, translation
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.styles import Font

from thidua.core import exports, jobs, xlsx
from thidua.core.text import fold

from .enums import EntryKind, Flow, Method
from .models import Campaign, Entry

HEADERS = ["Số BN", "Ngày", "Loại", "Người / đơn vị ủng hộ", "Đơn vị", "Hình thức", "Nội dung", "Thu (đồng)",
           "Chi (đồng)", "Điều chỉnh bút toán", "Lý do điều chỉnh", "Thời điểm ghi", "Hoạt động được chi"]
WIDTHS = [16, 12, 22, 32, 36, 16, 40, 16, 16, 12, 36, 18, 48]
MONEY = "#,##0"
DATE = "DD/MM/YYYY"
CHUNK = 5000


def write_ledger(campaign: Campaign, entries: QuerySet[Entry], out: IO[bytes], *, totals=None,
                 progress: Callable[[int], None] | None = None) -> int:
    """Write the entries (in ledger order) to `out`; returns the number of entry rows. `progress(done)` is
    called every CHUNK rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ quỹ")
    for i, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    bold = Font(bold=True)

    def cell(value, number_format=None, font=None):
        return xlsx.cell(sheet, value, number_format=number_format, font=font)

    sheet.append(xlsx.row(sheet, [cell(f"SỔ QUỸ “VÌ NGƯỜI NGHÈO” — {campaign.name}".upper(), font=bold)]))
    sheet.append(xlsx.row(sheet, [f"{campaign.agency.name}; từ {campaign.start_date:%d/%m/%Y} đến {campaign.end_date:%d/%m/%Y}"]))
    if totals is not None:
        sheet.append(xlsx.row(sheet, ["Đã thu", cell(totals.collected, MONEY), "Đã bàn giao", cell(totals.handed_over, MONEY),
                      "Đã chi", cell(totals.spent, MONEY), "Số dư", cell(totals.balance, MONEY)]))
    sheet.append(xlsx.row(sheet, [f"Xuất lúc {timezone.localtime():%H:%M %d/%m/%Y}"]))
    sheet.append(xlsx.row(sheet, [cell(h, font=bold) for h in HEADERS]))
    with translation.override("vi"):  # the ledger workbook is a Vietnamese document (and openpyxl wants str)
        kinds = {value: str(label) for value, label in EntryKind.choices}
        methods = {value: str(label) for value, label in Method.choices}
        flows = {value: str(label) for value, label in Flow.choices}
    label = campaign.receipt_label
    rows = entries.order_by("id").values_list(
        "number", "entry_date", "kind", "flow", "contributor_name", "unit__name", "method", "description", "amount",
        "reverses_id", "reverses__number", "reason", "created_at", "activity__title", "activity__held_on")
    count = 0
    tz = timezone.get_current_timezone()
    for (number, day, kind, flow, name, unit, method, description, amount, rev_id, rev_number, reason,
         created, activity_title, activity_day) in rows.iterator(chunk_size=CHUNK):
        kind_label = kinds[kind]
        if kind == EntryKind.REVERSAL:
            kind_label = f"{kind_label} ({flows[flow].lower()})"
        if isinstance(created, dt.datetime) and timezone.is_aware(created):
            created = created.astimezone(tz).replace(tzinfo=None)
        sheet.append(xlsx.row(sheet, [
            label(number) or None, cell(day, DATE), kind_label, name, unit or "", methods.get(method, ""), description,
            cell(amount, MONEY) if amount > 0 else None, cell(-amount, MONEY) if amount < 0 else None,
            (label(rev_number) if rev_number else f"#{rev_id}") if rev_id else "", reason,
            cell(created, "DD/MM/YYYY HH:MM"),
            f"{activity_day:%d/%m/%Y} – {activity_title}" if activity_title else "",
        ]))
        count += 1
        if progress is not None and count % CHUNK == 0:
            progress(count)
    workbook.save(out)
    return count


# ------------------------------------------------------------------------------------------- background job

EXPORT_KIND = "fund.export"
EXPORT_DIR = f"{exports.ROOT}/fund"


def export_filename(campaign: Campaign) -> str:
    """"Tháng cao điểm Vì người nghèo 2023" -> "so-quy-thang-cao-diem-vi-nguoi-ngheo-2023.xlsx": slugify drops a
    letter it cannot decompose (đ), so the name is accent-folded first (đ -> d)."""
    return f"so-quy-{slugify(fold(campaign.name)) or campaign.pk}.xlsx"


def start_export(campaign: Campaign, user) -> jobs.Job:
    """Queue the export of what `user` sees of the campaign's ledger (in tests the job runs at once); files of
    earlier exports past their retention are swept first."""
    exports.purge_expired()
    return jobs.enqueue(EXPORT_KIND, f"Xuất sổ quỹ: {campaign.name}",
                        params={"campaign_id": campaign.pk, "user_id": user.pk}, user=user,
                        agency_id=campaign.agency_id)


@jobs.handler(EXPORT_KIND, retry=True)  # it writes its file from scratch (into .part, renamed at the end)
def run_export(ctx: jobs.JobContext) -> dict:
    """Write the XLSX under MEDIA_ROOT/exports/fund/<job id>.xlsx, streamed (write-only workbook over a database
    iterator, into a temporary file renamed at the end), reporting progress every CHUNK rows."""
    from . import rules

    user = get_user_model().objects.get(pk=ctx.params["user_id"])
    campaign = rules.visible_campaigns(user).select_related("agency", "ledger").get(pk=ctx.params["campaign_id"])
    reads_all = rules.reads_all(user, campaign)
    totals = campaign.ledger if reads_all else None
    total = campaign.ledger.entry_count if reads_all else None  # the kept counter: no COUNT over the ledger
    ctx.progress(0, total, "Đang ghi sổ quỹ ra tệp XLSX…", force=True)
    relative = f"{EXPORT_DIR}/{ctx.job.pk}.xlsx"
    target = Path(settings.MEDIA_ROOT) / relative
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".part")
    with open(partial, "wb") as out:
        rows = write_ledger(campaign, rules.visible_entries(user, campaign), out, totals=totals,
                            progress=lambda done: ctx.progress(done, total, "Đang ghi sổ quỹ ra tệp XLSX…"))
    os.replace(partial, target)
    ctx.progress(rows, rows, "Đã xuất xong.", force=True)
    return {"path": relative, "rows": rows, "filename": export_filename(campaign), "campaign_id": campaign.pk}
