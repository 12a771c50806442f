"""The Nghị định 30/2020 layout: DOCX structure read back with python-docx, and both PDF routes (LibreOffice
converting the DOCX, WeasyPrint from HTML) read back with pypdf."""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt
from pypdf import PdfReader

from thidua.documents import libreoffice
from thidua.documents.nd30 import (
    MOTTO,
    NATIONAL_NAME,
    AdminDocument,
    Block,
    build_docx,
    build_pdf,
    number_line,
    place_date_line,
    recipient_lines,
    text_width_cm,
)

from .samples import plan_2679

FONT = "Times New Roman"
EXPECTED_TEXTS = [
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    "UBND TỈNH CAO BẰNG",
    "SỞ GIAO THÔNG VẬN TẢI",
    "Số: 2679/KH-SGTVT",
    "Cao Bằng, ngày 20 tháng 10 năm 2022",
    "KẾ HOẠCH",
    "I. MỤC ĐÍCH, YÊU CẦU",
    "Nơi nhận:",
    "- Lưu: VT, VP (TĐKT).",
    "KT. GIÁM ĐỐC",
    "PHÓ GIÁM ĐỐC",
    "Lê Văn Định",
]


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def pdf_text(data: bytes) -> str:
    return flat(" ".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages))


def pdf_fonts(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        fonts = page["/Resources"].get_object().get("/Font", {})
        for ref in fonts.values():
            names.add(str(ref.get_object()["/BaseFont"]).split("+")[-1])
    return names


# ---------------------------------------------------------------- shared results (one LibreOffice run per module)


@pytest.fixture(scope="module")
def plan() -> AdminDocument:
    return plan_2679()


@pytest.fixture(scope="module")
def docx_bytes(plan) -> bytes:
    return build_docx(plan)


@pytest.fixture(scope="module")
def docx(docx_bytes):
    return Document(io.BytesIO(docx_bytes))


@pytest.fixture(scope="module")
def libreoffice_pdf(docx_bytes) -> bytes:
    if libreoffice.soffice_path() is None:
        pytest.fail(f"LibreOffice (soffice) is required to check the DOCX opens and converts: "
                    f"{libreoffice.INSTALL_HINT}", pytrace=False)
    return libreoffice.docx_to_pdf(docx_bytes)


@pytest.fixture(scope="module")
def weasyprint_pdf(plan) -> bytes:
    return build_pdf(plan)


# ---------------------------------------------------------------- the printed texts


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (dt.date(2022, 10, 20), "Cao Bằng, ngày 20 tháng 10 năm 2022"),
        (dt.date(2023, 2, 5), "Cao Bằng, ngày 05 tháng 02 năm 2023"),
        (dt.date(2023, 3, 5), "Cao Bằng, ngày 05 tháng 3 năm 2023"),
        (dt.date(2024, 1, 15), "Cao Bằng, ngày 15 tháng 01 năm 2024"),
        (dt.date(2024, 12, 31), "Cao Bằng, ngày 31 tháng 12 năm 2024"),
    ],
)
def test_date_line_adds_a_zero_to_days_below_10_and_to_months_1_and_2(day, expected):
    assert place_date_line("Cao Bằng", day) == expected


def test_date_line_of_a_draft_leaves_day_and_month_blank():
    assert place_date_line("Cao Bằng", None) == "Cao Bằng, ngày      tháng      năm 20.."


def test_number_line_prints_the_number_or_leaves_a_blank_for_a_draft():
    assert number_line("2679/KH-SGTVT") == "Số: 2679/KH-SGTVT"
    assert number_line("/KH-SGTVT") == "Số:      /KH-SGTVT"
    assert number_line("") == "Số:      /"


def test_recipients_end_with_semicolons_and_the_last_with_a_full_stop():
    assert recipient_lines(["- Lãnh đạo Sở;", "Khối Thi đua I", "Lưu: VT, VP (TĐKT)."]) == [
        "- Lãnh đạo Sở;", "- Khối Thi đua I;", "- Lưu: VT, VP (TĐKT).",
    ]


def test_unknown_block_kind_is_refused():
    with pytest.raises(ValueError, match="heading3"):
        Block("heading3", "x")


# ---------------------------------------------------------------- DOCX


def test_page_is_a4_portrait_with_nd30_margins(docx):
    section = docx.sections[0]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    assert round(section.top_margin.cm, 2) == 2.0
    assert round(section.bottom_margin.cm, 2) == 2.0
    assert round(section.left_margin.cm, 2) == 3.0
    assert 1.5 <= round(section.right_margin.cm, 2) <= 2.0


