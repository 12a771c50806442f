"""The consolidated list of a round's proposals (danh sách đề nghị khen thưởng, issue 9 §9): the nominations the
Office accepted and those the Council agreed, grouped by reward form in the forms' order, within a form the
collectives first, then the individuals and households, women first among equals (`Nomination.women_first`), then
by name in Vietnamese order (given name first: `Person.sort_key`).

The rows come only from `scoping.visible_nominations`: a unit head's list, page or export, holds his units' rows
and no other. The same rows make the page (a page at a time), the XLSX (openpyxl's write-only workbook, every cell
through `core.xlsx`) and the DOCX (Nghị định 30 layout with the list as a table)."""

from __future__ import annotations

import io
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.core import xlsx
from thidua.core.text import fold

from .eligibility_panel import BATCH as PANEL_BATCH
from .eligibility_panel import panels_for
from .enums import NominationStatus, RecipientKind
from .models import Nomination, ReviewRound
from .scoping import visible_nominations

#: the filter of the list by state: key → (label, states)
GROUPS: dict[str, tuple] = {
    "all": (_("Hồ sơ hợp lệ và Hội đồng thống nhất"), (
        NominationStatus.ACCEPTED, NominationStatus.ON_AGENDA, NominationStatus.AGREED_DECISION,
        NominationStatus.AGREED_PROVINCE)),
    "council": (_("Chờ Hội đồng xét"), (NominationStatus.ACCEPTED, NominationStatus.ON_AGENDA)),
    "agreed": (_("Hội đồng thống nhất"), (NominationStatus.AGREED_DECISION, NominationStatus.AGREED_PROVINCE)),
    "decision": (_("Trình Giám đốc quyết định"), (NominationStatus.AGREED_DECISION,)),
    "province": (_("Đề nghị cấp trên khen thưởng"), (NominationStatus.AGREED_PROVINCE,)),
}
DEFAULT_GROUP = "all"
HEADERS = ["STT", "Họ và tên / Tên tập thể", "Chức vụ", "Đơn vị", "Hình thức khen thưởng", "Thành tích tóm tắt",
           "Trạng thái", "Ưu tiên nữ", "Điều kiện"]
SUMMARY_CHARS = 300
_RECIPIENT_ORDER = Case(When(recipient=RecipientKind.COLLECTIVE, then=Value(0)),
                        When(recipient=RecipientKind.INDIVIDUAL, then=Value(1)),
                        default=Value(2), output_field=IntegerField())
_ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]


def roman(n: int) -> str:
    return _ROMAN[n - 1] if 0 < n <= len(_ROMAN) else str(n)


def selection(user, review_round: ReviewRound, group: str = DEFAULT_GROUP) -> QuerySet[Nomination]:
    """The round's nominations of the list, as far as the user may see them (no order, no joins for display)."""
    states = GROUPS.get(group, GROUPS[DEFAULT_GROUP])[1]
    return visible_nominations(user).filter(review_round=review_round, status__in=states)


def consolidated(user, review_round: ReviewRound, group: str = DEFAULT_GROUP) -> QuerySet[Nomination]:
    """The round's nominations in the list's order, as far as the user may see them."""
    return (selection(user, review_round, group)
            .select_related("unit", "unit__parent", "person", "household", "form")
            .only("id", "recipient", "status", "women_first", "achievement", "review_round_id", "unit__name",
                  "unit__kind", "unit__parent__name", "person__full_name", "person__position", "person__sort_key",
                  "household__head_name", "household__head_fold", "form__name", "form__sort_order")
            .annotate(recipient_rank=_RECIPIENT_ORDER,
                      name_order=Coalesce("person__sort_key", "household__head_fold", "unit__name_key"))
            .order_by("form__sort_order", "form__name", "form_id", "recipient_rank", "-women_first", "name_order",
                      "id"))


@dataclass
class FormGroup:
    number: int  # I, II, … in the list
    form_id: int
    name: str
    count: int
    start: int  # the index of its first row in the whole list

    @property
    def roman(self) -> str:
        return roman(self.number)


