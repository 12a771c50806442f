"""The one scoping object: which agency a unit belongs to has one answer, every domain reads the same scope, and
the scope is computed once per request."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.fund import scoping as fund_scoping
from thidua.fund import services as fund_services
from thidua.movements import scoping as movement_scoping
from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem
from thidua.org import scoping, services
from thidua.org.enums import Role, UnitKind
from thidua.org.models import OrgUnit
from thidua.participation import scoping as participation_scoping
from thidua.participation.registrations.models import Registration

from ..factories import SIGNED_PLAN, UserFactory, make_unit
from ..participation.helpers import household


@pytest.fixture
def district(world):
    """A commune still under its district (before the 2025 reorganisation), with the commune's office."""
    district = make_unit("UBND huyện Hòa An", UnitKind.LOCAL_GOV, world.province)
    district_office = make_unit("Văn phòng HĐND và UBND huyện", UnitKind.DIVISION, district)
    commune = make_unit("UBND xã Nam Tuấn", UnitKind.LOCAL_GOV, district)
    office = make_unit("Văn phòng HĐND và UBND xã", UnitKind.DIVISION, commune)
    return district, district_office, commune, office


def launched_movement(world):
    movement = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="tx-2026", start_year=2026,
                                                 end_year=2026, name="Phong trào thi đua năm 2026")
    PlanItem.objects.create(movement=movement, kind="content", label="a", text="Hoàn thành nhiệm vụ")
    return movement_services.move_movement(movement, "launched", actor=None)


def test_a_commune_office_under_a_district_belongs_to_its_commune(district):
    district, district_office, commune, office = district
    assert office.home_agency_id == commune.pk
    assert commune.home_agency_id == commune.pk  # a commune is its own agency, even under a district
    assert district.home_agency_id == district.pk
    assert district_office.home_agency_id == district.pk
    assert office.audit_agency_id == commune.pk and commune.audit_agency_id == commune.pk
    assert set(OrgUnit.objects.of_agencies([district.pk])) == {district, district_office}
    assert set(OrgUnit.objects.of_agencies([commune.pk])) == {commune, office}
    assert list(OrgUnit.objects.within_agency(commune)) == [office]


def test_the_district_office_does_not_manage_the_communes_records(world, district):
    district, district_office, commune, office = district
    district_clerk, commune_clerk = UserFactory(username="vp_huyen"), UserFactory(username="vp_xa")
    services.grant_role(district_clerk, Role.SECRETARIAT, district_office, actor=None)
    services.grant_role(commune_clerk, Role.SECRETARIAT, office, actor=None)
    of_commune = household(world, name="Hoàng Văn Sáng", agency=commune)
    assert list(participation_scoping.manageable_households(commune_clerk)) == [of_commune]
    assert list(participation_scoping.manageable_households(district_clerk)) == []
    assert scoping.get_scope(commune_clerk).secretariat_agency_ids == {commune.pk}
    assert scoping.get_scope(district_clerk).secretariat_agency_ids == {district.pk}


def test_a_provincial_reviewer_reads_the_same_agencies_in_every_domain(world):
    """Granted at a unit of one agency (the Board of the Department of Home Affairs), the reviewer reads every
    agency of that province: its org tree, beneficiaries, activities, movements and campaigns alike."""
    reviewer = UserFactory(username="ban_tdkt")
    services.grant_role(reviewer, Role.PROVINCIAL_REVIEWER, world.other_unit, actor=None)
    hh = household(world)  # of the world's agency
    movement = launched_movement(world)
    campaign = fund_services.create_campaign(actor=None, agency=world.agency, name="Tháng cao điểm 2026",
                                             start_date=dt.date(2026, 10, 17), end_date=dt.date(2026, 11, 18))
    assert world.agency in scoping.visible_units(reviewer)
    assert hh in participation_scoping.visible_households(reviewer)
    assert world.agency.pk in participation_scoping.fully_read_agencies(reviewer)
    assert movement in movement_scoping.visible_movements(reviewer)
    assert campaign in fund_scoping.visible_campaigns(reviewer)
    assert fund_scoping.reads_all(reviewer, campaign)
    assert not participation_scoping.manageable_households(reviewer).exists()


def test_every_domain_reads_the_one_scope(world):
    user = world.users["truongphong"]
    scope = scoping.get_scope(user)
    assert participation_scoping.participation_scope(user) is scope
    assert fund_scoping.fund_scope(user) is scope
    assert scope.unit_paths == [world.transport.path] and scope.unit_agency_ids == {world.agency.pk}


def test_the_registration_page_reads_the_users_grants_once(world, client):
    movement = launched_movement(world)
    registration = Registration.objects.create(movement=movement, year=2026, unit=world.transport)
    world.login(client, "truongphong")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("registrations:edit", args=[registration.pk])).status_code == 200
    grant_reads = [q["sql"] for q in queries.captured_queries if 'FROM "org_rolegrant"' in q["sql"]]
    assert len(grant_reads) == 1
