"""Province-scale participation data for the synthetic agencies (unit codes starting "SYN-"): households with
their yearly categories and name keys, and activities with their links, bulk-inserted. Same seed, same data.
Run after org.synth (and movements.synth, to link activities to content items)."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable

from django.db import transaction

from thidua.movements.models import PlanItem
from thidua.org import names
from thidua.org.enums import AGENCY_KINDS
from thidua.org.models import OrgUnit, Person
from thidua.org.synth import SynthRefused

from . import places
from .demo import _trajectory
from .enums import ActivityKind, Ethnicity
from .models import (
    Activity,
    Household,
    HouseholdNameKey,
    HouseholdStatus,
    household_keys_for,
    normalise_household,
)

BATCH = 2000
SYN_PREFIX = "SYN-"


def synth_participation(households: int = 60000, activities: int = 20000, seed: int = 2679,
                        out: Callable[[str], object] = print) -> dict:
    started = time.perf_counter()
    rng = random.Random(seed)
    agencies = list(OrgUnit.objects.filter(kind__in=AGENCY_KINDS, code__startswith=SYN_PREFIX).order_by("path"))
    if not agencies:
        raise SynthRefused("Chưa có cơ quan mô phỏng (mã SYN-): hãy chạy tạo dữ liệu mô phỏng tổ chức trước.")
    if Household.objects.filter(agency__in=agencies).exists():
        raise SynthRefused("Dữ liệu hộ gia đình mô phỏng đã có; không tạo thêm.")
    communes = places.communes_of(places.agency_province_code(agencies[0]))
    ethnicities = [e.value for e in Ethnicity]
    units_of: dict[int, list[int]] = {}
    for unit_id, agency_id in OrgUnit.objects.filter(agency__in=agencies, is_active=True).values_list("id", "agency_id"):
        units_of.setdefault(agency_id, []).append(unit_id)
    people_of: dict[int, list[int]] = {}
    for person_id, unit_id in Person.objects.filter(unit__agency__in=agencies).values_list("id", "unit_id"):
        people_of.setdefault(unit_id, []).append(person_id)
    items_of: dict[int, list[int]] = {}
    for item_id, agency_id in PlanItem.objects.filter(kind="content", movement__agency__in=agencies).values_list(
            "id", "movement__agency_id"):
        items_of.setdefault(agency_id, []).append(item_id)
    kinds = [k.value for k in ActivityKind]
    with transaction.atomic():
        made: list[Household] = []
        for i in range(households):
            agency = agencies[i % len(agencies)]
            commune = communes[rng.randrange(len(communes))]
            trajectory = _trajectory(rng)
            household = Household(
                agency=agency, head_name=names.full_name(rng, "male" if rng.random() < 0.7 else "female"),
                members=rng.randint(1, 9), province_code=commune.province_code, commune_code=commune.code,
                commune_name=commune.name, village=f"Thôn {rng.randint(1, 25)}", ethnicity=rng.choice(ethnicities),
                category=trajectory[-1], category_year=2025,
            )
            household._trajectory = trajectory
            normalise_household(household)
            made.append(household)
        for start in range(0, len(made), BATCH):
            batch = Household.objects.bulk_create(made[start:start + BATCH])
            HouseholdNameKey.objects.bulk_create(household_keys_for(batch), batch_size=BATCH * 3)
            HouseholdStatus.objects.bulk_create([
                HouseholdStatus(household_id=h.pk, year=year, category=cat, classified_by=f"UBND {h.commune_name}",
                                classified_on=dt.date(year, 12, 20))
                for h in batch for year, cat in zip(range(2022, 2026), h._trajectory, strict=True)
            ], batch_size=BATCH * 4)
        by_agency: dict[int, list[int]] = {}
        for h in made:
            by_agency.setdefault(h.agency_id, []).append(h.pk)
        span = (min(dt.date(2025, 12, 31), dt.date.today()) - dt.date(2022, 1, 1)).days
        acts = []
        for i in range(activities):
            agency = agencies[i % len(agencies)]
            commune = communes[rng.randrange(len(communes))]
            kind = rng.choice(kinds)
            acts.append(Activity(
                agency=agency, kind=kind, title=f"{ActivityKind(kind).label} — {commune.name}",
                held_on=dt.date(2022, 1, 1) + dt.timedelta(days=rng.randint(0, span)),
                cash_value=rng.randrange(0, 5_000_000, 50_000), in_kind_value=rng.randrange(0, 5_000_000, 50_000),
                commune_code=commune.code, commune_name=commune.name, title_key="",
            ))
        for a in acts:
            from thidua.core.text import search_key

            a.title_key = search_key(a.title)
        links = {"units": 0, "people": 0, "households": 0, "items": 0}
        for start in range(0, len(acts), BATCH):
            batch = Activity.objects.bulk_create(acts[start:start + BATCH])
            unit_rows, people_rows, hh_rows, item_rows = [], [], [], []
            for a in batch:
                unit_id = rng.choice(units_of.get(a.agency_id) or [a.agency_id])
                unit_rows.append(Activity.units.through(activity_id=a.pk, orgunit_id=unit_id))
                staff = people_of.get(unit_id, [])
                for person_id in rng.sample(staff, min(len(staff), rng.randint(0, 4))):
                    people_rows.append(Activity.people.through(activity_id=a.pk, person_id=person_id))
                pool = by_agency.get(a.agency_id, [])
                for hh_id in rng.sample(pool, min(len(pool), rng.randint(0, 5))):
                    hh_rows.append(Activity.households.through(activity_id=a.pk, household_id=hh_id))
                if items_of.get(a.agency_id):
                    item_rows.append(Activity.content_items.through(
                        activity_id=a.pk, planitem_id=rng.choice(items_of[a.agency_id])))
            Activity.units.through.objects.bulk_create(unit_rows)
            Activity.people.through.objects.bulk_create(people_rows)
            Activity.households.through.objects.bulk_create(hh_rows)
            Activity.content_items.through.objects.bulk_create(item_rows)
            links["units"] += len(unit_rows)
            links["people"] += len(people_rows)
            links["households"] += len(hh_rows)
            links["items"] += len(item_rows)
        from .stats import rebuild

        rebuild([a.pk for a in agencies])
    seconds = round(time.perf_counter() - started, 2)
    out(f"Đã tạo {len(made)} hộ và {len(acts)} hoạt động hỗ trợ mô phỏng cho {len(agencies)} cơ quan "
        f"trong {seconds} giây.")
    return {"households": len(made), "activities": len(acts), "links": links, "seconds": seconds}
