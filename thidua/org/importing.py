"""Staff import from XLSX or CSV: read, check every row, preview, then write all rows or none.

Reading never evaluates formulas (cached values only), normalises text to NFC, and converts names typed in the
legacy TCVN3 (.VnTime) or VNI encodings to Unicode, listing each conversion in the preview.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from thidua.core import jobs
from thidua.core.legacy_text import detect_legacy_encoding, fix_legacy_text, legacy_to_unicode
from thidua.core.models import AuditAction, AuditEvent
from thidua.core.text import fold, nfc, search_key, user_display_name

from .enums import EmploymentType, Gender
from .models import (
    Assignment,
    OrgUnit,
    Person,
    PersonNameKey,
    StaffImport,
    StaffImportStatus,
    name_keys_for,
    person_sort_key,
)

MAX_LISTED_ERRORS = 1000
MAX_LISTED_CONVERSIONS = 300


class ImportFileError(Exception):
    """The file as a whole cannot be read; the message is for the user, in Vietnamese."""


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool
    aliases: tuple[str, ...] = ()
    example: str = ""


COLUMNS: list[Column] = [
    Column("full_name", "Họ và tên", True, ("ho ten", "ho va ten", "ten", "full name", "name"), "Nguyễn Văn An"),
    Column("gender", "Giới tính", True, ("gioi tinh", "gioi", "gender"), "Nam"),
    Column("birth_date", "Ngày sinh", True, ("ngay sinh", "ngay thang nam sinh", "birth date", "dob"), "20/10/1985"),
    Column("unit", "Đơn vị", True, ("don vi", "phong ban", "phong", "don vi cong tac", "unit"), "Văn phòng Sở"),
    Column("position", "Chức vụ", False, ("chuc vu", "position"), "Chuyên viên"),
    Column("rank", "Ngạch", False, ("ngach", "ngach cong chuc", "rank"), "Chuyên viên"),
    Column("employment_type", "Loại cán bộ", True, ("loai can bo", "loai", "doi tuong", "employment type"), "Công chức"),
    Column("phone", "Điện thoại", False, ("dien thoai", "so dien thoai", "sdt", "phone"), "0912345678"),
    Column("email", "Thư điện tử", False, ("thu dien tu", "email", "e-mail", "thu dien tu (email)"), ""),
]
IGNORED_HEADERS = {"stt", "tt", "so tt", "so thu tu", "ghi chu"}

_GENDERS = {"nam": Gender.MALE, "male": Gender.MALE, "m": Gender.MALE, "nu": Gender.FEMALE, "female": Gender.FEMALE,
            "f": Gender.FEMALE}
_EMPLOYMENT = {fold(label): value for value, label in EmploymentType.choices}
_EMPLOYMENT.update({"cb": EmploymentType.CAN_BO, "cc": EmploymentType.CONG_CHUC, "vc": EmploymentType.VIEN_CHUC,
                    "nld": EmploymentType.NGUOI_LAO_DONG, "hop dong": EmploymentType.NGUOI_LAO_DONG,
                    "lao dong hop dong": EmploymentType.NGUOI_LAO_DONG})
_DATE_TEXT = re.compile(r"^\s*(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})\s*$")
_ISO_DATE = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})(?:[ T].*)?$")


def column_by_header(header: str) -> Column | None:
    key = fold(re.sub(r"[*():]", " ", str(header or "")))
    for column in COLUMNS:
        if key == fold(column.label) or key in column.aliases:
            return column
    return None


# --- reading ------------------------------------------------------------------------------------------------


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


def _read_xlsx(data: bytes) -> Iterator[list]:
    import openpyxl

    if not data.startswith(b"PK\x03\x04"):
        raise ImportFileError("Tệp không phải là bảng tính Excel (.xlsx) hợp lệ (có thể đã bị đổi đuôi tệp).")
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

    def rows() -> Iterator[list]:
        try:
            for row in sheet.iter_rows(values_only=True):
                yield list(row)
        finally:
            workbook.close()

    return rows()


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


# --- checking -----------------------------------------------------------------------------------------------


@dataclass
class CheckResult:
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

    def report(self, sample_size: int = 20) -> dict:
        sample = []
        for row in self.rows[:sample_size]:
            sample.append({
                **row,
                "birth_date": row["birth_date"].strftime("%d/%m/%Y") if row.get("birth_date") else "",
                "gender_label": str(Gender(row["gender"]).label),
                "employment_label": str(EmploymentType(row["employment_type"]).label),
            })
        return {
            "file_error": self.file_error,
            "errors": self.errors,
            "conversions": self.conversions[:MAX_LISTED_CONVERSIONS],
            "conversion_count": len(self.conversions),
            "sample": sample,
        }


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


class UnitResolver:
    """Finds a unit of the agency by its name, short name or code, accent- and case-insensitively."""

    def __init__(self, agency: OrgUnit):
        self.agency = agency
        self.by_key: dict[str, OrgUnit | None] = {}
        for unit in OrgUnit.objects.filter(path__startswith=agency.path, is_active=True).only(
            "id", "name", "short_name", "code", "path", "kind", "agency_id"
        ):
            for key in {fold(unit.name), fold(unit.short_name), fold(unit.code)} - {""}:
                # a key shared by two units is ambiguous
                self.by_key[key] = None if key in self.by_key and self.by_key[key] != unit else unit

    def find(self, text: str) -> tuple[OrgUnit | None, bool]:
        key = fold(text)
        if key not in self.by_key:
            return None, False
        unit = self.by_key[key]
        return unit, unit is None


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


def check_rows(
    rows: Iterator[list], agency: OrgUnit, progress: Callable[[int], None] | None = None,
    column_encodings: dict[int, str] | None = None,
) -> CheckResult:
    result = CheckResult()
    try:
        header = next(rows)
        while header is not None and not any(cell_text(c).strip() for c in header):
            header = next(rows)
    except StopIteration:
        result.file_error = "Tệp rỗng: không có dòng tiêu đề và dữ liệu."
        return result
    except ImportFileError as exc:
        result.file_error = str(exc)
        return result
    positions: dict[str, int] = {}
    unknown: list[str] = []
    for index, cell in enumerate(header):
        text = cell_text(cell).strip()
        if not text:
            continue
        column = column_by_header(text)
        if column is None:
            if fold(text) not in IGNORED_HEADERS:
                unknown.append(text)
        elif column.key in positions:
            result.file_error = f"Cột \u201c{column.label}\u201d xuất hiện hai lần trong dòng tiêu đề."
            return result
        else:
            positions[column.key] = index
    missing = [c.label for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        expected = ", ".join(c.label for c in COLUMNS)
        result.file_error = (
            f"Thiếu cột bắt buộc: {', '.join(missing)}. Dòng đầu tiên phải là tiêu đề với các cột: {expected}. "
            "Hãy tải mẫu tệp nhập để đối chiếu."
        )
        if unknown:
            result.file_error += f" Cột không nhận ra: {', '.join(unknown)}."
        return result

    units = UnitResolver(agency)
    existing: dict[tuple[str, dt.date | None], str] = {}
    for name_key, birth, unit_name in Person.objects.filter(unit__path__startswith=agency.path).values_list(
        "name_key", "birth_date", "unit__name"
    ):
        existing[(name_key.strip(), birth)] = unit_name
    seen: dict[tuple[str, dt.date | None], int] = {}
    today = timezone.localdate()
    labels = {c.key: c.label for c in COLUMNS}
    line = 1
    for raw in rows:
        line += 1
        cells = {key: raw[pos] if pos < len(raw) else None for key, pos in positions.items()}
        if not any(cell_text(v).strip() for v in cells.values()):
            continue
        result.total_rows += 1
        if progress and result.total_rows % 500 == 0:
            progress(result.total_rows)
        row_ok = True

        def err(key: str, message: str, _line=line) -> None:
            nonlocal row_ok
            row_ok = False
            result.add_error(_line, labels[key], message)

        texts = {}
        for key, value in cells.items():
            if key == "birth_date":
                continue
            text = cell_text(value)
            fixed, encoding = unicode_cell(text, (column_encodings or {}).get(positions[key]))
            if encoding:
                result.conversions.append(
                    {"row": line, "column": labels[key], "from": text, "to": fixed, "encoding": encoding.upper()}
                )
            texts[key] = nfc(fixed)

        full_name = texts.get("full_name", "")
        if not full_name:
            err("full_name", "Thiếu họ và tên.")
        elif len(full_name) > 150:
            err("full_name", "Họ và tên dài quá 150 ký tự.")
        gender = _GENDERS.get(fold(texts.get("gender", "")))
        if gender is None:
            err("gender", f"Giới tính \u201c{texts.get('gender', '')}\u201d không hợp lệ: ghi Nam hoặc Nữ.")
        birth = None
        raw_birth = cells.get("birth_date")
        try:
            birth = parse_date(raw_birth)
            if birth is None:
                err("birth_date", "Thiếu ngày sinh.")
            elif birth > today:
                err("birth_date", f"Ngày sinh {birth:%d/%m/%Y} ở tương lai.")
            elif birth.year < 1900:
                err("birth_date", f"Ngày sinh {birth:%d/%m/%Y} không hợp lệ.")
        except (ValueError, TypeError):
            err("birth_date", f"Ngày sinh \u201c{cell_text(raw_birth)}\u201d không đúng dạng ngày/tháng/năm (vd. 20/10/1985).")
        unit = None
        unit_text = texts.get("unit", "")
        if not unit_text:
            err("unit", "Thiếu đơn vị.")
        else:
            unit, ambiguous = units.find(unit_text)
            if ambiguous:
                err("unit", f"Tên đơn vị \u201c{unit_text}\u201d trùng với nhiều đơn vị: ghi tên đầy đủ hoặc mã.")
            elif unit is None:
                err("unit", f"Không tìm thấy đơn vị \u201c{unit_text}\u201d trong {agency.name}.")
        employment = _EMPLOYMENT.get(fold(texts.get("employment_type", "")))
        if employment is None:
            choices = ", ".join(str(label) for _, label in EmploymentType.choices)
            err("employment_type", f"Loại cán bộ \u201c{texts.get('employment_type', '')}\u201d không hợp lệ: ghi một trong {choices}.")
        email = texts.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                err("email", f"Địa chỉ thư điện tử \u201c{email}\u201d không hợp lệ.")
        for key, limit in (("position", 150), ("rank", 150), ("phone", 30)):
            if len(texts.get(key, "")) > limit:
                err(key, f"Dài quá {limit} ký tự.")
        if full_name and birth:
            key = (fold(full_name), birth)
            if key in seen:
                err("full_name", f"Trùng với dòng {seen[key]} (cùng họ tên và ngày sinh).")
            else:
                seen[key] = line
            if key in existing:
                err("full_name", f"Đã có trong hệ thống: {full_name}, sinh {birth:%d/%m/%Y}, thuộc {existing[key]}.")
        if row_ok:
            result.rows.append({
                "line": line, "full_name": full_name, "gender": gender, "birth_date": birth,
                "unit_id": unit.pk, "unit": unit.name, "position": texts.get("position", ""),
                "rank": texts.get("rank", ""), "employment_type": employment, "phone": texts.get("phone", ""),
                "email": email,
            })
    if result.total_rows == 0 and not result.file_error:
        result.file_error = "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."
    if progress:
        progress(result.total_rows)
    return result


def check_file(filename: str, data: bytes, agency: OrgUnit, progress=None) -> CheckResult:
    try:
        encodings = column_legacy_encodings(read_rows(filename, data))
        rows = read_rows(filename, data)
    except ImportFileError as exc:
        return CheckResult(file_error=str(exc))
    return check_rows(rows, agency, progress, column_encodings=encodings)


# --- writing ------------------------------------------------------------------------------------------------


def write_rows(rows: list[dict], agency: OrgUnit, *, actor, filename: str, batch_size: int = 2000) -> int:
    """Create every person of a clean check in one transaction, with unit history, search keys and audit rows.
    Written batch by batch so memory stays flat whatever the number of rows."""
    today = timezone.localdate()
    now = timezone.now()
    actor_name = user_display_name(actor)
    note = f"Nhập từ tệp {filename}"
    created = 0
    with transaction.atomic():
        for start in range(0, len(rows), batch_size):
            batch_rows = rows[start:start + batch_size]
            people = []
            for row in batch_rows:
                person = Person(
                    full_name=row["full_name"], gender=row["gender"], birth_date=row["birth_date"],
                    unit_id=row["unit_id"], position=row["position"], rank=row["rank"],
                    employment_type=row["employment_type"], phone=row["phone"], email=row["email"],
                )
                person.name_key = search_key(person.full_name)
                person.sort_key = person_sort_key(person.full_name)
                people.append(person)
            people = Person.objects.bulk_create(people)
            if any(p.pk is None for p in people):  # backends that do not return keys
                raise RuntimeError("database did not return primary keys")
            PersonNameKey.objects.bulk_create(name_keys_for(people))
            Assignment.objects.bulk_create(
                [Assignment(person_id=p.pk, unit_id=p.unit_id, position=p.position, start_date=today) for p in people]
            )
            AuditEvent.objects.bulk_create([
                AuditEvent(
                    actor=actor, actor_name=actor_name, action=AuditAction.CREATE, target_type="org.person",
                    target_id=str(p.pk), target_repr=p.full_name, agency_id=agency.pk, note=note,
                    changes={"full_name": [None, p.full_name], "unit": [None, row["unit"]],
                             "birth_date": [None, p.birth_date.strftime("%d/%m/%Y") if p.birth_date else None]},
                    search_key=search_key(f"{p.full_name} {actor_name} {note}"),
                )
                for p, row in zip(people, batch_rows, strict=True)
            ])
            created += len(people)
        AuditEvent.objects.bulk_create([
            AuditEvent(actor=actor, actor_name=actor_name, action=AuditAction.IMPORT, target_type="org.staffimport",
                       target_repr=f"Nhập {created} cán bộ từ {filename}", agency_id=agency.pk, note=note,
                       search_key=search_key(f"nhap can bo {filename} {actor_name}"), at=now)
        ])
    return created


# --- the workflow (upload → check job → preview → confirm → apply job) ----------------------------------------


def start_import(*, agency: OrgUnit, filename: str, data: bytes, user) -> StaffImport:
    check_size(len(data))
    with transaction.atomic():
        staff_import = StaffImport.objects.create(agency=agency, filename=filename[:255], content=data, created_by=user)
        job = jobs.enqueue(
            "org.staff_import.check", f"Kiểm tra tệp {filename}", params={"import_id": staff_import.pk}, user=user,
            agency_id=agency.pk,
        )
        StaffImport.objects.filter(pk=staff_import.pk).update(check_job=job)
    staff_import.refresh_from_db()
    return staff_import


def confirm_import(staff_import: StaffImport, *, user) -> StaffImport:
    with transaction.atomic():
        locked = StaffImport.objects.select_for_update().get(pk=staff_import.pk)
        if locked.status != StaffImportStatus.READY:
            raise ValidationError("Chỉ ghi được tệp đã kiểm tra xong và không có lỗi.")
        StaffImport.objects.filter(pk=locked.pk).update(status=StaffImportStatus.APPLYING)
        job = jobs.enqueue(
            "org.staff_import.apply", f"Ghi {locked.total_rows} cán bộ từ {locked.filename}",
            params={"import_id": locked.pk}, user=user, agency_id=locked.agency_id,
        )
        StaffImport.objects.filter(pk=locked.pk).update(apply_job=job)
    locked.refresh_from_db()
    return locked


def cancel_import(staff_import: StaffImport, *, user) -> StaffImport:
    updated = StaffImport.objects.filter(
        pk=staff_import.pk, status__in=[StaffImportStatus.READY, StaffImportStatus.INVALID]
    ).update(status=StaffImportStatus.CANCELLED, content=b"")
    if not updated:
        raise ValidationError("Không thể hủy lần nhập này ở trạng thái hiện tại.")
    staff_import.refresh_from_db()
    return staff_import


@jobs.handler("org.staff_import.check")
def _check_job(ctx: jobs.JobContext) -> dict:
    staff_import = StaffImport.objects.select_related("agency").get(pk=ctx.params["import_id"])
    ctx.progress(0, 0, "Đang đọc và kiểm tra từng dòng", force=True)
    result = check_file(staff_import.filename, bytes(staff_import.content), staff_import.agency,
                        progress=lambda n: ctx.progress(n, n, f"Đã kiểm tra {n} dòng"))
    staff_import.total_rows = result.total_rows
    staff_import.error_count = result.error_count + (1 if result.file_error else 0)
    staff_import.report = result.report()
    staff_import.status = StaffImportStatus.READY if result.ok else StaffImportStatus.INVALID
    staff_import.save(update_fields=["total_rows", "error_count", "report", "status"])
    return {"rows": result.total_rows, "errors": staff_import.error_count}


@jobs.handler("org.staff_import.apply")
def _apply_job(ctx: jobs.JobContext) -> dict:
    staff_import = StaffImport.objects.select_related("agency", "created_by").get(pk=ctx.params["import_id"])
    ctx.progress(0, staff_import.total_rows, "Đang kiểm tra lại tệp", force=True)
    result = check_file(staff_import.filename, bytes(staff_import.content), staff_import.agency)
    if not result.ok:
        # the data changed since the preview (e.g. someone added one of these people): write nothing
        staff_import.status = StaffImportStatus.INVALID
        staff_import.error_count = result.error_count + (1 if result.file_error else 0)
        staff_import.report = result.report()
        staff_import.save(update_fields=["status", "error_count", "report"])
        return {"created": 0, "errors": staff_import.error_count}
    ctx.progress(0, staff_import.total_rows, "Đang ghi dữ liệu (tất cả hoặc không dòng nào)", force=True)
    try:
        created = write_rows(result.rows, staff_import.agency, actor=staff_import.created_by,
                             filename=staff_import.filename)
    except Exception:
        StaffImport.objects.filter(pk=staff_import.pk).update(status=StaffImportStatus.FAILED)
        raise
    StaffImport.objects.filter(pk=staff_import.pk).update(
        status=StaffImportStatus.APPLIED, created_rows=created, content=b""
    )
    return {"created": created}


def template_workbook(agency: OrgUnit | None) -> bytes:
    """The downloadable template: the header row, one example row, and a sheet of valid values."""
    import openpyxl
    from openpyxl.styles import Font, PatternFill

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Cán bộ"
    sheet.append([c.label + (" *" if c.required else "") for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="DDEBF7")
    example = []
    for column in COLUMNS:
        example.append(dt.date(1985, 10, 20) if column.key == "birth_date" else column.example)
    sheet.append(example)
    sheet["C2"].number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEFGHI", (28, 10, 14, 40, 24, 22, 18, 14, 28), strict=True):
        sheet.column_dimensions[letter].width = width
    values = workbook.create_sheet("Giá trị hợp lệ")
    values.append(["Đơn vị", "Giới tính", "Loại cán bộ"])
    for cell in values[1]:
        cell.font = Font(bold=True)
    units = []
    if agency is not None:
        units = list(
            OrgUnit.objects.filter(path__startswith=agency.path, is_active=True)
            .exclude(pk=agency.pk).order_by("path").values_list("name", flat=True)
        )
    genders = [str(label) for _, label in Gender.choices]
    kinds = [str(label) for _, label in EmploymentType.choices]
    for i in range(max(len(units), len(genders), len(kinds))):
        values.append([
            units[i] if i < len(units) else None,
            genders[i] if i < len(genders) else None,
            kinds[i] if i < len(kinds) else None,
        ])
    values.column_dimensions["A"].width = 50
    values.column_dimensions["C"].width = 20
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
