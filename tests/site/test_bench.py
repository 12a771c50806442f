"""The bench's page lists (thidua.site.bench): collected by the runner, each page named once."""

import pytest
from django.core.exceptions import ObjectDoesNotExist

from thidua.site.bench.runner import all_pages


def test_the_runner_collects_every_domains_pages_each_named_once():
    names = [page.name for page in all_pages()]
    assert len(names) == len(set(names))
    assert {"floor", "person_list", "movement_detail", "activity_list", "dashboard", "fund_list"} <= set(names)


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
