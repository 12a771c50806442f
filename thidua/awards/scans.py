"""Scans uploaded on the commendation side — the signed decision, the higher level's decision, the signed minutes
of a unit's meeting — checked by their content as evidence is (`participation.evidence.check_upload`: a real PDF
or photo, nothing that runs or hides another file), never by their name: an .exe or a web page renamed .pdf is
refused with a Vietnamese message. Every awards scan upload goes through `check_scan`."""

from __future__ import annotations

from django.core.files.base import ContentFile

from thidua.participation.evidence import CheckedFile, check_upload

#: a scanned decision of many pages at a readable resolution stays under this
SCAN_MAX_BYTES = 20 * 1024 * 1024


def check_scan(file, *, max_bytes: int | None = None) -> CheckedFile:
    """The checked scan (its bytes and its real extension), or a ValidationError in Vietnamese naming the file.
    Within `max_bytes` (SCAN_MAX_BYTES for a decision; a meeting's minutes keep the evidence limit, None)."""
    return check_upload(file, max_bytes=max_bytes)


def scan_content(checked: CheckedFile, stem: str) -> ContentFile:
    """The checked bytes to store, named `stem` and the extension of what the file really is (never the name the
    uploader gave it)."""
    return ContentFile(checked.data, name=f"{stem}.{checked.extension}")
