"""Demo: the four yearly "Tháng cao điểm Vì người nghèo" campaigns of 2022–2025 (17/10–18/11), with most staff
giving one day's wage through their unit's bulk entry, a few corrections, and the handover to the Fund committee."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from thidua.core.clock import replay
from thidua.org.enums import Role
from thidua.org.models import OrgUnit, RoleGrant

from . import services
from .enums import EntryKind
from .models import Campaign

FUND_HOLDER = "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh Cao Bằng"
#: one day's wage by employment type, roughly (đồng)
DAY_WAGE = {"can_bo": 420_000, "cong_chuc": 350_000, "vien_chuc": 320_000, "nguoi_lao_dong": 250_000}


@transaction.atomic
def load_fund_demo(agency: OrgUnit, movement=None, out=print) -> int:
    if Campaign.objects.filter(agency=agency).exists():
        return 0
    rng = random.Random(1710)
    grant = RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).first()
    actor = grant.user if grant else None
    units = [u for u in OrgUnit.objects.filter(agency=agency, is_active=True).order_by("path")
             if u.people.filter(is_active=True).exists()]
    for year in (2022, 2023, 2024, 2025):
        # each step recorded on its day (rows, receipts and audit events dated as they happened)
        with replay(dt.date(year, 10, 10), hour=10):
            campaign = services.create_campaign(
                actor=actor, agency=agency, name=f"Tháng cao điểm \u201cVì người nghèo\u201d năm {year}",
                start_date=dt.date(year, 10, 17), end_date=dt.date(year, 11, 18), movement=movement,
                fund_holder=FUND_HOLDER,
            )
        for unit in units:
            rows = [(p, DAY_WAGE.get(p.employment_type, 300_000) + rng.choice([0, 0, 50_000, 100_000]))
                    for p in unit.people.filter(is_active=True).order_by("sort_key") if rng.random() < 0.92]
            if rows:
                entry_date = dt.date(year, 10, rng.randint(18, 31))
                with replay(entry_date, hour=15):
                    entries = services.record_bulk(campaign, unit, rows, actor=actor, entry_date=entry_date)
                if rng.random() < 0.3:  # a typing mistake, corrected by a reversing entry
                    with replay(dt.date(year, 11, 5), hour=9):
                        services.reverse_entry(entries[0], actor=actor, amount=50_000,
                                               reason="Nhập thừa 50.000 đ so với bảng kê của đơn vị.",
                                               entry_date=dt.date(year, 11, 5))
        campaign.refresh_from_db()
        totals = services.kept_totals(campaign)
        total = totals["collected"] - totals["handed_over"] - totals["spent"]
        with replay(dt.date(year, 11, 25), hour=14):
            services.record_outflow(campaign, EntryKind.HANDOVER, actor=actor, amount=total,
                                    entry_date=dt.date(year, 11, 25),
                                    description=f"Bàn giao cho {FUND_HOLDER} theo biên bản ngày 25/11/{year}.")
        with replay(dt.date(year, 11, 28), hour=16):
            services.move_campaign(campaign, "closed", actor=actor)
    out("Đã tạo 4 đợt vận động Quỹ \u201cVì người nghèo\u201d 2022–2025.")
    return 4


OPEN_YEAR = 2026


@transaction.atomic
def load_open_campaign(agency: OrgUnit, movement=None, out=print) -> int:
    """The 2026 campaign, still open: about half the units have sent their "01 ngày lương" lists, nothing is handed
    over yet, so the union officer has work (the other units' lists, the handover, closing the books)."""
    name = f"Tháng cao điểm \u201cVì người nghèo\u201d năm {OPEN_YEAR}"
    if Campaign.objects.filter(agency=agency, name=name).exists():
        return 0
    today = timezone.localdate()
    start, end = dt.date(OPEN_YEAR, 10, 17), dt.date(OPEN_YEAR, 11, 18)
    if start > today:  # the demo loaded before the peak month: nothing to show yet
        return 0
    rng = random.Random(2026)
    grant = RoleGrant.objects.filter(role=Role.UNION_OFFICER, unit__agency=agency, is_active=True).first() or \
        RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).first()
    actor = grant.user if grant else None
    with replay(start, hour=9):
        campaign = services.create_campaign(actor=actor, agency=agency, name=name, start_date=start, end_date=end,
                                            movement=movement, fund_holder=FUND_HOLDER)
    units = [u for u in OrgUnit.objects.filter(agency=agency, is_active=True).order_by("path")
             if u.people.filter(is_active=True).exists()]
    last = min(today, end)
    for unit in units[: (len(units) + 1) // 2]:
        rows = [(p, DAY_WAGE.get(p.employment_type, 300_000) + rng.choice([0, 0, 50_000]))
                for p in unit.people.filter(is_active=True).order_by("sort_key") if rng.random() < 0.9]
        if rows:
            day = start + dt.timedelta(days=rng.randint(1, max(1, (last - start).days)))
            with replay(min(day, last), hour=15):
                services.record_bulk(campaign, unit, rows, actor=actor, entry_date=min(day, last))
    out(f"Đã tạo đợt vận động Quỹ \u201cVì người nghèo\u201d {OPEN_YEAR} (đang vận động).")
    return 1
