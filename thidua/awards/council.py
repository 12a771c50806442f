"""The Council (Hội đồng Thi đua - Khen thưởng) at work (issue 9 §8): its members on the session's date from the
role grants, the agenda, the members present and absent, the votes with recusal, re-votes that keep every earlier
ballot, and the result computed from the votes by the threshold of the form in the governing regime — never typed.

The session's status moves only through `services.move_session`, which calls `start_voting` and `conclude` here;
a nomination's status moves only through `services.move_nomination` (system edges: the agenda, the result)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.notifications import notify, resolve
from thidua.org.enums import COUNCIL_ROLES, Role
from thidua.org.models import OrgUnit, Person, RoleGrant

from . import legal
from .enums import NominationStatus, RecipientKind, SessionStatus, ThresholdBase, VoteChoice, VoteMode
from .models import (
    AgendaItem,
    Ballot,
    CouncilSession,
    FormRule,
    Nomination,
    Recusal,
    RoundForm,
    SessionMember,
    Vote,
)
from .roles import is_council_secretary, is_office

#: the order of the roles in the member lists and the minutes
ROLE_ORDER = [Role.COUNCIL_CHAIR, Role.COUNCIL_VICE_CHAIR, Role.COUNCIL_MEMBER, Role.COUNCIL_SECRETARY]
SIMPLE_MAJORITY = Decimal("50")


def _day(value: dt.date) -> str:
    return value.strftime("%d/%m/%Y")


# -- members ---------------------------------------------------------------------------------------------------------

def members_on(agency: OrgUnit, day: dt.date) -> list[RoleGrant]:
    """The Council's members on `day`: one grant per user (his highest Council role) of a Council role on the agency,
    granted on or before that day and not revoked by then — chair, vice-chairs, members, secretary, in that order."""
    grants = (RoleGrant.objects.filter(unit=agency, role__in=COUNCIL_ROLES, granted_at__date__lte=day)
              .filter(Q(revoked_at__isnull=True, is_active=True) | Q(revoked_at__date__gt=day))
              .select_related("user", "user__person").order_by("id"))
    best: dict[int, RoleGrant] = {}
    for grant in grants:
        kept = best.get(grant.user_id)
        if kept is None or ROLE_ORDER.index(grant.role) < ROLE_ORDER.index(kept.role):
            best[grant.user_id] = grant
    return sorted(best.values(), key=lambda g: (ROLE_ORDER.index(g.role), g.id))


def member_name(user) -> str:
    person = getattr(user, "person", None)
    if person is not None:
        return person.full_name
    return user.get_full_name() or user.get_username()


def sync_members(session: CouncilSession) -> None:
    """While the session is being prepared, its member rows follow the role grants on its date (the present/absent
    marks of those who stay are kept)."""
    if session.status != SessionStatus.DRAFT:
        return
    wanted = {g.user_id: g.role for g in members_on(session.agency, session.held_on)}
    rows = {m.user_id: m for m in session.members.all()}
    for user_id, member in rows.items():
        if user_id not in wanted:
            member.delete()
        elif member.role != wanted[user_id]:
            member.role = wanted[user_id]
            member.save(update_fields=["role"])
    SessionMember.objects.bulk_create([SessionMember(session=session, user_id=user_id, role=role)
                                       for user_id, role in wanted.items() if user_id not in rows])


def _check_office(session: CouncilSession, actor) -> None:
    if actor is not None and not is_office(actor, session.agency_id):
        raise ValidationError(_("Chỉ Văn phòng (thường trực Hội đồng) được điều hành phiên họp."))


def _check_draft(session: CouncilSession) -> None:
    if session.status == SessionStatus.CONCLUDED:
        raise ValidationError(_("Phiên họp đã kết thúc: mọi nội dung chỉ để xem, không sửa được."))
    if session.status != SessionStatus.DRAFT:
        raise ValidationError(_("Phiên họp đã bắt đầu biểu quyết: không thay đổi chương trình, thành viên được nữa."))


@transaction.atomic
def create_session(agency: OrgUnit, *, actor, name: str, held_on: dt.date, place: str = "",
                   note: str = "") -> CouncilSession:
    if actor is not None and not is_office(actor, agency.pk):
        raise ValidationError(_("Chỉ Văn phòng (thường trực Hội đồng) được điều hành phiên họp."))
    session = CouncilSession.objects.create(agency=agency, name=name.strip(), held_on=held_on, place=place.strip(),
                                            note=note.strip(), created_by=actor)
    sync_members(session)
    audit.created(session, ["name", "held_on", "place"], actor=actor)
    return session


@transaction.atomic
def update_session(session: CouncilSession, *, actor, name: str, held_on: dt.date, place: str = "",
                   note: str = "") -> CouncilSession:
    """Changes a session's name, date, place or note while it is being prepared; a new date brings the members of
    that date."""
    session = CouncilSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
    _check_office(session, actor)
    _check_draft(session)
    before = audit.snapshot(session, ["name", "held_on", "place", "note"])
    session.name, session.held_on, session.place, session.note = name.strip(), held_on, place.strip(), note.strip()
    session.save(update_fields=["name", "held_on", "place", "note"])
    sync_members(session)
    audit.changed(session, before, actor=actor)
    return session


@transaction.atomic
def set_presence(member: SessionMember, present: bool, *, actor) -> SessionMember:
    """Marks a member present or absent; only while the session is being prepared."""
    session = CouncilSession.objects.select_for_update(of=("self",)).get(pk=member.session_id)
    _check_office(session, actor)
    _check_draft(session)
    member = SessionMember.objects.select_related("user", "user__person").get(pk=member.pk)
    if member.present != present:
        member.present = present
        member.save(update_fields=["present"])
        audit.record(AuditAction.UPDATE, session, actor=actor,
                     note=f"{member_name(member.user)}: {'có mặt' if present else 'vắng mặt'}")
    return member


# -- the agenda ------------------------------------------------------------------------------------------------------

@transaction.atomic
def add_to_agenda(session: CouncilSession, nomination: Nomination, *, actor) -> AgendaItem:
    """Puts an accepted nomination of the session's agency on the agenda (the nomination goes "on the agenda")."""
    from .services import move_nomination

    session = CouncilSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
    _check_office(session, actor)
    _check_draft(session)
    nomination = Nomination.objects.select_for_update(of=("self",)).get(pk=nomination.pk)
    if nomination.agency_id != session.agency_id:
        raise ValidationError(_("Đề nghị không thuộc cơ quan của phiên họp."))
    if nomination.status != NominationStatus.ACCEPTED:
        raise ValidationError(_("Chỉ đưa ra Hội đồng đề nghị đã được Văn phòng xác nhận hồ sơ hợp lệ "
                                "(đề nghị này: %(state)s).") % {"state": nomination.get_status_display()})
    if session.items.filter(nomination=nomination).exists():
        raise ValidationError(_("Đề nghị đã có trong chương trình phiên họp."))
    order = (session.items.aggregate(m=Max("order"))["m"] or 0) + 1
    item = AgendaItem.objects.create(session=session, nomination=nomination, order=order)
    move_nomination(nomination, NominationStatus.ON_AGENDA, actor=actor, system=True,
                    reason=_("Đưa ra phiên họp %(name)s ngày %(day)s.") % {"name": session.name,
                                                                          "day": _day(session.held_on)})
    audit.record(AuditAction.UPDATE, session, actor=actor, note=f"Thêm vào chương trình: {nomination}")
    return item


