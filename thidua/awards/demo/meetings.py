"""The evaluations and review meetings of the demo (issue 9 §4, §5), loaded after the nominations:

- in every round of ctx.rounds, each unit of the agency scored on the plan's collective criteria, and each
  individual nominee of the round on the individual ones, with the evidence the system holds (real figures);
- the transport unit (the unit of `truongphong`) holds its full review meeting of the 2026 yearly round (the one at work): chair,
  secretary, attendees and one absentee from its staff, a vote on each of its nominations still with the unit —
  one of them below the majority, so that it cannot be sent — and the minutes generated into the dossiers.

Adds only what is missing: a second run changes nothing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from thidua.movements.enums import CriterionTarget
from thidua.movements.models import Criterion
from thidua.org.enums import AGENCY_KINDS, Role
from thidua.org.models import OrgUnit, RoleGrant
from thidua.participation.registrations.services import NON_WORK_UNITS

from ..enums import UNIT_STATES, NominationStatus, RecipientKind
from ..evidence import round_period, suggest_for_person, suggest_for_unit
from ..models import Evaluation, MeetingVote, Nomination, ReviewMeeting, RoundForm
from .draws import ordinals

ROUND_KEYS = ("yearly-2022", "yearly-2023", "yearly-2024", "yearly-2025", "midterm-2023", "final-2025", "yearly-2026")
#: the round at work (the 2026 yearly round of the agency's 2026 movement): its unit meeting still has drafts to vote on
MEETING_ROUND = "yearly-2026"
MEETING_PLACE = "Phòng họp Phòng Quản lý vận tải, phương tiện và người lái"
SELF_ASSESSMENT = ("Trong năm, tôi luôn hoàn thành tốt nhiệm vụ được giao, tích cực tham gia các hoạt động hỗ trợ "
                   "hộ nghèo của đơn vị, ủng hộ Quỹ Vì người nghèo đầy đủ và gương mẫu chấp hành kỷ luật, kỷ cương "
                   "hành chính.")


def _score(max_score: int, seed: int) -> int:
    """A plausible score, the same on every run: 70–100 % of the maximum."""
    return max_score * (70 + (seed * 37) % 31) // 100


def _evidence_text(lines) -> str:
    return "\n".join(str(line) for line in lines)


def _evaluate_round(review_round, units: list[OrgUnit]) -> int:
    if Evaluation.objects.filter(review_round=review_round).exists():
        return 0
    criteria = list(Criterion.objects.filter(movement_id=review_round.movement_id))
    collective = [c for c in criteria if c.target == CriterionTarget.COLLECTIVE]
    individual = [c for c in criteria if c.target == CriterionTarget.INDIVIDUAL]
    start, end = round_period(review_round)
    movement = review_round.movement
    # the seeds are positions, never keys: the keys differ between databases (draws.ordinals)
    criterion_at = ordinals(c.pk for c in criteria)
    unit_at = ordinals(OrgUnit.objects.of_agencies([movement.agency_id]).values_list("id", flat=True))
    rows = []
    for unit in units if collective else []:
        evidence = _evidence_text(suggest_for_unit(unit, movement, start, end))
        for c in collective:
            seed = unit_at.get(unit.pk, 0) * 7 + criterion_at[c.pk] + review_round.year
            rows.append(Evaluation(
                review_round=review_round, criterion=c, unit=unit, evidence=evidence,
                score=_score(c.max_score, seed) if c.max_score is not None else None,
                met=None if c.max_score is not None else seed % 9 != 0,
                note="Đơn vị triển khai đầy đủ, có số liệu minh chứng." if seed % 4 else ""))
    nominees = (Nomination.objects.filter(review_round=review_round, recipient=RecipientKind.INDIVIDUAL)
                .select_related("person", "unit").order_by("id") if individual else [])
    nomination_at = ordinals(nomination.pk for nomination in nominees)
    for nomination in nominees:
        evidence = _evidence_text(suggest_for_person(nomination.person, movement, start, end))
        for c in individual:
            seed = nomination_at[nomination.pk] * 5 + criterion_at[c.pk]
            rows.append(Evaluation(
                review_round=review_round, criterion=c, unit=nomination.unit, nomination=nomination,
                evidence=evidence, score=_score(c.max_score, seed) if c.max_score is not None else None,
                met=None if c.max_score is not None else True))
    Evaluation.objects.bulk_create(rows, batch_size=500)
    return len(rows)


def _transport_head():
    grant = (RoleGrant.objects.filter(role=Role.UNIT_HEAD, is_active=True, user__username="truongphong")
             .select_related("unit", "user").first())
    return (grant.unit, grant.user) if grant else (None, None)


def _extra_draft(review_round, unit, taken: set[int]):
    """A draft nomination of one of the unit's staff, for the nominee below the majority, when the nominations
    area left none with the unit."""
    from thidua.org.models import Person

    offered = (RoundForm.objects.filter(review_round=review_round, form__for_individual=True)
               .select_related("form").order_by("order", "id").first())
    if offered is None:
        return None
    person = (Person.objects.filter(unit=unit, is_active=True).exclude(pk__in=sorted(taken))
              .exclude(user__username="truongphong").order_by("sort_key", "id").last())
    if person is None:
        return None
    return Nomination.objects.create(
        review_round=review_round, unit=unit, agency=review_round.movement.agency,
        recipient=RecipientKind.INDIVIDUAL, person=person, form=offered.form, status=NominationStatus.DRAFT,
        achievement="Tham gia đầy đủ các đợt thăm hỏi, tặng quà hộ nghèo của đơn vị.",
        women_first=person.gender == "female")


def _hold_meeting(ctx, review_round) -> ReviewMeeting | None:
    from ..meetings import attach_minutes, candidates

    unit, head = _transport_head()
    if unit is None or ReviewMeeting.objects.filter(review_round=review_round, unit=unit,
                                                    place=MEETING_PLACE).exists():
        return None
    mine = [n for n in ctx.nominations.values() if getattr(n, "unit_id", None) == unit.pk
            and n.review_round_id == review_round.pk]
    known = {n.pk for n in mine}
    mine += list(Nomination.objects.filter(review_round=review_round, unit=unit).exclude(pk__in=sorted(known)))
    mine = [Nomination.objects.select_related("person", "household", "unit", "form").get(pk=n.pk) for n in mine]
    voted = set(MeetingVote.objects.filter(nomination__in=[n.pk for n in mine]).values_list("nomination_id",
                                                                                             flat=True))
    # the still-open ones, and those sent without any meeting's vote yet (they passed)
    to_vote = [n for n in mine if n.status in UNIT_STATES or n.pk not in voted]
    drafts = [n for n in to_vote if n.status in UNIT_STATES]
    below = drafts[-1] if len(drafts) > 1 else None  # the unit keeps at least one draft it can send
    if below is None:
        below = _extra_draft(review_round, unit, {n.person_id for n in mine if n.person_id})
        if below is not None:
            to_vote.append(below)
    if not to_vote:
        return None
    people = list(candidates(review_round, unit).filter(is_active=True).order_by("sort_key", "id"))
    chair = next((p for p in people if p.user_id == head.pk), people[0] if people else None)
    if chair is None:
        return None
    others = [p for p in people if p.pk != chair.pk]
    secretary = next((p for p in others if p.user and p.user.username == "canbo"), others[0] if others else None)
    if secretary is None:
        return None
    absentees = [p for p in others if p.pk != secretary.pk][-1:] if len(others) >= 3 else []
    attendees = [p for p in people if p not in absentees]
    today = timezone.localdate()
    held_on = min(today, review_round.submit_by) - dt.timedelta(days=5)
    meeting = ReviewMeeting.objects.create(
        review_round=review_round, unit=unit, held_on=held_on, place=MEETING_PLACE, chair=chair,
        secretary=secretary, created_by=head,
        note="Các ý kiến thống nhất với báo cáo thành tích; đề nghị bổ sung số liệu ủng hộ Quỹ Vì người nghèo.")
    meeting.attendees.set(attendees)
    meeting.absentees.set(absentees)
    present = len(attendees)
    for nomination in to_vote:
        if nomination is below:
            agree = present // 2  # half is not more than half
            abstain = 1 if present - agree > 1 else 0
            MeetingVote.objects.create(meeting=meeting, nomination=nomination, agree=agree,
                                       disagree=present - agree - abstain, abstain=abstain)
        else:
            MeetingVote.objects.create(meeting=meeting, nomination=nomination, agree=present - 1 if present > 2
                                       else present, disagree=1 if present > 2 else 0, abstain=0)
        if nomination.recipient == RecipientKind.INDIVIDUAL and nomination.status in UNIT_STATES \
                and not nomination.self_assessment:
            Nomination.objects.filter(pk=nomination.pk).update(self_assessment=SELF_ASSESSMENT)
    attach_minutes(meeting, actor=head)
    return meeting


@transaction.atomic
def load(ctx) -> None:
    """Adds this area's demo records to ctx (ctx.meetings: the meetings it held, by round key)."""
    units = list(OrgUnit.objects.within_agency(ctx.agency).exclude(kind__in=[*AGENCY_KINDS, *NON_WORK_UNITS])
                 .filter(is_active=True).order_by("path"))
    made = 0
    for key in ROUND_KEYS:
        review_round = ctx.rounds.get(key)
        if review_round is not None:
            made += _evaluate_round(review_round, units)
    meetings = getattr(ctx, "meetings", None)
    if meetings is None:
        meetings = {}
        ctx.meetings = meetings
    review_round = ctx.rounds.get(MEETING_ROUND)
    if review_round is not None:
        meeting = _hold_meeting(ctx, review_round)
        if meeting is not None:
            meetings[MEETING_ROUND] = meeting
            ctx.out(f"  họp bình xét {meeting.unit.name} ngày {meeting.held_on:%d/%m/%Y}: "
                    f"{meeting.votes.count()} đề nghị được biểu quyết")
    if made:
        ctx.out(f"  {made} kết quả chấm điểm theo tiêu chí")
