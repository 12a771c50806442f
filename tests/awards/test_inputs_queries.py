"""The query helpers the eligibility rules read: confirmed ratings only, discipline overlapping a year, an inquiry
open on a day, a year's initiatives."""

from __future__ import annotations

import datetime as dt

from thidua.awards.inputs import (
    confirmed_grades,
    disciplined_in,
    initiatives_of,
    rating_of,
    rating_years,
    under_inquiry_on,
)
from thidua.awards.models import Discipline, Initiative, Inquiry, Rating

from .inputs_helpers import movement_years

CONFIRMED = dt.datetime(2025, 1, 10, tzinfo=dt.UTC)


def test_rating_of_counts_only_a_confirmed_rating(world):
    canbo = world.people["canbo"]
    Rating.objects.create(person=canbo, year=2023, grade="good")
    Rating.objects.create(person=canbo, year=2024, grade="excellent", confirmed_at=CONFIRMED)
    Rating.objects.create(unit=world.transport, year=2024, grade="good", confirmed_at=CONFIRMED)
    assert rating_of(canbo, 2023) is None
    assert rating_of(canbo, 2024) == "excellent"
    assert rating_of(canbo, 2022) is None
    assert rating_of(world.transport, 2024) == "good"
    assert rating_of(world.planning, 2024) is None
    assert confirmed_grades([canbo.pk], [2023, 2024]) == {(canbo.pk, 2024): "excellent"}


def discipline(person, form, start, end=None):
    return Discipline.objects.create(person=person, form=form, decision_number="12/QĐ-SGTVT", decision_date=start,
                                     start_date=start, end_date=end)


def test_disciplined_in_a_year_its_period_overlaps_the_heaviest_form(world):
    canbo = world.people["canbo"]
    discipline(canbo, "reprimand", dt.date(2024, 7, 1), dt.date(2025, 1, 31))
    assert disciplined_in(canbo, 2023) is None
    assert disciplined_in(canbo, 2024) == "reprimand"
    assert disciplined_in(canbo, 2025) == "reprimand"
    assert disciplined_in(canbo, 2026) is None
    discipline(canbo, "warning", dt.date(2024, 11, 1))  # no end: still running
    assert disciplined_in(canbo, 2024) == "warning"
    assert disciplined_in(canbo, 2030) == "warning"
    assert disciplined_in(world.people["canbo2"], 2024) is None


def test_under_inquiry_on_a_day_between_its_first_and_last_day(world):
    canbo = world.people["canbo"]
    closed = Inquiry.objects.create(person=canbo, kind="investigation", start_date=dt.date(2023, 3, 1),
                                    end_date=dt.date(2023, 6, 30))
    assert under_inquiry_on(canbo, dt.date(2023, 2, 28)) is None
    assert under_inquiry_on(canbo, dt.date(2023, 3, 1)) == closed
    assert under_inquiry_on(canbo, dt.date(2023, 6, 30)) == closed
    assert under_inquiry_on(canbo, dt.date(2023, 7, 1)) is None
    open_ = Inquiry.objects.create(person=canbo, kind="complaint", start_date=dt.date(2025, 9, 1))
    assert under_inquiry_on(canbo, dt.date(2026, 1, 1)) == open_


def test_initiatives_of_a_year(world):
    canbo = world.people["canbo"]
    first = Initiative.objects.create(person=canbo, title="Số hóa hồ sơ sát hạch", year=2024, decision_number="5/QĐ",
                                      decision_date=dt.date(2024, 12, 20))
    Initiative.objects.create(person=canbo, title="Khác", year=2023, decision_number="4/QĐ",
                              decision_date=dt.date(2023, 12, 20))
    assert initiatives_of(canbo, 2024) == [first]
    assert initiatives_of(world.people["canbo2"], 2024) == []


def test_rating_years_span_the_agencys_movements_up_to_this_year(world):
    assert len(rating_years({world.agency.pk})) == 1  # no movement yet: this year alone
    movement_years(world, start=2021, end=2023)
    movement_years(world, start=2025, end=2030, code="giai-doan-sau")
    years = rating_years({world.agency.pk})
    assert years[-1] == 2021 and years[0] <= dt.date.today().year and 2030 not in years
    assert rating_years({world.other_agency.pk}) == [dt.date.today().year]
