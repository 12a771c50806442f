"""Discipline, inquiries and initiatives: the Office records and edits them (audited), bad input changes nothing, a
unit head reads his people's; the person page shows them by year within the viewer's scope."""

from __future__ import annotations

import datetime as dt

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards.models import Discipline, Initiative, Inquiry, Rating
from thidua.core.models import AuditAction, AuditEvent

from ..factories import PersonFactory

CONFIRMED = dt.datetime(2025, 1, 10, tzinfo=dt.UTC)


def test_office_records_a_discipline_audited(world, client):
    canbo = world.people["canbo"]
    world.login(client, "vanphong")
    response = client.post(reverse("awards:discipline_new", args=[canbo.pk]), {
        "form": "reprimand", "decision_number": "45/QĐ-SGTVT", "decision_date": "20/06/2024",
        "start_date": "20/06/2024", "end_date": "19/12/2024", "reason": "Vi phạm quy chế"})
    assert response.status_code == 302
    record = Discipline.objects.get(person=canbo)
    assert record.form == "reprimand" and record.end_date == dt.date(2024, 12, 19)
    assert record.recorded_by == world.users["vanphong"]
    event = AuditEvent.objects.get(target_type="awards.discipline", action=AuditAction.CREATE)
    assert event.changes["form"] == [None, "Khiển trách"]


def test_an_edit_is_audited_with_old_and_new(world, client):
    canbo = world.people["canbo"]
    record = Initiative.objects.create(person=canbo, title="Số hóa hồ sơ", year=2024, decision_number="5/QĐ",
                                       decision_date=dt.date(2024, 12, 20))
    world.login(client, "vanphong")
    response = client.post(reverse("awards:initiative_edit", args=[record.pk]), {
        "kind": "initiative", "title": "Số hóa hồ sơ sát hạch lái xe", "year": 2024, "level": "province",
        "decision_number": "5/QĐ", "decision_date": "20/12/2024"})
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.level == "province"
    event = AuditEvent.objects.get(target_type="awards.initiative", action=AuditAction.UPDATE)
    assert event.changes["level"] == ["Cấp cơ sở", "Cấp tỉnh, cấp bộ"]
    assert event.changes["title"] == ["Số hóa hồ sơ", "Số hóa hồ sơ sát hạch lái xe"]


def test_a_period_ending_before_it_starts_is_refused_in_vietnamese(world, client):
    world.login(client, "vanphong")
    before = AuditEvent.objects.count()
    response = client.post(reverse("awards:inquiry_new", args=[world.people["canbo"].pk]), {
        "kind": "complaint", "start_date": "01/09/2025", "end_date": "01/08/2025"})
    assert response.status_code == 200
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert not Inquiry.objects.exists() and AuditEvent.objects.count() == before


def test_unit_head_cannot_record_and_the_other_agencys_office_cannot_see(world, client):
    canbo = world.people["canbo"]
    world.login(client, "truongphong")
    assert client.get(reverse("awards:discipline_new", args=[canbo.pk])).status_code == 403
    world.login(client, "vanphong_khac")
    assert client.get(reverse("awards:discipline_new", args=[canbo.pk])).status_code == 404


def record_for_each(world):
    day = dt.date(2024, 3, 1)
    for key in ("canbo", "planning"):
        Discipline.objects.create(person=world.people[key], form="warning", decision_number=f"{key}/QĐ",
                                  decision_date=day, start_date=day)


def test_records_list_shows_a_unit_head_his_peoples_only(world, client):
    record_for_each(world)
    world.login(client, "truongphong")
    response = client.get(reverse("awards:inputs"))
    assert [r.person for r in response.context["rows"]] == [world.people["canbo"]]
    assert not response.context["can_record"]
    world.login(client, "vanphong")
    assert len(client.get(reverse("awards:inputs")).context["rows"]) == 2


def test_records_list_filters_by_the_year_a_period_touches(world, client):
    canbo = world.people["canbo"]
    Discipline.objects.create(person=canbo, form="warning", decision_number="7/QĐ", decision_date=dt.date(2023, 11, 1),
                              start_date=dt.date(2023, 11, 1), end_date=dt.date(2024, 10, 31))
    world.login(client, "vanphong")
    url = reverse("awards:inputs")
    assert len(client.get(url, {"loai": "discipline", "year": 2024}).context["rows"]) == 1
    assert client.get(url, {"loai": "discipline", "year": 2025}).context["rows"] == []


