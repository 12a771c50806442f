"""Award history rows written directly (the decisions that make them are tested on their own)."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from thidua.awards.enums import AwardKind, AwardLevel, AwardSource, RecipientKind
from thidua.awards.models import Award
from thidua.movements.models import RewardForm


def award(*, person=None, unit=None, household=None, form: str = "lao-dong-tien-tien", year: int = 2020,
          agency=None, number: str = "", day: dt.date | None = None, position: str = "", unit_name: str = "",
          level: str = AwardLevel.AGENCY, kind: str = AwardKind.MERIT, **fields) -> Award:
    if person is not None:
        recipient, name = RecipientKind.INDIVIDUAL, person.full_name
        unit = unit or person.unit
        agency = agency or person.unit.home_agency
    elif household is not None:
        recipient, name, agency = RecipientKind.HOUSEHOLD, household.head_name, agency or household.agency
    else:
        recipient, name, agency = RecipientKind.COLLECTIVE, unit.name, agency or unit.home_agency
    return Award.objects.create(
        agency=agency, recipient=recipient, person=person, unit=unit, household=household, name=name,
        position=position, unit_name=unit_name or (unit.name if unit else ""),
        form=RewardForm.objects.get(code=form), level=level, kind=kind, year=year,
        decision_number=number or f"{year % 100 + 100}/QĐ-SGTVT", decision_date=day or dt.date(year, 12, 20),
        authority="Giám đốc Sở Giao thông vận tải", source=AwardSource.IMPORT, **fields)


def read_xlsx(data: bytes) -> list[list]:
    sheet = openpyxl.load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]
