"""The ratings grid (`awards:ratings`): a unit head proposes the year's grade of each of his unit's people and of his
unit(s); the Office of the agency opens any unit's grid and confirms (row by row, or every proposal at once),
changing a grade where it must. `?format=xlsx` downloads the grid in the import's columns."""

from __future__ import annotations

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from thidua.core.access import access
from thidua.core.db import int_param, year_param
from thidua.core.importflow import xlsx_download

from ... import ratings as service
from ...enums import Grade
from ...inputs import rating_years
from ...roles import is_office
from .rules import rates


def _choose(request, units):
    """The chosen unit (?unit=, among those the user opens; else his first) and year (?year=, among the agency's)."""
    source = request.POST if request.method == "POST" else request.GET
    unit_id = int_param(source.get("unit"))
    unit = next((u for u in units if u.pk == unit_id), units[0])
    years = rating_years({unit.home_agency_id})
    year = year_param(source.get("year"))
    if year not in years:
        year = years[0]
    return unit, years, year


@access(rates)
def ratings(request):
    units = list(service.grid_units(request.user))
    if not units:
        return render(request, "awards/ratings.html", {"units": []})
    unit, years, year = _choose(request, units)
    office = is_office(request.user, unit.home_agency_id)
    grid = service.build_grid(unit, year)
    url = f"{reverse('awards:ratings')}?unit={unit.pk}&year={year}"
    errors: list[str] = []
    if request.method == "POST":
        if request.POST.get("action") == "confirm_all":
            if not office:
                errors.append(_("Chỉ Văn phòng (thường trực Hội đồng) được xác nhận xếp loại."))
            else:
                n = service.confirm_all(grid, actor=request.user)
                if n:
                    messages.success(request, _("Đã xác nhận %(n)s xếp loại đã đề xuất.") % {"n": n})
                else:
                    messages.info(request, _("Không còn xếp loại nào chờ xác nhận."))
                return redirect(url)
        else:
            changes, errors = service.read_changes(grid, request.POST, office=office)
            if not errors:
                try:
                    n = service.save_changes(grid, changes, actor=request.user, office=office)
                except ValidationError as exc:
                    errors = exc.messages
                else:
                    if n:
                        messages.success(request, _("Đã lưu %(n)s xếp loại năm %(year)s.") % {"n": n, "year": year})
                    else:
                        messages.info(request, _("Không có thay đổi nào để lưu."))
                    return redirect(url)
    elif request.GET.get("format") == "xlsx":
        return xlsx_download(_workbook(grid), f"xep-loai-{year}.xlsx")
    return render(request, "awards/ratings.html", {
        "units": units, "unit": unit, "years": years, "year": year, "grid": grid, "office": office,
        "grades": Grade.choices, "errors": errors, "url": url,
    })


def _workbook(grid) -> bytes:
    """The grid as the import reads it (so a filled copy can be imported back)."""
    import openpyxl
    from openpyxl.styles import Font

    from thidua.core import xlsx

    from ...rating_import import COLUMNS, grade_label

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = f"Xếp loại {grid.year}"
    sheet.append([c.label for c in COLUMNS] + ["Đã xác nhận"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in grid.rows:
        subject, rating = row.subject, row.rating
        values = [grid.year, "" if row.is_unit else subject.full_name,
                  None if row.is_unit else subject.birth_date, subject.name if row.is_unit else subject.unit.name,
                  grade_label(rating.grade) if rating else "", ("Có" if rating.is_confirmed else "Chưa") if rating else ""]
        sheet.append(xlsx.row(sheet, values))
        if not row.is_unit and subject.birth_date:
            sheet.cell(row=sheet.max_row, column=3).number_format = "DD/MM/YYYY"
    for letter, width in zip("ABCDEF", (8, 30, 14, 45, 32, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
