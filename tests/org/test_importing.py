import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from thidua.core.models import AuditAction, AuditEvent
from thidua.org.importing import check_file
from thidua.org.models import Person, StaffImport

HEADER = ["STT", "Họ và tên", "Giới tính", "Ngày sinh", "Đơn vị", "Chức vụ", "Ngạch", "Loại cán bộ", "Điện thoại",
          "Thư điện tử"]


def xlsx(rows, header=HEADER) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(header)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def row(name="Lô Văn Minh", gender="Nam", birth=dt.date(1990, 3, 4), unit="Văn phòng Sở", employment="Công chức"):
    return [1, name, gender, birth, unit, "Chuyên viên", "Chuyên viên", employment, "0912345678", ""]


def test_a_clean_file_is_written_all_rows_with_history_and_audit(world):
    data = xlsx([row(), row("Hà Thị Nga", "Nữ", "20/10/1985", "Phòng Kế hoạch - Tài chính")])
    result = check_file("ds.xlsx", data, world.agency)
    assert result.ok, result.errors
    from thidua.org.importing import write_rows

    write_rows(result.rows, world.agency, actor=world.users["vanphong"], filename="ds.xlsx")
    nga = Person.objects.get(full_name="Hà Thị Nga")
    assert nga.birth_date == dt.date(1985, 10, 20)
    assert nga.unit == world.planning
    assert nga.assignments.count() == 1
    assert AuditEvent.objects.filter(action=AuditAction.CREATE, target_id=str(nga.pk), target_type="org.person").exists()


def test_every_bad_row_is_reported_by_row_and_column(world):
    data = xlsx([
        row(),
        row(name=""),
        row(birth="31/02/1990"),
        row(name="Nông Thị Xuân", birth=dt.date(2999, 1, 1)),
        row(name="Lý Văn Bình", unit="Phòng Không Tồn Tại"),
        row(),
        row(name="Đàm Văn Quang", birth=dt.date(1980, 1, 1), unit="Phòng Quản lý vận tải, phương tiện và người lái"),
        row(name="Vi Văn Giới", gender="Không rõ"),
    ])
    result = check_file("ds.xlsx", data, world.agency)
    errors = {(e["row"], e["column"]) for e in result.errors}
    messages = " | ".join(e["message"] for e in result.errors)
    assert (3, "Họ và tên") in errors and "Thiếu họ và tên" in messages
    assert (4, "Ngày sinh") in errors and "31/02/1990" in messages
    assert (5, "Ngày sinh") in errors and "tương lai" in messages
    assert (6, "Đơn vị") in errors and "Phòng Không Tồn Tại" in messages
    assert (7, "Họ và tên") in errors and "Trùng với dòng 2" in messages
    assert (8, "Họ và tên") in errors and "Đã có trong hệ thống" in messages
    assert (9, "Giới tính") in errors
    assert not result.ok


@pytest.mark.parametrize(
    "filename,data,message",
    [
        ("rong.xlsx", b"", "Tệp rỗng"),
        ("gia.xlsx", b"day khong phai bang tinh" * 10, "không phải là bảng tính Excel"),
        ("cu.xls", b"\xd0\xcf\x11\xe0" + b"x" * 100, ".xls"),
        ("anh.png", b"\x89PNG\r\n" + b"x" * 100, "Chỉ nhận tệp Excel"),
    ],
)
def test_unreadable_files_get_a_clear_message(world, filename, data, message):
    result = check_file(filename, data, world.agency)
    assert message in result.file_error


def test_wrong_or_missing_columns_are_named(world):
    result = check_file("ds.xlsx", xlsx([["a", "b"]], header=["Tên", "Tuổi"]), world.agency)
    assert "Thiếu cột bắt buộc" in result.file_error
    assert "Giới tính" in result.file_error and "Tuổi" in result.file_error


def test_header_only_file_is_refused(world):
    assert "không có dòng dữ liệu" in check_file("ds.xlsx", xlsx([]), world.agency).file_error


def test_formulas_are_read_as_values_and_never_evaluated(world):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(HEADER)
    ws.append(row())
    ws["F2"] = '=HYPERLINK("http://evil.example","x")'
    buf = io.BytesIO()
    wb.save(buf)
    result = check_file("ds.xlsx", buf.getvalue(), world.agency)
    # openpyxl wrote no cached value: the formula is not evaluated, the cell is read as empty
    assert result.ok
    assert result.rows[0]["position"] == ""


def test_csv_with_text_dates_and_decomposed_names_is_stored_nfc(world):
    name = unicodedata.normalize("NFD", "Hoàng Thị Thuỷ")
    text = "Họ và tên,Giới tính,Ngày sinh,Đơn vị,Loại cán bộ\n" + f"{name},Nữ,05/06/1992,Văn phòng Sở,Viên chức\n"
    result = check_file("ds.csv", text.encode("utf-8"), world.agency)
    assert result.ok, result.errors
    assert result.rows[0]["full_name"] == unicodedata.normalize("NFC", "Hoàng Thị Thuỷ")
    assert result.rows[0]["birth_date"] == dt.date(1992, 6, 5)


