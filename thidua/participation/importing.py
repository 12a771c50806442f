"""Household import from XLSX or CSV: read (with the staff import's reader), check every row, preview, then
write all rows or none. Text is NFC; TCVN3/VNI text is converted and listed; duplicates are found on the
accent-folded head name within a commune, in the file and against the registry; a commune outside the agency's
province is a row error."""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.core import jobs
from thidua.core.models import AuditAction, AuditEvent
from thidua.core.text import fold, nfc, search_key, user_display_name
from thidua.org.importing import (
    CheckResult,
    ImportFileError,
    cell_text,
    check_size,
    parse_date,
    read_rows,
    unicode_cell,
)
from thidua.org.models import OrgUnit, StaffImportStatus

from . import places
from .enums import Ethnicity, HouseholdCategory
from .models import (
    Household,
    HouseholdImport,
    HouseholdNameKey,
    HouseholdStatus,
    household_keys_for,
    normalise_household,
)

__all__ = ["ImportFileError", "check_file", "start_import", "confirm_import", "cancel_import", "template_workbook"]


@dataclass(frozen=True)
class Column:
    key: str
    label: str
    required: bool
    aliases: tuple[str, ...]
    example: object = ""


COLUMNS = [
    Column("head_name", "Họ tên chủ hộ", True, ("chu ho", "ten chu ho", "ho va ten chu ho", "ho ten"), "Nông Văn Páo"),
    Column("members", "Số nhân khẩu", True, ("nhan khau", "so khau", "so nguoi"), 5),
    Column("commune", "Xã, phường", True, ("xa", "phuong", "xa/phuong", "xa phuong", "xa, phuong, thi tran"),
           "Xã Quảng Lâm"),
    Column("village", "Thôn, xóm", False, ("thon", "xom", "thon/xom", "thon xom", "ban"), "Nà Lũng"),
    Column("ethnicity", "Dân tộc", False, ("dan toc",), "Mông"),
    Column("province", "Tỉnh", False, ("tinh", "tinh, thanh pho"), "Cao Bằng"),
    Column("year", "Năm phân loại", False, ("nam", "nam phan loai"), 2024),
    Column("category", "Phân loại hộ", False, ("phan loai", "loai ho", "phan loai ho"), "Hộ nghèo"),
    Column("classified_by", "Cơ quan phân loại", False, ("co quan phan loai", "noi phan loai"), "UBND xã Quảng Lâm"),
    Column("classified_on", "Ngày phân loại", False, ("ngay phan loai", "ngay quyet dinh"), dt.date(2024, 12, 20)),
    Column("note", "Ghi chú", False, ("ghi chu",), ""),
]
LABELS = {c.key: c.label for c in COLUMNS}
IGNORED = {"stt", "tt", "so tt", "so thu tu"}
_ETHNICITIES = {fold(label): value for value, label in Ethnicity.choices}
_ETHNICITIES.update({"h'mong": Ethnicity.MONG, "hmong": Ethnicity.MONG, "h mong": Ethnicity.MONG,
                     "meo": Ethnicity.MONG, "lolo": Ethnicity.LO_LO, "san chi": Ethnicity.SAN_CHAY,
                     "cao lan": Ethnicity.SAN_CHAY, "khac": Ethnicity.OTHER})
_CATEGORIES = {fold(label): value for value, label in HouseholdCategory.choices}
_CATEGORIES.update({"ngheo": HouseholdCategory.POOR, "can ngheo": HouseholdCategory.NEAR_POOR,
                    "moi thoat ngheo": HouseholdCategory.NEWLY_ESCAPED, "ho thoat ngheo": HouseholdCategory.ESCAPED,
                    "da thoat ngheo": HouseholdCategory.ESCAPED})


def _column(header: str) -> Column | None:
    key = fold(re.sub(r"[*():]", " ", header))
    return next((c for c in COLUMNS if key == fold(c.label) or key in c.aliases), None)


class HouseholdCheck(CheckResult):
    def report(self, sample_size: int = 20) -> dict:
        sample = [{
            "line": r["line"], "head_name": r["head_name"], "members": r["members"], "commune": r["commune_name"],
            "village": r["village"], "ethnicity": str(Ethnicity(r["ethnicity"]).label) if r["ethnicity"] else "",
            "category": f"{HouseholdCategory(r['category']).label} ({r['year']})" if r["category"] else "",
        } for r in self.rows[:sample_size]]
        return {"file_error": self.file_error, "errors": self.errors, "conversions": self.conversions[:300],
                "conversion_count": len(self.conversions), "sample": sample}


