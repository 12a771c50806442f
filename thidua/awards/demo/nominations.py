"""The nominations part of the demo (issue 9 §10): in each review round the rounds area made (ctx.rounds), the
demo agency's units propose persons, units and a household; each dossier is generated (DOCX) as a unit would;
the unit's review meeting is recorded; and the nominations are taken along the path through the transition
function to every unit-side and Office-side state: drafts, submitted, returned with a reason, accepted.

The steps are dated inside the round's submission period (core.clock.replay: from its opening to its deadline),
so the history reads as it happened and the deadline checks judge by that day. A round that is not open is left
alone: a nomination is only ever moved by `services.move_nomination`, which would refuse it. Each nomination is
registered once on ctx.nominations: by its bare name ("accepted-1", "returned-1", …) in the first round of ROUND_KEYS that takes dossiers (the 2026
yearly round, the one at work), as "<round key>/<name>" ("yearly-2023/accepted-1") in the others."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.core.clock import replay
from thidua.org.enums import Role
from thidua.org.history import staff_on
from thidua.org.models import OrgUnit, RoleGrant

ROUND_KEYS = ["yearly-2026", "yearly-2025", "final-2025", "yearly-2024", "midterm-2023", "yearly-2023", "yearly-2022"]
RETURN_REASON = ("Báo cáo thành tích chưa nêu số liệu cụ thể về số hộ nghèo được hỗ trợ trong năm; đề nghị đơn vị "
                 "bổ sung rồi gửi lại.")
#: what a unit and the Office write when a demo nomination goes on past a rule it does not meet (issue 11 §2): the
#: rules not met, named with what the system found, then the reason ({rules}: "“tiêu chí” (dữ kiện)")
UNIT_JUSTIFICATION = ("Tiêu chí chưa đạt: {rules}. Đơn vị vẫn đề nghị vì thành tích nổi bật trong phong trào “Vì "
                      "người nghèo – Không để ai bị bỏ lại phía sau”; các giấy tờ chứng minh cho tiêu chí này đang "
                      "được bổ sung vào hồ sơ, đề nghị Hội đồng xem xét cùng thành tích trong năm.")
OFFICE_JUSTIFICATION = ("Văn phòng đã đối chiếu hồ sơ với giải trình của đơn vị: {rules} vẫn chưa đạt theo dữ liệu "
                        "của hệ thống; nêu rõ để Hội đồng Thi đua - Khen thưởng xem xét, quyết định.")


def justified(nomination, to_state: str) -> str:
    """The demo's justification for moving `nomination` to `to_state` when it goes on past a not-met rule, naming
    the rules not met and what was found; else empty (a justification only where one is needed)."""
    from .. import services
    from ..eligibility.checks import NOT_MET
    from ..eligibility_panel import panel_for
    from ..enums import NominationStatus

    if not services.needs_justification(nomination, to_state):
        return ""
    panel = panel_for(nomination, justifications=False)
    rules = "; ".join(f"“{r.rule}” ({r.detail.rstrip('.')})" if r.detail else f"“{r.rule}”"
                      for r in panel.rules if r.counts and r.result == NOT_MET)
    template = OFFICE_JUSTIFICATION if to_state == NominationStatus.ACCEPTED else UNIT_JUSTIFICATION
    return template.format(rules=rules)[: services.JUSTIFICATION_MAX]


#: (opening, the clauses that carry a figure — only those whose figure is not zero are written, closing)
ACHIEVEMENTS = {
    "individual": ("Hoàn thành xuất sắc nhiệm vụ được giao",
                   [("activities", "tham gia {activities} hoạt động hỗ trợ người nghèo"),
                    ("contributed", "ủng hộ Quỹ “Vì người nghèo” {contributed} đồng")],
                   "vận động cán bộ trong đơn vị cùng tham gia phong trào."),
    "collective": ("Đơn vị hoàn thành xuất sắc nhiệm vụ năm",
                   [("activities", "tổ chức {activities} hoạt động"),
                    ("households", "hỗ trợ {households} hộ nghèo, cận nghèo"),
                    ("value", "tổng giá trị hỗ trợ {value} đồng")],
                   "100% cán bộ ủng hộ ngày lương cho Quỹ “Vì người nghèo”."),
    "household": ("Hộ tích cực lao động sản xuất, vươn lên thoát nghèo bền vững",
                  [("activities", "tham gia {activities} hoạt động của phong trào tại thôn")],
                  "giúp đỡ các hộ khác trong thôn cùng phát triển kinh tế."),
}


def _users(agency):
    from django.contrib.auth import get_user_model

    office = RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).select_related("user")
    office = office.first()
    heads = {g.unit_id: g.user for g in RoleGrant.objects.filter(role=Role.UNIT_HEAD, is_active=True,
                                                                 unit__agency=agency).select_related("user")}
    admin = get_user_model().objects.filter(is_superuser=True).order_by("id").first()
    return (office.user if office else admin), heads


class _Days:
    """Moments inside the round's submission period, one after another, spread evenly up to its deadline (or up to
    three days ago when the deadline is still ahead), office hours."""

    def __init__(self, review_round, steps: int):
        today = timezone.localdate()
        # a round at work: done three days ago, so that the Council's session of today can take them
        last = min(review_round.submit_by, today - dt.timedelta(days=3))
        first = timezone.localtime(review_round.opened_at).date() if review_round.opened_at else last - dt.timedelta(days=30)
        first = min(first, last)
        span = (last - first).days
        self.moments = [(first + dt.timedelta(days=span * i // max(steps, 1)), 8 + (i * 3) % 9)
                        for i in range(steps + 1)]
        self.i = 0

    def next(self):
        day, hour = self.moments[min(self.i, len(self.moments) - 1)]
        self.i += 1
        return replay(day, hour=hour)


def _round_form(review_round, *, recipient: str, title: bool | None = None):
    flag = {"individual": "for_individual", "collective": "for_collective", "household": "for_household"}[recipient]
    # the forms the Director decides and without a quota first: a unit proposes those most
    offered = sorted(review_round.forms.select_related("form"),
                     key=lambda rf: (not rf.within_authority, rf.quota is not None, rf.order, rf.pk))
    for rf in offered:
        if getattr(rf.form, flag) and (title is None or rf.form.is_title == title):
            return rf.form
    return None


def _upward_form(review_round, *, recipient: str):
    """A form of the round the Director does not decide (proposed upward: Tập thể lao động xuất sắc, Bằng khen of
    the provincial Chairman), for the recipient kind."""
    flag = {"individual": "for_individual", "collective": "for_collective"}[recipient]
    for rf in review_round.forms.select_related("form").order_by("order", "id"):
        if not rf.within_authority and getattr(rf.form, flag):
            return rf.form
    return None


def _minutes_file(nomination, meeting, vote):
    """The signed minutes of the unit's meeting, as the unit would scan or save them (a DOCX here)."""
    from thidua.documents.nd30 import AdminDocument, Block, build_docx

    from ..dossier import CheckedDossierFile

    doc = AdminDocument(
        governing_body=nomination.agency.name.upper(), issuing_body=nomination.unit.name.upper(), number="",
        place="Cao Bằng", issued_on=meeting.held_on, doc_type="BIÊN BẢN",
        title=f"Họp bình xét thi đua, khen thưởng — {nomination.review_round.name}",
        body=[Block("paragraph", f"Chủ trì: {meeting.chair.full_name}; thư ký: {meeting.secretary.full_name}; "
                                 f"số người dự họp: {meeting.attendees.count()}."),
              Block("item", f"- {nomination.nominee_name} — {nomination.form.name}: {vote.agree} đồng ý, "
                            f"{vote.disagree} không đồng ý, {vote.abstain} không biểu quyết.")],
        signer_title="CHỦ TRÌ", signer_name=meeting.chair.full_name)
    return CheckedDossierFile(f"bien-ban-hop-binh-xet-{nomination.pk}.docx", build_docx(doc), "docx")


