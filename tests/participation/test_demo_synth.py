import datetime as dt

import pytest

from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem
from thidua.org.synth import synth
from thidua.participation import services
from thidua.participation.demo import load_participation_demo
from thidua.participation.models import Activity, Evidence, Household, HouseholdStatus, Student
from thidua.participation.synth import synth_participation

from ..factories import SIGNED_PLAN
from .helpers import phases

pytestmark = pytest.mark.django_db


def test_demo_activities_are_linked_to_content_items_and_shows_escapes_from_poverty(world):
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency,
                                                 code="vi-nguoi-ngheo-2021-2025",
                                                 name="Vì người nghèo", start_year=2021, end_year=2025)
    for order, label in enumerate("abcd"):
        PlanItem.objects.create(movement=movement, kind="content", label=label, text=f"Nội dung {label}", order=order)
    movement = movement_services.move_movement(movement, "launched", actor=None)  # as the demo runs it
    assert load_participation_demo(world.agency, movement, out=lambda *a: None)
    assert 200 <= Activity.objects.count() <= 300
    assert Activity.objects.filter(content_items__movement=movement).distinct().count() == Activity.objects.count()
    assert HouseholdStatus.objects.filter(year=2025, category="escaped").exists()
    assert Evidence.objects.filter(kind="photo").exclude(thumbnail="").exists()
    assert not load_participation_demo(world.agency, movement, out=lambda *a: None)
    from thidua.participation import stats

    assert stats.mismatches() == []  # the demo goes through the services, which keep the totals


def test_synth_bulk_inserts_households_and_activities_for_synthetic_agencies(world):
    synth(agencies=2, staff=60, out=lambda *a: None)
    result = synth_participation(households=500, activities=300, out=lambda *a: None)
    assert result["households"] == 500 and result["activities"] == 300
    from thidua.participation import stats
    from thidua.participation.models import ActivityStat

    assert ActivityStat.objects.exists() and stats.mismatches() == []  # filled by the bulk path
    assert Household.objects.filter(agency__code__startswith="SYN-").count() == 500
    assert HouseholdStatus.objects.count() == 2000


def test_demo_classifications_are_decided_at_the_end_of_the_year_before_and_grades_fit_schools(world):
    (movement, _item), _new = phases(world)
    for label in "bcd":
        PlanItem.objects.create(movement=movement, kind="content", label=label, text=f"Nội dung {label}")
    assert load_participation_demo(world.agency, movement, out=lambda *a: None)
    statuses = list(HouseholdStatus.objects.order_by("household_id", "year"))
    assert statuses
    for status in statuses:
        assert dt.date(status.year - 1, 11, 1) <= status.classified_on <= dt.date(status.year - 1, 12, 31)
    for before, after in zip(statuses, statuses[1:], strict=False):
        if before.household_id == after.household_id:
            assert before.classified_on < after.classified_on
    for student in Student.objects.all():
        assert services.grade_error(student.school, student.grade) is None, (student.school, student.grade)
    assert Activity.objects.filter(content_items__movement=movement).exists()
