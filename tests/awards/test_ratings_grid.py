"""The ratings grid: a unit head proposes for his unit's people and units, the Office confirms (one by one or all),
changes are audited, scope holds by URL, list and export."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards.models import Rating
from thidua.core.models import AuditEvent
from thidua.org import services as org_services
from thidua.org.models import Assignment

from ..factories import PersonFactory
from .inputs_helpers import grid_post, movement_years

URL = reverse("awards:ratings")


@pytest.fixture
def years(world):
    return movement_years(world)


def page(client, world, role, **params):
    world.login(client, role)
    return client.get(URL, params)


def keys(response) -> set[str]:
    return {row.key for row in response.context["grid"].rows}


def test_years_come_from_the_agencys_movements(world, client, years):
    response = page(client, world, "truongphong")
    assert response.context["years"] == [2025, 2024, 2023, 2022]
    assert response.context["year"] == 2025
    # a year outside them falls back to the latest
    assert page(client, world, "truongphong", year=2015).context["year"] == 2025


def test_unit_head_sees_his_units_people_and_units_only(world, client, years):
    response = page(client, world, "truongphong", year=2024)
    assert response.status_code == 200
    people = {f"p{world.people[k].pk}" for k in ("truongphong", "canbo", "canbo2", "team")}
    assert keys(response) == people | {f"u{world.transport.pk}", f"u{world.transport_team.pk}"}
    assert [u.pk for u in response.context["units"]] == [world.transport.pk, world.transport_team.pk]
    # another unit's grid by URL: he gets his own
    other = page(client, world, "truongphong", unit=world.planning.pk, year=2024)
    assert other.context["unit"] == world.transport
    assert f"p{world.people['planning'].pk}" not in keys(other)


def test_grid_holds_the_staff_of_that_year(world, client, years):
    newcomer = org_services.create_person(actor=None, unit=world.transport, full_name="Hoàng Văn Mới", gender="male",
                                          birth_date=dt.date(1995, 5, 5), employment_type="cong_chuc",
                                          start_date=dt.date(2025, 3, 1))
    assert f"p{newcomer.pk}" not in keys(page(client, world, "truongphong", year=2024))
    assert f"p{newcomer.pk}" in keys(page(client, world, "truongphong", year=2025))


def test_unit_head_proposes_in_one_form_audited(world, client, years):
    response = page(client, world, "truongphong", year=2024)
    canbo, canbo2 = world.people["canbo"], world.people["canbo2"]
    before = AuditEvent.objects.count()
    data = grid_post(response, **{f"g-p{canbo.pk}": "good", f"g-p{canbo2.pk}": "excellent",
                                  f"g-u{world.transport.pk}": "good"})
    saved = client.post(URL, data)
    assert saved.status_code == 302
    rating = Rating.objects.get(person=canbo, year=2024)
    assert rating.grade == "good" and not rating.is_confirmed and rating.proposed_by == world.users["truongphong"]
    assert Rating.objects.get(unit=world.transport, person__isnull=True, year=2024).grade == "good"
    assert AuditEvent.objects.count() == before + 3
    event = AuditEvent.objects.filter(target_type="awards.rating", target_id=str(rating.pk)).get()
    assert event.changes["grade"] == [None, "Hoàn thành tốt nhiệm vụ"]


def test_office_confirms_one_and_changes_a_grade_audited_with_old_and_new(world, client, years):
    canbo, canbo2 = world.people["canbo"], world.people["canbo2"]
    world.login(client, "truongphong")
    client.post(URL, grid_post(client.get(URL, {"year": 2024}), **{f"g-p{canbo.pk}": "good",
                                                                   f"g-p{canbo2.pk}": "good"}))
    response = page(client, world, "vanphong", unit=world.transport.pk, year=2024)
    assert response.context["office"]
    client.post(URL, grid_post(response, **{f"g-p{canbo.pk}": "excellent", f"c-p{canbo.pk}": "1"}))
    rating = Rating.objects.get(person=canbo, year=2024)
    assert rating.grade == "excellent" and rating.is_confirmed and rating.confirmed_by == world.users["vanphong"]
    assert not Rating.objects.get(person=canbo2, year=2024).is_confirmed  # not ticked: still waiting
    event = AuditEvent.objects.filter(target_id=str(rating.pk), target_type="awards.rating").latest("id")
    assert event.changes == {"grade": ["Hoàn thành tốt nhiệm vụ", "Hoàn thành xuất sắc nhiệm vụ"],
                             "confirmed": [False, True]}


def test_office_confirms_every_proposal_at_once(world, client, years):
    canbo, canbo2 = world.people["canbo"], world.people["canbo2"]
    world.login(client, "truongphong")
    client.post(URL, grid_post(client.get(URL, {"year": 2024}), **{f"g-p{canbo.pk}": "good",
                                                                   f"g-p{canbo2.pk}": "done"}))
    page(client, world, "vanphong", unit=world.transport.pk, year=2024)
    response = client.post(URL, {"unit": world.transport.pk, "year": 2024, "action": "confirm_all"})
    assert response.status_code == 302
    assert set(Rating.objects.filter(year=2024).values_list("grade", "confirmed_by")) == {
        ("good", world.users["vanphong"].pk), ("done", world.users["vanphong"].pk)}


def test_unit_head_cannot_confirm_all(world, client, years):
    Rating.objects.create(person=world.people["canbo"], year=2024, grade="good")
    world.login(client, "truongphong")
    response = client.post(URL, {"unit": world.transport.pk, "year": 2024, "action": "confirm_all"})
    assert response.status_code == 200
    assert "Chỉ Văn phòng" in response.content.decode()
    assert not Rating.objects.get(person=world.people["canbo"]).is_confirmed


def test_a_confirmed_rating_changed_by_the_unit_head_awaits_confirmation_again(world, client, years):
    canbo = world.people["canbo"]
    Rating.objects.create(person=canbo, year=2024, grade="good", confirmed_by=world.users["vanphong"],
                          confirmed_at=dt.datetime(2025, 1, 5, tzinfo=dt.UTC))
    response = page(client, world, "truongphong", year=2024)
    client.post(URL, grid_post(response, **{f"g-p{canbo.pk}": "excellent"}))
    rating = Rating.objects.get(person=canbo, year=2024)
    assert rating.grade == "excellent" and not rating.is_confirmed
    event = AuditEvent.objects.filter(target_type="awards.rating").latest("id")
    assert event.changes["confirmed"] == [True, False]
    assert "chờ Văn phòng xác nhận lại" in event.note


def test_unit_head_cannot_blank_a_confirmed_rating(world, client, years):
    canbo = world.people["canbo"]
    Rating.objects.create(person=canbo, year=2024, grade="good", confirmed_at=dt.datetime(2025, 1, 5, tzinfo=dt.UTC))
    response = page(client, world, "truongphong", year=2024)
    refused = client.post(URL, grid_post(response, **{f"g-p{canbo.pk}": ""}))
    assert refused.status_code == 200
    assert "không bỏ trống được" in refused.content.decode()
    assert Rating.objects.get(person=canbo).grade == "good"


def test_bad_grade_names_the_row_and_saves_nothing(world, client, years):
    canbo, canbo2 = world.people["canbo"], world.people["canbo2"]
    response = page(client, world, "truongphong", year=2024)
    before = AuditEvent.objects.count()
    refused = client.post(URL, grid_post(response, **{f"g-p{canbo.pk}": "good", f"g-p{canbo2.pk}": "tuyet-voi"}))
    assert refused.status_code == 200
    assert "Nguyễn Thị Lan: mức xếp loại không hợp lệ" in refused.content.decode()
    assert not Rating.objects.exists() and AuditEvent.objects.count() == before


def test_a_change_made_meanwhile_refuses_the_save(world, client, years):
    canbo = world.people["canbo"]
    response = page(client, world, "truongphong", year=2024)
    Rating.objects.create(person=canbo, year=2024, grade="done")  # someone else, after the page was shown
    refused = client.post(URL, grid_post(response, **{f"g-p{canbo.pk}": "good"}))
    assert refused.status_code == 200
    assert "vừa được người khác thay đổi" in refused.content.decode()
    assert Rating.objects.get(person=canbo).grade == "done"


def test_posting_another_units_person_changes_nothing(world, client, years):
    planning = world.people["planning"]
    response = page(client, world, "truongphong", year=2024)
    client.post(URL, grid_post(response, **{f"g-p{planning.pk}": "failed", f"s-p{planning.pk}": ""}))
    assert not Rating.objects.filter(person=planning).exists()


def test_export_holds_only_the_grid_the_user_may_see(world, client, years):
    Rating.objects.create(person=world.people["planning"], year=2024, grade="failed")
    Rating.objects.create(person=world.people["canbo"], year=2024, grade="good")
    world.login(client, "truongphong")
    response = client.get(URL, {"unit": world.planning.pk, "year": 2024, "format": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = {row[1]: row for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert "Đặng Thị Hồng" not in rows
    assert rows["Nguyễn Văn An"][4:6] == ("Hoàn thành tốt nhiệm vụ", "Chưa")


def test_office_of_another_agency_sees_none_of_these_units(world, client, years):
    response = page(client, world, "vanphong_khac", unit=world.transport.pk)
    assert world.transport.pk not in {u.pk for u in response.context["units"]}
    assert response.context["unit"].home_agency_id == world.other_agency.pk


def test_staff_and_anonymous_are_refused(world, client, years):
    assert page(client, world, "canbo").status_code == 403
    client.logout()
    assert client.get(URL).status_code == 302


def test_grid_query_count_does_not_grow_with_people(world, client, years, django_assert_num_queries):
    world.login(client, "vanphong")
    params = {"unit": world.transport_team.pk, "year": 2025}
    client.get(URL, params)
    with CaptureQueriesContext(connection) as one:
        response = client.get(URL, params)
    assert len(response.context["grid"].people) == 1
    for _ in range(25):
        person = PersonFactory(unit=world.transport_team)
        Assignment.objects.create(person=person, unit=world.transport_team, start_date=dt.date(2020, 1, 1))
        Rating.objects.create(person=person, year=2025, grade="good")
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(URL, params)
    assert len(response.context["grid"].people) == 26


def test_unit_head_withdraws_an_unconfirmed_proposal_audited(world, client, years):
    canbo = world.people["canbo"]
    rating = Rating.objects.create(person=canbo, year=2024, grade="good")
    response = page(client, world, "truongphong", year=2024)
    client.post(URL, grid_post(response, **{f"g-p{canbo.pk}": ""}))
    assert not Rating.objects.filter(person=canbo).exists()
    event = AuditEvent.objects.filter(target_type="awards.rating", target_id=str(rating.pk)).get()
    assert event.changes == {"grade": ["Hoàn thành tốt nhiệm vụ", None]} and event.note == "Bỏ xếp loại"


def test_office_unticking_returns_a_rating_to_awaiting_confirmation(world, client, years):
    canbo = world.people["canbo"]
    Rating.objects.create(person=canbo, year=2024, grade="good", confirmed_by=world.users["vanphong"],
                          confirmed_at=dt.datetime(2025, 1, 5, tzinfo=dt.UTC))
    response = page(client, world, "vanphong", unit=world.transport.pk, year=2024)
    client.post(URL, grid_post(response, **{f"c-p{canbo.pk}": None}))
    rating = Rating.objects.get(person=canbo)
    assert rating.grade == "good" and not rating.is_confirmed and rating.confirmed_by is None
