"""Quyết định khen thưởng within the agency's authority (issue 10 §1): which agreed nominations go into a decision,
drafting one with its number from the register, its lines and bonuses; editing it while it is a draft; and what
signing and publishing do (called by `services.move_decision`, the only writer of a decision's status).

While a decision is a draft its lines and bonuses follow its date (the regime and base salary in force on it);
signing fixes the regime, the base salary, every line's coefficient and amount and the total, and makes one `Award`
per line. A signed or published decision never changes."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.text import nfc

from . import bonus, legal, register, signing
from .enums import (
    AWARD_KIND_OF_ROUND,
    DECISION_LOCKED_STATES,
    AwardLevel,
    AwardSource,
    DecisionStatus,
    NominationStatus,
    RecipientKind,
    SessionStatus,
    SignerRole,
    SignMode,
)
from .models import AgendaItem, Award, Decision, DecisionLine, Nomination, ReviewRound, RoundForm

DOC_TYPE = "QĐ"
SIGNED_STATES = (DecisionStatus.SIGNED, DecisionStatus.PUBLISHED)


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# -- which nominations --------------------------------------------------------------------------------------------

def _taken_ids() -> QuerySet:
    """Nominations already in a decision that is not cancelled."""
    return DecisionLine.objects.exclude(decision__status=DecisionStatus.CANCELLED).values("nomination_id")


def within_form_ids(review_round: ReviewRound) -> set[int]:
    return set(RoundForm.objects.filter(review_round=review_round, within_authority=True)
               .values_list("form_id", flat=True))


def eligible_nominations(review_round: ReviewRound) -> QuerySet[Nomination]:
    """The round's nominations that may go into a decision: agreed for the Director's decision, in a form the round
    marks within his authority, and not already in a decision that is not cancelled."""
    return (Nomination.objects.filter(review_round=review_round, status=NominationStatus.AGREED_DECISION,
                                      form_id__in=sorted(within_form_ids(review_round)))
            .exclude(pk__in=_taken_ids())
            .select_related("form", "unit", "person", "household", "review_round")
            .order_by("form__sort_order", "recipient", "unit__sort_order", "id"))


def council_vote_day(nominations) -> dt.date | None:
    """The day of the Council's vote on these nominations: the latest concluded session that decided one of them."""
    ids = [n.pk for n in nominations]
    return (AgendaItem.objects.filter(nomination_id__in=ids, session__status=SessionStatus.CONCLUDED)
            .exclude(result="").aggregate(day=Max("session__held_on"))["day"])


def _line_decision(nomination_id: int, exclude_id: int | None = None) -> Decision | None:
    line = (DecisionLine.objects.filter(nomination_id=nomination_id).exclude(decision__status=DecisionStatus.CANCELLED)
            .exclude(decision_id=exclude_id).select_related("decision", "decision__agency").first())
    return line.decision if line else None


def _check_nominations(review_round: ReviewRound, nominations, *, decision: Decision | None = None) -> None:
    """Every nomination agreed for the Director's decision, in a form within his authority, in no other decision."""
    within = within_form_ids(review_round)
    problems = []
    for n in nominations:
        who = f"{n.form.name} — {n.nominee_name}"
        if n.review_round_id != review_round.pk:
            problems.append(_("Đề nghị “%(who)s” không thuộc %(round)s.") % {"who": who, "round": review_round.name})
        elif n.status == NominationStatus.AGREED_PROVINCE or (n.status == NominationStatus.AGREED_DECISION
                                                              and n.form_id not in within):
            problems.append(_("Đề nghị “%(who)s” được Hội đồng thống nhất đề nghị cấp trên khen thưởng, không thuộc "
                              "thẩm quyền Giám đốc: hãy đưa vào tờ trình gửi cấp trên.") % {"who": who})
        elif n.status != NominationStatus.AGREED_DECISION:
            problems.append(_("Đề nghị “%(who)s” chưa được Hội đồng thống nhất trình Giám đốc quyết định (%(state)s): "
                              "không đưa vào quyết định được.") % {"who": who, "state": n.get_status_display()})
        else:
            other = _line_decision(n.pk, exclude_id=decision.pk if decision else None)
            if other is not None:
                problems.append(_("Đề nghị “%(who)s” đã có trong Quyết định số %(number)s ngày %(day)s.") % {
                    "who": who, "number": other.number_label, "day": _day(other.issued_on)})
    if problems:
        raise ValidationError(problems)


