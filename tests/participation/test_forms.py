import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.core.money import parse_money as _parse
from thidua.participation.evidence import check_upload

from .helpers import jpeg_bytes, pdf_bytes


def parse_money(text):
    """Activity values may be left empty or zero."""
    return _parse(text, allow_zero=True)


@pytest.mark.parametrize("text, amount", [
    ("1.000.000", 1_000_000), ("1 000 000", 1_000_000), ("1.000.000 đ", 1_000_000), ("1.000.000đ", 1_000_000),
    ("2500000", 2_500_000), ("1,000,000", 1_000_000), ("1\u00a0000\u00a0000 đồng", 1_000_000), ("", 0), ("0", 0),
])
def test_money_accepts_the_ways_people_write_dong(text, amount):
    assert parse_money(text) == amount


@pytest.mark.parametrize("text, message", [
    ("-100.000", "âm"), ("1.000,5", "phần lẻ"), ("1,5", "phần lẻ"), ("12.5", "phần lẻ"),
    ("abc", "không phải là số tiền"), ("1.00.000", "nhóm ba chữ số"),
])
def test_money_refuses_negative_fractional_and_text(text, message):
    with pytest.raises(ValidationError) as exc:
        parse_money(text)
    assert message in exc.value.messages[0]


def test_a_real_jpeg_is_accepted_and_measured():
    checked = check_upload(SimpleUploadedFile("anh.jpg", jpeg_bytes((64, 48))))
    assert (checked.kind, checked.extension, checked.width, checked.height) == ("photo", "jpg", 64, 48)


def test_an_executable_renamed_jpg_is_refused():
    with pytest.raises(ValidationError) as exc:
        check_upload(SimpleUploadedFile("anh.jpg", b"MZ\x90\x00" + b"\x00" * 500))
    assert "không phải ảnh" in exc.value.messages[0]


def test_a_png_named_pdf_is_judged_by_content_and_a_pdf_is_accepted():
    assert check_upload(SimpleUploadedFile("bien-ban.pdf", pdf_bytes())).kind == "pdf"
    assert check_upload(SimpleUploadedFile("bien-ban.png", pdf_bytes(3))).kind == "pdf"


def test_a_100_mb_photo_is_refused_with_the_limit_stated():
    upload = SimpleUploadedFile("anh-lon.jpg", jpeg_bytes())
    upload.size = 100 * 1024 * 1024
    with pytest.raises(ValidationError) as exc:
        check_upload(upload)
    assert "10 MB" in exc.value.messages[0] and "100,0 MB" in exc.value.messages[0]
