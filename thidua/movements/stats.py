"""Dissemination coverage (quán triệt) per unit of a movement's agency: staff, sessions, people reached.

- People reached are counted once each: the people named in the sessions (distinct over all sessions), or, for
  sessions that give only a number, the largest of those numbers (sessions of one unit reach the same staff, so
  numbers are never added: two sessions of 13 people in a unit of 13 are 13 people, not 26). The larger of the two
  is shown, never more than the staff.
- Staff are the people who served in the unit from the launch to the close (or to today while it runs), from the
  unit history: once the movement is closed its coverage no longer moves when people join or leave.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Max
from django.utils import timezone

from thidua.org.enums import UnitKind
from thidua.org.history import staff_counts
from thidua.org.models import OrgUnit

from .enums import MovementStatus
from .models import Dissemination, Movement

NOT_WORK_UNITS = [UnitKind.COUNCIL, UnitKind.PARTY, UnitKind.UNION, UnitKind.YOUTH]


def period(movement: Movement) -> tuple[dt.date, dt.date]:
    """The days whose staff the coverage counts: from the launch to the close (today while it runs)."""
    today = timezone.localdate()
    start = movement.launched_on or dt.date(movement.start_year, 1, 1)
    if movement.status == MovementStatus.CLOSED:
        end = movement.closed_on or dt.date(movement.end_year, 12, 31)
    else:
        end = today
    end = min(end, today)
    return min(start, end), end


def coverage(movement: Movement) -> list[OrgUnit]:
    """The agency's work units, each with .staff, .reached, .sessions and .percent."""
    units = list(OrgUnit.objects.within_agency(movement.agency).filter(is_active=True).exclude(kind__in=NOT_WORK_UNITS)
                 .order_by("path"))
    start, end = period(movement)
    staff = staff_counts([u.pk for u in units], start, end)
    records = Dissemination.objects.filter(movement=movement)
    sessions = dict(records.values("unit_id").annotate(n=Count("id")).values_list("unit_id", "n").order_by())
    # the largest number given by a session that names nobody
    counted = dict(records.filter(people__isnull=True).values("unit_id").annotate(n=Max("people_reached"))
                   .values_list("unit_id", "n").order_by())
    named: dict[int, set[int]] = defaultdict(set)
    for unit_id, person_id in (Dissemination.people.through.objects.filter(dissemination__movement=movement)
                               .values_list("dissemination__unit_id", "person_id")):
        named[unit_id].add(person_id)
    for unit in units:
        unit.staff = staff.get(unit.pk, 0)
        unit.sessions = sessions.get(unit.pk, 0)
        reached = max(len(named.get(unit.pk, ())), counted.get(unit.pk) or 0)
        unit.reached = min(reached, unit.staff) if unit.staff else reached
        unit.percent = min(100, round(unit.reached * 100 / unit.staff)) if unit.staff else 0
    return units
