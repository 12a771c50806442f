"""The demo's past awards 2015–2021 (before the system): a spreadsheet as the Office keeps its records — for each
person of the demo agency Lao động tiên tiến most years, Chiến sĩ thi đua cơ sở some years, a Giấy khen now and
then, two provincial Bằng khen, and Tập thể lao động tiên tiến for its divisions — imported through the award
history's import (`award_import.import_file`), so the demo exercises it. Deterministic and idempotent."""

from __future__ import annotations

import datetime as dt
import io

from thidua.org.enums import Role, UnitKind
from thidua.org.models import OrgUnit, Person, RoleGrant, identity_key

from ..award_import import import_file
from ..enums import AwardSource
from ..models import Award
from .draws import ordinals

YEARS = range(2015, 2022)
#: each year's decisions of the Director: (titles, Giấy khen, collective titles) — number, date
DECISIONS = {year: ((f"{150 + year % 100 * 3}/QĐ-SGTVT", dt.date(year, 12, 22)),
                    (f"{151 + year % 100 * 3}/QĐ-SGTVT", dt.date(year, 12, 24)),
                    (f"{152 + year % 100 * 3}/QĐ-SGTVT", dt.date(year, 12, 24)))
             for year in YEARS}
#: the provincial Bằng khen: (whose account, year, number, date)
PROVINCIAL = [("truongphong", 2019, "415/QĐ-UBND", dt.date(2020, 3, 10)),
              ("canbo", 2020, "388/QĐ-UBND", dt.date(2021, 3, 5))]
HEADER = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Chức vụ", "Hình thức khen thưởng", "Năm", "Số quyết định",
          "Ngày quyết định", "Cấp quyết định", "Loại", "Cấp khen"]


def _n(pk: int, year: int) -> int:
    return (pk * 7919 + year * 104_729) % 100


def rows(agency: OrgUnit) -> list[list]:
    """The spreadsheet's rows: the people of the agency (each name and birth date unique), then its divisions."""
    people = list(Person.objects.filter(unit__in=OrgUnit.objects.of_agencies([agency.pk]), is_active=True,
                                        birth_date__isnull=False).order_by("id")
                  .values_list("id", "full_name", "name_key", "birth_date", "user__username"))
    keys: dict[tuple, int] = {}
    for _pid, _name, key, birth, _user in people:
        keys[identity_key(key, birth)] = keys.get(identity_key(key, birth), 0) + 1
    director = f"Giám đốc {agency.name}"
    out = []
    # the same positions as the ratings' (inputs._agency_people): every person of the agency in creation order
    position = ordinals(Person.objects.filter(unit__in=OrgUnit.objects.of_agencies([agency.pk]))
                        .values_list("id", flat=True))
    for pid, name, key, birth, username in people:
        if keys[identity_key(key, birth)] > 1:
            continue
        for year in YEARS:
            n = _n(position[pid], year)
            titles, forms, _collective = DECISIONS[year]
            if n < 8:
                continue  # a year without a title (on leave, a discipline, a new arrival)
            title = "Chiến sĩ thi đua cơ sở" if n >= 85 else "Lao động tiên tiến"
            out.append([name, birth, "", "", title, year, *titles, director, "Công trạng", ""])
            if 70 <= n < 78:
                out.append([name, birth, "", "", "Giấy khen của Giám đốc Sở", year, *forms, director, "", ""])
        for whose, year, number, day in PROVINCIAL:
            if username == whose:
                out.append([name, birth, "", "", "Bằng khen của Chủ tịch UBND tỉnh", year, number, day,
                            "Chủ tịch UBND tỉnh", "Công trạng", "Cấp tỉnh"])
    divisions = list(OrgUnit.objects.within_agency(agency).filter(is_active=True, kind=UnitKind.DIVISION).order_by("path")
                     .values_list("id", "name"))
    for uid, name in divisions:
        for year in YEARS:
            if _n(uid, year) < 60:
                out.append([name, "", "", "", "Tập thể lao động tiên tiến", year, *DECISIONS[year][2], director,
                            "", ""])
    return [[i, *row] for i, row in enumerate(out, start=1)]


def workbook(agency: OrgUnit) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Khen thưởng 2015-2021"
    sheet.append(HEADER)
    for row in rows(agency):
        sheet.append(row)
        for column in (3, 9):
            if isinstance(sheet.cell(row=sheet.max_row, column=column).value, dt.date):
                sheet.cell(row=sheet.max_row, column=column).number_format = "DD/MM/YYYY"
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def load(agency: OrgUnit, out=print) -> int:
    """Import the agency's past awards once; returns how many were written (0 when already there)."""
    if Award.objects.filter(agency=agency, source=AwardSource.IMPORT, year__in=list(YEARS)).exists():
        return 0
    grant = (RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).select_related("user")
             .order_by("id").first())
    office = grant.user if grant else None
    result = import_file("khen-thuong-2015-2021.xlsx", workbook(agency), agency, actor=office)
    if not result.ok:
        raise RuntimeError("demo past awards: " + "; ".join(
            [result.file_error] + [f"dòng {e['row']}: {e['message']}" for e in result.errors[:5]]))
    out(f"  Lịch sử khen thưởng 2015–2021: {len(result.rows)} khen thưởng nhập từ tệp")
    return len(result.rows)
