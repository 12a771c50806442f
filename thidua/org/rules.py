"""Named predicates: who may use which page. Object scoping is in scoping.py."""

import rules

from .enums import Role
from .scoping import get_scope


@rules.predicate
def is_admin(user) -> bool:
    return get_scope(user).is_admin


@rules.predicate
def is_secretariat(user) -> bool:
    return get_scope(user).has(Role.SECRETARIAT)


@rules.predicate
def reads_people(user) -> bool:
    scope = get_scope(user)
    return scope.is_admin or bool(scope.people_paths) or scope.own_person_id is not None


@rules.predicate
def reads_people_lists(user) -> bool:
    scope = get_scope(user)
    return scope.is_admin or bool(scope.people_paths)


@rules.predicate
def manages_people(user) -> bool:
    scope = get_scope(user)
    return scope.is_admin or bool(scope.manage_people_paths)


@rules.predicate
def reads_tree(user) -> bool:
    scope = get_scope(user)
    return scope.is_admin or bool(scope.tree_paths) or bool(scope.people_paths)


@rules.predicate
def has_any_role(user) -> bool:
    scope = get_scope(user)
    return scope.is_admin or bool(scope.roles)


@rules.predicate
def is_unit_head(user) -> bool:
    return get_scope(user).has(Role.UNIT_HEAD)


can_manage_org = is_admin | is_secretariat
can_grant_roles = is_admin | is_secretariat
can_read_audit = is_admin | is_secretariat
can_import_staff = is_admin | is_secretariat

rules.add_perm("org.view_person", reads_people)
rules.add_perm("org.list_people", reads_people_lists)
rules.add_perm("org.change_person", manages_people)
rules.add_perm("org.view_orgunit", reads_tree)
rules.add_perm("org.change_orgunit", can_manage_org)
rules.add_perm("org.add_rolegrant", can_grant_roles)
rules.add_perm("core.view_auditevent", can_read_audit)
rules.add_perm("org.import_staff", can_import_staff)