def _check_date(nominations, issued_on: dt.date) -> None:
    voted = council_vote_day(nominations)
    if voted is not None and issued_on < voted:
        raise ValidationError({"issued_on": _(
            "Quyết định ngày %(day)s trước ngày Hội đồng biểu quyết (%(voted)s): ngày quyết định phải từ %(voted)s "
            "trở đi.") % {"day": _day(issued_on), "voted": _day(voted)}})


def latest_day(today: dt.date | None = None) -> dt.date:
    """The latest date a decision may carry: one year from today."""
    from django.utils import timezone

    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year + 1)
    except ValueError:  # 29/02
        return today.replace(year=today.year + 1, day=28)


def _check_not_far_ahead(issued_on: dt.date) -> None:
    latest = latest_day()
    if issued_on > latest:
        raise ValidationError({"issued_on": _(
            "Ngày quyết định %(day)s quá xa trong tương lai: ngày quyết định không được sau %(latest)s (một năm kể "
            "từ hôm nay).") % {"day": _day(issued_on), "latest": _day(latest)}})


# -- lines and bonuses --------------------------------------------------------------------------------------------

def _recipient_key(line) -> tuple:
    if line.recipient == RecipientKind.INDIVIDUAL:
        return ("p", line.person_id)
    if line.recipient == RecipientKind.HOUSEHOLD:
        return ("h", line.household_id)
    return ("u", line.unit_id)


def _snapshot(nomination: Nomination) -> dict:
    """The line's copy of who the awardee is as the decision is drafted."""
    unit = nomination.unit
    if nomination.recipient == RecipientKind.INDIVIDUAL:
        person = nomination.person
        return {"person": person, "unit": unit, "household": None, "name": person.full_name,
                "position": person.position, "unit_name": unit.name}
    if nomination.recipient == RecipientKind.HOUSEHOLD:
        household = nomination.household
        place = ", ".join(p for p in (household.village, household.commune_name) if p)
        return {"person": None, "unit": unit, "household": household, "name": str(household), "position": "",
                "unit_name": place}
    parent = unit.parent
    return {"person": None, "unit": unit, "household": None, "name": unit.name, "position": "",
            "unit_name": parent.name if parent is not None and parent.pk != nomination.agency_id else ""}


def _already_paid(lines, year: int, exclude_id: int | None) -> dict:
    """(recipient key, year) → the title amounts paid to the recipient for the year by earlier signed decisions."""
    people = [ln.person_id for ln in lines if ln.recipient == RecipientKind.INDIVIDUAL]
    units = [ln.unit_id for ln in lines if ln.recipient == RecipientKind.COLLECTIVE]
    households = [ln.household_id for ln in lines if ln.recipient == RecipientKind.HOUSEHOLD]
    paid: dict = defaultdict(int)
    qs = (Award.objects.filter(source=AwardSource.DECISION, decision__status__in=SIGNED_STATES, year=year,
                               form__is_title=True, amount__isnull=False, revoked_on__isnull=True)
          .exclude(decision_id=exclude_id))
    for field, ids, tag, recipient in (("person_id", people, "p", RecipientKind.INDIVIDUAL),
                                       ("unit_id", units, "u", RecipientKind.COLLECTIVE),
                                       ("household_id", households, "h", RecipientKind.HOUSEHOLD)):
        if not ids:
            continue
        rows = (qs.filter(recipient=recipient, **{f"{field}__in": ids}).values(field)
                .annotate(total=Sum("amount")))
        for row in rows:
            paid[((tag, row[field]), year)] += row["total"]
    return paid


