"""In-app notices to users (e-mail can follow later through the same function)."""

from __future__ import annotations

from django.db import transaction

from .models import Notification


def notify(users, text: str, url: str = "") -> None:
    """Queue one notice per user, written when the surrounding transaction commits."""
    users = [u for u in users if u is not None]

    def write():
        Notification.objects.bulk_create([Notification(user=u, text=text[:500], url=url[:300]) for u in users])

    transaction.on_commit(write)
