"""Who may take each edge of the commendation workflows: predicates of (user, obj) on the one scope of
`org.scoping`. Kept apart from scoping.py (which builds querysets) so that the tables in enums.py can name them
without an import circle."""

from __future__ import annotations

from thidua.org.enums import COUNCIL_ROLES, LEADER_ROLES, Role
from thidua.org.scoping import get_scope


def is_office(user, agency_id: int | None) -> bool:
    """The agency's Office (secretariat: the Council's standing body) or an administrator."""
    scope = get_scope(user)
    return scope.is_admin or agency_id in scope.secretariat_agency_ids


def is_council_secretary(user, agency_id: int | None) -> bool:
    """The Council's secretary of the agency (records paper ballots), the Office or an administrator."""
    scope = get_scope(user)
    if is_office(user, agency_id):
        return True
    return any(g.role == Role.COUNCIL_SECRETARY and g.unit_id == agency_id for g in scope.grants)


def sits_on_council(user, agency_id: int | None) -> bool:
    """Holds a Council role (chair, vice-chair, member, secretary) of the agency today."""
    scope = get_scope(user)
    return any(g.role in COUNCIL_ROLES and g.unit_id == agency_id for g in scope.grants)


def office_of_round(user, review_round) -> bool:
    return is_office(user, review_round.movement.agency_id)


def office_of_session(user, session) -> bool:
    return is_office(user, session.agency_id)


def office_of_nomination(user, nomination) -> bool:
    return is_office(user, nomination.agency_id)


def heads_nomination_unit(user, nomination) -> bool:
    """The head of the proposing unit (his subtree)."""
    return get_scope(user).heads(nomination.unit)


def unit_or_office(user, nomination) -> bool:
    return heads_nomination_unit(user, nomination) or office_of_nomination(user, nomination)


# -- decisions and proposals (issue 10) ------------------------------------------------------------------------------

def leads_agency(user, agency_id: int | None) -> bool:
    """The agency's Director or a deputy (the signers)."""
    scope = get_scope(user)
    return any(g.role in LEADER_ROLES and g.unit_id == agency_id for g in scope.grants)


def office_of_decision(user, decision) -> bool:
    return is_office(user, decision.agency_id)


def signer_of_decision(user, decision) -> bool:
    """The Director or a deputy signs; the Office may record a signature made on paper."""
    return leads_agency(user, decision.agency_id) or is_office(user, decision.agency_id)


def office_of_proposal(user, proposal) -> bool:
    return is_office(user, proposal.agency_id)


def reviewer_of_proposal(user, proposal) -> bool:
    """The provincial reviewer of the province the proposing agency lies in (or an administrator)."""
    scope = get_scope(user)
    return scope.is_admin or proposal.agency_id in scope.reviewed_agency_ids()


def reviewer_or_office_of_proposal(user, proposal) -> bool:
    return reviewer_of_proposal(user, proposal) or office_of_proposal(user, proposal)


def province_reviews_in_system(agency_id: int) -> bool:
    """Whether a provincial reviewer of the agency's province works in this system (then the province takes in,
    returns and decides the agency's proposals here)."""
    from thidua.org.models import OrgUnit, RoleGrant

    path = OrgUnit.objects.filter(pk=agency_id).values_list("path", flat=True).first() or ""
    grants = (RoleGrant.objects.filter(role=Role.PROVINCIAL_REVIEWER, is_active=True, unit__isnull=False)
              .values_list("unit__path", flat=True))
    return any(path.startswith(p) for p in grants)


def records_higher_decision(user, proposal, form=None) -> bool:
    """Who records the higher level's decision on a proposal: the provincial reviewer (or an administrator); the
    agency's Office only when the province does not review in this system, or for a central form the province has
    carried up (the centre's decision arrives at the agency)."""
    from .enums import AwardLevel, ProposalStatus

    if reviewer_of_proposal(user, proposal):
        return True
    if not office_of_proposal(user, proposal):
        return False
    if not province_reviews_in_system(proposal.agency_id):
        return True
    return proposal.status == ProposalStatus.FORWARDED and (form is None or form.level == AwardLevel.STATE)
