"""Who was in a unit at a time, from the people's unit history (Assignment): the staff behind a past year's or a
closed movement's figures, which must not move when today's staff changes (people who join, move or leave later).

An assignment covers [start_date, end_date): moving a person on day D ends the old one on D and starts the new one
on D, so on D he is counted in his new unit only; over a period he is counted in every unit he served in it.
A person with no history at all (made before histories were kept) counts from the day he was entered while he is
active, for want of anything better.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from thidua.core.db import startswith_q

from .models import Assignment, OrgUnit, Person


def _served(start: dt.date, end: dt.date) -> Q:
    """Assignments that overlap [start, end] (a day when start == end)."""
    return Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gt=start))


def staff_between(unit_path: str, start: dt.date, end: dt.date, *, subtree: bool = True) -> QuerySet[Person]:
    """The people who served in the unit (with its sub-units when `subtree`) at some time in [start, end].

    The ids of both halves are read by the unit's ids (indexed) and joined by a UNION, so that neither database
    walks every person of the province with a test for each (an OR of the two would make both do so)."""
    units = OrgUnit.objects.filter(startswith_q("path", unit_path) if subtree else Q(path=unit_path)).values("id")
    return Person.objects.filter(pk__in=_ids_served(units, start, end))


def _ids_served(units: QuerySet, start: dt.date, end: dt.date) -> QuerySet:
    """The ids of the people who served in `units` (a values("id") queryset) at some time in [start, end]: those
    with an assignment there, and those without any history entered there by `end` — one UNION subquery."""
    served = Assignment.objects.filter(_served(start, end), unit_id__in=units).values("person_id").order_by()
    unrecorded = (Person.objects.filter(unit_id__in=units, is_active=True, created_at__date__lte=end)
                  .filter(~Exists(Assignment.objects.filter(person=OuterRef("pk")))).values("id").order_by())
    return served.union(unrecorded)


def staff_on(unit_path: str, day: dt.date, *, subtree: bool = True) -> QuerySet[Person]:
    """The people in the unit on that day."""
    return staff_between(unit_path, day, day, subtree=subtree)


def staff_counts(unit_ids: list[int], start: dt.date, end: dt.date) -> dict[int, int]:
    """{unit id: number of people who served in that unit itself (not its sub-units) at some time in
    [start, end]}, in two queries."""
    counts: dict[int, int] = dict.fromkeys(unit_ids, 0)
    for unit_id, _person_id in (Assignment.objects.filter(_served(start, end), unit_id__in=unit_ids)
                                .values_list("unit_id", "person_id").distinct().order_by()):
        counts[unit_id] += 1
    for unit_id in (Person.objects.filter(unit_id__in=unit_ids, is_active=True, created_at__date__lte=end)
                    .filter(~Exists(Assignment.objects.filter(person=OuterRef("pk"))))
                    .values_list("unit_id", flat=True)):
        counts[unit_id] += 1
    return counts


def served_in_any(wanted) -> QuerySet:
    """The ids of the people who served in any unit of `wanted` ((unit path, year) pairs; with its sub-units) at
    some time over the span of its years: a superset of `staff_in_years`' people, as one subquery (UNION, as
    `staff_between`) for reading their records without a list of thousands of ids. `wanted` is not empty."""
    start, end, within = _span(set(wanted))
    return _ids_served(OrgUnit.objects.filter(within).values("id"), start, end)


def _span(wanted: set) -> tuple[dt.date, dt.date, Q]:
    """The first and last day of `wanted`'s years and its units with their sub-units (a Q on OrgUnit)."""
    years = {year for _path, year in wanted}
    within = Q()
    for path in {path for path, _year in wanted}:
        within |= startswith_q("path", path)
    return dt.date(min(years), 1, 1), dt.date(max(years), 12, 31), within


def staff_in_years(wanted) -> dict[tuple[str, int], set[int]]:
    """{(unit path, year): ids of the people who served in the unit or its sub-units at some time in that year}
    for every pair of `wanted`, in three queries whatever their number (the Council agenda's collectives): the same
    people as `staff_between` over the year, read once over the span of the years and sorted out here."""
    wanted = set(wanted)
    if not wanted:
        return {}
    start, end, within = _span(wanted)
    paths = dict(OrgUnit.objects.filter(within).values_list("id", "path"))
    spans: list[tuple[int, str, dt.date, dt.date | None]] = [
        (person_id, paths[unit_id], first, last)
        for person_id, unit_id, first, last in Assignment.objects.filter(_served(start, end), unit_id__in=list(paths))
        .values_list("person_id", "unit_id", "start_date", "end_date").order_by()]
    for person_id, unit_id, created in (
            Person.objects.filter(unit_id__in=list(paths), is_active=True, created_at__date__lte=end)
            .filter(~Exists(Assignment.objects.filter(person=OuterRef("pk"))))
            .values_list("id", "unit_id", "created_at").order_by()):
        spans.append((person_id, paths[unit_id], timezone.localdate(created), None))
    result: dict[tuple[str, int], set[int]] = {pair: set() for pair in wanted}
    for path, year in wanted:
        first, last = dt.date(year, 1, 1), dt.date(year, 12, 31)
        for person_id, unit_path, began, ended in spans:
            # [began, ended) overlaps the year, as `_served`
            if unit_path.startswith(path) and began <= last and (ended is None or ended > first):
                result[(path, year)].add(person_id)
    return result
