"""The same checks everywhere: the person form finds the duplicate the import finds, both refuse an implausible
birth date and a malformed phone number, the import flags values it does not know, a second unit of one name
under one parent is confirmed first, and the template lists the units with their codes."""

import datetime as dt
import io

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from thidua.core.models import AuditEvent
from thidua.org import services
from thidua.org.enums import Role, UnitKind
from thidua.org.importing import UNITS_SHEET, check_file
from thidua.org.models import OrgUnit, Person
from thidua.org.phones import normalise_phone

from .test_importing import row, xlsx

# --- duplicates: the form finds what the import finds ---------------------------------------------------------


def _add(client, world, name="Nguyen Van An", birth="01/01/1980", unit=None, **extra):
    return client.post(reverse("org:person_add"), {
        "full_name": name, "gender": "male", "birth_date": birth, "unit": (unit or world.planning).pk,
        "employment_type": "cong_chuc", **extra,
    })


def test_the_import_and_the_form_refuse_the_same_duplicate(world, client):
    # Nguyễn Văn An, born 01/01/1980, is in the transport division; typed without accents in another division
    result = check_file("ds.xlsx", xlsx([row(name="NGUYEN VAN AN", birth=dt.date(1980, 1, 1))]), world.agency)
    assert any("Đã có trong hệ thống: NGUYEN VAN AN, sinh 01/01/1980, thuộc Phòng Quản lý vận tải" in e["message"]
               for e in result.errors)

    world.login(client, "vanphong")
    count = Person.objects.count()
    response = _add(client, world, name="NGUYEN VAN AN")
    text = response.content.decode()
    assert response.status_code == 200
    assert "Đã có trong hệ thống: Nguyễn Văn An, sinh 01/01/1980, thuộc Phòng Quản lý vận tải" in text
    assert 'type="checkbox" name="confirm"' in text
    assert Person.objects.count() == count

    confirmed = _add(client, world, name="NGUYEN VAN AN", confirm="on")
    assert confirmed.status_code == 302
    assert Person.objects.count() == count + 1


def test_the_same_name_with_another_birth_date_or_in_another_agency_is_no_duplicate(world):
    office = world.users["vanphong"]
    services.create_person(actor=office, unit=world.planning, full_name="Nguyễn Văn An", gender="male",
                           birth_date=dt.date(1981, 1, 1), employment_type="cong_chuc")
    services.create_person(actor=world.users["vanphong_khac"], unit=world.other_unit, full_name="Nguyễn Văn An",
                           gender="male", birth_date=dt.date(1980, 1, 1), employment_type="cong_chuc")
    assert Person.objects.filter(full_name="Nguyễn Văn An").count() == 3


def test_editing_a_person_into_a_colleagues_identity_is_refused(world):
    person = world.people["canbo2"]
    with pytest.raises(ValidationError) as exc:
        services.update_person(person, actor=world.users["vanphong"], full_name="Nguyễn Văn An",
                               birth_date=dt.date(1980, 1, 1))
    assert "Đã có trong hệ thống" in " ".join(exc.value.messages)
    person.refresh_from_db()
    assert person.full_name == "Nguyễn Thị Lan"


# --- birth dates ----------------------------------------------------------------------------------------------


def _years_ago(years: int, days: int = 0) -> dt.date:
    today = timezone.localdate()
    return today.replace(year=today.year - years) + dt.timedelta(days=days)


@pytest.mark.parametrize("birth, message", [
    (_years_ago(17), "chưa đủ 18 tuổi"),
    (_years_ago(18, days=1), "chưa đủ 18 tuổi"),
    (_years_ago(71, days=-1), "quá tuổi công tác (tối đa 70)"),
    (dt.date(1899, 12, 31), "không hợp lệ."),
])
def test_an_implausible_birth_date_is_refused_by_form_service_and_import(world, client, birth, message):
    world.login(client, "vanphong")
    response = _add(client, world, name="Lê Văn Tuổi", birth=birth.strftime("%d/%m/%Y"))
    assert message in response.content.decode()
    with pytest.raises(ValidationError) as exc:
        services.create_person(actor=None, unit=world.planning, full_name="Lê Văn Tuổi", gender="male",
                               birth_date=birth, employment_type="cong_chuc")
    assert message in " ".join(exc.value.messages)
    result = check_file("ds.xlsx", xlsx([row(name="Lê Văn Tuổi", birth=birth.strftime("%d/%m/%Y"))]), world.agency)
    assert not result.ok and any(message in e["message"] for e in result.errors if e["column"] == "Ngày sinh")
    assert not Person.objects.filter(full_name="Lê Văn Tuổi").exists()


