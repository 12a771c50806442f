"""extract_text: DOCX (paragraphs and tables in order), PDF text layer, plain text encodings, bad inputs."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader, PdfWriter

from thidua.movements.extract import DocumentError, ExtractedText, default_max_bytes, extract_text

from .fixtures.pdfmake import image_pdf, text_pdf
from .fixtures.plans import bgtvt_lines, bgtvt_pdf, syt_docx

VI = "Kế hoạch thực hiện Phong trào thi đua “Vì người nghèo - Không để ai bị bỏ lại phía sau”\nĐoàn Thanh niên"


def test_docx_paragraphs_and_tables_in_document_order():
    result = extract_text("ke-hoach.docx", syt_docx())
    assert isinstance(result, ExtractedText) and result.kind == "docx"
    lines = result.text.split("\n")
    assert lines[:2] == ["UBND TỈNH LẠNG SƠN", "SỞ Y TẾ"]  # layout table: cell after cell
    assert "Số: 152/KH-SYT | Lạng Sơn, ngày 03 tháng 3 năm 2023" in lines  # one-line cells: one row
    assert lines.index("2. Hình thức khen thưởng") < lines.index("Hình thức | Thời điểm | Số lượng") < lines.index(
        "V. TIẾN ĐỘ THỰC HIỆN") < lines.index("Quý IV/2025 | Tổng kết phong trào thi đua")
    assert lines[-1] == "Hoàng Văn Phúc"


def test_pdf_text_layer():
    result = extract_text("kh.pdf", bgtvt_pdf())
    assert result.kind == "pdf" and result.pages == 2
    assert result.text.split("\n")[:3] == bgtvt_lines()[:3]
    assert "Trần Quang Vinh" in result.text


def test_pdf_owner_password_only_is_read():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([["Kế hoạch số 12/KH-SYT về thi đua"]]))))
    writer.encrypt(user_password="", owner_password="chu-so-huu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert "12/KH-SYT" in extract_text("a.pdf", out.getvalue()).text


@pytest.mark.parametrize("encoding,prefix", [
    ("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("utf-16-le", b"\xff\xfe"),
    ("utf-16-be", b"\xfe\xff"),
])
def test_plain_text_unicode(encoding, prefix):
    result = extract_text("kh.txt", prefix + VI.encode(encoding))
    assert result.kind == "text"
    assert result.text == VI


def test_plain_text_legacy_code_pages_and_nfc():
    # cp1258 (Windows Vietnamese) writes tones as combining marks after a precomposed vowel
    assert extract_text("a.txt", "Cô\u0323ng ho\u0300a Đà".encode("cp1258")).text == "Cộng hòa Đà"
    assert extract_text("a.txt", "Café résumé".encode("cp1252")).text == "Café résumé"
    decomposed = "Nguye\u0302\u0303n Va\u0306n \u0110u\u031b\u0301c\r\nDo\u0300ng 2"
    assert extract_text("a.txt", decomposed.encode("utf-8")).text == "Nguyễn Văn Đức\nDòng 2"


def _message(filename: str, data: bytes, **kw) -> str:
    with pytest.raises(DocumentError) as info:
        extract_text(filename, data, **kw)
    return info.value.message


def test_empty_files():
    assert "rỗng" in _message("a.docx", b"")
    assert "rỗng" in _message("a.txt", b" \r\n\t ")
    assert "rỗng" in _message("a.txt", b"\xef\xbb\xbf")


@pytest.mark.parametrize("data,what", [
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 100, "ảnh PNG"),
    (b"\xff\xd8\xff\xe0" + b"\x00" * 100, "ảnh JPEG"),
    (b"MZ\x90\x00" + b"\x00" * 100, "chương trình"),
    (b"\x7fELF\x02\x01" + b"\x00" * 100, "chương trình"),
    (bytes(range(256)) * 4, "nhị phân"),
])
def test_not_a_document_renamed_docx(data, what):
    message = _message("ke-hoach.docx", data)
    assert what in message and "ke-hoach.docx" in message and ".docx" in message


def test_other_zip_and_old_word():
    import zipfile

    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    assert "Excel" in _message("a.docx", buf.getvalue())
    assert ".doc" in _message("a.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "hỏng" in _message("a.docx", b"PK\x03\x04 not really a zip")


def test_encrypted_pdf():
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf([["Kế hoạch mật"]]))))
    writer.encrypt(user_password="bi-mat", owner_password="chu", algorithm="RC4-128")
    out = io.BytesIO()
    writer.write(out)
    assert _message("a.pdf", out.getvalue()).startswith("Tệp PDF được bảo vệ bằng mật khẩu")


def test_image_only_pdf():
    assert _message("scan.pdf", image_pdf(3)) == (
        "Tệp PDF không có lớp chữ (bản quét ảnh): cần nhận dạng ký tự (OCR) trước khi nhập."
    )


def test_broken_pdf():
    assert "hỏng" in _message("a.pdf", b"%PDF-1.7\n garbage garbage")


def test_size_limit():
    data = b"a" * (30 * 1024 * 1024)
    assert _message("big.txt", data) == "Tệp quá lớn (30,0 MB); giới hạn là 20 MB."


def test_size_limit_parameter_and_settings(settings):
    assert "giới hạn là 1 MB" in _message("a.txt", b"a" * (1024 * 1024 + 1), max_bytes=1024 * 1024)
    assert default_max_bytes() == 20 * 1024 * 1024
    settings.PLAN_IMPORT_MAX_BYTES = 5 * 1024 * 1024
    assert default_max_bytes() == 5 * 1024 * 1024
    assert _message("a.txt", b"a" * (6 * 1024 * 1024)) == "Tệp quá lớn (6,0 MB); giới hạn là 5 MB."
