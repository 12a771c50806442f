"""Who sees and maintains which households, students and activities: the one scope of `org.scoping` turned into
this domain's querysets. Every view starts from these.

- the secretariat and the union officer of an agency manage its households, students and activities (and import
  households);
- the agency's leaders and council read them all; a provincial reviewer reads those of his province's agencies;
- a unit head reads the agency's beneficiaries (to pick them) and records and sees the activities of his unit
  (with the units under it). He maintains — adds, edits, classifies, lists the members of — the households and
  students of his agency that **his unit supports** (an activity organised by his unit or a unit under it names
  them) or that **he recorded** himself; a student also when the household it belongs to is one he maintains.
  He adds new ones to his agency (they are then his, as he recorded them). Importing stays with the managers;
- a staff member sees the activities he took part in.
Anything else is a 404.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from thidua.core.db import startswith_q
from thidua.org.enums import AGENCY_KINDS
from thidua.org.models import OrgUnit
from thidua.org.scoping import Scope, get_scope

from .models import Activity, Household, Student


def participation_scope(user) -> Scope:
    """The user's one scope (kept name: the dashboard and the views ask it)."""
    return get_scope(user)


# --- predicates' questions -------------------------------------------------------------------------------------


def reads_beneficiaries(scope: Scope) -> bool:
    return scope.is_admin or bool(scope.read_agency_ids or scope.province_paths or scope.unit_agency_ids)


def maintains_beneficiaries(scope: Scope) -> bool:
    """Adds and edits households and students: managers, and unit heads (those of their units)."""
    return scope.is_admin or bool(scope.manage_agency_ids or scope.unit_paths)


def manages_beneficiaries(scope: Scope) -> bool:
    """Manages all of an agency's beneficiaries (and imports them)."""
    return scope.is_admin or bool(scope.manage_agency_ids)


def records_activities(scope: Scope) -> bool:
    return scope.is_admin or bool(scope.manage_agency_ids or scope.unit_paths)


# --- beneficiaries -----------------------------------------------------------------------------------------------


def _beneficiary_q(scope: Scope) -> Q:
    q = Q(agency_id__in=sorted(scope.read_agency_ids | scope.unit_agency_ids))
    for path in scope.province_paths:
        q |= startswith_q("agency__path", path)
    return q


def beneficiary_agency_ids(user) -> list[int] | None:
    """The agencies whose households and students the user reads (None: all, for an administrator)."""
    scope = get_scope(user)
    if scope.is_admin:
        return None
    if "beneficiary_agencies" not in scope.cache:
        scope.cache["beneficiary_agencies"] = sorted(scope.fully_read_agency_ids() | scope.unit_agency_ids)
    return scope.cache["beneficiary_agencies"]


def visible_households(user) -> QuerySet[Household]:
    scope = get_scope(user)
    if scope.is_admin:
        return Household.objects.all()
    return Household.objects.filter(_beneficiary_q(scope))


def _supported_activity_ids(scope: Scope):
    """The activities organised by the units the user heads (a subquery on the link table's index)."""
    return Activity.units.through.objects.filter(orgunit_id__in=scope.head_unit_ids()).values("activity_id")


def _maintained_households_q(scope: Scope, user) -> Q:
    q = Q(agency_id__in=sorted(scope.manage_agency_ids))
    if scope.unit_paths:
        supported = Activity.households.through.objects.filter(
            activity_id__in=_supported_activity_ids(scope)).values("household_id")
        q |= Q(agency_id__in=sorted(scope.unit_agency_ids)) & (Q(created_by=user) | Q(pk__in=supported))
    return q


def manageable_households(user) -> QuerySet[Household]:
    """The households the user may edit, classify and whose members he may list (see the module's rule)."""
    scope = get_scope(user)
    if scope.is_admin:
        return Household.objects.all()
    return Household.objects.filter(_maintained_households_q(scope, user))


def visible_students(user) -> QuerySet[Student]:
    scope = get_scope(user)
    if scope.is_admin:
        return Student.objects.all()
    return Student.objects.filter(_beneficiary_q(scope))


def manageable_students(user) -> QuerySet[Student]:
    scope = get_scope(user)
    if scope.is_admin:
        return Student.objects.all()
    q = Q(agency_id__in=sorted(scope.manage_agency_ids))
    if scope.unit_paths:
        supported = Activity.students.through.objects.filter(
            activity_id__in=_supported_activity_ids(scope)).values("student_id")
        households = Household.objects.filter(_maintained_households_q(scope, user)).values("id")
        q |= Q(agency_id__in=sorted(scope.unit_agency_ids)) & (
            Q(created_by=user) | Q(pk__in=supported) | Q(household_id__in=households))
    return Student.objects.filter(q)


# --- activities ----------------------------------------------------------------------------------------------------


def _organised_by(unit_ids: list[int]) -> Q:
    """`pk IN (ids from the link table's (orgunit, activity) index)`, not a correlated EXISTS: OR-ed with the
    agency condition, both sides stay on an index (an EXISTS under OR makes the database test every activity)."""
    through = Activity.units.through
    return Q(pk__in=through.objects.filter(orgunit_id__in=unit_ids).values("activity_id"))