@transaction.atomic
def remove_from_agenda(item: AgendaItem, *, actor) -> Nomination:
    """Takes a nomination off the agenda before the vote (it goes back to "accepted, waiting for the Council")."""
    from .services import move_nomination

    session = CouncilSession.objects.select_for_update(of=("self",)).get(pk=item.session_id)
    _check_office(session, actor)
    _check_draft(session)
    item = AgendaItem.objects.select_related("nomination").get(pk=item.pk)
    nomination = item.nomination
    item.delete()
    audit.record(AuditAction.UPDATE, session, actor=actor, note=f"Rút khỏi chương trình: {nomination}")
    return move_nomination(nomination, NominationStatus.ACCEPTED, actor=actor, system=True,
                           reason=_("Rút khỏi phiên họp %(name)s.") % {"name": session.name})


# -- the law each item is voted under ---------------------------------------------------------------------------------

@dataclass
class ItemLaw:
    regime: object
    reason: str
    rule: FormRule | None

    @property
    def percent(self) -> Decimal:
        return self.rule.threshold_percent if self.rule else SIMPLE_MAJORITY

    @property
    def strict(self) -> bool:
        return self.rule.threshold_strict if self.rule else True

    @property
    def of_all(self) -> bool:
        return bool(self.rule) and self.rule.threshold_of == ThresholdBase.ALL_MEMBERS

    @property
    def ballot_required(self) -> bool:
        return bool(self.rule) and self.rule.ballot_required

    @property
    def unconfirmed(self) -> bool:
        return bool(self.rule) and self.rule.threshold_unconfirmed

    @property
    def description(self) -> str:
        percent = f"{self.percent.normalize():f}".replace(".", ",")
        share = (_("quá %(p)s%%") if self.strict else _("từ %(p)s%% trở lên")) % {"p": percent}
        base = (_("tổng số thành viên Hội đồng (phiếu bằng văn bản của thành viên vắng mặt được tính; thành viên "
                  "không tham gia biểu quyết không tính vào tổng số)") if self.of_all
                else _("số thành viên có mặt (không tính thành viên không tham gia biểu quyết)"))
        return _("Đồng ý %(share)s %(base)s.") % {"share": share, "base": base}


