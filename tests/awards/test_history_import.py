"""The import of past awards: the template, a row error for each unknown person, unknown form, ambiguous name (and
nothing written), a good file written whole with its audit rows, and the importer's scope checked again."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.awards import award_import
from thidua.awards.models import Award, AwardImport
from thidua.core.models import AuditAction, AuditEvent
from thidua.org import services as org_services
from thidua.org.models import Assignment

from .history_helpers import read_xlsx

HEADER = ["STT", "Họ và tên", "Ngày sinh", "Đơn vị", "Chức vụ", "Hình thức khen thưởng", "Năm", "Số quyết định",
          "Ngày quyết định", "Cấp quyết định", "Loại", "Cấp khen"]
BIRTH = dt.date(1980, 1, 1)  # the world's people


def xlsx(rows, header=HEADER) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, data: bytes, agency):
    return client.post(reverse("awards:award_import_start"),
                       {"file": SimpleUploadedFile("khen-thuong.xlsx", data), "agency": agency.pk})


def test_template_downloads_with_the_columns_and_the_forms(world, client):
    world.login(client, "vanphong")
    response = client.get(reverse("awards:award_import_template"))
    assert response.status_code == 200
    workbook = openpyxl.load_workbook(io.BytesIO(response.content), read_only=True)
    header = [c.value for c in next(workbook.worksheets[0].iter_rows(max_row=1))]
    assert header[0] == "Họ và tên *" and "Hình thức khen thưởng *" in header and "Số quyết định *" in header
    values = [row for row in workbook["Giá trị hợp lệ"].iter_rows(values_only=True)]
    assert "Lao động tiên tiến" in [r[0] for r in values]
    assert client.get(reverse("awards:award_import_start")).status_code == 200


def test_unknown_person_unknown_form_ambiguous_name_each_a_row_error_and_nothing_written(world, client):
    twin = org_services.create_person(actor=None, unit=world.planning, full_name="Nguyễn Thị Lan", gender="female",
                                      birth_date=BIRTH, employment_type="cong_chuc", start_date=dt.date(2020, 1, 1),
                                      allow_duplicate=True)
    assert twin.pk
    data = xlsx([
        [1, "Nguyễn Văn An", BIRTH, "", "Chuyên viên", "Lao động tiên tiến", 2015, "10/QĐ-SGTVT", "20/12/2015"],
        [2, "Trần Văn Không", "02/03/1975", "", "", "Lao động tiên tiến", 2015, "10/QĐ-SGTVT", "20/12/2015"],
        [3, "Nguyễn Văn An", BIRTH, "", "", "Huy chương vàng Olympic", 2016, "11/QĐ-SGTVT", "20/12/2016"],
        [4, "Nguyễn Thị Lan", BIRTH, "", "", "Lao động tiên tiến", 2016, "11/QĐ-SGTVT", "20/12/2016"],
    ])
    world.login(client, "vanphong")
    upload(client, data, world.agency)
    batch = AwardImport.objects.get()
    assert batch.status == "invalid" and batch.error_count == 3
    errors = {e["row"]: e["message"] for e in batch.report["errors"]}
    assert "Không tìm thấy cán bộ Trần Văn Không, sinh 02/03/1975" in errors[3]
    assert "Huy chương vàng Olympic" in errors[4]
    assert "Có 2 cán bộ Nguyễn Thị Lan" in errors[5]
    assert 2 not in errors
    assert not Award.objects.exists()
    page = client.get(reverse("awards:award_import", args=[batch.pk])).content.decode()
    assert "Trần Văn Không" in page and "Huy chương vàng Olympic" in page
    client.post(reverse("awards:award_import_confirm", args=[batch.pk]))
    assert not Award.objects.exists()


def test_ambiguous_form_names_the_candidates(world):
    data = xlsx([[1, "Nguyễn Văn An", BIRTH, "", "", "Bằng khen", 2015, "10/QĐ", "20/12/2015"]])
    result = award_import.check_file("k.xlsx", data, world.agency, user=world.users["vanphong"])
    assert not result.ok and "ứng với nhiều hình thức" in result.errors[0]["message"]
    assert not Award.objects.exists()


def test_a_good_file_imports_every_row(world, client):
    an = world.people["canbo"]
    Assignment.objects.filter(person=an).update(start_date=dt.date(2019, 6, 1))
    Assignment.objects.create(person=an, unit=world.planning, position="Nhân viên", start_date=dt.date(2012, 1, 1),
                              end_date=dt.date(2019, 5, 31))
    data = xlsx([
        [1, "nguyen van an", "01/01/1980", "", "", "lao-dong-tien-tien", 2015, "10/QĐ-SGTVT", "20/12/2015"],
        [2, "Nguyễn Văn An", BIRTH, "Phòng Quản lý vận tải, phương tiện và người lái", "Chuyên viên",
         "Bằng khen của Chủ tịch UBND tỉnh", 2020, "1234/QĐ-UBND", "15/01/2021", "Chủ tịch UBND tỉnh", "Đột xuất"],
        [3, "Phòng Kế hoạch - Tài chính", "", "", "", "Tập thể lao động tiên tiến", 2018, "90/QĐ-SGTVT",
         dt.date(2018, 12, 25), "", "", "Cấp Sở"],
        [4, "Nguyễn Thị Lan", BIRTH, "", "", "Chiến sĩ thi đua cơ sở", 2017, "80/QĐ-SGTVT", "20/12/2017", "", "chuyen de"],
    ])
    world.login(client, "vanphong")
    upload(client, data, world.agency)
    batch = AwardImport.objects.get()
    assert batch.status == "ready", batch.report
    assert not Award.objects.exists()  # the preview writes nothing
    client.post(reverse("awards:award_import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "applied" and batch.created_rows == 4
    first = Award.objects.get(person=an, year=2015)
    assert first.source == "import" and first.agency == world.agency and first.level == "agency"
    assert first.kind == "merit" and first.decision_date == dt.date(2015, 12, 20)
    # the unit and position of the time, from his assignments
    assert first.unit == world.planning and first.unit_name == "Phòng Kế hoạch - Tài chính"
    assert first.position == "Nhân viên" and first.authority == "Giám đốc Sở"
    bk = Award.objects.get(person=an, year=2020)
    assert bk.level == "province" and bk.kind == "sudden" and bk.position == "Chuyên viên"
    assert bk.unit == world.transport and bk.authority == "Chủ tịch UBND tỉnh"
    collective = Award.objects.get(recipient="collective")
    assert collective.unit == world.planning and collective.name == "Phòng Kế hoạch - Tài chính"
    assert Award.objects.get(person=world.people["canbo2"]).kind == "thematic"
    assert AuditEvent.objects.filter(target_type="awards.award", action=AuditAction.CREATE).count() == 4
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT, target_type="awards.awardimport").exists()
    html = client.get(reverse("awards:history"), {"q": "nguyen van an"}).content.decode()
    assert "1234/QĐ-UBND" in html and "10/QĐ-SGTVT" in html
    # the same file again: each row already recorded
    upload(client, data, world.agency)
    again = AwardImport.objects.order_by("-pk").first()
    assert again.status == "invalid" and again.error_count == 4
    assert "Đã có trong lịch sử khen thưởng" in again.report["errors"][0]["message"]


def test_legacy_tcvn3_names_are_converted(world):
    # "Nguyễn Văn An" typed in the .VnTime font (TCVN3), as old records are
    data = xlsx([[1, "NguyÔn V¨n An", BIRTH, "", "", "Lao ®éng tiªn tiÕn", 2015, "10/Q§-SGTVT", "20/12/2015"]])
    result = award_import.check_file("k.xlsx", data, world.agency, user=world.users["vanphong"])
    assert result.ok, result.errors
    assert result.rows[0]["person_id"] == world.people["canbo"].pk
    assert result.rows[0]["form_name"] == "Lao động tiên tiến"


def test_only_the_office_imports_and_confirm_checks_again(world, client):
    data = xlsx([[1, "Nguyễn Văn An", BIRTH, "", "", "Lao động tiên tiến", 2015, "10/QĐ-SGTVT", "20/12/2015"]])
    world.login(client, "truongphong")
    assert client.get(reverse("awards:award_import_start")).status_code == 403
    assert client.get(reverse("awards:award_import_template")).status_code == 403
    world.login(client, "vanphong_khac")
    response = upload(client, data, world.agency)  # not one of his agencies: the form refuses it
    assert response.status_code == 200 and not AwardImport.objects.exists()
    world.login(client, "vanphong")
    upload(client, data, world.agency)
    batch = AwardImport.objects.get()
    assert batch.status == "ready"
    from thidua.org.models import RoleGrant

    RoleGrant.objects.filter(user=world.users["vanphong"]).update(is_active=False)
    result = award_import.check_file(batch.filename, data, world.agency, user=world.users["vanphong"])
    assert "Chỉ Văn phòng" in result.file_error
    assert not Award.objects.exists()


def test_export_matches_the_import(world, client):
    data = xlsx([[1, "Nguyễn Văn An", BIRTH, "", "Chuyên viên", "Lao động tiên tiến", 2015, "10/QĐ-SGTVT",
                  "20/12/2015"]])
    award_import.import_file("k.xlsx", data, world.agency, actor=world.users["vanphong"])
    world.login(client, "canbo")
    rows = read_xlsx(client.get(reverse("awards:my_awards_export")).content)
    assert rows[2][2] == "Nguyễn Văn An" and rows[2][9] == "10/QĐ-SGTVT"