def compute_bonuses(decision: Decision, lines: list[DecisionLine], issued_on: dt.date) -> int:
    """Sets every line's coefficient, amount, paid and note for a decision dated `issued_on` (the regime and base
    salary in force that day; several titles of the same year pay only the highest, also across earlier signed
    decisions). Returns the total. A ValidationError says why a bonus has no figure."""
    year = decision.review_round.year if decision.review_round_id else issued_on.year
    payables, problems = [], []
    for line in lines:
        try:
            b = bonus.bonus_for(line.form, line.recipient, issued_on)
        except ValidationError as exc:
            problems.append(_("%(name)s: %(why)s") % {"name": line.name, "why": " ".join(exc.messages)})
            continue
        line.coefficient = b.coefficient
        payables.append((line, bonus.Payable(key=_recipient_key(line), year=year, is_title=line.form.is_title,
                                             amount=b.amount)))
    if problems:
        raise ValidationError(problems)
    bonus.apply_highest_title([p for _line, p in payables],
                              already_paid=_already_paid(lines, year, decision.pk))
    total = 0
    for line, p in payables:
        line.paid = p.paid
        line.amount = p.amount if p.paid else 0
        line.pay_note = p.note[:300]
        total += line.amount
    return total


def _new_lines(decision: Decision, nominations, start: int = 0) -> list[DecisionLine]:
    return [DecisionLine(decision=decision, nomination=n, form=n.form, recipient=n.recipient,
                         achievement=nfc(n.achievement), order=start + i, **_snapshot(n))
            for i, n in enumerate(nominations, start=1)]


def _save_lines(lines: list[DecisionLine]) -> None:
    fields = ["coefficient", "amount", "paid", "pay_note", "order"]
    new = [ln for ln in lines if ln.pk is None]
    old = [ln for ln in lines if ln.pk is not None]
    if new:
        DecisionLine.objects.bulk_create(new, batch_size=500)
    if old:
        DecisionLine.objects.bulk_update(old, fields, batch_size=500)


def _lines_of(decision: Decision) -> list[DecisionLine]:
    return list(decision.lines.select_related("form", "nomination").order_by("order", "id"))


def _sorted_nominations(nominations) -> list[Nomination]:
    return sorted(nominations, key=lambda n: (n.form.sort_order, n.form.name, n.recipient,
                                              n.unit.sort_order, n.unit.name_key, n.pk))


# -- default texts ------------------------------------------------------------------------------------------------

def default_title(review_round: ReviewRound, nominations) -> str:
    titles = any(n.form.is_title for n in nominations)
    forms = sorted({n.form.name for n in nominations if not n.form.is_title})
    what = []
    if titles:
        what.append("công nhận danh hiệu thi đua")
    if forms:
        what.append("tặng " + ", ".join(forms))
    what = " và ".join(what) or "khen thưởng"
    if review_round.kind in ("midterm", "final"):
        return (f"Về việc {what} cho các tập thể, cá nhân có thành tích xuất sắc trong "
                f"{review_round.name[:1].lower()}{review_round.name[1:]}")
    return f"Về việc {what} năm {review_round.year}"


def default_money_source(agency) -> str:
    return (f"Tiền thưởng kèm theo được chi từ Quỹ thi đua, khen thưởng của {agency.name}, thực hiện theo quy "
            "định hiện hành.")


def default_execution(agency) -> str:
    return (f"Chánh Văn phòng, Trưởng các phòng, đơn vị thuộc {agency.name}, Hội đồng Thi đua - Khen thưởng và "
            "các tập thể, cá nhân có tên tại Điều 1 chịu trách nhiệm thi hành Quyết định này.")


DEFAULT_RECIPIENTS = "Như Điều 3;\nLãnh đạo Sở;\nLưu: VT, VP (TĐKT)."


# -- the number -----------------------------------------------------------------------------------------------------

def suggested_number(agency_id: int, issued_on: dt.date) -> int:
    return register.next_number(agency_id, issued_on.year, DOC_TYPE)


def _take_number(agency, issued_on: dt.date, wanted: int | None) -> int:
    year = issued_on.year
    if wanted is not None:
        used = Decision.objects.filter(agency=agency, doc_type=DOC_TYPE, year=year, number=wanted).first()
        if used is not None:
            raise ValidationError({"number": _("Số %(number)s đã dùng cho Quyết định “%(title)s” ngày %(day)s.") % {
                "number": used.number_label, "title": used.title or _("(chưa có trích yếu)"),
                "day": _day(used.issued_on)}})
    try:
        return register.take_number(agency.pk, year, DOC_TYPE, wanted=wanted)
    except ValueError as exc:
        expected = exc.args[0]
        if wanted is not None and wanted < expected:
            raise ValidationError({"number": _("Số %(number)s năm %(year)s đã cấp trong sổ văn bản: số tiếp theo là "
                                               "%(next)s.") % {"number": wanted, "year": year, "next": expected}}
                                  ) from None
        raise ValidationError({"number": _(
            "Số %(number)s bỏ trống số trong sổ văn bản năm %(year)s: số tiếp theo là %(next)s (số văn bản không "
            "được bỏ cách).") % {"number": wanted, "year": year, "next": expected}}) from None


