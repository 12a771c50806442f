"""The agency's document register (sổ đăng ký văn bản đi): numbers per agency, year and document type, gapless
and never reused, safe when two people draft at once (the register row is locked; on PostgreSQL the second
drafter waits for the first one's transaction and takes the next number)."""

from __future__ import annotations

from django.db import IntegrityError, transaction

from .models import DocumentRegister


def _locked(agency_id: int, year: int, doc_type: str) -> DocumentRegister:
    for _attempt in range(3):
        row = (DocumentRegister.objects.select_for_update(of=("self",))
               .filter(agency_id=agency_id, year=year, doc_type=doc_type).first())
        if row is not None:
            return row
        try:
            with transaction.atomic():  # two first drafts of a year at once: one creates, the other retries
                DocumentRegister.objects.create(agency_id=agency_id, year=year, doc_type=doc_type)
        except IntegrityError:
            pass
    raise RuntimeError("document register row could not be locked")


def next_number(agency_id: int, year: int, doc_type: str) -> int:
    """The number the next document would take (for a form's suggestion; not reserved)."""
    row = DocumentRegister.objects.filter(agency_id=agency_id, year=year, doc_type=doc_type).first()
    return (row.last_number if row else 0) + 1


def take_number(agency_id: int, year: int, doc_type: str, *, wanted: int | None = None) -> int:
    """Issue the next number of the register inside the caller's transaction. `wanted` (a number the user typed)
    must be that next number: a number already issued is refused by the caller's check (`number_taken`), a number
    further on would leave a gap. Returns the number issued; raises ValueError with the expected number otherwise."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("take_number must run inside a transaction")
    row = _locked(agency_id, year, doc_type)
    number = row.last_number + 1
    if wanted is not None and wanted != number:
        raise ValueError(number)
    row.last_number = number
    row.save(update_fields=["last_number"])
    return number
