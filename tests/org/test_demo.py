"""The demo data (load_demo) and the synthetic province-scale load (synth)."""

from __future__ import annotations

import unicodedata

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.db import transaction

from thidua.core.models import AuditEvent
from thidua.core.text import search_key
from thidua.org import names
from thidua.org.demo import AGENCY_NAME, DEMO_ACCOUNTS, DEMO_PASSWORD, TRANSPORT_UNIT_NAME, load_demo
from thidua.org.enums import EmploymentType, Gender, Role, UnitKind
from thidua.org.models import Assignment, OrgUnit, Person, RoleGrant, person_sort_key
from thidua.org.synth import SYN_PREFIX, SynthRefused, synth

EXPECTED_UNITS = {
    "Lãnh đạo Sở": UnitKind.LEADERSHIP,
    "Văn phòng Sở": UnitKind.DIVISION,
    "Thanh tra Sở": UnitKind.DIVISION,
    "Phòng Kế hoạch - Tài chính": UnitKind.DIVISION,
    TRANSPORT_UNIT_NAME: UnitKind.DIVISION,
    "Phòng Quản lý kết cấu hạ tầng giao thông": UnitKind.DIVISION,
    "Ban Quản lý dự án": UnitKind.AFFILIATE,
    "Trung tâm Đăng kiểm": UnitKind.AFFILIATE,
    "Công đoàn cơ sở Sở GTVT": UnitKind.UNION,
    "Đoàn Thanh niên Sở GTVT": UnitKind.YOUTH,
    "Đảng ủy Sở GTVT": UnitKind.PARTY,
    "Hội đồng Thi đua - Khen thưởng Sở GTVT": UnitKind.COUNCIL,
}

EXPECTED_GRANTS = {
    "admin": {(Role.ADMIN, None)},
    "vanphong": {(Role.SECRETARIAT, AGENCY_NAME)},
    "giamdoc": {(Role.DIRECTOR, AGENCY_NAME)},
    "hoidong": {(Role.COUNCIL_CHAIR, AGENCY_NAME), (Role.DEPUTY_DIRECTOR, AGENCY_NAME)},
    "truongphong": {(Role.UNIT_HEAD, TRANSPORT_UNIT_NAME)},
    "canbo": {(Role.STAFF, TRANSPORT_UNIT_NAME)},
    "congdoan": {(Role.UNION_OFFICER, "Công đoàn cơ sở Sở GTVT")},
    "tinh": {(Role.PROVINCIAL_REVIEWER, "Tỉnh Cao Bằng")},
}


def _quiet(_line: str) -> None:
    pass


def _counts() -> dict[str, int]:
    return {
        "units": OrgUnit.objects.count(), "people": Person.objects.count(), "users": get_user_model().objects.count(),
        "grants": RoleGrant.objects.count(), "assignments": Assignment.objects.count(),
        "audit": AuditEvent.objects.count(),
    }


@pytest.fixture
def demo(db):
    lines: list[str] = []
    assert load_demo(out=lines.append) is True
    return lines


@pytest.mark.django_db
def test_demo_accounts_log_in_with_their_roles(demo):
    assert {u for u, _ in DEMO_ACCOUNTS} == set(EXPECTED_GRANTS)
    for username, _description in DEMO_ACCOUNTS:
        user = authenticate(username=username, password=DEMO_PASSWORD)
        assert user is not None, username
        person = Person.objects.get(user=user)
        assert person.full_name.endswith(user.first_name)
        assert person.full_name == f"{user.last_name} {user.first_name}"
        grants = {(g.role, g.unit.name if g.unit_id else None) for g in user.role_grants.filter(is_active=True)}
        assert grants == EXPECTED_GRANTS[username], username
        assert any(username in line for line in demo)
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    assert authenticate(username="canbo", password="wrong-password") is None
    boss = Person.objects.get(user__username="truongphong")
    assert boss.unit.name == TRANSPORT_UNIT_NAME and boss.position == "Trưởng phòng"
    assert Person.objects.get(user__username="canbo").unit.name == TRANSPORT_UNIT_NAME
    assert Person.objects.get(user__username="giamdoc").position == "Giám đốc"
    assert Person.objects.get(user__username="tinh").unit.name == "Ban Thi đua - Khen thưởng"


