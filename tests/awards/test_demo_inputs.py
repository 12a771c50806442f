"""The inputs part of the awards demo: every person and unit of the agency rated 2022–2025 and confirmed by the
Office, the unit head's proposals waiting, a reprimand in 2024, an unresolved complaint, base-level initiatives;
loading again adds nothing."""

from __future__ import annotations

import datetime as dt

from thidua.awards.demo import DemoContext
from thidua.awards.demo.inputs import load
from thidua.awards.inputs import disciplined_in, rating_of, under_inquiry_on
from thidua.awards.models import Discipline, Initiative, Inquiry, Rating
from thidua.org.models import Person


def test_demo_inputs_are_complete_and_idempotent(world):
    ctx = DemoContext(agency=world.agency, movement=None, out=lambda _: None)
    load(ctx)
    counts = (Rating.objects.count(), Discipline.objects.count(), Inquiry.objects.count(), Initiative.objects.count())
    load(ctx)
    assert (Rating.objects.count(), Discipline.objects.count(), Inquiry.objects.count(),
            Initiative.objects.count()) == counts
    people = Person.objects.filter(unit__path__startswith=world.agency.path)
    for person in people:
        for year in range(2022, 2026):
            assert rating_of(person, year) is not None, (person, year)
    assert not Rating.objects.filter(person=world.people["other"]).exists()  # another agency
    assert rating_of(world.transport, 2024) is not None and rating_of(world.union, 2024) is None
    confirmers = set(Rating.objects.filter(year__lt=2026).values_list("confirmed_by__username", flat=True))
    assert confirmers == {"vanphong"}
    grades = list(Rating.objects.filter(year__lt=2026, person__isnull=False).values_list("grade", flat=True))
    assert grades.count("good") > len(grades) / 2
    waiting = Rating.objects.filter(year=2026, confirmed_at__isnull=True)
    assert waiting.exists() and {r.person.unit_id for r in waiting} <= {world.transport.pk, world.transport_team.pk}
    reprimanded = Discipline.objects.get(form="reprimand").person
    assert disciplined_in(reprimanded, 2024) == "reprimand" and reprimanded.user_id is None
    assert under_inquiry_on(Inquiry.objects.get().person, dt.date(2026, 1, 1)) is not None
    assert set(Initiative.objects.values_list("level", flat=True)) == {"base"}
    assert Initiative.objects.filter(person=world.people["canbo"]).count() == 2
