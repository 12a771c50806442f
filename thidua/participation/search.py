"""Accent-insensitive search of heads of household on the word-suffix index (as org.search does for staff)."""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.core.db import startswith_q
from thidua.core.text import fold, search_pattern

from .models import Household, HouseholdNameKey

ID_CAP = 1000


def filter_households(qs: QuerySet[Household], query: str, *, scoped: bool = True) -> QuerySet[Household]:
    folded = fold(query)
    if not folded:
        return qs
    keys = HouseholdNameKey.objects.filter(startswith_q("key", folded))
    if scoped:
        keys = keys.filter(household__in=qs.values("id"))
    ids = list(keys.values_list("household_id", flat=True)[: ID_CAP + 1])
    if len(ids) <= ID_CAP:
        return qs.filter(pk__in=sorted(set(ids)))
    return qs.filter(head_key__contains=search_pattern(query))
