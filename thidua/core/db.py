"""Small query helpers that keep lookups on an index on both SQLite and PostgreSQL."""

from __future__ import annotations

from django.db import connection
from django.db.models import Q


def startswith_q(field: str, prefix: str) -> Q:
    """`field` starts with `prefix`, using the field's B-tree index.

    SQLite does not use an index for Django's `LIKE ... ESCAPE` lookups, so there the prefix becomes a range
    (its default BINARY collation orders by code point). PostgreSQL's pattern-ops index (created by Django for
    indexed CharFields) serves `LIKE 'prefix%'` under any database collation, so it keeps `startswith`."""
    if connection.vendor == "sqlite":
        return Q(**{f"{field}__gte": prefix, f"{field}__lt": prefix + "\U0010ffff"})
    return Q(**{f"{field}__startswith": prefix})


#: the largest id a database row can have (64-bit signed integer on SQLite and PostgreSQL)
MAX_ID = 2**63 - 1
#: list pages beyond this are not served (an offset this far would scan the table for nothing)
MAX_PAGE = 100_000


def int_param(value, *, minimum: int = 0, maximum: int = MAX_ID) -> int | None:
    """A query-string or form id or number ("12"), or None when absent, not written in ASCII digits ("²",
    "١٢", "1e9"), or outside minimum..maximum (by default the range of a database id). Every number taken from
    request data goes through here, so that no out-of-range value reaches the database."""
    if isinstance(value, int) and not isinstance(value, bool):
        number = value
    else:
        text = str(value).strip() if value is not None else ""
        digits = text[1:] if text[:1] in "+-" else text
        if not digits or not digits.isascii() or not digits.isdigit() or len(digits) > 20:
            return None
        number = int(text)
    return number if minimum <= number <= maximum else None


def page_param(value) -> int:
    """The `?page=` of a list: 1 when absent, malformed or out of range, else at most MAX_PAGE."""
    return int_param(value, minimum=1, maximum=MAX_PAGE) or 1


def year_param(value) -> int | None:
    """A `?year=` (1900..2100), or None."""
    return int_param(value, minimum=1900, maximum=2100)
