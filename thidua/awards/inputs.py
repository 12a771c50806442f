"""The yearly inputs every later rule reads (issue 9 §3): the query helpers the eligibility rules use, the years a
rating is given for, and the writers of the discipline, inquiry and initiative records (forms in, audited).

- `rating_of(subject, year)`: the confirmed grade of a person or a unit (an unconfirmed proposal counts for nothing);
- `disciplined_in(person, year)`: the heaviest discipline form whose period overlaps the year, if any;
- `under_inquiry_on(person, day)`: the open investigation or unresolved complaint on that day, if any;
- `initiatives_of(person, year)`: the initiatives and research topics recognised for the year.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Max, Min, Q
from django.utils import timezone

from thidua.core import audit
from thidua.org.models import OrgUnit, Person

from .enums import DISCIPLINE_ORDER
from .models import Discipline, Initiative, Inquiry, Rating

#: the fields each record's form edits (and its audit row shows)
DISCIPLINE_FIELDS = ["form", "decision_number", "decision_date", "start_date", "end_date", "reason"]
INQUIRY_FIELDS = ["kind", "start_date", "end_date", "note"]
INITIATIVE_FIELDS = ["kind", "title", "year", "level", "decision_number", "decision_date"]


def year_span(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def _overlapping(year: int) -> Q:
    """Records whose period [start_date, end_date] (no end: still running) touches the year."""
    first, last = year_span(year)
    return Q(start_date__lte=last) & (Q(end_date__isnull=True) | Q(end_date__gte=first))


# --- what the rules read -------------------------------------------------------------------------------------------


def rating_of(subject: Person | OrgUnit, year: int) -> str | None:
    """The confirmed grade (a `Grade` value) of a person or a unit for the year; None when there is none or it is
    only proposed."""
    where = {"person": subject} if isinstance(subject, Person) else {"unit": subject, "person__isnull": True}
    return (Rating.objects.filter(year=year, confirmed_at__isnull=False, **where)
            .values_list("grade", flat=True).first())


def confirmed_grades(person_ids, years) -> dict[tuple[int, int], str]:
    """{(person id, year): confirmed grade} for many people at once (one query)."""
    return {(pid, year): grade for pid, year, grade in
            Rating.objects.filter(person_id__in=list(person_ids), year__in=list(years), confirmed_at__isnull=False)
            .values_list("person_id", "year", "grade")}


def disciplined_in(person: Person, year: int) -> str | None:
    """The discipline form (a `DisciplineForm` value) in force at some time in the year — the heaviest when
    several overlap it — or None."""
    forms = set(Discipline.objects.filter(_overlapping(year), person=person).values_list("form", flat=True))
    return max(forms, key=DISCIPLINE_ORDER.__getitem__) if forms else None


def under_inquiry_on(person: Person, day: dt.date) -> Inquiry | None:
    """The investigation or unresolved complaint open on that day (from its first day to its last, inclusive)."""
    return (Inquiry.objects.filter(person=person, start_date__lte=day)
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=day)).order_by("start_date", "id").first())


def initiatives_of(person: Person, year: int) -> list[Initiative]:
    """The person's initiatives and research topics recognised for the year."""
    return list(Initiative.objects.filter(person=person, year=year).order_by("decision_date", "id"))


# --- the years ----------------------------------------------------------------------------------------------------


def rating_years(agency_ids) -> list[int]:
    """The years a rating is given for: those of the agencies' movements, up to this year, latest first (this year
    alone when the agencies have no movement yet)."""
    from thidua.movements.models import Movement

    this_year = timezone.localdate().year
    span = Movement.objects.filter(agency_id__in=sorted(agency_ids)).aggregate(first=Min("start_year"),
                                                                              last=Max("end_year"))
    first, last = span["first"] or this_year, min(span["last"] or this_year, this_year)
    if first > last:
        first = last
    return list(range(last, first - 1, -1))


# --- a person's records by year (his page) -----------------------------------------------------------------------


def by_year(ratings, disciplines, inquiries, initiatives) -> list[dict]:
    """The person's inputs grouped by year, latest first: every year with a rating or an initiative, and every year a
    discipline's or an inquiry's period touches (up to this year for one still running)."""
    this_year = timezone.localdate().year
    years: dict[int, dict] = {}

    def row(year: int) -> dict:
        return years.setdefault(year, {"year": year, "rating": None, "disciplines": [], "inquiries": [],
                                       "initiatives": []})

    for rating in ratings:
        row(rating.year)["rating"] = rating
    for record, key in [(d, "disciplines") for d in disciplines] + [(i, "inquiries") for i in inquiries]:
        last = record.end_date.year if record.end_date else max(this_year, record.start_date.year)
        for year in range(record.start_date.year, last + 1):
            row(year)[key].append(record)
    for initiative in initiatives:
        row(initiative.year)["initiatives"].append(initiative)
    return [years[y] for y in sorted(years, reverse=True)]


# --- writing the records (the Office) -----------------------------------------------------------------------------


def record_input(record: Discipline | Inquiry | Initiative, fields: list[str], *, actor) -> object:
    """Save a new discipline, inquiry or initiative record (its fields already set by a valid form), audited."""
    record.recorded_by = actor
    record.save()
    audit.created(record, ["person", *fields], actor=actor)
    return record


def change_input(record: Discipline | Inquiry | Initiative, data: dict, fields: list[str], *, actor) -> object:
    """Change a record from a valid form's data; audited with the old and new values (nothing when unchanged)."""
    before = audit.snapshot(record, fields)
    for name in fields:
        setattr(record, name, data[name])
    record.save()
    audit.changed(record, before, actor=actor)
    return record