def _meeting(review_round, unit, held_on):
    from ..models import ReviewMeeting

    meeting = ReviewMeeting.objects.filter(review_round=review_round, unit=unit).first()
    if meeting is not None:
        return meeting
    staff = list(staff_on(unit.path, held_on).order_by("sort_key", "id")[:12])
    if len(staff) < 2:
        return None
    meeting = ReviewMeeting.objects.create(review_round=review_round, unit=unit, held_on=held_on, chair=staff[0],
                                           secretary=staff[1], place="Phòng họp tầng 2, trụ sở Sở",
                                           note="Bình xét các đề nghị gửi Văn phòng trong đợt.")
    meeting.attendees.set(staff)
    return meeting


def _prepare(nomination, meeting, actor) -> None:
    """The unit meeting's vote and the dossier's parts (generated as DOCX, the minutes as the unit's file)."""
    from .. import dossier, dossier_docs
    from ..enums import DossierPart
    from ..models import MeetingVote

    present = meeting.attendees.count()
    vote, _created = MeetingVote.objects.get_or_create(
        meeting=meeting, nomination=nomination,
        defaults={"agree": present - 1 if present > 2 else present, "disagree": 1 if present > 2 else 0})
    for item in dossier.missing_items(nomination):
        if item.part in dossier_docs.GENERATED_PARTS:
            dossier_docs.generate(nomination, item.part, actor=actor)
        elif item.part == DossierPart.UNIT_MINUTES:
            dossier.add_file(nomination, item.part, _minutes_file(nomination, meeting, vote), actor=actor)