def test_records_list_query_count_does_not_grow(world, client, django_assert_num_queries):
    world.login(client, "vanphong")
    url = reverse("awards:inputs")
    Initiative.objects.create(person=world.people["canbo"], title="Một", year=2024, decision_number="1",
                              decision_date=dt.date(2024, 5, 1))
    client.get(url, {"loai": "initiative"})
    with CaptureQueriesContext(connection) as one:
        response = client.get(url, {"loai": "initiative"})
    assert len(response.context["rows"]) == 1
    for i in range(20):
        Initiative.objects.create(person=PersonFactory(unit=world.planning), title=f"Sáng kiến {i}", year=2024,
                                  decision_number=f"{i}", decision_date=dt.date(2024, 5, 1))
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url, {"loai": "initiative"})
    assert len(response.context["rows"]) == 21


# --- the person page -------------------------------------------------------------------------------------------


def fill(world):
    canbo = world.people["canbo"]
    Rating.objects.create(person=canbo, year=2024, grade="excellent", confirmed_at=CONFIRMED)
    Rating.objects.create(person=canbo, year=2025, grade="good")
    Discipline.objects.create(person=canbo, form="reprimand", decision_number="45/QĐ-SGTVT",
                              decision_date=dt.date(2023, 5, 1), start_date=dt.date(2023, 5, 1),
                              end_date=dt.date(2023, 10, 31))
    Inquiry.objects.create(person=canbo, kind="complaint", start_date=dt.date(2025, 9, 1))
    Initiative.objects.create(person=canbo, title="Số hóa hồ sơ sát hạch", year=2024, decision_number="5/QĐ",
                              decision_date=dt.date(2024, 12, 20))
    return canbo


def panel(response):
    return next(p for p in response.context["panels"] if p["template"] == "awards/_person_inputs.html")


def test_person_page_shows_the_inputs_by_year(world, client):
    canbo = fill(world)
    world.login(client, "truongphong")
    response = client.get(reverse("org:person", args=[canbo.pk]))
    rows = {row["year"]: row for row in panel(response)["rows"]}
    assert rows[2024]["rating"].grade == "excellent" and rows[2024]["initiatives"][0].title == "Số hóa hồ sơ sát hạch"
    assert not rows[2025]["rating"].is_confirmed and rows[2025]["inquiries"]
    assert rows[2023]["disciplines"][0].form == "reprimand" and rows[2023]["rating"] is None
    html = response.content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in html and "chờ xác nhận" in html and "Khiển trách" in html
    assert reverse("awards:discipline_new", args=[canbo.pk]) not in html  # a unit head reads, does not record


def test_office_gets_the_buttons_to_record(world, client):
    canbo = world.people["canbo2"]
    world.login(client, "vanphong")
    html = client.get(reverse("org:person", args=[canbo.pk])).content.decode()
    assert reverse("awards:discipline_new", args=[canbo.pk]) in html
    assert reverse("awards:initiative_new", args=[canbo.pk]) in html


def test_staff_sees_his_own_inputs_and_a_reader_without_any_sees_no_panel(world, client):
    canbo = fill(world)
    world.login(client, "canbo")
    response = client.get(reverse("org:person", args=[canbo.pk]))
    # the complaint still open runs to this year
    assert [row["year"] for row in panel(response)["rows"]] == list(range(dt.date.today().year, 2022, -1))
    world.login(client, "giamdoc")
    response = client.get(reverse("org:person", args=[world.people["canbo2"].pk]))
    assert response.context["panels"] == []


def test_a_record_hidden_from_the_user_or_an_id_out_of_range_is_a_404(world, client):
    day = dt.date(2024, 3, 1)
    records = {"discipline": Discipline.objects.create(person=world.people["canbo"], form="warning",
                                                       decision_number="1/QĐ", decision_date=day, start_date=day),
               "inquiry": Inquiry.objects.create(person=world.people["canbo"], kind="complaint", start_date=day),
               "initiative": Initiative.objects.create(person=world.people["canbo"], title="Số hóa", year=2024,
                                                       decision_number="5/QĐ", decision_date=day)}
    huge = "99999999999999999999"
    world.login(client, "vanphong_khac")  # another agency's Office: not its people's records
    for kind, record in records.items():
        assert client.get(reverse(f"awards:{kind}_edit", args=[record.pk])).status_code == 404, kind
    world.login(client, "vanphong")
    for kind, record in records.items():
        assert client.get(reverse(f"awards:{kind}_edit", args=[record.pk])).status_code == 200, kind
        assert client.get(reverse(f"awards:{kind}_edit", args=[0]).replace("/0/", f"/{huge}/")).status_code == 404
        assert client.get(reverse(f"awards:{kind}_new", args=[0]).replace("/0/", f"/{huge}/")).status_code == 404