def test_legacy_tcvn3_and_vni_names_are_converted_and_listed(world):
    data = xlsx([row(name="NguyÔn V¨n B×nh"), row(name="Nguyeãn Thò Hoa", gender="Nữ")])
    result = check_file("ds.xlsx", data, world.agency)
    assert result.ok, result.errors
    assert [r["full_name"] for r in result.rows] == ["Nguyễn Văn Bình", "Nguyễn Thị Hoa"]
    assert {c["encoding"] for c in result.conversions} == {"TCVN3", "VNI"}


def test_a_name_ambiguous_on_its_own_follows_the_files_legacy_encoding(world):
    # "Vò" is a Unicode word, and the TCVN3 spelling of "Vũ": the rest of the file says which
    data = xlsx([row(name="NguyÔn V¨n B×nh"), row(name="TrÇn ThÞ Lan", gender="Nữ"), row(name="Hoµng V¨n Nam"),
                 row(name="Vò Thu Trang", gender="Nữ")])
    result = check_file("ds.xlsx", data, world.agency)
    assert result.ok, result.errors
    assert result.rows[-1]["full_name"] == "Vũ Thu Trang"
    assert [c["to"] for c in result.conversions if c["row"] == 5] == ["Vũ Thu Trang"]


def test_a_unicode_file_is_left_alone(world):
    result = check_file("ds.xlsx", xlsx([row(name="Vò Thu Trang", gender="Nữ"), row(name="Hà Thị Nga", gender="Nữ")]),
                        world.agency)
    assert [r["full_name"] for r in result.rows] == ["Vò Thu Trang", "Hà Thị Nga"]


def test_upload_preview_then_confirm_writes_everything(world, client):
    world.login(client, "vanphong")
    upload = SimpleUploadedFile("ds.xlsx", xlsx([row(), row("Hà Thị Nga", "Nữ")]))
    response = client.post(reverse("org:import_start"), {"file": upload, "agency": world.agency.pk})
    staff_import = StaffImport.objects.get()
    assert response["Location"] == reverse("org:import_detail", args=[staff_import.pk])
    page = client.get(response["Location"]).content.decode()
    assert "Ghi 2 cán bộ vào hệ thống" in page
    assert not Person.objects.filter(full_name="Hà Thị Nga").exists()
    client.post(reverse("org:import_confirm", args=[staff_import.pk]))
    staff_import.refresh_from_db()
    assert staff_import.status == "applied"
    assert Person.objects.filter(full_name__in=["Lô Văn Minh", "Hà Thị Nga"]).count() == 2


def test_a_file_with_one_bad_row_writes_nothing_and_cannot_be_confirmed(world, client):
    world.login(client, "vanphong")
    before = Person.objects.count()
    upload = SimpleUploadedFile("ds.xlsx", xlsx([row(), row("Hà Thị Nga", unit="Phòng Ma")]))
    response = client.post(reverse("org:import_start"), {"file": upload, "agency": world.agency.pk}, follow=True)
    page = response.content.decode()
    assert "Không tìm thấy đơn vị" in page and "Phòng Ma" in page
    staff_import = StaffImport.objects.get()
    client.post(reverse("org:import_confirm", args=[staff_import.pk]))
    assert Person.objects.count() == before


def test_a_50_mb_upload_is_refused_with_the_limit_stated(world, client):
    world.login(client, "vanphong")
    upload = SimpleUploadedFile("lon.xlsx", b"0" * (50 * 1024 * 1024))
    response = client.post(reverse("org:import_start"), {"file": upload, "agency": world.agency.pk})
    page = response.content.decode()
    assert "Tệp quá lớn (50,0 MB); giới hạn là 20 MB." in page
    assert not StaffImport.objects.exists()


def test_the_template_downloads_and_is_accepted_back(world, client):
    world.login(client, "vanphong")
    response = client.get(reverse("org:import_template"), {"agency": world.agency.pk})
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    assert wb.active.cell(1, 1).value.startswith("Họ và tên")
    units = [c.value for c in wb["Giá trị hợp lệ"]["A"][1:] if c.value]
    assert "Văn phòng Sở" in units
    result = check_file("mau.xlsx", response.content, world.agency)
    assert result.ok, result.errors


def test_import_staff_command_prints_row_errors_and_exits_non_zero(world, tmp_path, capsys):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(xlsx([row(), row(name="")]))
    with pytest.raises(CommandError) as exc:
        call_command("import_staff", str(path), "--agency", "Sở GTVT", "--dry-run")
    assert "không ghi dòng nào" in str(exc.value)
    assert "Dòng 3, cột Họ và tên: Thiếu họ và tên." in capsys.readouterr().err


def test_import_staff_command_writes_a_clean_file(world, tmp_path, capsys):
    path = tmp_path / "ds.xlsx"
    path.write_bytes(xlsx([row()]))
    call_command("import_staff", str(path), "--agency", "giao thong van tai")
    assert "Đã ghi 1 cán bộ" in capsys.readouterr().out
    assert Person.objects.filter(full_name="Lô Văn Minh").exists()
