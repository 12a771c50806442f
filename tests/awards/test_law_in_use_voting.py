"""A regime's figures are in use from the moment a Council session starts voting under them (the threshold the
members vote by), not only once it concluded: changing them in place during the vote would change the result
computed at the end. Refused with the Vietnamese message, nothing changed."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from thidua.awards import legal
from thidua.awards.models import FormRule

from . import council_factories as f
from .law_helpers import regime

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 25)


def test_a_regime_a_session_in_vote_uses_is_not_changed_in_place(board, world):
    rnd = f.review_round(board.agency, year=2025)
    nomination = f.accepted(rnd, unit=world.planning, form="chien-si-thi-dua-co-so")
    session = f.session(board.agency, held_on=DAY, nominations=[nomination], actor=board.office,
                        name="Phiên họp đang biểu quyết")
    board.start(session)
    nd152 = regime("nd-152-2025")
    assert legal.in_use(nd152)
    rule = FormRule.objects.filter(regime=nd152).order_by("id").first()
    before = (rule.threshold_percent, rule.threshold_of, rule.coefficient)
    client = world.login(Client(), "admin")
    response = client.post(reverse("awards:law_rule_edit", args=[rule.pk]),
                           {"coefficient": "9", "threshold_percent": "10", "threshold_of": "present"}, follow=True)
    assert ("Chế độ NĐ 152/2025 đã được dùng trong phiên họp Hội đồng “Phiên họp đang biểu quyết” ngày 25/01/2026"
            in response.content.decode())
    rule.refresh_from_db()
    assert (rule.threshold_percent, rule.threshold_of, rule.coefficient) == before
