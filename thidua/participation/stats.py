"""Kept totals of support activities (ActivityStat), per (unit, year, content item).

Why kept: the unit dashboard and the activity list show counts and money per unit, year and content item. At
province scale there are 100 000 activities with ~500 000 link rows (units, households, students, items); summing
them on every page view would scan all of them. Instead every activity adds its numbers to a few rows:

- for each unit whose subtree organised it: the organiser units and their ancestors inside the agency, and the
  agency itself (so a subtree's numbers are one row, never a sum over child rows that would count an activity
  organised by two sibling units twice);
- for its year (held_on);
- once with item_key 0 (all activities) and once per content item it serves.

The services that create and change activities call `apply()` in the same transaction (the old contribution is
subtracted, the new one added); bulk paths (synth) call `rebuild()`. `mismatches()` compares with a recount.
A page then reads at most (units × years × items) rows of one agency: tens of rows, whatever the data size.
"""

from __future__ import annotations

from collections import defaultdict

from django.db import IntegrityError, transaction
from django.db.models import F

from thidua.org.models import OrgUnit

from .models import Activity, ActivityStat

NUMBERS = ("activities", "households", "students", "cash_value", "in_kind_value")
Key = tuple[int, int, int]  # (unit_id, year, item_key)


def _prefixes(path: str, agency_path: str) -> list[str]:
    parts = path.split("/")[:-1]
    out = ["/".join(parts[:i]) + "/" for i in range(1, len(parts) + 1)]
    return [p for p in out if p.startswith(agency_path)]


def contribution(activity: Activity, *, unit_paths: list[str], agency_path: str, item_ids: list[int],
                 n_households: int, n_students: int, ids_of_paths: dict[str, int] | None = None) -> dict[Key, list]:
    """What one activity adds to the kept rows, from plain values (no queries when ids_of_paths is given)."""
    prefixes = {p for path in unit_paths for p in _prefixes(path, agency_path)}
    if ids_of_paths is None:
        ids_of_paths = dict(OrgUnit.objects.filter(path__in=sorted(prefixes)).values_list("path", "id"))
    unit_ids = {ids_of_paths[p] for p in prefixes if p in ids_of_paths} | {activity.agency_id}
    numbers = [1, n_households, n_students, activity.cash_value or 0, activity.in_kind_value or 0]
    year = activity.held_on.year
    return {(u, year, item): list(numbers) for u in unit_ids for item in [0, *sorted(set(item_ids))]}


def contribution_of(activity: Activity) -> dict[Key, list]:
    """The contribution of a saved activity, read from its links (3 small queries)."""
    if activity.pk is None:
        return {}
    agency_path = OrgUnit.objects.filter(pk=activity.agency_id).values_list("path", flat=True).first() or ""
    return contribution(
        activity, unit_paths=list(activity.units.values_list("path", flat=True)), agency_path=agency_path,
        item_ids=list(activity.content_items.values_list("id", flat=True)),
        n_households=activity.households.count(), n_students=activity.students.count(),
    )


def apply(agency_id: int, before: dict[Key, list], after: dict[Key, list]) -> None:
    """Add `after` and subtract `before` (call inside the transaction that changes the activity)."""
    delta: dict[Key, list] = defaultdict(lambda: [0] * len(NUMBERS))
    for sign, part in ((-1, before), (1, after)):
        for key, numbers in part.items():
            for i, n in enumerate(numbers):
                delta[key][i] += sign * n
    for (unit_id, year, item_key), numbers in sorted(delta.items()):
        if not any(numbers):
            continue
        changes = {name: F(name) + n for name, n in zip(NUMBERS, numbers, strict=True)}
        rows = ActivityStat.objects.filter(unit_id=unit_id, year=year, item_key=item_key)
        if rows.update(**changes):
            continue
        try:
            with transaction.atomic():
                ActivityStat.objects.create(agency_id=agency_id, unit_id=unit_id, year=year, item_key=item_key,
                                            **dict(zip(NUMBERS, numbers, strict=True)))
        except IntegrityError:  # written meanwhile by another transaction
            rows.update(**changes)


