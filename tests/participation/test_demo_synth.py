import time

import pytest

from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem
from thidua.org.synth import synth
from thidua.participation.demo import load_participation_demo
from thidua.participation.models import Activity, Evidence, Household, HouseholdStatus
from thidua.participation.synth import synth_participation

from ..factories import SIGNED_PLAN

pytestmark = pytest.mark.django_db


def test_demo_is_fast_linked_to_content_items_and_shows_escapes_from_poverty(world):
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="vi-nguoi-ngheo-2021-2025",
                                                 name="Vì người nghèo", start_year=2021, end_year=2025)
    for order, label in enumerate("abcd"):
        PlanItem.objects.create(movement=movement, kind="content", label=label, text=f"Nội dung {label}", order=order)
    movement = movement_services.move_movement(movement, "launched", actor=None)  # as the demo runs it
    started = time.perf_counter()
    assert load_participation_demo(world.agency, movement, out=lambda *a: None)
    assert time.perf_counter() - started < 10
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
