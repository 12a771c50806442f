"""The audit log: every kind of object in the filter, actions found by words, scoped to the reader's agency."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.core.forms import audited_types
from thidua.core.models import AuditAction, AuditEvent
from thidua.fund import services as fund
from thidua.org import services as org


@pytest.fixture
def closed_campaign(world):
    office = world.users["vanphong"]
    campaign = fund.create_campaign(actor=office, agency=world.agency, name="Tháng cao điểm Vì người nghèo 2025",
                                    start_date=dt.date(2025, 10, 17), end_date=dt.date(2025, 11, 18))
    fund.move_campaign(campaign, "closed", actor=office, reason="Hết đợt vận động")
    return campaign


def _events(client, **params):
    response = client.get(reverse("audit_log"), params)
    assert response.status_code == 200
    return response.context["events"]


def test_khoa_so_finds_the_campaign_closing_with_or_without_accents(world, client, closed_campaign):
    world.login(client, "vanphong")
    for query in ("khóa sổ", "khoa so", "KHOA SO"):
        events = _events(client, q=query)
        assert [(e.target_type, e.action) for e in events] == [("fund.campaign", AuditAction.MOVE)], query
    assert [e.target_id for e in _events(client, q="da khoa so")] == [str(closed_campaign.pk)]


def test_the_words_are_found_together_not_scattered(world, client, closed_campaign):
    # a contribution by Mr Khoa on receipt "số 1": "khoa" and "số" both occur, but not as "khóa sổ"
    campaign = fund.create_campaign(actor=world.users["vanphong"], agency=world.agency, name="Ủng hộ đột xuất",
                                    start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31))
    khoa = org.create_person(actor=None, unit=world.planning, full_name="Hoàng Văn Khoa", gender="male",
                             birth_date=dt.date(1980, 2, 2), employment_type="cong_chuc")
    fund.record_contribution(campaign, actor=world.users["vanphong"], amount=100_000, entry_date=dt.date(2026, 3, 1),
                             person=khoa, method="cash")
    world.login(client, "vanphong")
    assert _events(client, q="hoang van khoa")
    assert [e.target_type for e in _events(client, q="khoa so")] == ["fund.campaign"]


def test_the_action_names_and_notes_are_searchable(world, client):
    org.set_account_active(world.people["canbo"], False, actor=world.users["vanphong"], reason="Nghi lộ mật khẩu")
    world.login(client, "vanphong")
    assert [e.action for e in _events(client, q="khoa tai khoan")] == [AuditAction.ACCOUNT_DISABLE]
    assert [e.action for e in _events(client, q="lo mat khau")] == [AuditAction.ACCOUNT_DISABLE]
    # an action name finds the rows written in bulk too (an import's rows carry the name through the action)
    assert {e.action for e in _events(client, q="cap vai tro")} == {AuditAction.ROLE_GRANT}


def test_a_query_matches_word_starts_not_the_middle_of_words(world, client, closed_campaign):
    world.login(client, "vanphong")
    assert _events(client, q="oa so") == []


def test_the_filter_offers_every_domains_objects(world):
    types = dict(audited_types())
    for label in ("org.orgunit", "org.person", "org.rolegrant", "org.staffimport", "auth.user", "movements.movement",
                  "participation.household", "participation.activity", "participation.householdimport",
                  "registrations.registration", "fund.campaign", "fund.entry"):
        assert label in types, label
    assert types["fund.campaign"] == "Đợt vận động Quỹ Vì người nghèo"


def test_filtering_by_a_fund_campaign_shows_only_campaign_rows(world, client, closed_campaign):
    world.login(client, "vanphong")
    events = _events(client, target_type="fund.campaign")
    assert events and {e.target_type for e in events} == {"fund.campaign"}
    page = client.get(reverse("audit_log")).content.decode()
    assert '<option value="fund.campaign">Đợt vận động Quỹ Vì người nghèo</option>' in page


def test_an_unknown_type_or_an_overlong_query_is_refused_quietly(world, client):
    world.login(client, "vanphong")
    response = client.get(reverse("audit_log"), {"target_type": "auth.permission", "q": "x" * 500})
    assert response.status_code == 200
    assert response.context["form"].errors  # the form says so; the log shows unfiltered rows of the agency
    assert all(e.agency_id == world.agency.pk for e in response.context["events"])


def test_another_agencys_office_does_not_find_our_closing(world, client, closed_campaign):
    world.login(client, "vanphong_khac")
    assert _events(client, q="khoa so") == []


def test_the_log_is_drawn_as_stacked_rows_on_a_phone(world, client, closed_campaign):
    world.login(client, "vanphong")
    page = client.get(reverse("audit_log")).content.decode()
    assert 'class="table table-sm mb-0 table-stack"' in page
    assert 'data-label="Đối tượng"' in page and 'data-label="Thay đổi"' in page


@pytest.mark.django_db
def test_every_type_the_demo_writes_is_in_the_filter(django_capture_on_commit_callbacks):
    from thidua.site.demo import load_all

    with django_capture_on_commit_callbacks(execute=True):
        load_all(out=lambda *a: None)
    written = set(AuditEvent.objects.order_by().values_list("target_type", flat=True).distinct())
    assert written - set(dict(audited_types())) == set()
