"""The unit dashboard: households supported, value of support, money contributed, share of staff who
contributed and activities per content item, per year and for the whole movement.

Every number comes from bounded reads, whatever the size of the province:
- activities, households (lượt hộ: one per household per activity), students and value from the kept totals
  ActivityStat (participation.stats): one row per (unit subtree, year, content item), so a unit and a movement
  read at most years × (1 + items) rows;
- money and the people who contributed from the fund, asked through the hook UNIT_CONTRIBUTIONS (participation
  does not import the fund: thidua.fund.hooks.unit_contributions reads its kept Balance rows, "u<unit>" keys:
  every contribution is counted once, under the unit of the contributor, and the entries' unit);
- staff share: the people who were in the subtree in the year shown (or the movement's years, up to today), from
  the unit history (org.history) — not today's staff, so that a past year's share does not move when people
  join, move or leave later — and those of them who gave (net of corrections) to those campaigns while in the
  subtree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext

from thidua.core import hooks
from thidua.core.db import startswith_q
from thidua.movements.models import Movement, PlanItem
from thidua.movements.scoping import visible_movements
from thidua.org.enums import AGENCY_KINDS
from thidua.org.history import staff_between
from thidua.org.models import OrgUnit, Person

from .models import ActivityStat
from .scoping import participation_scope

#: asked with agency=, movement=, unit=, year=; each answer {"money": {year: đồng}, "contributors": n}
UNIT_CONTRIBUTIONS = "participation.unit_contributions"


@dataclass
class Choice:
    pk: int
    label: str


def _agency_of(unit: OrgUnit) -> OrgUnit:
    return unit.home_agency


def may_see(user, unit: OrgUnit) -> bool:
    scope = participation_scope(user)
    if scope.is_admin:
        return True
    if unit.home_agency_id in scope.read_agency_ids:
        return True
    if any(unit.path.startswith(p) for p in scope.unit_paths + scope.province_paths):
        return True
    own_unit_id = _own_unit_id(user)
    return own_unit_id is not None and own_unit_id == unit.pk


def _own_unit_id(user) -> int | None:
    scope = participation_scope(user)
    if not scope.own_person_id:
        return None
    if "own_unit_id" not in scope.cache:
        scope.cache["own_unit_id"] = (Person.objects.filter(pk=scope.own_person_id)
                                      .values_list("unit_id", flat=True).first())
    return scope.cache["own_unit_id"]


def default_unit(user) -> OrgUnit:
    scope = participation_scope(user)
    own = _own_unit_id(user)
    candidates = []
    if scope.unit_paths:
        candidates.append(Q(path=scope.unit_paths[0]))
    if own:
        candidates.append(Q(pk=own))
    if scope.read_agency_ids:
        candidates.append(Q(pk=min(scope.read_agency_ids)))
    for q in candidates:
        unit = OrgUnit.objects.filter(q).first()
        if unit is not None and may_see(user, unit):
            return unit
    if scope.is_admin or scope.province_paths:
        unit = OrgUnit.objects.filter(kind__in=AGENCY_KINDS).order_by("path").first()
        if unit is not None:
            return unit
    raise Http404


def unit_choices(user, unit: OrgUnit) -> list[Choice]:
    """The units the page offers: the agencies the user may see whole (reviewer, administrator), then the
    units of the shown agency that he may see, indented by depth."""
    scope = participation_scope(user)
    agency = _agency_of(unit)
    choices = []
    if scope.is_admin or scope.province_paths:
        agencies = OrgUnit.objects.filter(kind__in=AGENCY_KINDS)
        if not scope.is_admin:
            q = Q(pk__in=[])
            for path in scope.province_paths:
                q |= startswith_q("path", path)
            agencies = agencies.filter(q)
        choices += [Choice(pk, gettext("%(name)s (cả cơ quan)") % {"name": name}) for pk, name in
                    agencies.order_by("path").values_list("id", "name")[:200] if pk != agency.pk]
    units = OrgUnit.objects.filter(startswith_q("path", agency.path), is_active=True).order_by("path")
    rows = list(units.values_list("id", "name", "depth", "path", "kind", "agency_id")[:400])
    for pk, name, depth, path, kind, agency_id in rows:
        probe = OrgUnit(pk=pk, path=path, kind=kind, agency_id=agency_id)
        if may_see(user, probe):
            label = gettext("%(name)s (cả cơ quan)") % {"name": name} if pk == agency.pk else name
            choices.append(Choice(pk, "\u2003" * max(0, depth - agency.depth) + label))
    return choices


def movements_of(agency: OrgUnit, user=None) -> list[Movement]:
    """The agency's movements the user sees (no draft unless he edits them)."""
    qs = visible_movements(user) if user is not None else Movement.objects.all()
    return list(qs.filter(agency=agency).order_by("-start_year", "-id")[:50])


