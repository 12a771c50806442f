"""The Council's minutes downloaded during the vote tell no more than the session's page: an open ballot's running
tally only for the Office, the secretary and a member who voted; never for a member still to vote nor a reader."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.test import Client
from django.urls import reverse
from docx import Document

from thidua.awards import council
from thidua.awards.enums import VoteChoice

from . import council_factories as f

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 25)


def _text(client, session) -> str:
    response = client.get(reverse("awards:session_minutes", args=[session.pk]))
    assert response.status_code == 200
    document = Document(io.BytesIO(response.content))
    return "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells)


def test_the_running_tally_is_not_in_the_minutes_of_one_who_may_not_see_it(board, world):
    rnd = f.review_round(board.agency, year=2025)
    nomination = f.accepted(rnd, unit=world.planning)
    session = f.session(board.agency, held_on=DAY, nominations=[nomination], actor=board.office)
    board.start(session)
    item = session.items.get()
    council.cast_vote(item, board.chair, VoteChoice.AGREE, actor=board.chair)
    tally = "Lần 1: 1 phiếu"
    assert tally in _text(world.login(Client(), "vanphong"), session)
    assert tally in _text(world.login(Client(), "hoidong"), session)  # he voted
    still_to_vote = Client()
    still_to_vote.force_login(board.members[1])
    for client in (still_to_vote, world.login(Client(), "giamdoc")):  # a reader (the union officer reads none)
        text = _text(client, session)
        assert tally not in text and "chưa kết thúc biểu quyết" in text
    board.conclude(session)
    assert tally in _text(world.login(Client(), "giamdoc"), session)
