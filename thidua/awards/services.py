"""The commendation workflows' transition functions — the only writers of a round's, a nomination's, a Council
session's, a decision's and a proposal's status (design.md "Habits"): each checks the edge and the actor's role and scope, saves, audits and
notifies. Views never assign a state."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.money import group_digits
from thidua.core.notifications import notify, resolve
from thidua.core.text import nfc
from thidua.org.enums import AGENCY_KINDS, Role
from thidua.org.models import OrgUnit, RoleGrant

from .enums import (
    DECISION_FLOW,
    NOMINATION_FLOW,
    PROPOSAL_FLOW,
    ROUND_FLOW,
    SESSION_FLOW,
    DecisionStatus,
    NominationStatus,
    ProposalStatus,
    RoundStatus,
    SessionStatus,
    SignMode,
)
from .models import CouncilSession, Decision, Nomination, NominationStep, Proposal, ReviewRound, RoundForm


def _label(choices, value) -> str:
    with translation.override("vi"):  # the audit log is always Vietnamese
        return str(choices(value).label)


def unit_heads(agency: OrgUnit) -> list:
    """The users heading a unit of the agency (the agency's own grants excluded)."""
    grants = (RoleGrant.objects.filter(role=Role.UNIT_HEAD, is_active=True,
                                       unit__in=OrgUnit.objects.of_agencies([agency.pk]))
              .exclude(unit__kind__in=AGENCY_KINDS).select_related("user", "unit"))
    return [g.user for g in grants]


def office_users(agency_id: int) -> list:
    return [g.user for g in RoleGrant.objects.filter(role=Role.SECRETARIAT, is_active=True, unit_id=agency_id)
            .select_related("user")]


# -- review rounds ---------------------------------------------------------------------------------------------------

@transaction.atomic
def move_round(review_round: ReviewRound, to_state: str, *, actor, reason: str = "") -> ReviewRound:
    """dự thảo → đang nhận hồ sơ ⇄ hết hạn nhận hồ sơ → Hội đồng đã xét → kết thúc. Opening notifies every unit
    head of the agency (in the application and by e-mail)."""
    review_round = ReviewRound.objects.select_for_update(of=("self",)).select_related("movement").get(pk=review_round.pk)
    ROUND_FLOW.edge(review_round.status, to_state, actor=actor, obj=review_round)
    if to_state == RoundStatus.OPEN and not review_round.forms.exists():
        raise ValidationError(_("Đợt xét chưa có hình thức, danh hiệu nào: hãy chọn trước khi mở."))
    if to_state == RoundStatus.REVIEWED:
        pending = review_round.nominations.filter(status__in=[NominationStatus.SUBMITTED, NominationStatus.ACCEPTED,
                                                              NominationStatus.ON_AGENDA]).count()
        if pending:
            raise ValidationError(_("Còn %(n)s đề nghị chưa được Hội đồng xét xong.") % {"n": pending})
    before = _label(RoundStatus, review_round.status)
    review_round.status = to_state
    if to_state == RoundStatus.OPEN and review_round.opened_at is None:
        review_round.opened_at = timezone.now()
    review_round.save(update_fields=["status", "opened_at", "updated_at"])
    audit.record(AuditAction.UPDATE, review_round, actor=actor,
                 changes={"status": [before, _label(RoundStatus, to_state)]}, note=reason.strip())
    if to_state == RoundStatus.OPEN:
        url = reverse("awards:round", args=[review_round.pk])
        notify(unit_heads(review_round.movement.agency),
               f"Mở {review_round.name}: đơn vị gửi hồ sơ đề nghị khen thưởng trước ngày "
               f"{review_round.submit_by:%d/%m/%Y}.", url, email=True)
    return review_round


# -- nominations -----------------------------------------------------------------------------------------------------

#: the moves that carry a nomination on past a rule it does not meet (issue 11 §2): the unit's sending to the Office
#: (and sending again after a return) and the Office's finding the dossier valid, which passes it to the Council.
#: Each needs a written justification when the nomination's eligibility panel has a not-met rule.
JUSTIFIED_EDGES = frozenset({(NominationStatus.DRAFT, NominationStatus.SUBMITTED),
                             (NominationStatus.RETURNED, NominationStatus.SUBMITTED),
                             (NominationStatus.SUBMITTED, NominationStatus.ACCEPTED)})
#: the longest justification (characters, once cleaned)
JUSTIFICATION_MAX = 2000


def clean_justification(text: str) -> str:
    """The justification as stored: NFC, invisible characters dropped, white space collapsed; ValidationError
    (on the field) when it is longer than JUSTIFICATION_MAX."""
    text = nfc(text)
    if len(text) > JUSTIFICATION_MAX:
        raise ValidationError({"justification": _(
            "Giải trình dài quá %(n)s ký tự (đang có %(count)s): hãy ghi ngắn gọn.") % {
            "n": group_digits(JUSTIFICATION_MAX), "count": group_digits(len(text))}})
    return text


def needs_justification(nomination: Nomination, to_state: str) -> bool:
    """Whether moving the nomination to `to_state` goes on past a not-met rule (a justification is required)."""
    if (str(nomination.status), str(to_state)) not in JUSTIFIED_EDGES:
        return False
    from .eligibility_panel import panel_for

    panel = panel_for(nomination, justifications=False)
    return panel is not None and panel.needs_justification


def _check_submission(nomination: Nomination) -> None:
    from .checks import submission_problems

    problems = submission_problems(nomination)
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def move_nomination(nomination: Nomination, to_state: str, *, actor, reason: str = "", system: bool = False,
                    justification: str = "") -> Nomination:
    """The one transition function of a nomination (enums.NOMINATION_FLOW). `system` is for the edges only the
    system takes (the agenda, the Council's computed result): the table is checked, the actor is recorded.
    On a JUSTIFIED_EDGES move of a nomination with a not-met eligibility rule, `justification` is required; it is
    stored on the step and written into the audit row (given on another move, it is ignored)."""
    nomination = (Nomination.objects.select_for_update(of=("self",))
                  .select_related("review_round", "review_round__movement", "unit", "person", "form")
                  .get(pk=nomination.pk))
    if nomination.status in NOMINATION_FLOW.final_states:
        raise ValidationError(_("Đề nghị đã có kết quả của Hội đồng: không thay đổi được nữa."))
    NOMINATION_FLOW.edge(nomination.status, to_state, actor=None if system else actor, obj=nomination)
    reason = reason.strip()
    if to_state == NominationStatus.RETURNED and not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để đơn vị biết cần bổ sung, sửa gì.")})
    if to_state == NominationStatus.SUBMITTED:
        # two units sending the last places of a quota at once: the round's form is locked first, so that the
        # second sender counts the first one's nomination (PostgreSQL; SQLite writes one transaction at a time)
        list(RoundForm.objects.select_for_update(of=("self",)).filter(review_round_id=nomination.review_round_id,
                                                          form_id=nomination.form_id).values_list("id", flat=True))
        _check_submission(nomination)
    justification = clean_justification(justification)
    if (str(nomination.status), str(to_state)) in JUSTIFIED_EDGES:
        if not justification and needs_justification(nomination, to_state):
            raise ValidationError({"justification": _(
                "Đề nghị chưa đạt tiêu chí về điều kiện khen thưởng: hãy ghi giải trình vì sao vẫn đề nghị.")})
    else:
        justification = ""
    source = nomination.status
    now = timezone.now()
    nomination.status = to_state
    if to_state == NominationStatus.SUBMITTED:
        nomination.submitted_at = now
        nomination.first_submitted_at = nomination.first_submitted_at or now
        nomination.return_reason = ""
    elif to_state == NominationStatus.RETURNED:
        nomination.return_reason = reason
    elif to_state == NominationStatus.DRAFT:
        nomination.submitted_at = None
    elif to_state == NominationStatus.ACCEPTED:
        # the Office's check fixes the regime that governs the nomination, and why
        from .dossier import governing_for

        governing = governing_for(nomination, stored=False)
        if governing is not None:
            nomination.regime, nomination.regime_reason = governing.regime, governing.reason[:400]
    nomination.version += 1
    nomination.save(update_fields=["status", "submitted_at", "first_submitted_at", "return_reason", "version",
                                   "regime", "regime_reason", "updated_at"])
    NominationStep.objects.create(nomination=nomination, source=source, target=to_state, actor=actor, reason=reason,
                                  justification=justification, at=now)
    changes = {"status": [_label(NominationStatus, source), _label(NominationStatus, to_state)]}
    if justification:
        changes["justification"] = ["", justification]
    audit.record(AuditAction.UPDATE, nomination, actor=actor, changes=changes, note=reason)
    url = reverse("awards:nomination", args=[nomination.pk])
    resolve(url)
    who = f"{nomination.form} — {nomination.nominee_name}"
    if to_state == NominationStatus.SUBMITTED:
        notify(office_users(nomination.agency_id), f"{nomination.unit.name} gửi đề nghị {who}: chờ kiểm tra hồ sơ.",
               url, email=True)
    elif to_state == NominationStatus.RETURNED:
        notify([nomination.created_by], f"Đề nghị {who} bị trả lại: {reason}", url, email=True)
    elif to_state in (NominationStatus.AGREED_DECISION, NominationStatus.AGREED_PROVINCE,
                      NominationStatus.NOT_AGREED):
        notify([nomination.created_by], f"Kết quả Hội đồng về đề nghị {who}: {_label(NominationStatus, to_state)}.",
               url, email=True)
    return nomination


# -- the Council's sessions ------------------------------------------------------------------------------------------

@transaction.atomic
def move_session(session: CouncilSession, to_state: str, *, actor, reason: str = "") -> CouncilSession:
    """chuẩn bị → đang biểu quyết → đã kết thúc. Starting the vote fixes the members and the regime of the
    session's date; concluding computes each item's result and moves its nomination (council.conclude)."""
    from . import council

    session = CouncilSession.objects.select_for_update(of=("self",)).get(pk=session.pk)
    SESSION_FLOW.edge(session.status, to_state, actor=actor, obj=session)
    before = _label(SessionStatus, session.status)
    if to_state == SessionStatus.VOTING:
        council.start_voting(session, actor=actor)
    elif to_state == SessionStatus.CONCLUDED:
        council.conclude(session, actor=actor)
        session.concluded_at = timezone.now()
    session.status = to_state
    session.save(update_fields=["status", "regime", "concluded_at"])
    audit.record(AuditAction.UPDATE, session, actor=actor,
                 changes={"status": [before, _label(SessionStatus, to_state)]}, note=reason.strip())
    return session


# -- decisions (issue 10) --------------------------------------------------------------------------------------------

def move_decision(decision: Decision, to_state: str, *, actor, reason: str = "", signs_himself: bool | None = None
                  ) -> Decision:
    """dự thảo → đã ký → đã công bố (or dự thảo → đã hủy, keeping its number). Signing checks the decision
    (`decisions.check_signable`), settles who signed (`decisions.settle_signer`: `signs_himself`, the leader
    signing himself, or the Office recording a paper signature; None: what the actor may do, when he may do
    only one), fixes its regime, base salary and bonuses and turns its nominations into awards
    (`decisions.on_signed`). Publishing renders and signs the PDF and writes its file BEFORE the transaction
    (`decisions.prepare_published`: seconds of work outside SQLite's write lock), and deletes the file when the
    transaction then fails. The signer's name and role, and the signed scan, are set on the draft before it is
    signed."""
    from . import decisions

    prepared = None
    if to_state == DecisionStatus.PUBLISHED:
        prepared = decisions.prepare_published(decision, actor=actor)
    try:
        return _move_decision(decision, to_state, actor=actor, reason=reason, signs_himself=signs_himself,
                              published=prepared)
    except BaseException:
        if prepared is not None:
            prepared.discard()
        raise


def _signs_himself(decision: Decision, actor, signs_himself: bool | None) -> bool:
    from . import decisions

    if signs_himself is not None:
        return signs_himself
    modes = decisions.sign_modes(actor, decision.agency_id)
    if len(modes) > 1:
        raise ValidationError({"mode": _("Bạn vừa là lãnh đạo vừa thuộc Văn phòng: hãy chọn bạn tự ký hay ghi "
                                         "nhận chữ ký trên giấy.")})
    return modes == [SignMode.SELF]


@transaction.atomic
def _move_decision(decision: Decision, to_state: str, *, actor, reason: str, signs_himself: bool | None,
                   published) -> Decision:
    """The transaction of `move_decision` (the only writer of a decision's status)."""
    from . import decisions

    decision = Decision.objects.select_for_update(of=("self",)).select_related("agency").get(pk=decision.pk)
    DECISION_FLOW.edge(decision.status, to_state, actor=actor, obj=decision)
    reason = reason.strip()
    if to_state == DecisionStatus.CANCELLED and not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do hủy dự thảo.")})
    before = _label(DecisionStatus, decision.status)
    now = timezone.now()
    changes = {"status": [before, _label(DecisionStatus, to_state)]}
    if to_state == DecisionStatus.SIGNED:
        written = (decision.signer_role, decision.signer_name)
        decisions.settle_signer(decision, actor=actor,
                                signs_himself=_signs_himself(decision, actor, signs_himself))
        if (decision.signer_role, decision.signer_name) != written:
            changes["signer"] = [" — ".join(written), f"{decision.signer_role} — {decision.signer_name}"]
        decisions.check_signable(decision)
        decisions.on_signed(decision, actor=actor)
        decision.signed_by, decision.signed_at = actor, now
    elif to_state == DecisionStatus.PUBLISHED:
        decisions.on_published(decision, actor=actor, prepared=published)
        decision.published_at = now
    elif to_state == DecisionStatus.CANCELLED:
        decision.cancel_reason = reason
    was = decision.status
    decision.status = to_state
    decision.version += 1
    decision.save()
    if DecisionStatus.PUBLISHED in (was, to_state):  # its awards come onto (or leave) the public honour roll
        from . import honour

        honour.refresh_rolls(honour.rolls_of(decision.awards.all()))
    audit.record(AuditAction.UPDATE, decision, actor=actor,
                 changes=changes, note=reason)
    url = decision.get_absolute_url()
    resolve(url)
    if to_state == DecisionStatus.SIGNED:
        notify(office_users(decision.agency_id), f"Quyết định số {decision.number_label} đã được ký.", url)
    return decision


# -- proposals to the province and further up (issue 10) -------------------------------------------------------------

def provincial_reviewers(agency: OrgUnit) -> list:
    """The provincial reviewers whose province holds the agency."""
    grants = RoleGrant.objects.filter(role=Role.PROVINCIAL_REVIEWER, is_active=True).select_related("user", "unit")
    return [g.user for g in grants if agency.path.startswith(g.unit.path)]


@transaction.atomic
def move_proposal(proposal: Proposal, to_state: str, *, actor, reason: str = "") -> Proposal:
    """dự thảo → đã gửi → đã tiếp nhận (→ đã trình Trung ương) → đã có quyết định; the province may return it
    with a reason, and the agency sends it again. Recording the decision itself (`forwarding.record_decision`)
    calls this for the last step, in its own transaction."""
    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("agency").get(pk=proposal.pk)
    PROPOSAL_FLOW.edge(proposal.status, to_state, actor=actor, obj=proposal)
    reason = reason.strip()
    if to_state == ProposalStatus.RETURNED and not reason:
        raise ValidationError({"reason": _("Hãy ghi lý do trả lại để cơ quan đề nghị biết cần bổ sung, sửa gì.")})
    if to_state == ProposalStatus.SENT and not proposal.items.exists():
        raise ValidationError(_("Tờ trình chưa có đề nghị nào."))
    if to_state in (ProposalStatus.SENT, ProposalStatus.FORWARDED):
        from .public_comment import send_problem

        problem = send_problem(proposal)  # lấy ý kiến nhân dân: held, and over
        if problem:
            raise ValidationError(problem)
    before = _label(ProposalStatus, proposal.status)
    proposal.status = to_state
    if to_state == ProposalStatus.SENT:
        proposal.sent_at, proposal.return_reason = timezone.now(), ""
    elif to_state == ProposalStatus.RETURNED:
        proposal.return_reason = reason
    proposal.version += 1
    proposal.save(update_fields=["status", "sent_at", "return_reason", "version", "updated_at"])
    audit.record(AuditAction.UPDATE, proposal, actor=actor,
                 changes={"status": [before, _label(ProposalStatus, to_state)]}, note=reason)
    url = proposal.get_absolute_url()
    resolve(url)
    if to_state == ProposalStatus.SENT:
        notify(provincial_reviewers(proposal.agency),
               f"{proposal.agency.name} gửi tờ trình số {proposal.number_label}: chờ thẩm định.", url, email=True)
    elif to_state in (ProposalStatus.RETURNED, ProposalStatus.DECIDED):
        text = (f"Tờ trình số {proposal.number_label} bị trả lại: {reason}" if to_state == ProposalStatus.RETURNED
                else f"Đã có quyết định khen thưởng về tờ trình số {proposal.number_label}.")
        notify(office_users(proposal.agency_id), text, url, email=True)
    return proposal
