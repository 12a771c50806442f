"""In-app notices to users (e-mail can follow later through the same function)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from .models import Notification


def notify(users, text: str, url: str = "") -> None:
    """Queue one notice per user, written when the surrounding transaction commits."""
    users = [u for u in users if u is not None]
    happened = timezone.now()

    def write():
        Notification.objects.bulk_create([Notification(user=u, text=text[:500], url=url[:300], created_at=happened)
                                          for u in users])

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
