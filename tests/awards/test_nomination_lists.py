"""A round's nominations and the Office's inbox: who sees what (a unit head only his units', by list, search and
export), filters, accent-insensitive search, completeness and deadlines, and the same number of queries for one
row and for many."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from thidua.awards.enums import NominationStatus as S
from thidua.awards.models import NominationStep

from ..factories import PersonFactory
from .factories import complete_dossier, make_nomination, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def rows(world):
    review_round = make_round(world.agency)
    own = make_nomination(review_round, person=world.people["canbo2"], status=S.SUBMITTED)
    other = make_nomination(review_round, person=world.people["planning"], status=S.SUBMITTED)
    collective = make_nomination(review_round, unit=world.planning, form_code="tap-the-lao-dong-tien-tien")
    return review_round, own, other, collective


def names(response) -> str:
    return response.content.decode()


def test_the_unit_head_sees_only_his_units_nominations(world, client, rows):
    review_round, own, other, collective = rows
    world.login(client, "truongphong")
    page = names(client.get(reverse("awards:round_nominations", args=[review_round.pk])))
    assert own.nominee_name in page
    assert other.nominee_name not in page and collective.unit.name not in page.split("nomination-rows")[1]


def test_the_unit_heads_search_does_not_reach_another_unit(world, client, rows):
    review_round, own, other, _collective = rows
    world.login(client, "truongphong")
    page = names(client.get(reverse("awards:round_nominations", args=[review_round.pk]), {"q": "dang thi hong"}))
    assert other.nominee_name not in page
    page = names(client.get(reverse("awards:round_nominations", args=[review_round.pk]), {"q": "nguyen thi lan"}))
    assert own.nominee_name in page


def test_the_unit_heads_export_holds_only_his_units(world, client, rows):
    review_round, own, other, _collective = rows
    world.login(client, "truongphong")
    response = client.get(reverse("awards:round_nominations", args=[review_round.pk]), {"format": "xlsx"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    values = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
    assert own.nominee_name in values and other.nominee_name not in values


def test_the_office_sees_all_with_filters_and_accent_insensitive_search(world, client, rows):
    review_round, own, other, collective = rows
    world.login(client, "vanphong")
    url = reverse("awards:round_nominations", args=[review_round.pk])
    page = names(client.get(url))
    assert own.nominee_name in page and other.nominee_name in page
    page = names(client.get(url, {"q": "DANG THI HONG"}))
    assert other.nominee_name in page and own.nominee_name not in page
    page = names(client.get(url, {"q": "ke hoach"}))  # a collective by its unit's name
    assert f'href="{reverse("awards:nomination", args=[collective.pk])}"' in page
    page = names(client.get(url, {"status": S.DRAFT}))
    assert f'href="{reverse("awards:nomination", args=[collective.pk])}"' in page and own.nominee_name not in page
    page = names(client.get(url, {"unit": world.transport.pk}))
    assert own.nominee_name in page and other.nominee_name not in page
    page = names(client.get(url, {"form": collective.form_id}))
    assert own.nominee_name not in page


def test_another_agencys_office_cannot_see_the_round(world, client, rows):
    review_round = rows[0]
    world.login(client, "vanphong_khac")
    assert client.get(reverse("awards:round_nominations", args=[review_round.pk])).status_code == 404


def test_the_inbox_lists_submitted_and_accepted_oldest_first_with_completeness(world, client, rows):
    import datetime as dt

    from django.utils import timezone

    review_round, own, other, collective = rows
    accepted = make_nomination(review_round, person=world.people["team"], status=S.ACCEPTED)
    own.submitted_at = timezone.now() - dt.timedelta(days=3)
    other.submitted_at = timezone.now() - dt.timedelta(days=1)
    accepted.submitted_at = timezone.now() - dt.timedelta(days=2)
    for n in (own, other, accepted):
        n.save(update_fields=["submitted_at"])
    complete_dossier(other)
    world.login(client, "vanphong")
    page = names(client.get(reverse("awards:inbox")))
    positions = [page.index(n.nominee_name) for n in (own, accepted, other)]
    assert positions == sorted(positions)
    assert f'href="{reverse("awards:nomination", args=[collective.pk])}"' not in page  # a draft is not in it
    assert "Thiếu: " in page and "Đủ" in page
    assert f"{review_round.submit_by:%d/%m/%Y}" in page and f"{review_round.council_on:%d/%m/%Y}" in page


def test_the_inbox_is_the_offices(world, client):
    for role in ("truongphong", "canbo", "hoidong"):
        world.login(client, role)
        assert client.get(reverse("awards:inbox")).status_code == 403


def _many(world, review_round, n: int):
    for _i in range(n):
        person = PersonFactory(unit=world.transport)
        nomination = make_nomination(review_round, person=person, status=S.SUBMITTED)
        complete_dossier(nomination)
        NominationStep.objects.create(nomination=nomination, source=S.DRAFT, target=S.SUBMITTED, at=nomination.created_at)


@pytest.mark.parametrize("role,url_name", [("vanphong", "awards:inbox"), ("truongphong", "awards:round_nominations"),
                                           ("vanphong", "awards:round_nominations")])
def test_the_same_number_of_queries_for_one_row_and_many(world, client, django_assert_num_queries, role, url_name):
    review_round = make_round(world.agency)
    url = reverse(url_name, args=[review_round.pk] if url_name.endswith("round_nominations") else [])
    world.login(client, role)
    _many(world, review_round, 1)
    client.get(url)  # warm the session and the scope
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as one:
        assert client.get(url).status_code == 200
    _many(world, review_round, 12)
    with django_assert_num_queries(len(one.captured_queries)):
        page = client.get(url)
    assert page.content.decode().count('data-label="#"') == 13


def test_the_inbox_query_reads_its_index_not_the_whole_table(world, client, rows):
    """The inbox's rows (the agency's sent nominations, oldest first) are found through nomination_inbox_idx."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    world.login(client, "vanphong")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("awards:inbox")).status_code == 200
    listing = [q["sql"] for q in queries.captured_queries
               if 'FROM "awards_nomination"' in q["sql"] and "ORDER BY" in q["sql"] and "submitted_at" in q["sql"]]
    assert listing, "the inbox's listing query was not found"
    if connection.vendor != "sqlite":
        pytest.skip("the plan is read with SQLite's EXPLAIN QUERY PLAN")
    with connection.cursor() as cursor:  # the captured SQL has its values written in
        cursor.execute("EXPLAIN QUERY PLAN " + listing[0])
        plan = " | ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING INDEX nomination_inbox_idx" in plan, plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan, plan  # the index gives the order: no sort of the rows
