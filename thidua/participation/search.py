"""Accent-insensitive search of heads of household on the word-suffix index (as org.search does for staff).

A query matches a household when it starts a word run of the head's name ("hoang van" finds "Hoàng Văn Páo"
and "Nông Hoàng Văn"). The key table carries the household's agency and folded name (HouseholdNameKey, one
index on key, agency, sort, household), so:

- the matching ids are read from that index alone, limited to the user's agencies when he is scoped (an agency's
  staff never look through the province's keys);
- when the list needs only the first rows in name order (no other filter), the index entries themselves are
  sorted and cut to the page: only the households shown are read;
- a query matching more than ID_CAP households (a bare surname, one letter) instead walks the households in name
  order (household_name_idx or the agency's household_agency_idx) and stops after one page, which is quick
  precisely because such matches are dense.
"""

from __future__ import annotations

from django.db.models import QuerySet

from thidua.core.db import startswith_q
from thidua.core.text import fold, search_pattern

from .models import Household, HouseholdNameKey

ID_CAP = 3000


def filter_households(qs: QuerySet[Household], query: str, *, agency_ids: list[int] | None = None,
                      first: int | None = None) -> QuerySet[Household]:
    """`qs` narrowed to the heads matching `query`. `agency_ids`: the agencies `qs` is limited to (None: the
    whole province). `first`: only the first `first` matches in name order will be read from the result (the
    caller applies no other filter), so only those ids are kept."""
    folded = fold(query)
    if not folded:
        return qs
    keys = HouseholdNameKey.objects.filter(startswith_q("key", folded))
    if agency_ids is not None:
        keys = keys.filter(agency_id__in=sorted(agency_ids))
    if first is not None:
        # the matches are only counted (up to the cap) inside the database, then the page is cut from the index
        if keys[: ID_CAP + 1].count() > ID_CAP:
            return qs.filter(head_key__contains=search_pattern(query))
        page = (keys.order_by("sort", "household_id").values_list("sort", "household_id").distinct()[:first])
        return qs.filter(pk__in=sorted({household_id for _sort, household_id in page}))
    ids = list(keys.values_list("household_id", flat=True)[: ID_CAP + 1])
    if len(ids) > ID_CAP:
        return qs.filter(head_key__contains=search_pattern(query))
    return qs.filter(pk__in=sorted(set(ids)))