def laws_for(session: CouncilSession, items) -> dict[int, ItemLaw]:
    """The regime, why, and the form rule of each item, by item id, in a fixed number of queries: the regime on the
    session's date, or the one before it for a dossier submitted before a regime that keeps the pipeline
    (NĐ 152/2025 Điều 60 kh. 3: legal.governing)."""
    items = list(items)
    if not items:
        return {}
    held_on = session.held_on
    current = legal.governing(held_on)
    earlier = None
    if current.regime.keeps_pipeline:
        earlier = legal.governing(held_on, submitted_on=current.regime.valid_from - dt.timedelta(days=1))
    chosen = {}
    for item in items:
        nomination = item.nomination
        sent = nomination.first_submitted_at or nomination.submitted_at
        sent_on = timezone.localdate(sent) if sent else None
        if earlier is not None and sent_on is not None and sent_on < current.regime.valid_from:
            # the same sentence as legal.governing's, without a query per item
            reason = _("Hồ sơ gửi ngày %(sent)s, trước khi %(new)s có hiệu lực: %(rule)s.") % {
                "sent": _day(sent_on), "new": current.regime.short_name,
                "rule": current.regime.transition_rule or _("giữ thủ tục của chế độ trước")}
            chosen[item.pk] = (earlier.regime, reason)
        else:
            chosen[item.pk] = (current.regime, current.reason)
    rules = {(r.regime_id, r.form_id, r.recipient): r for r in FormRule.objects.filter(
        regime_id__in={regime.pk for regime, _r in chosen.values()},
        form_id__in={i.nomination.form_id for i in items})}
    return {item.pk: ItemLaw(regime, reason, rules.get((regime.pk, item.nomination.form_id,
                                                         item.nomination.recipient)))
            for item in items for regime, reason in [chosen[item.pk]]}


def law_for(item: AgendaItem) -> ItemLaw:
    return laws_for(item.session, [item])[item.pk]


# -- recusal ---------------------------------------------------------------------------------------------------------

