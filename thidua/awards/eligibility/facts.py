"""The same `Candidate` the rules read, built from the database (issue 11 §2): what the nomination page, the
Office's check and the Council agenda show beside each nomination.

`candidates_for(nominations)` reads a list in a fixed number of queries (the agenda, the consolidated list);
`candidate_for(nomination)` is the one-nomination case. What the database holds:

- the recipient kind, the form's catalogue code, the achievement year (the round's year) and the proposed kind: a
  title is merit; a form takes the kind of the awards its round gives (`AWARD_KIND_OF_ROUND`: yearly → merit,
  sơ kết / tổng kết → thematic, đột xuất → sudden) — a nomination holds no kind of its own;
- the decision date: the date of the decision that lists the nomination (not a cancelled one), else the day of its
  review (`legal.review_day`: its latest Council session, else the round's planned Council day);
- registered: the person's entry in an approved registration for the round's movement and year (True); his unit's
  approved registration without him (False); anything else (no registration recorded, one not yet approved) is
  unknown. A collective: its own approved registration (True), else unknown. A household: unknown;
- ratings: the confirmed ones only (`Rating.confirmed_at`); a proposed, unconfirmed rating leaves its year unknown;
- past awards of the person, unit or household (form code, year, kind, revoked = no longer stands), except those
  made for the nomination itself;
- a person's initiatives, discipline periods, and whether an inquiry (investigation or complaint) is open on the
  decision day. Discipline and inquiries are recorded for people only: for a collective or a household the
  inquiry stays unknown and the discipline list empty (nothing recorded);
- a collective's members in the year: the people of the unit and its sub-units at some time in the year
  (`org.history`, which counts a person without history by his current unit), with their confirmed ratings, their
  standing titles of the year and their discipline. A figure stays unknown when the data cannot give it: the
  completed count while a member has no confirmed rating for the year; a title count while a member without that
  title has a nomination for it in the year that is still undecided."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Q

from thidua.org.history import served_in_any, staff_in_years
from thidua.participation.registrations.enums import RegistrationStatus
from thidua.participation.registrations.models import Registration, RegistrationEntry

from ..enums import (
    AWARD_KIND_OF_ROUND,
    DISCIPLINE_ORDER,
    AwardKind,
    DecisionStatus,
    DisciplineForm,
    Grade,
    NominationStatus,
    RecipientKind,
)
from ..models import AgendaItem, Award, DecisionLine, Discipline, Initiative, Inquiry, Nomination, Rating
from .candidate import Candidate, DisciplinePeriod, InitiativeRecord, Members, PastAward
from .forms import BY_CODE
from .law import CSTD, LDTT

INDIVIDUAL, COLLECTIVE, HOUSEHOLD = RecipientKind.INDIVIDUAL, RecipientKind.COLLECTIVE, RecipientKind.HOUSEHOLD
#: "bị kỷ luật từ cảnh cáo trở lên"
WARNING_RANK = DISCIPLINE_ORDER[DisciplineForm.WARNING]


def candidate_for(nomination: Nomination) -> Candidate:
    return candidates_for([nomination])[nomination.pk]


def proposed_kind(nomination: Nomination) -> str:
    """A title is merit; a form, the kind of the awards its round gives."""
    form = BY_CODE.get(nomination.form.code)
    if form is not None and form.is_title:
        return AwardKind.MERIT
    return AWARD_KIND_OF_ROUND[nomination.review_round.kind]


def _decision_dates(ids: list[int]) -> dict[int, dt.date]:
    """The day that picks the regime: the decision's date, else the latest Council session's, per nomination (the
    round's planned day is the caller's fallback)."""
    days: dict[int, dt.date] = {}
    for nomination_id, held_on in (AgendaItem.objects.filter(nomination_id__in=ids)
                                   .order_by("session__held_on", "id").values_list("nomination_id", "session__held_on")):
        days[nomination_id] = held_on
    for nomination_id, issued_on in (DecisionLine.objects.filter(nomination_id__in=ids)
                                     .exclude(decision__status=DecisionStatus.CANCELLED)
                                     .order_by("decision__issued_on", "id")
                                     .values_list("nomination_id", "decision__issued_on")):
        days[nomination_id] = issued_on
    return days


def _registered(nominations: list[Nomination]) -> dict[int, bool | None]:
    """Per nomination: registered for the round's movement and year (True, False, or None: the data can't tell)."""
    movements = {n.review_round.movement_id for n in nominations}
    years = {n.review_round.year for n in nominations}
    people = {n.person_id for n in nominations if n.recipient == INDIVIDUAL}
    units = {n.unit_id for n in nominations if n.recipient in (INDIVIDUAL, COLLECTIVE)}
    entries = {(person, movement, year): status for person, movement, year, status in RegistrationEntry.objects.filter(
        person_id__in=people, registration__movement_id__in=movements, registration__year__in=years)
        .values_list("person_id", "registration__movement_id", "registration__year", "registration__status")
        .order_by("-registration__status")}  # an approved entry (last) wins over one still waiting
    unit_status = {(unit, movement, year): status for unit, movement, year, status in Registration.objects.filter(
        unit_id__in=units, movement_id__in=movements, year__in=years)
        .values_list("unit_id", "movement_id", "year", "status")}
    approved = RegistrationStatus.APPROVED
    result: dict[int, bool | None] = {}
    for n in nominations:
        key = (n.review_round.movement_id, n.review_round.year)
        if n.recipient == INDIVIDUAL:
            if (n.person_id, *key) in entries:
                # an entry of a registration still waiting (or returned) tells nothing yet
                result[n.pk] = True if entries[(n.person_id, *key)] == approved else None
            else:
                result[n.pk] = False if unit_status.get((n.unit_id, *key)) == approved else None
        elif n.recipient == COLLECTIVE:
            result[n.pk] = True if unit_status.get((n.unit_id, *key)) == approved else None
        else:
            result[n.pk] = None
    return result


def _members(staff: set[int], year: int, ratings, titles, undecided, disciplined) -> Members:
    """The figures of a collective's members in `year`, by set operations (a large unit has thousands):
    `ratings` {year: {person: grade}}, `titles` and `undecided` {(form, year): people}, `disciplined` {year:
    people}."""
    if not staff:
        return Members()  # nobody recorded in the unit that year: every figure unknown
    grades = ratings.get(year, {})
    completed = sum(1 for p in staff if grades[p] != Grade.FAILED) if grades.keys() >= staff else None

    def holders(form: str) -> int | None:
        have = staff & titles.get((form, year), set())
        if (staff - have) & undecided.get((form, year), set()):
            return None
        return len(have)

    return Members(total=len(staff), completed=completed, lao_dong_tien_tien=holders(LDTT),
                   chien_si_thi_dua_co_so=holders(CSTD), disciplined=len(staff & disciplined.get(year, set())))


def candidates_for(nominations) -> dict[int, Candidate]:
    """{nomination id: Candidate} for a list of nominations, in a fixed number of queries whatever its length."""
    ids = [n.pk for n in nominations]
    noms = list(Nomination.objects.filter(pk__in=ids).select_related("review_round", "form", "unit"))
    if not noms:
        return {}
    days = _decision_dates(ids)
    registered = _registered(noms)
    wanted = {(n.unit.path, n.review_round.year) for n in noms if n.recipient == COLLECTIVE}
    staff = staff_in_years(wanted)
    members = set().union(*staff.values()) if staff else set()
    nominees = {n.person_id for n in noms if n.recipient == INDIVIDUAL}
    units = {n.unit_id for n in noms if n.recipient == COLLECTIVE}
    households = {n.household_id for n in noms if n.recipient == HOUSEHOLD}

    person_ratings: dict[int, dict[int, str]] = defaultdict(dict)  # {year: {person: grade}}
    ratings_of: dict[tuple[str, int], dict[int, str]] = defaultdict(dict)
    # a nominee's whole record; of a collective's members only what its years need (their rating, their standing
    # Lao động tiên tiến / Chiến sĩ thi đua cơ sở and discipline of those years): a large unit's members have long
    # records the panel never reads
    member_years = sorted({year for _path, year in wanted})
    member_ids = served_in_any(wanted) if members else None  # a subquery: no list of the members' ids
    of_members = Q(person_id__in=member_ids, year__in=member_years) if members else Q(pk__in=[])
    for person, unit, year, grade in (Rating.objects.filter(confirmed_at__isnull=False)
                                      .filter(Q(person_id__in=nominees) | Q(person__isnull=True, unit_id__in=units)
                                              | of_members)
                                      .values_list("person_id", "unit_id", "year", "grade")):
        if person is not None:
            person_ratings[year][person] = grade
            ratings_of[(INDIVIDUAL, person)][year] = grade
        else:
            ratings_of[(COLLECTIVE, unit)][year] = grade

    awards: dict[tuple[str, int], list[tuple[int | None, PastAward]]] = defaultdict(list)
    titles: dict[tuple[str, int], set[int]] = defaultdict(set)  # (form, year): members holding it, standing
    for recipient, person, unit, household, code, year, kind, revoked_on, nomination_id in (
            Award.objects.filter(Q(person_id__in=nominees) | Q(recipient=COLLECTIVE, unit_id__in=units)
                                 | Q(household_id__in=households))
            .values_list("recipient", "person_id", "unit_id", "household_id", "form__code", "year", "kind",
                         "revoked_on", "nomination_id").order_by("year", "id")):
        past = PastAward(code, year, kind, revoked_on is not None)
        subject = {INDIVIDUAL: (INDIVIDUAL, person), COLLECTIVE: (COLLECTIVE, unit),
                   HOUSEHOLD: (HOUSEHOLD, household)}[recipient]
        awards[subject].append((nomination_id, past))
    if members:
        for person, code, year in (Award.objects.filter(person_id__in=member_ids, recipient=INDIVIDUAL,
                                                        revoked_on__isnull=True, year__in=member_years,
                                                        form__code__in=(LDTT, CSTD))
                                   .values_list("person_id", "form__code", "year")):
            titles[(code, year)].add(person)

    undecided: dict[tuple[str, int], set[int]] = defaultdict(set)  # (form, year): members proposed, not decided
    if members:
        for person, code, year in (Nomination.objects.filter(person_id__in=member_ids, form__code__in=(LDTT, CSTD),
                                                             review_round__year__in=member_years)
                                   .exclude(status=NominationStatus.NOT_AGREED)
                                   .values_list("person_id", "form__code", "review_round__year")):
            undecided[(code, year)].add(person)

    initiatives: dict[int, list[InitiativeRecord]] = defaultdict(list)
    for person, year, level in (Initiative.objects.filter(person_id__in=nominees)
                                .values_list("person_id", "year", "level").order_by("year", "id")):
        initiatives[person].append(InitiativeRecord(year, level))

    discipline: dict[int, list[DisciplinePeriod]] = defaultdict(list)
    members_q = (Q(person_id__in=member_ids, start_date__lte=dt.date(member_years[-1], 12, 31))
                 & (Q(end_date__isnull=True) | Q(end_date__gte=dt.date(member_years[0], 1, 1)))
                 if members else Q(pk__in=[]))
    for person, form, start, end in (Discipline.objects.filter(Q(person_id__in=nominees) | members_q)
                                     .values_list("person_id", "form", "start_date", "end_date")
                                     .order_by("start_date", "id")):
        discipline[person].append(DisciplinePeriod(form, start, end))

    inquiries: dict[int, list[tuple[dt.date, dt.date | None]]] = defaultdict(list)
    for person, start, end in Inquiry.objects.filter(person_id__in=nominees).values_list(
            "person_id", "start_date", "end_date"):
        inquiries[person].append((start, end))

    # {year: the people under a discipline of warning or above at some time in it}, for the members' figures
    disciplined = {year: {person for person, periods in discipline.items()
                          if any(DISCIPLINE_ORDER[p.level] >= WARNING_RANK
                                 and p.overlaps(dt.date(year, 1, 1), dt.date(year, 12, 31)) for p in periods)}
                   for year in member_years}

    result = {}
    for n in noms:
        year = n.review_round.year
        day = days.get(n.pk, n.review_round.council_on)
        subject = {INDIVIDUAL: (INDIVIDUAL, n.person_id), COLLECTIVE: (COLLECTIVE, n.unit_id),
                   HOUSEHOLD: (HOUSEHOLD, n.household_id)}[n.recipient]
        fields = {}
        if n.recipient == INDIVIDUAL:
            fields = {
                "ratings": dict(ratings_of[subject]),
                "initiatives": initiatives[n.person_id], "discipline": discipline[n.person_id],
                # open on the decision day: begun by then, not concluded before it
                "under_investigation": any(start <= day and (end is None or end >= day)
                                           for start, end in inquiries[n.person_id])}
        elif n.recipient == COLLECTIVE:
            fields = {"ratings": dict(ratings_of[subject]),
                      "members": _members(staff[(n.unit.path, year)], year, person_ratings, titles, undecided,
                                          disciplined)}
        result[n.pk] = Candidate(
            id=str(n.pk), form=n.form.code, recipient=n.recipient, year=year, decision_date=day,
            kind=proposed_kind(n), registered=registered[n.pk],
            awards=[past for made_for, past in awards[subject] if made_for != n.pk], **fields)
    return result


__all__ = ["candidate_for", "candidates_for", "proposed_kind"]
