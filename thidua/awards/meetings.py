"""The unit's review meeting (họp bình xét): its result per nominee is computed — more than half of those present
agree — and a nominee below that cannot be forwarded."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.db import startswith_q
from thidua.core.models import AuditAction
from thidua.core.text import nfc
from thidua.org.history import staff_between, staff_on
from thidua.org.models import OrgUnit, Person
from thidua.org.scoping import get_scope
from thidua.participation.evidence import remove_written

from .enums import UNIT_STATES, DossierPart, RoundStatus
from .models import DossierFile, MeetingVote, Nomination, ReviewMeeting, ReviewRound
from .roles import is_office
from .scans import check_scan


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


# -- holding and recording a meeting ---------------------------------------------------------------------------------

@dataclass
class Tally:
    nomination: Nomination
    agree: int = 0
    disagree: int = 0
    abstain: int = 0


def may_hold(user, review_round: ReviewRound, unit: OrgUnit) -> bool:
    """The head of the unit (his subtree) or the Office of the round's agency."""
    return is_office(user, review_round.movement.agency_id) or get_scope(user).heads(unit)


def proposed(review_round: ReviewRound, unit: OrgUnit) -> list[Nomination]:
    """The nominations the unit's meeting reviews: its own in the round that are still with the unit."""
    return list(Nomination.objects.filter(review_round=review_round, unit=unit, status__in=sorted(UNIT_STATES))
                .select_related("person", "household", "form", "unit").order_by("recipient", "person__sort_key", "id"))


def candidates(review_round: ReviewRound, unit: OrgUnit) -> QuerySet[Person]:
    """Who may be chosen as chair, secretary, attendee or absentee: who served in the unit during the round's
    period, or works there now."""
    from .evidence import round_period

    start, end = round_period(review_round)
    end = max(end, timezone.localdate())
    served = staff_between(unit.path, start, end).values("id")
    current = Person.objects.filter(startswith_q("unit__path", unit.path), is_active=True).values("id")
    return Person.objects.filter(Q(pk__in=served) | Q(pk__in=current)).select_related("unit")


def _of_unit_on(unit: OrgUnit, day) -> set[int]:
    on_day = set(staff_on(unit.path, day).values_list("id", flat=True))
    current = set(Person.objects.filter(startswith_q("unit__path", unit.path), is_active=True)
                  .values_list("id", flat=True))
    return on_day | current


def editable_problem(meeting: ReviewMeeting) -> str | None:
    """Why the meeting can no longer be changed, or None."""
    if meeting.review_round.status != RoundStatus.OPEN:
        return _("Đợt xét “%(round)s” không nhận hồ sơ (%(state)s): cuộc họp không sửa được nữa.") % {
            "round": meeting.review_round.name, "state": meeting.review_round.get_status_display()}
    sent = [v.nomination.nominee_name for v in meeting.votes.select_related("nomination__person",
                                                                           "nomination__household",
                                                                           "nomination__unit")
            if v.nomination.status not in UNIT_STATES]
    if sent:
        return _("Đề nghị của %(names)s đã được gửi đi theo kết quả cuộc họp này: không sửa cuộc họp được nữa.") % {
            "names": ", ".join(sent)}
    return None


