"""Files written by export jobs under MEDIA_ROOT/exports/: kept for EXPORT_RETENTION_HOURS, then removed.

An export is a copy of data that stays in the database, so an old file is only disk used; the user who needs it
again exports again. Expired files are swept whenever a new export is queued (and by `thidua purge-exports`)."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings

ROOT = "exports"


def export_file(relative: str) -> Path | None:
    """The file of an export (relative to MEDIA_ROOT) if it is still kept, else None."""
    root = (Path(settings.MEDIA_ROOT) / ROOT).resolve()
    path = (Path(settings.MEDIA_ROOT) / (relative or "")).resolve()
    if not relative or not path.is_relative_to(root):
        return None
    return path if path.is_file() else None


def purge_expired(now: float | None = None) -> int:
    """Remove export files (finished or left half-written by a crash) older than the retention; returns how many."""
    root = Path(settings.MEDIA_ROOT) / ROOT
    if not root.is_dir():
        return 0
    cutoff = (now if now is not None else time.time()) - settings.EXPORT_RETENTION_HOURS * 3600
    removed = 0
    for path in root.rglob("*"):
        try:
            if path.is_file() and path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another process swept it first
            continue
    return removed
