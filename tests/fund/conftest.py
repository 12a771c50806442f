import datetime as dt

import pytest

from thidua.fund import services

START, END = dt.date(2023, 10, 17), dt.date(2023, 11, 18)
DAY = dt.date(2023, 10, 20)


@pytest.fixture
def campaign(world):
    return services.create_campaign(actor=world.users["vanphong"], agency=world.agency,
                                    name="Tháng cao điểm Vì người nghèo 2023", start_date=START, end_date=END,
                                    fund_holder="Ủy ban MTTQ Việt Nam tỉnh Cao Bằng")


@pytest.fixture
def other_campaign(world):
    return services.create_campaign(actor=None, agency=world.other_agency, name="Tháng cao điểm 2023 (Sở Y tế)",
                                    start_date=START, end_date=END)


@pytest.fixture
def give(world, campaign):
    """Record a contribution by the named world person."""

    def make(who="canbo", amount=500_000, day=DAY, method="cash", target=None):
        return services.record_contribution(target or campaign, actor=world.users["vanphong"],
                                            person=world.people[who], amount=amount, entry_date=day, method=method)

    return make


@pytest.fixture
def funded(campaign, give):
    """A campaign holding 3.000.000 đ."""
    give("canbo", 3_000_000)
    return campaign



# the Playwright fixtures of tests/browser, for tests/fund/test_browser.py
from tests.browser.conftest import browser as _own_browser  # noqa: E402
from tests.browser.conftest import page, pytest_runtest_makereport  # noqa: E402, F401


@pytest.fixture(scope="module")
def browser(request):
    """The browser of tests/browser when it is already running (Playwright's sync API allows one per process,
    and tests/browser keeps its one for the whole session); else one of our own, closed at the end of the
    module so that tests/browser can start its own afterwards."""
    for fixturedef in _browser_fixturedefs(request):
        cached = getattr(fixturedef, "cached_result", None)
        if fixturedef.func is _own_browser.__wrapped__ and cached is not None and cached[0] is not None:
            yield cached[0]
            return
    yield from _own_browser.__wrapped__()


def _browser_fixturedefs(request) -> list:
    """Every definition of the `browser` fixture (pytest keeps them in private maps that changed over versions)."""
    manager = request._fixturemanager
    found = list(getattr(manager, "_arg2fixturedefs", {}).get("browser", ()))
    for attr in ("_arg2node2fixturedefs", "_arg2nodeid2fixturedefs"):
        for group in getattr(manager, attr, {}).get("browser", {}).values():
            found.extend(group)
    return found
