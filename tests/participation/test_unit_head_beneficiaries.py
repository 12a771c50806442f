"""A unit head maintains the households and students his unit supports (or that he recorded), and sees what his
unit gave them. The rule is stated in participation/scoping.py."""

import pytest
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.participation import places, services
from thidua.participation.models import Household, HouseholdMember, Student

from .helpers import activity, household


def commune_code():
    c, _ = places.find_commune("Xã Quảng Lâm", 4)
    return c.code


@pytest.fixture
def supported(world):
    """A household his unit's team supported once, and the Planning division twice."""
    hh = household(world)
    activity(world, "Thăm hỏi của Tổ sát hạch", households=[hh], units=[world.transport_team], cash_value=200_000,
             in_kind_value=0)
    activity(world, "Tặng quà Tết", households=[hh], units=[world.planning])
    activity(world, "Tặng bò giống", households=[hh], units=[world.planning])
    return hh


def test_the_unit_head_edits_classifies_and_lists_members_of_a_household_his_unit_supports(world, client,
                                                                                           supported):
    world.login(client, "truongphong")
    response = client.post(reverse("participation:household_edit", args=[supported.pk]), {
        "head_name": "Nông Văn Páo", "members": 6, "commune": commune_code(), "village": "Nà Lũng"})
    assert response.status_code == 302
    supported.refresh_from_db()
    assert supported.members == 6
    assert AuditEvent.objects.filter(target_type="participation.household", target_id=str(supported.pk),
                                     actor=world.users["truongphong"]).exists()
    response = client.post(reverse("participation:member_add", args=[supported.pk]),
                           {"full_name": "Nông Thị Dinh", "relation": "child"})
    assert response.status_code == 302 and HouseholdMember.objects.filter(household=supported).count() == 1
    assert client.get(reverse("participation:household_classify", args=[supported.pk])).status_code == 200


def test_the_unit_head_cannot_maintain_households_his_unit_does_not_support(world, client):
    only_planning = household(world, name="Hoàng Văn Sáng")
    activity(world, "Tặng quà Tết", households=[only_planning], units=[world.planning])
    other_agency = household(world, name="Lý Văn Tài", agency=world.other_agency)
    world.login(client, "truongphong")
    for hh in (only_planning, other_agency):
        assert client.get(reverse("participation:household_edit", args=[hh.pk])).status_code == 404
        response = client.post(reverse("participation:member_add", args=[hh.pk]),
                               {"full_name": "Nông Thị Dinh", "relation": "child"})
        assert response.status_code == 404
    assert not HouseholdMember.objects.exists()
    # importing stays with the Office and the union officer
    assert client.get(reverse("participation:hh_import_start")).status_code == 403
    # he may still record a support of his unit, after which he maintains the household
    page = client.get(reverse("participation:household", args=[only_planning.pk])).content.decode()
    assert reverse("participation:household_edit", args=[only_planning.pk]) not in page
    assert f"{reverse('participation:activity_add')}?agency={world.agency.pk}&household={only_planning.pk}" in page


def test_the_unit_head_adds_a_household_and_then_maintains_it(world, client):
    world.login(client, "truongphong")
    page = client.get(reverse("participation:households")).content.decode()
    assert reverse("participation:household_add") in page and reverse("participation:hh_import_start") not in page
    response = client.post(reverse("participation:household_add"), {
        "head_name": "Triệu Văn Hùng", "members": 4, "commune": commune_code()})
    hh = Household.objects.get(head_name="Triệu Văn Hùng")
    assert response["Location"] == reverse("participation:household", args=[hh.pk])
    assert hh.agency == world.agency and hh.created_by == world.users["truongphong"]
    assert client.get(reverse("participation:household_edit", args=[hh.pk])).status_code == 200


def test_a_household_without_a_head_name_is_refused_with_a_message(world, client):
    world.login(client, "truongphong")
    response = client.post(reverse("participation:household_add"), {"head_name": "", "members": 4,
                                                                     "commune": commune_code()})
    assert response.status_code == 200
    assert "Không được để trống." in response.content.decode()
    assert not Household.objects.exists()


