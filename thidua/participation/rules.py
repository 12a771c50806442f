"""Named predicates for the participation pages. Object scoping is in scoping.py."""

import rules

from thidua.org.rules import has_any_role

from .scoping import participation_scope


@rules.predicate
def reads_beneficiaries(user) -> bool:
    return participation_scope(user).reads_beneficiaries


@rules.predicate
def manages_beneficiaries(user) -> bool:
    scope = participation_scope(user)
    return scope.is_admin or bool(scope.manage_agency_ids)


@rules.predicate
def records_activities(user) -> bool:
    return participation_scope(user).records_activities


#: any role: a staff member sees the activities he took part in
reads_activities = has_any_role
imports_households = manages_beneficiaries

rules.add_perm("participation.view_household", reads_beneficiaries)
rules.add_perm("participation.change_household", manages_beneficiaries)
rules.add_perm("participation.view_activity", reads_activities)
rules.add_perm("participation.add_activity", records_activities)
