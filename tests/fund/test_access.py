"""The fund's URLs under the project's access-rule walk, with the fund's sample objects (the same samples are to be
added to tests/test_access_rules.py: see fund_samples)."""

import datetime as dt

import pytest
from django.test import Client

from thidua.core.access import rule_allows
from thidua.fund import services as fund_services

from ..conftest import ROLE_USERS
from ..test_access_rules import ALL_URLS, fetch, url_for


def fund_samples(world) -> dict:
    campaign = fund_services.create_campaign(
        actor=None, agency=world.agency, name="Tháng cao điểm Vì người nghèo 2023",
        start_date=dt.date(2023, 10, 17), end_date=dt.date(2023, 11, 18))
    entry = fund_services.record_contribution(
        campaign, actor=None, person=world.people["canbo"], amount=500_000, entry_date=dt.date(2023, 10, 20),
        method="cash")
    return {"campaign_id": campaign.pk, "entry_id": entry.pk, "unit_id": world.transport.pk}


FUND_URLS = [(name, pattern) for name, pattern in ALL_URLS if name.startswith("fund:")]


def test_the_fund_has_its_pages():
    assert len(FUND_URLS) >= 12


@pytest.mark.parametrize("role", ROLE_USERS)
def test_each_role_gets_what_the_fund_rules_declare(world, role):
    samples = fund_samples(world)
    client = Client()
    client.force_login(world.users[role])
    for name, pattern in FUND_URLS:
        response = fetch(client, url_for(name, pattern, samples))
        if rule_allows(pattern.callback.access_rule, world.users[role]):
            assert response.status_code in (200, 204, 302, 404), f"{role} {name} {response.status_code}"
            if role in {"admin", "vanphong", "congdoan"}:
                assert response.status_code != 404, f"{role} should see the sample object on {name}"
        else:
            assert response.status_code == 403, f"{role} {name} {response.status_code}"


def test_anonymous_visitors_are_redirected_on_every_fund_page(world):
    samples = fund_samples(world)
    for name, pattern in FUND_URLS:
        response = fetch(Client(), url_for(name, pattern, samples))
        assert response.status_code == 302, name