def _recount(agency_ids: list[int] | None) -> dict[Key, list]:
    acts = Activity.objects.all() if agency_ids is None else Activity.objects.filter(agency_id__in=agency_ids)
    rows = list(acts.values_list("id", "agency_id", "held_on", "cash_value", "in_kind_value"))
    ids = [r[0] for r in rows]
    links: dict[str, dict[int, list]] = {}
    for name, field_name in (("units", "orgunit__path"), ("content_items", "planitem_id"),
                             ("households", "household_id"), ("students", "student_id")):
        through = getattr(Activity, name).through
        found: dict[int, list] = defaultdict(list)
        for start in range(0, len(ids), 5000):
            chunk = ids[start:start + 5000]
            for act_id, value in through.objects.filter(activity_id__in=chunk).values_list("activity_id", field_name):
                found[act_id].append(value)
        links[name] = found
    agency_paths = dict(OrgUnit.objects.filter(pk__in={r[1] for r in rows}).values_list("id", "path"))
    ids_of_paths = dict(OrgUnit.objects.filter(agency_id__in=set(agency_paths)).values_list("path", "id"))
    ids_of_paths.update({path: pk for pk, path in agency_paths.items()})
    total: dict[Key, list] = defaultdict(lambda: [0] * len(NUMBERS))
    for act_id, agency_id, held_on, cash, in_kind in rows:
        activity = Activity(id=act_id, agency_id=agency_id, held_on=held_on, cash_value=cash, in_kind_value=in_kind)
        part = contribution(activity, unit_paths=links["units"].get(act_id, []), agency_path=agency_paths[agency_id],
                            item_ids=links["content_items"].get(act_id, []),
                            n_households=len(links["households"].get(act_id, [])),
                            n_students=len(links["students"].get(act_id, [])), ids_of_paths=ids_of_paths)
        for key, numbers in part.items():
            row = total[key]
            for i, n in enumerate(numbers):
                row[i] += n
    return total


def _agency_of_units(unit_ids) -> dict[int, int]:
    out = {}
    for unit in OrgUnit.objects.filter(pk__in=sorted(unit_ids)).only("id", "kind", "agency_id"):
        out[unit.pk] = unit.home_agency_id or unit.pk
    return out


def rebuild(agency_ids: list[int] | None = None) -> int:
    """Recount the kept rows of these agencies (all when None) from the activities; returns the row count."""
    total = _recount(agency_ids)
    agency_of = _agency_of_units({k[0] for k in total})
    with transaction.atomic():
        old = ActivityStat.objects.all() if agency_ids is None else ActivityStat.objects.filter(agency_id__in=agency_ids)
        old.delete()
        ActivityStat.objects.bulk_create([
            ActivityStat(agency_id=agency_of[unit_id], unit_id=unit_id, year=year, item_key=item_key,
                         **dict(zip(NUMBERS, numbers, strict=True)))
            for (unit_id, year, item_key), numbers in total.items()
        ], batch_size=2000)
    return len(total)


def mismatches(agency_ids: list[int] | None = None) -> list[str]:
    """Differences between the kept rows and a recount (empty when they agree)."""
    want = {k: v for k, v in _recount(agency_ids).items() if any(v)}
    kept = ActivityStat.objects.all() if agency_ids is None else ActivityStat.objects.filter(agency_id__in=agency_ids)
    have = {(s.unit_id, s.year, s.item_key): [getattr(s, n) for n in NUMBERS] for s in kept if
            any(getattr(s, n) for n in NUMBERS)}
    return [f"{key}: {have.get(key)} ≠ {want.get(key)}" for key in sorted(set(want) | set(have))
            if want.get(key) != have.get(key)]