# -- drafting and editing -------------------------------------------------------------------------------------------

def _locked_nominations(ids) -> list[Nomination]:
    return list(Nomination.objects.select_for_update(of=("self",)).filter(pk__in=sorted(ids))
                .select_related("form", "unit", "unit__parent", "person", "household", "review_round"))


@transaction.atomic
def draft_decision(review_round: ReviewRound, nominations, *, issued_on: dt.date, number: int | None = None,
                   actor, title: str = "", money_source: str = "", execution_clause: str = "",
                   recipients_text: str = "", signer_role: str = SignerRole.DIRECTOR, signer_name: str = ""
                   ) -> Decision:
    """A draft decision of the round's agency for `nominations`, numbered from the register (the next number, or
    `number` when it is that next number). Refused with a Vietnamese message, nothing changed, when a nomination may
    not go into it, the date is before the Council's vote, a bonus has no figure, or the number is taken or skips."""
    from thidua.core import audit
    from thidua.core.models import AuditAction

    if issued_on is None:
        raise ValidationError({"issued_on": _("Hãy nhập ngày quyết định.")})
    _check_not_far_ahead(issued_on)
    ids = {n.pk for n in nominations}
    if not ids:
        raise ValidationError(_("Hãy chọn ít nhất một đề nghị Hội đồng đã thống nhất để đưa vào quyết định."))
    locked = _sorted_nominations(_locked_nominations(ids))
    _check_nominations(review_round, locked)
    _check_date(locked, issued_on)
    agency = review_round.movement.agency
    decision = Decision(agency=agency, review_round=review_round, doc_type=DOC_TYPE, year=issued_on.year, number=0,
                        issued_on=issued_on, title=title.strip() or default_title(review_round, locked),
                        money_source=money_source.strip() or default_money_source(agency),
                        execution_clause=execution_clause.strip() or default_execution(agency),
                        recipients_text=recipients_text.strip() or DEFAULT_RECIPIENTS,
                        signer_role=signer_role or SignerRole.DIRECTOR, signer_name=signer_name.strip(),
                        created_by=actor)
    lines = _new_lines(decision, locked)
    decision.total_amount = compute_bonuses(decision, lines, issued_on)
    decision.number = _take_number(agency, issued_on, number)
    decision.save()
    for line in lines:
        line.decision = decision
    _save_lines(lines)
    audit.record(AuditAction.CREATE, decision, actor=actor,
                 changes={"number": [None, decision.number_label], "lines": [None, len(lines)]})
    return decision


def check_editable(decision: Decision) -> None:
    if decision.status in DECISION_LOCKED_STATES:
        raise ValidationError(_("Quyết định số %(number)s %(state)s: không sửa, thêm, bớt được nữa.") % {
            "number": decision.number_label, "state": decision.get_status_display().lower()})


