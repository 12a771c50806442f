"""The ledger of a campaign as XLSX, written row by row (openpyxl write-only mode over a database iterator), so
memory stays flat whatever the number of entries."""

from __future__ import annotations

import datetime as dt
from typing import IO

from django.db.models import QuerySet
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .enums import EntryKind, Flow, Method
from .models import Campaign, Entry

HEADERS = ["Số BN", "Ngày", "Loại", "Người / đơn vị ủng hộ", "Đơn vị", "Hình thức", "Nội dung", "Thu (đồng)",
           "Chi (đồng)", "Điều chỉnh bút toán", "Lý do điều chỉnh", "Thời điểm ghi"]
WIDTHS = [8, 12, 22, 32, 36, 16, 40, 16, 16, 12, 36, 18]
MONEY = "#,##0"
DATE = "DD/MM/YYYY"
CHUNK = 5000


def write_ledger(campaign: Campaign, entries: QuerySet[Entry], out: IO[bytes], *, totals=None) -> int:
    """Write the entries (in ledger order) to `out`; returns the number of entry rows."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Sổ quỹ")
    for i, width in enumerate(WIDTHS):
        sheet.column_dimensions[chr(ord("A") + i)].width = width
    bold = Font(bold=True)

    def cell(value, number_format=None, font=None):
        c = WriteOnlyCell(sheet, value=value)
        if number_format:
            c.number_format = number_format
        if font:
            c.font = font
        return c

    sheet.append([cell(f"SỔ QUỸ “VÌ NGƯỜI NGHÈO” — {campaign.name}".upper(), font=bold)])
    sheet.append([f"{campaign.agency.name}; từ {campaign.start_date:%d/%m/%Y} đến {campaign.end_date:%d/%m/%Y}"])
    if totals is not None:
        sheet.append(["Đã thu", cell(totals.collected, MONEY), "Đã bàn giao", cell(totals.handed_over, MONEY),
                      "Đã chi", cell(totals.spent, MONEY), "Số dư", cell(totals.balance, MONEY)])
    sheet.append([f"Xuất lúc {timezone.localtime():%H:%M %d/%m/%Y}"])
    sheet.append([cell(h, font=bold) for h in HEADERS])
    kinds = dict(EntryKind.choices)
    methods = dict(Method.choices)
    flows = dict(Flow.choices)
    rows = entries.order_by("id").values_list(
        "number", "entry_date", "kind", "flow", "contributor_name", "unit__name", "method", "description", "amount",
        "reverses_id", "reverses__number", "reason", "created_at")
    count = 0
    tz = timezone.get_current_timezone()
    for (number, day, kind, flow, name, unit, method, description, amount, rev_id, rev_number, reason,
         created) in rows.iterator(chunk_size=CHUNK):
        label = kinds[kind]
        if kind == EntryKind.REVERSAL:
            label = f"{label} ({flows[flow].lower()})"
        if isinstance(created, dt.datetime) and timezone.is_aware(created):
            created = created.astimezone(tz).replace(tzinfo=None)
        sheet.append([
            number, cell(day, DATE), label, name, unit or "", methods.get(method, ""), description,
            cell(amount, MONEY) if amount > 0 else None, cell(-amount, MONEY) if amount < 0 else None,
            (f"BN {rev_number}" if rev_number else f"#{rev_id}") if rev_id else "", reason,
            cell(created, "DD/MM/YYYY HH:MM"),
        ])
        count += 1
    workbook.save(out)
    return count
