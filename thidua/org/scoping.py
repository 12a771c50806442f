"""The one scoping object: who may see what, computed once per request from the user's role grants and cached
on the user. Every domain's `scoping.py` turns it into its querysets (participation/scoping.py,
fund/scoping.py, movements/scoping.py, participation/registrations/scoping.py); no view computes scope itself.

Which agency a unit belongs to is `OrgUnit.home_agency_id` (an agency is its own, any other unit belongs to the
nearest agency above it); every grant is placed with it. The records of the work (movements, registrations,
beneficiaries, activities, the fund) go by that agency, so a commune still under a district keeps its own; the
org tree and the staff records go by the tree (paths), so a district's Office still reads and keeps the records
of the communes' staff below it, as the district's home-affairs office did.

- administrator: everything;
- secretariat (Văn phòng) of an agency: manages the agency's org tree, people, roles, movements (drafts included),
  registrations, beneficiaries, activities and fund; reads its audit log;
- union officer: manages the agency's beneficiaries, activities and fund; reads the agency;
- leaders (Giám đốc, Phó Giám đốc) and the council: read the whole agency;
- unit head: his unit's subtree (people, registrations, activities, contributions, the beneficiaries his unit
  supports); reads the agency's beneficiaries and movements;
- staff: his own record, what he took part in, his agency's movements and campaigns;
- provincial reviewer: reads every agency of the province his grant lies in (the province itself, normally).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from thidua.core.db import startswith_q

from .enums import AGENCY_KINDS, AGENCY_READER_ROLES, Role
from .models import PATH_WIDTH, OrgUnit, Person, RoleGrant

#: roles that manage an agency's shared records (beneficiaries, activities, the fund)
MANAGER_ROLES = {Role.SECRETARIAT, Role.UNION_OFFICER}


@dataclass
class Scope:
    is_admin: bool = False
    roles: set[str] = field(default_factory=set)
    #: subtrees whose people the user may read
    people_paths: list[str] = field(default_factory=list)
    #: subtrees the user may change (people; units and roles only for secretariat/admin)
    manage_people_paths: list[str] = field(default_factory=list)
    #: subtrees whose org structure the user may change and in which he may grant roles
    manage_org_paths: list[str] = field(default_factory=list)
    #: subtrees shown in the org tree
    tree_paths: list[str] = field(default_factory=list)
    #: agencies whose audit log the user may search
    audit_agency_ids: set[int] = field(default_factory=set)
    own_person_id: int | None = None
    #: agencies the user works in or for (any role), e.g. to list their movements
    agency_ids: set[int] = field(default_factory=set)
    #: agencies whose movements (drafts included) and registrations the user edits: the secretariat's
    secretariat_agency_ids: set[int] = field(default_factory=set)
    #: agencies whose beneficiaries, activities and fund the user manages (secretariat, union officer)
    manage_agency_ids: set[int] = field(default_factory=set)
    #: agencies the user reads in full (managers, leaders, council)
    read_agency_ids: set[int] = field(default_factory=set)
    #: provinces (paths) whose agencies the user reads in full (provincial reviewer)
    province_paths: list[str] = field(default_factory=list)
    #: subtrees (paths) a unit head answers for
    unit_paths: list[str] = field(default_factory=list)
    #: the agencies of those units
    unit_agency_ids: set[int] = field(default_factory=set)
    #: role grants, for the navigation and the profile page
    grants: list[RoleGrant] = field(default_factory=list)
    #: ids read once per request (units of subtrees, agencies of provinces …)
    cache: dict = field(default_factory=dict, repr=False, compare=False)

    def has(self, *roles: str) -> bool:
        return self.is_admin or bool(self.roles.intersection(roles))

    # -- derived sets, read at most once per request

    def head_unit_ids(self) -> list[int]:
        """The units (with the units under them) the user heads."""
        return _unit_ids(self, self.unit_paths, "heads")

    def reviewed_agency_ids(self) -> set[int]:
        """The agencies of the provinces the user reviews."""
        if "reviewed" not in self.cache:
            ids: set[int] = set()
            if self.province_paths:
                ids = set(OrgUnit.objects.filter(_paths_q(self.province_paths, "path"), kind__in=AGENCY_KINDS)
                          .values_list("id", flat=True))
            self.cache["reviewed"] = ids
        return self.cache["reviewed"]

    def fully_read_agency_ids(self) -> set[int]:
        """The agencies whose records the user reads in full (not for an administrator, who reads all)."""
        return self.read_agency_ids | self.reviewed_agency_ids()

    # -- tests on one object

    def reads_agency(self, agency: OrgUnit) -> bool:
        """Whether the user reads every record of the agency."""
        return (self.is_admin or agency.pk in self.read_agency_ids
                or any(agency.path.startswith(p) for p in self.province_paths))

    def heads(self, unit: OrgUnit) -> bool:
        """Whether the unit lies in a subtree the user heads."""
        return any(unit.path.startswith(p) for p in self.unit_paths)

    def edits_movements_of(self, agency_id: int | None) -> bool:
        return self.is_admin or agency_id in self.secretariat_agency_ids

    # -- conditions for querysets

    def agency_q(self, field: str = "agency") -> Q:
        """Rows belonging to an agency the user works in or for, or to any agency of a province he reviews."""
        q = Q(**{f"{field}_id__in": sorted(self.agency_ids)})
        for path in _minimal(self.province_paths):
            q |= startswith_q(f"{field}__path", path)
        return q

    def fully_read_q(self, field: str = "agency") -> Q:
        """Rows of an agency the user reads in full."""
        q = Q(**{f"{field}_id__in": sorted(self.read_agency_ids)})
        for path in _minimal(self.province_paths):
            q |= startswith_q(f"{field}__path", path)
        return q


def province_path(unit: OrgUnit) -> str:
    """The path of the province (the root) the unit lies in."""
    return unit.path[: PATH_WIDTH + 1]


def get_scope(user) -> Scope:
    """Computed once per request and cached on the user object."""
    cached = getattr(user, "_thidua_scope", None)
    if cached is not None:
        return cached
    scope = Scope()
    if not getattr(user, "is_authenticated", False):
        return scope
    if user.is_superuser:
        scope.is_admin = True
    grants = list(
        RoleGrant.objects.filter(user=user, is_active=True).select_related("unit", "unit__agency").order_by("id")
    )
    scope.grants = grants
    for grant in grants:
        scope.roles.add(grant.role)
        unit = grant.unit
        if grant.role == Role.ADMIN:
            scope.is_admin = True
            continue
        if unit is None:
            continue
        agency = unit.home_agency
        agency_id = agency.pk if agency else None
        agency_path = agency.path if agency else unit.path
        if agency_id:
            scope.agency_ids.add(agency_id)
        if grant.role in AGENCY_READER_ROLES:
            scope.people_paths.append(agency_path)
            scope.tree_paths.append(agency_path)
            if agency_id:
                scope.read_agency_ids.add(agency_id)
        if grant.role in MANAGER_ROLES and agency_id:
            scope.manage_agency_ids.add(agency_id)
        if grant.role == Role.SECRETARIAT:
            scope.manage_people_paths.append(agency_path)
            scope.manage_org_paths.append(agency_path)
            if agency_id:
                scope.audit_agency_ids.add(agency_id)
                scope.secretariat_agency_ids.add(agency_id)
        if grant.role == Role.UNIT_HEAD:
            scope.people_paths.append(unit.path)
            scope.manage_people_paths.append(unit.path)
            scope.tree_paths.append(unit.path)
            scope.unit_paths.append(unit.path)
            if agency_id:
                scope.unit_agency_ids.add(agency_id)
        if grant.role == Role.STAFF:
            scope.tree_paths.append(unit.path)
        if grant.role == Role.PROVINCIAL_REVIEWER:
            scope.tree_paths.append(province_path(unit))
            scope.province_paths.append(province_path(unit))
    person = Person.objects.filter(user=user).only("id").first()
    scope.own_person_id = person.pk if person else None
    user._thidua_scope = scope
    return scope


def _paths_q(paths: list[str], field: str) -> Q:
    """Rows whose unit path lies in one of the subtrees."""
    q = Q(pk__in=[])
    for path in _minimal(paths):
        q |= startswith_q(field, path)
    return q


def _unit_ids(scope: Scope, paths: list[str], key: str) -> list[int]:
    """The ids of the units in the subtrees, read once per request: the people queries then run on the
    (unit, name) index — on PostgreSQL a subquery here would make the planner scan all staff."""
    cache = scope.cache.setdefault("unit_ids", {})
    if key not in cache:
        q = _paths_q(paths, "path")
        cache[key] = list(OrgUnit.objects.filter(q).values_list("id", flat=True)) if paths else []
    return cache[key]


def _minimal(paths: list[str]) -> list[str]:
    """Drop paths covered by a shorter one, so queries stay small."""
    result: list[str] = []
    for path in sorted(set(paths), key=len):
        if not any(path.startswith(p) for p in result):
            result.append(path)
    return result


def visible_people(user) -> QuerySet[Person]:
    scope = get_scope(user)
    qs = Person.objects.all()
    if scope.is_admin:
        return qs
    q = Q(unit_id__in=_unit_ids(scope, scope.people_paths, "people"))
    if scope.own_person_id and not scope.people_paths:
        q = Q(pk=scope.own_person_id)
    elif scope.own_person_id:
        q |= Q(pk=scope.own_person_id)
    return qs.filter(q)


def manageable_people(user) -> QuerySet[Person]:
    scope = get_scope(user)
    if scope.is_admin:
        return Person.objects.all()
    return Person.objects.filter(unit_id__in=_unit_ids(scope, scope.manage_people_paths, "manage_people"))


def visible_units(user) -> QuerySet[OrgUnit]:
    scope = get_scope(user)
    if scope.is_admin:
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(_paths_q(scope.tree_paths + scope.people_paths, "path"))


def manageable_units(user) -> QuerySet[OrgUnit]:
    """Units the user may change or place people and roles in."""
    scope = get_scope(user)
    if scope.is_admin:
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(_paths_q(scope.manage_org_paths, "path"))


def people_target_units(user) -> QuerySet[OrgUnit]:
    """Units into which the user may put a person (create, move)."""
    scope = get_scope(user)
    if scope.is_admin:
        return OrgUnit.objects.all()
    return OrgUnit.objects.filter(_paths_q(scope.manage_people_paths, "path"))


def tree_roots(user) -> list[OrgUnit]:
    scope = get_scope(user)
    if scope.is_admin:
        return list(OrgUnit.objects.filter(parent__isnull=True).order_by("sort_order", "name_key"))
    paths = _minimal(scope.tree_paths + scope.people_paths)
    return list(OrgUnit.objects.filter(path__in=paths).order_by("path"))


def visible_agency_q(user, field: str = "agency") -> Q:
    """Rows belonging to an agency the user works in, or to any agency under a province the user reviews."""
    return get_scope(user).agency_q(field)


def can_manage_unit(user, unit: OrgUnit) -> bool:
    scope = get_scope(user)
    return scope.is_admin or any(unit.path.startswith(p) for p in scope.manage_org_paths)


def can_manage_person(user, person: Person) -> bool:
    scope = get_scope(user)
    return scope.is_admin or any(person.unit.path.startswith(p) for p in scope.manage_people_paths)
