"""In-app notices to users, and by e-mail where the workflow asks for it (to users with an address)."""

from __future__ import annotations

import contextlib
import contextvars

from django.db import transaction
from django.utils import timezone

from .models import Notification

#: off while a demo replays events of years ago: their notices are written, nobody is e-mailed
_mail_on = contextvars.ContextVar("thidua_mail_on", default=True)


@contextlib.contextmanager
def without_email():
    token = _mail_on.set(False)
    try:
        yield
    finally:
        _mail_on.reset(token)


def notify(users, text: str, url: str = "", *, email: bool = False) -> None:
    """Queue one notice per user, written when the surrounding transaction commits; with `email`, also an e-mail to
    each user who has an address (a failing mail server never undoes the change)."""
    users = [u for u in users if u is not None]
    happened = timezone.now()
    email = email and _mail_on.get()

    def write():
        Notification.objects.bulk_create([Notification(user=u, text=text[:500], url=url[:300], created_at=happened)
                                          for u in users])
        if email:
            _send_mail(users, text, url)

    transaction.on_commit(write)


def resolve(url: str) -> int:
    """The matter behind `url` was handled (a registration approved, returned or resubmitted): its earlier
    notices leave everyone's "new" list. Returns how many were marked read."""
    if not url:
        return 0
    return Notification.objects.filter(url=url, read_at__isnull=True).update(read_at=timezone.now())


def mark_read(user, notification_id: int | None = None) -> int:
    """One of the user's notices (or all of them) marked read."""
    qs = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        qs = qs.filter(pk=notification_id)
    return qs.update(read_at=timezone.now())


def _send_mail(users, text: str, url: str) -> None:
    from django.conf import settings
    from django.core.mail import send_mass_mail

    link = f"{settings.SITE_URL.rstrip('/')}{url}" if url and getattr(settings, "SITE_URL", "") else url
    body = f"{text}\n\n{link}\n\n-- Hệ thống Thi đua, khen thưởng" if link else f"{text}\n\n-- Hệ thống Thi đua, khen thưởng"
    subject = text if len(text) <= 120 else text[:117] + "..."
    messages = [(subject, body, None, [u.email]) for u in {u.pk: u for u in users}.values() if u.email]
    if messages:
        send_mass_mail(messages, fail_silently=True)