@pytest.mark.django_db
def test_demo_agency_units_and_staff(demo):
    province = OrgUnit.objects.get(kind=UnitKind.PROVINCE)
    agency = OrgUnit.objects.get(name=AGENCY_NAME)
    assert agency.parent == province and agency.kind == UnitKind.AGENCY and agency.short_name == "Sở GTVT"
    children = {u.name: u.kind for u in OrgUnit.objects.filter(parent=agency)}
    for name, kind in EXPECTED_UNITS.items():
        assert children.get(name) == kind, name
    registry = OrgUnit.objects.get(parent=agency, name="Trung tâm Đăng kiểm")
    stations = list(OrgUnit.objects.filter(parent=registry).values_list("name", flat=True))
    assert len(stations) == 2 and all(s.startswith("Trạm Đăng kiểm 11.0") for s in stations)
    staff = Person.objects.filter(unit__path__startswith=agency.path)
    assert staff.count() >= 140
    assert staff.filter(unit__name="Văn phòng Sở").count() >= 12
    # Ban QLDA and the registration centre are public-service units: viên chức and người lao động only
    service_units = OrgUnit.objects.filter(path__startswith=registry.path) | OrgUnit.objects.filter(
        parent=agency, name="Ban Quản lý dự án"
    )
    types = set(Person.objects.filter(unit__in=service_units).values_list("employment_type", flat=True))
    assert types <= {EmploymentType.VIEN_CHUC, EmploymentType.NGUOI_LAO_DONG}
    assert EmploymentType.CONG_CHUC in set(staff.filter(unit__name="Thanh tra Sở").values_list(
        "employment_type", flat=True))
    for other in ("Sở Nội vụ tỉnh Cao Bằng", "Sở Y tế tỉnh Cao Bằng"):
        unit = OrgUnit.objects.get(name=other, parent=province)
        assert 20 <= Person.objects.filter(unit__path__startswith=unit.path).count() <= 40
    commune = OrgUnit.objects.get(kind=UnitKind.LOCAL_GOV, parent=province)
    assert 20 <= Person.objects.filter(unit__path__startswith=commune.path).count() <= 40
    assert OrgUnit.objects.filter(parent__name="Sở Nội vụ tỉnh Cao Bằng", name="Ban Thi đua - Khen thưởng").exists()
    # every person has an open assignment in his unit
    assert Assignment.objects.filter(end_date__isnull=True).count() == Person.objects.count()


@pytest.mark.django_db
def test_demo_names_are_nfc_and_consistent(demo):
    people = list(Person.objects.all())
    assert len({p.full_name for p in people}) == len(people)  # no two demo people share a name
    for p in people:
        assert p.full_name == unicodedata.normalize("NFC", p.full_name)
        assert p.name_key == search_key(p.full_name)
        assert 1965 <= p.birth_date.year <= 2000
        words = p.full_name.split(" ")
        assert 3 <= len(words) <= 4
        if words[1] == "Văn":
            assert p.gender == Gender.MALE, p.full_name
        if words[1] == "Thị":
            assert p.gender == Gender.FEMALE, p.full_name
    for unit in OrgUnit.objects.all():
        assert unit.name == unicodedata.normalize("NFC", unit.name)


@pytest.mark.django_db
def test_demo_second_call_changes_nothing(demo):
    before = _counts()
    lines: list[str] = []
    assert load_demo(out=lines.append) is False
    assert _counts() == before
    assert lines


def test_name_generator_is_deterministic():
    first = names.names(2679, 500)
    assert first == names.names(2679, 500)
    assert first != names.names(2680, 500)
    assert all(full == unicodedata.normalize("NFC", full) for full, _ in first)
    assert {g for _, g in first} == {Gender.MALE, Gender.FEMALE}
    surnames = {full.split(" ")[0] for full, _ in first}
    assert {"Nông", "Hoàng", "Nguyễn"} <= surnames


