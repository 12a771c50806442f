"""Province-scale ledger rows for the benchmark: each synthetic agency (code "SYN-…") gets a peak-month campaign
with contributions of its staff and units, a few corrections and a handover; the kept balances are computed
alongside and written in the same transaction, so they equal the sums of the entries."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.org.enums import AGENCY_KINDS
from thidua.org.models import OrgUnit, Person

from .enums import EntryKind, Flow, Method
from .models import Balance, Campaign, Entry, Ledger

BATCH = 5000
SYN_NAME = "Tháng cao điểm Vì người nghèo"
METHODS = [Method.PAYROLL] * 6 + [Method.CASH] * 3 + [Method.TRANSFER]


def _peak_year(today: dt.date) -> int:
    """The latest peak month (17/10 – 18/11) that has ended."""
    return today.year if today >= dt.date(today.year, 11, 18) else today.year - 1


def _apportion(total: int, weights: list[int]) -> list[int]:
    whole = sum(weights) or 1
    parts = [total * w // whole for w in weights]
    for i in range(total - sum(parts)):
        parts[i % len(parts)] += 1
    return parts


def synth_fund(rows: int = 500_000, *, seed: int = 1710, agencies=None, out=print) -> dict:
    """Add about `rows` ledger entries spread over the synthetic agencies (in proportion to their staff)."""
    started = time.perf_counter()
    rng = random.Random(seed)
    year = _peak_year(timezone.localdate())
    start, end = dt.date(year, 10, 17), dt.date(year, 11, 18)
    name = f"{SYN_NAME} {year}"
    if agencies is None:
        agencies = OrgUnit.objects.filter(kind__in=AGENCY_KINDS, code__startswith="SYN-")
    agencies = list(agencies.exclude(fund_campaigns__name=name).order_by("path"))
    if not agencies:
        out("Không có cơ quan mô phỏng nào chưa có sổ quỹ.")
        return {"campaigns": 0, "entries": 0, "seconds": 0.0}
    staff = {a.pk: list(Person.objects.filter(unit__agency=a, is_active=True).values_list("id", "unit_id",
                                                                                          "full_name"))
             for a in agencies}
    shares = _apportion(rows, [max(1, len(staff[a.pk])) for a in agencies])
    total_entries = 0
    with transaction.atomic():
        for agency, share in zip(agencies, shares, strict=True):
            total_entries += _one(agency, staff[agency.pk], share, name, start, end, rng)
            audit.record(AuditAction.IMPORT, agency, actor=None,
                         note=f"Sổ quỹ mô phỏng (seed {seed}): {share} bút toán.")
    seconds = round(time.perf_counter() - started, 2)
    out(f"Đã sinh {len(agencies)} sổ quỹ, {total_entries} bút toán trong {seconds} giây.")
    return {"campaigns": len(agencies), "entries": total_entries, "seconds": seconds}


def _one(agency: OrgUnit, people: list, rows: int, name: str, start: dt.date, end: dt.date,
         rng: random.Random) -> int:
    campaign = Campaign(agency=agency, name=name, start_date=start, end_date=end,
                        fund_holder="Ủy ban MTTQ Việt Nam tỉnh Cao Bằng")
    campaign.save()
    units = {u: n for u, n in OrgUnit.objects.filter(agency=agency, is_active=True).values_list("id", "name")}
    unit_ids = list(units)
    days = (end - start).days
    # about 1% corrections and one handover; the rest are contributions
    n_reversals = rows // 100
    n_handover = 1 if rows > 1 else 0
    n_contrib = max(0, rows - n_reversals - n_handover)
    collected = handed = 0
    balances: dict[str, list] = defaultdict(lambda: [None, None, 0, 0])
    number = 0
    candidates = []  # (pk, amount, person_id, unit_id, name, date) of some contributions, for corrections
    pending: list[Entry] = []

    def flush():
        nonlocal pending
        if pending:
            made = Entry.objects.bulk_create(pending)
            for e in made:
                if e.kind == EntryKind.CONTRIBUTION and len(candidates) < n_reversals * 2 and rng.random() < 0.03:
                    candidates.append((e.pk, e.amount, e.person_id, e.unit_id, e.contributor_name, e.entry_date))
            pending = []

    def add_balance(person_id, unit_id, amount):
        if person_id:
            row = balances[f"p{person_id}"]
            row[1] = person_id
            row[2] += amount
            row[3] += 1
        if unit_id:
            row = balances[f"u{unit_id}"]
            row[0] = unit_id
            row[2] += amount
            row[3] += 1

    for _ in range(n_contrib):
        number += 1
        day = start + dt.timedelta(days=rng.randint(0, days))
        if people and (rng.random() < 0.97 or not unit_ids):
            person_id, unit_id, who = people[rng.randrange(len(people))]
            amount = rng.randint(10, 120) * 10_000
        else:
            person_id, unit_id = None, unit_ids[rng.randrange(len(unit_ids))]
            who, amount = units[unit_id], rng.randint(1, 50) * 500_000
        pending.append(Entry(campaign=campaign, kind=EntryKind.CONTRIBUTION, flow=Flow.IN, number=number,
                             entry_date=day, amount=amount, method=METHODS[rng.randrange(len(METHODS))],
                             person_id=person_id, unit_id=unit_id, contributor_name=who))
        collected += amount
        add_balance(person_id, unit_id, amount)
        if len(pending) >= BATCH:
            flush()
    flush()
    made = 0
    for pk, amount, person_id, unit_id, who, day in rng.sample(candidates, min(n_reversals, len(candidates))):
        part = amount if rng.random() < 0.5 else amount // 2
        pending.append(Entry(campaign=campaign, kind=EntryKind.REVERSAL, flow=Flow.IN, entry_date=day,
                             amount=-part, person_id=person_id, unit_id=unit_id, contributor_name=who,
                             reverses_id=pk, reason="Ghi nhầm số tiền", description="Điều chỉnh bút toán"))
        collected -= part
        add_balance(person_id, unit_id, -part)
        made += 1
        if len(pending) >= BATCH:
            flush()
    if n_handover and collected > 0:
        handed = collected * 9 // 10
        if handed:
            pending.append(Entry(campaign=campaign, kind=EntryKind.HANDOVER, flow=Flow.HANDOVER, entry_date=end,
                                 amount=-handed, description="Bàn giao Ủy ban MTTQ tỉnh Cao Bằng"))
            made += 1
    flush()
    Ledger.objects.create(campaign=campaign, last_number=number, collected=collected, handed_over=handed, spent=0,
                          entry_count=number + made)
    rows_out = [Balance(campaign=campaign, key=k, unit_id=u, person_id=p, collected=c, entry_count=n)
                for k, (u, p, c, n) in balances.items()]
    Balance.objects.bulk_create(rows_out, batch_size=BATCH)
    return number + made
