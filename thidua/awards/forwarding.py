"""Forwarding to the province and further up (issue 10 §3): the nominations the Council agreed for a provincial or a
central form go up as one tờ trình (TTr) with the danh sách and every dossier; the provincial reviewer accepts it,
returns it with a reason, or records the provincial decision; central forms are carried up by the province ("Trình
Trung ương") and their decision is recorded when it arrives. Recording a decision writes the award history.

Who decides a form is data (`RewardForm.level`), never a list here. The proposal's status moves only through
`services.move_proposal`."""

from __future__ import annotations

import datetime as dt
import uuid

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.text import nfc
from thidua.movements.models import RewardForm

from . import honour, register, services
from .enums import AWARD_KIND_OF_ROUND, AwardLevel, AwardSource, NominationStatus, ProposalStatus
from .models import AgendaItem, Award, HigherDecision, Nomination, Proposal, ProposalItem, ReviewRound
from .roles import is_office, records_higher_decision, reviewer_or_office_of_proposal
from .scans import SCAN_MAX_BYTES, check_scan, scan_content

DOC_TYPE = "TTr"
UPWARD_LEVELS = (AwardLevel.PROVINCE, AwardLevel.STATE)
#: a proposal whose items the Office may still change (take one out, for another proposal)
EDITABLE_STATES = (ProposalStatus.DRAFT, ProposalStatus.RETURNED)
#: where a decision may be recorded: sent to (or taken in by) the province, or carried up to the centre
RECORDABLE_STATES = (ProposalStatus.SENT, ProposalStatus.ACCEPTED, ProposalStatus.FORWARDED)


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def level_of(form: RewardForm) -> str:
    return form.level


def eligible_nominations(review_round: ReviewRound) -> QuerySet[Nomination]:
    """The round's nominations the Council agreed for a provincial or central form, not yet in a proposal (one taken
    out of a proposal is eligible again)."""
    return (Nomination.objects.filter(review_round=review_round, status=NominationStatus.AGREED_PROVINCE,
                                      form__level__in=UPWARD_LEVELS, proposal_items__isnull=True)
            .select_related("form", "person", "unit", "household").order_by("form__sort_order", "recipient", "id"))


def _refusal(nomination: Nomination, review_round: ReviewRound) -> str | None:
    who = f"{nomination.nominee_name} ({nomination.form.name})"
    if nomination.review_round_id != review_round.pk:
        return _("%(who)s không thuộc %(round)s.") % {"who": who, "round": review_round.name}
    if nomination.status == NominationStatus.AGREED_DECISION:
        return _("%(who)s được Hội đồng thống nhất trình Giám đốc quyết định, không đề nghị cấp trên: đưa vào "
                 "quyết định khen thưởng của cơ quan.") % {"who": who}
    if nomination.status != NominationStatus.AGREED_PROVINCE:
        return _("%(who)s chưa được Hội đồng thống nhất đề nghị cấp trên khen thưởng (trạng thái: %(state)s).") % {
            "who": who, "state": nomination.get_status_display()}
    if nomination.form.level not in UPWARD_LEVELS:
        return _("%(form)s thuộc thẩm quyền của cơ quan: không đề nghị cấp trên.") % {"form": nomination.form.name}
    if nomination.proposal_items.exists():
        item = nomination.proposal_items.select_related("proposal", "proposal__agency").first()
        return _("%(who)s đã có trong tờ trình số %(number)s.") % {"who": who, "number": item.proposal.number_label}
    return None


def council_day(nominations) -> dt.date | None:
    """The last day the Council voted on any of the nominations (a tờ trình cannot be dated before it)."""
    return (AgendaItem.objects.filter(nomination__in=list(nominations), session__held_on__isnull=False)
            .aggregate(day=Max("session__held_on"))["day"])


def _number(agency_id: int, year: int, number: int | None) -> int:
    try:
        return register.take_number(agency_id, year, DOC_TYPE, wanted=number)
    except ValueError as exc:
        expected = exc.args[0]
        if number is not None and number < expected:
            message = _("Số %(number)s/TTr năm %(year)s đã được cấp cho văn bản khác; số tiếp theo là %(next)s.")
        else:
            message = _("Số %(number)s/TTr sẽ để trống số trong sổ đăng ký văn bản năm %(year)s; số tiếp theo là "
                        "%(next)s.")
        raise ValidationError({"number": message % {"number": number, "year": year, "next": expected}}) from None