def _header(rows: Iterator[list], result: HouseholdCheck) -> dict[str, int] | None:
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
    unknown = []
    for index, cell in enumerate(header):
        text = cell_text(cell).strip()
        column = _column(text) if text else None
        if column is None:
            if text and fold(text) not in IGNORED:
                unknown.append(text)
        elif column.key in positions:
            result.file_error = f"Cột \u201c{column.label}\u201d xuất hiện hai lần trong dòng tiêu đề."
            return None
        else:
            positions[column.key] = index
    missing = [c.label for c in COLUMNS if c.required and c.key not in positions]
    if missing:
        result.file_error = (f"Thiếu cột bắt buộc: {', '.join(missing)}. Hãy tải mẫu tệp nhập để đối chiếu."
                             + (f" Cột không nhận ra: {', '.join(unknown)}." if unknown else ""))
        return None
    return positions


def check_rows(rows: Iterator[list], agency: OrgUnit, progress: Callable[[int], None] | None = None) -> HouseholdCheck:
    result = HouseholdCheck()
    positions = _header(rows, result)
    if positions is None:
        return result
    province_code = places.agency_province_code(agency)
    province = places.province_name(province_code)
    existing = {
        (head, code): commune for head, code, commune in
        Household.objects.filter(agency=agency).values_list("head_fold", "commune_code", "commune_name")
    }
    seen: dict[tuple[str, int], int] = {}
    this_year = timezone.localdate().year
    line = 1
    for raw in rows:
        line += 1
        cells = {key: raw[pos] if pos < len(raw) else None for key, pos in positions.items()}
        if not any(cell_text(v).strip() for v in cells.values()):
            continue
        result.total_rows += 1
        if progress and result.total_rows % 500 == 0:
            progress(result.total_rows)
        ok = True

        def err(key: str, message: str, _line=line) -> None:
            nonlocal ok
            ok = False
            result.add_error(_line, LABELS[key], message)

        texts = {}
        for key, value in cells.items():
            if key in ("classified_on",):
                continue
            text = cell_text(value)
            fixed, encoding = unicode_cell(text)
            if encoding:
                result.conversions.append({"row": line, "column": LABELS[key], "from": text, "to": fixed,
                                           "encoding": encoding.upper()})
            texts[key] = nfc(fixed)

        head = texts.get("head_name", "")
        if not head:
            err("head_name", "Thiếu họ tên chủ hộ.")
        elif len(head) > 150:
            err("head_name", "Họ tên chủ hộ dài quá 150 ký tự.")
        members = None
        members_text = texts.get("members", "")
        if not members_text:
            err("members", "Thiếu số nhân khẩu.")
        elif not members_text.isdigit() or not 1 <= int(members_text) <= 50:
            err("members", f"Số nhân khẩu \u201c{members_text}\u201d không hợp lệ: ghi số nguyên từ 1 đến 50.")
        else:
            members = int(members_text)
        province_text = texts.get("province", "")
        if province_text and places.province_code_by_name(province_text) != province_code:
            err("province", f"Hộ ở \u201c{province_text}\u201d, ngoài tỉnh {province}: chỉ nhận hộ trên địa bàn tỉnh {province}.")
        commune = None
        commune_text = texts.get("commune", "")
        if not commune_text:
            err("commune", "Thiếu xã, phường.")
        else:
            commune, reason = places.find_commune(commune_text, province_code)
            if commune is None:
                err("commune", reason)
        ethnicity = ""
        if texts.get("ethnicity"):
            ethnicity = _ETHNICITIES.get(fold(texts["ethnicity"]).removeprefix("dan toc "), None)
            if ethnicity is None:
                err("ethnicity", f"Dân tộc \u201c{texts['ethnicity']}\u201d không có trong danh mục: "
                                 + ", ".join(str(label) for _, label in Ethnicity.choices) + ".")
        if len(texts.get("village", "")) > 150:
            err("village", "Dài quá 150 ký tự.")
        category = year = classified_on = None
        category_text, year_text = texts.get("category", ""), texts.get("year", "")
        if category_text:
            category = _CATEGORIES.get(fold(category_text))
            if category is None:
                err("category", f"Phân loại \u201c{category_text}\u201d không hợp lệ: ghi "
                                + ", ".join(str(label) for _, label in HouseholdCategory.choices) + ".")
            if not year_text:
                err("year", "Có phân loại thì phải ghi năm phân loại.")
        if year_text:
            if not year_text.isdigit() or not 2000 <= int(year_text) <= this_year:
                err("year", f"Năm \u201c{year_text}\u201d không hợp lệ (từ 2000 đến {this_year}).")
            else:
                year = int(year_text)
            if not category_text:
                err("category", "Có năm phân loại thì phải ghi phân loại hộ.")
        raw_date = cells.get("classified_on")
        try:
            classified_on = parse_date(raw_date)
            if classified_on and classified_on > timezone.localdate():
                err("classified_on", f"Ngày phân loại {classified_on:%d/%m/%Y} ở tương lai.")
        except (ValueError, TypeError):
            err("classified_on", f"Ngày \u201c{cell_text(raw_date)}\u201d không đúng dạng ngày/tháng/năm.")
        if head and commune:
            key = (fold(head), commune.code)
            if key in seen:
                err("head_name", f"Trùng với dòng {seen[key]} (cùng tên chủ hộ, cùng {commune.name}).")
            else:
                seen[key] = line
            if key in existing:
                err("head_name", f"Đã có trong danh sách: hộ {head} ở {existing[key]}.")
        if ok:
            result.rows.append({
                "line": line, "head_name": head, "members": members, "province_code": commune.province_code,
                "commune_code": commune.code, "commune_name": commune.name, "village": texts.get("village", ""),
                "ethnicity": ethnicity, "note": texts.get("note", ""), "category": category, "year": year,
                "classified_by": texts.get("classified_by", "") or (f"UBND {commune.name}" if category else ""),
                "classified_on": classified_on or (dt.date(year, 12, 31) if year and year < this_year
                                                   else timezone.localdate()),
            })
    if result.total_rows == 0 and not result.file_error:
        result.file_error = "Tệp chỉ có dòng tiêu đề, không có dòng dữ liệu nào."
    return result


