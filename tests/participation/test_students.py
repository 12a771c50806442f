"""The students the units support: grades the school teaches, and older records still editable."""

import pytest
from django.urls import reverse

from thidua.participation import services
from thidua.participation.models import Student

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("school, grade, message", [
    ("Trường THCS Thông Nông", "99", "Lớp phải từ 1 đến 12"),
    ("Trường THCS Thông Nông", "abc", "Lớp phải từ 1 đến 12"),
    ("Trường Tiểu học Lý Bôn", "7", "Trường “Trường Tiểu học Lý Bôn” chỉ có lớp 1 đến 5; lớp 7 không hợp lệ."),
    ("Truong tieu hoc Ly Bon", "6A", "chỉ có lớp 1 đến 5"),
    ("Trường PTDTBT THCS Quảng Lâm", "5", "chỉ có lớp 6 đến 9"),
    ("Trường Trung học cơ sở Hạ Lang", "10", "chỉ có lớp 6 đến 9"),
    ("Trường THPT Bảo Lâm", "9", "chỉ có lớp 10 đến 12"),
    ("Trường Trung học phổ thông Bảo Lâm", "1", "chỉ có lớp 10 đến 12"),
])
def test_a_grade_the_school_does_not_teach_is_refused(world, client, school, grade, message):
    world.login(client, "vanphong")
    response = client.post(reverse("participation:student_add"), {
        "full_name": "Lò Thị Mai", "school": school, "grade": grade, "agency": world.agency.pk})
    assert message in response.content.decode()
    assert not Student.objects.exists()
    with pytest.raises(Exception) as exc:
        services.create_student(agency=world.agency, actor=None, full_name="Lò Thị Mai", school=school, grade=grade)
    assert message in exc.value.message_dict["grade"][0]


@pytest.mark.parametrize("school, grade", [
    ("Trường Tiểu học Lý Bôn", "5"), ("Trường THCS Thông Nông", "8A"), ("Trường THPT Bảo Lâm", "Lớp 12"),
    ("Trường TH và THCS Nam Quang", "3"), ("Trường THCS và THPT Bảo Lạc", "11A1"), ("Trường PTDTNT tỉnh", "12"),
])
def test_grades_a_school_teaches_are_accepted(world, school, grade):
    assert services.grade_error(school, grade) is None


def test_a_student_recorded_before_the_grade_check_can_still_get_a_note(world):
    student = services.create_student(agency=world.agency, actor=None, full_name="Lý Thị Hoa",
                                      school="Trường THCS Quảng Lâm", grade="7", household=None, note="")
    Student.objects.filter(pk=student.pk).update(grade="Mầm non")  # as an older record may hold
    student.refresh_from_db()
    services.update_student(student, actor=None, note="Mồ côi cha")
    student.refresh_from_db()
    assert student.note == "Mồ côi cha"
