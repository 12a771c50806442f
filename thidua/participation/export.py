"""XLSX export of activity lists: openpyxl write-only, rows read in chunks, the file streamed from disk. The
sheet opens with a line naming the filters, then the header (frozen, with an autofilter), the rows and a total."""

from __future__ import annotations

import tempfile

from django.db.models import QuerySet
from django.http import FileResponse
from django.utils import translation
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from thidua.core import xlsx

from .enums import ActivityKind
from .models import Activity

HEADER = ["STT", "Ngày", "Hình thức", "Tên hoạt động", "Cơ quan", "Đơn vị tổ chức", "Xã, phường",
          "Nội dung phong trào", "Số hộ được hỗ trợ", "Số học sinh được hỗ trợ", "Số người tham gia",
          "Tiền mặt (đồng)", "Hiện vật (đồng)", "Tổng giá trị (đồng)", "Số minh chứng", "Mô tả"]
MONEY_FORMAT = "#,##0"
HEADER_ROW = 2  # below the line naming the filters


def _choice_label(field, value) -> str:
    """The label of `value` among a choice field's choices (optgroups flattened, the depth indent dropped)."""
    for key, label in field.choices:
        if isinstance(label, (list, tuple)):
            for sub_key, sub_label in label:
                if str(sub_key) == str(value):
                    return str(sub_label).strip("\u2003 ")
        elif str(key) == str(value):
            return str(label).strip("\u2003 ")
    return str(value)


def describe_filters(form, filters: dict, household=None) -> str:
    """The first line of the file: which filters produced it ("Lọc: xã Quảng Lâm; nội dung b; năm 2024"), in
    Vietnamese like the rest of the workbook. `household`: the filtered household if the user may see it."""
    from thidua.movements.models import PlanItem

    parts = []
    with translation.override("vi"):
        if filters.get("q"):
            parts.append(f"tên có \u201c{filters['q']}\u201d")
        if filters.get("kind"):
            parts.append(f"hình thức {_choice_label(form.fields['kind'], filters['kind']).lower()}")
        if filters.get("unit"):
            parts.append(f"đơn vị {_choice_label(form.fields['unit'], filters['unit'])}")
        if filters.get("commune"):
            name = _choice_label(form.fields["commune"], filters["commune"])
            parts.append(name[:1].lower() + name[1:])
        if filters.get("item"):
            item = PlanItem.objects.filter(pk=filters["item"]).select_related("movement").first()
            parts.append(f"nội dung {item.label} ({item.movement.name})" if item else f"nội dung #{filters['item']}")
        if filters.get("household"):
            parts.append(f"hộ {household.head_name}" if household else f"hộ #{filters['household']}")
        if filters.get("year"):
            parts.append(f"năm {filters['year']}")
        if filters.get("date_from"):
            parts.append(f"từ ngày {filters['date_from']:%d/%m/%Y}")
        if filters.get("date_to"):
            parts.append(f"đến ngày {filters['date_to']:%d/%m/%Y}")
    return "Lọc: " + "; ".join(parts) if parts else "Không lọc"


def write_activities(qs: QuerySet[Activity], stream, filters_line: str = "Không lọc") -> int:
    """The sheet: the filters line, the header (frozen, with an autofilter), one row per activity, a total row."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Hoạt động hỗ trợ")
    for index, width in enumerate((6, 12, 28, 48, 30, 36, 22, 16, 10, 10, 10, 16, 16, 16, 10, 60)):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    sheet.freeze_panes = f"A{HEADER_ROW + 1}"  # written with the sheet's top, before the first row
    bold = Font(bold=True)
    note = xlsx.cell(sheet, filters_line)
    note.font = Font(italic=True)
    sheet.append([note])
    header = []
    for label in HEADER:
        cell = xlsx.cell(sheet, label)
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
    sums = [0, 0, 0]
    for n, activity in enumerate(rows.iterator(chunk_size=2000), start=1):
        money = []
        for i, value in enumerate((activity.cash_value, activity.in_kind_value, activity.total_value)):
            sums[i] += value or 0
            cell = xlsx.cell(sheet, value)
            cell.number_format = MONEY_FORMAT
            money.append(cell)
        date = xlsx.cell(sheet, activity.held_on)
        date.number_format = "DD/MM/YYYY"
        sheet.append(xlsx.row(sheet, [
            n, date, kinds.get(activity.kind, activity.kind), activity.title, activity.agency.name,
            "; ".join(u.name for u in activity.units.all()), activity.commune_name,
            ", ".join(i.label for i in activity.content_items.all()), activity.n_households, activity.n_students,
            activity.n_people, *money, activity.n_evidence, activity.description,
        ]))
    last = get_column_letter(len(HEADER))
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last}{HEADER_ROW + n}"  # written with the sheet's tail
    total = []
    for value in sums:
        cell = xlsx.cell(sheet, value)
        cell.number_format = MONEY_FORMAT
        cell.font = bold
        total.append(cell)
    label = xlsx.cell(sheet, f"Tổng cộng ({n} hoạt động)")
    label.font = bold
    money_at = HEADER.index("Tiền mặt (đồng)")
    sheet.append([None, None, None, label, *[None] * (money_at - 4), *total])
    workbook.save(stream)
    return n


def activities_response(qs: QuerySet[Activity], filename: str, filters_line: str = "Không lọc") -> FileResponse:
    stream = tempfile.TemporaryFile()
    write_activities(qs, stream, filters_line)
    stream.seek(0)
    return FileResponse(
        stream, as_attachment=True, filename=filename,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
