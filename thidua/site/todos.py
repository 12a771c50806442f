"""Each role's to-do on the home page (issue 9 §9): the unit head what to submit, the Office what to check and which
rounds to open or close, each Council member what to vote on, the Director what the Council agreed for his
decision. Every block is a fixed number of counting queries, however many rounds, nominations or ballots there
are (a test holds it)."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Min, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from thidua.awards.enums import DecisionStatus, NominationStatus, RoundStatus, SessionStatus
from thidua.awards.models import Ballot, Decision, DecisionLine, Nomination, ReviewRound, SessionMember
from thidua.org.enums import LEADER_ROLES

#: open rounds listed for a unit head; more are behind the rounds page
ROUNDS_SHOWN = 5
ITEMS_SHOWN = 8


@dataclass
class Todo:
    text: str
    url: str
    count: int = 0
    detail: str = ""
    urgent: bool = False


def _agencies(scope, roles) -> list[int]:
    return sorted({g.unit.home_agency_id for g in scope.grants
                   if g.role in roles and g.unit_id and g.unit.home_agency_id})


def unit_head_todos(user, scope) -> list[Todo]:
    """The open rounds of his agencies with their deadlines, and his units' drafts and returned nominations in
    them (2 queries)."""
    heads = scope.head_unit_ids()
    if not heads:
        return []
    today = timezone.localdate()
    rounds = list(ReviewRound.objects.filter(movement__agency_id__in=sorted(scope.unit_agency_ids),
                                             status=RoundStatus.OPEN)
                  .only("id", "name", "submit_by").order_by("submit_by", "id")[:ROUNDS_SHOWN])
    counts: dict[tuple[int, str], int] = {}
    if rounds:
        for row in (Nomination.objects.filter(unit_id__in=heads, review_round__in=[r.pk for r in rounds],
                                              status__in=[NominationStatus.DRAFT, NominationStatus.RETURNED])
                    .values("review_round_id", "status").annotate(n=Count("id")).order_by()):
            counts[(row["review_round_id"], row["status"])] = row["n"]
    out = []
    for r in rounds:
        drafts = counts.get((r.pk, NominationStatus.DRAFT), 0)
        returned = counts.get((r.pk, NominationStatus.RETURNED), 0)
        days = (r.submit_by - today).days
        parts = []
        if drafts:
            parts.append(ngettext("%(n)s đề nghị đang soạn", "%(n)s đề nghị đang soạn", drafts) % {"n": drafts})
        if returned:
            parts.append(ngettext("%(n)s đề nghị bị trả lại cần sửa", "%(n)s đề nghị bị trả lại cần sửa",
                                  returned) % {"n": returned})
        if not parts:
            parts.append(_("chưa có đề nghị nào của đơn vị"))
        deadline = (_("hạn gửi %(day)s (còn %(n)s ngày)") % {"day": f"{r.submit_by:%d/%m/%Y}", "n": days}
                    if days >= 0 else _("đã quá hạn gửi %(day)s") % {"day": f"{r.submit_by:%d/%m/%Y}"})
        out.append(Todo(text=_("Gửi hồ sơ đề nghị: %(round)s") % {"round": r.name},
                        url=reverse("awards:round_nominations", args=[r.pk]), count=drafts + returned,
                        detail=f"{deadline}; {'; '.join(parts)}", urgent=bool(returned) or 0 <= days <= 3))
    return out


def office_todos(user, scope) -> list[Todo]:
    """The dossiers waiting for the check (how many, since when) and the rounds to open or to close (2 queries)."""
    agencies = sorted(scope.secretariat_agency_ids)
    if not agencies:
        return []
    today = timezone.localdate()
    waiting = Nomination.objects.filter(agency_id__in=agencies, status=NominationStatus.SUBMITTED).aggregate(
        n=Count("id"), oldest=Min("submitted_at"))
    rounds = ReviewRound.objects.filter(movement__agency_id__in=agencies).aggregate(
        to_open=Count("id", filter=Q(status=RoundStatus.DRAFT)),
        to_close=Count("id", filter=Q(status=RoundStatus.OPEN, submit_by__lt=today)))
    out = []
    if waiting["n"]:
        oldest = timezone.localtime(waiting["oldest"]) if waiting["oldest"] else None
        out.append(Todo(
            text=ngettext("%(n)s hồ sơ chờ kiểm tra", "%(n)s hồ sơ chờ kiểm tra", waiting["n"]) % {"n": waiting["n"]},
            url=reverse("awards:inbox"), count=waiting["n"],
            detail=_("hồ sơ gửi sớm nhất ngày %(day)s") % {"day": f"{oldest:%d/%m/%Y}"} if oldest else "",
            urgent=bool(oldest and (timezone.now() - waiting["oldest"]).days >= 7)))
    if rounds["to_open"]:
        out.append(Todo(text=ngettext("%(n)s đợt xét dự thảo chờ mở", "%(n)s đợt xét dự thảo chờ mở",
                                      rounds["to_open"]) % {"n": rounds["to_open"]},
                        url=reverse("awards:rounds"), count=rounds["to_open"]))
    if rounds["to_close"]:
        out.append(Todo(text=ngettext("%(n)s đợt xét đã quá hạn gửi, chờ đóng nhận hồ sơ",
                                      "%(n)s đợt xét đã quá hạn gửi, chờ đóng nhận hồ sơ", rounds["to_close"])
                        % {"n": rounds["to_close"]}, url=reverse("awards:rounds"), count=rounds["to_close"],
                        urgent=True))
    return out


def open_ballots(user):
    """The open ballots of the Council sessions now voting where the user sits, is not recused and has not voted."""
    sessions = SessionMember.objects.filter(user=user, session__status=SessionStatus.VOTING).values("session_id")
    return (Ballot.objects.filter(closed_at__isnull=True, item__session_id__in=sessions)
            .exclude(item__recusals__member__user=user).exclude(votes__member__user=user))


def council_todos(user, scope) -> list[Todo]:
    """Per session now voting, the items waiting for the member's vote (1 query). Whoever the session lists as a
    member (from the role grants on its date) is asked, whatever his grants today."""
    if not scope.roles:
        return []
    rows = (open_ballots(user).values("item__session_id", "item__session__name", "item__session__held_on")
            .annotate(n=Count("id")).order_by("item__session__held_on", "item__session_id")[:ITEMS_SHOWN])
    return [Todo(text=ngettext("%(n)s đề nghị chờ bạn biểu quyết", "%(n)s đề nghị chờ bạn biểu quyết", row["n"])
                 % {"n": row["n"]}, url=reverse("awards:session_vote", args=[row["item__session_id"]]),
                 count=row["n"], detail=f"{row['item__session__name']} ({row['item__session__held_on']:%d/%m/%Y})",
                 urgent=True)
            for row in rows]


def director_todos(user, scope) -> list[Todo]:
    """The draft decisions waiting for his signature (1 query); per round, what the Council agreed for his decision
    and is in no decision yet (1 query)."""
    agencies = _agencies(scope, LEADER_ROLES)
    if not agencies:
        return []
    drafts = list(Decision.objects.filter(agency_id__in=agencies, status=DecisionStatus.DRAFT)
                  .only("id", "number", "doc_type", "agency__code", "issued_on", "title").select_related("agency")
                  .order_by("issued_on", "id")[:ITEMS_SHOWN])
    waiting = [Todo(text=_("Dự thảo Quyết định số %(number)s chờ ký") % {"number": d.number_label},
                    url=reverse("awards:decision", args=[d.pk]), count=1, detail=d.title, urgent=True)
               for d in drafts]
    in_decisions = DecisionLine.objects.exclude(decision__status=DecisionStatus.CANCELLED).values("nomination_id")
    rows = (Nomination.objects.filter(agency_id__in=agencies, status=NominationStatus.AGREED_DECISION)
            .exclude(pk__in=in_decisions)
            .values("review_round_id", "review_round__name").annotate(n=Count("id"))
            .order_by("review_round_id")[:ITEMS_SHOWN])
    return waiting + [Todo(text=ngettext("%(n)s đề nghị Hội đồng thống nhất, chờ Giám đốc quyết định",
                               "%(n)s đề nghị Hội đồng thống nhất, chờ Giám đốc quyết định", row["n"])
                 % {"n": row["n"]},
                 url=reverse("awards:consolidated", args=[row["review_round_id"]]) + "?state=decision",
                 count=row["n"], detail=row["review_round__name"])
            for row in rows]


def todos(user, scope) -> list[Todo]:
    """Everything waiting for the user, the most pressing first within each role's block."""
    return [*office_todos(user, scope), *council_todos(user, scope), *director_todos(user, scope),
            *unit_head_todos(user, scope)]
