"""Every XLSX the application writes keeps formula-like text as text (never a formula)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from thidua.core import xlsx
from thidua.org.models import OrgUnit

FORMULAS = ["=HYPERLINK(\"http://x.example/\",\"Bấm\")", "+1+1", "-2+3", "@SUM(A1:A2)", "\t=1", "\r=1"]


@pytest.mark.parametrize("write_only", [True, False])
def test_the_helper_writes_formula_like_text_as_text(write_only):
    book = openpyxl.Workbook(write_only=write_only)
    sheet = book.create_sheet("a") if write_only else book.active
    sheet.append(xlsx.row(sheet, [*FORMULAS, "Nguyễn Văn A", 5, xlsx.cell(sheet, "=1", number_format="@")]))
    buffer = io.BytesIO()
    book.save(buffer)
    cells = list(openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).worksheets[0].iter_rows())[0]
    assert [c.value for c in cells] == [*FORMULAS, "Nguyễn Văn A", 5, "=1"]
    assert [c.data_type for c in cells] == ["s"] * 7 + ["n", "s"]


def test_the_staff_import_template_lists_a_formula_named_unit_as_text(world, client):
    OrgUnit.objects.filter(pk=world.office.pk).update(name="=HYPERLINK(\"http://x.example/\")")
    world.login(client, "vanphong")
    response = client.get(reverse("org:import_template"), {"agency": world.agency.pk})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content))["Giá trị hợp lệ"]
    cells = [c for c in sheet["A"][1:] if c.value]
    formula_like = [c for c in cells if c.value.startswith("=")]
    assert formula_like and all(c.data_type == "s" for c in formula_like)
