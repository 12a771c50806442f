"""Working days: weekends and Vietnam's public holidays are not counted, a Saturday worked in exchange is, and the
Office's make-up days and extra days off win over the library."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.core import workdays
from thidua.core.models import AuditEvent, CalendarDay, CalendarDayKind

D = dt.date

pytestmark = pytest.mark.django_db


def test_weekends_and_tet_are_not_working_days():
    cal = workdays.Calendar()
    assert cal.is_working_day(D(2026, 12, 3))  # a Thursday
    assert not cal.is_working_day(D(2026, 12, 5))  # Saturday
    assert not cal.is_working_day(D(2026, 12, 6))  # Sunday
    for day in (D(2026, 2, 16), D(2026, 2, 17), D(2026, 2, 20)):  # Tết Bính Ngọ
        assert not cal.is_working_day(day)
        assert cal.describe(day).name  # with its name from the library
    assert not cal.is_working_day(D(2026, 9, 2)) and not cal.is_working_day(D(2026, 4, 30))


def test_a_saturday_worked_in_exchange_is_a_working_day():
    cal = workdays.Calendar()
    assert not cal.is_working_day(D(2025, 5, 2))  # the bridge Friday off
    assert cal.is_working_day(D(2025, 4, 26))  # worked in exchange, a Saturday


def test_twenty_working_days_across_tet():
    cal = workdays.Calendar()
    # from Friday 06/02/2026: 5 working days (9–13/02), Tết week 16–20/02 off, then 23/02 …
    assert cal.add(D(2026, 2, 6), 5) == D(2026, 2, 13)
    assert cal.add(D(2026, 2, 6), 6) == D(2026, 2, 23)
    due = cal.add(D(2026, 2, 6), 20)
    assert due == D(2026, 3, 13)
    assert cal.between(D(2026, 2, 6), due) == 20
    assert cal.between(due, D(2026, 2, 6)) == -20
    assert cal.add(D(2026, 12, 4), 0) == D(2026, 12, 4)


def test_the_deadline_says_what_is_left_and_how_late():
    cal = workdays.Calendar()
    start = D(2026, 11, 2)  # Monday; 24/11/2026, Ngày Văn hóa Việt Nam, is off
    assert not cal.is_working_day(D(2026, 11, 24))
    assert workdays.deadline(cal, start, 20, today=D(2026, 11, 2)).left == 20
    due = workdays.deadline(cal, start, 20, today=D(2026, 12, 1))
    assert due.due == D(2026, 12, 1) and due.left == 0 and not due.late
    assert workdays.deadline(cal, start, 20, today=D(2026, 11, 27)).left == 2  # Mon 30/11 and Tue 01/12
    late = workdays.deadline(cal, start, 20, today=D(2026, 12, 4))
    assert late.late and late.late_by == 3


def test_the_offices_days_win_and_are_kept_when_withdrawn(world):
    actor = world.users["vanphong"]
    extra = workdays.add_day(day=D(2026, 12, 4), kind=CalendarDayKind.OFF, note="Nghỉ thêm theo Thông báo 12/TB",
                             actor=actor)
    workdays.add_day(day=D(2026, 12, 12), kind=CalendarDayKind.WORKING, note="Làm bù cho 04/12", actor=actor)
    cal = workdays.Calendar()
    assert not cal.is_working_day(D(2026, 12, 4)) and cal.is_working_day(D(2026, 12, 12))
    assert cal.describe(D(2026, 12, 4)).name == "Nghỉ thêm theo Thông báo 12/TB"
    assert AuditEvent.objects.filter(target_type="core.calendarday", target_id=str(extra.pk)).count() == 1
    workdays.withdraw_day(extra, actor=actor)
    assert workdays.Calendar().is_working_day(D(2026, 12, 4))
    extra.refresh_from_db()
    assert extra.withdrawn_at is not None and extra.withdrawn_by == actor
    assert AuditEvent.objects.filter(target_type="core.calendarday", target_id=str(extra.pk)).count() == 2
    with pytest.raises(ValidationError, match="đã được bỏ"):
        workdays.withdraw_day(extra, actor=actor)


@pytest.mark.parametrize(("day", "kind", "note", "message"), [
    (D(2026, 12, 3), CalendarDayKind.WORKING, "x", "vốn là ngày làm việc"),
    (D(2026, 12, 5), CalendarDayKind.OFF, "x", "vốn là ngày nghỉ"),
    (D(2026, 9, 2), CalendarDayKind.OFF, "x", "Quốc khánh"),
    (D(2026, 12, 5), CalendarDayKind.WORKING, "  \u200b ", "căn cứ"),
    (D(1, 1, 6), CalendarDayKind.WORKING, "x", "từ năm 2000 đến năm"),
    (D(9999, 1, 4), CalendarDayKind.OFF, "x", "từ năm 2000 đến năm"),
])
def test_a_day_set_apart_for_nothing_is_refused(world, day, kind, note, message):
    with pytest.raises(ValidationError) as caught:
        workdays.add_day(day=day, kind=kind, note=note, actor=world.users["vanphong"])
    assert message in " ".join(caught.value.messages)
    assert not CalendarDay.objects.exists()


def test_the_same_day_twice_is_refused_until_the_first_is_withdrawn(world):
    actor = world.users["vanphong"]
    first = workdays.add_day(day=D(2026, 12, 5), kind=CalendarDayKind.WORKING, note="Làm bù", actor=actor)
    with pytest.raises(ValidationError, match="đã được điều chỉnh"):
        workdays.add_day(day=D(2026, 12, 5), kind=CalendarDayKind.WORKING, note="Lần hai", actor=actor)
    workdays.withdraw_day(first, actor=actor)
    workdays.add_day(day=D(2026, 12, 5), kind=CalendarDayKind.WORKING, note="Lần hai", actor=actor)
    assert CalendarDay.objects.filter(day=D(2026, 12, 5)).count() == 2
