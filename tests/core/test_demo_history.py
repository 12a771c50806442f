"""The demo's history is dated as it happened: plan 2679 launched on 20/10/2022 (not the day the demo was
loaded), its registrations, households, activities, fund and closing on their own dates — the audit log and the
notices say so — and its students are the children of its households, at the schools of their communes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from thidua.core.models import AuditEvent, Notification
from thidua.movements.models import Dissemination, Movement
from thidua.participation import services as participation_services


def local_day(moment) -> dt.date:
    return timezone.localtime(moment).date()


def events_of(obj) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(target_type=obj._meta.label_lower, target_id=str(obj.pk)).order_by("id"))


@pytest.fixture
def demo(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        call_command("demo", "--no-serve")
    return Movement.objects.get(code="vi-nguoi-ngheo-2021-2025")


def test_the_demo_is_dated_as_it_happened_and_its_students_live_in_its_households(demo):
    plan = demo
    assert (plan.launched_on, plan.closed_on) == (dt.date(2022, 10, 20), dt.date(2025, 12, 31))
    days = {(e.changes.get("status") or [None, None])[1]: local_day(e.at) for e in events_of(plan)}
    assert days["Đã phát động"] == dt.date(2022, 10, 20)
    assert days["Đã kết thúc"] == dt.date(2025, 12, 31)
    assert local_day(events_of(plan)[0].at) == dt.date(2022, 10, 18)  # drafted two days before
    # the unit heads were told on 20/10/2022 and read it when they recorded their dissemination
    notices = Notification.objects.filter(url=reverse("movements:detail", args=[plan.pk]))
    assert notices.exists()
    assert {local_day(n.created_at) for n in notices} == {dt.date(2022, 10, 20)}
    assert not notices.filter(read_at__isnull=True).exists()
    for record in Dissemination.objects.filter(movement=plan):
        assert local_day(record.recorded_at) == record.held_on
    # registrations of 2023: opened, submitted and approved in January 2023
    from thidua.participation.registrations.models import Registration

    registration = Registration.objects.filter(movement=plan, year=2023).first()
    assert {(local_day(e.at).year, local_day(e.at).month) for e in events_of(registration)} == {(2023, 1)}
    # households entered in 11/2022; every activity recorded the day after it was held
    from thidua.participation.models import Activity, Household

    household = Household.objects.order_by("id").first()
    assert local_day(household.created_at).strftime("%m/%Y") == "11/2022"
    for activity in Activity.objects.all()[:50]:
        assert local_day(activity.created_at) == activity.held_on + dt.timedelta(days=1)
    # the fund's entries carry the day they were entered; each campaign was closed in its own November
    from thidua.fund.models import Campaign, Entry

    for entry in Entry.objects.all()[:200]:
        assert local_day(entry.created_at) == entry.entry_date
    for campaign in Campaign.objects.filter(movement=plan):
        closed = [e for e in events_of(campaign) if "Đã khóa sổ" in str((e.changes.get("status") or ["", ""])[1])]
        assert closed and local_day(closed[-1].at) == dt.date(campaign.start_date.year, 11, 28)
    # nothing of plan 2679's history is dated on the day the demo was loaded
    today = timezone.localdate()
    assert not [e for e in events_of(plan) if local_day(e.at) == today]
    assert not Activity.objects.filter(created_at__date=today).exists()
    students_are_children_of_its_households_at_their_communes_schools()  # the same demo: loaded once


def students_are_children_of_its_households_at_their_communes_schools():
    from thidua.participation.models import Activity, HouseholdMember, Student

    students = list(Student.objects.select_related("household"))
    assert len(students) > 30
    for student in students:
        household = student.household
        assert household is not None and household.agency_id == student.agency_id
        member = household.member_list.get(full_name=student.full_name)
        assert member.note == "Học sinh" and member.relation == "child"
        place = household.commune_name.removeprefix("Xã ").removeprefix("Phường ")
        assert student.school.endswith(place), (student.school, household.commune_name)
        low, high = participation_services.grade_range(student.school)
        assert low <= int(student.grade) <= high
    # every member the household lists as a student has the student's record, and no toddler is a student
    listed = HouseholdMember.objects.filter(note="Học sinh")
    assert listed.count() == len(students)
    assert not listed.filter(birth_year__gt=2019).exists()
    # an activity supports students of households in the commune where it was held
    for activity in Activity.objects.prefetch_related("students__household"):
        for student in activity.students.all():
            assert student.household.commune_code == activity.commune_code
