"""Named predicates for the participation pages. Object scoping is in scoping.py."""

import rules

from thidua.org.rules import has_any_role
from thidua.org.scoping import get_scope

from . import scoping


@rules.predicate
def reads_beneficiaries(user) -> bool:
    return scoping.reads_beneficiaries(get_scope(user))


@rules.predicate
def maintains_beneficiaries(user) -> bool:
    return scoping.maintains_beneficiaries(get_scope(user))


@rules.predicate
def manages_beneficiaries(user) -> bool:
    return scoping.manages_beneficiaries(get_scope(user))


@rules.predicate
def records_activities(user) -> bool:
    return scoping.records_activities(get_scope(user))


#: any role: a staff member sees the activities he took part in
reads_activities = has_any_role
imports_households = manages_beneficiaries

rules.add_perm("participation.view_household", reads_beneficiaries)
rules.add_perm("participation.change_household", maintains_beneficiaries)
rules.add_perm("participation.view_activity", reads_activities)
rules.add_perm("participation.add_activity", records_activities)
