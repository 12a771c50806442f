import datetime as dt
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

import thidua
from thidua.fund import services as fund_services
from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem
from thidua.participation import services, stats
from thidua.participation.models import Activity

from ..factories import SIGNED_PLAN
from .helpers import household

pytestmark = pytest.mark.django_db
URL = reverse("participation:dashboard")


def setup_movement(world):
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="vnn", name="Vì người nghèo",
                                                 start_year=2022, end_year=2025)
    a = PlanItem.objects.create(movement=movement, kind="content", label="a", text="Tuyên truyền", order=1)
    b = PlanItem.objects.create(movement=movement, kind="content", label="b", text="Hỗ trợ hộ nghèo", order=2)
    movement = movement_services.move_movement(movement, "launched", actor=None)  # activities serve running plans
    return movement, a, b


def record(world, *, units, items=(), households=(), held_on=dt.date(2024, 5, 1), cash=1_000_000, in_kind=0):
    return services.record_activity(
        agency=world.agency, actor=None, kind="visit_gift", title="Thăm hộ nghèo", held_on=held_on,
        cash_value=cash, in_kind_value=in_kind, commune_code=None, commune_name="", description="",
        links={"units": list(units), "content_items": list(items), "households": list(households)})


def totals(response) -> dict:
    return response.context["totals"]


def test_numbers_match_the_recorded_activities_and_fund(world, client):
    movement, a, b = setup_movement(world)
    h1, h2 = household(world), household(world, name="Lò Thị Mỷ")
    # the team is inside the transport unit: its activities count for the unit
    record(world, units=[world.transport], items=[a, b], households=[h1, h2], cash=2_000_000, in_kind=500_000)
    record(world, units=[world.transport_team, world.transport], items=[b], households=[h1],
           held_on=dt.date(2023, 3, 1), cash=700_000)
    record(world, units=[world.planning], items=[a], cash=9_000_000)  # another unit: not counted
    record(world, units=[world.transport], held_on=dt.date(2019, 1, 1), cash=5)  # outside the movement's years
    campaign = fund_services.create_campaign(actor=None, agency=world.agency, name="Quỹ 2024",
                                             start_date=dt.date(2024, 1, 1), end_date=dt.date(2024, 12, 31),
                                             movement=movement)
    fund_services.record_contribution(campaign, actor=None, amount=300_000, entry_date=dt.date(2024, 2, 1),
                                      method="cash", person=world.people["canbo"])
    fund_services.record_contribution(campaign, actor=None, amount=200_000, entry_date=dt.date(2024, 2, 1),
                                      method="cash", person=world.people["team"])
    fund_services.record_contribution(campaign, actor=None, amount=1_000_000, entry_date=dt.date(2024, 2, 1),
                                      method="cash", person=world.people["planning"])
    world.login(client, "truongphong")
    response = client.get(URL, {"unit": world.transport.pk, "movement": movement.pk})
    assert response.status_code == 200
    # expected values computed from the rows themselves
    acts = [x for x in Activity.objects.filter(units__path__startswith=world.transport.path).distinct()
            if 2022 <= x.held_on.year <= 2025]
    got = totals(response)
    assert got["activities"] == len(acts) == 2
    assert got["households"] == sum(x.households.count() for x in acts) == 3
    assert got["value"] == sum(x.cash_value + x.in_kind_value for x in acts) == 3_200_000
    assert got["money"] == 500_000
    staff = [p for p in world.people.values() if p.unit.path.startswith(world.transport.path)]
    assert got["staff"] == len(staff) == 4
    assert got["contributors"] == 2 and got["share"] == 50.0
    per_item = {r["label"]: r["activities"] for r in response.context["per_item"]}
    assert per_item == {"a": 1, "b": 2}
    per_year = {r["year"]: (r["activities"], r["money"]) for r in response.context["per_year"]}
    assert per_year == {2022: (0, 0), 2023: (1, 0), 2024: (1, 500_000), 2025: (0, 0)}
    body = response.content.decode()
    assert "3.200.000" in body and "50.0%" in body.replace(",", ".") and 'id="dashboard-data"' in body
    assert "vendor/chartjs/chart.umd.min.js" in body
    # one year only
    response = client.get(URL, {"unit": world.transport.pk, "movement": movement.pk, "year": 2023})
    assert totals(response)["activities"] == 1 and totals(response)["money"] == 0
    assert {r["label"]: r["activities"] for r in response.context["per_item"]} == {"a": 0, "b": 1}
    # the whole agency (secretariat)
    world.login(client, "vanphong")
    response = client.get(URL, {"unit": world.agency.pk, "movement": movement.pk})
    assert totals(response)["activities"] == 3 and totals(response)["money"] == 1_500_000
    assert totals(response)["value"] == 3_200_000 + 9_000_000