def form_groups(user, review_round: ReviewRound, group: str = DEFAULT_GROUP) -> list[FormGroup]:
    """One aggregate query: each form of the list with its number of rows, in the list's order (on the bare
    selection: the display's joins and sort keys would only slow the count)."""
    counts = (selection(user, review_round, group).order_by().values("form_id", "form__name", "form__sort_order")
              .annotate(n=Count("id")).order_by("form__sort_order", "form__name", "form_id"))
    out, start = [], 0
    for i, row in enumerate(counts, start=1):
        out.append(FormGroup(i, row["form_id"], row["form__name"], row["n"], start))
        start += row["n"]
    return out


# -- one row of the list ---------------------------------------------------------------------------------------------

def nominee(n: Nomination) -> str:
    if n.recipient == RecipientKind.INDIVIDUAL and n.person_id:
        return n.person.full_name
    if n.recipient == RecipientKind.HOUSEHOLD and n.household_id:
        return str(n.household)
    return n.unit.name


def position(n: Nomination) -> str:
    return n.person.position if n.recipient == RecipientKind.INDIVIDUAL and n.person_id else ""


def unit_name(n: Nomination) -> str:
    """The nominee's unit; for a collective, the unit it belongs to."""
    if n.recipient == RecipientKind.COLLECTIVE:
        return n.unit.parent.name if n.unit.parent_id else ""
    return n.unit.name


