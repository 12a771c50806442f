"""Importing households from a spreadsheet: duplicates named as stored, the template in Vietnamese."""

import io

import openpyxl
import pytest
from django.utils import translation

from thidua.participation import importing
from thidua.participation.importing import check_file

from .helpers import household
from .test_households import xlsx

pytestmark = pytest.mark.django_db


def test_a_household_already_recorded_is_named_as_stored_not_as_typed(world):
    household(world, name="Bế Quốc Tùng", commune="Xã Nam Quang")
    header = ["Họ tên chủ hộ", "Số nhân khẩu", "Xã, phường"]
    result = check_file("ho.xlsx", xlsx([["be quoc TUNG", 4, "Xã Nam Quang"]], header), world.agency)
    assert [e["message"] for e in result.errors] == [
        "Trùng với hộ Bế Quốc Tùng (Xã Nam Quang) đã có trong danh sách."]


def test_the_import_template_lists_vietnamese_values_even_in_english():
    with translation.override("en"):
        book = openpyxl.load_workbook(io.BytesIO(importing.template_workbook(None)))
    values = {cell for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for cell in row}
    assert "Hộ nghèo" in values and "Mông" in values
    assert "Poor households" not in values and "Hmong" not in values