def _recusal_reason(nomination: Nomination, person: Person | None) -> str | None:
    """Why the member (his Person) may not vote on the nomination, or None: he is the nominee, belongs to the
    nominated unit, to the nominee's unit or to the unit that proposes the nomination."""
    if person is None:
        return None
    if nomination.recipient == RecipientKind.INDIVIDUAL and nomination.person_id == person.pk:
        return _("Là người được đề nghị khen thưởng.")
    unit_path = person.unit.path
    if nomination.recipient == RecipientKind.COLLECTIVE and unit_path.startswith(nomination.unit.path):
        return _("Thuộc tập thể được đề nghị khen thưởng (%(unit)s).") % {"unit": nomination.unit.name}
    if nomination.recipient == RecipientKind.INDIVIDUAL and nomination.person_id:
        nominee_unit = nomination.person.unit
        if unit_path.startswith(nominee_unit.path):
            return _("Cùng đơn vị với người được đề nghị (%(unit)s).") % {"unit": nominee_unit.name}
    if nomination.unit_id and unit_path.startswith(nomination.unit.path):
        # the proposing unit's own items: a household it supports, a person of a team under it
        return _("Thuộc đơn vị đề nghị khen thưởng (%(unit)s).") % {"unit": nomination.unit.name}
    return None


def compute_recusals(session: CouncilSession) -> list[Recusal]:
    members = list(session.members.select_related("user"))
    people = {p.user_id: p for p in Person.objects.filter(user_id__in=[m.user_id for m in members])
              .select_related("unit")}
    items = session.items.select_related("nomination", "nomination__unit", "nomination__person",
                                         "nomination__person__unit")
    existing = set(Recusal.objects.filter(item__session=session).values_list("item_id", "member_id"))
    new = []
    for item in items:
        for member in members:
            reason = _recusal_reason(item.nomination, people.get(member.user_id))
            if reason and (item.pk, member.pk) not in existing:
                new.append(Recusal(item=item, member=member, reason=reason))
    return Recusal.objects.bulk_create(new)


# -- voting ----------------------------------------------------------------------------------------------------------

def start_voting(session: CouncilSession, *, actor) -> None:
    """Called by services.move_session (chuẩn bị → đang biểu quyết): fixes the members and the regime of the session's
    date, works out the recusals, opens the first ballot of every item and tells the members what to vote on."""
    if not session.items.exists():
        raise ValidationError(_("Chương trình phiên họp chưa có đề nghị nào: hãy thêm đề nghị trước khi biểu quyết."))
    if session.held_on > timezone.localdate():
        # the members, the regime and the recusals are those of the session's day: the vote opens on that day
        raise ValidationError(_("Phiên họp ngày %(day)s chưa đến: chỉ bắt đầu biểu quyết từ ngày họp (hoặc sửa ngày "
                                "họp).") % {"day": _day(session.held_on)})
    sync_members(session)
    if not session.members.exists():
        raise ValidationError(_("Ngày %(day)s cơ quan chưa có thành viên Hội đồng nào (theo phân công vai trò): "
                                "không biểu quyết được.") % {"day": _day(session.held_on)})
    if not session.members.filter(present=True).exists():
        raise ValidationError(_("Chưa có thành viên nào có mặt: hãy đánh dấu thành viên có mặt."))
    session.regime = legal.regime_on(session.held_on)
    compute_recusals(session)
    items = list(session.items.all())
    opened = set(Ballot.objects.filter(item__in=items).values_list("item_id", flat=True))
    Ballot.objects.bulk_create([Ballot(item=item, number=1) for item in items if item.pk not in opened])
    url = reverse("awards:session_vote", args=[session.pk])
    members = list(session.members.select_related("user"))
    recused: dict[int, int] = {}
    for member_id in Recusal.objects.filter(item__session=session).values_list("member_id", flat=True):
        recused[member_id] = recused.get(member_id, 0) + 1
    # each member is told the number of items HE votes on: those he is recused from are not his to vote
    by_count: dict[tuple[bool, int], list] = {}
    for m in members:
        by_count.setdefault((m.present, len(items) - recused.get(m.pk, 0)), []).append(m.user)
    for (present, count), users in by_count.items():
        head = f"Phiên họp Hội đồng “{session.name}” ngày {_day(session.held_on)}"
        if count == 0:
            text = f"{head}: bạn không tham gia biểu quyết đề nghị nào của phiên họp (thuộc diện không tham gia)."
        elif present:
            text = f"{head}: {count} đề nghị chờ bạn biểu quyết."
        else:
            text = (f"{head} (bạn vắng mặt): {count} đề nghị cần biểu quyết; gửi phiếu bằng văn bản cho thư ký "
                    f"Hội đồng.")
        notify(users, text, url, email=True)