def _check(review_round: ReviewRound, unit: OrgUnit, *, held_on, chair: Person, secretary: Person,
           attendees: list[Person], absentees: list[Person], tallies: list[Tally]) -> None:
    errors: dict[str, list[str]] = {}
    day = held_on.strftime("%d/%m/%Y")
    if held_on > timezone.localdate():
        errors.setdefault("held_on", []).append(_("Ngày họp %(day)s chưa đến: chỉ ghi cuộc họp đã diễn ra.") % {
            "day": day})
    allowed = _of_unit_on(unit, held_on)
    for field_name, people in (("chair", [chair]), ("secretary", [secretary]), ("attendees", attendees),
                               ("absentees", absentees)):
        for person in people:
            if person.pk not in allowed:
                errors.setdefault(field_name, []).append(
                    _("%(name)s không thuộc %(unit)s vào ngày họp %(day)s.") % {
                        "name": person.full_name, "unit": unit.name, "day": day})
    if chair.pk == secretary.pk:
        errors.setdefault("secretary", []).append(_("Chủ trì và thư ký cuộc họp phải là hai người khác nhau."))
    both = sorted({p.pk for p in attendees} & {p.pk for p in absentees})
    if both:
        names = ", ".join(p.full_name for p in attendees if p.pk in both)
        errors.setdefault("absentees", []).append(
            _("%(names)s vừa có mặt vừa vắng mặt: mỗi người chỉ ở một danh sách.") % {"names": names})
    present = {p.pk for p in attendees}
    for role, person in (("chair", chair), ("secretary", secretary)):
        if person.pk not in present:
            errors.setdefault(role, []).append(_("%(name)s phải có trong danh sách người dự họp.") % {
                "name": person.full_name})
    open_ids = {n.pk for n in proposed(review_round, unit)}
    for tally in tallies:
        if tally.nomination.pk not in open_ids:
            errors.setdefault("__all__", []).append(
                _("Đề nghị “%(name)s” không còn ở đơn vị (đã gửi đi hoặc không thuộc đơn vị): không biểu quyết "
                  "lại được.") % {"name": tally.nomination.nominee_name})
            continue
        cast = tally.agree + tally.disagree + tally.abstain
        if cast > len(present):
            errors.setdefault(f"votes-{tally.nomination.pk}", []).append(
                _("Số phiếu cho %(name)s (%(cast)s) lớn hơn số người dự họp (%(present)s).") % {
                    "name": tally.nomination.nominee_name, "cast": cast, "present": len(present)})
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def save_meeting(review_round: ReviewRound, unit: OrgUnit, *, actor, held_on, chair: Person, secretary: Person,
                 attendees: list[Person], absentees: list[Person], tallies: list[Tally], place: str = "",
                 note: str = "", meeting: ReviewMeeting | None = None) -> ReviewMeeting:
    """Create (meeting None) or change a review meeting and its votes; everything is checked first and nothing
    is written when anything is wrong. The result per nominee is never stored: it is computed (`passes`)."""
    if not may_hold(actor, review_round, unit):
        raise ValidationError(_("Chỉ trưởng đơn vị hoặc Văn phòng được ghi cuộc họp bình xét của đơn vị."))
    if review_round.status != RoundStatus.OPEN:
        raise ValidationError(_("Đợt xét “%(round)s” không nhận hồ sơ (%(state)s).") % {
            "round": review_round.name, "state": review_round.get_status_display()})
    if meeting is not None:
        problem = editable_problem(meeting)
        if problem:
            raise ValidationError(problem)
    _check(review_round, unit, held_on=held_on, chair=chair, secretary=secretary, attendees=attendees,
           absentees=absentees, tallies=tallies)
    creating = meeting is None
    if creating:
        meeting = ReviewMeeting(review_round=review_round, unit=unit, created_by=actor)
        before = {}
    else:
        before = _summary(meeting)
    meeting.held_on, meeting.place, meeting.note = held_on, nfc(place).strip(), nfc(note).strip()
    meeting.chair, meeting.secretary = chair, secretary
    meeting.save()
    meeting.attendees.set(attendees)
    meeting.absentees.set(absentees)
    keep = []
    for tally in tallies:
        vote, _created = MeetingVote.objects.update_or_create(
            meeting=meeting, nomination=tally.nomination,
            defaults={"agree": tally.agree, "disagree": tally.disagree, "abstain": tally.abstain})
        keep.append(vote.pk)
    # a nominee no longer proposed loses this meeting's vote only while his nomination is still with the unit
    meeting.votes.exclude(pk__in=keep).filter(nomination__status__in=sorted(UNIT_STATES)).delete()
    after = _summary(meeting)
    audit.record(AuditAction.CREATE if creating else AuditAction.UPDATE, meeting, actor=actor,
                 target_repr=meeting_label(meeting), changes={k: [before.get(k), v] for k, v in after.items()
                                                              if before.get(k) != v})
    return meeting


def meeting_label(meeting: ReviewMeeting) -> str:
    return _("Họp bình xét ngày %(day)s — %(unit)s") % {"day": meeting.held_on.strftime("%d/%m/%Y"),
                                                         "unit": meeting.unit.name}


def _summary(meeting: ReviewMeeting) -> dict:
    """What the audit row keeps of a meeting: its people and each nominee's tally, as text."""
    votes = meeting.votes.select_related("nomination__person", "nomination__household", "nomination__unit")
    return {
        "held_on": meeting.held_on.strftime("%d/%m/%Y"), "place": meeting.place,
        "chair": meeting.chair.full_name, "secretary": meeting.secretary.full_name,
        "attendees": ", ".join(sorted(p.full_name for p in meeting.attendees.all())),
        "absentees": ", ".join(sorted(p.full_name for p in meeting.absentees.all())),
        "note": meeting.note,
        "votes": "; ".join(f"{v.nomination.nominee_name}: {v.agree}/{v.disagree}/{v.abstain}"
                           for v in sorted(votes, key=lambda v: v.nomination_id)),
    }


