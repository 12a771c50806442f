"""Which commendation records a user sees and acts on: the one scope of `org.scoping` turned into this domain's
querysets. Every list, search and export of the awards domain goes through these.

- administrator: everything;
- the Office (secretariat) of an agency: every round, nomination, session, rating of the agency;
- the Council's members and the agency's leaders: the agency's rounds and sessions, and its nominations once sent
  (not the units' drafts);
- a unit head: his subtree's nominations (drafts included), ratings and meetings; the agency's rounds;
- staff: the nominations of himself; the agency's open rounds;
- the union officer (Công đoàn, Đoàn Thanh niên), who reads the agency's other records (org.scoping), reads here
  only his own and his unit's nominations, and no discipline, inquiry, rating or Council session of others: the
  personnel side of the agency is read by its Office, its Council and its leaders (`_reader_agency_ids`);
- the provincial reviewer: what the agencies of his province proposed upward.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404

from thidua.core.db import int_param
from thidua.org.enums import COUNCIL_ROLES, LEADER_ROLES, Role
from thidua.org.models import OrgUnit, Person
from thidua.org.scoping import get_scope

from .enums import DecisionStatus, NominationStatus, ProposalStatus, RoundStatus
from .models import (
    Award,
    CommentWindow,
    CouncilSession,
    Decision,
    Initiative,
    Nomination,
    Proposal,
    Rating,
    ReviewRound,
)

#: the roles that read an agency's commendation and personnel records in full (besides its Office)
READER_ROLES = COUNCIL_ROLES | LEADER_ROLES


def _id(value) -> int:
    """An id from the URL or the request, or 404 when it is out of a database id's range (core.db.int_param)."""
    number = int_param(value)
    if number is None:
        raise Http404
    return number


def _reader_agency_ids(scope) -> set[int]:
    """The agencies whose commendation and personnel records (sent nominations, sessions, ratings, discipline,
    inquiries, draft decisions, proposals) the user reads in full: those where he is of the Office, the Council or
    the leaders. Not the union officer's agency: he reads the agency (org.scoping) but not these."""
    if "awards_readers" not in scope.cache:
        ids = set(scope.secretariat_agency_ids)
        for grant in scope.grants:
            if grant.role in READER_ROLES and grant.unit is not None and grant.unit.home_agency_id:
                ids.add(grant.unit.home_agency_id)
        scope.cache["awards_readers"] = ids & (scope.read_agency_ids | scope.secretariat_agency_ids)
    return scope.cache["awards_readers"]


def _union_unit_ids(scope) -> list[int]:
    """The units of the user's union-officer grants (the Công đoàn, the Đoàn Thanh niên he works for)."""
    return sorted({g.unit_id for g in scope.grants if g.role == Role.UNION_OFFICER and g.unit_id})


def _round_q(user) -> Q | None:
    scope = get_scope(user)
    if scope.is_admin:
        return None
    return scope.agency_q("movement__agency") & (~Q(status=RoundStatus.DRAFT)
                                                 | Q(movement__agency_id__in=sorted(scope.secretariat_agency_ids)))


def visible_rounds(user) -> QuerySet[ReviewRound]:
    qs = ReviewRound.objects.select_related("movement", "movement__agency")
    q = _round_q(user)
    return qs if q is None else qs.filter(q)


def round_for(user, round_id: int) -> ReviewRound:
    found = visible_rounds(user).filter(pk=_id(round_id)).first()
    if found is None:
        raise Http404
    return found


def _nomination_q(user) -> Q | None:
    scope = get_scope(user)
    if scope.is_admin:
        return None
    q = Q(agency_id__in=sorted(scope.secretariat_agency_ids))
    q |= Q(agency_id__in=sorted(_reader_agency_ids(scope))) & ~Q(status=NominationStatus.DRAFT)
    heads = scope.head_unit_ids()
    if heads:
        q |= Q(unit_id__in=heads)
    union_units = _union_unit_ids(scope)
    if union_units:
        q |= Q(unit_id__in=union_units) & ~Q(status=NominationStatus.DRAFT)
    if scope.own_person_id:
        q |= Q(person_id=scope.own_person_id)
    if scope.province_paths:
        q |= Q(agency_id__in=sorted(scope.reviewed_agency_ids()), status=NominationStatus.AGREED_PROVINCE)
    return q