def check_file(filename: str, data: bytes, agency: OrgUnit, progress=None) -> HouseholdCheck:
    try:
        rows = read_rows(filename, data)
    except ImportFileError as exc:
        return HouseholdCheck(file_error=str(exc))
    return check_rows(rows, agency, progress)


def write_rows(rows: list[dict], agency: OrgUnit, *, actor, filename: str, batch_size: int = 2000) -> int:
    """Create every household of a clean check (with its classification) in one transaction, audited."""
    actor_name = user_display_name(actor)
    note = f"Nhập từ tệp {filename}"
    with transaction.atomic():
        households = []
        for row in rows:
            household = Household(
                agency=agency, head_name=row["head_name"], members=row["members"], province_code=row["province_code"],
                commune_code=row["commune_code"], commune_name=row["commune_name"], village=row["village"],
                ethnicity=row["ethnicity"], note=row["note"], category=row["category"] or "",
                category_year=row["year"] if row["category"] else None, created_by=actor,
            )
            normalise_household(household)
            households.append(household)
        created = []
        for start in range(0, len(households), batch_size):
            created.extend(Household.objects.bulk_create(households[start:start + batch_size]))
        if any(h.pk is None for h in created):
            raise RuntimeError("database did not return primary keys")
        HouseholdNameKey.objects.bulk_create(household_keys_for(created), batch_size=batch_size * 3)
        HouseholdStatus.objects.bulk_create([
            HouseholdStatus(household_id=h.pk, year=r["year"], category=r["category"],
                            classified_by=r["classified_by"], classified_on=r["classified_on"], recorded_by=actor)
            for h, r in zip(created, rows, strict=True) if r["category"]
        ], batch_size=batch_size)
        AuditEvent.objects.bulk_create([
            AuditEvent(actor=actor, actor_name=actor_name, action=AuditAction.CREATE,
                       target_type="participation.household", target_id=str(h.pk), target_repr=str(h),
                       agency_id=agency.pk, note=note,
                       changes={"head_name": [None, h.head_name], "commune_name": [None, h.commune_name]},
                       search_key=search_key(f"{h} {actor_name} {note}"))
            for h in created
        ], batch_size=batch_size)
        AuditEvent.objects.create(
            actor=actor, actor_name=actor_name, action=AuditAction.IMPORT, target_type="participation.householdimport",
            target_repr=f"Nhập {len(created)} hộ gia đình từ {filename}", agency_id=agency.pk, note=note,
            search_key=search_key(f"nhap ho gia dinh {filename} {actor_name}"))
    return len(created)


# --- the workflow (upload → check job → preview → confirm → apply job) -----------------------------------------


def start_import(*, agency: OrgUnit, filename: str, data: bytes, user) -> HouseholdImport:
    check_size(len(data))
    with transaction.atomic():
        imp = HouseholdImport.objects.create(agency=agency, filename=filename[:255], content=data, created_by=user)
        job = jobs.enqueue("participation.household_import.check", f"Kiểm tra tệp hộ gia đình {filename}",
                           params={"import_id": imp.pk}, user=user, agency_id=agency.pk)
        HouseholdImport.objects.filter(pk=imp.pk).update(check_job=job)
    imp.refresh_from_db()
    return imp