def current_ballot(item: AgendaItem) -> Ballot | None:
    return item.ballots.order_by("-number").first()


def _voting_session(session_id: int) -> CouncilSession:
    session = CouncilSession.objects.select_for_update(of=("self",)).get(pk=session_id)
    if session.status == SessionStatus.CONCLUDED:
        raise ValidationError(_("Phiên họp đã kết thúc: không ghi nhận phiếu nữa."))
    if session.status != SessionStatus.VOTING:
        raise ValidationError(_("Phiên họp chưa bắt đầu biểu quyết."))
    return session


@transaction.atomic
def cast_vote(item: AgendaItem, user, choice: str, *, actor, mode: str = VoteMode.ONLINE,
              ballot: Ballot | None = None) -> Vote:
    """One member's vote on an item's open ballot: online by himself (present members), on paper recorded by the
    secretary (present members), or in writing (absent members, recorded by the secretary). `ballot`, when given,
    is the ballot the voter saw: a closed one is refused."""
    session = _voting_session(item.session_id)
    if choice not in VoteChoice.values:
        raise ValidationError(_("Hãy chọn đồng ý, không đồng ý hoặc không biểu quyết."))
    if mode not in VoteMode.values:
        raise ValidationError(_("Hình thức bỏ phiếu không hợp lệ."))
    open_ballot = Ballot.objects.select_for_update(of=("self",)).filter(item_id=item.pk).order_by("-number").first()
    if ballot is not None and (open_ballot is None or ballot.pk != open_ballot.pk or open_ballot.closed_at):
        raise ValidationError(_("Lần biểu quyết thứ %(n)s đã đóng: hãy xem lần biểu quyết đang mở.") % {
            "n": ballot.number})
    if open_ballot is None or open_ballot.closed_at is not None:
        raise ValidationError(_("Không có lần biểu quyết nào đang mở cho đề nghị này."))
    member = SessionMember.objects.filter(session=session, user=user).select_related("user").first()
    if member is None:
        raise ValidationError(_("%(name)s không phải thành viên Hội đồng của phiên họp này.") % {
            "name": member_name(user)})
    recusal = Recusal.objects.filter(item_id=item.pk, member=member).first()
    if recusal is not None:
        raise ValidationError(_("%(name)s không tham gia biểu quyết đề nghị này: %(reason)s") % {
            "name": member_name(user), "reason": recusal.reason})
    if mode == VoteMode.ONLINE:
        if actor is not None and actor.pk != user.pk:
            raise ValidationError(_("Thành viên tự bỏ phiếu trên hệ thống; thư ký ghi phiếu giấy hoặc phiếu bằng "
                                    "văn bản."))
        if not member.present:
            raise ValidationError(_("Thành viên vắng mặt không bỏ phiếu trên hệ thống: phiếu bằng văn bản do thư ký "
                                    "Hội đồng ghi nhận."))
    else:
        if actor is not None and not is_council_secretary(actor, session.agency_id):
            raise ValidationError(_("Chỉ thư ký Hội đồng (hoặc Văn phòng) ghi nhận phiếu giấy, phiếu bằng văn bản."))
        if mode == VoteMode.PAPER and not member.present:
            raise ValidationError(_("%(name)s vắng mặt: chỉ ghi nhận phiếu bằng văn bản.") % {
                "name": member_name(user)})
        if mode == VoteMode.WRITTEN and member.present:
            raise ValidationError(_("Phiếu bằng văn bản chỉ dành cho thành viên vắng mặt; %(name)s có mặt.") % {
                "name": member_name(user)})
    if Vote.objects.filter(ballot=open_ballot, member=member).exists():
        if actor is None or actor.pk == user.pk:
            raise ValidationError(_("Bạn đã biểu quyết nội dung này (lần %(n)s): không bỏ phiếu lần nữa.") % {
                "n": open_ballot.number})
        raise ValidationError(_("%(name)s đã biểu quyết lần %(n)s cho đề nghị này: không bỏ phiếu lần nữa.") % {
            "name": member_name(user), "n": open_ballot.number})
    vote = Vote.objects.create(ballot=open_ballot, member=member, choice=choice, mode=mode,
                               recorded_by=actor or user)
    with translation.override("vi"):
        note = (f"{member_name(user)} — lần {open_ballot.number}, {item.nomination}: {VoteChoice(choice).label} "
                f"({VoteMode(mode).label})")
    audit.record(AuditAction.UPDATE, session, actor=actor or user, note=note)
    return vote