@pytest.mark.parametrize("birth", [_years_ago(18), _years_ago(70)])
def test_the_limits_themselves_are_accepted(world, birth):
    person = services.create_person(actor=None, unit=world.planning, full_name="Lê Văn Biên", gender="male",
                                    birth_date=birth, employment_type="cong_chuc")
    assert person.pk


def test_the_age_is_judged_at_the_start_date(world):
    # 17 today, but the start date is next year when he is 18: fine; 17 on a start date in the past is not
    birth = _years_ago(17, days=-10)
    services.create_person(actor=None, unit=world.planning, full_name="Lê Văn Sau", gender="male", birth_date=birth,
                           employment_type="cong_chuc", start_date=_years_ago(-1))
    with pytest.raises(ValidationError):
        services.create_person(actor=None, unit=world.planning, full_name="Lê Văn Trước", gender="male",
                               birth_date=birth, employment_type="cong_chuc")


def test_editing_an_old_record_is_not_refused_for_a_birth_date_nobody_changed(world, client):
    person = world.people["team"]
    Person.objects.filter(pk=person.pk).update(birth_date=dt.date(1940, 5, 5), phone="12345")  # legacy data
    world.login(client, "vanphong")
    response = client.post(reverse("org:person_edit", args=[person.pk]), {
        "full_name": person.full_name, "gender": "male", "birth_date": "05/05/1940", "position": "Chuyên viên chính",
        "rank": "", "employment_type": "cong_chuc", "phone": "12345", "email": "",
    })
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.position == "Chuyên viên chính"


# --- phone numbers --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text, digits", [
    ("0912 345 678", "0912345678"), ("091.234.5678", "0912345678"), ("+84 912 345 678", "0912345678"),
    ("84912345678", "0912345678"), ("(0206) 3852 123", "02063852123"), ("0386-123-456", "0386123456"),
])
def test_vietnamese_phone_formats_are_accepted_and_stored_as_digits(text, digits):
    assert normalise_phone(text) == digits


@pytest.mark.parametrize("text, message", [
    ("01234567890", "số di động 11 số cũ"), ("0912 345", "không đúng dạng"), ("0112345678", "không đúng dạng"),
    ("09123456789", "không đúng dạng"), ("0912-ABC-678", "không phải chữ số"),
])
def test_malformed_phone_numbers_are_refused_by_form_and_import(world, client, text, message):
    with pytest.raises(ValueError) as exc:
        normalise_phone(text)
    assert message in str(exc.value)
    world.login(client, "vanphong")
    response = _add(client, world, name="Lê Văn Số", phone=text)
    assert message in response.content.decode()
    bad = row(name="Lê Văn Số")
    bad[8] = text
    result = check_file("ds.xlsx", xlsx([bad]), world.agency)
    assert [e["column"] for e in result.errors] == ["Điện thoại"]
    assert not Person.objects.filter(full_name="Lê Văn Số").exists()


def test_the_import_stores_the_phone_as_digits(world):
    good = row(name="Lê Văn Số")
    good[8] = "+84 912.345.678"
    result = check_file("ds.xlsx", xlsx([good]), world.agency)
    assert result.ok, result.errors
    assert result.rows[0]["phone"] == "0912345678"


# --- values the import does not know ----------------------------------------------------------------------------


@pytest.mark.parametrize("column, value, message", [
    (7, "Hợp đồng", "Loại cán bộ “Hợp đồng” không có trong danh mục"),
    (7, "Lao động hợp đồng", "người làm hợp đồng lao động ghi “Người lao động”"),
    (7, "Biệt phái", "Loại cán bộ “Biệt phái” không có trong danh mục"),
    (2, "M", "Giới tính “M” không hợp lệ"),
])
def test_the_import_flags_a_value_it_does_not_know_instead_of_guessing(world, column, value, message):
    bad = row(name="Lê Văn Lạ")
    bad[column] = value
    result = check_file("ds.xlsx", xlsx([bad]), world.agency)
    assert not result.ok
    assert any(message in e["message"] for e in result.errors), result.errors


def test_known_abbreviations_still_read(world):
    ok = row(name="Lê Văn Quen", employment="NLĐ")
    result = check_file("ds.xlsx", xlsx([ok]), world.agency)
    assert result.ok, result.errors
    assert result.rows[0]["employment_type"] == "nguoi_lao_dong"