def _achievement(recipient: str, nomination_stub) -> str:
    from thidua.core.money import group_digits

    from ..dossier import evidence_figures

    figures = evidence_figures(nomination_stub)
    opening, clauses, closing = ACHIEVEMENTS[recipient]
    values = {"activities": figures.activities, "households": figures.households, "value": figures.value,
              "contributed": figures.contributed}
    said = [text.format(**{name: group_digits(values[name])}) for name, text in clauses if values[name]]
    return "; ".join([opening, *said, closing])


def _make(review_round, data, actor):
    from .. import nominating
    from ..models import Nomination

    stub = Nomination(review_round=review_round, recipient=data.recipient, person=data.person,
                      unit=data.unit or (data.person.unit if data.person else None), household=data.household,
                      form=data.form)
    data.achievement = _achievement(data.recipient, stub)
    return nominating.create_nomination(review_round, data, actor=actor)


def load(ctx) -> None:
    """Adds this area's demo records to ctx: the nominations of every round of ctx.rounds that takes dossiers."""
    for key in ROUND_KEYS:
        review_round = ctx.rounds.get(key)
        if review_round is not None:
            load_round(ctx, key, review_round)


def load_round(ctx, key: str, review_round) -> int:
    """The nominations of one round, made while it takes dossiers (the rounds' demo may call this inside its own
    replayed timeline, while the round is open); a round loaded before is only registered on ctx. Returns how
    many were made."""
    from ..enums import RoundStatus

    if review_round.nominations.exists():  # loaded before: register what is there
        for n in review_round.nominations.order_by("id"):
            ctx.nominations.setdefault(f"{key}/{n.pk}", n)
        return 0
    if review_round.status != RoundStatus.OPEN:
        ctx.out(f"Đợt xét {review_round.name} không nhận hồ sơ lúc nạp dữ liệu mẫu: không tạo đề nghị.")
        return 0
    office, heads = _users(ctx.agency)
    if office is None:
        return 0
    first = not any("/" not in name for name in ctx.nominations)
    with transaction.atomic():
        made = _load_round(ctx, key, review_round, office, heads, first=first)
    ctx.out(f"Đã tạo {made} đề nghị khen thưởng mẫu trong {review_round.name}.")
    return made


def _people_of(review_round, unit, day, n: int):
    """(the unit's own staff, those of them registered for the movement and year), n of each."""
    from thidua.participation.registrations.services import is_registered

    staff = list(staff_on(unit.path, day, subtree=False).filter(is_active=True).order_by("sort_key", "id"))
    registered = [p for p in staff if is_registered(p, review_round.movement, review_round.year)]
    return staff[:n], registered[:n]