@transaction.atomic
def revote(item: AgendaItem, *, actor, reason: str) -> Ballot:
    """Closes the item's current ballot and opens the next one; every earlier ballot and its votes are kept."""
    session = _voting_session(item.session_id)
    _check_office(session, actor)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do biểu quyết lại.")})
    if len(reason) > 300:
        raise ValidationError({"reason": _("Lý do biểu quyết lại dài quá 300 ký tự.")})
    last = Ballot.objects.select_for_update(of=("self",)).filter(item_id=item.pk).order_by("-number").first()
    now = timezone.now()
    if last is not None and last.closed_at is None:
        last.closed_at = now
        last.save(update_fields=["closed_at"])
    ballot = Ballot.objects.create(item_id=item.pk, number=(last.number if last else 0) + 1, reason=reason)
    nomination = item.nomination
    audit.record(AuditAction.UPDATE, session, actor=actor,
                 note=f"Biểu quyết lại lần {ballot.number}: {nomination} — {reason}")
    notify([m.user for m in session.members.exclude(recusals__item_id=item.pk).select_related("user")],
           f"Phiên họp “{session.name}”: biểu quyết lại lần {ballot.number} đề nghị {nomination} ({reason}).",
           reverse("awards:session_vote", args=[session.pk]), email=True)
    return ballot


# -- tallies and results ---------------------------------------------------------------------------------------------

@dataclass
class Tally:
    number: int
    agree: int
    disagree: int
    abstain: int
    voters: int
    #: the Council's members for this item: all members of the session less the recused ones
    members: int
    #: those of them present
    present: int
    recused: int
    #: written votes of absent members
    written: int
    #: agreeing votes of members present (the count a "those present" threshold uses)
    agree_present: int

    def base(self, law: ItemLaw) -> int:
        return self.members if law.of_all else self.present

    def counted_agree(self, law: ItemLaw) -> int:
        return self.agree if law.of_all else self.agree_present

    def passes(self, law: ItemLaw) -> bool:
        base = self.base(law)
        if base <= 0:
            return False
        agree = Decimal(self.counted_agree(law)) * 100
        needed = law.percent * base
        return agree > needed if law.strict else agree >= needed

    def share(self, law: ItemLaw) -> str:
        base = self.base(law)
        if not base:
            return "0"
        value = Decimal(self.counted_agree(law)) * 100 / base
        return f"{value.quantize(Decimal('0.1')):f}".replace(".", ",").removesuffix(",0")


