"""The eligibility panel of a nomination (issue 11 §2): its rules, verdict and counts from real rows, evaluated
under the nomination's governing regime, in a fixed number of queries for a list."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from thidua.awards.eligibility_panel import panel_for, panels_for
from thidua.awards.models import Discipline, LegalRegime, Rating

from ..factories import make_review_round
from .factories import make_nomination, register
from .history_helpers import award

pytestmark = pytest.mark.django_db
CONFIRMED = timezone.make_aware(dt.datetime(2026, 1, 15, 9, 0))


def rate(grades: dict[int, str], *, person=None, unit=None) -> None:
    for year, grade in grades.items():
        Rating.objects.create(person=person, unit=unit, year=year, grade=grade, confirmed_at=CONFIRMED)


def named(panel, words: str):
    found = [r for r in panel.rules if words.lower() in r.rule.lower()]
    assert len(found) == 1, [r.rule for r in panel.rules]
    return found[0]


@pytest.fixture
def round_2025(world):
    return make_review_round(world.agency, year=2025, forms=("bang-khen-thu-tuong", "lao-dong-tien-tien"))


def test_a_registered_good_worker_meets_every_rule(world, round_2025):
    canbo = world.people["canbo"]
    register(canbo, round_2025.movement, 2025)
    rate({2025: "good"}, person=canbo)
    panel = panel_for(make_nomination(round_2025, person=canbo, form_code="lao-dong-tien-tien"))

    assert panel.verdict == "eligible"
    assert (panel.not_met, panel.unknown, panel.needs_justification) == (0, 0, False)
    assert panel.badge == "Đủ điều kiện" and panel.flag == ""
    assert named(panel, "tốt nhiệm vụ").label == "Đạt"
    assert "NĐ 152/2025" in named(panel, "tốt nhiệm vụ").basis


def test_a_discipline_in_the_year_is_a_not_met_rule_with_its_basis_and_facts(world, round_2025):
    canbo = world.people["canbo"]
    register(canbo, round_2025.movement, 2025)
    rate({2025: "good"}, person=canbo)
    Discipline.objects.create(person=canbo, form="reprimand", decision_number="12/QĐ-SGTVT",
                              decision_date=dt.date(2024, 9, 1), start_date=dt.date(2024, 9, 1),
                              end_date=dt.date(2025, 2, 28))
    panel = panel_for(make_nomination(round_2025, person=canbo, form_code="lao-dong-tien-tien"))

    discipline = named(panel, "kỷ luật")
    assert panel.verdict == "not-eligible"
    assert (discipline.result, discipline.label) == ("not-met", "Chưa đạt")
    assert "01/09/2024" in discipline.detail and discipline.basis
    assert (panel.not_met, panel.needs_justification) == (1, True)
    assert panel.badge == "Chưa đạt 1 tiêu chí" == panel.flag


def test_a_missing_rating_is_unknown_and_needs_no_justification(world, round_2025):
    canbo = world.people["canbo"]
    register(canbo, round_2025.movement, 2025)
    panel = panel_for(make_nomination(round_2025, person=canbo, form_code="lao-dong-tien-tien"))

    assert panel.verdict == "unknown"
    assert named(panel, "tốt nhiệm vụ").label == "Chưa rõ"
    assert "2025" in named(panel, "tốt nhiệm vụ").detail
    assert (panel.not_met, panel.unknown, panel.needs_justification) == (0, 1, False)
    assert panel.badge == "Chưa rõ 1 tiêu chí" == panel.flag


def test_a_dossier_sent_before_the_new_regime_is_judged_under_the_old_one(world, round_2025):
    """NĐ 152/2025 keeps the previous procedure for dossiers already in the pipeline (dossier.regime_among)."""
    canbo = world.people["canbo"]
    register(canbo, round_2025.movement, 2025)
    rate({2025: "good"}, person=canbo)
    early = make_nomination(round_2025, person=canbo, form_code="lao-dong-tien-tien",
                            first_submitted_at=timezone.make_aware(dt.datetime(2025, 6, 20, 9, 0)))
    late = make_nomination(round_2025, person=world.people["canbo2"], form_code="lao-dong-tien-tien",
                           first_submitted_at=timezone.make_aware(dt.datetime(2025, 7, 20, 9, 0)))

    panels = panels_for([early, late])

    assert panels[early.pk].regime == LegalRegime.objects.get(code="nd-98-2023")
    assert all("NĐ 98/2023" in r.basis for r in panels[early.pk].rules)
    assert panels[late.pk].regime == LegalRegime.objects.get(code="nd-152-2025")
    assert all("NĐ 152/2025" in r.basis for r in panels[late.pk].rules)


def test_a_route_not_taken_is_listed_but_not_counted(world, round_2025):
    """Bằng khen of the Prime Minister: the chain of three base titles is met, so the other merit route's unmet
    rules do not make the nomination "chưa đạt"."""
    canbo = world.people["canbo"]
    award(person=canbo, form="bang-khen-chu-tich-ubnd-tinh", year=2020)
    for year in (2021, 2023, 2024):
        award(person=canbo, form="chien-si-thi-dua-co-so", year=year)
    rate({year: "excellent" if year % 2 else "good" for year in range(2021, 2026)}, person=canbo)
    panel = panel_for(make_nomination(round_2025, person=canbo, form_code="bang-khen-thu-tuong"))

    assert panel.verdict == "eligible"
    chain = named(panel, "3 lần Chiến sĩ thi đua cơ sở")
    assert chain.result == "met" and chain.counts
    assert "Chiến sĩ thi đua cơ sở 2021, 2023, 2024: 3 lần, cần 3" in chain.detail
    assert panel.not_met == 0 and not panel.needs_justification
    assert all(not r.counts for r in panel.rules if r.result == "not-met")


def test_a_list_reads_as_many_queries_for_one_nomination_as_for_many(world, round_2025):
    first = make_nomination(round_2025, person=world.people["canbo"], form_code="lao-dong-tien-tien")
    with CaptureQueriesContext(connection) as one:
        panels_for([first])
    more = [first] + [make_nomination(round_2025, person=world.people[name], form_code="lao-dong-tien-tien")
                      for name in ("canbo2", "team", "planning", "congdoan")]
    with CaptureQueriesContext(connection) as many:
        panels = panels_for(more)
    assert len(panels) == 5
    assert len(many) == len(one) <= 15