def visible_nominations(user) -> QuerySet[Nomination]:
    qs = Nomination.objects.select_related("review_round", "unit", "person", "household", "form")
    q = _nomination_q(user)
    return qs if q is None else qs.filter(q)


def nomination_for(user, nomination_id: int) -> Nomination:
    found = visible_nominations(user).filter(pk=_id(nomination_id)).first()
    if found is None:
        raise Http404
    return found


def visible_sessions(user) -> QuerySet[CouncilSession]:
    scope = get_scope(user)
    qs = CouncilSession.objects.select_related("agency")
    if scope.is_admin:
        return qs
    return qs.filter(agency_id__in=sorted(scope.secretariat_agency_ids | _reader_agency_ids(scope)))


def session_for(user, session_id: int) -> CouncilSession:
    found = visible_sessions(user).filter(pk=_id(session_id)).first()
    if found is None:
        raise Http404
    return found


def nominating_units(user) -> QuerySet[OrgUnit]:
    """Units for which the user proposes nominations: his own subtree, or the whole agency for the Office."""
    scope = get_scope(user)
    if scope.is_admin:
        return OrgUnit.objects.all()
    q = Q(pk__in=scope.head_unit_ids())
    if scope.secretariat_agency_ids:
        q |= Q(pk__in=OrgUnit.objects.of_agencies(scope.secretariat_agency_ids).values("id"))
    return OrgUnit.objects.filter(q)


def nominable_people(user) -> QuerySet[Person]:
    """People the user may nominate: those of the units he proposes for."""
    return Person.objects.filter(unit__in=nominating_units(user), is_active=True)


def visible_ratings(user) -> QuerySet[Rating]:
    scope = get_scope(user)
    qs = Rating.objects.select_related("person", "unit")
    if scope.is_admin:
        return qs
    read = _reader_agency_ids(scope)
    agency_units = OrgUnit.objects.of_agencies(read).values("id") if read else OrgUnit.objects.none().values("id")
    heads = scope.head_unit_ids()
    q = Q(person__unit_id__in=agency_units) | Q(unit_id__in=agency_units, person__isnull=True)
    if heads:
        q |= Q(person__unit_id__in=heads) | Q(unit_id__in=heads, person__isnull=True)
    if scope.own_person_id:
        q |= Q(person_id=scope.own_person_id)
    return qs.filter(q)


def visible_person_records(user, model):
    """The discipline, inquiry or initiative records (`model`, each of one person) the user reads: the Office and
    the agency's readers those of the agency's people, a unit head his people's, everybody his own."""
    scope = get_scope(user)
    qs = model.objects.select_related("person", "person__unit")
    if scope.is_admin:
        return qs
    # initiatives are recognised achievements: every reader of the agency; discipline and inquiries are not
    read = (scope.secretariat_agency_ids | scope.read_agency_ids) if model is Initiative else _reader_agency_ids(scope)
    q = Q(pk__in=[])
    if read:
        q |= Q(person__unit_id__in=OrgUnit.objects.of_agencies(read).values("id"))
    heads = scope.head_unit_ids()
    if heads:
        q |= Q(person__unit_id__in=heads)
    if scope.own_person_id:
        q |= Q(person_id=scope.own_person_id)
    return qs.filter(q)


def recorded_people(user) -> QuerySet[Person]:
    """People whose discipline, inquiries and initiatives the user records: the Office's agency's people."""
    scope = get_scope(user)
    if scope.is_admin:
        return Person.objects.all()
    if not scope.secretariat_agency_ids:
        return Person.objects.none()
    return Person.objects.filter(unit__in=OrgUnit.objects.of_agencies(scope.secretariat_agency_ids))