def test_the_unit_head_maintains_students_his_unit_supports_or_of_his_households(world, client, supported):
    of_household = services.create_student(agency=world.agency, actor=None, full_name="Nông Thị Hoa",
                                           school="Trường THCS Quảng Lâm", grade="7", household=supported, note="")
    helped = services.create_student(agency=world.agency, actor=None, full_name="Lý Văn Tú",
                                     school="Trường Tiểu học Quảng Lâm", grade="4", household=None, note="")
    activity(world, "Tặng học bổng", units=[world.transport], students=[helped])
    unrelated = services.create_student(agency=world.agency, actor=None, full_name="Hà Thị Mỵ",
                                        school="Trường Tiểu học Quảng Lâm", grade="3", household=None, note="")
    world.login(client, "truongphong")
    for student, grade in ((of_household, "8"), (helped, "5")):
        response = client.post(reverse("participation:student_edit", args=[student.pk]), {
            "full_name": student.full_name, "school": student.school, "grade": grade,
            "household": student.household_id or ""})
        assert response.status_code == 302
        student.refresh_from_db()
        assert student.grade == grade
    assert client.get(reverse("participation:student_edit", args=[unrelated.pk])).status_code == 404
    response = client.post(reverse("participation:student_add"), {
        "full_name": "Đinh Văn Lực", "school": "Trường THCS Quảng Lâm", "grade": "6"})
    added = Student.objects.get(full_name="Đinh Văn Lực")
    assert response.status_code == 302 and added.created_by == world.users["truongphong"]
    assert client.get(reverse("participation:student_edit", args=[added.pk])).status_code == 200


def test_the_unit_heads_household_page_counts_his_units_supports(world, client, supported):
    world.login(client, "truongphong")
    page = client.get(reverse("participation:household", args=[supported.pk])).content.decode()
    assert "Đơn vị của bạn đã hỗ trợ hộ này (1 lần; tổng giá trị 200.000 đồng)" in page
    assert "Thăm hỏi của Tổ sát hạch" in page and "Tặng bò giống" not in page
    assert "Cả cơ quan đã hỗ trợ hộ này 3 lần." in page
    assert reverse("participation:household_edit", args=[supported.pk]) in page
    world.login(client, "vanphong")
    page = client.get(reverse("participation:household", args=[supported.pk])).content.decode()
    assert "Các lần được hỗ trợ (3;" in page and "Cả cơ quan" not in page


def test_the_unit_head_records_this_years_category_but_never_changes_a_past_year(world, client, supported):
    import datetime as dt

    from thidua.participation.models import HouseholdStatus

    this_year = dt.date.today().year
    services.classify_household(supported, year=2023, category="near_poor", classified_by="UBND xã Quảng Lâm",
                                classified_on=dt.date(2022, 12, 20), decision="118/QĐ-UBND",
                                actor=world.users["vanphong"])
    world.login(client, "truongphong")
    url = reverse("participation:household_classify", args=[supported.pk])
    form = {"category": "poor", "classified_by": "UBND xã Quảng Lâm", "decision": ""}
    response = client.post(url, {**form, "year": 2023, "classified_on": "20/12/2022"})
    assert "các năm trước do Văn phòng hoặc Công đoàn ghi" in response.content.decode()
    assert HouseholdStatus.objects.get(household=supported, year=2023).category == "near_poor"
    response = client.post(url, {**form, "year": this_year, "classified_on": dt.date.today().strftime("%d/%m/%Y")})
    assert response.status_code == 302
    assert HouseholdStatus.objects.get(household=supported, year=this_year).category == "poor"
    # the Office corrects a past year (audited)
    world.login(client, "vanphong")
    response = client.post(url, {**form, "year": 2023, "classified_on": "20/12/2022"})
    assert response.status_code == 302
    assert HouseholdStatus.objects.get(household=supported, year=2023).category == "poor"


def test_the_unit_heads_own_unit_is_chosen_on_a_new_activity(world, client):
    world.login(client, "truongphong")
    form = client.get(reverse("participation:activity_add")).context["form"]
    assert [u.pk for u in form.initial["units"]] == [world.transport.pk]
    world.login(client, "vanphong")  # the Office records for any unit: nothing is chosen for it
    assert "units" not in client.get(reverse("participation:activity_add")).context["form"].initial
