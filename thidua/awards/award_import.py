"""Import of past awards (the agency's records from before the system, e.g. 2010–2021) into the award history, read,
converted and run by thidua.core.importflow like the ratings import: every row checked, a preview, then all rows
written or none.

A row with a birth date awards a person of the importer's agency, found by his accent-folded name and birth date
(the unit tells two namesakes apart); a row without one awards a collective, a unit of the agency found by its
name (in "Họ và tên" or "Đơn vị"). The form is a catalogue code or name (`bonus.find_form`); the level and the kind
default from the form. Only the agency's Office imports, and confirming checks that again."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.core import audit, importflow
from thidua.core.importflow import CheckResult, Column, Row, Table
from thidua.core.models import AuditAction, AuditEvent
from thidua.core.text import fold, nfc, user_display_name
from thidua.org.importing import UnitResolver
from thidua.org.models import Assignment, OrgUnit

from . import history, honour
from .bonus import find_form
from .enums import AwardSource, RecipientKind
from .import_people import agency_people, match_person
from .models import Award, AwardImport
from .roles import is_office

FIRST_YEAR = 1945

COLUMNS = (
    Column("full_name", "Họ và tên", True, ("ho ten", "ho va ten", "ten", "ten ca nhan, tap the", "ca nhan, tap the",
                                            "ho va ten (hoac ten tap the)", "ten tap the", "doi tuong"),
           "Nguyễn Văn An"),
    Column("birth_date", "Ngày sinh", False, ("ngay sinh", "ngay thang nam sinh"), dt.date(1985, 10, 20), raw=True),
    Column("unit", "Đơn vị", False, ("don vi", "phong ban", "don vi cong tac"), "Văn phòng Sở"),
    Column("position", "Chức vụ", False, ("chuc vu", "chuc danh"), "Chuyên viên"),
    Column("form", "Hình thức khen thưởng", True, ("hinh thuc", "hinh thuc khen thuong", "danh hieu",
                                                   "hinh thuc, danh hieu", "danh hieu thi dua"),
           "Lao động tiên tiến"),
    Column("year", "Năm", True, ("nam", "nam khen thuong", "nam thanh tich"), 2018),
    Column("decision_number", "Số quyết định", True, ("so quyet dinh", "so qd"), "125/QĐ-SGTVT"),
    Column("decision_date", "Ngày quyết định", True, ("ngay quyet dinh", "ngay qd", "ngay ky"),
           dt.date(2018, 12, 20), raw=True),
    Column("authority", "Cấp quyết định", False, ("cap quyet dinh", "nguoi quyet dinh", "co quan quyet dinh"),
           "Giám đốc Sở Giao thông vận tải"),
    Column("kind", "Loại", False, ("loai", "loai khen thuong"), "Công trạng"),
    Column("level", "Cấp khen", False, ("cap khen", "cap khen thuong"), ""),
    Column("achievement", "Thành tích", False, ("thanh tich", "noi dung", "ghi chu"), ""),
)
TABLE = Table(COLUMNS, frozenset({"stt", "tt", "so tt", "so thu tu"}), list_columns=True)


class AwardCheck(CheckResult):
    def sample_row(self, row: dict) -> dict:
        return {"line": row["line"], "name": row["name"], "unit": row["unit_name"], "form": row["form_name"],
                "year": row["year"], "decision": f"{row['decision_number']} ({row['decision_date']:%d/%m/%Y})"}


def _date(row: Row, key: str, label: str, *, required: str = ""):
    raw = row.cells.get(key)
    try:
        day = importflow.parse_date(raw)
    except (ValueError, TypeError):
        row.error(key, f"{label} \u201c{importflow.cell_text(raw)}\u201d không đúng dạng ngày/tháng/năm "
                       "(vd. 20/12/2018).")
        return None, True
    if day is None and required:
        row.error(key, required)
    return day, False


def _form(text: str):
    """The catalogue's form, or the message saying why not (`find_form` reads "UBND" as "Ủy ban nhân dân")."""
    try:
        return find_form(text)
    except ValidationError as exc:
        return " ".join(exc.messages)