@transaction.atomic
def update_draft(decision: Decision, *, actor, issued_on: dt.date | None = None, add=(), remove=(),
                 **texts) -> Decision:
    """Edit a draft: its date (the bonuses follow it), its texts and signer, lines added (eligible nominations of its
    round) or removed (line ids). A signed, published or cancelled decision is refused."""
    from thidua.core import audit
    from thidua.core.models import AuditAction

    decision = Decision.objects.select_for_update(of=("self",)).select_related("agency", "review_round").get(
        pk=decision.pk)
    check_editable(decision)
    changes = {}
    if issued_on is not None and issued_on != decision.issued_on:
        _check_not_far_ahead(issued_on)
        if issued_on.year != decision.year:
            raise ValidationError({"issued_on": _(
                "Số %(number)s thuộc sổ văn bản năm %(year)s: ngày quyết định phải trong năm %(year)s (hoặc hủy dự "
                "thảo và lập quyết định mới).") % {"number": decision.number_label, "year": decision.year}})
        changes["issued_on"] = [_day(decision.issued_on), _day(issued_on)]
        decision.issued_on = issued_on
    for name in ("title", "money_source", "execution_clause", "recipients_text", "signer_role", "signer_name"):
        if name in texts and texts[name] is not None:
            value = nfc(str(texts[name]).strip())
            if value != getattr(decision, name):
                changes[name] = [getattr(decision, name), value]
                setattr(decision, name, value)
    if decision.signer_role not in SignerRole.values:
        raise ValidationError({"signer_role": _("Hãy chọn Giám đốc ký hoặc Phó Giám đốc ký thay.")})
    removed = [int(x) for x in remove]
    if removed:
        gone = decision.lines.filter(pk__in=removed)
        changes["removed"] = [", ".join(gone.values_list("name", flat=True)), None]
        gone.delete()
    if add:
        new = _sorted_nominations(_locked_nominations({n.pk for n in add}))
        _check_nominations(decision.review_round, new, decision=decision)
        start = decision.lines.aggregate(m=Max("order"))["m"] or 0
        lines_new = _new_lines(decision, new, start=start)
        DecisionLine.objects.bulk_create(lines_new, batch_size=500)
        changes["added"] = [None, ", ".join(ln.name for ln in lines_new)]
    lines = _lines_of(decision)
    _check_date([ln.nomination for ln in lines], decision.issued_on)
    decision.total_amount = compute_bonuses(decision, lines, decision.issued_on)
    _save_lines(lines)
    decision.version += 1
    decision.save()
    if changes:
        audit.record(AuditAction.UPDATE, decision, actor=actor, changes=changes)
    return decision


# -- signing and publishing (called by services.move_decision) ------------------------------------------------------

def check_signable(decision: Decision) -> None:
    """What must hold before a decision is signed: awardees, a signer, a date not before the Council's vote, every
    nomination still agreed for the Director and in no other decision."""
    lines = _lines_of(decision)
    if not lines:
        raise ValidationError(_("Quyết định chưa có tập thể, cá nhân nào được khen thưởng: không ký được."))
    if not decision.signer_name.strip():
        raise ValidationError({"signer_name": _("Hãy ghi họ tên người ký quyết định.")})
    if decision.signer_role not in SignerRole.values:
        raise ValidationError({"signer_role": _("Hãy chọn Giám đốc ký hoặc Phó Giám đốc ký thay.")})
    if decision.issued_on > timezone.localdate():
        raise ValidationError(_("Quyết định ghi ngày %(day)s, chưa thể ký trước ngày đó.") % {
            "day": _day(decision.issued_on)})
    nominations = [ln.nomination for ln in lines]
    _check_nominations(decision.review_round, nominations, decision=decision)
    _check_date(nominations, decision.issued_on)


def _leader_grants(agency_id: int):
    from thidua.org.enums import LEADER_ROLES
    from thidua.org.models import RoleGrant

    return (RoleGrant.objects.filter(unit_id=agency_id, role__in=sorted(LEADER_ROLES), is_active=True)
            .select_related("user"))


def _person_of(user):
    from thidua.org.models import Person

    return Person.objects.filter(user=user).first() if user is not None and user.pk else None


def sign_modes(user, agency) -> list[str]:
    """What `user` may do to sign a decision of `agency` (an OrgUnit or its id): SignMode.SELF when he is its
    Director or a deputy, SignMode.PAPER when he is its Office (or an administrator); both for a leader who is
    also the Office, none for anyone else."""
    from .roles import is_office, leads_agency

    agency_id = getattr(agency, "pk", agency)
    modes = []
    if leads_agency(user, agency_id):
        modes.append(SignMode.SELF)
    if is_office(user, agency_id):
        modes.append(SignMode.PAPER)
    return modes


def _leadership_people(agency_id: int) -> list[tuple[str, object]]:
    """The people of the agency's leadership unit (Lãnh đạo Sở) whose position is Giám đốc or Phó Giám đốc, with
    or without an account: (signer role, person)."""
    from thidua.core.text import fold
    from thidua.org.enums import UnitKind
    from thidua.org.models import Person

    found = []
    for person in Person.objects.filter(unit__agency_id=agency_id, unit__kind=UnitKind.LEADERSHIP, is_active=True):
        position = " ".join(fold(person.position).split())
        if position == "giam doc":
            found.append((SignerRole.DIRECTOR, person))
        elif position.startswith("pho giam doc"):
            found.append((SignerRole.DEPUTY, person))
    return found


