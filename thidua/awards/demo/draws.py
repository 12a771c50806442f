"""The demo's draws keyed on what is the same on every database: a row's position among its kind in creation
order, never its primary key (PostgreSQL's sequences are not rolled back with a transaction, so the same demo gets
other keys there than on SQLite, and a draw keyed on them gave other ratings, scores and awards)."""

from __future__ import annotations

from collections.abc import Iterable


def ordinals(ids: Iterable[int]) -> dict[int, int]:
    """{id: its 1-based position in id order}: the demo creates its rows in a fixed order, so the position is the
    same on every database whatever the keys."""
    return {pk: n for n, pk in enumerate(sorted(set(ids)), start=1)}
