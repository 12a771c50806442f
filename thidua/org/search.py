"""Accent-insensitive name search for people, on an index at any scale.

A query matches a name when it is the start of a word run of the name ("nguyen van", "van an", "an").
Step 1 reads matching ids from the word-suffix index (PersonNameKey, a B-tree range scan). When a query matches
few people (the usual case: a name), the result is exactly those ids. When it matches very many (a common
surname), the list instead walks the people in name order and stops after one page, which is quick precisely
because matches are dense."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.core.db import startswith_q
from thidua.core.text import fold, search_pattern

from .models import Person, PersonNameKey

ID_CAP = 1000


def filter_by_name(qs: QuerySet[Person], query: str, *, scoped: bool = True) -> QuerySet[Person]:
    """`scoped`: `qs` is limited to part of the province (a unit, an agency); the key lookup is then limited to
    the same people, so that a unit head's search for a common surname stays small."""
    folded = fold(query)
    if not folded:
        return qs
    keys = PersonNameKey.objects.filter(startswith_q("key", folded))
    if scoped:
        keys = keys.filter(person__in=qs.values("id"))
    ids = list(keys.values_list("person_id", flat=True)[: ID_CAP + 1])
    if len(ids) <= ID_CAP:
        return qs.filter(pk__in=sorted(set(ids)))
    return qs.filter(name_key__contains=search_pattern(query))