def _load_round(ctx, key: str, review_round, office, heads, *, first: bool) -> int:
    from thidua.participation.models import Household

    from .. import dossier_docs, nominating, services
    from ..enums import DossierPart, RecipientKind
    from ..enums import NominationStatus as S

    agency = ctx.agency
    units = list(OrgUnit.objects.within_agency(agency).filter(is_active=True).order_by("path"))
    head_units = [u for u in units if u.pk in heads]
    main = head_units[0] if head_units else (units[0] if units else None)
    if main is None:
        return 0
    main_head = heads.get(main.pk, office)
    others = [u for u in units if u.pk != main.pk and not u.is_in(main)][:2]
    individual_form = _round_form(review_round, recipient="individual", title=False)
    title_form = _round_form(review_round, recipient="individual", title=True)
    # a yearly round's titles: Lao động tiên tiến, and Chiến sĩ thi đua cơ sở for some; the unit's Tập thể lao động
    # tiên tiến rather than a Giấy khen
    higher_title = next((rf.form for rf in review_round.forms.select_related("form")
                         if rf.form.code == "chien-si-thi-dua-co-so" and rf.within_authority), None)
    collective_form = (_round_form(review_round, recipient="collective", title=True)
                       or _round_form(review_round, recipient="collective"))
    household_form = _round_form(review_round, recipient="household")
    day = min(review_round.submit_by, timezone.localdate())
    plan = []  # (data, actor, unit, target)
    staff, registered = _people_of(review_round, main, day, 6)
    from . import PAST_ROUNDS

    # the 2026 round is at work: its nominations stand in every state; a past round's were all sent and accepted
    past = key in PAST_ROUNDS
    targets = [S.ACCEPTED] if past else [S.DRAFT, S.SUBMITTED, S.RETURNED, S.ACCEPTED, S.ACCEPTED, S.DRAFT]
    for i, person in enumerate(staff):
        form = title_form if (title_form and i % 2 == 0 and person in registered) else individual_form
        if form is title_form and higher_title is not None and i % 4 == 2:
            form = higher_title
        if form is not None:
            plan.append((nominating.NominationData(RecipientKind.INDIVIDUAL, form, person=person), main_head, main,
                         targets[i % len(targets)]))
    if collective_form is not None:
        plan.append((nominating.NominationData(RecipientKind.COLLECTIVE, collective_form, unit=main), main_head,
                     main, S.ACCEPTED))
    household = Household.objects.filter(agency=agency).order_by("id").first()
    if household_form is not None and household is not None:
        plan.append((nominating.NominationData(RecipientKind.HOUSEHOLD, household_form, unit=main,
                                               household=household), main_head, main,
                     S.ACCEPTED if past else S.SUBMITTED))
    # one proposal upward in every round (the Council agrees to propose it to the province)
    upward_collective = _upward_form(review_round, recipient="collective")
    if upward_collective is not None and others:
        plan.append((nominating.NominationData(RecipientKind.COLLECTIVE, upward_collective, unit=others[0]), office,
                     others[0], S.ACCEPTED))
    elif (upward := _upward_form(review_round, recipient="individual")) is not None and len(staff) > 1:
        plan.append((nominating.NominationData(RecipientKind.INDIVIDUAL, upward, person=staff[1]), main_head, main,
                     S.ACCEPTED))
    for unit, target in zip(others, [S.ACCEPTED, S.ACCEPTED if past else S.SUBMITTED], strict=False):
        people = _people_of(review_round, unit, day, 1)[0]
        if people and individual_form is not None:
            plan.append((nominating.NominationData(RecipientKind.INDIVIDUAL, individual_form, person=people[0]),
                         office, unit, target))
    days = _Days(review_round, 3 * len(plan) + 1)
    counters: dict[str, int] = {}
    meetings: dict[int, object] = {}
    for data, actor, unit, target in plan:
        with days.next():
            try:
                nomination = _make(review_round, data, actor)
            except ValidationError as exc:  # a rule of the round (a quota) refuses it: left out, and said
                ctx.out(f"Bỏ qua một đề nghị mẫu: {' '.join(exc.messages)}")
                continue
            if target == S.DRAFT:
                dossier_docs.generate(nomination, DossierPart.REPORT, actor=actor)
            else:
                if unit.pk not in meetings:
                    meetings[unit.pk] = _meeting(review_round, unit, timezone.localdate())
                if meetings[unit.pk] is None:
                    target = S.DRAFT
                else:
                    _prepare(nomination, meetings[unit.pk], actor)
        if target in (S.SUBMITTED, S.RETURNED, S.ACCEPTED):
            with days.next():
                nomination = services.move_nomination(nomination, S.SUBMITTED, actor=actor,
                                                      justification=justified(nomination, S.SUBMITTED))
        if target == S.RETURNED:
            with days.next():
                nomination = services.move_nomination(nomination, S.RETURNED, actor=office, reason=RETURN_REASON)
        elif target == S.ACCEPTED:
            with days.next():
                nomination = services.move_nomination(nomination, S.ACCEPTED, actor=office,
                                                      justification=justified(nomination, S.ACCEPTED))
        counters[target] = counters.get(target, 0) + 1
        name = f"{target}-{counters[target]}"
        ctx.nominations[name if first else f"{key}/{name}"] = nomination  # each nomination once
    return sum(counters.values())
