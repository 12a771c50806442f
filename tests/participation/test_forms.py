
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.core.money import parse_money as _parse
from thidua.participation.evidence import check_upload
from thidua.participation.models import Household

from .helpers import activity_post, household, jpeg_bytes, pdf_bytes


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


@pytest.mark.parametrize("members, message", [
    ("-3", "Số nhân khẩu phải từ 1 người trở lên."), ("0", "Số nhân khẩu phải từ 1 người trở lên."),
    ("51", "Số nhân khẩu tối đa 50 người; hãy kiểm tra lại."), ("ba", "Số nhân khẩu phải là một số nguyên, ví dụ 5."),
])
def test_household_form_speaks_the_house_style(world, client, members, message):
    world.login(client, "vanphong")
    html = client.post(reverse("participation:household_add"), {
        "head_name": "Lò Văn Pó", "members": members, "commune": "00004", "ethnicity": "martian",
        "agency": world.agency.pk}).content.decode()
    assert message in html
    assert "Xã, phường không có trong danh sách của tỉnh Cao Bằng." in html
    assert "Dân tộc đã chọn không có trong danh sách." in html
    assert "Đảm bảo" not in html and "Hãy chọn một lựa chọn hợp lệ" not in html
    assert not Household.objects.exists()


def test_activity_status_and_student_forms_do_not_leak_djangos_wording(world, client):
    hh = household(world)
    world.login(client, "vanphong")
    html = client.post(reverse("participation:activity_add"), activity_post(
        world, kind="bribe", held_on="31/02/2025", units=["999999"], people=["x"], households=["999999"],
        students=["999999"], content_items=["999999"], commune="00004")).content.decode()
    for message in ("Hình thức đã chọn không có trong danh sách.",
                    "Ngày 31/02/2025 không có thật: tháng 2 năm 2025 có 28 ngày.",
                    "Đơn vị đã chọn không thuộc phạm vi bạn được ghi.",
                    "Người đã chọn không thuộc phạm vi bạn được ghi.",
                    "Hộ đã chọn không có trong danh sách hộ của cơ quan.",
                    "Học sinh đã chọn không có trong danh sách học sinh của cơ quan.",
                    "Nội dung đã chọn không thuộc phong trào đang phát động của cơ quan.",
                    "Xã, phường không có trong danh sách của tỉnh Cao Bằng."):
        assert message in html
    html += client.post(reverse("participation:household_classify", args=[hh.pk]), {
        "year": "1990", "category": "rich", "classified_by": "UBND", "classified_on": "hôm qua"}).content.decode()
    assert "Hãy chọn năm trong danh sách." in html and "Phân loại không hợp lệ" in html
    html += client.post(reverse("participation:student_add"), {
        "full_name": "Lò Thị Mai", "school": "Trường THCS Thông Nông", "grade": "7", "household": "999999",
        "agency": world.agency.pk}).content.decode()
    assert "Hộ đã chọn không có trong danh sách hộ của cơ quan." in html
    for leak in ("Hãy chọn một lựa chọn hợp lệ", "Đảm bảo", "Nhập một ngày hợp lệ", "không phải là giá trị hợp lệ"):
        assert leak not in html


def test_activity_date_fields_show_a_recent_example_not_a_birth_date(world, client):
    world.login(client, "vanphong")
    for url in (reverse("participation:activities"), reverse("participation:activity_add")):
        page = client.get(url).content.decode()
        assert "vd. 20/10/2025" in page and "20/10/1985" not in page, url