def test_header_table_holds_bodies_and_number_left_national_name_motto_and_date_right(docx):
    head = docx.tables[0]
    left = [p.text for p in head.cell(0, 0).paragraphs if p.text]
    right = [p.text for p in head.cell(0, 1).paragraphs if p.text]
    assert left == ["UBND TỈNH CAO BẰNG", "SỞ GIAO THÔNG VẬN TẢI"]
    assert right == [NATIONAL_NAME, MOTTO]
    assert head.cell(1, 0).text == "Số: 2679/KH-SGTVT"
    assert head.cell(1, 1).text == "Cao Bằng, ngày 20 tháng 10 năm 2022"


def run_of(cell, text):
    return next(r for p in cell.paragraphs for r in p.runs if r.text == text)


def test_header_texts_have_the_nd30_weights_and_sizes(docx):
    head = docx.tables[0]
    governing = run_of(head.cell(0, 0), "UBND TỈNH CAO BẰNG")
    issuing = run_of(head.cell(0, 0), "SỞ GIAO THÔNG VẬN TẢI")
    national = run_of(head.cell(0, 1), NATIONAL_NAME)
    motto = run_of(head.cell(0, 1), MOTTO)
    number = run_of(head.cell(1, 0), "Số: 2679/KH-SGTVT")
    date = run_of(head.cell(1, 1), "Cao Bằng, ngày 20 tháng 10 năm 2022")
    assert (governing.bold, governing.font.size) == (False, Pt(13))
    assert (issuing.bold, issuing.font.size) == (True, Pt(13))
    assert (national.bold, national.font.size) == (True, Pt(13))
    assert (motto.bold, motto.font.size) == (True, Pt(14))
    assert number.font.size == Pt(13)
    assert (date.italic, date.font.size) == (True, Pt(14))


def bottom_rules(cell_or_doc) -> list:
    return [p for p in cell_or_doc.paragraphs if p._p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None]


def rule_length_cm(paragraph, column_cm: float) -> float:
    fmt = paragraph.paragraph_format
    return column_cm - fmt.left_indent.cm - fmt.right_indent.cm


def test_issuing_body_motto_and_title_have_centred_rules_of_nd30_length(docx):
    head = docx.tables[0]
    [issuer_rule] = bottom_rules(head.cell(0, 0))
    [motto_rule] = bottom_rules(head.cell(0, 1))
    [title_rule] = bottom_rules(docx)
    issuer_width = text_width_cm("SỞ GIAO THÔNG VẬN TẢI", 13, bold=True)
    left_col, right_col = head.columns[0].width.cm, head.columns[1].width.cm
    assert issuer_width / 3 <= rule_length_cm(issuer_rule, left_col) <= issuer_width / 2
    assert rule_length_cm(motto_rule, right_col) == pytest.approx(text_width_cm(MOTTO, 14, bold=True), abs=0.05)
    assert 3 < rule_length_cm(title_rule, 16.0) < 8
    for rule in (issuer_rule, motto_rule, title_rule):
        assert rule.paragraph_format.left_indent == rule.paragraph_format.right_indent


def test_header_and_footer_tables_have_no_borders(docx):
    for table in docx.tables:
        borders = table._tbl.tblPr.find(qn("w:tblBorders"))
        assert {el.get(qn("w:val")) for el in borders} == {"nil"}


def test_every_run_is_times_new_roman_for_every_script_at_nd30_sizes(docx):
    head, foot = docx.tables
    recipients_cell = foot.cell(0, 0)
    checked = 0
    containers = [docx, head.cell(0, 0), head.cell(0, 1), head.cell(1, 0), head.cell(1, 1), foot.cell(0, 1)]
    for container, sizes in [(c, (13, 14)) for c in containers] + [(recipients_cell, (11, 12))]:
        for paragraph in container.paragraphs:
            for run in paragraph.runs:
                if not run.text.strip():
                    continue
                fonts = run._r.rPr.rFonts
                assert {fonts.get(qn(f"w:{a}")) for a in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}, run.text
                assert sizes[0] <= run.font.size.pt <= sizes[1], run.text
                checked += 1
    assert checked > 30
    normal = docx.styles["Normal"]
    assert normal.font.name == FONT and normal.font.size == Pt(14)


def body_paragraph(docx, start: str):
    return next(p for p in docx.paragraphs if p.text.startswith(start))


def test_document_type_and_title_are_centred_bold(docx):
    for start in ("KẾ HOẠCH", "Thực hiện Phong trào thi đua"):
        paragraph = body_paragraph(docx, start)
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
        assert all(run.bold for run in paragraph.runs)
        assert paragraph.runs[0].font.size == Pt(14)


