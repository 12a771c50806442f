"""Throttles for signing in and for password-reset requests, kept in the database (ThrottleEvent) so that
every process of the application sees the same counts.

Signing in: the failures are counted per account (on the user name as the login form and the auth backend
match it: NFKC, then case-folded, so "ｈoidong" and "HoiDong" are one account) and per client address, over
the last day. The first LOGIN_FAILURE_LIMIT failures of an account (LOGIN_ADDRESS_FAILURE_LIMIT of an
address, whatever the names) cost nothing; each further one makes the next attempt wait, 1 minute, then 2, 4,
8, … up to LOGIN_LOCKOUT_MINUTES. An attempt made while a wait runs is refused without looking at the
password and is not counted, so it does not make the wait longer. A successful login clears the account's
count. A stranger who types someone's name cannot keep him out: the account's wait does not apply at an
address from which the account signed in during the last 30 days, and the stranger's own address is
throttled on its own count.

Password reset: at most PASSWORD_RESET_LIMIT requests per e-mail address and PASSWORD_RESET_ADDRESS_LIMIT per
client address within an hour."""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Max
from django.utils import timezone

from .models import AuditAction, AuditEvent, ThrottleEvent

LOGIN_ACCOUNT = "login_account"
LOGIN_ADDRESS = "login_address"
RESET_EMAIL = "reset_email"
RESET_ADDRESS = "reset_address"

COUNT_WINDOW = dt.timedelta(days=1)
KNOWN_ADDRESS_DAYS = 30
RESET_WINDOW = dt.timedelta(hours=1)
FIRST_DELAY = dt.timedelta(minutes=1)


def now() -> dt.datetime:
    return timezone.now()


def username_key(username: str | None) -> str:
    """The user name as the login form normalises it (NFKC), case-folded: one key for every spelling that
    reaches the same account (and for spellings that differ only in case, which count against it too)."""
    text = unicodedata.normalize("NFKC", str(username or "")).strip()
    return unicodedata.normalize("NFKC", text.casefold())[:150]


def email_key(email: str | None) -> str:
    return unicodedata.normalize("NFKC", str(email or "")).strip().casefold()[:200]


def delay_for(failures: int, free: int) -> dt.timedelta:
    """The wait after `failures` counted failures when `free` of them cost nothing: none up to `free`, then
    1, 2, 4, … minutes, capped at LOGIN_LOCKOUT_MINUTES."""
    if failures < free:
        return dt.timedelta(0)
    cap = dt.timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)
    steps = min(failures - free, 20)
    return min(FIRST_DELAY * (2**steps), cap)


@dataclass
class Wait:
    seconds: int

    def __bool__(self) -> bool:
        return self.seconds > 0

    @property
    def text(self) -> str:
        from django.utils.translation import ngettext

        if self.seconds < 60:
            return ngettext("%(n)d giây", "%(n)d giây", self.seconds) % {"n": self.seconds}
        minutes = -(-self.seconds // 60)
        return ngettext("%(n)d phút", "%(n)d phút", minutes) % {"n": minutes}


def _counted(scope: str, key: str, since: dt.datetime) -> tuple[int, dt.datetime | None]:
    rows = ThrottleEvent.objects.filter(scope=scope, key=key, at__gte=since)
    summary = rows.aggregate(last=Max("at"))
    return (rows.count() if summary["last"] else 0), summary["last"]


def _remaining(scope: str, key: str, free: int, at: dt.datetime) -> int:
    failures, last = _counted(scope, key, at - COUNT_WINDOW)
    if not failures:
        return 0
    left = (last + delay_for(failures, free) - at).total_seconds()
    return max(0, int(left + 0.999))


def _user_id(key: str) -> int | None:
    from django.contrib.auth import get_user_model

    model = get_user_model()
    return model.objects.filter(**{f"{model.USERNAME_FIELD}__iexact": key}).values_list("pk", flat=True).first()


def _known_address(user_id: int | None, ip: str, at: dt.datetime) -> bool:
    if user_id is None or not ip:
        return False
    return AuditEvent.objects.filter(
        action=AuditAction.LOGIN, target_type="auth.user", target_id=str(user_id), ip=ip,
        at__gte=at - dt.timedelta(days=KNOWN_ADDRESS_DAYS),
    ).exists()


def login_wait(username: str, ip: str) -> Wait:
    """How long this attempt must wait (Wait(0): it may try now)."""
    at = now()
    key = username_key(username)
    waits = [_remaining(LOGIN_ADDRESS, ip, settings.LOGIN_ADDRESS_FAILURE_LIMIT, at)] if ip else []
    if key:
        account = _remaining(LOGIN_ACCOUNT, key, settings.LOGIN_FAILURE_LIMIT, at)
        if account and not _known_address(_user_id(key), ip, at):
            waits.append(account)
    return Wait(max(waits, default=0))


def login_failed(username: str, ip: str) -> None:
    """Count a failed attempt (one that was allowed and got a wrong password)."""
    at = now()
    key = username_key(username)
    rows = []
    if key:
        rows.append(ThrottleEvent(scope=LOGIN_ACCOUNT, key=key, at=at))
    if ip:
        rows.append(ThrottleEvent(scope=LOGIN_ADDRESS, key=ip[:200], at=at))
    ThrottleEvent.objects.bulk_create(rows)
    _sweep(at)


def login_succeeded(username: str) -> None:
    """The account's failures are forgiven once its owner signs in (the address's are not)."""
    ThrottleEvent.objects.filter(scope=LOGIN_ACCOUNT, key=username_key(username)).delete()


def reset_allowed(email: str, ip: str) -> tuple[bool, bool]:
    """(address allowed, e-mail allowed) for one more password-reset request; counts the request when both."""
    at = now()
    since = at - RESET_WINDOW
    key = email_key(email)
    address_ok = not ip or _counted(RESET_ADDRESS, ip, since)[0] < settings.PASSWORD_RESET_ADDRESS_LIMIT
    email_ok = not key or _counted(RESET_EMAIL, key, since)[0] < settings.PASSWORD_RESET_LIMIT
    if address_ok:
        rows = [ThrottleEvent(scope=RESET_ADDRESS, key=ip[:200], at=at)] if ip else []
        if key and email_ok:
            rows.append(ThrottleEvent(scope=RESET_EMAIL, key=key, at=at))
        ThrottleEvent.objects.bulk_create(rows)
    return address_ok, email_ok


def _sweep(at: dt.datetime) -> None:
    """Drop rows older than any window (cheap: the `at` index)."""
    ThrottleEvent.objects.filter(at__lt=at - COUNT_WINDOW).delete()