def paper_signers(agency_id: int, grants=None) -> list[tuple[str, object]]:
    """The agency's leaders in the system whose signature the Office may record: (signer role, person), the
    Director first, then the deputies by name — those holding the Director's or a deputy's role (`grants`: the
    agency's leader grants when the caller has read them), and the people of the agency's leadership unit recorded
    as Giám đốc or Phó Giám đốc, who may have no account."""
    from thidua.org.enums import Role

    found = []
    for grant in (_leader_grants(agency_id) if grants is None else grants):
        person = _person_of(grant.user)
        if person is not None:
            role = SignerRole.DIRECTOR if grant.role == Role.DIRECTOR else SignerRole.DEPUTY
            found.append((role, person))
    with_grant = {person.pk for _role, person in found}
    found += [(role, person) for role, person in _leadership_people(agency_id) if person.pk not in with_grant]
    order = {SignerRole.DIRECTOR: 0, SignerRole.DEPUTY: 1}
    return sorted(set(found), key=lambda rp: (order[rp[0]], rp[1].full_name, rp[1].pk))


def signers_awarded(decision: Decision, lines, leaders=None) -> list[str]:
    """The awardees of `decision` who sign it (once signed: its signer) or may sign it (a draft: the agency's
    leaders of its signer role; `leaders`: paper_signers' answer when the caller has it): a leader awarding himself,
    for the page to flag before anyone signs."""
    people = {line.person_id: line.name for line in lines if line.person_id}
    if not people:
        return []
    if decision.signer_id:
        signers = {decision.signer_id}
    else:
        leaders = paper_signers(decision.agency_id) if leaders is None else leaders
        signers = {person.pk for role, person in leaders if role == decision.signer_role}
    return [people[pk] for pk in people if pk in signers]


def settle_signer(decision: Decision, *, actor, signs_himself: bool) -> None:
    """Who signs, from the role grants on the decision's agency (not from what the signing form says).
    `signs_himself`: the Director or a deputy signs himself and is recorded as himself, from his own grant and
    name — a deputy always "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", never "GIÁM ĐỐC". Otherwise the Office records a
    signature made on paper, naming a leader who holds that role in the agency (when the agency's leaders are in
    the system). Sets signer_role, signer_name and signer on `decision` (unsaved); a ValidationError in
    Vietnamese, by field, otherwise."""
    from thidua.core.text import fold
    from thidua.org.enums import Role

    from .roles import is_office

    grants = list(_leader_grants(decision.agency_id))
    if signs_himself:
        own = {g.role for g in grants if actor is not None and g.user_id == actor.pk}
        if not own:
            raise ValidationError({"mode": _(
                "Bạn không phải Giám đốc, Phó Giám đốc của %(agency)s: không tự ký quyết định được.") % {
                "agency": decision.agency.name}})
        person = _person_of(actor)
        decision.signer_role = SignerRole.DIRECTOR if Role.DIRECTOR in own else SignerRole.DEPUTY
        decision.signer = person
        decision.signer_name = nfc(person.full_name if person is not None
                                   else (actor.get_full_name() or decision.signer_name))
        return
    if not is_office(actor, decision.agency_id):
        raise ValidationError({"mode": _(
            "Chỉ Văn phòng của %(agency)s ghi nhận được quyết định đã ký trên giấy.") % {
            "agency": decision.agency.name}})
    wanted = Role.DIRECTOR if decision.signer_role == SignerRole.DIRECTOR else Role.DEPUTY_DIRECTOR
    people = [person for role, person in paper_signers(decision.agency_id, grants) if role == decision.signer_role]
    if not people and not any(g.role == wanted for g in grants):
        # the agency's leaders are not in the system: the paper signature is recorded as written
        decision.signer = None
        return
    match = next((p for p in people if fold(p.full_name) == fold(decision.signer_name)), None)
    if match is None:
        names = ", ".join(p.full_name for p in people)
        raise ValidationError({"signer_name": _(
            "“%(name)s” không phải %(role)s của %(agency)s trong hệ thống (%(names)s): hãy ghi đúng người đã "
            "ký.") % {"name": decision.signer_name, "agency": decision.agency.name,
                      "role": _("Giám đốc") if wanted == Role.DIRECTOR else _("Phó Giám đốc"),
                      "names": names or "—"}})
    decision.signer = match
    decision.signer_name = nfc(match.full_name)


