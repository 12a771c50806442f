"""What every spreadsheet import (staff, households) shares: reading an XLSX or CSV file, the header and the per-row
cell loop (text to NFC Unicode, TCVN3/VNI fonts converted and listed, errors collected by row and column), the
import batch model, the upload → check job → preview → confirm → apply job lifecycle, and the views' pieces.

An import kind supplies its columns (a `Table`), a `check_rows(rows, agency, progress, column_encodings)` that
walks `Table.data_rows`, a `write_rows(rows, agency, actor=, filename=)` that writes a clean check in one
transaction, and an `ImportFlow` tying them to its batch model and job names.

Reading never evaluates formulas (cached values only)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import audit, jobs
from .legacy_text import detect_legacy_encoding, fix_legacy_text, legacy_to_unicode
from .models import AuditAction, AuditEvent
from .text import fold, nfc, search_key, user_display_name
from .workflow import SYSTEM, Edge, Workflow

MAX_LISTED_ERRORS = 1000
MAX_LISTED_CONVERSIONS = 300
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the user, in Vietnamese."""


# --- the batch ------------------------------------------------------------------------------------------------


class ImportStatus(models.TextChoices):
    CHECKING = "checking", _("Đang kiểm tra")
    INVALID = "invalid", _("Có lỗi, chưa ghi")
    READY = "ready", _("Sẵn sàng ghi")
    APPLYING = "applying", _("Đang ghi")
    APPLIED = "applied", _("Đã ghi")
    FAILED = "failed", _("Thất bại")
    CANCELLED = "cancelled", _("Đã hủy")


#: the batch's workflow: the check job decides ready/invalid, the user confirms or cancels, the apply job writes
IMPORT_FLOW = Workflow(ImportStatus, [
    Edge(ImportStatus.CHECKING, ImportStatus.READY, by=SYSTEM),
    Edge(ImportStatus.CHECKING, ImportStatus.INVALID, by=SYSTEM),
    Edge(ImportStatus.CHECKING, ImportStatus.FAILED, by=SYSTEM),  # the check itself broke, or its process died
    Edge(ImportStatus.CHECKING, ImportStatus.CANCELLED, by=SYSTEM),  # its job was cancelled
    Edge(ImportStatus.READY, ImportStatus.APPLYING, style="btn-danger"),  # labelled by each kind's page
    Edge(ImportStatus.READY, ImportStatus.CANCELLED, _("Hủy lần nhập"), style="btn-link"),
    Edge(ImportStatus.INVALID, ImportStatus.CANCELLED, _("Hủy lần nhập"), style="btn-link"),
    Edge(ImportStatus.APPLYING, ImportStatus.APPLIED, by=SYSTEM),
    Edge(ImportStatus.APPLYING, ImportStatus.INVALID, by=SYSTEM),  # the data changed since the preview
    Edge(ImportStatus.APPLYING, ImportStatus.FAILED, by=SYSTEM),  # its process died (nothing was written)
    Edge(ImportStatus.APPLYING, ImportStatus.READY, by=SYSTEM),  # its job was cancelled before writing
], refused=_("Không thể chuyển lần nhập từ “%(current)s” sang “%(target)s”."))
OPEN_STATES = IMPORT_FLOW.open_states
FINAL_STATES = IMPORT_FLOW.final_states


def _status_labels(*statuses: str) -> list[str]:
    with translation.override("vi"):  # the audit log is always Vietnamese
        return [str(ImportStatus(status).label) for status in statuses]


