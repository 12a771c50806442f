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


def int_param(value) -> int | None:
    """A query-string id or number ("12"), or None when absent or not a whole number."""
    try:
        return int(value)
    except (TypeError, ValueError):
        return None
