"""The Council's lists keep the same number of queries with one row and with many: the session list, a session's
agenda with the tallies of every ballot, and a member's ballot page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards import council
from thidua.awards.enums import VoteChoice, VoteMode

from . import council_factories as f

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 25)


def count(client, url) -> int:
    client.get(url)  # warm the session
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries.captured_queries)


def test_the_session_list_uses_the_same_queries_for_one_and_many_sessions(client, board, world,
                                                                         django_assert_num_queries):
    f.session(board.agency, held_on=DAY, actor=board.office)
    world.login(client, "hoidong")
    url = reverse("awards:sessions")
    one = count(client, url)
    for i in range(12):
        f.session(board.agency, held_on=DAY - dt.timedelta(days=i), actor=board.office)
    with django_assert_num_queries(one):
        response = client.get(url)
    assert len(response.context["sessions"]) == 13


def agenda(board, world, n: int, rnd):
    people = [world.people[k] for k in ("canbo", "canbo2", "team")]
    nominations = [f.accepted(rnd, person=people[i % len(people)], form="chien-si-thi-dua-co-so"
                              if i % 2 else "giay-khen-giam-doc-so") for i in range(n)]
    session = f.session(board.agency, held_on=DAY, nominations=nominations, actor=board.office)
    board.start(session, absent=[board.members[2]])
    for item in session.items.all():
        council.cast_vote(item, board.chair, VoteChoice.AGREE, actor=board.chair)
        council.cast_vote(item, board.members[2], VoteChoice.AGREE, actor=board.secretary, mode=VoteMode.WRITTEN)
        council.revote(item, actor=board.office, reason="Thảo luận lại")
        council.cast_vote(item, board.members[1], VoteChoice.DISAGREE, actor=board.members[1])
    return session


@pytest.mark.parametrize("name,role", [("session", "vanphong"), ("session", "hoidong"),
                                       ("session_vote", "hoidong"), ("session_minutes", "vanphong")])
def test_the_agenda_uses_the_same_queries_for_one_and_many_items(client, board, world, django_assert_num_queries,
                                                                 name, role):
    rnd = f.review_round(board.agency, year=2025)
    small = agenda(board, world, 1, rnd)
    big = agenda(board, world, 9, rnd)
    world.login(client, role)
    one = count(client, reverse(f"awards:{name}", args=[small.pk]))
    with django_assert_num_queries(one):
        assert client.get(reverse(f"awards:{name}", args=[big.pk])).status_code == 200
