"""The bench's page lists (thidua.site.bench): collected by the runner, each page named once."""

import pytest
from django.core.exceptions import ObjectDoesNotExist

from thidua.site.bench.runner import all_pages


def test_the_runner_collects_every_domains_pages_each_named_once():
    names = [page.name for page in all_pages()]
    assert len(names) == len(set(names))
    assert {"floor", "person_list", "movement_detail", "activity_list", "dashboard", "fund_list"} <= set(names)
    assert {"awards_inbox", "awards_agenda", "awards_consolidated", "awards_unit_nominations",
            "awards_nomination"} <= set(names)


@pytest.mark.django_db
def test_every_listed_url_name_exists():
    """Without the demo data (which the bench loads first) a page that reads it is skipped; a URL name that no
    longer exists fails here."""
    urls = {}
    for page in all_pages():
        try:
            urls[page.name] = page.url()
        except ObjectDoesNotExist:
            continue
    assert urls["floor"] == "/suc-khoe/" and urls["audit_log"] == "/nhat-ky/"
    assert len(urls) > 15


@pytest.mark.django_db
def test_the_awards_pages_are_the_demo_plans_records_and_the_largest_list_is_exported(world):
    import datetime as dt

    from django.urls import reverse

    from thidua.awards.models import AgendaItem, CouncilSession
    from thidua.site.bench import awards

    from ..factories import PersonFactory, make_nomination, make_review_round

    older = make_review_round(world.agency, year=2023, code=awards.PLAN)
    newer = make_review_round(world.agency, year=2024, movement=older.movement)
    make_nomination(older, person=world.people["canbo"], status="agreed_decision")
    make_nomination(older, person=world.people["planning"], status="draft")
    for _ in range(3):
        make_nomination(newer, person=PersonFactory(unit=world.planning), status="accepted")
    on_agenda = make_nomination(newer, person=world.people["congdoan"], status="on_agenda")
    small = CouncilSession.objects.create(agency=world.agency, name="Phiên 1", held_on=dt.date(2024, 6, 1))
    session = CouncilSession.objects.create(agency=world.agency, name="Phiên 2", held_on=dt.date(2024, 12, 28))
    AgendaItem.objects.create(session=session, nomination=on_agenda)
    urls = {page.name: page.url() for page in awards.pages()}
    assert urls["awards_consolidated"] == urls["awards_consolidated_largest"] == reverse(
        "awards:consolidated", args=[newer.pk])  # 4 rows in its list against 1
    assert urls["awards_unit_nominations"] == reverse("awards:round_nominations", args=[older.pk])  # his unit's
    assert urls["awards_agenda"] == reverse("awards:session", args=[session.pk])  # not the empty one
    assert small.pk != session.pk
    assert urls["awards_nomination"] == reverse("awards:nomination", args=[on_agenda.pk])
    result = awards.consolidated_export(out=lambda *a: None)
    assert result["rows"] == 4 and result["bytes"] > 0