@transaction.atomic
def create_proposal(review_round: ReviewRound, nominations, *, issued_on: dt.date, number: int | None = None,
                    actor, title: str = "") -> Proposal:
    """One tờ trình for the given nominations of the round (agreed for a provincial or central form), numbered from
    the agency's register of tờ trình for the year of `issued_on`. A mistake changes nothing."""
    agency = review_round.movement.agency
    if not is_office(actor, agency.pk):
        raise PermissionDenied
    nominations = list(Nomination.objects.filter(pk__in=[getattr(n, "pk", n) for n in nominations])
                       .select_related("form", "person", "unit", "household", "review_round")
                       .order_by("form__sort_order", "recipient", "id"))
    if not nominations:
        raise ValidationError(_("Hãy chọn ít nhất một đề nghị để lập tờ trình."))
    problems = [p for p in (_refusal(n, review_round) for n in nominations) if p]
    if problems:
        raise ValidationError(problems)
    if issued_on is None:
        raise ValidationError({"issued_on": _("Hãy nhập ngày tờ trình.")})
    voted = council_day(nominations)
    if voted and issued_on < voted:
        raise ValidationError({"issued_on": _("Tờ trình không thể đề ngày %(day)s, trước phiên họp Hội đồng ngày "
                                              "%(council)s.") % {"day": _day(issued_on), "council": _day(voted)}})
    # two Offices taking the same nominations at once: the nominations are locked, then checked again
    list(Nomination.objects.select_for_update(of=("self",)).filter(pk__in=[n.pk for n in nominations])
         .values_list("pk", flat=True))
    if ProposalItem.objects.filter(nomination__in=nominations).exists():
        raise ValidationError(_("Một số đề nghị vừa được đưa vào tờ trình khác: hãy tải lại trang."))
    taken = _number(agency.pk, issued_on.year, number)
    level = AwardLevel.STATE if any(n.form.level == AwardLevel.STATE for n in nominations) else AwardLevel.PROVINCE
    proposal = Proposal.objects.create(
        agency=agency, review_round=review_round, level=level, year=issued_on.year, number=taken,
        issued_on=issued_on, created_by=actor,
        title=nfc(title) or f"Về việc đề nghị khen thưởng cho các tập thể, cá nhân trong {review_round.name}")
    ProposalItem.objects.bulk_create([ProposalItem(proposal=proposal, nomination=n, order=i)
                                      for i, n in enumerate(nominations, start=1)])
    audit.record(AuditAction.CREATE, proposal, actor=actor, note=f"{len(nominations)} đề nghị")
    return proposal


@transaction.atomic
def remove_item(proposal: Proposal, item_id: int, *, actor) -> None:
    """Take a nomination out of a draft or returned proposal (it can go into another one)."""
    proposal = Proposal.objects.select_for_update(of=("self",)).get(pk=proposal.pk)
    if not is_office(actor, proposal.agency_id):
        raise PermissionDenied
    if proposal.status not in EDITABLE_STATES:
        raise ValidationError(_("Tờ trình đã gửi cấp trên: không bớt đề nghị được nữa."))
    item = proposal.items.filter(pk=item_id).first()
    if item is None:
        raise ValidationError(_("Đề nghị này không có trong tờ trình."))
    if proposal.items.count() == 1:
        raise ValidationError(_("Tờ trình phải có ít nhất một đề nghị."))
    item.delete()
    proposal.version += 1
    proposal.save(update_fields=["version", "updated_at"])


def _position(nomination: Nomination) -> str:
    return nomination.person.position if nomination.person_id else ""


def _amount(form: RewardForm, recipient: str, day: dt.date) -> int | None:
    from .bonus import bonus_for

    try:
        return bonus_for(form, recipient, day).amount
    except ValidationError:
        return None


