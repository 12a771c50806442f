"""The one place that decides what a user may see. Every list view starts from these querysets."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Q, QuerySet

from thidua.core.db import startswith_q

from .enums import AGENCY_READER_ROLES, Role
from .models import OrgUnit, Person, RoleGrant


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
    #: role grants, for the navigation and the profile page
    grants: list[RoleGrant] = field(default_factory=list)

    def has(self, *roles: str) -> bool:
        return self.is_admin or bool(self.roles.intersection(roles))


def _agency_path(unit: OrgUnit) -> tuple[str, int | None]:
    if unit.is_agency:
        return unit.path, unit.pk
    if unit.agency_id:
        return unit.agency.path, unit.agency_id
    return unit.path, None


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
        agency_path, agency_id = _agency_path(unit)
        if agency_id:
            scope.agency_ids.add(agency_id)
        if grant.role in AGENCY_READER_ROLES:
            scope.people_paths.append(agency_path)
            scope.tree_paths.append(agency_path)
        if grant.role == Role.SECRETARIAT:
            scope.manage_people_paths.append(agency_path)
            scope.manage_org_paths.append(agency_path)
            if agency_id:
                scope.audit_agency_ids.add(agency_id)
        if grant.role == Role.UNIT_HEAD:
            scope.people_paths.append(unit.path)
            scope.manage_people_paths.append(unit.path)
            scope.tree_paths.append(unit.path)
        if grant.role == Role.STAFF:
            scope.tree_paths.append(unit.path)
        if grant.role == Role.PROVINCIAL_REVIEWER:
            scope.tree_paths.append(unit.path)
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
    cache = scope.__dict__.setdefault("_unit_ids", {})
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
    scope = get_scope(user)
    q = Q(**{f"{field}_id__in": sorted(scope.agency_ids)})
    for path in _minimal(scope.tree_paths):
        if path.count("/") == 1:  # a province
            q |= startswith_q(f"{field}__path", path)
    return q


def can_manage_unit(user, unit: OrgUnit) -> bool:
    scope = get_scope(user)
    return scope.is_admin or any(unit.path.startswith(p) for p in scope.manage_org_paths)


def can_manage_person(user, person: Person) -> bool:
    scope = get_scope(user)
    return scope.is_admin or any(person.unit.path.startswith(p) for p in scope.manage_people_paths)
