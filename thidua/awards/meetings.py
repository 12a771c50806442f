"""The unit's review meeting (họp bình xét): its result per nominee is computed — more than half of those present
agree — and a nominee below that cannot be forwarded."""

from __future__ import annotations

from django.utils.translation import gettext as _

from .models import MeetingVote, Nomination


def latest_vote(nomination: Nomination) -> MeetingVote | None:
    return (MeetingVote.objects.filter(nomination=nomination).select_related("meeting")
            .order_by("-meeting__held_on", "-id").first())


def passes(vote: MeetingVote, attendees: int) -> bool:
    """More than half of those present agreed."""
    return attendees > 0 and vote.agree * 2 > attendees


def meeting_problem(nomination: Nomination) -> str | None:
    """Why the unit's meeting does not let the nomination go forward, or None when it does."""
    vote = latest_vote(nomination)
    if vote is None:
        return _("Chưa có kết quả họp bình xét của đơn vị cho đề nghị này.")
    attendees = vote.meeting.attendees.count()
    if not passes(vote, attendees):
        return _("Cuộc họp bình xét ngày %(day)s chỉ có %(agree)s/%(present)s người dự họp đồng ý (cần quá bán).") % {
            "day": vote.meeting.held_on.strftime("%d/%m/%Y"), "agree": vote.agree, "present": attendees}
    return None