@transaction.atomic
def record_decision(proposal: Proposal, *, number: str, issued_on: dt.date, authority: str, form: RewardForm,
                    awarded_ids, actor, scan=None) -> HigherDecision:
    """Record the higher decision on a forwarded proposal: which of its items (`awarded_ids`, ProposalItem ids) were
    awarded `form`. The other undecided items proposed for that form were not awarded. One award per awarded item
    (source: cấp trên); once every item has its answer the proposal is decided (services.move_proposal)."""
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related(
        "agency", "review_round", "review_round__movement").get(pk=proposal.pk)
    if not reviewer_or_office_of_proposal(actor, proposal):
        raise PermissionDenied
    if proposal.status not in RECORDABLE_STATES:
        if proposal.status == ProposalStatus.DECIDED:
            raise ValidationError(_("Quyết định về tờ trình số %(number)s đã được ghi nhận.") % {
                "number": proposal.number_label})
        raise ValidationError(_("Tờ trình số %(number)s chưa được gửi cấp trên (trạng thái: %(state)s): chưa ghi nhận "
                                "quyết định được.") % {"number": proposal.number_label,
                                                        "state": proposal.get_status_display()})
    if not records_higher_decision(actor, proposal, form):
        raise ValidationError(_(
            "Tờ trình số %(number)s đang được cấp tỉnh thẩm định trong hệ thống: quyết định của tỉnh do cán bộ thẩm "
            "định cấp tỉnh ghi nhận. Văn phòng chỉ ghi nhận khi tỉnh không dùng hệ thống, hoặc khi có quyết định "
            "của Trung ương về tờ trình tỉnh đã trình Trung ương.") % {"number": proposal.number_label})
    number, authority = nfc(number or "").strip(), nfc(authority or "").strip()
    errors = {}
    if not number:
        errors["number"] = _("Hãy nhập số quyết định của cấp trên.")
    if not authority:
        errors["authority"] = _("Hãy nhập cấp quyết định (ví dụ: Chủ tịch UBND tỉnh).")
    if issued_on is None:
        errors["issued_on"] = _("Hãy nhập ngày quyết định.")
    elif issued_on > timezone.localdate():
        errors["issued_on"] = _("Quyết định không thể đề ngày %(day)s, sau ngày hôm nay (%(today)s).") % {
            "day": _day(issued_on), "today": _day(timezone.localdate())}
    elif issued_on < proposal.issued_on:
        errors["issued_on"] = _("Quyết định không thể đề ngày %(day)s, trước tờ trình ngày %(sent)s.") % {
            "day": _day(issued_on), "sent": _day(proposal.issued_on)}
    if form is None:
        errors["form"] = _("Hãy chọn hình thức khen thưởng của quyết định.")
    elif form.level not in UPWARD_LEVELS:
        errors["form"] = _("%(form)s thuộc thẩm quyền của cơ quan, không phải quyết định của cấp trên.") % {
            "form": form.name}
    elif form.level == AwardLevel.STATE and proposal.status != ProposalStatus.FORWARDED:
        errors["form"] = _("%(form)s do Trung ương quyết định: tờ trình chưa được tỉnh trình Trung ương.") % {
            "form": form.name}
    checked = None
    if scan is not None:
        try:
            checked = check_scan(scan, max_bytes=SCAN_MAX_BYTES)
        except ValidationError as exc:
            errors["scan"] = exc.messages
    if errors:
        raise ValidationError(errors)
    items = {i.pk: i for i in proposal.items.select_for_update(of=("self",))
             .select_related("nomination", "nomination__form", "nomination__person", "nomination__unit",
                             "nomination__household")}
    try:
        wanted = {int(i) for i in awarded_ids}
    except (TypeError, ValueError):
        raise ValidationError(_("Danh sách được khen thưởng không hợp lệ.")) from None
    stranger = wanted - set(items)
    if stranger:
        raise ValidationError(_("Có người, tập thể không nằm trong tờ trình số %(number)s: không ghi nhận được.") % {
            "number": proposal.number_label})
    twice = [items[i].nomination.nominee_name for i in sorted(wanted) if items[i].awarded is not None]
    if twice:
        raise ValidationError(_("Đã ghi nhận quyết định cho: %(names)s.") % {"names": ", ".join(twice)})
    concerned = [i for i in items.values() if i.awarded is None and (i.pk in wanted or i.nomination.form_id == form.pk)]
    if not concerned:
        raise ValidationError(_("Không còn đề nghị %(form)s nào của tờ trình chờ quyết định.") % {"form": form.name})
    higher = HigherDecision(proposal=proposal, number=number, issued_on=issued_on, authority=authority, form=form,
                            recorded_by=actor)
    if checked is not None:
        higher.scan = scan_content(checked, f"quyet-dinh-cap-tren-{proposal.pk}-{uuid.uuid4().hex[:12]}")
    higher.save()
    review_round = proposal.review_round
    kind = AWARD_KIND_OF_ROUND.get(review_round.kind) if review_round else None
    for item in sorted(concerned, key=lambda i: i.order):
        item.awarded = item.pk in wanted
        item.higher_decision = higher
        item.save(update_fields=["awarded", "higher_decision"])
        if not item.awarded:
            continue
        n = item.nomination
        Award.objects.create(
            agency=proposal.agency, recipient=n.recipient, person=n.person, household=n.household,
            unit=n.unit, name=n.nominee_name, position=_position(n), unit_name=n.unit.name if n.unit_id else "",
            form=form, level=form.level, kind=kind or "merit", year=review_round.year if review_round else issued_on.year,
            achievement=n.achievement, amount=_amount(form, n.recipient, issued_on), decision_number=number,
            decision_date=issued_on, authority=authority, source=AwardSource.HIGHER, higher_decision=higher,
            nomination=n, movement=review_round.movement if review_round else None, created_by=actor)
    honour.refresh_rolls(honour.rolls_of(higher.awards.all()))  # a higher decision's awards are on the roll at once
    audit.record(AuditAction.UPDATE, proposal, actor=actor,
                 note=f"Ghi nhận quyết định số {number} ngày {_day(issued_on)}: {len(wanted)} được khen thưởng")
    if not proposal.items.filter(awarded__isnull=True).exists():
        services.move_proposal(proposal, ProposalStatus.DECIDED, actor=actor)
    return higher


def undecided_items(proposal: Proposal):
    return proposal.items.filter(awarded__isnull=True).select_related("nomination__form", "nomination__person",
                                                                      "nomination__unit", "nomination__household")
