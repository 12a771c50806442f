"""Household import from XLSX or CSV (read, converted and run by thidua.core.importflow, like the staff import):
check every row, preview, then write all rows or none. Text is NFC; TCVN3/VNI text is converted and listed, a
cell ambiguous on its own following its column's encoding; duplicates are found on the accent-folded head name
within a commune, in the file and against the registry; a commune outside the agency's province is a row error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.db import transaction
from django.utils import timezone, translation

from thidua.core import importflow
from thidua.core.db import int_param
from thidua.core.importflow import CheckResult, Column, ImportFileError, Row, Table, cell_text, parse_date
from thidua.core.models import AuditAction, AuditEvent
from thidua.core.text import fold, search_key, user_display_name
from thidua.org.models import OrgUnit

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

__all__ = ["COLUMNS", "ImportFileError", "check_file", "write_rows", "start_import", "confirm_import",
           "cancel_import", "template_workbook", "FLOW"]

COLUMNS = (
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
    Column("classified_on", "Ngày phân loại", False, ("ngay phan loai", "ngay quyet dinh"), dt.date(2024, 12, 20),
           raw=True),
    Column("note", "Ghi chú", False, ("ghi chu",), ""),
)
TABLE = Table(COLUMNS, frozenset({"stt", "tt", "so tt", "so thu tu"}))
# the file is written in Vietnamese whatever the language of the page that uploaded it (and jobs have none)
with translation.override("vi"):
    ETHNICITY_NAMES = [(value, str(label)) for value, label in Ethnicity.choices]
    CATEGORY_NAMES = [(value, str(label)) for value, label in HouseholdCategory.choices]
_ETHNICITIES = {fold(label): value for value, label in ETHNICITY_NAMES}
_ETHNICITIES.update({"h'mong": Ethnicity.MONG, "hmong": Ethnicity.MONG, "h mong": Ethnicity.MONG,
                     "meo": Ethnicity.MONG, "lolo": Ethnicity.LO_LO, "san chi": Ethnicity.SAN_CHAY,
                     "cao lan": Ethnicity.SAN_CHAY, "khac": Ethnicity.OTHER})
_CATEGORIES = {fold(label): value for value, label in CATEGORY_NAMES}
_CATEGORIES.update({"ngheo": HouseholdCategory.POOR, "can ngheo": HouseholdCategory.NEAR_POOR,
                    "moi thoat ngheo": HouseholdCategory.NEWLY_ESCAPED, "ho thoat ngheo": HouseholdCategory.ESCAPED,
                    "da thoat ngheo": HouseholdCategory.ESCAPED})


class HouseholdCheck(CheckResult):
    def sample_row(self, r: dict) -> dict:
        return {
            "line": r["line"], "head_name": r["head_name"], "members": r["members"], "commune": r["commune_name"],
            "village": r["village"], "ethnicity": str(Ethnicity(r["ethnicity"]).label) if r["ethnicity"] else "",
            "category": f"{HouseholdCategory(r['category']).label} ({r['year']})" if r["category"] else "",
        }


def check_rows(rows: Iterator[Row], result: HouseholdCheck, agency: OrgUnit) -> None:
    province_code = places.agency_province_code(agency)
    province = places.province_name(province_code)
    existing = {  # named as recorded, not as typed in the file
        (head, code): (name, commune) for head, code, name, commune in
        Household.objects.filter(agency=agency).values_list("head_fold", "commune_code", "head_name", "commune_name")
    }
    duplicates = importflow.Duplicates(existing)
    this_year = timezone.localdate().year
    for row in rows:
        line, cells, texts, err = row.line, row.cells, row.texts, row.error
        head = row.text("head_name", required="Thiếu họ tên chủ hộ.", limit=150,
                        too_long="Họ tên chủ hộ dài quá 150 ký tự.")
        members = None
        members_text = texts.get("members", "")
        if not members_text:
            err("members", "Thiếu số nhân khẩu.")
        elif int_param(members_text, minimum=1, maximum=50) is None:
            err("members", f"Số nhân khẩu \u201c{members_text}\u201d không hợp lệ: ghi số nguyên từ 1 đến 50.")
        else:
            members = int_param(members_text)
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
                                 + ", ".join(label for _, label in ETHNICITY_NAMES) + ".")
        row.text("village", limit=150)
        category = year = classified_on = None
        category_text, year_text = texts.get("category", ""), texts.get("year", "")
        if category_text:
            category = _CATEGORIES.get(fold(category_text))
            if category is None:
                err("category", f"Phân loại \u201c{category_text}\u201d không hợp lệ: ghi "
                                + ", ".join(label for _, label in CATEGORY_NAMES) + ".")
            if not year_text:
                err("year", "Có phân loại thì phải ghi năm phân loại.")
        if year_text:
            year = int_param(year_text, minimum=2000, maximum=this_year)
            if year is None:
                err("year", f"Năm \u201c{year_text}\u201d không hợp lệ (từ 2000 đến {this_year}).")
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
            recorded = duplicates.check(row, "head_name", (fold(head), commune.code),
                                        f"cùng tên chủ hộ, cùng {commune.name}")
            if recorded is not None:
                name, commune_name = recorded
                err("head_name", f"Trùng với hộ {name} ({commune_name}) đã có trong danh sách.")
        if row.ok:
            result.rows.append({
                "line": line, "head_name": head, "members": members, "province_code": commune.province_code,
                "commune_code": commune.code, "commune_name": commune.name, "village": texts.get("village", ""),
                "ethnicity": ethnicity, "note": texts.get("note", ""), "category": category, "year": year,
                "classified_by": texts.get("classified_by", "") or (f"UBND {commune.name}" if category else ""),
                "classified_on": classified_on or (dt.date(year, 12, 31) if year and year < this_year
                                                   else timezone.localdate()),
            })


def check_file(filename: str, data: bytes, agency: OrgUnit, progress=None) -> HouseholdCheck:
    return importflow.check_upload(filename, data, agency, table=TABLE, result_class=HouseholdCheck, check_rows=check_rows,
                                   progress=progress)


def write_rows(rows: list[dict], agency: OrgUnit, *, actor, filename: str, batch_size: int = 2000) -> int:
    """Create every household of a clean check (with its classification) in one transaction, audited."""
    actor_name = user_display_name(actor)
    note = importflow.import_note(filename)
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
        importflow.audit_import(actor=actor, agency=agency, target_type="participation.householdimport",
                     summary=f"Nhập {len(created)} hộ gia đình từ {filename}", key="nhap ho gia dinh",
                     filename=filename)
    return len(created)


# --- the workflow (upload → check job → preview → confirm → apply job) -----------------------------------------

FLOW = importflow.ImportFlow(model=HouseholdImport, job_kind="participation.household_import", check_file=check_file,
                  write_rows=write_rows, check_title="Kiểm tra tệp hộ gia đình {filename}",
                  apply_title="Ghi {rows} hộ từ {filename}")
start_import, confirm_import, cancel_import = FLOW.start, FLOW.confirm, FLOW.cancel


def template_workbook(agency: OrgUnit | None) -> bytes:
    """Header, one example row, and a sheet with the valid communes, ethnicities and categories."""
    code = places.agency_province_code(agency) if agency is not None else places.DEFAULT_PROVINCE_CODE
    return importflow.template_workbook("Hộ gia đình", COLUMNS, {
        "Xã, phường": [c.name for c in places.communes_of(code)],
        "Dân tộc": [label for _, label in ETHNICITY_NAMES],
        "Phân loại hộ": [label for _, label in CATEGORY_NAMES],
    })
