"""The law is chosen by a date: the regime in force on a day, the base salary in force on a day, and the regime that
governs a nomination with NĐ 152/2025 Điều 60 kh. 3's transition rule."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string

from thidua.awards import legal
from thidua.awards.models import AgendaItem, CouncilSession

from .law_helpers import local, nomination, review_round

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("day", "code"), [
    (dt.date(2023, 12, 31), "nd-91-2017"),
    (dt.date(2024, 1, 1), "nd-98-2023"),
    (dt.date(2025, 6, 30), "nd-98-2023"),
    (dt.date(2025, 7, 1), "nd-152-2025"),
    (dt.date(2030, 1, 1), "nd-152-2025"),
])
def test_the_regime_in_force_on_each_boundary(day, code):
    assert legal.regime_on(day).code == code


def test_a_day_before_every_regime_is_refused_naming_the_day():
    with pytest.raises(ValidationError) as error:
        legal.regime_on(dt.date(2017, 9, 30))
    assert "30/09/2017" in error.value.messages[0]


@pytest.mark.parametrize(("day", "amount"), [
    (dt.date(2019, 7, 1), 1_490_000),
    (dt.date(2023, 6, 30), 1_490_000),
    (dt.date(2023, 7, 1), 1_800_000),
    (dt.date(2024, 6, 30), 1_800_000),
    (dt.date(2024, 7, 1), 2_340_000),
])
def test_the_base_salary_in_force_on_each_boundary(day, amount):
    assert legal.base_salary_on(day).amount == amount


def test_a_dossier_submitted_before_nd_152_and_reviewed_after_keeps_nd_98():
    governing = legal.governing(dt.date(2025, 7, 15), submitted_on=dt.date(2025, 6, 20))
    assert governing.regime.code == "nd-98-2023"
    assert "20/06/2025" in governing.reason
    assert "Điều 60 khoản 3" in governing.reason


def test_a_dossier_submitted_after_nd_152_took_effect_is_under_nd_152():
    governing = legal.governing(dt.date(2025, 7, 15), submitted_on=dt.date(2025, 7, 2))
    assert governing.regime.code == "nd-152-2025"
    assert "15/07/2025" in governing.reason


def test_a_nomination_not_on_an_agenda_goes_by_its_rounds_council_day(world):
    review = review_round(world, council_on=dt.date(2025, 7, 15))
    item = nomination(world, review, submitted_at=local(dt.date(2025, 6, 20)))
    governing = legal.governing_for(item)
    assert governing.regime.code == "nd-98-2023"
    assert "Điều 60 khoản 3" in governing.reason


def test_a_nomination_on_a_session_goes_by_the_sessions_date(world):
    review = review_round(world, council_on=dt.date(2024, 12, 20))  # planned under NĐ 98
    item = nomination(world, review, submitted_at=local(dt.date(2025, 7, 2)))
    session = CouncilSession.objects.create(agency=world.agency, name="Phiên họp tháng 7", held_on=dt.date(2025, 7, 20))
    AgendaItem.objects.create(session=session, nomination=item)
    assert legal.governing_for(item).regime.code == "nd-152-2025"


def test_the_submission_day_is_the_local_date_of_the_first_submission(world):
    review = review_round(world, council_on=dt.date(2025, 7, 15))
    # 30/06/2025 at 20:00 UTC is 01/07/2025 at 03:00 in Việt Nam: submitted under NĐ 152
    item = nomination(world, review, submitted_at=dt.datetime(2025, 6, 30, 20, 0, tzinfo=dt.UTC))
    assert legal.governing_for(item).regime.code == "nd-152-2025"


def test_a_draft_nomination_goes_by_the_day_alone(world):
    review = review_round(world, council_on=dt.date(2025, 7, 15))
    assert legal.governing_for(nomination(world, review)).regime.code == "nd-152-2025"


def test_the_governing_include_names_the_regime_and_the_reason():
    governing = legal.governing(dt.date(2025, 7, 15), submitted_on=dt.date(2025, 6, 20))
    html = render_to_string("awards/_governing.html", {"regime": governing.regime, "reason": governing.reason})
    assert "Chế độ áp dụng:" in html
    assert "NĐ 98/2023" in html
    assert "Điều 60 khoản 3" in html
    assert render_to_string("awards/_governing.html", {"regime": None, "reason": ""}).strip() == ""