EXTRA_CAP = 2000


def _extra_q(scope: Scope) -> Q:
    """The activities a user sees outside the agencies he reads: those of his units and those he took part in.
    Usually few, so their ids are read first (one or two index lookups) and the list filters on
    `agency IN (…) OR id IN (ids)`, which both databases serve from two indexes. (With subqueries under the OR,
    PostgreSQL tests every activity against a hashed subplan.) Over EXTRA_CAP ids, the subqueries are used."""
    parts = []
    if scope.unit_paths:
        parts.append(Activity.units.through.objects.filter(orgunit_id__in=scope.head_unit_ids()))
    if scope.own_person_id:
        parts.append(Activity.people.through.objects.filter(person_id=scope.own_person_id))
    if not parts:
        return Q(pk__in=[])
    ids = scope.cache.get("extra_activity_ids")
    if ids is None:
        found: set[int] = set()
        for part in parts:
            found.update(part.values_list("activity_id", flat=True)[: EXTRA_CAP + 1])
        ids = scope.cache["extra_activity_ids"] = sorted(found) if len(found) <= EXTRA_CAP else False
    if ids is False:
        q = Q(pk__in=[])
        for part in parts:
            q |= Q(pk__in=part.values("activity_id"))
        return q
    return Q(pk__in=ids)


def visible_activities(user) -> QuerySet[Activity]:
    scope = get_scope(user)
    if scope.is_admin:
        return Activity.objects.all()
    q = scope.fully_read_q("agency")
    if scope.unit_paths or scope.own_person_id:
        q |= _extra_q(scope)
    return Activity.objects.filter(q)


def head_activities(user) -> QuerySet[Activity]:
    """The activities organised by the units the user heads (what his unit gave)."""
    scope = get_scope(user)
    if not scope.unit_paths:
        return Activity.objects.none()
    return Activity.objects.filter(_organised_by(scope.head_unit_ids()))


def fully_read_agencies(user) -> list[int] | None:
    """Agencies all of whose activities the user reads (None: every agency, for an administrator). The kept
    totals (participation.stats) cover exactly these; the rest of what the user sees is small (his units',
    his own)."""
    scope = get_scope(user)
    if scope.is_admin:
        return None
    return sorted(scope.fully_read_agency_ids())


def manageable_activities(user) -> QuerySet[Activity]:
    scope = get_scope(user)
    if scope.is_admin:
        return Activity.objects.all()
    q = Q(agency_id__in=sorted(scope.manage_agency_ids))
    if scope.unit_paths:
        q |= _organised_by(scope.head_unit_ids())
    return Activity.objects.filter(q)


def _agencies(ids) -> QuerySet[OrgUnit]:
    return OrgUnit.objects.filter(kind__in=AGENCY_KINDS, is_active=True, pk__in=sorted(ids))


def recording_agencies(user) -> QuerySet[OrgUnit]:
    """Agencies in which the user may record an activity or add a beneficiary."""
    scope = get_scope(user)
    if scope.is_admin:
        return OrgUnit.objects.filter(kind__in=AGENCY_KINDS, is_active=True)
    return _agencies(scope.manage_agency_ids | scope.unit_agency_ids)


#: where a new household or student may be added: the same agencies as for activities
maintaining_agencies = recording_agencies


def managing_agencies(user) -> QuerySet[OrgUnit]:
    """Agencies all of whose beneficiaries the user manages (and imports)."""
    scope = get_scope(user)
    if scope.is_admin:
        return OrgUnit.objects.filter(kind__in=AGENCY_KINDS, is_active=True)
    return _agencies(scope.manage_agency_ids)


def organiser_units(user, agency: OrgUnit) -> QuerySet[OrgUnit]:
    """Units of the agency the user may name as organisers: all for managers, his subtree for a unit head."""
    scope = get_scope(user)
    qs = OrgUnit.objects.filter(startswith_q("path", agency.path), is_active=True)
    if scope.is_admin or agency.pk in scope.manage_agency_ids:
        return qs
    return qs.filter(pk__in=scope.head_unit_ids())


def visible_agency_units(user) -> QuerySet[OrgUnit]:
    """Units shown in the activity list's unit filter."""
    scope = get_scope(user)
    if scope.is_admin:
        return OrgUnit.objects.exclude(depth=0)
    q = Q(pk__in=scope.head_unit_ids()) if scope.unit_paths else Q(pk__in=[])
    agency_ids = sorted(scope.read_agency_ids)
    q |= Q(pk__in=agency_ids) | (Q(agency_id__in=agency_ids) & ~Q(kind__in=AGENCY_KINDS))  # OrgUnit.of_agencies
    for path in scope.province_paths:
        q |= startswith_q("path", path) & ~Q(depth=0)
    return OrgUnit.objects.filter(q)


def partly_read_activities(user, agency_ids: list[int]) -> QuerySet[Activity]:
    """The activities the user sees outside `agency_ids` (those of his units, those he took part in)."""
    return Activity.objects.filter(_extra_q(get_scope(user))).exclude(agency_id__in=agency_ids)
