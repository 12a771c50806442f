"""Who sees and manages which households, students and activities. Every view starts from these querysets.

- the secretariat and the union officer of an agency manage its households, students and activities;
- the agency's leaders and council read them all; a provincial reviewer reads those of the province's agencies;
- a unit head reads the agency's beneficiaries (to pick them) and records and sees the activities of his unit;
- a staff member sees the activities he took part in.
Anything else is a 404."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from thidua.core.db import startswith_q
from thidua.org.enums import AGENCY_READER_ROLES, Role
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope

from .models import Activity, Household, Student

MANAGER_ROLES = {Role.SECRETARIAT, Role.UNION_OFFICER}


@dataclass
class ParticipationScope:
    is_admin: bool = False
    #: agencies whose beneficiaries and activities the user manages
    manage_agency_ids: set[int] = field(default_factory=set)
    #: agencies whose beneficiaries and activities the user reads
    read_agency_ids: set[int] = field(default_factory=set)
    #: provinces (paths) whose agencies' data the user reads
    province_paths: list[str] = field(default_factory=list)
    #: unit subtrees (paths) whose activities the user records and reads
    unit_paths: list[str] = field(default_factory=list)
    #: agencies of those units (their beneficiaries may be picked)
    unit_agency_ids: set[int] = field(default_factory=set)
    own_person_id: int | None = None

    @property
    def reads_beneficiaries(self) -> bool:
        return self.is_admin or bool(self.read_agency_ids or self.province_paths or self.unit_agency_ids)

    @property
    def records_activities(self) -> bool:
        return self.is_admin or bool(self.manage_agency_ids or self.unit_paths)


def participation_scope(user) -> ParticipationScope:
    cached = getattr(user, "_participation_scope", None)
    if cached is not None:
        return cached
    base = get_scope(user)
    scope = ParticipationScope(is_admin=base.is_admin, own_person_id=base.own_person_id)
    for grant in base.grants:
        unit = grant.unit
        if unit is None:
            continue
        agency_id = unit.pk if unit.is_agency else unit.agency_id
        if grant.role in MANAGER_ROLES and agency_id:
            scope.manage_agency_ids.add(agency_id)
            scope.read_agency_ids.add(agency_id)
        elif grant.role in AGENCY_READER_ROLES and agency_id:
            scope.read_agency_ids.add(agency_id)
        elif grant.role == Role.UNIT_HEAD:
            scope.unit_paths.append(unit.path)
            if agency_id:
                scope.unit_agency_ids.add(agency_id)
        elif grant.role == Role.PROVINCIAL_REVIEWER and unit.depth == 0:
            scope.province_paths.append(unit.path)
    if getattr(user, "is_authenticated", False):
        user._participation_scope = scope
    return scope


def _province_agency_q(scope: ParticipationScope, field_name: str = "agency") -> Q:
    q = Q(pk__in=[])
    for path in scope.province_paths:
        q |= startswith_q(f"{field_name}__path", path)
    return q


def _unit_ids(scope: ParticipationScope) -> list[int]:
    cache = scope.__dict__.setdefault("_unit_ids", None)
    if cache is None:
        q = Q(pk__in=[])
        for path in scope.unit_paths:
            q |= startswith_q("path", path)
        cache = list(OrgUnit.objects.filter(q).values_list("id", flat=True)) if scope.unit_paths else []
        scope.__dict__["_unit_ids"] = cache
    return cache


def _beneficiary_q(scope: ParticipationScope) -> Q:
    return Q(agency_id__in=sorted(scope.read_agency_ids | scope.unit_agency_ids)) | _province_agency_q(scope)


def beneficiary_agency_ids(user) -> list[int] | None:
    """The agencies whose households and students the user reads (None: all, for an administrator)."""
    scope = participation_scope(user)
    if scope.is_admin:
        return None
    cache = scope.__dict__.get("_beneficiary_agency_ids")
    if cache is None:
        ids = scope.read_agency_ids | scope.unit_agency_ids
        if scope.province_paths:
            from thidua.org.enums import AGENCY_KINDS

            q = Q(pk__in=[])
            for path in scope.province_paths:
                q |= startswith_q("path", path)
            ids |= set(OrgUnit.objects.filter(q, kind__in=AGENCY_KINDS).values_list("id", flat=True))
        cache = scope.__dict__["_beneficiary_agency_ids"] = sorted(ids)
    return cache


def visible_households(user) -> QuerySet[Household]:
    scope = participation_scope(user)
    if scope.is_admin:
        return Household.objects.all()
    return Household.objects.filter(_beneficiary_q(scope))


def manageable_households(user) -> QuerySet[Household]:
    scope = participation_scope(user)
    if scope.is_admin:
        return Household.objects.all()
    return Household.objects.filter(agency_id__in=sorted(scope.manage_agency_ids))


def visible_students(user) -> QuerySet[Student]:
    scope = participation_scope(user)
    if scope.is_admin:
        return Student.objects.all()
    return Student.objects.filter(_beneficiary_q(scope))


def manageable_students(user) -> QuerySet[Student]:
    scope = participation_scope(user)
    if scope.is_admin:
        return Student.objects.all()
    return Student.objects.filter(agency_id__in=sorted(scope.manage_agency_ids))


def _organised_by(unit_ids: list[int]) -> Q:
    """`pk IN (ids from the link table's (orgunit, activity) index)`, not a correlated EXISTS: OR-ed with the
    agency condition, both sides stay on an index (an EXISTS under OR makes the database test every activity)."""
    through = Activity.units.through
    return Q(pk__in=through.objects.filter(orgunit_id__in=unit_ids).values("activity_id"))


EXTRA_CAP = 2000


def _extra_q(scope: ParticipationScope) -> Q:
    """The activities a user sees outside the agencies he reads: those of his units and those he took part in.
    Usually few, so their ids are read first (one or two index lookups) and the list filters on
    `agency IN (…) OR id IN (ids)`, which both databases serve from two indexes. (With subqueries under the OR,
    PostgreSQL tests every activity against a hashed subplan.) Over EXTRA_CAP ids, the subqueries are used."""
    parts = []
    if scope.unit_paths:
        parts.append(Activity.units.through.objects.filter(orgunit_id__in=_unit_ids(scope)))
    if scope.own_person_id:
        parts.append(Activity.people.through.objects.filter(person_id=scope.own_person_id))
    if not parts:
        return Q(pk__in=[])
    ids = scope.__dict__.get("_extra_ids")
    if ids is None:
        found: set[int] = set()
        for part in parts:
            found.update(part.values_list("activity_id", flat=True)[: EXTRA_CAP + 1])
        ids = scope.__dict__["_extra_ids"] = sorted(found) if len(found) <= EXTRA_CAP else False
    if ids is False:
        q = Q(pk__in=[])
        for part in parts:
            q |= Q(pk__in=part.values("activity_id"))
        return q
    return Q(pk__in=ids)


def visible_activities(user) -> QuerySet[Activity]:
    scope = participation_scope(user)
    if scope.is_admin:
        return Activity.objects.all()
    q = Q(agency_id__in=sorted(scope.read_agency_ids)) | _province_agency_q(scope)
    if scope.unit_paths or scope.own_person_id:
        q |= _extra_q(scope)
    return Activity.objects.filter(q)


def fully_read_agencies(user) -> list[int] | None:
    """Agencies all of whose activities the user reads (None: every agency, for an administrator). The kept
    totals (participation.stats) cover exactly these; the rest of what the user sees is small (his units',
    his own)."""
    scope = participation_scope(user)
    if scope.is_admin:
        return None
    ids = set(scope.read_agency_ids)
    if scope.province_paths:
        from thidua.org.enums import AGENCY_KINDS

        q = Q(pk__in=[])
        for path in scope.province_paths:
            q |= startswith_q("path", path)
        ids |= set(OrgUnit.objects.filter(q, kind__in=AGENCY_KINDS).values_list("id", flat=True))
    return sorted(ids)


def manageable_activities(user) -> QuerySet[Activity]:
    scope = participation_scope(user)
    if scope.is_admin:
        return Activity.objects.all()
    q = Q(agency_id__in=sorted(scope.manage_agency_ids))
    if scope.unit_paths:
        q |= _organised_by(_unit_ids(scope))
    return Activity.objects.filter(q)


def recording_agencies(user) -> QuerySet[OrgUnit]:
    """Agencies in which the user may record an activity or a beneficiary."""
    from thidua.org.enums import AGENCY_KINDS

    scope = participation_scope(user)
    qs = OrgUnit.objects.filter(kind__in=AGENCY_KINDS, is_active=True)
    if scope.is_admin:
        return qs
    return qs.filter(pk__in=sorted(scope.manage_agency_ids | scope.unit_agency_ids))


def managing_agencies(user) -> QuerySet[OrgUnit]:
    """Agencies whose beneficiaries the user may add, change and import."""
    from thidua.org.enums import AGENCY_KINDS

    scope = participation_scope(user)
    qs = OrgUnit.objects.filter(kind__in=AGENCY_KINDS, is_active=True)
    if scope.is_admin:
        return qs
    return qs.filter(pk__in=sorted(scope.manage_agency_ids))


def organiser_units(user, agency: OrgUnit) -> QuerySet[OrgUnit]:
    """Units of the agency the user may name as organisers: all for managers, his subtree for a unit head."""
    scope = participation_scope(user)
    qs = OrgUnit.objects.filter(startswith_q("path", agency.path), is_active=True)
    if scope.is_admin or agency.pk in scope.manage_agency_ids:
        return qs
    return qs.filter(pk__in=_unit_ids(scope))


def visible_agency_units(user) -> QuerySet[OrgUnit]:
    """Units shown in the activity list's unit filter."""
    scope = participation_scope(user)
    if scope.is_admin:
        return OrgUnit.objects.exclude(depth=0)
    q = Q(pk__in=_unit_ids(scope)) if scope.unit_paths else Q(pk__in=[])
    agency_ids = sorted(scope.read_agency_ids)
    q |= Q(agency_id__in=agency_ids) | Q(pk__in=agency_ids)
    for path in scope.province_paths:
        q |= startswith_q("path", path) & ~Q(depth=0)
    return OrgUnit.objects.filter(q)


def partly_read_activities(user, agency_ids: list[int]) -> QuerySet[Activity]:
    """The activities the user sees outside `agency_ids` (those of his units, those he took part in)."""
    return Activity.objects.filter(_extra_q(participation_scope(user))).exclude(agency_id__in=agency_ids)
