"""Province-scale commendation data for the benchmark (issue 9 "Speed"): for every synthetic agency (code "SYN-…")
the review rounds of its thematic movement (yearly 2022–2025, sơ kết 2023, tổng kết 2025), the task-completion
ratings of every synthetic person and unit for 2022–2025, its Council (accounts for eleven of its leaders, with
their role grants), about `nominations` nominations in every state and about `votes` votes on the Council's
sessions, with agenda items, ballots (re-votes included) and recusals; then (issue 10) the agency's decisions on
what its Council agreed — published, some only signed — with their lines, and about `awards` award records in all:
those of the decisions, and past records imported for 2010–2021 (people, collectives, households).

Everything is bulk-inserted, deterministic for a seed, and in one transaction. The largest synthetic agency's
tổng kết round holds `big_round` nominations the Council agreed: the consolidated list the bench exports.
Run after org.synth and movements.synth."""

from __future__ import annotations

import datetime as dt
import random
import time
from collections import defaultdict
from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Sum
from django.utils import timezone

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.text import fold
from thidua.movements.models import Movement, RewardForm
from thidua.org.enums import AGENCY_KINDS, Gender, Role
from thidua.org.models import OrgUnit, Person, RoleGrant
from thidua.org.synth import SynthRefused
from thidua.participation.models import Household

from . import honour
from .bonus import bonus_for
from .enums import (
    AWARD_KIND_OF_ROUND,
    AwardKind,
    AwardLevel,
    AwardSource,
    DecisionStatus,
    Grade,
    NominationStatus,
    RecipientKind,
    RoundKind,
    RoundStatus,
    SessionStatus,
    VoteChoice,
    VoteMode,
)
from .models import (
    AgendaItem,
    Award,
    Ballot,
    CouncilSession,
    Decision,
    DecisionLine,
    DocumentRegister,
    Nomination,
    NominationStep,
    Rating,
    Recusal,
    ReviewRound,
    RoundForm,
    SessionMember,
    Vote,
)
from .models.decisions import number_label

BATCH = 5000
SYN_PREFIX = "SYN-"
YEARS = (2022, 2023, 2024, 2025)
MEMBERS = 11
S = NominationStatus
#: (key, kind, year, name, status, submit_by, forms (code, within the Director's authority))
YEARLY_FORMS = [("lao-dong-tien-tien", True), ("chien-si-thi-dua-co-so", True), ("giay-khen-giam-doc-so", True),
                ("tap-the-lao-dong-tien-tien", True), ("tap-the-lao-dong-xuat-sac", False)]
PHASE_FORMS = [("giay-khen-giam-doc-so", True), ("bang-khen-chu-tich-ubnd-tinh", False)]
ROUNDS = [
    ("yearly-2022", RoundKind.YEARLY, 2022, "năm 2022", RoundStatus.FINISHED, YEARLY_FORMS),
    ("yearly-2023", RoundKind.YEARLY, 2023, "năm 2023", RoundStatus.FINISHED, YEARLY_FORMS),
    ("midterm-2023", RoundKind.MIDTERM, 2023, "sơ kết 2023", RoundStatus.FINISHED, PHASE_FORMS),
    ("yearly-2024", RoundKind.YEARLY, 2024, "năm 2024", RoundStatus.FINISHED, YEARLY_FORMS),
    ("yearly-2025", RoundKind.YEARLY, 2025, "năm 2025", RoundStatus.OPEN, YEARLY_FORMS),
    ("final-2025", RoundKind.FINAL, 2025, "tổng kết 2021 - 2025", RoundStatus.CLOSED, PHASE_FORMS),
]
#: the states of a round's nominations, with their weights
STATES = {
    RoundStatus.FINISHED: [(S.AGREED_DECISION, 70), (S.AGREED_PROVINCE, 15), (S.NOT_AGREED, 15)],
    RoundStatus.OPEN: [(S.DRAFT, 35), (S.SUBMITTED, 35), (S.RETURNED, 10), (S.ACCEPTED, 20)],
    RoundStatus.CLOSED: [(S.ACCEPTED, 20), (S.ON_AGENDA, 80)],
    RoundStatus.REVIEWED: [(S.AGREED_DECISION, 75), (S.AGREED_PROVINCE, 25)],
}
#: the path a nomination took to its state (the history of NominationStep rows)
PATHS = {
    S.DRAFT: [], S.SUBMITTED: [S.SUBMITTED], S.RETURNED: [S.SUBMITTED, S.RETURNED],
    S.ACCEPTED: [S.SUBMITTED, S.ACCEPTED], S.ON_AGENDA: [S.SUBMITTED, S.ACCEPTED, S.ON_AGENDA],
    S.AGREED_DECISION: [S.SUBMITTED, S.ACCEPTED, S.ON_AGENDA, S.AGREED_DECISION],
    S.AGREED_PROVINCE: [S.SUBMITTED, S.ACCEPTED, S.ON_AGENDA, S.AGREED_PROVINCE],
    S.NOT_AGREED: [S.SUBMITTED, S.ACCEPTED, S.ON_AGENDA, S.NOT_AGREED],
}
GRADES = [(Grade.EXCELLENT, 15), (Grade.GOOD, 60), (Grade.DONE, 22), (Grade.FAILED, 3)]
ACHIEVEMENTS = [
    "Hoàn thành xuất sắc nhiệm vụ được giao; tham gia hỗ trợ {n} hộ nghèo trên địa bàn.",
    "Vận động ủng hộ Quỹ “Vì người nghèo” {m} triệu đồng; tích cực tham gia các phong trào thi đua.",
    "Có sáng kiến cải tiến quy trình công tác được áp dụng tại đơn vị; hoàn thành {n} nhiệm vụ trọng tâm.",
    "Đơn vị dẫn đầu phong trào thi đua; {n} lượt cán bộ tham gia hỗ trợ người nghèo.",
]