def confirm_import(imp: HouseholdImport, *, user) -> HouseholdImport:
    with transaction.atomic():
        locked = HouseholdImport.objects.select_for_update().get(pk=imp.pk)
        if locked.status != StaffImportStatus.READY:
            raise ValidationError("Chỉ ghi được tệp đã kiểm tra xong và không có lỗi.")
        HouseholdImport.objects.filter(pk=locked.pk).update(status=StaffImportStatus.APPLYING)
        job = jobs.enqueue("participation.household_import.apply", f"Ghi {locked.total_rows} hộ từ {locked.filename}",
                           params={"import_id": locked.pk}, user=user, agency_id=locked.agency_id)
        HouseholdImport.objects.filter(pk=locked.pk).update(apply_job=job)
    locked.refresh_from_db()
    return locked


def cancel_import(imp: HouseholdImport, *, user) -> HouseholdImport:
    if not HouseholdImport.objects.filter(
        pk=imp.pk, status__in=[StaffImportStatus.READY, StaffImportStatus.INVALID]
    ).update(status=StaffImportStatus.CANCELLED, content=b""):
        raise ValidationError("Không thể hủy lần nhập này ở trạng thái hiện tại.")
    imp.refresh_from_db()
    return imp


def _save_check(imp: HouseholdImport, result: HouseholdCheck, status: str) -> None:
    imp.total_rows = result.total_rows
    imp.error_count = result.error_count + (1 if result.file_error else 0)
    imp.report = result.report()
    imp.status = status
    imp.save(update_fields=["total_rows", "error_count", "report", "status"])


@jobs.handler("participation.household_import.check")
def _check_job(ctx: jobs.JobContext) -> dict:
    imp = HouseholdImport.objects.select_related("agency").get(pk=ctx.params["import_id"])
    ctx.progress(0, 0, "Đang đọc và kiểm tra từng dòng", force=True)
    result = check_file(imp.filename, bytes(imp.content), imp.agency,
                        progress=lambda n: ctx.progress(n, n, f"Đã kiểm tra {n} dòng"))
    _save_check(imp, result, StaffImportStatus.READY if result.ok else StaffImportStatus.INVALID)
    return {"rows": result.total_rows, "errors": imp.error_count}


@jobs.handler("participation.household_import.apply")
def _apply_job(ctx: jobs.JobContext) -> dict:
    imp = HouseholdImport.objects.select_related("agency", "created_by").get(pk=ctx.params["import_id"])
    result = check_file(imp.filename, bytes(imp.content), imp.agency)
    if not result.ok:  # the registry changed since the preview: write nothing
        _save_check(imp, result, StaffImportStatus.INVALID)
        return {"created": 0, "errors": imp.error_count}
    ctx.progress(0, imp.total_rows, "Đang ghi dữ liệu (tất cả hoặc không dòng nào)", force=True)
    try:
        created = write_rows(result.rows, imp.agency, actor=imp.created_by, filename=imp.filename)
    except Exception:
        HouseholdImport.objects.filter(pk=imp.pk).update(status=StaffImportStatus.FAILED)
        raise
    HouseholdImport.objects.filter(pk=imp.pk).update(status=StaffImportStatus.APPLIED, created_rows=created,
                                                     content=b"")
    return {"created": created}


def template_workbook(agency: OrgUnit | None) -> bytes:
    """Header, one example row, and a sheet with the valid communes, ethnicities and categories."""
    import openpyxl
    from openpyxl.styles import Font

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Hộ gia đình"
    sheet.append([c.label + (" *" if c.required else "") for c in COLUMNS])
    sheet.append([c.example for c in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.cell(row=2, column=len(COLUMNS) - 1).number_format = "DD/MM/YYYY"
    for index in range(1, len(COLUMNS) + 1):
        sheet.column_dimensions[openpyxl.utils.get_column_letter(index)].width = 20
    values = workbook.create_sheet("Giá trị hợp lệ")
    values.append(["Xã, phường", "Dân tộc", "Phân loại hộ"])
    code = places.agency_province_code(agency) if agency is not None else places.DEFAULT_PROVINCE_CODE
    communes = [c.name for c in places.communes_of(code)]
    ethnicities = [str(label) for _, label in Ethnicity.choices]
    categories = [str(label) for _, label in HouseholdCategory.choices]
    for i in range(max(len(communes), len(ethnicities), len(categories))):
        values.append([lst[i] if i < len(lst) else None for lst in (communes, ethnicities, categories)])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
