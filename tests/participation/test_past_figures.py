"""The past stays as it was: the share of staff who gave to the fund in a past year is counted over the people who
were in the unit that year (the unit history), not over today's staff."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.fund import services as fund_services
from thidua.movements import services as movement_services
from thidua.movements.models import Movement
from thidua.org import services as org_services
from thidua.org.history import staff_between, staff_on

from ..factories import make_unit

pytestmark = pytest.mark.django_db
URL = reverse("participation:dashboard")


def person(unit, name, start=dt.date(2020, 1, 1)):
    return org_services.create_person(actor=None, unit=unit, full_name=name, gender="male",
                                      birth_date=dt.date(1985, 1, 1), employment_type="cong_chuc", start_date=start)


@pytest.fixture
def legal(world):
    """A division of 16 people in 2023, all of whom gave one day's wage to the 2023 campaign of a movement that is
    closed now."""
    unit = make_unit("Phòng Pháp chế", parent=world.agency)
    people = [person(unit, f"Cán bộ Pháp chế {i:02d}") for i in range(16)]
    movement = movement_services.create_movement(actor=None, agency=world.agency, code="vnn-2125",
                                                 name="Vì người nghèo 2021–2025", start_year=2021, end_year=2025)
    Movement.objects.filter(pk=movement.pk).update(status="launched")
    movement.refresh_from_db()
    campaign = fund_services.create_campaign(actor=None, agency=world.agency, name="Tháng cao điểm 2023",
                                             start_date=dt.date(2023, 10, 17), end_date=dt.date(2023, 11, 18),
                                             movement=movement)
    fund_services.record_bulk(campaign, unit, [(p, 300_000) for p in people], actor=None,
                              entry_date=dt.date(2023, 10, 20))
    fund_services.move_campaign(campaign, "closed", actor=None)
    Movement.objects.filter(pk=movement.pk).update(status="closed", closed_on=dt.date(2025, 12, 31))
    unit.campaign = campaign
    return unit, people, movement


def share(client, unit, movement, year=2023):
    totals = client.get(URL, {"unit": unit.pk, "movement": movement.pk, "year": year}).context["totals"]
    return totals["contributors"], totals["staff"], totals["share"]


def test_adding_six_people_today_leaves_2023s_16_of_16_as_it_was(world, client, legal):
    unit, people, movement = legal
    world.login(client, "vanphong")
    assert share(client, unit, movement) == (16, 16, 100.0)
    # December 2026: six people join, one of 2023's staff leaves and another moves to another division
    for i in range(6):
        person(unit, f"Cán bộ mới {i}", start=timezone.localdate())
    org_services.set_person_active(people[0], False, actor=None, reason="Nghỉ hưu")
    org_services.move_person(people[1], world.planning, actor=None)
    assert share(client, unit, movement) == (16, 16, 100.0)
    page = client.get(URL, {"unit": unit.pk, "movement": movement.pk, "year": 2023}).content.decode()
    assert "16/16 người" in page
    # today's staff did change: 16 - 2 + 6
    assert staff_on(unit.path, timezone.localdate()).count() == 20


def test_the_movements_whole_period_counts_who_served_in_it(world, client, legal):
    unit, people, movement = legal
    world.login(client, "vanphong")
    person(unit, "Cán bộ vào năm 2024", start=dt.date(2024, 3, 1))
    # over 2021–2025, 17 people served in the division; 16 of them gave
    assert share(client, unit, movement, year="") == (16, 17, 94.1)
    person(unit, "Cán bộ mới 2026", start=timezone.localdate())
    assert share(client, unit, movement, year="") == (16, 17, 94.1)


def test_unit_history_counts_a_mover_in_each_unit_he_served_that_year(world):
    lan = world.people["canbo2"]
    org_services.move_person(lan, world.planning, actor=None, on=dt.date(2024, 6, 1))
    in_2024 = staff_between(world.planning.path, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    in_2023 = staff_between(world.planning.path, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert lan in in_2024 and lan not in in_2023
    assert lan in staff_between(world.transport.path, dt.date(2024, 1, 1), dt.date(2024, 12, 31))
    assert lan not in staff_on(world.transport.path, dt.date(2024, 6, 1))
    assert lan in staff_on(world.planning.path, dt.date(2024, 6, 1))


def test_the_2023_campaigns_unit_page_lists_that_years_staff_not_todays(world, client, legal):
    unit, people, movement = legal
    for i in range(6):
        person(unit, f"Cán bộ mới {i}", start=timezone.localdate())
    org_services.set_person_active(people[0], False, actor=None)
    world.login(client, "vanphong")
    response = client.get(reverse("fund:unit", args=[unit.campaign.pk, unit.pk]))
    names = [row["name"] for row in response.context["people"]]
    assert len(names) == 16 and "Cán bộ mới 0" not in names and people[0].full_name in names
    assert response.context["not_given"] == 0


def test_someone_who_gave_in_2023_counts_in_2023_even_if_his_history_starts_later(world, client, legal):
    unit, people, movement = legal
    late = person(unit, "Cán bộ nhập sau", start=timezone.localdate())  # entered today, e.g. by the staff import
    campaign = unit.campaign
    Movement.objects.filter(pk=movement.pk).update(status="launched")  # arranged: as it was in 2023
    fund_services.move_campaign(campaign, "open", actor=None, reason="Nhập bổ sung bảng kê 2023")
    fund_services.record_contribution(campaign, actor=None, person=late, amount=300_000,
                                      entry_date=dt.date(2023, 10, 25), method="cash")
    Movement.objects.filter(pk=movement.pk).update(status="closed")
    world.login(client, "vanphong")
    assert share(client, unit, movement) == (17, 17, 100.0)
