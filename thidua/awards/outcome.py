"""What became of a nomination after the Council's result: the agency's decision that awards it (draft, signed,
published, revoked), or the proposal that carries it to the province and the higher decision recorded on it.

The nomination's page shows these as the last steps of its path, so that a nomination in a signed decision ends on
"Đã khen thưởng — Quyết định số …" with a link to the decision, never on "trình Giám đốc quyết định"."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext

from . import scoping
from .enums import DecisionStatus, NominationStatus, ProposalStatus
from .models import Award, DecisionLine, Nomination, ProposalItem


@dataclass(frozen=True)
class Step:
    label: str
    holder: str = ""
    state: str = "current"  # "done" | "current"
    url: str = ""
    #: the step ends the path (an award made, revoked or refused): nobody holds the nomination any more
    final: bool = False


def _day(value) -> str:
    return f"{value:%d/%m/%Y}"


def _awarded(number: str, day) -> str:
    return gettext("Đã khen thưởng — Quyết định số %(number)s ngày %(day)s") % {"number": number, "day": _day(day)}


def _revoked(award: Award | None) -> Step | None:
    if award is None or award.revoked_on is None:
        return None
    revocation = getattr(award, "revocation", None)
    if revocation is not None:
        label = gettext("Đã thu hồi — Quyết định số %(number)s ngày %(day)s") % {
            "number": revocation.decision_number, "day": _day(revocation.decision_date)}
    else:
        label = gettext("Đã thu hồi ngày %(day)s") % {"day": _day(award.revoked_on)}
    return Step(label, final=True)


def _award_of(nomination: Nomination, **where) -> Award | None:
    return (Award.objects.filter(nomination=nomination, **where).select_related("revocation")
            .order_by("-decision_date", "-id").first())


def _document(document, visible) -> tuple[str, dict]:
    """A decision's or a tờ trình's link (only for a user who may read it: `visible`, its scoping list) and the
    number and date its step reads."""
    url = document.get_absolute_url() if visible.filter(pk=document.pk).exists() else ""
    return url, {"number": document.number_label, "day": _day(document.issued_on)}


def _decision_steps(user, nomination: Nomination) -> list[Step]:
    line = (DecisionLine.objects.filter(nomination=nomination).exclude(decision__status=DecisionStatus.CANCELLED)
            .select_related("decision", "decision__agency").order_by("-decision__issued_on", "-id").first())
    if line is None:
        return [Step(gettext("Chờ lập quyết định khen thưởng"), gettext("Văn phòng"))]
    decision = line.decision
    url, values = _document(decision, scoping.visible_decisions(user))
    if decision.status == DecisionStatus.DRAFT:
        return [Step(gettext("Dự thảo Quyết định số %(number)s ngày %(day)s, chờ ký") % values,
                     gettext("Giám đốc"), url=url)]
    label = (gettext("Đã khen thưởng — Quyết định số %(number)s ngày %(day)s (đã công bố)") % values
             if decision.status == DecisionStatus.PUBLISHED else _awarded(decision.number_label, decision.issued_on))
    revoked = _revoked(_award_of(nomination, decision=decision))
    if revoked is not None:
        return [Step(label, state="done", url=url), revoked]
    return [Step(label, url=url, final=True)]


def _proposal_steps(user, nomination: Nomination) -> list[Step]:
    item = (ProposalItem.objects.filter(nomination=nomination)
            .select_related("proposal", "proposal__agency", "higher_decision").order_by("-proposal__issued_on", "-id")
            .first())
    if item is None:
        return [Step(gettext("Chờ lập tờ trình đề nghị cấp trên"), gettext("Văn phòng"))]
    proposal = item.proposal
    url, values = _document(proposal, scoping.visible_proposals(user))
    if proposal.status == ProposalStatus.DRAFT:
        return [Step(gettext("Dự thảo Tờ trình số %(number)s, chưa gửi") % values, gettext("Văn phòng"), url=url)]
    if proposal.status == ProposalStatus.RETURNED:
        return [Step(gettext("Cấp trên trả lại Tờ trình số %(number)s") % values, gettext("Văn phòng"), url=url)]
    sent = Step(gettext("Đã trình cấp trên — Tờ trình số %(number)s ngày %(day)s") % values,
                gettext("Trung ương") if proposal.status == ProposalStatus.FORWARDED else gettext("cấp tỉnh"), url=url)
    if item.awarded is None:
        return [sent]
    done = Step(sent.label, state="done", url=url)
    higher = item.higher_decision
    if item.awarded is False:
        return [done, Step(gettext("Cấp trên không khen thưởng"), final=True)]
    label = gettext("Đã khen thưởng — Quyết định số %(number)s ngày %(day)s của %(authority)s") % {
        "number": higher.number, "day": _day(higher.issued_on), "authority": higher.authority}
    revoked = _revoked(_award_of(nomination, higher_decision=higher))
    if revoked is not None:
        return [done, Step(label, state="done"), revoked]
    return [done, Step(label, final=True)]


def after_council(user, nomination: Nomination) -> list[Step]:
    """The steps after the Council's result, the last one current; none for a nomination not agreed or not yet
    decided by the Council."""
    if nomination.status == NominationStatus.AGREED_DECISION:
        return _decision_steps(user, nomination)
    if nomination.status == NominationStatus.AGREED_PROVINCE:
        return _proposal_steps(user, nomination)
    return []


def awarded_labels(nominations) -> dict[int, str]:
    """For a list: "Đã khen thưởng — QĐ số …" of the nominations among `nominations` that a signed or published
    decision of the agency, or a recorded higher decision, awards (and "Đã thu hồi" of a revoked one) — three queries
    whatever the list's length."""
    ids = [n.pk for n in nominations if n.status in (NominationStatus.AGREED_DECISION, NominationStatus.AGREED_PROVINCE)]
    if not ids:
        return {}
    out: dict[int, str] = {}
    signed = (DecisionStatus.SIGNED, DecisionStatus.PUBLISHED)
    for line in (DecisionLine.objects.filter(nomination_id__in=ids, decision__status__in=signed)
                 .select_related("decision", "decision__agency").order_by("decision__issued_on", "id")):
        out[line.nomination_id] = _awarded(line.decision.number_label, line.decision.issued_on)
    for item in (ProposalItem.objects.filter(nomination_id__in=ids, awarded=True, higher_decision__isnull=False)
                 .select_related("higher_decision").order_by("higher_decision__issued_on", "id")):
        out[item.nomination_id] = _awarded(item.higher_decision.number, item.higher_decision.issued_on)
    for award in Award.objects.filter(nomination_id__in=list(out), revoked_on__isnull=False).only(
            "nomination_id", "revoked_on"):
        out[award.nomination_id] = gettext("Đã thu hồi ngày %(day)s") % {"day": _day(award.revoked_on)}
    return out
