"""The ratings import: template, preview, row errors naming row and column, all or nothing; the Office's ratings
confirmed, a unit head's proposed and for his unit only."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from thidua.awards.models import Rating, RatingImport
from thidua.awards.rating_import import check_file, write_rows
from thidua.core.models import AuditAction, AuditEvent

from .inputs_helpers import movement_years

HEADER = ["STT", "Năm", "Họ và tên", "Ngày sinh", "Đơn vị", "Xếp loại"]
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
    return client.post(reverse("awards:ratings_import"),
                       {"file": SimpleUploadedFile("xep-loai.xlsx", data), "agency": agency.pk})


def test_office_imports_confirmed_ratings_of_people_and_units(world, client):
    movement_years(world)
    data = xlsx([
        [1, 2024, "Nguyễn Văn An", BIRTH, "", "Hoàn thành xuất sắc nhiệm vụ"],
        [2, 2024, "nguyen thi lan", "01/01/1980", "", "hoan thanh tot nhiem vu"],
        [3, 2024, "", "", "Phòng Kế hoạch - Tài chính", "HTNV"],
    ])
    world.login(client, "vanphong")
    response = upload(client, data, world.agency)
    batch = RatingImport.objects.get()
    assert response["Location"] == reverse("awards:rating_import", args=[batch.pk])
    assert batch.status == "ready" and batch.total_rows == 3
    assert not Rating.objects.exists()  # the preview writes nothing
    client.post(reverse("awards:rating_import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "applied" and batch.created_rows == 3
    an = Rating.objects.get(person=world.people["canbo"], year=2024)
    assert an.grade == "excellent" and an.is_confirmed and an.confirmed_by == world.users["vanphong"]
    assert Rating.objects.get(person=world.people["canbo2"]).grade == "good"
    assert Rating.objects.get(unit=world.planning, person__isnull=True).grade == "done"
    assert AuditEvent.objects.filter(target_type="awards.rating", action=AuditAction.CREATE).count() == 3
    assert AuditEvent.objects.filter(action=AuditAction.IMPORT, target_type="awards.ratingimport").exists()


def test_every_bad_row_is_named_by_row_and_column_and_nothing_is_written(world):
    movement_years(world)
    data = xlsx([
        [1, 2024, "Nguyễn Văn An", BIRTH, "", "Hoàn thành tốt nhiệm vụ"],
        [2, 2014, "Nguyễn Văn An", BIRTH, "", "Hoàn thành tốt nhiệm vụ"],
        [3, 2024, "Nguyễn Văn An", BIRTH, "", "Tuyệt vời"],
        [4, 2024, "Người Không Có", BIRTH, "", "Hoàn thành nhiệm vụ"],
        [5, 2024, "Nguyễn Thị Lan", "", "", "Hoàn thành nhiệm vụ"],
        [6, 2024, "", "", "", "Hoàn thành nhiệm vụ"],
        [7, 2024, "Nguyễn Văn An", BIRTH, "", "Hoàn thành nhiệm vụ"],
        [8, 2024, "", "", "Công đoàn cơ sở Sở GTVT", "Hoàn thành nhiệm vụ"],
        [9, 2024, "Nguyễn Văn Anh", BIRTH, "", "Hoàn thành nhiệm vụ"],  # of the other agency
    ])
    result = check_file("xl.xlsx", data, world.agency, user=world.users["vanphong"])
    errors = {(e["row"], e["column"]): e["message"] for e in result.errors}
    assert set(errors) == {(3, "Năm"), (4, "Xếp loại"), (4, "Họ và tên"), (5, "Họ và tên"), (6, "Ngày sinh"), (7, "Họ và tên"),
                           (8, "Họ và tên"), (9, "Đơn vị"), (10, "Họ và tên")}
    assert "2022 đến 2025" in errors[(3, "Năm")]
    assert "Trùng với dòng 2" in errors[(8, "Họ và tên")]
    assert "Không tìm thấy cán bộ Nguyễn Văn Anh" in errors[(10, "Họ và tên")]
    assert not result.ok


def test_a_file_with_errors_cannot_be_confirmed(world, client):
    movement_years(world)
    world.login(client, "vanphong")
    upload(client, xlsx([[1, 2024, "Nguyễn Văn An", BIRTH, "", "Không biết"]]), world.agency)
    batch = RatingImport.objects.get()
    assert batch.status == "invalid"
    page = client.get(reverse("awards:rating_import", args=[batch.pk])).content.decode()
    assert "Mức xếp loại “Không biết” không hợp lệ" in page
    client.post(reverse("awards:rating_import_confirm", args=[batch.pk]))
    assert not Rating.objects.exists()


def test_unit_head_imports_proposals_for_his_unit_only(world, client):
    movement_years(world)
    world.login(client, "truongphong")
    upload(client, xlsx([[1, 2024, "Nguyễn Văn An", BIRTH, "", "Hoàn thành tốt nhiệm vụ"],
                         [2, 2024, "Đặng Thị Hồng", BIRTH, "", "Hoàn thành tốt nhiệm vụ"],
                         [3, 2024, "", "", "Phòng Kế hoạch - Tài chính", "Hoàn thành tốt nhiệm vụ"]]), world.agency)
    batch = RatingImport.objects.get()
    assert batch.status == "invalid"
    errors = {(e["row"], e["column"]) for e in batch.report["errors"]}
    assert errors == {(3, "Họ và tên"), (4, "Đơn vị")}
    upload(client, xlsx([[1, 2024, "Nguyễn Văn An", BIRTH, "", "Hoàn thành tốt nhiệm vụ"]]), world.agency)
    batch = RatingImport.objects.latest("id")
    client.post(reverse("awards:rating_import_confirm", args=[batch.pk]))
    rating = Rating.objects.get(person=world.people["canbo"])
    assert rating.grade == "good" and not rating.is_confirmed


def test_unit_head_reimporting_a_confirmed_rating_unconfirms_it_only_when_it_changes(world):
    movement_years(world)
    canbo = world.people["canbo"]
    Rating.objects.create(person=canbo, year=2024, grade="good", confirmed_at=dt.datetime(2025, 1, 5, tzinfo=dt.UTC))
    head = world.users["truongphong"]
    same = check_file("a.xlsx", xlsx([[1, 2024, "Nguyễn Văn An", BIRTH, "", "Hoàn thành tốt nhiệm vụ"]]), world.agency,
                      user=head)
    assert write_rows(same.rows, world.agency, actor=head, filename="a.xlsx") == 0
    assert Rating.objects.get(person=canbo).is_confirmed
    changed = check_file("b.xlsx", xlsx([[1, 2024, "Nguyễn Văn An", BIRTH, "", "HTXSNV"]]), world.agency, user=head)
    assert write_rows(changed.rows, world.agency, actor=head, filename="b.xlsx") == 1
    rating = Rating.objects.get(person=canbo)
    assert rating.grade == "excellent" and not rating.is_confirmed


def test_unit_head_sees_only_his_own_imports(world, client):
    movement_years(world)
    theirs = RatingImport.objects.create(agency=world.agency, filename="vp.xlsx", content=b"",
                                         created_by=world.users["vanphong"], status="invalid")
    world.login(client, "truongphong")
    assert client.get(reverse("awards:rating_import", args=[theirs.pk])).status_code == 404
    assert theirs not in client.get(reverse("awards:ratings_import")).context["recent"]


def test_the_template_has_the_columns_and_the_grades(world, client):
    world.login(client, "vanphong")
    response = client.get(reverse("awards:ratings_import_template"))
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    header = [c.value for c in workbook.worksheets[0][1]]
    assert header[:5] == ["Năm *", "Họ và tên", "Ngày sinh", "Đơn vị", "Xếp loại *"]
    values = [c.value for c in workbook["Giá trị hợp lệ"]["A"]]
    assert "Không hoàn thành nhiệm vụ" in values


def test_the_grids_export_imports_back(world, client):
    movement_years(world)
    Rating.objects.create(person=world.people["canbo"], year=2024, grade="excellent")
    world.login(client, "vanphong")
    exported = client.get(reverse("awards:ratings"), {"unit": world.transport.pk, "year": 2024, "format": "xlsx"})
    result = check_file("xl.xlsx", exported.content, world.agency, user=world.users["vanphong"])
    # only the rated row has a grade: the others are reported as missing one
    assert [r["name"] for r in result.rows] == ["Nguyễn Văn An"]
    assert all(e["column"] == "Xếp loại" for e in result.errors)


def test_a_person_named_with_a_unit_he_was_not_in_is_a_row_error(world):
    movement_years(world)
    data = xlsx([[1, 2024, "Nguyễn Văn An", BIRTH, "Phòng Kế hoạch - Tài chính", "Hoàn thành tốt nhiệm vụ"],
                 [2, 2024, "Nguyễn Thị Lan", BIRTH, world.transport.name, "Hoàn thành tốt nhiệm vụ"]])
    result = check_file("xl.xlsx", data, world.agency, user=world.users["vanphong"])
    errors = {(e["row"], e["column"]): e["message"] for e in result.errors}
    assert set(errors) == {(2, "Đơn vị")}
    assert "Nguyễn Văn An không thuộc Phòng Kế hoạch - Tài chính trong năm 2024" in errors[(2, "Đơn vị")]


def test_a_unit_head_whose_grant_was_removed_after_the_preview_imports_nothing(world, client):
    from thidua.org.models import RoleGrant

    movement_years(world)
    world.login(client, "truongphong")
    upload(client, xlsx([[1, 2024, "Nguyễn Văn An", BIRTH, "", "Hoàn thành tốt nhiệm vụ"]]), world.agency)
    batch = RatingImport.objects.get()
    assert batch.status == "ready"
    RoleGrant.objects.filter(user=world.users["truongphong"], role="unit_head").update(is_active=False)
    # he no longer rates: his confirm is refused
    assert client.post(reverse("awards:rating_import_confirm", args=[batch.pk])).status_code in (403, 404)
    # the Office confirming his batch writes nothing either: the rows are checked again against his scope now
    world.login(client, "vanphong")
    client.post(reverse("awards:rating_import_confirm", args=[batch.pk]))
    batch.refresh_from_db()
    assert batch.status == "invalid" and not Rating.objects.exists()
    page = client.get(reverse("awards:rating_import", args=[batch.pk])).content.decode()
    assert "không thuộc đơn vị của bạn" in page


def test_writing_rows_outside_the_unit_heads_units_writes_nothing(world):
    import pytest
    from django.core.exceptions import ValidationError

    movement_years(world)
    office_check = check_file("a.xlsx", xlsx([[1, 2024, "Nguyễn Văn An", BIRTH, "", "HTTNV"],
                                              [2, 2024, "Đặng Thị Hồng", BIRTH, "", "HTTNV"]]),
                              world.agency, user=world.users["vanphong"])
    assert office_check.ok
    with pytest.raises(ValidationError) as exc:
        write_rows(office_check.rows, world.agency, actor=world.users["truongphong"], filename="a.xlsx")
    assert "Đặng Thị Hồng" in " ".join(exc.value.messages)
    assert not Rating.objects.exists()
