"""Who may use which fund page (named predicates for @access). Which campaigns and entries a user sees is in
scoping.py (the names below are kept for its callers)."""

from __future__ import annotations

import rules

from thidua.org.scoping import get_scope

from .scoping import (  # noqa: F401  (kept names)
    can_manage,
    can_record,
    can_record_for_unit,
    fund_scope,
    head_unit_ids,
    listed_campaigns,
    reads_agency_ledger,
    reads_all,
    recordable_units,
    visible_campaigns,
    visible_entries,
    visible_unit_ids,
)


@rules.predicate
def manages_fund(user) -> bool:
    scope = get_scope(user)
    return scope.is_admin or bool(scope.manage_agency_ids)


@rules.predicate
def records_contributions(user) -> bool:
    scope = get_scope(user)
    return scope.is_admin or bool(scope.manage_agency_ids) or bool(scope.unit_paths)


@rules.predicate
def reads_fund(user) -> bool:
    scope = get_scope(user)
    return scope.is_admin or bool(scope.roles)


rules.add_perm("fund.view_campaign", reads_fund)
rules.add_perm("fund.change_campaign", manages_fund)
rules.add_perm("fund.add_entry", records_contributions)
