"""The public honour roll (issue 10 §7): readable without an account; names, unit or commune and the form only."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import path

from thidua.core.access import PUBLIC, access
from thidua.core.db import int_param, page_param, year_param

from .. import honour

#: rows of a section on the roll's first view (every section), and on a section's own pages
PREVIEW = 50
PAGE = 100
MAX_QUERY = 100


@access(PUBLIC)
def honour_index(request):
    entries = honour.index_entries()
    agencies = sorted({(e.agency_id, e.agency_name) for e in entries}, key=lambda a: a[1])
    agency_id = int_param(request.GET.get("agency"))
    year = year_param(request.GET.get("year"))
    movement_id = int_param(request.GET.get("movement"))
    years = sorted({e.year for e in entries}, reverse=True)
    shown = [e for e in entries if (agency_id is None or e.agency_id == agency_id) and (year is None or e.year == year)
             and (movement_id is None or e.movement_id == movement_id)]
    return render(request, "awards/honour/index.html", {
        "entries": shown, "agencies": agencies, "years": years, "agency_id": agency_id, "year": year,
        "movement_id": movement_id,
    })


@access(PUBLIC)
def honour_roll(request, movement_id: int, year: int):
    if year_param(year) is None:
        raise Http404
    movement = honour.roll_movement(movement_id, year)
    if movement is None:
        raise Http404
    query = (request.GET.get("q") or "").strip()[:MAX_QUERY]
    counts = honour.section_counts(movement, year, query)
    only = honour.SLUGS.get(request.GET.get("muc") or "")
    limit = PAGE if only else PREVIEW
    sections = []
    for kind, slug, label in honour.SECTIONS:
        if only and kind != only:
            continue
        total = counts.get(kind, 0)
        pages = max(1, -(-total // limit))
        page = min(page_param(request.GET.get("page")), pages) if only else 1
        rows = honour.section_rows(movement, year, kind, offset=(page - 1) * limit, limit=limit,
                                   query=query) if total else []
        sections.append({
            "kind": kind, "slug": slug, "label": label, "total": total, "rows": rows, "first": (page - 1) * limit,
            "page": page, "pages": pages, "more": not only and total > limit,
            "previous_page": page - 1 if page > 1 else None, "next_page": page + 1 if page < pages else None,
        })
    return render(request, "awards/honour/roll.html", {
        "movement": {"id": movement.pk, "name": movement.name, "code": movement.code,
                     "agency": movement.agency.name, "period": movement.period_label},
        "year": year, "q": query, "only": only, "sections": sections, "total": sum(counts.values()),
    })


urlpatterns = [
    path("bang-vang/", honour_index, name="honour_index"),
    path("bang-vang/<int:movement_id>/<int:year>/", honour_roll, name="honour_roll"),
]