@dataclass
class Result:
    """A nominee's line in the meeting: the tally, the share of those present, the computed result, and why he
    cannot go forward when he cannot."""

    vote: MeetingVote
    present: int
    passed: bool
    problem: str | None

    @property
    def percent(self) -> str:
        if not self.present:
            return "0"
        return f"{self.vote.agree * 100 / self.present:.1f}".replace(".", ",")


def results(meeting: ReviewMeeting) -> list[Result]:
    present = meeting.attendees.count()
    votes = list(meeting.votes.select_related("nomination__person", "nomination__household", "nomination__unit",
                                              "nomination__form", "nomination__review_round")
                 .order_by("nomination__recipient", "nomination__person__sort_key", "nomination_id"))
    out = []
    for vote in votes:
        ok = passes(vote, present)
        problem = None
        if not ok:
            problem = meeting_problem(vote.nomination) if latest_vote(vote.nomination) == vote else None
            problem = problem or _("Không đạt quá bán số người dự họp: đề nghị không được gửi đi.")
        out.append(Result(vote, present, ok, problem))
    return out


# -- the minutes (biên bản họp bình xét) -----------------------------------------------------------------------------

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def minutes_filename(meeting: ReviewMeeting, ext: str) -> str:
    return f"bien-ban-hop-binh-xet-{meeting.held_on:%Y%m%d}-{meeting.pk}.{ext}"


def attach_minutes(meeting: ReviewMeeting, *, actor) -> list[DossierFile]:
    """Generate the minutes (DOCX) and file them in the dossier of each nominee voted on that is still with the
    unit, as its "biên bản họp bình xét" (generated). Returns the files made."""
    from .minutes import minutes_docx

    data = minutes_docx(meeting)
    made = []
    for vote in meeting.votes.select_related("nomination"):
        nomination = vote.nomination
        if nomination.status not in UNIT_STATES:
            continue
        part = DossierFile(nomination=nomination, part=DossierPart.UNIT_MINUTES, generated=True,
                           filename=minutes_filename(meeting, "docx"), content_type=DOCX_TYPE, size=len(data),
                           uploaded_by=actor)
        part.file.save(f"{uuid.uuid4().hex[:16]}.docx", ContentFile(data), save=False)
        part.save()
        audit.record(AuditAction.CREATE, nomination, actor=actor, note=_("Đưa biên bản họp bình xét ngày %(day)s "
                     "vào hồ sơ") % {"day": meeting.held_on.strftime("%d/%m/%Y")})
        made.append(part)
    return made


@transaction.atomic
def upload_scan(meeting: ReviewMeeting, upload, *, actor) -> ReviewMeeting:
    """The signed minutes, scanned (PDF or image, checked by content, within the size limit): kept on the meeting
    and filed in each open nominee's dossier, where it is the latest minutes."""
    if not may_hold(actor, meeting.review_round, meeting.unit):
        raise ValidationError(_("Chỉ trưởng đơn vị hoặc Văn phòng được tải lên biên bản."))
    problem = editable_problem(meeting)
    if problem:  # the signed minutes the nominations were sent with are not swapped afterwards
        raise ValidationError(problem)
    checked = check_scan(upload)
    written = []
    try:
        name = f"{uuid.uuid4().hex[:16]}.{checked.extension}"
        meeting.signed_scan.save(name, ContentFile(checked.data), save=False)
        written.append(meeting.signed_scan)
        meeting.save(update_fields=["signed_scan", "updated_at"])
        content_type = scan_content_type(checked.extension)
        for vote in meeting.votes.select_related("nomination"):
            if vote.nomination.status not in UNIT_STATES:
                continue
            part = DossierFile(nomination=vote.nomination, part=DossierPart.UNIT_MINUTES, generated=False,
                               filename=minutes_filename(meeting, checked.extension).replace("bien-ban",
                                                                                             "bien-ban-da-ky"),
                               content_type=content_type, size=len(checked.data), uploaded_by=actor)
            part.file.save(f"{uuid.uuid4().hex[:16]}.{checked.extension}", ContentFile(checked.data), save=False)
            written.append(part.file)
            part.save()
        audit.record(AuditAction.UPDATE, meeting, actor=actor, target_repr=meeting_label(meeting),
                     changes={"signed_scan": [None, checked.name]}, note=_("Tải lên biên bản đã ký"))
    except Exception:
        remove_written(written)
        raise
    return meeting


def scan_content_type(extension: str) -> str:
    return {"pdf": "application/pdf", "png": "image/png", "webp": "image/webp"}.get(extension, "image/jpeg")
