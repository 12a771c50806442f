"""Staff import from XLSX or CSV: check every row, preview, then write all rows or none.

Reading, the per-cell conversion to NFC Unicode (names typed in the legacy TCVN3 (.VnTime) or VNI encodings,
listed in the preview) and the upload → check → confirm → apply lifecycle are thidua.core.importflow's; this
module says which columns a staff file has, what a valid row is, and how the people are written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from thidua.core import audit, importflow
from thidua.core.importflow import CheckResult, Column, ImportFileError, Row, Table, check_size
from thidua.core.models import AuditAction, AuditEvent
from thidua.core.text import fold, search_key, user_display_name

from .enums import EmploymentType, Gender
from .models import (
    Assignment,
    OrgUnit,
    Person,
    PersonNameKey,
    StaffImport,
    identity_key,
    name_keys_for,
    person_sort_key,
)
from .phones import normalise_phone
from .services import birth_date_error

# read by the upload form, the views and the import_staff command
__all__ = ["COLUMNS", "ImportFileError", "check_file", "check_size", "write_rows", "start_import", "confirm_import",
           "cancel_import", "template_workbook", "FLOW"]

COLUMNS: tuple[Column, ...] = (
    Column("full_name", "Họ và tên", True, ("ho ten", "ho va ten", "ten", "full name", "name"), "Nguyễn Văn An"),
    Column("gender", "Giới tính", True, ("gioi tinh", "gioi", "gender"), "Nam"),
    Column("birth_date", "Ngày sinh", True, ("ngay sinh", "ngay thang nam sinh", "birth date", "dob"),
           dt.date(1985, 10, 20), raw=True),
    Column("unit", "Đơn vị", True, ("don vi", "phong ban", "phong", "don vi cong tac", "unit"), "Văn phòng Sở"),
    Column("position", "Chức vụ", False, ("chuc vu", "position"), "Chuyên viên"),
    Column("rank", "Ngạch", False, ("ngach", "ngach cong chuc", "rank"), "Chuyên viên"),
    Column("employment_type", "Loại cán bộ", True, ("loai can bo", "loai", "doi tuong", "employment type"), "Công chức"),
    Column("phone", "Điện thoại", False, ("dien thoai", "so dien thoai", "sdt", "phone"), "0912345678"),
    Column("email", "Thư điện tử", False, ("thu dien tu", "email", "e-mail", "thu dien tu (email)"), ""),
)
TABLE = Table(COLUMNS, frozenset({"stt", "tt", "so tt", "so thu tu", "ghi chu"}), list_columns=True)

#: the values a file may give, each an unambiguous name of one choice; anything else is flagged on its row, never
#: mapped by guess ("Hợp đồng" may be a labour contract or a contract under Nghị định 111/2022: the Office says)
_GENDERS = {"nam": Gender.MALE, "male": Gender.MALE, "nu": Gender.FEMALE, "female": Gender.FEMALE}
_EMPLOYMENT = {fold(label): value for value, label in EmploymentType.choices}
_EMPLOYMENT.update({"cb": EmploymentType.CAN_BO, "cc": EmploymentType.CONG_CHUC, "vc": EmploymentType.VIEN_CHUC,
                    "nld": EmploymentType.NGUOI_LAO_DONG})


class StaffCheck(CheckResult):
    def sample_row(self, row: dict) -> dict:
        return {
            **row,
            "birth_date": row["birth_date"].strftime("%d/%m/%Y") if row.get("birth_date") else "",
            "gender_label": str(Gender(row["gender"]).label),
            "employment_label": str(EmploymentType(row["employment_type"]).label),
        }


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


def check_rows(rows: Iterator[Row], result: StaffCheck, agency: OrgUnit) -> None:
    units = UnitResolver(agency)
    existing: dict[tuple[str, dt.date | None], str] = {}
    for name_key, birth, unit_name in Person.objects.filter(unit__path__startswith=agency.path).values_list(
        "name_key", "birth_date", "unit__name"
    ):
        existing[identity_key(name_key, birth)] = unit_name
    duplicates = importflow.Duplicates(existing)
    today = timezone.localdate()
    for row in rows:
        line, cells, texts, err = row.line, row.cells, row.texts, row.error
        full_name = row.text("full_name", required="Thiếu họ và tên.", limit=150,
                             too_long="Họ và tên dài quá 150 ký tự.")
        gender = _GENDERS.get(fold(texts.get("gender", "")))
        if gender is None:
            err("gender", f"Giới tính \u201c{texts.get('gender', '')}\u201d không hợp lệ: ghi Nam hoặc Nữ.")
        birth = None
        raw_birth = cells.get("birth_date")
        try:
            birth = importflow.parse_date(raw_birth)
            if birth is None:
                err("birth_date", "Thiếu ngày sinh.")
            elif birth > today:
                err("birth_date", f"Ngày sinh {birth:%d/%m/%Y} ở tương lai.")
            elif birth.year < 1900:
                err("birth_date", f"Ngày sinh {birth:%d/%m/%Y} không hợp lệ.")
            elif (message := birth_date_error(birth, today)) is not None:
                err("birth_date", message)
        except (ValueError, TypeError):
            err("birth_date", f"Ngày sinh \u201c{importflow.cell_text(raw_birth)}\u201d không đúng dạng ngày/tháng/năm (vd. 20/10/1985).")
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
            given = texts.get("employment_type", "")
            err("employment_type", f"Loại cán bộ \u201c{given}\u201d không có trong danh mục: ghi một trong {choices}"
                                   + (" (người làm hợp đồng lao động ghi \u201cNgười lao động\u201d)."
                                      if "hop dong" in fold(given) else "."))
        phone = texts.get("phone", "")
        if phone:
            try:
                phone = normalise_phone(phone)
            except ValueError as exc:
                err("phone", str(exc))
        email = texts.get("email", "")
        if email:
            try:
                validate_email(email)
            except ValidationError:
                err("email", f"Địa chỉ thư điện tử \u201c{email}\u201d không hợp lệ.")
        for key, limit in (("position", 150), ("rank", 150)):
            row.text(key, limit=limit)
        if full_name and birth:
            recorded_in = duplicates.check(row, "full_name", identity_key(full_name, birth), "cùng họ tên và ngày sinh")
            if recorded_in is not None:
                err("full_name", f"Đã có trong hệ thống: {full_name}, sinh {birth:%d/%m/%Y}, thuộc {recorded_in}.")
        if row.ok:
            result.rows.append({
                "line": line, "full_name": full_name, "gender": gender, "birth_date": birth,
                "unit_id": unit.pk, "unit": unit.name, "position": texts.get("position", ""),
                "rank": texts.get("rank", ""), "employment_type": employment, "phone": phone,
                "email": email,
            })


def check_file(filename: str, data: bytes, agency: OrgUnit, progress=None) -> StaffCheck:
    return importflow.check_upload(filename, data, agency, table=TABLE, result_class=StaffCheck,
                                   check_rows=check_rows, progress=progress)


# --- writing ------------------------------------------------------------------------------------------------


def write_rows(rows: list[dict], agency: OrgUnit, *, actor, filename: str, batch_size: int = 2000) -> int:
    """Create every person of a clean check in one transaction, with unit history, search keys and audit rows.
    Written batch by batch so memory stays flat whatever the number of rows."""
    today = timezone.localdate()
    actor_name = user_display_name(actor)
    note = importflow.import_note(filename)
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
            events = []
            for p, row in zip(people, batch_rows, strict=True):
                changes = {"full_name": [None, p.full_name], "unit": [None, row["unit"]],
                           "birth_date": [None, p.birth_date.strftime("%d/%m/%Y") if p.birth_date else None]}
                events.append(AuditEvent(
                    actor=actor, actor_name=actor_name, action=AuditAction.CREATE, target_type="org.person",
                    target_id=str(p.pk), target_repr=p.full_name, agency_id=agency.pk, note=note, changes=changes,
                    search_key=audit.search_text(AuditAction.CREATE, p.full_name, actor_name, note, changes),
                ))
            AuditEvent.objects.bulk_create(events)
            created += len(people)
        importflow.audit_import(actor=actor, agency=agency, target_type="org.staffimport",
                     summary=f"Nhập {created} cán bộ từ {filename}", key="nhap can bo", filename=filename)
    return created


# --- the workflow (upload → check job → preview → confirm → apply job) ----------------------------------------

FLOW = importflow.ImportFlow(model=StaffImport, job_kind="org.staff_import", check_file=check_file, write_rows=write_rows,
                  check_title="Kiểm tra tệp {filename}", apply_title="Ghi {rows} cán bộ từ {filename}")
start_import, confirm_import, cancel_import = FLOW.start, FLOW.confirm, FLOW.cancel


UNITS_SHEET = "Danh sách đơn vị"


def template_workbook(agency: OrgUnit | None) -> bytes:
    """The downloadable template: the header row, one example row, a sheet of valid values, and a sheet of the
    agency's units with their short names and codes (the column "Đơn vị" takes any of the three; two units of one
    name need the code)."""
    units = []
    if agency is not None:
        units = list(
            OrgUnit.objects.filter(path__startswith=agency.path, is_active=True)
            .exclude(pk=agency.pk).select_related("parent").order_by("path")
        )
    names = [fold(u.name) for u in units]
    unit_rows = [
        [unit.name, unit.short_name, unit.code, unit.parent.name if unit.parent_id else "",
         "Trùng tên: ghi mã" if names.count(fold(unit.name)) > 1 else ""]
        for unit in units
    ]
    return importflow.template_workbook("Cán bộ", COLUMNS, {
        "Đơn vị": [u.name for u in units],
        "Giới tính": [str(label) for _, label in Gender.choices],
        "Loại cán bộ": [str(label) for _, label in EmploymentType.choices],
    }, widths=(28, 10, 14, 40, 24, 22, 18, 14, 28), header_fill="DDEBF7", value_widths={"A": 50, "C": 20},
        extra_sheets={UNITS_SHEET: (["Tên đơn vị", "Tên viết tắt", "Mã", "Thuộc", "Ghi chú"], unit_rows,
                                    (50, 18, 14, 40, 18))})