def summary(text: str, limit: int = SUMMARY_CHARS) -> str:
    text = " ".join((text or "").split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return f"{cut} …"


@dataclass
class Line:
    number: int  # STT within its form
    nomination: Nomination
    status: str  # the state's label

    @property
    def cells(self) -> list[str]:
        n = self.nomination
        return [str(self.number), nominee(n), position(n), unit_name(n), n.form.name, summary(n.achievement),
                self.status]


def lines(rows, groups: list[FormGroup], offset: int = 0):
    """(group or None, Line) per row from `offset` of the whole list: the group is given on its first row, and on
    the first row of a page that begins inside it."""
    if not groups:
        return
    index, g, fresh = offset, 0, True
    labels = {value: str(label) for value, label in NominationStatus.choices}  # translated once, not per row
    for n in rows:
        while g < len(groups) - 1 and index >= groups[g].start + groups[g].count:
            g, fresh = g + 1, True
        group = groups[g]
        yield (group if fresh else None), Line(index - group.start + 1, n, labels.get(n.status, n.status))
        fresh = False
        index += 1


# -- exports ---------------------------------------------------------------------------------------------------------

def _title(review_round: ReviewRound) -> str:
    return f"Danh sách đề nghị khen thưởng — {review_round.name}"


def export_filename(review_round: ReviewRound, ext: str) -> str:
    from django.utils.text import slugify

    return f"danh-sach-de-nghi-{slugify(fold(review_round.name)) or review_round.pk}.{ext}"


def write_xlsx(user, review_round: ReviewRound, group: str, out) -> int:
    """The whole list (not a page) as XLSX into the binary file `out`; returns the number of rows written."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    rows = consolidated(user, review_round, group)
    groups = form_groups(user, review_round, group)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh sách")
    bold = Font(bold=True)
    for width, letter in zip([6, 32, 22, 32, 28, 60, 26, 10, 20], "ABCDEFGHI", strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(xlsx.row(sheet, [xlsx.cell(sheet, _title(review_round).upper(), font=bold)]))
    sheet.append(xlsx.row(sheet, [f"{review_round.movement.agency.name}; {GROUPS[group][0]}; "
                                  f"xuất lúc {timezone.localtime():%H:%M %d/%m/%Y}"]))
    sheet.append(xlsx.row(sheet, [xlsx.cell(sheet, h, font=bold) for h in HEADERS]))
    written = 0
    batch: list = []

    def flush():
        # the "Điều kiện" column: a not-met or unknown rule, the same flag as the page's (eligibility_panel)
        panels = panels_for([line.nomination for _heading, line in batch])
        for heading, line in batch:
            if heading is not None:
                sheet.append(xlsx.row(sheet, [xlsx.cell(sheet, heading.roman, font=bold),
                                              xlsx.cell(sheet, f"{heading.name} ({heading.count})", font=bold)]))
            n = line.nomination
            panel = panels.get(n.pk)
            sheet.append(xlsx.row(sheet, [line.number, *line.cells[1:], "x" if n.women_first else "",
                                          panel.flag if panel is not None else ""]))
        batch.clear()

    for heading, line in lines(rows.iterator(chunk_size=2000), groups):
        batch.append((heading, line))
        written += 1
        if len(batch) >= PANEL_BATCH:
            flush()
    flush()
    workbook.save(out)
    return written


def xlsx_bytes(user, review_round: ReviewRound, group: str = DEFAULT_GROUP) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(user, review_round, group, buffer)
    return buffer.getvalue()


def admin_document(review_round: ReviewRound, total: int, group: str):
    """The list's Nghị định 30 frame (header, title, signing block); the table is added by `docx_bytes`."""
    from thidua.documents.nd30 import AdminDocument
    from thidua.movements.document import plan_symbol

    movement = review_round.movement
    agency = movement.agency
    issuing = movement.issuing_body or agency.name
    return AdminDocument(
        governing_body=movement.governing_body, issuing_body=issuing, number=f"/DS-{plan_symbol(movement)}",
        place=movement.plan_place or "", issued_on=None, doc_type="DANH SÁCH",
        title=f"Đề nghị khen thưởng {review_round.name}",
        intro=(f"Các tập thể, cá nhân được đề nghị khen thưởng ({str(GROUPS[group][0]).lower()}): "
               f"{total} trường hợp, theo từng hình thức khen thưởng như sau:"),
        recipients=["Hội đồng Thi đua - Khen thưởng", "Lưu: VT, VP (TĐKT)"],
        signer_title=movement.signer_title or "THỦ TRƯỞNG CƠ QUAN", signer_name=movement.signer_name or "")


#: 16 cm, the text width of the A4 page; the achievement (up to SUMMARY_CHARS characters) gets the widest column
DOCX_WIDTHS_CM = [1.2, 2.7, 1.7, 2.4, 2.1, 4.2, 1.7]


def docx_bytes(user, review_round: ReviewRound, group: str = DEFAULT_GROUP) -> bytes:
    """The whole list in the Nghị định 30 layout, the list itself as a bordered table between the opening
    paragraph and the signing block. The header, a form's heading row and a nominee's row are laid out once with
    python-docx; every further row is a copy of its model row with its texts put in (thousands of rows in seconds)."""
    from copy import deepcopy

    from django.utils import translation
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    from thidua.documents.nd30 import FONT, build_docx

    rows = consolidated(user, review_round, group)
    groups = form_groups(user, review_round, group)
    total = sum(g.count for g in groups)
    with translation.override("vi"):
        frame = build_docx(admin_document(review_round, total, group))
        document = Document(io.BytesIO(frame))
        table = document.add_table(rows=3, cols=len(DOCX_WIDTHS_CM))
        table.style = document.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False

        def fill(cells, texts, *, bold=False):
            for c, text in zip(cells, texts, strict=False):
                run = c.paragraphs[0].add_run(text)
                run.bold = bold
                run.font.size = Pt(11)
                run.font.name = FONT

        # the grid's columns (which LibreOffice and Word lay out by) and every cell get the same widths
        for i, column in enumerate(table.columns):
            column.width = Cm(DOCX_WIDTHS_CM[i])
        for row in table.rows:
            for i, c in enumerate(row.cells):
                c.width = Cm(DOCX_WIDTHS_CM[i])
        fill(table.rows[0].cells, HEADERS[:7], bold=True)
        heading_cells = table.rows[1].cells
        fill([heading_cells[0], heading_cells[1].merge(heading_cells[-1])], ["I", "—"], bold=True)
        fill(table.rows[2].cells, ["-"] * len(DOCX_WIDTHS_CM))  # each cell one run with one text, replaced below
        tbl = table._tbl
        heading_row, line_row = table.rows[1]._tr, table.rows[2]._tr
        tbl.remove(heading_row)
        tbl.remove(line_row)
        text_tag = qn("w:t")

        def add(model, texts):
            tr = deepcopy(model)
            for t, text in zip(tr.iter(text_tag), texts, strict=True):
                t.text = text
            tbl.append(tr)

        for heading, line in lines(rows.iterator(chunk_size=2000), groups):
            if heading is not None:
                add(heading_row, [heading.roman, f"{heading.name} ({heading.count})"])
            add(line_row, line.cells)
        if not groups:
            add(heading_row, ["", "Không có đề nghị nào."])
        foot = document.tables[-2]  # the recipients | signer block, the frame's last table
        foot._tbl.addprevious(tbl)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
