"""Replaying history (the demo loads 2022–2026 in one run): inside `replay(day)`, Django's clock reads that day,
so rows, audit events and notices are dated as the events happened and "not in the future" checks judge by
that day. The application itself never uses it; a test or the demo loader does."""

from __future__ import annotations

import datetime as dt
import itertools
from contextlib import contextmanager

from django.utils import timezone


@contextmanager
def replay(when: dt.date | dt.datetime, *, hour: int = 9):
    """Django's clock (timezone.now, hence auto_now_add and timezone.localdate) at `when` — a date means `hour`
    o'clock local time — advancing a millisecond at each reading so the order of events is kept."""
    if not isinstance(when, dt.datetime):
        when = dt.datetime.combine(when, dt.time(hour))
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    ticks = itertools.count()
    real = timezone.now

    def now() -> dt.datetime:
        return when + dt.timedelta(milliseconds=next(ticks))

    timezone.now = now  # the module attribute, which localdate() and the model fields read
    try:
        yield when
    finally:
        timezone.now = real
