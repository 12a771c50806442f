"""Decision numbers under concurrent drafting (PostgreSQL: SQLite writes one transaction at a time): drafters at
the same moment get 1, 2, 3 … with no number twice and none skipped; several typing the same number — one gets it,
the others are told; two putting the same nomination in a decision — one gets it."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from tests.factories import PersonFactory
from thidua.awards import decisions
from thidua.awards.models import Decision, DecisionLine, DocumentRegister
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from .award_factories import agreed, agreed_round

pytestmark = [pytest.mark.skipif(connection.vendor == "sqlite", reason="needs PostgreSQL"),
              pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _law():
    """A transactional test starts from empty tables (serialized_rollback would restore them, but it clashes
    with the content types an earlier transactional test on the same worker left behind)."""
    seed_catalog()
    seed_law()


def _race(world, rnd, batches):
    """Each thread drafts a decision of its nominations at the same moment; returns (numbers, refusals)."""
    barrier = threading.Barrier(len(batches))
    numbers, refused, errors = [], [], []

    def drafter(batch, wanted):
        try:
            barrier.wait(timeout=30)
            d = decisions.draft_decision(rnd, batch, issued_on=dt.date(2025, 2, 10), number=wanted,
                                         actor=world.users["vanphong"])
            numbers.append(d.number)
        except ValidationError as exc:
            refused.append(" ".join(exc.messages))
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=drafter, args=batch) for batch in batches]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return numbers, refused


def test_concurrent_drafts_take_every_number_once_in_order(world):
    rnd = agreed_round(world.agency, year=2024)
    people = [PersonFactory(unit=world.transport) for _ in range(8)]
    nominations = [agreed(rnd, person=p) for p in people]
    numbers, refused = _race(world, rnd, [([n], None) for n in nominations])
    assert not refused and sorted(numbers) == list(range(1, 9))
    assert DocumentRegister.objects.get(agency=world.agency, year=2025, doc_type="QĐ").last_number == 8
    # several typing the same next number: one gets it, the others are told it is issued
    more = [agreed(rnd, person=PersonFactory(unit=world.transport)) for _ in range(4)]
    numbers, refused = _race(world, rnd, [([n], 9) for n in more])
    assert numbers == [9] and len(refused) == 3
    assert all("Số 9" in text for text in refused), refused
    assert sorted(Decision.objects.values_list("number", flat=True)) == list(range(1, 10))


def test_the_same_nomination_drafted_twice_at_once_goes_into_one_decision(world):
    rnd = agreed_round(world.agency, year=2024)
    n = agreed(rnd, person=world.people["canbo"])
    numbers, refused = _race(world, rnd, [([n], None) for _ in range(3)])
    assert numbers == [1] and len(refused) == 2 and all("đã có trong Quyết định số" in t for t in refused)
    assert DecisionLine.objects.filter(nomination=n).count() == 1
    assert DocumentRegister.objects.get(agency=world.agency, year=2025, doc_type="QĐ").last_number == 1
