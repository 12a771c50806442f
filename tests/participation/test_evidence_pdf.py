"""Evidence PDFs are checked by parsing them; fakes, polyglots and active PDFs are refused with a message."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.participation.evidence import check_upload

from .helpers import jpeg_bytes, pdf_bytes


def refused(data: bytes, name="bien-ban.pdf") -> str:
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile(name, data))
    return exc.value.messages[0]


def test_a_real_pdf_is_accepted():
    assert check_upload(SimpleUploadedFile("bien-ban.pdf", pdf_bytes(2))).kind == "pdf"


def test_a_file_with_only_the_first_and_last_bytes_of_a_pdf_is_refused():
    assert "không đọc được" in refused(b"%PDF-1.4\n1 0 obj\n%%EOF\n")
    assert "không đọc được" in refused(b"%PDF-1.7\n" + b"x" * 5000 + b"\n%%EOF")


def test_a_pdf_with_a_web_page_or_an_archive_appended_is_refused():
    for tail in (b"<html><script>alert(1)</script></html>", b"PK\x03\x04" + b"\x00" * 40 + b"PK\x05\x06" + b"\0" * 18):
        assert "không phải một PDF thuần" in refused(pdf_bytes() + tail)


def test_a_pdf_with_markup_in_its_head_is_refused():
    data = pdf_bytes()
    first_line = data.index(b"\n") + 1
    polyglot = data[:first_line] + b"%<html><body><script>alert(document.cookie)</script>\n" + data[first_line:]
    assert "không phải một PDF thuần" in refused(polyglot)


def test_a_pdf_that_runs_javascript_or_carries_a_file_is_refused():
    assert "mã chạy tự động" in refused(pdf_bytes(javascript="app.alert('x')"))
    assert "mã chạy tự động" in refused(pdf_bytes(attachment=b"MZ\x90\x00 program"))


def test_an_encrypted_pdf_is_refused():
    assert "mật khẩu" in refused(pdf_bytes(password="bi-mat"))


def test_a_photo_that_is_also_a_pdf_or_a_web_page_is_refused():
    jpeg = jpeg_bytes()
    # a JPEG comment segment (FFFE) right after the SOI marker, holding a PDF header or markup
    for payload in (b"%PDF-1.4 1 0 obj", b"<html><script>alert(1)</script>"):
        segment = b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload
        assert "chứa lẫn nội dung" in refused(jpeg[:2] + segment + jpeg[2:], name="anh.jpg")
    assert "chứa lẫn nội dung" in refused(jpeg + b"PK\x05\x06" + b"\0" * 18, name="anh.jpg")