class ImportBatch(models.Model):
    """An uploaded file: checked in the background, shown as a preview, written only when clean and confirmed."""

    #: what is imported, for the batch's name ("cán bộ", "hộ gia đình")
    subject = ""

    agency = models.ForeignKey("org.OrgUnit", verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(_("tệp"), max_length=255)
    content = models.BinaryField()
    status = models.CharField(_("trạng thái"), max_length=12, choices=ImportStatus.choices,
                              default=ImportStatus.CHECKING)
    total_rows = models.PositiveIntegerField(default=0)
    error_count = models.PositiveIntegerField(default=0)
    #: {"errors": [...], "conversions": [...], "sample": [...]} — the preview shown to the user
    report = models.JSONField(default=dict, blank=True)
    created_rows = models.PositiveIntegerField(default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    check_job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    apply_job = models.ForeignKey("core.Job", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        abstract = True
        ordering = ["-id"]

    def __str__(self) -> str:
        return f"Nhập {self.subject} từ {self.filename}"

    @property
    def audit_agency_id(self) -> int | None:
        return self.agency_id


# --- reading --------------------------------------------------------------------------------------------------


def _size_label(n: int) -> str:
    return f"{n / (1024 * 1024):.1f}".replace(".", ",") + " MB"


def check_size(size: int) -> None:
    limit = settings.IMPORT_MAX_BYTES
    if size > limit:
        raise ImportFileError(f"Tệp quá lớn ({_size_label(size)}); giới hạn là {limit // (1024 * 1024)} MB.")


def read_rows(filename: str, data: bytes) -> Iterator[list]:
    """Yield rows (lists of cell values), header first. Raises ImportFileError for an unreadable file."""
    if not data or not data.strip():
        raise ImportFileError("Tệp rỗng: không có dữ liệu để nhập.")
    check_size(len(data))
    name = (filename or "").lower()
    if name.endswith(".xls") and not data.startswith(b"PK"):
        raise ImportFileError("Tệp .xls (Excel 97-2003) không được hỗ trợ: hãy mở và lưu lại dưới dạng .xlsx.")
    if name.endswith((".xlsx", ".xlsm")) or data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if name.endswith((".csv", ".txt")):
        return _read_csv(data)
    raise ImportFileError("Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv).")


class SheetRow(list):
    """A row's cell values with its line number in the sheet (a sheet may leave rows out between two)."""

    __slots__ = ("line",)


#: cells beyond this column are not read (no import table is this wide; a stray cell at XFD costs nothing)
MAX_COLUMNS = 200
#: Excel's own limit for the text of one cell
MAX_CELL_CHARS = 32_767
#: an archive member that unpacks to more than this many times its packed size is a decompression bomb
MAX_RATIO = 100


def check_archive(data: bytes) -> None:
    """Refuse, before anything is parsed, an XLSX whose parts would unpack to more than the limits: each part
    and all of them together at most IMPORT_MAX_UNCOMPRESSED_BYTES, and no part (over 1 MB) packed more than
    MAX_RATIO times. The sizes are the archive's own; Python's zip reader stops at the size a part declares,
    so a part cannot unpack to more than it says."""
    limit = settings.IMPORT_MAX_UNCOMPRESSED_BYTES
    too_big = ImportFileError(
        "Tệp Excel có nội dung giải nén quá lớn (có thể là tệp độc hại hoặc hỏng), nên không được đọc. "
        f"Giới hạn sau khi giải nén là {limit // (1024 * 1024)} MB; hãy lưu lại tệp chỉ với dữ liệu cần nhập."
    )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportFileError("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng.") from exc
    if len(members) > 10_000:
        raise too_big
    total = 0
    for member in members:
        total += member.file_size
        if member.file_size > limit or total > limit:
            raise too_big
        if member.file_size > 1024 * 1024 and member.file_size > MAX_RATIO * max(member.compress_size, 1):
            raise too_big


def _read_xlsx(data: bytes) -> Iterator[list]:
    import openpyxl

    if not data.startswith(b"PK\x03\x04"):
        raise ImportFileError("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ (có thể đã bị đổi đuôi tệp).")
    check_archive(data)
    try:
        # data_only: formulas are read as the values Excel last saved, never evaluated here
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise ImportFileError("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ hoặc đã bị hỏng.") from exc
    except Exception as exc:  # openpyxl raises assorted errors on foreign zip files
        raise ImportFileError("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx.") from exc
    sheet = workbook.worksheets[0] if workbook.worksheets else None
    if sheet is None:
        raise ImportFileError("Tệp Excel không có trang tính nào.")
    return _sheet_rows(workbook, sheet)


def _sheet_rows(workbook, sheet) -> Iterator[SheetRow]:
    """The rows the sheet really has, each as wide as its last cell (at most MAX_COLUMNS), with its line
    number. openpyxl's own iteration pads every row to the sheet's declared dimension and yields every row
    missing in between, so a 6 KB file declaring A1:XFD1048576 would cost billions of empty cells."""
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        with workbook._archive.open(sheet._worksheet_path) as source:
            parser = WorkSheetParser(source, sheet._shared_strings, data_only=True, epoch=workbook.epoch,
                                     date_formats=workbook._date_formats,
                                     timedelta_formats=workbook._timedelta_formats)
            for line, cells in parser.parse():
                values = {}
                for cell in cells:
                    column, value = cell["column"], cell["value"]
                    if column > MAX_COLUMNS or value is None:
                        continue
                    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
                        raise ImportFileError(
                            f"Ô ở dòng {line}, cột {column} dài quá {MAX_CELL_CHARS} ký tự (giới hạn của Excel)."
                        )
                    values[column] = value
                row = SheetRow([None] * max(values, default=0))
                for column, value in values.items():
                    row[column - 1] = value
                row.line = line
                yield row
    except ImportFileError:
        raise
    except Exception as exc:  # a damaged sheet part: broken XML, a bad shared-string index
        raise ImportFileError("Không đọc được tệp Excel: tệp bị hỏng hoặc không đúng định dạng .xlsx.") from exc
    finally:
        workbook.close()


def _read_csv(data: bytes) -> Iterator[list]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        # legacy files: the bytes of TCVN3/VNI fonts read as Windows-1252; fix_legacy_text converts them later
        text = data.decode("cp1252", errors="replace")
    if "\x00" in text:
        raise ImportFileError("Tệp không phải là tệp văn bản CSV hợp lệ.")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return (list(row) for row in csv.reader(io.StringIO(text), dialect))


# --- cells ----------------------------------------------------------------------------------------------------

_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")


def cell_text(value) -> str:
    """A spreadsheet cell as text ("12.0" read as a number comes back as "12")."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value)


def unicode_cell(text: str, column_encoding: str | None = None) -> tuple[str, str | None]:
    """A cell's text in Unicode and the legacy encoding it was converted from (None when it was Unicode). With
    `column_encoding`, a cell ambiguous on its own ("Vò" is a Unicode word and TCVN3 for "Vũ") follows its
    column's font."""
    fixed, encoding = fix_legacy_text(text)
    if encoding is None and column_encoding and not text.isascii():
        converted = legacy_to_unicode(text, column_encoding)
        if converted != nfc(text):
            fixed, encoding = converted, column_encoding
    return fixed, encoding


def parse_date(value) -> dt.date | None:
    """Excel dates, "20/10/1985", "20-10-1985", "1985-10-20". Raises ValueError for anything else."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    match = _ISO_DATE.match(text)
    if match:
        year, month, day = (int(g) for g in match.groups())
        return dt.date(year, month, day)
    raise ValueError(text)


def column_legacy_encodings(rows: Iterator[list], sample: int = 300) -> dict[int, str]:
    """{column index: legacy encoding} for the columns whose first rows clearly use one (a column is typed in
    one font): at least three cells detected, nine in ten of them the same encoding."""
    counts: dict[int, dict[str, int]] = {}
    for index, row in enumerate(rows):
        if index > sample:
            break
        for column, value in enumerate(row):
            if isinstance(value, str) and not value.isascii():
                encoding = detect_legacy_encoding(value)
                if encoding:
                    per = counts.setdefault(column, {})
                    per[encoding] = per.get(encoding, 0) + 1
    result = {}
    for column, per in counts.items():
        encoding, n = max(per.items(), key=lambda item: item[1])
        if n >= 3 and n >= 0.9 * sum(per.values()):
            result[column] = encoding
    return result


# --- checking -------------------------------------------------------------------------------------------------


@dataclass
class CheckResult:
    """What checking a file found. A kind's subclass says how its rows show in the preview (`sample_row`)."""

    total_rows: int = 0
    errors: list[dict] = field(default_factory=list)
    error_count: int = 0
    conversions: list[dict] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    file_error: str = ""

    @property
    def ok(self) -> bool:
        return not self.file_error and self.error_count == 0 and self.total_rows > 0

    def add_error(self, row: int | None, column: str, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append({"row": row, "column": column, "message": message})

    def sample_row(self, row: dict) -> dict:
        return row

    def report(self, sample_size: int = 20) -> dict:
        return {
            "file_error": self.file_error,
            "errors": self.errors,
            "conversions": self.conversions[:MAX_LISTED_CONVERSIONS],
            "conversion_count": len(self.conversions),
            "sample": [self.sample_row(row) for row in self.rows[:sample_size]],
        }


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool
    aliases: tuple[str, ...] = ()
    example: object = ""
    #: read as a value (dates), not converted to Unicode text
    raw: bool = False


class Row:
    """One data row: its line number, raw cells and Unicode texts by column key; `error` marks it bad."""

    def __init__(self, line: int, cells: dict, texts: dict[str, str], result: CheckResult, labels: dict[str, str]):
        self.line, self.cells, self.texts = line, cells, texts
        self.ok = True
        self._result, self._labels = result, labels

    def error(self, key: str, message: str) -> None:
        self.ok = False
        self._result.add_error(self.line, self._labels[key], message)

    def text(self, key: str, *, required: str = "", limit: int = 0, too_long: str = "") -> str:
        """The column's text; an error when it is empty and `required` (the message), or longer than `limit`
        characters (`too_long`, by default "Dài quá N ký tự.")."""
        text = self.texts.get(key, "")
        if not text and required:
            self.error(key, required)
        elif limit and len(text) > limit:
            self.error(key, too_long or f"Dài quá {limit} ký tự.")
        return text


class Duplicates:
    """Finds the rows repeating a key: an earlier row of the file (an error on the row), or something already
    recorded (`existing`: key → what to name it by, returned for the caller's own message)."""

    def __init__(self, existing: dict):
        self.existing = existing
        self.seen: dict[object, int] = {}

    def check(self, row: Row, column: str, key, same: str):
        if key in self.seen:
            row.error(column, f"Trùng với dòng {self.seen[key]} ({same}).")
        else:
            self.seen[key] = row.line
        return self.existing.get(key)


@dataclass(frozen=True)
class Table:
    """The columns of an import file. `list_columns` names every expected column when a required one is missing."""

    columns: tuple[Column, ...]
    ignored_headers: frozenset[str] = frozenset()
    list_columns: bool = False

    @property
    def labels(self) -> dict[str, str]:
        return {c.key: c.label for c in self.columns}

    def column(self, header: str) -> Column | None:
        key = fold(re.sub(r"[*():]", " ", str(header or "")))
        return next((c for c in self.columns if key == fold(c.label) or key in c.aliases), None)

    def header(self, rows: Iterator[list], result: CheckResult) -> dict[str, int] | None:
        """{column key: position} from the first non-empty row, or None with `result.file_error` set."""
        try:
            header = next(rows)
            while not any(cell_text(c).strip() for c in header):
                header = next(rows)
        except StopIteration:
            result.file_error = "Tệp rỗng: không có dòng tiêu đề và dữ liệu."
            return None
        except ImportFileError as exc:
            result.file_error = str(exc)
            return None
        positions: dict[str, int] = {}
        unknown: list[str] = []
        for index, cell in enumerate(header):
            text = cell_text(cell).strip()
            if not text:
                continue
            column = self.column(text)
            if column is None:
                if fold(text) not in self.ignored_headers:
                    unknown.append(text)
            elif column.key in positions:
                result.file_error = f"Cột \u201c{column.label}\u201d xuất hiện hai lần trong dòng tiêu đề."
                return None
            else:
                positions[column.key] = index
        missing = [c.label for c in self.columns if c.required and c.key not in positions]
        if missing:
            result.file_error = f"Thiếu cột bắt buộc: {', '.join(missing)}. "
            if self.list_columns:
                expected = ", ".join(c.label for c in self.columns)
                result.file_error += f"Dòng đầu tiên phải là tiêu đề với các cột: {expected}. "
            result.file_error += "Hãy tải mẫu tệp nhập để đối chiếu."
            if unknown:
                result.file_error += f" Cột không nhận ra: {', '.join(unknown)}."
            return None
        return positions

    def data_rows(
        self, rows: Iterator[list], positions: dict[str, int], result: CheckResult,
        progress: Callable[[int], None] | None = None, column_encodings: dict[int, str] | None = None,
    ) -> Iterator[Row]:
        """The non-empty rows after the header, their text cells in NFC Unicode: legacy TCVN3/VNI text (a cell
        alone, or following its column's encoding) converted and listed in `result.conversions`. Counts the rows,
        reports progress, and refuses a file without data rows."""
        labels = self.labels
        raw_keys = {c.key for c in self.columns if c.raw}
        encodings = column_encodings or {}
        line = 1
        for raw in rows:
            line = getattr(raw, "line", line + 1)
            cells = {key: raw[pos] if pos < len(raw) else None for key, pos in positions.items()}
            if not any(cell_text(v).strip() for v in cells.values()):
                continue
            result.total_rows += 1
            if progress and result.total_rows % 500 == 0:
                progress(result.total_rows)
            texts = {}
            for key, value in cells.items():
                if key in raw_keys:
                    continue
                text = cell_text(value)
                fixed, encoding = unicode_cell(text, encodings.get(positions[key]))
                if encoding:
                    result.conversions.append(
                        {"row": line, "column": labels[key], "from": text, "to": fixed, "encoding": encoding.upper()}
                    )
                texts[key] = nfc(fixed)
            yield Row(line, cells, texts, result, labels)
        if result.total_rows == 0 and not result.file_error:
            result.file_error = "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."
        if progress:
            progress(result.total_rows)


def check_upload(filename: str, data: bytes, agency, *, table: Table, result_class: type[CheckResult],
                 check_rows: Callable[[Iterator[Row], CheckResult, object], None], progress=None) -> CheckResult:
    """Check a file: read it once for each column's legacy encoding, then read its header and hand its data rows
    (see `Table.data_rows`) to the kind's `check_rows(rows, result, agency)`, which records the valid ones in
    `result.rows` and the errors with `Row.error`."""
    result = result_class()
    try:
        encodings = column_legacy_encodings(read_rows(filename, data))
        rows = read_rows(filename, data)
    except ImportFileError as exc:
        result.file_error = str(exc)
        return result
    positions = table.header(rows, result)
    if positions is not None:
        check_rows(table.data_rows(rows, positions, result, progress, encodings), result, agency)
    return result


# --- the downloadable template -------------------------------------------------------------------------------


def template_workbook(title: str, columns, values: dict[str, list[str]], *, widths: tuple[int, ...] = (),
                      header_fill: str = "", value_widths: dict[str, int] | None = None,
                      extra_sheets: dict[str, tuple[list[str], list[list], tuple[int, ...]]] | None = None) -> bytes:
    """A template to fill: the header row (required columns starred), one example row (dates as dates), a
    sheet "Giá trị hợp lệ" listing each heading's valid values in a column, and any `extra_sheets`
    (title → (headings, rows, column widths)), e.g. the units with their codes."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter

    from . import xlsx

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append([c.label + (" *" if c.required else "") for c in columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        if header_fill:
            cell.fill = PatternFill("solid", fgColor=header_fill)
    sheet.append(xlsx.row(sheet, [c.example for c in columns]))
    for index, column in enumerate(columns, start=1):
        if isinstance(column.example, dt.date):
            sheet.cell(row=2, column=index).number_format = "DD/MM/YYYY"
        sheet.column_dimensions[get_column_letter(index)].width = widths[index - 1] if widths else 20
    sheet_of_values = workbook.create_sheet("Giá trị hợp lệ")
    sheet_of_values.append(xlsx.row(sheet_of_values, list(values)))
    for cell in sheet_of_values[1]:
        cell.font = Font(bold=True)
    lists = list(values.values())
    for i in range(max(map(len, lists), default=0)):
        sheet_of_values.append(xlsx.row(sheet_of_values, [lst[i] if i < len(lst) else None for lst in lists]))
    for letter, width in (value_widths or {}).items():
        sheet_of_values.column_dimensions[letter].width = width
    for sheet_title, (headings, rows, sheet_widths) in (extra_sheets or {}).items():
        extra = workbook.create_sheet(sheet_title)
        extra.append(headings)
        for cell in extra[1]:
            cell.font = Font(bold=True)
        for row in rows:
            extra.append(row)
        for index, width in enumerate(sheet_widths, start=1):
            extra.column_dimensions[get_column_letter(index)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- writing --------------------------------------------------------------------------------------------------


def audit_import(*, actor, agency, target_type: str, summary: str, key: str, filename: str) -> AuditEvent:
    """The one audit row of a written import (each written object has its own CREATE row)."""
    actor_name = user_display_name(actor)
    return AuditEvent.objects.create(
        actor=actor, actor_name=actor_name, action=AuditAction.IMPORT, target_type=target_type,
        target_repr=summary, agency_id=agency.pk, note=import_note(filename),
        search_key=search_key(f"{audit.action_label(AuditAction.IMPORT)} {summary} {key} {filename} {actor_name}"),
    )


def import_note(filename: str) -> str:
    return f"Nhập từ tệp {filename}"


# --- the lifecycle (upload → check job → preview → confirm → apply job) ---------------------------------------


class ImportFlow:
    """One kind of import: its batch model, checker and writer, and its two background jobs
    ("<job_kind>.check", "<job_kind>.apply"), registered on creation. Titles are formatted with the batch's
    `filename` and `rows` (its total rows). With `by_user`, `check_file` is also given `user=` (the batch's
    uploader), for a kind whose rows depend on who imports them (a unit head imports his own unit's rows only)."""

    def __init__(self, *, model: type[ImportBatch], job_kind: str, check_file: Callable[..., CheckResult],
                 write_rows: Callable[..., int], check_title: str, apply_title: str, by_user: bool = False):
        self.model = model
        self.by_user = by_user
        self.job_kind = job_kind
        self.check_file = check_file
        self.write_rows = write_rows
        self.check_title = check_title
        self.apply_title = apply_title
        # both may run again after their process died: checking writes only its result, and applying checks
        # the file again and writes all rows in one transaction
        jobs.handler(f"{job_kind}.check", retry=True, on_abandoned=self._job_abandoned)(self._check_job)
        jobs.handler(f"{job_kind}.apply", retry=True, on_abandoned=self._job_abandoned)(self._apply_job)

    def start(self, *, agency, filename: str, data: bytes, user) -> ImportBatch:
        check_size(len(data))
        model = self.model
        with transaction.atomic():
            batch = model.objects.create(agency=agency, filename=filename[:255], content=data, created_by=user)
            job = jobs.enqueue(f"{self.job_kind}.check", self.check_title.format(filename=filename, rows=0),
                               params={"import_id": batch.pk}, user=user, agency_id=agency.pk)
            model.objects.filter(pk=batch.pk).update(check_job=job)
        batch.refresh_from_db()
        return batch

    def confirm(self, batch: ImportBatch, *, user) -> ImportBatch:
        model = self.model
        with transaction.atomic():
            locked = model.objects.select_for_update().get(pk=batch.pk)
            self.move(locked, ImportStatus.APPLYING, actor=user, note="Xác nhận ghi tệp đã kiểm tra",
                      refused="Chỉ ghi được tệp đã kiểm tra xong và không có lỗi.")
            job = jobs.enqueue(f"{self.job_kind}.apply",
                               self.apply_title.format(filename=locked.filename, rows=locked.total_rows),
                               params={"import_id": locked.pk}, user=user, agency_id=locked.agency_id)
            model.objects.filter(pk=locked.pk).update(apply_job=job)
        locked.refresh_from_db()
        return locked

    def cancel(self, batch: ImportBatch, *, user) -> ImportBatch:
        with transaction.atomic():
            self.move(batch, ImportStatus.CANCELLED, actor=user, note="Hủy lần nhập; không có dữ liệu nào được ghi",
                      refused="Không thể hủy lần nhập này ở trạng thái hiện tại.", content=b"")
        return batch

    def _job_abandoned(self, job) -> None:
        """A check or apply job ended failed after its process died, or was cancelled: nothing was written, so
        the batch is failed (the page shows the job's message), or after a cancelled apply ready again; through
        `move`, audited with the job's message."""
        from .models import JobStatus

        applying = job.kind.endswith(".apply")
        if job.status == JobStatus.CANCELLED:
            to = ImportStatus.READY if applying else ImportStatus.CANCELLED
        else:
            to = ImportStatus.FAILED
        was = ImportStatus.APPLYING if applying else ImportStatus.CHECKING
        batch = self.model.objects.filter(pk=job.params.get("import_id"), status=was).first()
        if batch is None:
            return
        try:
            self.move(batch, to)
        except ValidationError:  # moved meanwhile
            return
        audit.record(AuditAction.UPDATE, batch, actor=None, note=job.error,
                     changes={"status": _status_labels(was, to)})

    def move(self, batch: ImportBatch, to_state: str, *, actor=None, note: str = "", refused: str = "",
             **fields) -> ImportBatch:
        """The one writer of a batch's status: the edge must be in IMPORT_FLOW, and the batch still in the state
        it was read in (one conditional UPDATE, so of two concurrent moves only one happens). `fields` are written
        with the status. A user's move (confirm, cancel) is audited; the jobs' moves are not (their job is)."""
        source = batch.status
        IMPORT_FLOW.edge(source, to_state, actor=actor, obj=batch, refused=refused)
        if not self.model.objects.filter(pk=batch.pk, status=source).update(status=to_state, **fields):
            raise ValidationError(refused or IMPORT_FLOW.refused % {
                "current": IMPORT_FLOW.label(source), "target": IMPORT_FLOW.label(to_state)})
        batch.status = to_state
        for name, value in fields.items():
            setattr(batch, name, value)
        if actor is not None:
            audit.record(AuditAction.UPDATE, batch, actor=actor, note=note,
                         changes={"status": _status_labels(source, to_state)})
        return batch

    def _user(self, batch: ImportBatch) -> dict:
        return {"user": batch.created_by} if self.by_user else {}

    def _save_check(self, batch: ImportBatch, result: CheckResult, status: str) -> None:
        self.move(batch, status, total_rows=result.total_rows,
                  error_count=result.error_count + (1 if result.file_error else 0), report=result.report())

    def _check_job(self, ctx: jobs.JobContext) -> dict:
        batch = self.model.objects.select_related("agency", "created_by").get(pk=ctx.params["import_id"])
        ctx.progress(0, 0, "Đang đọc và kiểm tra từng dòng", force=True)
        try:
            result = self.check_file(batch.filename, bytes(batch.content), batch.agency,
                                     progress=lambda n: ctx.progress(n, n, f"Đã kiểm tra {n} dòng"),
                                     **self._user(batch))
        except Exception:
            self.move(batch, ImportStatus.FAILED)  # the job's page says why
            raise
        self._save_check(batch, result, ImportStatus.READY if result.ok else ImportStatus.INVALID)
        return {"rows": result.total_rows, "errors": batch.error_count}

    def _apply_job(self, ctx: jobs.JobContext) -> dict:
        model = self.model
        batch = model.objects.select_related("agency", "created_by").get(pk=ctx.params["import_id"])
        ctx.progress(0, batch.total_rows, "Đang kiểm tra lại tệp", force=True)
        try:
            result = self.check_file(batch.filename, bytes(batch.content), batch.agency, **self._user(batch))
        except Exception:
            self.move(batch, ImportStatus.FAILED)
            raise
        if not result.ok:
            # the data changed since the preview (e.g. someone added one of these rows): write nothing
            self._save_check(batch, result, ImportStatus.INVALID)
            return {"created": 0, "errors": batch.error_count}
        ctx.progress(0, batch.total_rows, "Đang ghi dữ liệu (tất cả hoặc không dòng nào)", force=True)
        try:
            created = self.write_rows(result.rows, batch.agency, actor=batch.created_by, filename=batch.filename)
        except Exception:
            self.move(batch, ImportStatus.FAILED)
            raise
        self.move(batch, ImportStatus.APPLIED, created_rows=created, content=b"")
        return {"created": created}


# --- views' pieces (each app keeps its own URLs, access rules and templates) --------------------------------------


def visible_batch(model: type[ImportBatch], agencies, pk: int) -> ImportBatch:
    """A batch of one of `agencies` (a 404 otherwise), without its file."""
    return get_object_or_404(
        model.objects.filter(agency__in=agencies).select_related("agency", "check_job", "apply_job").defer("content"),
        pk=pk,
    )


def recent_batches(model: type[ImportBatch], agencies, limit: int = 10):
    return model.objects.filter(agency__in=agencies).select_related("agency", "created_by").defer("content")[:limit]


def upload(request, form, flow: ImportFlow) -> ImportBatch | None:
    """Start an import from a posted, valid upload form; None when there is none (or the file is refused, the
    reason then shown on the form)."""
    if request.method != "POST" or not form.is_valid():
        return None
    file = form.cleaned_data["file"]
    try:
        return flow.start(agency=form.cleaned_data["agency"], filename=file.name, data=file.read(),
                          user=request.user)
    except ImportFileError as exc:
        form.add_error("file", str(exc))
        return None


def xlsx_download(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type=XLSX_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def detail_page(request, batch: ImportBatch, template: str) -> HttpResponse:
    """The preview page; polled by htmx, the progress while the job runs, then a refresh of the whole page."""
    job = batch.apply_job or batch.check_job
    context = {"imp": batch, "job": job, "report": batch.report or {},
               # the buttons the table offers in the batch's state: {"applying": edge, "cancelled": edge}
               "moves": {edge.target: edge for edge in IMPORT_FLOW.buttons(batch, request.user)}}
    if request.headers.get("HX-Request"):
        if job and not job.finished:
            return render(request, "core/_import_progress.html", context)
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return render(request, template, context)


def confirm_and_redirect(request, flow: ImportFlow, batch: ImportBatch, to: str, **kwargs):
    try:
        flow.confirm(batch, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(to, **kwargs)


def cancel_and_redirect(request, flow: ImportFlow, batch: ImportBatch, to: str):
    try:
        flow.cancel(batch, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.info(request, gettext("Đã hủy lần nhập; không có dữ liệu nào được ghi."))
    return redirect(to)
