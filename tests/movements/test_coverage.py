"""Dissemination coverage: each person counts once, and a closed movement's coverage stays as it was."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from thidua.movements import services
from thidua.movements.models import Dissemination, Movement
from thidua.movements.stats import coverage
from thidua.org import services as org_services

from ..factories import make_unit

TODAY = timezone.localdate()


def person(unit, name, start=dt.date(2020, 1, 1)):
    return org_services.create_person(actor=None, unit=unit, full_name=name, gender="female",
                                      birth_date=dt.date(1988, 1, 1), employment_type="cong_chuc", start_date=start)


def set_status(movement, status, **fields):
    Movement.objects.filter(pk=movement.pk).update(status=status, **fields)
    movement.refresh_from_db()
    return movement


@pytest.fixture
def launched(movement):
    return set_status(movement, "launched", launched_on=dt.date(2022, 10, 20))


@pytest.fixture
def legal(world):
    unit = make_unit("Phòng Pháp chế", parent=world.agency)
    return unit, [person(unit, f"Cán bộ {i:02d}") for i in range(13)]


def row(movement, unit):
    return next(u for u in coverage(movement) if u.pk == unit.pk)


def test_two_sessions_of_thirteen_in_a_unit_of_thirteen_are_thirteen_people(world, launched, legal):
    unit, _people = legal
    for day in (dt.date(2022, 11, 3), dt.date(2022, 11, 20)):
        services.record_dissemination(launched, unit, actor=world.users["vanphong"], method="meeting",
                                      held_on=day, people_reached=13)
    r = row(launched, unit)
    assert (r.reached, r.staff, r.sessions, r.percent) == (13, 13, 2, 100)


def test_named_people_are_counted_once_over_all_sessions(world, launched, legal):
    unit, people = legal
    services.record_dissemination(launched, unit, actor=world.users["vanphong"], method="meeting", held_on=dt.date(2022, 11, 3),
                                  people=people[:7])
    services.record_dissemination(launched, unit, actor=world.users["vanphong"], method="meeting", held_on=dt.date(2022, 11, 10),
                                  people=people[5:11])
    r = row(launched, unit)
    assert (r.reached, r.staff, r.percent) == (11, 13, 85)
    assert Dissemination.objects.filter(unit=unit).order_by("id").first().people_reached == 7


def test_a_person_of_another_unit_is_refused_and_nothing_is_recorded(world, launched, legal):
    unit, people = legal
    with pytest.raises(ValidationError) as exc:
        services.record_dissemination(launched, unit, actor=world.users["vanphong"], method="meeting", held_on=dt.date(2022, 11, 3),
                                      people=[people[0], world.people["canbo"]])
    assert "Nguyễn Văn An không phải cán bộ đang công tác của Phòng Pháp chế" in " ".join(exc.value.messages)
    assert not Dissemination.objects.exists()


def test_a_closed_movements_coverage_does_not_move_when_people_join_later(world, launched, legal):
    unit, people = legal
    services.record_dissemination(launched, unit, actor=world.users["vanphong"], method="meeting", held_on=dt.date(2022, 11, 3),
                                  people_reached=13)
    set_status(launched, "closed", closed_on=dt.date(2025, 12, 31))
    for i in range(6):
        person(unit, f"Cán bộ mới {i}", start=TODAY)
    org_services.set_person_active(people[0], False, actor=None)
    r = row(launched, unit)
    assert (r.reached, r.staff, r.percent) == (13, 13, 100)


def test_a_running_movement_counts_those_who_joined_since(world, launched, legal):
    unit, _people = legal
    services.record_dissemination(launched, unit, actor=world.users["vanphong"], method="meeting", held_on=dt.date(2022, 11, 3),
                                  people_reached=13)
    for i in range(2):
        person(unit, f"Cán bộ mới {i}", start=TODAY)
    r = row(launched, unit)
    assert (r.reached, r.staff) == (13, 15)


def test_the_unit_head_names_who_attended_on_the_form(world, client, launched):
    world.login(client, "truongphong")
    an, lan, quang = world.people["canbo"], world.people["canbo2"], world.people["truongphong"]
    url = reverse("movements:disseminate", args=[launched.pk])
    assert an.full_name in client.get(url).content.decode()
    day = TODAY.strftime("%d/%m/%Y")
    client.post(url, {"unit": world.transport.pk, "method": "meeting", "held_on": day, "people": [an.pk, lan.pk]})
    response = client.post(url, {"unit": world.transport.pk, "method": "meeting", "held_on": day,
                                 "people": [an.pk, quang.pk]}, follow=True)
    shown = {u.name: u for u in response.context["coverage"]}[world.transport.name]
    assert (shown.reached, shown.staff, shown.sessions) == (3, 3, 2)
    # neither a number nor a name: a message, nothing recorded
    response = client.post(url, {"unit": world.transport.pk, "method": "meeting", "held_on": day})
    assert "Hãy nhập số người được quán triệt" in response.content.decode()
    assert Dissemination.objects.count() == 2