def test_editing_an_activity_keeps_the_totals(world):
    _movement, a, b = setup_movement(world)
    act = record(world, units=[world.transport], items=[a])
    services.update_activity(act, actor=None, kind="visit_gift", title="Sửa", held_on=dt.date(2023, 1, 1),
                             cash_value=10, in_kind_value=0, commune_code=None, commune_name="", description="",
                             links={"units": [world.planning], "content_items": [b]})
    assert stats.mismatches() == []
    stats.rebuild()
    assert stats.mismatches() == []


def test_permissions(world, client):
    setup_movement(world)
    assert client.get(URL).status_code == 302  # anonymous: to the login page
    world.login(client, "canbo")
    assert client.get(URL).status_code == 200  # his own unit by default
    assert client.get(URL).context["unit"] == world.transport
    assert client.get(URL, {"unit": world.planning.pk}).status_code == 404
    world.login(client, "truongphong")
    assert client.get(URL, {"unit": world.transport_team.pk}).status_code == 200
    assert client.get(URL, {"unit": world.agency.pk}).status_code == 404
    world.login(client, "vanphong")
    assert client.get(URL, {"unit": world.agency.pk}).status_code == 200
    assert client.get(URL, {"unit": world.other_agency.pk}).status_code == 404
    assert client.get(URL, {"unit": world.other_unit.pk}).status_code == 404
    world.login(client, "tinh")
    assert client.get(URL, {"unit": world.agency.pk}).status_code == 200
    assert client.get(URL, {"unit": world.other_agency.pk}).status_code == 200


def test_query_count_does_not_grow_with_activities(world, client):
    movement, a, b = setup_movement(world)
    record(world, units=[world.transport], items=[a])
    world.login(client, "vanphong")
    params = {"unit": world.agency.pk, "movement": movement.pk}
    with CaptureQueriesContext(connection) as one:
        client.get(URL, params)
    for i in range(15):
        record(world, units=[world.transport_team if i % 2 else world.planning], items=[a, b],
               households=[household(world, name=f"Hộ {i}")], held_on=dt.date(2022 + i % 4, 6, 1))
    with CaptureQueriesContext(connection) as many:
        response = client.get(URL, params)
    assert totals(response)["activities"] == 16
    assert len(one) == len(many)


def test_dashboard_says_the_numbers_include_sub_units_only_when_there_are_some(world, client):
    world.login(client, "vanphong")
    page = client.get(reverse("participation:dashboard"), {"unit": world.transport.pk}).content.decode()
    assert "Số liệu gồm cả các đơn vị trực thuộc." in page  # the transport division has the licensing team
    page = client.get(reverse("participation:dashboard"), {"unit": world.planning.pk}).content.decode()
    assert "Số liệu gồm cả các đơn vị trực thuộc." not in page


def test_content_item_chart_labels_are_cut_on_a_word_with_the_full_text_in_the_tooltip(world, client):
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="vnn",
                                                 name="Vì người nghèo", start_year=2022, end_year=2025)
    text = "Vận động cán bộ, công chức, viên chức và người lao động ủng hộ Quỹ Vì người nghèo"
    PlanItem.objects.create(movement=movement, kind="content", label="c", text=text, order=1)
    world.login(client, "vanphong")
    response = client.get(reverse("participation:dashboard"), {"unit": world.agency.pk, "movement": movement.pk})
    charts = response.context["charts"]
    label = charts["items"][0]  # two short lines, so that the label is not cut on a 390 px phone
    assert label == ["c) Vận động cán", "bộ, công chức…"]  # not "…công chức, viên c"
    assert all(len(line) <= 18 for line in label)
    shown = " ".join(label)[3:-1]
    assert text.startswith(shown) and text[len(shown)] in " ,"  # cut between words
    assert " ".join(charts["item_titles"][0]) == f"c) {text}"
    assert "thidua/dashboard.js" in response.content.decode()  # the charts' script, a static file
    assert "item_titles[items[0].dataIndex]" in (Path(thidua.__file__).parent / "static/thidua/dashboard.js").read_text()