def default_movement(agency: OrgUnit, movements: list[Movement]) -> Movement | None:
    """The latest movement whose content items have activities, else the latest one."""
    used = set(PlanItem.objects.filter(
        pk__in=ActivityStat.objects.filter(unit=agency, item_key__gt=0).values("item_key")
    ).values_list("movement_id", flat=True))
    for movement in movements:
        if movement.pk in used:
            return movement
    return movements[0] if movements else None


def build(unit: OrgUnit, movement: Movement | None, year: int | None) -> dict:
    agency = _agency_of(unit)
    if movement is None:
        years = [year] if year else []
    else:
        years = list(range(movement.start_year, movement.end_year + 1))
    chosen_years = [year] if year else years
    stats = list(ActivityStat.objects.filter(unit=unit, year__in=years).values_list(
        "year", "item_key", "activities", "households", "students", "cash_value", "in_kind_value"))
    per_year = {y: {"year": y, "activities": 0, "households": 0, "students": 0, "value": 0, "money": 0}
                for y in years}
    items = (list(PlanItem.objects.filter(movement=movement, kind="content").order_by("order", "id"))
             if movement else [])
    per_item = {i.pk: {"label": i.label, "text": i.text, "activities": 0, "households": 0, "value": 0}
                for i in items}
    for y, item_key, acts, hh, st, cash, kind in stats:
        if item_key == 0:
            row = per_year[y]
            row["activities"] += acts
            row["households"] += hh
            row["students"] += st
            row["value"] += cash + kind
        elif item_key in per_item and y in chosen_years:
            row = per_item[item_key]
            row["activities"] += acts
            row["households"] += hh
            row["value"] += cash + kind
    contributors = 0
    staff_q = Q(pk__in=_staff(unit, chosen_years).values("pk"))
    for answer in hooks.ask(UNIT_CONTRIBUTIONS, agency=agency, movement=movement, unit=unit, year=year):
        for y, total in answer["money"].items():
            if y in per_year:
                per_year[y]["money"] += total
        contributors += answer["contributors"]
        # whoever gave while in the subtree was in it then, even if his unit history (entered later) says otherwise
        staff_q |= Q(pk__in=answer["givers"])
    staff = Person.objects.filter(staff_q).count()
    shown = [per_year[y] for y in chosen_years if y in per_year]
    totals = {key: sum(r[key] for r in shown) for key in ("activities", "households", "students", "value", "money")}
    totals["contributors"] = contributors
    totals["staff"] = staff
    totals["share"] = round(100 * contributors / staff, 1) if staff else None
    return {"per_year": list(per_year.values()), "per_item": list(per_item.values()), "totals": totals,
            "years": years}


def _staff(unit: OrgUnit, years: list[int]):
    """The people who were in the unit's subtree in those years (up to today), from the unit history."""
    today = timezone.localdate()
    if not years or min(years) > today.year:
        return staff_between(unit.path, today, today)
    start, end = dt.date(min(years), 1, 1), min(dt.date(max(years), 12, 31), today)
    return staff_between(unit.path, start, end)