def test_body_is_justified_with_a_1_cm_first_line_and_6_pt_between_paragraphs(docx):
    for start in ("Thực hiện Kế hoạch số 2451", "I. MỤC ĐÍCH", "1. Mục đích", "- Đẩy mạnh", "a) Tuyên truyền",
                  "Trên đây là Kế hoạch"):
        paragraph = body_paragraph(docx, start)
        fmt = paragraph.paragraph_format
        assert paragraph.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY, start
        assert round(fmt.first_line_indent.cm, 2) == 1.0, start
        assert fmt.space_after == Pt(6), start
    assert all(r.bold for r in body_paragraph(docx, "I. MỤC ĐÍCH").runs)
    assert all(r.bold for r in body_paragraph(docx, "1. Mục đích").runs)
    assert not any(r.bold for r in body_paragraph(docx, "a) Tuyên truyền").runs)


def test_footer_lists_recipients_left_and_the_signing_block_right(docx):
    foot = docx.tables[1]
    left = [p for p in foot.cell(0, 0).paragraphs if p.text]
    right = [p for p in foot.cell(0, 1).paragraphs if p.text]
    assert left[0].text == "Nơi nhận:"
    assert left[0].runs[0].bold and left[0].runs[0].italic and left[0].runs[0].font.size == Pt(12)
    assert [p.text for p in left[1:]][:2] == ["- Ban TĐKT, Sở Nội vụ Cao Bằng;", "- Khối Thi đua I;"]
    assert left[-1].text == "- Lưu: VT, VP (TĐKT)."
    assert all(p.runs[0].font.size == Pt(11) for p in left[1:])
    assert [p.text for p in right] == ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Lê Văn Định"]
    assert all(p.alignment == WD_ALIGN_PARAGRAPH.CENTER and p.runs[0].bold for p in right)
    assert right[-1].paragraph_format.space_before >= Pt(60)  # room for the signature and the seal


def test_page_numbers_are_centred_in_the_header_except_on_the_first_page(docx):
    section = docx.sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.is_linked_to_previous
    assert not "".join(p.text for p in section.first_page_header.paragraphs).strip()
    [paragraph] = section.header.paragraphs
    assert paragraph.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert [t.text.strip() for t in paragraph._p.iter(qn("w:instrText"))] == ["PAGE"]


def test_a_draft_prints_blank_number_and_date():
    draft = plan_2679()
    draft.number, draft.issued_on, draft.governing_body = "/KH-SGTVT", None, ""
    head = Document(io.BytesIO(build_docx(draft))).tables[0]
    assert [p.text for p in head.cell(0, 0).paragraphs if p.text] == ["SỞ GIAO THÔNG VẬN TẢI"]
    assert head.cell(1, 0).text == "Số:      /KH-SGTVT"
    assert head.cell(1, 1).text == "Cao Bằng, ngày      tháng      năm 20.."


# ---------------------------------------------------------------- PDF


def test_libreoffice_opens_the_docx_and_converts_it_to_pdf(libreoffice_pdf):
    text = pdf_text(libreoffice_pdf)
    for expected in EXPECTED_TEXTS:
        assert expected in text, expected
    assert "Thực hiện Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại" in text


def test_build_pdf_prints_the_same_texts(weasyprint_pdf):
    text = pdf_text(weasyprint_pdf)
    for expected in EXPECTED_TEXTS:
        assert expected in text, expected


@pytest.mark.parametrize("route", ["libreoffice_pdf", "weasyprint_pdf"])
def test_pdf_is_a4_uses_a_times_metric_font_for_every_letter_and_numbers_pages_from_two(route, request):
    data = request.getfixturevalue(route)
    reader = PdfReader(io.BytesIO(data))
    assert len(reader.pages) >= 2
    box = reader.pages[0].mediabox
    assert (round(float(box.width) / 72 * 2.54, 1), round(float(box.height) / 72 * 2.54, 1)) == (21.0, 29.7)
    fonts = pdf_fonts(data)
    assert fonts and all(re.sub(r"[-_ ]", "", f).startswith(("LiberationSerif", "TimesNewRoman", "Tinos"))
                         for f in fonts), (
        f"{fonts}: a fallback font means the serif font lacks Vietnamese letters; apt-get install fonts-liberation2")
    first = flat(reader.pages[0].extract_text())
    second = flat(reader.pages[1].extract_text())
    assert not re.match(r"^1\b", first)
    assert re.match(r"^2\b", second) or re.search(r"\b2$", second), second[:80]
