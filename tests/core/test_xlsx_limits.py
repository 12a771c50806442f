"""An XLSX import cannot exhaust memory or time: decompression bombs are refused before parsing, and a sparse
sheet declaring a huge dimension costs no more than its real cells."""

import io
import re
import zipfile

import openpyxl
import pytest

from thidua.core.importflow import ImportFileError, read_rows
from thidua.org.importing import check_file
from thidua.org.models import Person, StaffImport

from ..org.test_importing import row, xlsx


def _rewrite(data: bytes, replace: dict) -> bytes:
    """The same workbook with some parts' XML changed (each `name: function(text) -> text`)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            content = src.read(info.filename)
            if info.filename in replace:
                content = replace[info.filename](content.decode()).encode()
            dst.writestr(info.filename, content, compresslevel=9)
    return out.getvalue()


@pytest.fixture
def no_parsing(monkeypatch):
    """Fail the test if the workbook is handed to openpyxl at all."""

    def refuse(*args, **kwargs):
        raise AssertionError("the file was parsed")

    monkeypatch.setattr(openpyxl, "load_workbook", refuse)


def _one_huge_cell(size: int) -> bytes:
    wb = openpyxl.Workbook()
    wb.active.append(["Họ và tên"])
    wb.active.append(["x"])
    buf = io.BytesIO()
    wb.save(buf)
    return _rewrite(buf.getvalue(), {
        "xl/worksheets/sheet1.xml": lambda xml: xml.replace("<t>x</t>", "<t>" + "A" * size + "</t>")})


def test_a_file_with_one_enormous_cell_is_refused_before_it_is_parsed(world, no_parsing):
    data = _one_huge_cell(30 * 1024 * 1024)  # 30 MB of one letter: a few tens of KB packed
    assert len(data) < 200 * 1024
    with pytest.raises(ImportFileError) as exc:
        list(read_rows("bom.xlsx", data))
    assert "giải nén quá lớn" in str(exc.value)


def test_the_unpacked_size_limit_holds_whatever_the_ratio(world, settings, no_parsing):
    settings.IMPORT_MAX_UNCOMPRESSED_BYTES = 1024 * 1024
    data = _rewrite(xlsx([row()]), {"xl/worksheets/sheet1.xml": lambda xml: xml.replace(
        "</worksheet>", "<!--" + "".join(f"{i:x}" for i in range(300_000)) + "--></worksheet>")})
    with pytest.raises(ImportFileError) as exc:
        list(read_rows("lon.xlsx", data))
    assert "Giới hạn sau khi giải nén là 1 MB" in str(exc.value)


def test_a_bomb_uploaded_for_import_is_named_and_nothing_is_written(world, client):
    people_before = Person.objects.count()
    world.login(client, "vanphong")
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse

    client.post(reverse("org:import_start"), {
        "agency": world.agency.pk, "file": SimpleUploadedFile("ds.xlsx", _one_huge_cell(30 * 1024 * 1024))})
    batch = StaffImport.objects.get()
    page = client.get(reverse("org:import_detail", args=[batch.pk])).content.decode()
    assert "giải nén quá lớn" in page
    assert Person.objects.count() == people_before


def _sparse(data: bytes, far_rows=(1_000_000,)) -> bytes:
    """The workbook declaring the whole sheet as its dimension, with stray cells far down and far right."""
    extra = "".join(f'<row r="{r}"><c r="XFD{r}" t="inlineStr"><is><t>lạc</t></is></c></row>' for r in far_rows)

    def patch(xml: str) -> str:
        xml = re.sub(r'<dimension ref="[^"]+"/>', '<dimension ref="A1:XFD1048576"/>', xml)
        return xml.replace("</sheetData>", extra + "</sheetData>")

    return _rewrite(data, {"xl/worksheets/sheet1.xml": patch})


def test_a_sparse_sheet_with_a_huge_dimension_costs_only_its_real_cells(world):
    data = _sparse(xlsx([row(), row("Hà Thị Nga")]))
    rows = list(read_rows("thua.xlsx", data))
    assert [r.line for r in rows] == [1, 2, 3, 1_000_000]
    assert [len(r) for r in rows] == [10, 9, 9, 0]  # up to each row's last value; the stray XFD cell is not read
    result = check_file("thua.xlsx", data, world.agency)
    assert result.ok, result.errors
    assert result.total_rows == 2


def test_a_far_away_row_keeps_its_line_number_in_the_errors(world):
    data = xlsx([row()])
    data = _rewrite(data, {"xl/worksheets/sheet1.xml": lambda xml: re.sub(
        r'<dimension ref="[^"]+"/>', '<dimension ref="A1:XFD1048576"/>', xml).replace(
        "</sheetData>", '<row r="999999"><c r="B999999" t="inlineStr"><is><t>Lò Văn Sáu</t></is></c></row>'
        "</sheetData>")})
    result = check_file("xa.xlsx", data, world.agency)
    assert not result.ok
    assert {e["row"] for e in result.errors} == {999999}


def test_a_cell_longer_than_excel_allows_is_named(world, settings):
    data = _rewrite(xlsx([row()]), {"xl/worksheets/sheet1.xml": lambda xml: xml.replace(
        "</sheetData>", '<row r="3"><c r="B3" t="inlineStr"><is><t>' + "Nguyễn " * 6000 + "</t></is></c></row>"
        "</sheetData>")})
    with pytest.raises(ImportFileError) as exc:
        list(read_rows("dai.xlsx", data))
    assert "dòng 3, cột 2 dài quá 32767 ký tự" in str(exc.value)

