"""Who may take each edge of a campaign's workflow (`enums.CAMPAIGN_FLOW`): predicates of (user, campaign) on the
one scope of `org.scoping`. Kept apart from scoping.py (which builds querysets on the models) so that the table in
enums.py can name them without an import circle."""

from __future__ import annotations

from thidua.org.scoping import get_scope


def manages_campaign(user, campaign) -> bool:
    """The agency's secretariat and union officer (and the administrator): they close the books."""
    scope = get_scope(user)
    return scope.is_admin or campaign.agency_id in scope.manage_agency_ids


def is_office(user, agency_id: int) -> bool:
    """Whether the user is the agency's Office (secretariat, the Council's standing body) or an administrator:
    the only ones who may reopen a closed campaign (the union officer closes, but does not reopen)."""
    scope = get_scope(user)
    return scope.is_admin or agency_id in scope.secretariat_agency_ids


def office_of_campaign(user, campaign) -> bool:
    return is_office(user, campaign.agency_id)
