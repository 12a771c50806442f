"""The person page's panel of yearly inputs (asked by org through the hook "org.person_panels"): by year, the rating
and whether it is confirmed, the discipline and inquiries in force, the initiatives — what the viewer may see."""

from __future__ import annotations

from . import inputs, scoping
from .models import Discipline, Initiative, Inquiry
from .roles import is_office


def person_inputs(request, person) -> dict | None:
    user = request.user
    rows = inputs.by_year(
        scoping.visible_ratings(user).filter(person=person).select_related(None),
        scoping.visible_person_records(user, Discipline).filter(person=person).select_related(None),
        scoping.visible_person_records(user, Inquiry).filter(person=person).select_related(None),
        scoping.visible_person_records(user, Initiative).filter(person=person).select_related(None),
    )
    can_record = is_office(user, person.unit.home_agency_id)
    if not rows and not can_record:
        return None
    return {"template": "awards/_person_inputs.html", "rows": rows, "can_record": can_record, "person": person}