def check_rows(rows: Iterator[Row], result: AwardCheck, agency: OrgUnit, user=None) -> None:
    if user is not None and not is_office(user, agency.pk):
        result.file_error = f"Chỉ Văn phòng (bộ phận thi đua, khen thưởng) của {agency.name} nhập được lịch sử khen thưởng."
        return
    units = UnitResolver(agency)
    people = agency_people(agency)
    assignments: dict[int, list[tuple]] = {}
    for pid, uid, uname, start, end, pos in (
            Assignment.objects.filter(person__unit__in=OrgUnit.objects.of_agencies([agency.pk]))
            .order_by("-start_date").values_list("person_id", "unit_id", "unit__name", "start_date", "end_date",
                                                 "position")):
        assignments.setdefault(pid, []).append((uid, uname, start, end, pos))
    existing = {}
    for pid, uid, fid, year, number in Award.objects.filter(agency=agency).values_list(
            "person_id", "unit_id", "form_id", "year", "decision_number"):
        existing[(("p", pid) if pid else ("u", uid), fid, year, fold(number))] = number
    duplicates = importflow.Duplicates(existing)
    forms: dict[str, object] = {}
    this_year = timezone.localdate().year
    for row in rows:
        err, texts = row.error, row.texts
        name = row.text("full_name", limit=300, too_long="Họ và tên (tên tập thể) dài quá 300 ký tự.")
        unit_text = row.text("unit", limit=300, too_long="Tên đơn vị dài quá 300 ký tự.")
        position = row.text("position", limit=200, too_long="Chức vụ dài quá 200 ký tự.")
        authority = row.text("authority", limit=200, too_long="Cấp quyết định dài quá 200 ký tự.")
        achievement = row.text("achievement", limit=2000, too_long="Thành tích dài quá 2000 ký tự.")
        number = row.text("decision_number", required="Thiếu số quyết định.", limit=60,
                          too_long="Số quyết định dài quá 60 ký tự.")
        year = None
        year_text = importflow.cell_text(row.cells.get("year")).strip()
        if not year_text:
            err("year", "Thiếu năm.")
        elif year_text.isdigit() and FIRST_YEAR <= int(year_text) <= this_year:
            year = int(year_text)
        else:
            err("year", f"Năm \u201c{year_text}\u201d không hợp lệ: ghi một năm từ {FIRST_YEAR} đến {this_year}.")
        day, _bad = _date(row, "decision_date", "Ngày quyết định", required="Thiếu ngày quyết định.")
        if day is not None and day > timezone.localdate():
            err("decision_date", f"Ngày quyết định {day:%d/%m/%Y} ở tương lai.")
            day = None
        form = None
        form_text = texts.get("form", "")
        if not form_text:
            err("form", "Thiếu hình thức khen thưởng.")
        else:
            key = fold(form_text)
            if key not in forms:
                forms[key] = _form(form_text)
            form = forms[key]
            if isinstance(form, str):
                err("form", form)
                form = None
        level = kind = None
        if texts.get("level"):
            level = history.level_of(texts["level"])
            if level is None:
                err("level", f"Cấp khen \u201c{texts['level']}\u201d không hợp lệ: ghi "
                             + ", ".join(label for _, label in history.LEVEL_NAMES) + " (hoặc để trống).")
        if texts.get("kind"):
            kind = history.kind_of(texts["kind"])
            if kind is None:
                err("kind", f"Loại \u201c{texts['kind']}\u201d không hợp lệ: ghi công trạng, chuyên đề (phong trào) "
                            "hoặc đột xuất (hoặc để trống).")
        birth, bad_birth = _date(row, "birth_date", "Ngày sinh")
        person = unit = None
        recipient = RecipientKind.INDIVIDUAL if (birth or bad_birth) else RecipientKind.COLLECTIVE
        if unit_text:
            unit, ambiguous = units.find(unit_text)
            if ambiguous:
                err("unit", f"Tên đơn vị \u201c{unit_text}\u201d trùng với nhiều đơn vị: ghi tên đầy đủ hoặc mã.")
            elif unit is None and recipient == RecipientKind.COLLECTIVE and not name:
                err("unit", f"Không tìm thấy đơn vị \u201c{unit_text}\u201d trong {agency.name}.")
        if birth is not None:
            if not name:
                err("full_name", "Thiếu họ và tên.")
            else:
                person, problem = match_person(people, name, birth, unit, agency)
                if problem:
                    err("full_name", problem)
        elif not bad_birth:
            collective = name or unit_text
            if not collective:
                err("full_name", "Thiếu họ và tên (cá nhân, kèm ngày sinh) hoặc tên tập thể.")
            elif name:
                unit, ambiguous = units.find(name)
                if ambiguous:
                    err("full_name", f"Tên tập thể \u201c{name}\u201d trùng với nhiều đơn vị: ghi tên đầy đủ hoặc mã.")
                elif unit is None:
                    err("full_name", f"Không tìm thấy tập thể \u201c{name}\u201d trong {agency.name} (cá nhân thì "
                                     "ghi cả ngày sinh).")
        if form is not None:
            allowed = form.for_individual if recipient == RecipientKind.INDIVIDUAL else form.for_collective
            if not allowed:
                err("form", f"{form.name} không dành cho {'cá nhân' if recipient == RecipientKind.INDIVIDUAL else 'tập thể'}.")
        whom = ("p", person["id"]) if person else (("u", unit.pk) if unit else None)
        if whom and form is not None and year is not None and number:
            if duplicates.check(row, "full_name", (whom, form.pk, year, fold(number)),
                                f"cùng người, hình thức, năm {year} và số quyết định") is not None:
                err("full_name", f"Đã có trong lịch sử khen thưởng: {form.name} năm {year}, quyết định {number}.")
        if row.ok:
            unit_name = unit.name if unit else unit_text
            unit_id = unit.pk if unit else None
            if person is not None and not unit_text and day is not None:
                # the unit and position of the time, from the person's assignments
                at = next((a for a in assignments.get(person["id"], ())
                           if a[2] <= day and (a[3] is None or a[3] >= day)), None)
                if at is not None:
                    unit_id, unit_name = at[0], at[1]
                    position = position or at[4]
            result.rows.append({
                "line": row.line, "recipient": recipient, "person_id": person["id"] if person else None,
                "unit_id": unit_id, "name": person["name"] if person else unit.name, "position": position or "",
                "unit_name": unit_name, "form_id": form.pk, "form_name": form.name,
                "level": level or history.level_of_form(form), "kind": kind or history.default_kind(form),
                "year": year, "decision_number": number, "decision_date": day,
                "authority": authority or form.authority, "achievement": achievement,
            })