def tally(ballot: Ballot) -> Tally:
    """The counts of one ballot. Reads `ballot.votes.all()`, `ballot.item.recusals.all()` and
    `ballot.item.session.members.all()` (prefetch them for lists)."""
    item = ballot.item
    members = list(item.session.members.all())
    recused = {r.member_id for r in item.recusals.all()}
    eligible = [m for m in members if m.pk not in recused]
    present_ids = {m.pk for m in eligible if m.present}
    votes = [v for v in ballot.votes.all() if v.member_id not in recused]
    counts = {choice: sum(1 for v in votes if v.choice == choice) for choice in VoteChoice.values}
    return Tally(
        number=ballot.number,
        agree=counts[VoteChoice.AGREE], disagree=counts[VoteChoice.DISAGREE], abstain=counts[VoteChoice.ABSTAIN],
        voters=len(votes), members=len(eligible), present=len(present_ids), recused=len(recused),
        written=sum(1 for v in votes if v.mode == VoteMode.WRITTEN),
        agree_present=sum(1 for v in votes if v.choice == VoteChoice.AGREE and v.member_id in present_ids))


def result_of(item: AgendaItem, law: ItemLaw, within_authority: bool) -> str:
    ballots = list(item.ballots.all())
    if not ballots or not tally(ballots[-1]).passes(law):
        return NominationStatus.NOT_AGREED
    return NominationStatus.AGREED_DECISION if within_authority else NominationStatus.AGREED_PROVINCE


def conclude(session: CouncilSession, *, actor) -> None:
    """Called by services.move_session (đang biểu quyết → đã kết thúc): each item's result is its last ballot's,
    by the threshold of its form in its governing regime; its nomination moves accordingly. Refused while an item's
    open ballot has no vote at all (the message names them)."""
    from .services import move_nomination

    items = list(session.items.select_related("nomination", "nomination__unit", "nomination__person",
                                              "nomination__form", "nomination__review_round", "session")
                 .prefetch_related("ballots__votes", "recusals", "session__members"))
    empty = []
    for item in items:
        ballots = list(item.ballots.all())
        if not ballots or (ballots[-1].closed_at is None and not ballots[-1].votes.all()):
            empty.append(str(item.nomination))
    if empty:
        raise ValidationError(_("Chưa có phiếu nào cho: %(items)s. Hãy ghi nhận phiếu trước khi kết thúc phiên họp.")
                              % {"items": "; ".join(empty)})
    laws = laws_for(session, items)
    authority = {(rf.review_round_id, rf.form_id): rf.within_authority for rf in RoundForm.objects.filter(
        review_round_id__in={i.nomination.review_round_id for i in items})}
    now = timezone.now()
    Ballot.objects.filter(item__session=session, closed_at__isnull=True).update(closed_at=now)
    for item in items:
        nomination = item.nomination
        within = authority.get((nomination.review_round_id, nomination.form_id), True)
        result = result_of(item, laws[item.pk], within)
        item.result = result
        item.save(update_fields=["result"])
        last = tally(list(item.ballots.all())[-1])
        move_nomination(nomination, result, actor=actor, system=True,
                        reason=f"Phiên họp “{session.name}” ngày {_day(session.held_on)}: {last.agree}/"
                               f"{last.base(laws[item.pk])} đồng ý.")
    # "n đề nghị chờ bạn biểu quyết" is done with: the notices leave the members' "new" list
    resolve(reverse("awards:session_vote", args=[session.pk]))


# -- what a member has to do -----------------------------------------------------------------------------------------

def items_to_vote(user) -> list[AgendaItem]:
    """The items of sessions in vote on which the user — a present member, not recused — has not yet voted on the
    open ballot (his to-do on the home page and his ballot page)."""
    members = {m.pk: m for m in SessionMember.objects.filter(user=user, present=True,
                                                             session__status=SessionStatus.VOTING)}
    if not members:
        return []
    items = (AgendaItem.objects.filter(session__members__pk__in=list(members))
             .exclude(recusals__member__pk__in=list(members))
             .select_related("session", "nomination", "nomination__form", "nomination__unit", "nomination__person")
             .prefetch_related("ballots__votes").distinct().order_by("session__held_on", "order", "id"))
    pending = []
    for item in items:
        ballots = list(item.ballots.all())
        if ballots and ballots[-1].closed_at is None and not any(v.member_id in members
                                                                 for v in ballots[-1].votes.all()):
            pending.append(item)
    return pending