def authority_of(decision: Decision) -> str:
    """"Giám đốc Sở Giao thông vận tải" (the decision's authority, whoever signs for it)."""
    return f"Giám đốc {decision.agency.name}"


def on_signed(decision: Decision, *, actor) -> None:
    """Fix the regime, base salary, each line's coefficient and amount and the total; make one Award per line."""
    lines = _lines_of(decision)
    decision.regime = legal.regime_on(decision.issued_on)
    decision.base_salary = legal.base_salary_on(decision.issued_on)
    decision.total_amount = compute_bonuses(decision, lines, decision.issued_on)
    _save_lines(lines)
    review_round = decision.review_round
    kind = AWARD_KIND_OF_ROUND[review_round.kind]
    authority = authority_of(decision)
    awards = []
    for line in lines:
        award = Award(agency_id=decision.agency_id, recipient=line.recipient, person=line.person,
                      unit=line.unit, household=line.household, name=line.name, position=line.position,
                      unit_name=line.unit_name, form=line.form, level=AwardLevel.AGENCY, kind=kind,
                      year=review_round.year, achievement=line.achievement, amount=line.amount,
                      decision_number=decision.number_label, decision_date=decision.issued_on, authority=authority,
                      source=AwardSource.DECISION, decision=decision, nomination=line.nomination,
                      movement_id=review_round.movement_id, created_by=actor)
        if line.recipient == RecipientKind.HOUSEHOLD:
            award.unit = None
        award.save()  # save() fills the search key
        awards.append(award)


def published_filename(decision: Decision) -> str:
    return f"quyet-dinh-{decision.number}-{decision.year}-{decision.agency.code or decision.agency_id}.pdf"


@dataclass
class PublishedPdf:
    """The published decision's signed PDF, made and written to storage before the transaction that publishes
    the decision (rendering takes seconds; SQLite would hold its write lock all that time). `on_published` puts
    it on the decision and records its hash; `discard` removes the file when the transaction fails."""

    name: str
    signed: signing.Signed

    def discard(self) -> None:
        """Delete the file, unless a decision refers to it after all (the publishing committed, and what failed
        came after the commit: a notice's on-commit hook). When the database cannot say, the file is kept: a
        file nothing refers to harms no one, a published decision without its file would."""
        from django.db import DatabaseError

        storage = Decision._meta.get_field("published_pdf").storage
        try:
            referred = Decision.objects.filter(published_pdf=self.name).exists()
        except DatabaseError:
            return
        if self.name and not referred and storage.exists(self.name):
            storage.delete(self.name)


def prepare_published(decision: Decision, *, actor) -> PublishedPdf:
    """Render and sign the published PDF of `decision` and write it to storage; nothing is written to the
    database. Refused (before rendering) when `actor` may not publish it or it cannot be published now."""
    from . import decision_docs
    from .enums import DECISION_FLOW

    fresh = Decision.objects.select_related("agency", "review_round", "signer").get(pk=decision.pk)
    DECISION_FLOW.edge(fresh.status, DecisionStatus.PUBLISHED, actor=actor, obj=fresh)
    pdf = decision_docs.decision_pdf(fresh)
    name = published_filename(fresh)
    signed = signing.sign(fresh.agency_id, pdf, filename=name,
                                 reason=f"Công bố Quyết định số {fresh.number_label}")
    field = Decision._meta.get_field("published_pdf")
    stored = field.storage.save(field.generate_filename(fresh, name), ContentFile(signed.data))
    return PublishedPdf(name=stored, signed=signed)


def on_published(decision: Decision, *, actor, prepared: PublishedPdf) -> None:
    """The published PDF (`prepare_published`, already in storage) put on the decision and remembered by its
    hash (`SignedFile`), inside the transaction that publishes it."""
    decision.published_pdf.name = prepared.name
    prepared.signed.record(decision=decision)
