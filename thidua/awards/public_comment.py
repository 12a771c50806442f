"""Public comment (lấy ý kiến nhân dân, issue 11 §4): for the forms whose rule under the regime in force asks for it
(`FormRule.public_comment_days`), the Office opens a window on a proposal: its nominees are published on the public
site for a number of working days (core.workdays: public holidays, Tết, the Office's make-up and extra days off),
anyone may comment, the Office triages the comments, and the proposal is not sent further up while the window has
not been held or is still open (`send_problem`, asked by services.move_proposal).

A window closes by itself once its last day has passed (`close_due`, through `move_window`, the one writer of its
status) — never early. A comment keeps no address: only a keyed hash of the IPv4 address or of the IPv6 /64.
Robots are kept out without a third-party service: a honeypot field, a signed form token with a minimum fill time
and a one-time nonce, and throttles per client and per window counted under the window's row lock."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import re
import secrets
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.money import group_digits
from thidua.core.text import nfc, strip_invisible
from thidua.core.workdays import Calendar

from . import legal
from .enums import COMMENT_WINDOW_FLOW, CommentTriage, CommentWindowStatus, ProposalStatus
from .models import CommentToken, CommentWindow, FormRule, Nomination, Proposal, PublicComment

#: the longest comment (characters, after cleaning) and name
MAX_TEXT = 2000
MAX_NAME = 120
#: a form posted sooner than this after it was served is a robot's; a token older than this has expired
MIN_FILL_SECONDS = 3
TOKEN_MAX_AGE = dt.timedelta(hours=6)
#: throttles: per client on one window (a day), per client over every window (an hour), per window (an hour)
CLIENT_PER_WINDOW_DAY = 5
CLIENT_PER_HOUR = 10
WINDOW_PER_HOUR = 300
#: where a window may be opened: before the proposal goes further up
OPENABLE_STATES = (ProposalStatus.DRAFT, ProposalStatus.RETURNED)
_TOKEN_SALT = "thidua.awards.public_comment"


def _day(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _label(value: str) -> str:
    with translation.override("vi"):
        return str(CommentWindowStatus(value).label)


# -- the law: which nominations need it, for how long -----------------------------------------------------------------

@dataclass(frozen=True)
class Requirement:
    regime: object
    minimum: int  # working days
    unconfirmed: bool
    nominations: list  # the proposal's nominations whose form requires it
    forms: list[str]  # their forms' names

    @property
    def basis(self) -> str:
        forms = ", ".join(self.forms)
        text = _("%(forms)s theo %(regime)s") % {"forms": forms, "regime": self.regime.short_name or self.regime.name}
        if self.unconfirmed:
            text += _(" (số ngày chưa xác nhận)")
        return text


def requirement(proposal: Proposal, on: dt.date | None = None) -> Requirement | None:
    """What the regime in force on `on` (today) asks of the proposal: the longest minimum among its nominations'
    forms that require public comment, or None when none does."""
    on = on or timezone.localdate()
    try:
        regime = legal.regime_on(on)
    except ValidationError:
        return None
    nominations = list(Nomination.objects.filter(proposal_items__proposal=proposal)
                       .select_related("form", "person", "unit", "household").order_by("proposal_items__order", "id"))
    rules = {(r.form_id, r.recipient): r for r in FormRule.objects.filter(
        regime=regime, form_id__in={n.form_id for n in nominations}, public_comment_days__isnull=False)}
    needed = [(n, rules[(n.form_id, n.recipient)]) for n in nominations if (n.form_id, n.recipient) in rules]
    if not needed:
        return None
    top = max(r.public_comment_days for _n, r in needed)
    forms = list(dict.fromkeys(n.form.name for n, _r in needed))
    return Requirement(regime=regime, minimum=top,
                       unconfirmed=any(r.public_comment_unconfirmed for _n, r in needed),
                       nominations=[n for n, _r in needed], forms=forms)


def latest_window(proposal: Proposal) -> CommentWindow | None:
    return proposal.comment_windows.order_by("-opened_on", "-id").first()


# -- the window's life ------------------------------------------------------------------------------------------------

def closes_on(opened_on: dt.date, days: int, calendar: Calendar | None = None) -> dt.date:
    """The last day comments are taken: the `days`-th working day after `opened_on`."""
    return (calendar or Calendar()).add(opened_on, days)


@transaction.atomic
def open_window(proposal: Proposal, *, days, actor, today: dt.date | None = None) -> CommentWindow:
    """The Office publishes the proposal's nominees whose form requires public comment, from today for `days`
    working days (at least the regime's minimum). A mistake changes nothing."""
    from .roles import is_office

    proposal = Proposal.objects.select_for_update(of=("self",)).select_related("agency").get(pk=proposal.pk)
    if actor is not None and not is_office(actor, proposal.agency_id):
        raise ValidationError(_("Chỉ Văn phòng của cơ quan đề nghị được mở đợt lấy ý kiến nhân dân."))
    today = today or timezone.localdate()
    if proposal.status not in OPENABLE_STATES:
        raise ValidationError(_("Tờ trình số %(number)s đã gửi cấp trên: không mở đợt lấy ý kiến được nữa.")
                              % {"number": proposal.number_label})
    need = requirement(proposal, today)
    if need is None:
        raise ValidationError(_("Tờ trình số %(number)s không có hình thức khen thưởng nào phải lấy ý kiến nhân dân.")
                              % {"number": proposal.number_label})
    current = latest_window(proposal)
    if current is not None and current.status == CommentWindowStatus.OPEN:
        raise ValidationError(_("Tờ trình đang được lấy ý kiến nhân dân đến hết ngày %(day)s.")
                              % {"day": _day(current.closes_on)})
    try:
        days = int(days)
    except (TypeError, ValueError):
        raise ValidationError({"days": _("Hãy nhập số ngày làm việc lấy ý kiến (số nguyên).")}) from None
    if days < need.minimum:
        raise ValidationError({"days": _(
            "Thời gian lấy ý kiến phải ít nhất %(minimum)s ngày làm việc (%(basis)s); bạn nhập %(days)s ngày.")
            % {"minimum": need.minimum, "basis": need.basis, "days": days}})
    if days > 60:
        raise ValidationError({"days": _("Thời gian lấy ý kiến dài nhất 60 ngày làm việc.")})
    window = CommentWindow.objects.create(
        proposal=proposal, days=days, minimum_days=need.minimum, regime=need.regime, opened_on=today,
        closes_on=closes_on(today, days), opened_by=actor if getattr(actor, "pk", None) else None)
    window.nominations.set(need.nominations)
    audit.record(AuditAction.CREATE, window, actor=actor,
                 changes={"status": ["", _label(CommentWindowStatus.OPEN)], "days": days,
                          "closes_on": window.closes_on.isoformat()},
                 note=_("Mở lấy ý kiến nhân dân %(days)s ngày làm việc, đến hết ngày %(day)s")
                 % {"days": days, "day": _day(window.closes_on)})
    return window


@transaction.atomic
def move_window(window: CommentWindow, to_state: str, *, actor=None, today: dt.date | None = None) -> CommentWindow:
    """The one writer of a window's status (enums.COMMENT_WINDOW_FLOW): it closes once its last day has passed,
    never before."""
    window = CommentWindow.objects.select_for_update(of=("self",)).get(pk=window.pk)
    COMMENT_WINDOW_FLOW.edge(window.status, to_state, obj=window)
    today = today or timezone.localdate()
    if to_state == CommentWindowStatus.CLOSED and today <= window.closes_on:
        raise ValidationError(_("Đợt lấy ý kiến kéo dài đến hết ngày %(day)s: không kết thúc sớm được.")
                              % {"day": _day(window.closes_on)})
    before = window.status
    window.status = to_state
    window.closed_at = timezone.now()
    window.save(update_fields=["status", "closed_at"])
    audit.record(AuditAction.UPDATE, window, actor=actor,
                 changes={"status": [_label(before), _label(to_state)]}, ip="",  # may run on a visitor's request
                 note=_("Hết hạn lấy ý kiến ngày %(day)s") % {"day": _day(window.closes_on)})
    return window


def close_due(today: dt.date | None = None) -> int:
    """Close every open window whose last day has passed (asked by the pages and before a proposal is sent)."""
    today = today or timezone.localdate()
    due = list(CommentWindow.objects.filter(status=CommentWindowStatus.OPEN, closes_on__lt=today))
    for window in due:
        move_window(window, CommentWindowStatus.CLOSED, today=today)
    return len(due)


def is_open(window: CommentWindow, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return window.status == CommentWindowStatus.OPEN and window.opened_on <= today <= window.closes_on


def send_problem(proposal: Proposal, today: dt.date | None = None) -> str | None:
    """Why the proposal may not go further up yet: a required window not held, or still open."""
    today = today or timezone.localdate()
    need = requirement(proposal, today)
    window = latest_window(proposal)
    if window is None:
        if need is None:
            return None
        return _("Tờ trình có %(forms)s phải lấy ý kiến nhân dân ít nhất %(minimum)s ngày làm việc trước khi gửi "
                 "cấp trên: hãy mở đợt lấy ý kiến.") % {"forms": ", ".join(need.forms), "minimum": need.minimum}
    if today <= window.closes_on:
        return _("Tờ trình đang được lấy ý kiến nhân dân đến hết ngày %(day)s: chỉ gửi cấp trên từ ngày làm việc "
                 "sau ngày này.") % {"day": _day(window.closes_on)}
    if window.status == CommentWindowStatus.OPEN:
        move_window(window, CommentWindowStatus.CLOSED, today=today)
    return None


# -- the public side --------------------------------------------------------------------------------------------------

def open_windows(today: dt.date | None = None):
    today = today or timezone.localdate()
    close_due(today)
    return (CommentWindow.objects.filter(status=CommentWindowStatus.OPEN, opened_on__lte=today)
            .select_related("proposal", "proposal__agency").order_by("closes_on", "id"))


def client_key(ip: str) -> str:
    """A keyed hash of the client: its IPv4 address, or the /64 prefix of its IPv6 address (one household's
    network); the address itself is never stored."""
    try:
        address = ipaddress.ip_address((ip or "").strip())
    except ValueError:
        subject = "unknown"
    else:
        if address.version == 6 and address.ipv4_mapped is not None:
            address = address.ipv4_mapped
        if address.version == 6:
            subject = str(ipaddress.ip_network(f"{address}/64", strict=False))
        else:
            subject = str(address)
    key = hashlib.sha256(f"{_TOKEN_SALT}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, subject.encode(), hashlib.sha256).hexdigest()


def make_token(window: CommentWindow, *, at: dt.datetime | None = None) -> str:
    """The comment form's signed token: the window, when the form was served, and a one-time nonce."""
    at = at or timezone.now()
    return signing.dumps({"w": window.pk, "t": int(at.timestamp()), "n": secrets.token_urlsafe(18)},
                         salt=_TOKEN_SALT, compress=False)


class Refused(ValidationError):
    """A comment refused as a whole (a robot, a replay, a throttle): the message is generic."""


def _generic() -> Refused:
    return Refused(_("Không gửi được ý kiến. Hãy tải lại trang, viết lại ý kiến rồi gửi."))


def _check_token(token: str, window: CommentWindow, now: dt.datetime) -> str:
    try:
        data = signing.loads(token or "", salt=_TOKEN_SALT)
        served = dt.datetime.fromtimestamp(int(data["t"]), tz=dt.UTC)
        nonce = str(data["n"])
        window_id = int(data["w"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise _generic() from None
    age = now - served
    if window_id != window.pk or age < dt.timedelta(seconds=MIN_FILL_SECONDS) or age > TOKEN_MAX_AGE:
        raise _generic()
    return nonce


_LINE_SPACES = re.compile(r"[^\S\n]+")
_BLANK_LINES = re.compile(r"\n{3,}")


def clean_text(text: str | None) -> str:
    """A comment as plain text: NFC, invisible characters removed, spaces collapsed within a line, at most one
    empty line in a row. Markup is kept as typed (it is shown escaped)."""
    text = unicodedata.normalize("NFC", strip_invisible(str(text or "").replace("\r\n", "\n").replace("\r", "\n")))
    lines = [_LINE_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return _BLANK_LINES.sub("\n\n", "\n".join(lines)).strip()


def check_fields(*, name: str, text: str) -> tuple[str, str]:
    """The visitor's name and text cleaned, or a ValidationError naming the field."""
    name, text = nfc(name), clean_text(text)
    errors = {}
    if not text:
        errors["text"] = _("Hãy viết nội dung ý kiến.")
    elif len(text) > MAX_TEXT:
        errors["text"] = _("Ý kiến dài %(n)s ký tự, quá giới hạn %(max)s ký tự: hãy viết ngắn lại.") % {
            "n": group_digits(len(text)), "max": group_digits(MAX_TEXT)}
    if len(name) > MAX_NAME:
        errors["name"] = _("Họ và tên dài quá %(max)s ký tự.") % {"max": MAX_NAME}
    if errors:
        raise ValidationError(errors)
    return name, text


def submit_comment(window: CommentWindow, *, nominee_id, name: str, text: str, token: str, honeypot: str, ip: str,
                   ) -> PublicComment:
    """A visitor's comment on one of the window's nominees. Robots (honeypot, a token too fresh, expired, of
    another window or used before) and throttled clients get a generic refusal; a bad field a message of its
    own. The throttles are counted and the comment written under the window's row lock."""
    now = timezone.now()
    if honeypot:
        raise _generic()
    nonce = _check_token(token, window, now)
    name, text = check_fields(name=name, text=text)
    key = client_key(ip)
    with transaction.atomic():
        window = CommentWindow.objects.select_for_update(of=("self",)).get(pk=window.pk)
        if not is_open(window, timezone.localdate()):
            raise Refused(_("Đợt lấy ý kiến đã kết thúc: không nhận thêm ý kiến."))
        # one of the window's nominees still in its proposal (the Office may take one out while the window runs)
        nominee = (window.nominations.filter(proposal_items__proposal_id=window.proposal_id)
                   .filter(pk=nominee_id if str(nominee_id).isdigit() else None).first())
        if nominee is None:
            raise ValidationError({"nominee": _("Hãy chọn người, tập thể bạn góp ý.")})
        try:
            with transaction.atomic():
                CommentToken.objects.create(nonce=nonce[:64])
        except IntegrityError:
            raise _generic() from None
        comments = PublicComment.objects
        if (comments.filter(window=window, client_key=key, submitted_at__gte=now - dt.timedelta(days=1)).count()
                >= CLIENT_PER_WINDOW_DAY
                or comments.filter(client_key=key, submitted_at__gte=now - dt.timedelta(hours=1)).count()
                >= CLIENT_PER_HOUR
                or comments.filter(window=window, submitted_at__gte=now - dt.timedelta(hours=1)).count()
                >= WINDOW_PER_HOUR):
            raise Refused(_("Bạn đã gửi nhiều ý kiến trong thời gian ngắn: hãy thử lại sau."))
        return comments.create(window=window, nominee=nominee, name=name, text=text, client_key=key)


def purge_tokens(now: dt.datetime | None = None) -> int:
    """Forget the nonces of tokens that have expired anyway."""
    now = now or timezone.now()
    return CommentToken.objects.filter(used_at__lt=now - TOKEN_MAX_AGE - dt.timedelta(hours=1)).delete()[0]


# -- the Office's triage ----------------------------------------------------------------------------------------------

@transaction.atomic
def triage(comment: PublicComment, state: str, *, note: str = "", actor) -> PublicComment:
    """The Office marks a comment (not relevant, grounded and to verify, verified), with a note; an audit row keeps
    the old and the new marking."""
    from .roles import is_office

    comment = (PublicComment.objects.select_for_update(of=("self",)).select_related("window__proposal", "nominee")
               .get(pk=comment.pk))
    if not is_office(actor, comment.window.proposal.agency_id):
        raise ValidationError(_("Chỉ Văn phòng của cơ quan đề nghị được xem xét ý kiến."))
    if state not in CommentTriage.values:
        raise ValidationError({"triage": _("Hãy chọn kết quả xem xét.")})
    note = nfc(note)
    if len(note) > MAX_TEXT:
        raise ValidationError({"note": _("Ghi chú dài quá %(max)s ký tự.") % {"max": MAX_TEXT}})
    if state in (CommentTriage.TO_VERIFY, CommentTriage.VERIFIED) and not note:
        raise ValidationError({"note": _("Hãy ghi chú cần xác minh gì, hoặc kết quả xác minh.")})
    with translation.override("vi"):
        before, after = str(CommentTriage(comment.triage).label), str(CommentTriage(state).label)
    comment.triage, comment.triage_note = state, note
    comment.triaged_by, comment.triaged_at = actor, timezone.now()
    comment.save(update_fields=["triage", "triage_note", "triaged_by", "triaged_at"])
    audit.record(AuditAction.UPDATE, comment, actor=actor, changes={"triage": [before, after]}, note=note)
    return comment
