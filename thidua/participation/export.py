"""XLSX export of activity lists: openpyxl write-only, rows read in chunks, the file streamed from disk."""

from __future__ import annotations

import tempfile

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import translation
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from .enums import ActivityKind
from .models import Activity

HEADER = ["STT", "Ngày", "Hình thức", "Tên hoạt động", "Cơ quan", "Đơn vị tổ chức", "Xã, phường",
          "Nội dung phong trào", "Số hộ được hỗ trợ", "Số học sinh được hỗ trợ", "Số người tham gia",
          "Tiền mặt (đồng)", "Hiện vật (đồng)", "Tổng giá trị (đồng)", "Số minh chứng", "Mô tả"]
MONEY_FORMAT = "#,##0"


def write_activities(qs: QuerySet[Activity], stream) -> int:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hoạt động hỗ trợ")
    for index, width in enumerate((6, 12, 28, 48, 30, 36, 22, 16, 10, 10, 10, 16, 16, 16, 10, 60)):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    bold = Font(bold=True)
    header = []
    for label in HEADER:
        cell = WriteOnlyCell(sheet, value=label)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    with translation.override("vi"):  # the workbook is a Vietnamese document, whatever the page's language
        kinds = {value: str(label) for value, label in ActivityKind.choices}
    rows = (
        qs.select_related("agency")
        .prefetch_related("units", "content_items")
        .annotate_counts()
        .order_by("-held_on", "-id")
    )
    n = 0
    for n, activity in enumerate(rows.iterator(chunk_size=2000), start=1):
        money = []
        for value in (activity.cash_value, activity.in_kind_value, activity.total_value):
            cell = WriteOnlyCell(sheet, value=value)
            cell.number_format = MONEY_FORMAT
            money.append(cell)
        date = WriteOnlyCell(sheet, value=activity.held_on)
        date.number_format = "DD/MM/YYYY"
        sheet.append([
            n, date, kinds.get(activity.kind, activity.kind), activity.title, activity.agency.name,
            "; ".join(u.name for u in activity.units.all()), activity.commune_name,
            ", ".join(i.label for i in activity.content_items.all()), activity.n_households, activity.n_students,
            activity.n_people, *money, activity.n_evidence, activity.description,
        ])
    workbook.save(stream)
    return n


def activities_response(qs: QuerySet[Activity], filename: str) -> FileResponse:
    stream = tempfile.TemporaryFile()
    write_activities(qs, stream)
    stream.seek(0)
    return FileResponse(
        stream, as_attachment=True, filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