def check_file(filename: str, data: bytes, agency: OrgUnit, progress=None, user=None) -> AwardCheck:
    return importflow.check_upload(filename, data, agency, table=TABLE, result_class=AwardCheck,
                                   check_rows=lambda rows, result, a: check_rows(rows, result, a, user),
                                   progress=progress)


def write_rows(rows: list[dict], agency: OrgUnit, *, actor, filename: str) -> int:
    """Write the awards of a clean check in one transaction, each with its audit row. Returns how many."""
    actor_name = user_display_name(actor)
    note = importflow.import_note(filename)
    events, made = [], []
    with transaction.atomic():
        for row in rows:
            award = Award(
                agency=agency, recipient=row["recipient"], person_id=row["person_id"], unit_id=row["unit_id"],
                name=row["name"], position=row["position"], unit_name=row["unit_name"], form_id=row["form_id"],
                level=row["level"], kind=row["kind"], year=row["year"], achievement=row["achievement"],
                decision_number=row["decision_number"], decision_date=row["decision_date"],
                authority=row["authority"], source=AwardSource.IMPORT, created_by=actor)
            award.save()
            made.append(award.pk)
            label = nfc(f"{row['form_name']} năm {row['year']}: {row['name']} ({row['decision_number']})")
            events.append(AuditEvent(
                actor=actor, actor_name=actor_name, action=AuditAction.CREATE, target_type="awards.award",
                target_id=str(award.pk), target_repr=label[:300], agency_id=agency.pk, note=note,
                search_key=audit.search_text(AuditAction.CREATE, label, actor_name, note, {})))
        AuditEvent.objects.bulk_create(events)
        # past records belong to no movement, so they are on no public roll today; the roll follows them if they do
        honour.refresh_rolls(honour.rolls_of(Award.objects.filter(pk__in=made)))
        importflow.audit_import(actor=actor, agency=agency, target_type="awards.awardimport",
                                summary=f"Nhập {len(rows)} khen thưởng từ {filename}", key="nhap lich su khen thuong",
                                filename=filename)
    return len(rows)


FLOW = importflow.ImportFlow(model=AwardImport, job_kind="awards.award_import", check_file=check_file,
                             write_rows=write_rows, check_title="Kiểm tra tệp lịch sử khen thưởng {filename}",
                             apply_title="Ghi {rows} khen thưởng từ {filename}", by_user=True)


def import_file(filename: str, data: bytes, agency: OrgUnit, *, actor) -> AwardCheck:
    """Check and, when clean, write a file at once (the demo, a management task): what the two jobs do."""
    result = check_file(filename, data, agency, user=actor)
    if result.ok:
        write_rows(result.rows, agency, actor=actor, filename=filename)
    return result


def template_workbook(agency: OrgUnit | None) -> bytes:
    """The header, one example row, the valid forms, levels, kinds and the agency's units."""
    from thidua.movements.models import RewardForm

    units = []
    if agency is not None:
        units = list(OrgUnit.objects.filter(path__startswith=agency.path, is_active=True)
                     .order_by("path").values_list("name", flat=True))
    forms = list(RewardForm.objects.order_by("sort_order", "name").values_list("name", "code"))
    return importflow.template_workbook("Lịch sử khen thưởng", COLUMNS, {
        "Hình thức khen thưởng": [name for name, _code in forms],
        "Mã hình thức": [code for _name, code in forms],
        "Cấp khen": [label for _, label in history.LEVEL_NAMES],
        "Loại": ["Công trạng", "Chuyên đề", "Đột xuất"],
        "Đơn vị": units,
    }, widths=(26, 14, 30, 20, 34, 8, 18, 14, 30, 14, 14, 30), header_fill="FCE4D6",
        value_widths={"A": 50, "B": 32, "C": 16, "D": 14, "E": 40})
