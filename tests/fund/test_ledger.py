"""The kept balances always equal the sums of the entries; receipt numbers never repeat, even under concurrency."""

import datetime as dt
import random
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from thidua.fund import services
from thidua.fund.models import Entry, Ledger
from thidua.org.models import Person

from ..factories import PersonFactory
from .conftest import END, START


def test_random_contributions_and_reversals_keep_every_balance_equal_to_the_sum_of_entries(world, campaign):
    rng = random.Random(2023)
    units = [world.transport, world.transport_team, world.planning, world.office]
    for unit in units:
        for _ in range(3):
            PersonFactory(unit=unit)
    people = list(Person.objects.filter(unit__agency=world.agency, is_active=True).select_related("unit"))
    days = (END - START).days
    made, refused = [], 0
    for _ in range(2500):  # "thousands of random contributions and reversals"
        roll = rng.random()
        try:
            if roll < 0.65 or not made:
                kwargs = {"person": rng.choice(people)} if rng.random() < 0.9 else {"unit": rng.choice(units)}
                made.append(services.record_contribution(
                    campaign, actor=None, amount=rng.randint(1, 200) * 5_000,
                    entry_date=START + dt.timedelta(days=rng.randint(0, days)), method=rng.choice(["cash", "payroll"]),
                    **kwargs))
            elif roll < 0.9:
                target = rng.choice(made)
                amount = None if rng.random() < 0.3 else rng.randint(1, abs(target.amount) // 1000 + 1) * 1000
                made.append(services.reverse_entry(target, actor=None, reason="Điều chỉnh thử", amount=amount,
                                                   entry_date=END))
            else:
                kind = rng.choice(["handover", "spending"])
                made.append(services.record_outflow(campaign, kind, actor=None, amount=rng.randint(1, 400) * 10_000,
                                                    entry_date=END, description="Thử"))
        except ValidationError:
            refused += 1
    assert refused > 0 and len(made) > 700
    assert services.mismatches(campaign) == []
    ledger = Ledger.objects.get(campaign=campaign)
    assert ledger.balance >= 0
    assert ledger.entry_count == Entry.objects.filter(campaign=campaign).count()
    numbers = sorted(Entry.objects.filter(campaign=campaign, number__isnull=False).values_list("number", flat=True))
    assert numbers == list(range(1, ledger.last_number + 1))


@pytest.mark.skipif(connection.vendor == "sqlite", reason="needs PostgreSQL")
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_get_the_same_receipt_number(world, campaign):
    threads_n, each = 8, 5
    barrier = threading.Barrier(threads_n)
    people = [PersonFactory(unit=world.transport) for _ in range(threads_n)]
    numbers, errors = [], []

    def writer(person):
        try:
            for i in range(each):
                barrier.wait(timeout=30)
                entry = services.record_contribution(campaign, actor=None, person=person, amount=100_000 + i,
                                                     entry_date=START, method="cash")
                numbers.append(entry.number)
        except Exception as exc:  # reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(numbers) == list(range(1, threads_n * each + 1))
    assert Ledger.objects.get(campaign=campaign).last_number == threads_n * each
    assert services.mismatches(campaign) == []
