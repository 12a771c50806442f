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