# --- units of one name ------------------------------------------------------------------------------------------


def test_a_second_unit_of_one_name_under_one_parent_asks_for_confirmation(world, client):
    world.login(client, "vanphong")
    count = OrgUnit.objects.count()
    data = {"name": "phong ke hoach - tai chinh", "kind": UnitKind.DIVISION, "parent": world.agency.pk,
            "short_name": "", "code": "", "sort_order": 0}
    response = client.post(reverse("org:unit_add"), data)
    text = response.content.decode()
    assert "Dưới “Sở Giao thông vận tải tỉnh Cao Bằng” đã có đơn vị “Phòng Kế hoạch - Tài chính”" in text
    assert 'type="checkbox" name="confirm"' in text
    assert OrgUnit.objects.count() == count
    confirmed = client.post(reverse("org:unit_add"), {**data, "confirm": "on", "code": "KHTC-2"})
    assert confirmed.status_code == 302
    assert OrgUnit.objects.count() == count + 1


def test_the_same_name_under_another_parent_is_fine(world):
    unit = services.create_unit(name="Phòng Kế hoạch - Tài chính", kind=UnitKind.DIVISION, parent=world.other_agency,
                                actor=world.users["vanphong_khac"])
    assert unit.pk


def test_renaming_a_unit_to_a_siblings_name_asks_too(world, client):
    world.login(client, "vanphong")
    response = client.post(reverse("org:unit_edit", args=[world.union.pk]), {
        "name": "Văn phòng Sở", "short_name": "", "code": "", "sort_order": 0})
    assert "đã có đơn vị “Văn phòng Sở”" in response.content.decode()
    world.union.refresh_from_db()
    assert world.union.name == "Công đoàn cơ sở Sở GTVT"


def test_the_template_lists_the_units_with_their_codes(world, client):
    services.update_unit(world.planning, actor=None, code="KHTC")
    services.create_unit(name="Tổ sát hạch lái xe", kind=UnitKind.DIVISION, parent=world.planning, actor=None,
                         code="SH-2")
    world.login(client, "vanphong")
    response = client.get(reverse("org:import_template"))
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    sheet = book[UNITS_SHEET]
    rows = [[c.value for c in r] for r in sheet.iter_rows()]
    assert rows[0] == ["Tên đơn vị", "Tên viết tắt", "Mã", "Thuộc", "Ghi chú"]
    by_name = {}
    for r in rows[1:]:
        by_name.setdefault(r[0], []).append(r)
    assert by_name["Phòng Kế hoạch - Tài chính"][0][2] == "KHTC"
    assert [r[4] for r in by_name["Tổ sát hạch lái xe"]] == ["Trùng tên: ghi mã"] * 2
    assert "Sở Y tế tỉnh Cao Bằng" not in by_name and "Văn phòng Sở Y tế" not in by_name


# --- no dead-end "Chuyển đơn vị" ---------------------------------------------------------------------------------


def test_a_unit_head_with_no_other_unit_sees_no_move_button(world, client):
    head = world.users["truongphong"]
    for grant in head.role_grants.filter(is_active=True):
        services.revoke_role(grant, actor=None)
    services.grant_role(head, Role.UNIT_HEAD, world.transport_team, actor=None)  # one unit, no sub-unit
    world.login(client, "truongphong")
    person = world.people["team"]
    page = client.get(reverse("org:person", args=[person.pk])).content.decode()
    assert "Sửa thông tin" in page and "Chuyển đơn vị" not in page
    response = client.get(reverse("org:person_move", args=[person.pk]), follow=True)
    assert "Không có đơn vị nào khác trong phạm vi bạn quản lý" in response.content.decode()


def test_a_unit_head_with_a_sub_unit_and_the_office_see_it(world, client):
    world.login(client, "truongphong")
    assert "Chuyển đơn vị" in client.get(reverse("org:person", args=[world.people["canbo"].pk])).content.decode()
    world.login(client, "vanphong")
    assert "Chuyển đơn vị" in client.get(reverse("org:person", args=[world.people["canbo"].pk])).content.decode()


def test_no_audit_row_for_a_refused_person(world, client):
    world.login(client, "vanphong")
    count = AuditEvent.objects.count()
    _add(client, world, name="Nguyễn Văn An")
    _add(client, world, name="Lê Văn Số", phone="123")
    assert AuditEvent.objects.count() == count
