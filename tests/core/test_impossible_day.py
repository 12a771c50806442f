"""A day in the right shape that does not exist (31/02/2026) is told so — "không có thật" — on every date box,
not refused as a wrong format; a wrong shape keeps the box's own message."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thidua.core.forms import DayField, impossible_day


def test_the_message_names_the_month_and_its_days():
    assert impossible_day("31/02/2026") == "Ngày 31/02/2026 không có thật: tháng 2 năm 2026 có 28 ngày."
    assert impossible_day("29/02/2028") is None  # a leap year
    assert impossible_day("12/13/2026") == "Ngày 12/13/2026 không có thật: không có tháng 13."
    assert impossible_day("0/1/2026") == "Ngày 0/1/2026 không có thật: tháng 1 năm 2026 có 31 ngày."
    assert impossible_day("hôm qua") is None and impossible_day("") is None


def test_the_field_tells_an_impossible_day_from_a_wrong_shape():
    field = DayField(input_formats=["%d/%m/%Y"], error_messages={"invalid": "Hãy nhập ngày/tháng/năm."})
    assert field.clean("28/02/2026") == dt.date(2026, 2, 28)
    with pytest.raises(Exception) as impossible:
        field.clean("31/02/2026")
    assert "không có thật" in " ".join(impossible.value.messages)
    with pytest.raises(Exception) as shape:
        field.clean("28-02-26x")
    assert shape.value.messages == ["Hãy nhập ngày/tháng/năm."]


@pytest.mark.django_db
def test_a_page_says_it_and_saves_nothing(world, client):
    """The provincial reviewer's decision form, where the walkthrough met "dd/mm/yyyy"."""
    from thidua.awards.models import HigherDecision

    from ..awards.award_factories import agreed_round
    from ..awards.forwarding_helpers import proposal_samples

    rnd = agreed_round(world.agency)
    sample = proposal_samples(rnd, world.people["canbo"], world.users["vanphong"])
    before = HigherDecision.objects.count()
    world.login(client, "tinh")
    url = reverse("awards:proposal_record", args=[sample["proposal_id"]])
    page = client.get(url).content.decode()
    assert "dd/mm/yyyy" not in page and "ngày/tháng/năm" in page
    response = client.post(url, {"number": "5/QĐ-UBND", "issued_on": "31/02/2026", "authority": "Chủ tịch UBND tỉnh",
                                 "form": "", "awarded": [str(sample["item_id"])]})
    assert "Ngày 31/02/2026 không có thật: tháng 2 năm 2026 có 28 ngày." in response.content.decode()
    assert HigherDecision.objects.count() == before
