"""Ratings import from XLSX or CSV (read, converted and run by thidua.core.importflow, like the staff import): every
row checked, a preview, then all rows written or none.

A row rates a person (họ và tên and ngày sinh identify him within the agency, as org.models.identity_key does; the
unit tells two namesakes apart) or, with no name, a unit as a collective. The grade is one of the four labels,
written with or without accents (also the usual abbreviations HTXSNV, HTTNV, HTNV, KHTNV). Imported by the Office,
ratings are confirmed; imported by a unit head, they are proposals, for his own unit's people and units only (a
confirmed rating he changes awaits the Office's confirmation again, as in the grid)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation

from thidua.core import audit, importflow
from thidua.core.importflow import CheckResult, Column, Row, Table
from thidua.core.models import AuditAction, AuditEvent
from thidua.core.text import fold, user_display_name
from thidua.org.history import staff_between
from thidua.org.importing import UnitResolver
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope

from .enums import Grade
from .import_people import agency_people, match_person
from .inputs import rating_years, year_span
from .models import Rating, RatingImport
from .ratings import RATED_KINDS
from .roles import is_office

COLUMNS = (
    Column("year", "Năm", True, ("nam", "nam danh gia", "nam xep loai", "year"), 2025),
    Column("full_name", "Họ và tên", False, ("ho ten", "ho va ten", "ten can bo", "ten"), "Nguyễn Văn An"),
    Column("birth_date", "Ngày sinh", False, ("ngay sinh", "ngay thang nam sinh"), dt.date(1985, 10, 20), raw=True),
    Column("unit", "Đơn vị", False, ("don vi", "phong ban", "don vi cong tac", "tap the"), "Văn phòng Sở"),
    Column("grade", "Xếp loại", True, ("xep loai", "muc xep loai", "muc do hoan thanh nhiem vu",
                                       "xep loai muc do hoan thanh nhiem vu", "danh gia"), "Hoàn thành tốt nhiệm vụ"),
    Column("note", "Ghi chú", False, ("ghi chu",), ""),
)
TABLE = Table(COLUMNS, frozenset({"stt", "tt", "so tt", "so thu tu", "da xac nhan"}), list_columns=True)

with translation.override("vi"):  # the file is Vietnamese whatever the page's language (and jobs have none)
    GRADE_NAMES = [(value, str(label)) for value, label in Grade.choices]
_GRADES = {fold(label): value for value, label in GRADE_NAMES}
_GRADES |= {key.removesuffix(" nhiem vu"): value for key, value in list(_GRADES.items())}
_GRADES |= {"htxsnv": Grade.EXCELLENT, "httnv": Grade.GOOD, "htnv": Grade.DONE, "khtnv": Grade.FAILED,
            "xuat sac": Grade.EXCELLENT, "tot": Grade.GOOD}


def grade_label(grade: str) -> str:
    return dict(GRADE_NAMES)[grade]


def grade_of(text: str) -> str | None:
    return _GRADES.get(" ".join(fold(text).replace(".", " ").split()))


class RatingCheck(CheckResult):
    def sample_row(self, row: dict) -> dict:
        return {"line": row["line"], "year": row["year"], "name": row["name"], "unit": row["unit_name"],
                "grade": grade_label(row["grade"])}


class _Scope:
    """Whom a unit head may rate: the people who served in his units in a year, and those units."""

    def __init__(self, user):
        scope = get_scope(user)
        self.paths = scope.unit_paths
        self.unit_ids = set(scope.head_unit_ids())
        self.people: dict[int, set[int]] = {}

    def person(self, person_id: int, year: int) -> bool:
        if year not in self.people:
            first, last = year_span(year)
            ids: set[int] = set()
            for path in self.paths:
                ids |= set(staff_between(path, first, last).values_list("id", flat=True))
            self.people[year] = ids
        return person_id in self.people[year]


class _Served:
    """Who served in a unit (with its sub-units) in a year, read once per unit and year."""

    def __init__(self):
        self.ids: dict[tuple[int, int], set[int]] = {}

    def __call__(self, unit: OrgUnit, person_id: int, year: int) -> bool:
        key = (unit.pk, year)
        if key not in self.ids:
            first, last = year_span(year)
            self.ids[key] = set(staff_between(unit.path, first, last).values_list("id", flat=True))
        return person_id in self.ids[key]


def check_rows(rows: Iterator[Row], result: RatingCheck, agency: OrgUnit, user=None) -> None:
    office = user is None or is_office(user, agency.pk)
    limited = None if office else _Scope(user)
    served = _Served()
    years = rating_years({agency.pk})
    units = UnitResolver(agency)
    people = agency_people(agency)
    duplicates = importflow.Duplicates({})
    for row in rows:
        err, texts = row.error, row.texts
        year = None
        year_text = texts.get("year", "")
        if not year_text:
            err("year", "Thiếu năm.")
        elif (number := importflow.cell_text(year_text).strip()).isdigit() and int(number) in years:
            year = int(number)
        else:
            err("year", f"Năm \u201c{year_text}\u201d không hợp lệ: ghi một năm từ {years[-1]} đến {years[0]}.")
        grade = None
        grade_text = texts.get("grade", "")
        if not grade_text:
            err("grade", "Thiếu mức xếp loại.")
        elif (grade := grade_of(grade_text)) is None:
            err("grade", f"Mức xếp loại \u201c{grade_text}\u201d không hợp lệ: ghi một trong "
                         + ", ".join(label for _, label in GRADE_NAMES) + ".")
        note = row.text("note", limit=300)
        name = row.text("full_name", limit=150, too_long="Họ và tên dài quá 150 ký tự.")
        unit = None
        unit_text = texts.get("unit", "")
        if unit_text:
            unit, ambiguous = units.find(unit_text)
            if ambiguous:
                err("unit", f"Tên đơn vị \u201c{unit_text}\u201d trùng với nhiều đơn vị: ghi tên đầy đủ hoặc mã.")
            elif unit is None:
                err("unit", f"Không tìm thấy đơn vị \u201c{unit_text}\u201d trong {agency.name}.")
        person = None
        if name:
            birth = None
            raw_birth = row.cells.get("birth_date")
            try:
                birth = importflow.parse_date(raw_birth)
                if birth is None:
                    err("birth_date", "Thiếu ngày sinh (để xác định đúng cán bộ).")
            except (ValueError, TypeError):
                err("birth_date", f"Ngày sinh \u201c{importflow.cell_text(raw_birth)}\u201d không đúng dạng "
                                  "ngày/tháng/năm (vd. 20/10/1985).")
            if birth is not None:
                person, problem = match_person(people, name, birth, unit, agency)
                if problem:
                    err("full_name", problem)
                elif unit is not None and year is not None and not served(unit, person["id"], year):
                    err("unit", f"{person['name']} không thuộc {unit.name} trong năm {year}: ghi đúng đơn vị "
                                "của cán bộ (hoặc để trống).")
                    person = None
        elif not unit_text:
            err("full_name", "Thiếu họ và tên (dòng xếp loại cán bộ) hoặc đơn vị (dòng xếp loại tập thể).")
        elif unit is not None and unit.kind not in RATED_KINDS:
            err("unit", f"{unit.name} không được xếp loại như một tập thể (chỉ phòng, ban, đơn vị trực thuộc).")
        if limited is not None and year is not None:
            if person is not None and not limited.person(person["id"], year):
                err("full_name", f"{person['name']} không thuộc đơn vị của bạn trong năm {year}: trưởng đơn vị chỉ "
                                 "nhập xếp loại của đơn vị mình.")
            elif person is None and not name and unit is not None and unit.pk not in limited.unit_ids:
                err("unit", f"{unit.name} không thuộc đơn vị của bạn: trưởng đơn vị chỉ nhập xếp loại của đơn vị "
                            "mình.")
        if year is not None and (person is not None or (not name and unit is not None)):
            key = (("p", person["id"]) if person else ("u", unit.pk), year)
            duplicates.check(row, "full_name" if person else "unit", key, f"cùng {'cán bộ' if person else 'tập thể'}, "
                             f"cùng năm {year}")
        if row.ok:
            result.rows.append({
                "line": row.line, "year": year, "grade": grade, "note": note,
                "person_id": person["id"] if person else None, "unit_id": None if person else unit.pk,
                "name": person["name"] if person else "", "unit_name": unit.name if unit else "",
            })


def check_file(filename: str, data: bytes, agency: OrgUnit, progress=None, user=None) -> RatingCheck:
    return importflow.check_upload(filename, data, agency, table=TABLE, result_class=RatingCheck,
                                   check_rows=lambda rows, result, a: check_rows(rows, result, a, user),
                                   progress=progress)


def _check_scope(rows: list[dict], actor) -> None:
    """A unit head writes his units' rows only, checked again at writing (his grants may have changed since the
    preview): one row outside, and nothing is written."""
    limited = _Scope(actor)
    outside = [row["name"] or row["unit_name"] for row in rows
               if (row["person_id"] and not limited.person(row["person_id"], row["year"]))
               or (not row["person_id"] and row["unit_id"] not in limited.unit_ids)]
    if outside:
        raise ValidationError(
            f"Không ghi dòng nào: {', '.join(outside[:5])}{' …' if len(outside) > 5 else ''} không thuộc đơn vị của "
            "bạn (trưởng đơn vị chỉ nhập xếp loại của đơn vị mình).")


def write_rows(rows: list[dict], agency: OrgUnit, *, actor, filename: str) -> int:
    """Write the ratings of a clean check in one transaction: new ones created, changed ones updated (rows that
    change nothing are left alone), each written rating audited with its old and new grade. Returns how many
    ratings were written."""
    office = is_office(actor, agency.pk)
    if not office:
        _check_scope(rows, actor)
    now = timezone.now()
    actor_name = user_display_name(actor)
    note = importflow.import_note(filename)
    years = {r["year"] for r in rows}
    with transaction.atomic():
        locked = Rating.objects.select_for_update(of=("self",)).filter(year__in=sorted(years))
        existing = {("p", r.person_id, r.year): r for r in
                    locked.filter(person_id__in=[r["person_id"] for r in rows if r["person_id"]])}
        existing |= {("u", r.unit_id, r.year): r for r in
                     locked.filter(person__isnull=True, unit_id__in=[r["unit_id"] for r in rows if r["unit_id"]])}
        new, changed, events = [], [], []
        for row in rows:
            key = ("p", row["person_id"], row["year"]) if row["person_id"] else ("u", row["unit_id"], row["year"])
            rating = existing.get(key)
            old_grade = rating.grade if rating else None
            old_confirmed = bool(rating and rating.is_confirmed)
            confirmed = office or (old_confirmed and old_grade == row["grade"])
            if rating and old_grade == row["grade"] and old_confirmed == confirmed and rating.note == row["note"]:
                continue
            if rating is None:
                rating = Rating(year=row["year"], person_id=row["person_id"], unit_id=row["unit_id"])
                new.append(rating)
            else:
                changed.append(rating)
            if old_grade != row["grade"]:
                rating.proposed_by, rating.proposed_at = actor, now
            rating.grade, rating.note = row["grade"], row["note"]
            if confirmed and not old_confirmed or (confirmed and old_grade != row["grade"]):
                rating.confirmed_by, rating.confirmed_at = actor, now
            elif not confirmed:
                rating.confirmed_by, rating.confirmed_at = None, None
            changes = {"grade": [grade_label(old_grade) if old_grade else None, grade_label(row["grade"])]}
            if old_confirmed != confirmed:
                changes["confirmed"] = [old_confirmed, confirmed]
            label = f"Xếp loại năm {row['year']}: {row['name'] or row['unit_name']}"
            events.append((rating, AuditAction.UPDATE if rating.pk else AuditAction.CREATE, label, changes))
        Rating.objects.bulk_create(new)
        Rating.objects.bulk_update(changed, ["grade", "note", "proposed_by", "proposed_at", "confirmed_by",
                                             "confirmed_at"])
        if any(r.pk is None for r in new):
            raise RuntimeError("database did not return primary keys")
        AuditEvent.objects.bulk_create([
            AuditEvent(actor=actor, actor_name=actor_name, action=action, target_type="awards.rating",
                       target_id=str(rating.pk), target_repr=label, agency_id=agency.pk, note=note, changes=changes,
                       search_key=audit.search_text(action, label, actor_name, note, changes))
            for rating, action, label, changes in events
        ])
        written = len(events)
        importflow.audit_import(actor=actor, agency=agency, target_type="awards.ratingimport",
                                summary=f"Nhập {written} xếp loại từ {filename}", key="nhap xep loai",
                                filename=filename)
    return written


FLOW = importflow.ImportFlow(model=RatingImport, job_kind="awards.rating_import", check_file=check_file,
                             write_rows=write_rows, check_title="Kiểm tra tệp xếp loại {filename}",
                             apply_title="Ghi {rows} xếp loại từ {filename}", by_user=True)


def template_workbook(agency: OrgUnit | None) -> bytes:
    """The header, one example row, the valid grades and units."""
    units = []
    if agency is not None:
        units = list(OrgUnit.objects.filter(path__startswith=agency.path, is_active=True, kind__in=RATED_KINDS)
                     .order_by("path").values_list("name", flat=True))
    return importflow.template_workbook("Xếp loại", COLUMNS, {
        "Xếp loại": [label for _, label in GRADE_NAMES],
        "Đơn vị": units,
    }, widths=(8, 28, 14, 40, 32, 24), header_fill="DDEBF7", value_widths={"A": 34, "B": 50})