HOUSEHOLD_FORM = "giay-khen-giam-doc-so"
HOUSEHOLD_ACHIEVEMENTS = [
    "Hộ gia đình tích cực vươn lên thoát nghèo bền vững; giúp đỡ {n} hộ khác trong thôn.",
    "Hiến {n}0 m² đất làm đường giao thông nông thôn; tích cực tham gia phong trào “Vì người nghèo”.",
]


def _pick(rng: random.Random, weighted):
    return rng.choices([v for v, _w in weighted], weights=[w for _v, w in weighted])[0]


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def _apportion(total: int, weights: list[int]) -> list[int]:
    whole = sum(weights) or 1
    parts = [total * w // whole for w in weights]
    for i in range(total - sum(parts)):
        parts[i % len(parts)] += 1
    return parts


def synth_awards(nominations: int = 20_000, votes: int = 200_000, *, big_round: int = 5000, seed: int = 2679,
                 awards: int = 200_000, out: Callable[[str], object] = print) -> dict:
    started = time.perf_counter()
    rng = random.Random(seed)
    agencies = list(OrgUnit.objects.filter(kind__in=AGENCY_KINDS, code__startswith=SYN_PREFIX).order_by("path"))
    if not agencies:
        raise SynthRefused("Chưa có cơ quan mô phỏng (mã SYN-): hãy chạy tạo dữ liệu mô phỏng tổ chức trước.")
    movements = {m.agency_id: m for m in Movement.objects.filter(agency__in=agencies, code__startswith="syn-",
                                                                  code__endswith="-vnn-2021")}
    if len(movements) < len(agencies):
        raise SynthRefused("Chưa có phong trào mô phỏng của các cơ quan: hãy chạy tạo phong trào mô phỏng trước.")
    if ReviewRound.objects.filter(movement__in=movements.values()).exists():
        raise SynthRefused("Dữ liệu khen thưởng mô phỏng đã có; không tạo thêm.")
    forms = {f.code: f for f in RewardForm.objects.filter(code__in={c for *_r, fs in ROUNDS for c, _a in fs})}
    people_of: dict[int, list[tuple[int, int, str]]] = defaultdict(list)  # agency → (person, unit, gender)
    for pid, unit_id, gender, agency_id in (Person.objects.filter(unit__agency__in=agencies, is_active=True)
                                            .order_by("id").values_list("id", "unit_id", "gender", "unit__agency_id")):
        people_of[agency_id].append((pid, unit_id, gender))
    units_of: dict[int, list[int]] = defaultdict(list)
    for unit_id, agency_id in (OrgUnit.objects.filter(agency__in=agencies, is_active=True)
                               .exclude(kind__in=AGENCY_KINDS).order_by("path").values_list("id", "agency_id")):
        units_of[agency_id].append(unit_id)
    households_of: dict[int, list[int]] = defaultdict(list)
    for hid, agency_id in Household.objects.filter(agency__in=agencies).order_by("id").values_list("id", "agency_id"):
        households_of[agency_id].append(hid)
    counts = {"rounds": 0, "ratings": 0, "nominations": 0, "sessions": 0, "items": 0, "ballots": 0, "votes": 0,
              "recusals": 0, "steps": 0, "decisions": 0, "lines": 0, "awards": 0}
    with transaction.atomic():
        counts["ratings"] = _ratings(people_of, units_of, rng)
        big_agency = max(agencies, key=lambda a: (len(people_of[a.pk]), -a.pk))
        big = min(big_round, nominations // 2)
        rounds = _rounds(agencies, movements, forms, counts, reviewed=(big_agency.pk, "final-2025") if big else None)
        members = _councils(agencies, people_of)
        made = _nominations(agencies, rounds, forms, people_of, units_of, big_agency, big, nominations - big, rng,
                            households_of=households_of)
        counts["nominations"] = len(made)
        counts["steps"] = _steps(made, rounds, rng)
        _council(agencies, rounds, members, made, votes, counts, rng)
        t_awards = time.perf_counter()
        if awards:
            _decisions_and_awards(agencies, rounds, forms, made, people_of, units_of, households_of, awards, counts,
                                  rng)
        counts["awards_seconds"] = round(time.perf_counter() - t_awards, 2)
        for agency in agencies:
            audit.record(AuditAction.IMPORT, agency, actor=None,
                         note=f"Khen thưởng mô phỏng (seed {seed}): đợt xét, xếp loại, đề nghị, phiên họp Hội đồng, "
                              f"quyết định khen thưởng, lịch sử khen thưởng.")
    counts["seconds"] = round(time.perf_counter() - started, 2)
    out(f"Đã sinh {counts['rounds']} đợt xét, {counts['ratings']} xếp loại, {counts['nominations']} đề nghị, "
        f"{counts['sessions']} phiên họp Hội đồng, {counts['votes']} phiếu biểu quyết, {counts['decisions']} quyết định "
        f"khen thưởng, {counts['awards']} khen thưởng trong {counts['seconds']} giây (quyết định và lịch sử khen thưởng: "
        f"{counts['awards_seconds']} giây).")
    return counts


def _ratings(people_of, units_of, rng) -> int:
    confirmed = _aware(dt.date(2026, 1, 15))
    batch, total = [], 0
    for agency_id in sorted(people_of.keys() | units_of.keys()):
        for year in YEARS:
            at = _aware(dt.date(year, 12, 20))
            for pid, _unit, _gender in people_of[agency_id]:
                batch.append(Rating(year=year, person_id=pid, grade=_pick(rng, GRADES), proposed_at=at,
                                    confirmed_at=confirmed))
            for unit_id in units_of[agency_id]:
                batch.append(Rating(year=year, unit_id=unit_id, grade=_pick(rng, GRADES[:3]), proposed_at=at,
                                    confirmed_at=confirmed))
            if len(batch) >= BATCH:
                Rating.objects.bulk_create(batch, batch_size=BATCH)
                total += len(batch)
                batch = []
    Rating.objects.bulk_create(batch, batch_size=BATCH)
    return total + len(batch)


def _rounds(agencies, movements, forms, counts, reviewed=None) -> dict[tuple[int, str], ReviewRound]:
    """Each agency's six rounds; `reviewed` (agency, key): the round the Council has reviewed in full."""
    made = {}
    for agency in agencies:
        for key, kind, year, label, status, _forms in ROUNDS:
            status = RoundStatus.REVIEWED if (agency.pk, key) == reviewed else status
            made[(agency.pk, key)] = ReviewRound(
                movement=movements[agency.pk], kind=kind, year=year, name=f"Đợt xét khen thưởng {label}",
                submit_by=dt.date(year, 12, 10), check_by=dt.date(year, 12, 18), council_on=dt.date(year, 12, 26),
                status=status, opened_at=_aware(dt.date(year, 11, 15)))
    ReviewRound.objects.bulk_create(made.values(), batch_size=BATCH)
    round_forms = []
    for (_agency_id, key), review_round in made.items():
        spec = next(r for r in ROUNDS if r[0] == key)
        for order, (code, authority) in enumerate(spec[5]):
            round_forms.append(RoundForm(review_round=review_round, form=forms[code], within_authority=authority,
                                         order=order))
    RoundForm.objects.bulk_create(round_forms, batch_size=BATCH)
    counts["rounds"] = len(made)
    return made


def _councils(agencies, people_of) -> dict[int, list[tuple[object, int, str]]]:
    """Eleven of each agency's first people get an account and a Council role: (user, person's unit, role)."""
    user_model = get_user_model()
    password = make_password(None)  # unusable: these accounts never sign in
    plan = []
    for agency in agencies:
        for i, (pid, unit_id, _gender) in enumerate(people_of[agency.pk][:MEMBERS]):
            role = (Role.COUNCIL_CHAIR if i == 0 else Role.COUNCIL_VICE_CHAIR if i < 3
                    else Role.COUNCIL_SECRETARY if i == MEMBERS - 1 else Role.COUNCIL_MEMBER)
            plan.append((agency.pk, pid, unit_id, role, user_model(
                username=f"syn-{agency.code.lower()}-hd{i + 1:02d}", password=password, is_active=True)))
    users = user_model.objects.bulk_create([p[4] for p in plan], batch_size=BATCH)
    RoleGrant.objects.bulk_create([RoleGrant(user=u, role=p[3], unit_id=p[0]) for p, u in zip(plan, users,
                                                                                                strict=True)])
    people = Person.objects.in_bulk([p[1] for p in plan])
    for p, u in zip(plan, users, strict=True):
        people[p[1]].user = u
    Person.objects.bulk_update(list(people.values()), ["user"], batch_size=BATCH)
    members: dict[int, list] = defaultdict(list)
    for p, u in zip(plan, users, strict=True):
        members[p[0]].append((u, p[2], p[3]))
    return members


def _nominations(agencies, rounds, forms, people_of, units_of, big_agency, big: int, rest: int, rng,
                 households_of=None):
    """`big` agreed nominations in the largest agency's tổng kết round, `rest` spread over every agency (by its
    staff) and its rounds."""
    plan: list[tuple[int, str]] = [(big_agency.pk, "final-2025")] * big
    shares = _apportion(rest, [max(1, len(people_of[a.pk])) for a in agencies])
    keys = [r[0] for r in ROUNDS]
    weights = [14, 14, 8, 14, 30, 20]
    for agency, share in zip(agencies, shares, strict=True):
        for _ in range(share):
            plan.append((agency.pk, rng.choices(keys, weights=weights)[0]))
    rows = []
    for agency_id, key in plan:
        review_round = rounds[(agency_id, key)]
        round_status = review_round.status
        spec = next(r for r in ROUNDS if r[0] == key)
        state = _pick(rng, STATES[round_status])
        # what the Council agreed for the Director's decision is within his authority, what it sent up is not
        wanted = {S.AGREED_DECISION: True, S.AGREED_PROVINCE: False}.get(state)
        codes = [c for c, a in spec[5] if wanted is None or a == wanted] or [c for c, _a in spec[5]]
        people, units = people_of[agency_id], units_of[agency_id]
        households = (households_of or {}).get(agency_id) or []
        collective = bool(units) and (rng.random() < 0.12 or not people)
        if households and units and not collective and HOUSEHOLD_FORM in codes and rng.random() < 0.04:
            unit_id = units[rng.randrange(len(units))]
            rows.append(Nomination(
                review_round=review_round, unit_id=unit_id, agency_id=agency_id, recipient=RecipientKind.HOUSEHOLD,
                household_id=households[rng.randrange(len(households))], form=forms[HOUSEHOLD_FORM], status=state,
                achievement=rng.choice(HOUSEHOLD_ACHIEVEMENTS).format(n=rng.randint(2, 20)),
                submitted_at=None if state == S.DRAFT else _aware(dt.date(review_round.year, 12, 5)),
                first_submitted_at=None if state == S.DRAFT else _aware(dt.date(review_round.year, 12, 5)),
                return_reason="Bổ sung xác nhận của Ủy ban nhân dân xã." if state == S.RETURNED else ""))
            continue
        if collective:
            unit_id = units[rng.randrange(len(units))]
            form_code = rng.choice([c for c in codes if c.startswith("tap-the")] or codes)
            person_id, women_first, recipient = None, rng.random() < 0.15, RecipientKind.COLLECTIVE
        else:
            person_id, unit_id, gender = people[rng.randrange(len(people))]
            form_code = rng.choice([c for c in codes if not c.startswith("tap-the")]
                                   or [c for c, _a in spec[5] if not c.startswith("tap-the")])
            women_first, recipient = gender == Gender.FEMALE, RecipientKind.INDIVIDUAL
        submitted = _aware(dt.date(review_round.year, 12, rng.randint(1, 10)), rng.randint(8, 16))
        rows.append(Nomination(
            review_round=review_round, unit_id=unit_id, agency_id=agency_id, recipient=recipient, person_id=person_id,
            form=forms[form_code], status=state, women_first=women_first,
            achievement=rng.choice(ACHIEVEMENTS).format(n=rng.randint(2, 40), m=rng.randint(1, 30)),
            submitted_at=None if state == S.DRAFT else submitted,
            first_submitted_at=None if state == S.DRAFT else submitted,
            return_reason="Bổ sung báo cáo thành tích có số liệu cụ thể." if state == S.RETURNED else ""))
    made = []
    for i in range(0, len(rows), BATCH):
        made.extend(Nomination.objects.bulk_create(rows[i:i + BATCH]))
    return made


def _steps(made, rounds, rng) -> int:
    steps, total = [], 0
    for n in made:
        source = S.DRAFT
        at = n.submitted_at
        for target in PATHS[n.status]:
            steps.append(NominationStep(nomination_id=n.pk, source=source, target=target, at=at,
                                        reason=n.return_reason if target == S.RETURNED else ""))
            source, at = target, at + dt.timedelta(days=rng.randint(1, 5))
        if len(steps) >= BATCH:
            NominationStep.objects.bulk_create(steps)
            total += len(steps)
            steps = []
    NominationStep.objects.bulk_create(steps)
    return total + len(steps)


COUNCIL_LATER = {S.ON_AGENDA, S.AGREED_DECISION, S.AGREED_PROVINCE, S.NOT_AGREED}


def _council(agencies, rounds, members, made, votes: int, counts, rng) -> None:
    """A session per round that reached the Council: concluded for the past rounds, voting for tổng kết 2025
    (unless the round is the big reviewed one). Each item gets a ballot, some a re-vote, until `votes` are cast."""
    by_round: dict[int, list[Nomination]] = defaultdict(list)
    for n in made:
        if n.status in COUNCIL_LATER:
            by_round[n.review_round_id].append(n)
    sessions, plan = [], []
    for (agency_id, _key), review_round in rounds.items():
        items = by_round.get(review_round.pk)
        if not items:
            continue
        voting = any(n.status == S.ON_AGENDA for n in items)
        session = CouncilSession(
            agency_id=agency_id, name=f"Phiên họp Hội đồng Thi đua - Khen thưởng xét {review_round.name.lower()}",
            held_on=review_round.council_on, status=SessionStatus.VOTING if voting else SessionStatus.CONCLUDED,
            concluded_at=None if voting else _aware(review_round.council_on, 17))
        sessions.append(session)
        plan.append((session, agency_id, items))
    CouncilSession.objects.bulk_create(sessions, batch_size=BATCH)
    counts["sessions"] = len(sessions)
    member_rows = []
    for session, agency_id, _items in plan:
        for user, _unit, role in members[agency_id]:
            member_rows.append(SessionMember(session=session, user=user, role=role, present=rng.random() < 0.9))
    SessionMember.objects.bulk_create(member_rows, batch_size=BATCH)
    seated = defaultdict(list)
    for m in member_rows:
        seated[m.session_id].append(m)
    unit_of = {u.pk: unit for a in members.values() for u, unit, _r in a}
    item_rows = []
    for session, _agency_id, items in plan:
        for order, n in enumerate(items, start=1):
            item_rows.append(AgendaItem(session=session, nomination_id=n.pk, order=order,
                                        result="" if n.status == S.ON_AGENDA else n.status))
    AgendaItem.objects.bulk_create(item_rows, batch_size=BATCH)
    counts["items"] = len(item_rows)
    status_of = {n.pk: (n.status, n.unit_id) for n in made}
    # one ballot per item; re-votes on some concluded items (more when the votes need more ballots)
    concluded = [i for i in item_rows if i.result]
    wanted = max(votes // (MEMBERS - 1) - len(item_rows), len(concluded) // 20)
    revoted = {item.pk for item in rng.sample(concluded, min(wanted, len(concluded)))}
    ballots, recusals = [], []
    for item in item_rows:
        status, unit_id = status_of[item.nomination_id]
        for m in seated[item.session_id]:
            if unit_of.get(m.user_id) == unit_id:
                recusals.append(Recusal(item=item, member=m, reason="Cùng đơn vị với tập thể, cá nhân được đề nghị"))
        numbers = [1, 2] if item.pk in revoted else [1]
        for number in numbers:
            last = number == numbers[-1]
            closed = None if (status == S.ON_AGENDA and last) else _aware(dt.date(2025, 12, 26), 10 + number)
            ballots.append(Ballot(item=item, number=number, closed_at=closed,
                                  reason="Biểu quyết lại theo đề nghị của Chủ tịch Hội đồng" if number > 1 else ""))
    Recusal.objects.bulk_create(recusals, batch_size=BATCH)
    counts["recusals"] = len(recusals)
    for i in range(0, len(ballots), BATCH):
        Ballot.objects.bulk_create(ballots[i:i + BATCH])
    counts["ballots"] = len(ballots)
    recused = {(r.item_id, r.member_id) for r in recusals}
    secretary = {}
    for m in member_rows:
        if m.role == Role.COUNCIL_SECRETARY:
            secretary[m.session_id] = m.user_id
    item_of = {i.pk: i for i in item_rows}
    # the votes spread evenly over the ballots, the open ones first (where some members have not voted yet):
    # what a ballot cannot take (recused members, members still to vote) passes to the next
    order = sorted(ballots, key=lambda b: (b.closed_at is not None, b.pk))
    pending, cast, carry = [], 0, 0
    for i, ballot in enumerate(order):
        item = item_of[ballot.item_id]
        status, _unit = status_of[item.nomination_id]
        eligible = [m for m in seated[item.session_id] if (item.pk, m.pk) not in recused]
        cap = len(eligible) if ballot.closed_at else len(eligible) * 6 // 10
        want = votes * (i + 1) // len(order) - votes * i // len(order) + carry
        take = min(want, cap)
        carry = want - take
        agree_share = {S.NOT_AGREED: 0.3, S.ON_AGENDA: 0.8}.get(status, 0.92)
        for m in rng.sample(eligible, take):
            choice = (VoteChoice.AGREE if rng.random() < agree_share
                      else VoteChoice.DISAGREE if rng.random() < 0.7 else VoteChoice.ABSTAIN)
            mode = VoteMode.ONLINE if m.present else VoteMode.WRITTEN
            pending.append(Vote(ballot=ballot, member=m, choice=choice, mode=mode,
                                recorded_by_id=m.user_id if m.present else secretary.get(m.session_id, m.user_id)))
            cast += 1
        if len(pending) >= BATCH:
            Vote.objects.bulk_create(pending)
            pending = []
    Vote.objects.bulk_create(pending)
    counts["votes"] = cast


def largest_consolidated_round() -> ReviewRound | None:
    """The round whose consolidated list is the longest (the big synthetic one at province scale)."""
    row = (Nomination.objects.filter(status__in=[S.ACCEPTED, S.ON_AGENDA, S.AGREED_DECISION, S.AGREED_PROVINCE])
           .values("review_round_id").annotate(n=Count("id")).order_by("-n", "review_round_id").first())
    return ReviewRound.objects.select_related("movement", "movement__agency").get(pk=row["review_round_id"]) \
        if row else None


# -- decisions and the award history (issue 10) ---------------------------------------------------------------------

#: the rounds whose agreed nominations became the Director's decisions: published, except some only signed
DECIDED = {RoundStatus.FINISHED, RoundStatus.REVIEWED}
#: the lines of one decision: the first of a form holds 1 000 awardees (the bench prints its certificates), the
#: next 500 (the bench writes its DOCX and PDF), then 500 each
CHUNKS = (1000, 500)
CHUNK = 500
IMPORT_YEARS = range(2010, 2022)
#: past records (imported): the form's code, its level, whom it is for, with weights
PAST_INDIVIDUAL = [("lao-dong-tien-tien", AwardLevel.AGENCY, 50), ("chien-si-thi-dua-co-so", AwardLevel.AGENCY, 18),
                   ("giay-khen-giam-doc-so", AwardLevel.AGENCY, 26), ("bang-khen-chu-tich-ubnd-tinh",
                                                                      AwardLevel.PROVINCE, 6)]
PAST_COLLECTIVE = [("tap-the-lao-dong-tien-tien", AwardLevel.AGENCY, 60), ("giay-khen-giam-doc-so", AwardLevel.AGENCY, 25),
                   ("tap-the-lao-dong-xuat-sac", AwardLevel.PROVINCE, 15)]
PROVINCE_AUTHORITY = "Chủ tịch Ủy ban nhân dân tỉnh Cao Bằng"


def head_of(agency_name: str) -> str:
    """Who signs the agency's decisions: "Giám đốc Sở …", "Chủ tịch Ủy ban nhân dân …"."""
    return f"Giám đốc {agency_name}" if agency_name.startswith("Sở ") else f"Chủ tịch {agency_name}"


def award_search_key(name: str, form_name: str, number: str, unit_name: str) -> str:
    """What `Award.save()` stores in `search_key` (bulk_create skips save())."""
    return fold(" ".join([name, form_name, number, unit_name]))[:600]


def _chunks(items: list) -> list[list]:
    out, i, sizes = [], 0, list(CHUNKS)
    while i < len(items):
        size = sizes.pop(0) if sizes else CHUNK
        out.append(items[i:i + size])
        i += size
    return out


def _decisions_and_awards(agencies, rounds, forms, made, people_of, units_of, households_of, total: int, counts,
                          rng) -> None:
    """The decisions on every decided round's agreed nominations (with their lines and awards), then past records
    imported for 2010–2021 until `total` awards are made."""
    person_info = {pid: (name, position) for pid, name, position in
                   Person.objects.filter(unit__agency__in=agencies).values_list("id", "full_name", "position")}
    unit_name = dict(OrgUnit.objects.filter(agency__in=agencies).values_list("id", "name"))
    unit_name.update({a.pk: a.name for a in agencies})
    household_name = dict(Household.objects.filter(agency__in=agencies).values_list("id", "head_name"))
    agency_of_round = {r.pk: agency_id for (agency_id, _key), r in rounds.items()}
    round_by_pk = {r.pk: r for r in rounds.values()}
    within = {(rf.review_round_id, rf.form_id) for rf in RoundForm.objects.filter(
        review_round__in=list(rounds.values()), within_authority=True)}
    signer = {a.pk: (person_info.get(people_of[a.pk][0][0], ("", ""))[0] if people_of[a.pk] else "") for a in agencies}
    by_group: dict[tuple[int, int], list[Nomination]] = defaultdict(list)
    for n in made:
        review_round = round_by_pk[n.review_round_id]
        if (n.status == S.AGREED_DECISION and review_round.status in DECIDED
                and (n.review_round_id, n.form_id) in within):
            by_group[(n.review_round_id, n.form_id)].append(n)
    form_by_pk = {f.pk: f for f in forms.values()}
    bonuses: dict[tuple, tuple] = {}

    def bonus(form, recipient, day):
        key = (form.pk, recipient, day)
        if key not in bonuses:
            try:
                found = bonus_for(form, recipient, day)
                bonuses[key] = (found.amount, found.coefficient, found.regime, found.base_salary)
            except ValidationError:  # a form without a figure for that recipient in the seeded law: no money, as printed
                bonuses[key] = (0, None, None, None)
        return bonuses[key]

    numbers: dict[tuple[int, int], int] = defaultdict(int)
    plan = []  # (decision, nominations)
    for (round_id, form_id), group in sorted(by_group.items()):
        review_round = round_by_pk[round_id]
        agency_id = agency_of_round[round_id]
        form = form_by_pk[form_id]
        day = review_round.council_on + dt.timedelta(days=4)
        for part in _chunks(group):
            numbers[(agency_id, day.year)] += 1
            published = review_round.status == RoundStatus.REVIEWED or rng.random() < 0.9
            amount, _c, regime, salary = bonus(form, RecipientKind.INDIVIDUAL, day)
            decision = Decision(
                agency_id=agency_id, review_round=review_round, year=day.year, number=numbers[(agency_id, day.year)],
                issued_on=day, title=f"Về việc tặng {form.name} {review_round.name.removeprefix('Đợt xét khen thưởng ')}",
                regime=regime, base_salary=salary, money_source="Quỹ thi đua, khen thưởng của cơ quan năm "
                f"{day.year}.", execution_clause="Chánh Văn phòng, Thủ trưởng các đơn vị và các tập thể, cá nhân có "
                "tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.", recipients_text="Như Điều 3;\nLưu: VT, TĐKT.",
                signer_name=signer[agency_id],
                status=DecisionStatus.PUBLISHED if published else DecisionStatus.SIGNED,
                signed_at=_aware(day, 15), published_at=_aware(day + dt.timedelta(days=2), 9) if published else None)
            plan.append((decision, part, form))
    Decision.objects.bulk_create([d for d, _p, _f in plan], batch_size=BATCH)
    registers = [DocumentRegister(agency_id=agency_id, year=year, doc_type="QĐ", last_number=last)
                 for (agency_id, year), last in sorted(numbers.items())]
    DocumentRegister.objects.bulk_create(registers, batch_size=BATCH)
    code = {a.pk: a.code for a in agencies}
    agency_name = {a.pk: a.name for a in agencies}
    lines, rows = [], []
    for decision, part, form in plan:
        label = number_label(decision.number, decision.doc_type, code[decision.agency_id])
        review_round = round_by_pk[decision.review_round_id]
        total_amount = 0
        for order, n in enumerate(part, start=1):
            if n.recipient == RecipientKind.INDIVIDUAL:
                name, position = person_info[n.person_id]
                where = unit_name.get(n.unit_id, "")
            elif n.recipient == RecipientKind.HOUSEHOLD:
                name, position, where = f"Hộ ông (bà) {household_name[n.household_id]}", "", ""
            else:
                name, position, where = unit_name[n.unit_id], "", agency_name[decision.agency_id]
            amount, coefficient, _r, _s = bonus(form, n.recipient, decision.issued_on)
            total_amount += amount
            lines.append(DecisionLine(
                decision=decision, nomination_id=n.pk, form=form, recipient=n.recipient, person_id=n.person_id,
                unit_id=n.unit_id if n.recipient != RecipientKind.HOUSEHOLD else None, household_id=n.household_id,
                name=name, position=position, unit_name=where, achievement=n.achievement, coefficient=coefficient,
                amount=amount, order=order))
            rows.append(Award(
                agency_id=decision.agency_id, recipient=n.recipient, person_id=n.person_id,
                unit_id=n.unit_id if n.recipient != RecipientKind.HOUSEHOLD else None, household_id=n.household_id,
                name=name, position=position, unit_name=where, form=form, level=AwardLevel.AGENCY,
                kind=AWARD_KIND_OF_ROUND[review_round.kind], year=review_round.year, achievement=n.achievement,
                amount=amount, decision_number=label, decision_date=decision.issued_on,
                authority=head_of(agency_name[decision.agency_id]), source=AwardSource.DECISION,
                decision=decision, nomination_id=n.pk, movement_id=review_round.movement_id,
                search_key=award_search_key(name, form.name, label, where)))
        decision.total_amount = total_amount
    Decision.objects.bulk_update([d for d, _p, _f in plan], ["total_amount"], batch_size=BATCH)
    for i in range(0, len(lines), BATCH):
        DecisionLine.objects.bulk_create(lines[i:i + BATCH])
    counts["decisions"], counts["lines"] = len(plan), len(lines)
    made_awards = _bulk_awards(rows)
    rows = []
    # past records, imported: spread over the agencies by their staff
    rest = max(0, total - made_awards)
    shares = _apportion(rest, [max(1, len(people_of[a.pk])) for a in agencies])
    for agency, share in zip(agencies, shares, strict=True):
        people, units, households = people_of[agency.pk], units_of[agency.pk], households_of.get(agency.pk) or []
        past_numbers = {year: sorted(rng.sample(range(5, 400), 12)) for year in IMPORT_YEARS}
        for _ in range(share):
            year = rng.choice(IMPORT_YEARS)
            draw = rng.random()
            if (draw < 0.08 or not people) and units:
                unit_id = units[rng.randrange(len(units))]
                code_, level = _weighted_form(rng, PAST_COLLECTIVE)
                recipient, person_id, household_id = RecipientKind.COLLECTIVE, None, None
                name, position, where = unit_name[unit_id], "", agency.name
            elif draw < 0.10 and households:
                household_id = households[rng.randrange(len(households))]
                code_, level, unit_id, person_id = HOUSEHOLD_FORM, AwardLevel.AGENCY, None, None
                recipient = RecipientKind.HOUSEHOLD
                name, position, where = f"Hộ ông (bà) {household_name[household_id]}", "", ""
            elif people:
                person_id, unit_id, _gender = people[rng.randrange(len(people))]
                code_, level = _weighted_form(rng, PAST_INDIVIDUAL)
                recipient, household_id = RecipientKind.INDIVIDUAL, None
                name, position = person_info[person_id]
                where = unit_name.get(unit_id, "")
            else:
                continue
            form = forms[code_]
            if level == AwardLevel.PROVINCE:
                label, authority = f"{rng.randint(1000, 2600)}/QĐ-UBND", PROVINCE_AUTHORITY
            else:
                label, authority = f"{rng.choice(past_numbers[year])}/QĐ-{agency.code}", head_of(agency.name)
            rows.append(Award(
                agency_id=agency.pk, recipient=recipient, person_id=person_id, unit_id=unit_id,
                household_id=household_id, name=name, position=position, unit_name=where, form=form, level=level,
                kind=AwardKind.MERIT if form.is_title else rng.choice([AwardKind.MERIT, AwardKind.THEMATIC]),
                year=year, decision_number=label, decision_date=dt.date(year, 12, rng.randint(15, 31)),
                authority=authority, source=AwardSource.IMPORT,
                search_key=award_search_key(name, form.name, label, where)))
            if len(rows) >= BATCH:
                made_awards += _bulk_awards(rows)
                rows = []
    made_awards += _bulk_awards(rows)
    # a few awards revoked since (thu hồi): they no longer stand, the honour roll leaves them out
    revoked = sorted(rng.sample(range(made_awards), min(made_awards, made_awards // 500)))
    if revoked:
        ids = list(Award.objects.filter(agency__in=agencies).order_by("id").values_list("id", flat=True))
        Award.objects.filter(pk__in=[ids[i] for i in revoked]).update(
            revoked_on=dt.date(2026, 3, 2), revoked_reason="Thu hồi do phát hiện kê khai thành tích không đúng.")
    # the public honour roll's kept counts: once per movement and year, the bulk rows having skipped the services
    honour.refresh_rolls(honour.rolls_of(Award.objects.filter(agency__in=agencies)))
    counts["awards"] = made_awards


def _weighted_form(rng, weighted) -> tuple[str, str]:
    code_, level, _w = rng.choices(weighted, weights=[w for *_x, w in weighted])[0]
    return code_, level


def _bulk_awards(rows: list[Award]) -> int:
    """Insert award rows; each got its unguessable `token` from the field's default when it was built (random,
    not from the seed: a verification link is never derivable)."""
    for i in range(0, len(rows), BATCH):
        Award.objects.bulk_create(rows[i:i + BATCH])
    return len(rows)


def largest_honour_roll() -> tuple[int, int] | None:
    """The (movement, year) whose public honour roll is the longest (the big synthetic one at province scale)."""
    from .models import HonourRollCount

    row = (HonourRollCount.objects.order_by().values("movement_id", "year").annotate(n=Sum("count"))
           .order_by("-n", "movement_id", "year").first())
    return (row["movement_id"], row["year"]) if row else None
