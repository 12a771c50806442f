"""The synthetic award history (thidua synth, thidua bench) at a small scale: decisions on what the Councils agreed,
with their lines and awards, and past records imported — the honour roll of the largest movement and year."""

from __future__ import annotations

import importlib

import pytest
from django.apps import apps
from django.db import transaction
from django.db.models import Count, F
from django.test import Client
from django.urls import reverse

from thidua.awards.models import Award, Decision, DecisionLine, DocumentRegister, HonourRollCount
from thidua.awards.scoping import public_awards
from thidua.awards.synth import largest_honour_roll, synth_awards
from thidua.core.text import fold
from thidua.movements.synth import synth_movements
from thidua.org.synth import synth
from thidua.participation.synth import synth_participation

N, VOTES, BIG, AWARDS = 600, 2000, 200, 3000


@pytest.fixture
def province(db):
    synth(agencies=2, staff=300, out=lambda *a: None)
    synth_movements(out=lambda *a: None)
    synth_participation(households=300, activities=50, out=lambda *a: None)


@pytest.mark.django_db
def test_the_synthetic_history_has_decisions_lines_and_awards_of_every_kind(province):
    result = synth_awards(nominations=N, votes=VOTES, big_round=BIG, awards=AWARDS, out=lambda *a: None)
    assert Award.objects.count() == result["awards"] == AWARDS
    assert set(Award.objects.values_list("recipient", flat=True)) == {"individual", "collective", "household"}
    assert set(Award.objects.values_list("source", flat=True)) == {"decision", "import"}
    assert Award.objects.filter(source="import", year__lt=2022).count() == AWARDS - Award.objects.filter(
        source="decision").count()
    # the decisions: one award per line, numbers gapless per agency and year, the register knows the last one
    assert result["decisions"] == Decision.objects.count() > 0
    assert DecisionLine.objects.count() == Award.objects.filter(source="decision").count() == result["lines"]
    assert set(Decision.objects.values_list("status", flat=True)) <= {"published", "signed"}
    for register in DocumentRegister.objects.all():
        numbers = sorted(Decision.objects.filter(agency=register.agency, year=register.year)
                         .values_list("number", flat=True))
        assert numbers == list(range(1, register.last_number + 1))
    assert not Award.objects.filter(source="decision").exclude(decision_date=F("decision__issued_on")).exists()
    assert Decision.objects.annotate(n=Count("lines")).filter(n=500).exists() or \
        Decision.objects.annotate(n=Count("lines")).filter(n__gt=500).count() == 0
    # what save() would have stored: the folded search key, a token each
    award = Award.objects.filter(source="import", recipient="individual").select_related("form").first()
    assert award.search_key == fold(" ".join([award.name, award.form.name, award.decision_number, award.unit_name]))
    assert Award.objects.values("token").distinct().count() == AWARDS
    assert Award.objects.filter(revoked_on__isnull=False).exists()
    # the honour roll of the largest movement and year lists its published awards
    movement_id, year = largest_honour_roll()
    shown = public_awards().filter(movement_id=movement_id, year=year)
    assert shown.count() >= 100
    response = Client().get(reverse("awards:honour_roll", args=[movement_id, year]), {"muc": "ca-nhan"})
    assert response.status_code == 200
    first = shown.filter(recipient="individual").order_by("form__sort_order", "form__name", "search_key", "id").first()
    assert first.name in response.content.decode()


@pytest.mark.django_db
def test_the_same_seed_makes_the_same_history(province):
    runs = []
    for _ in range(2):
        with transaction.atomic():
            synth_awards(nominations=200, votes=400, big_round=40, awards=800, out=lambda *a: None)
            runs.append(list(Award.objects.order_by("id").values_list(
                "name", "form__code", "year", "decision_number", "recipient", "revoked_on")))
            transaction.set_rollback(True)
    assert runs[0] == runs[1] and len(runs[0]) == 800


def _aggregate() -> dict:
    """The honour roll's counts straight from the awards that stand."""
    rows = (public_awards().filter(movement__isnull=False).order_by().values_list("movement_id", "year", "recipient")
            .annotate(n=Count("id")))
    return {(m, y, r): n for m, y, r, n in rows}


def _kept() -> dict:
    return {(c.movement_id, c.year, c.recipient): c.count for c in HonourRollCount.objects.all()}


@pytest.mark.django_db
def test_the_kept_counts_are_what_the_standing_awards_add_up_to(province):
    """A mixed history (published and signed decisions, imported records, revoked awards, three kinds)."""
    synth_awards(nominations=N, votes=VOTES, big_round=BIG, awards=AWARDS, out=lambda *a: None)
    assert len(_aggregate()) > 3 and _kept() == _aggregate()
    # the migration that filled the table for the data already there computes the same
    HonourRollCount.objects.all().delete()
    importlib.import_module("thidua.awards.migrations.0008_honour_roll_counts").fill(apps, None)
    assert _kept() == _aggregate()