def _synth_snapshot(**kwargs) -> list[tuple]:
    """Run synth inside a savepoint, note what it made, roll it back."""

    class Rollback(Exception):
        pass

    snapshot: list[tuple] = []
    try:
        with transaction.atomic():
            synth(out=_quiet, **kwargs)
            snapshot = list(
                Person.objects.filter(unit__code__startswith=SYN_PREFIX)
                .order_by("id")
                .values_list("full_name", "gender", "birth_date", "position", "rank", "unit__code", "unit__name")
            )
            raise Rollback
    except Rollback:
        pass
    return snapshot


@pytest.mark.django_db
def test_synth_adds_agencies_and_people():
    result = synth(agencies=3, staff=300, out=_quiet)
    assert result["agencies"] == 3 and result["people"] == 300 and result["assignments"] == 300
    province = OrgUnit.objects.get(kind=UnitKind.PROVINCE, name="Tỉnh Cao Bằng")
    agencies = OrgUnit.objects.filter(parent=province, code__startswith=SYN_PREFIX)
    assert agencies.count() == 3
    total = 0
    for agency in agencies:
        assert agency.kind in (UnitKind.AGENCY, UnitKind.LOCAL_GOV)
        units = OrgUnit.objects.filter(parent=agency)
        assert 8 <= units.count() <= 14
        assert units.filter(kind=UnitKind.LEADERSHIP).count() == 1
        assert units.filter(kind=UnitKind.UNION).count() == 1
        assert units.filter(kind=UnitKind.COUNCIL).count() == 1
        assert all(u.code.startswith(SYN_PREFIX) and u.agency_id == agency.pk for u in units)
        total += Person.objects.filter(unit__path__startswith=agency.path).count()
    assert total == 300 == Person.objects.count() == Assignment.objects.count()
    assert result["units"] == OrgUnit.objects.filter(code__startswith=SYN_PREFIX).count()
    for p in Person.objects.all():
        assert p.name_key == search_key(p.full_name) and p.sort_key == person_sort_key(p.full_name)
        assert p.full_name == unicodedata.normalize("NFC", p.full_name)
    assert Person.objects.filter(unit__kind=UnitKind.LEADERSHIP).count() >= 9


@pytest.mark.django_db
def test_synth_is_deterministic():
    first = _synth_snapshot(agencies=3, staff=300, seed=7)
    assert len(first) == 300
    assert _synth_snapshot(agencies=3, staff=300, seed=7) == first
    assert _synth_snapshot(agencies=3, staff=300, seed=8) != first


@pytest.mark.django_db
def test_synth_twice_is_refused():
    synth(agencies=3, staff=300, out=_quiet)
    before = _counts()
    with pytest.raises(SynthRefused, match=SYN_PREFIX):
        synth(agencies=3, staff=300, out=_quiet)
    assert _counts() == before


@pytest.mark.django_db
def test_synth_goes_on_top_of_the_demo(demo):
    people = Person.objects.count()
    synth(agencies=3, staff=300, out=_quiet)
    assert OrgUnit.objects.filter(kind=UnitKind.PROVINCE).count() == 1
    assert Person.objects.count() == people + 300
    names_under_province = list(OrgUnit.objects.filter(kind__in=[UnitKind.AGENCY, UnitKind.LOCAL_GOV])
                                .values_list("name", flat=True))
    assert len(names_under_province) == len(set(names_under_province)) == 7
    assert load_demo(out=_quiet) is False


@pytest.mark.django_db
def test_demo_after_a_full_synth_keeps_agency_names_unique():
    synth(agencies=40, staff=400, out=_quiet)
    assert load_demo(out=_quiet) is True
    agencies = list(OrgUnit.objects.filter(kind__in=[UnitKind.AGENCY, UnitKind.LOCAL_GOV]).values_list("name", flat=True))
    assert len(agencies) == len(set(agencies)) == 44
    assert OrgUnit.objects.filter(kind=UnitKind.PROVINCE).count() == 1