# -- decisions, awards, proposals (issue 10) -------------------------------------------------------------------------

def visible_decisions(user) -> QuerySet[Decision]:
    """The Office, the Council and the leaders of an agency read its decisions, drafts included (the Director signs
    drafts); anyone else of the agency reads the signed and published ones; the provincial reviewer those of his
    province's agencies once signed."""
    scope = get_scope(user)
    qs = Decision.objects.select_related("agency", "review_round")
    if scope.is_admin:
        return qs
    signed = [DecisionStatus.SIGNED, DecisionStatus.PUBLISHED]
    q = Q(agency_id__in=sorted(_reader_agency_ids(scope)))
    q |= Q(agency_id__in=sorted(scope.agency_ids | scope.reviewed_agency_ids()), status__in=signed)
    return qs.filter(q)


def decision_for(user, decision_id: int) -> Decision:
    found = visible_decisions(user).filter(pk=_id(decision_id)).first()
    if found is None:
        raise Http404
    return found


def visible_awards(user) -> QuerySet[Award]:
    """The award history a user reads: the Office and the agency's readers the agency's; a unit head his units'
    (people and collectives); a staff member his own; the provincial reviewer his province's agencies'."""
    scope = get_scope(user)
    qs = Award.objects.select_related("form", "person", "unit", "household")
    if scope.is_admin:
        return qs
    q = Q(agency_id__in=sorted(scope.secretariat_agency_ids | scope.fully_read_agency_ids()))
    heads = scope.head_unit_ids()
    if heads:
        q |= Q(unit_id__in=heads) | Q(person__unit_id__in=heads)
    if scope.own_person_id:
        q |= Q(person_id=scope.own_person_id)
    return qs.filter(q)


def award_for(user, award_id: int) -> Award:
    found = visible_awards(user).filter(pk=_id(award_id)).first()
    if found is None:
        raise Http404
    return found


def public_awards() -> QuerySet[Award]:
    """What the public honour roll shows: awards of published decisions (and recorded higher decisions) that still
    stand. Read by anyone: the pages built on it show names, unit or commune and the form, nothing private."""
    published = Q(decision__status=DecisionStatus.PUBLISHED) | Q(higher_decision__isnull=False)
    return Award.objects.filter(published, revoked_on__isnull=True).select_related("form")


def visible_proposals(user) -> QuerySet[Proposal]:
    """The agency's Office and readers read its proposals; the provincial reviewer those sent by his province's
    agencies (never their drafts)."""
    scope = get_scope(user)
    qs = Proposal.objects.select_related("agency", "review_round")
    if scope.is_admin:
        return qs
    q = Q(agency_id__in=sorted(_reader_agency_ids(scope)))
    reviewed = scope.reviewed_agency_ids()
    if reviewed:
        q |= Q(agency_id__in=sorted(reviewed)) & ~Q(status=ProposalStatus.DRAFT)
    return qs.filter(q)


def proposal_for(user, proposal_id: int) -> Proposal:
    found = visible_proposals(user).filter(pk=_id(proposal_id)).first()
    if found is None:
        raise Http404
    return found


def visible_comment_windows(user) -> QuerySet[CommentWindow]:
    """The public-comment windows whose comments a user triages: those of the proposals of the agencies where he is
    of the Office (the administrator: every one)."""
    scope = get_scope(user)
    qs = CommentWindow.objects.select_related("proposal", "proposal__agency")
    if scope.is_admin:
        return qs
    return qs.filter(proposal__agency_id__in=sorted(scope.secretariat_agency_ids))


def comment_window_for(user, window_id: int) -> CommentWindow:
    found = visible_comment_windows(user).filter(pk=_id(window_id)).first()
    if found is None:
        raise Http404
    return found
