"""Shared fixtures: a small province with two agencies and one user for every role."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.contrib.auth import get_user_model

from thidua.org import services
from thidua.org.enums import Role, UnitKind
from thidua.org.models import OrgUnit, Person

from .factories import PersonFactory, UserFactory, make_unit

PASSWORD = "mat-khau-thu-nghiem"


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Mark the tests that commit for real (a live server, `transaction=True`): Django empties the tables after
    each of them, the data the migrations load included, so `./run test` runs them in a pass of their own after
    the others (serially they run last anyway; on several workers a worker could meet them first)."""
    for item in items:
        marker = item.get_closest_marker("django_db")
        commits = bool(marker and (marker.kwargs.get("transaction") or (marker.args and marker.args[0])))
        if commits or {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.transactional)


@pytest.fixture(autouse=True)
def _settings(settings, tmp_path):
    settings.JOBS_MODE = "immediate"
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@dataclass
class World:
    province: OrgUnit
    agency: OrgUnit
    office: OrgUnit
    transport: OrgUnit
    transport_team: OrgUnit
    planning: OrgUnit
    union: OrgUnit
    other_agency: OrgUnit
    other_unit: OrgUnit
    users: dict = field(default_factory=dict)
    people: dict = field(default_factory=dict)

    def login(self, client, role: str):
        client.force_login(self.users[role])
        return client


ROLE_USERS = ["admin", "vanphong", "giamdoc", "hoidong", "truongphong", "canbo", "congdoan", "tinh", "vanphong_khac"]


def build_world() -> World:
    province = make_unit("Tỉnh Cao Bằng", UnitKind.PROVINCE)
    agency = make_unit("Sở Giao thông vận tải tỉnh Cao Bằng", UnitKind.AGENCY, province, short_name="Sở GTVT")
    office = make_unit("Văn phòng Sở", UnitKind.DIVISION, agency)
    transport = make_unit("Phòng Quản lý vận tải, phương tiện và người lái", UnitKind.DIVISION, agency)
    team = make_unit("Tổ sát hạch lái xe", UnitKind.DIVISION, transport)
    planning = make_unit("Phòng Kế hoạch - Tài chính", UnitKind.DIVISION, agency)
    union = make_unit("Công đoàn cơ sở Sở GTVT", UnitKind.UNION, agency)
    other = make_unit("Sở Y tế tỉnh Cao Bằng", UnitKind.AGENCY, province)
    other_unit = make_unit("Văn phòng Sở Y tế", UnitKind.DIVISION, other)
    world = World(province, agency, office, transport, team, planning, union, other, other_unit)

    def person(name, unit, **kw):
        return services.create_person(
            actor=None, unit=unit, full_name=name, gender=kw.pop("gender", "male"),
            birth_date=kw.pop("birth_date", dt.date(1980, 1, 1)), employment_type="cong_chuc",
            start_date=dt.date(2020, 1, 1), **kw
        )

    people = world.people
    people["vanphong"] = person("Hoàng Thị Thu", office, gender="female", position="Chuyên viên TĐKT")
    people["giamdoc"] = person("Nông Văn Đức", office, position="Giám đốc")
    people["hoidong"] = person("Lương Văn Hải", office, position="Phó Giám đốc")
    people["truongphong"] = person("Đàm Văn Quang", transport, position="Trưởng phòng")
    people["canbo"] = person("Nguyễn Văn An", transport, position="Chuyên viên")
    people["canbo2"] = person("Nguyễn Thị Lan", transport, gender="female")
    people["team"] = person("Bế Văn Đông", team)
    people["planning"] = person("Đặng Thị Hồng", planning, gender="female")
    people["congdoan"] = person("Triệu Thị Mai", planning, gender="female", position="Chủ tịch Công đoàn")
    people["other"] = person("Nguyễn Văn Anh", other_unit)
    people["tinh"] = person("Lục Văn Tỉnh", other_unit)
    people["vanphong_khac"] = person("Mã Thị Ngọc", other_unit, gender="female")

    grants = {
        "admin": [(Role.ADMIN, None)],
        "vanphong": [(Role.SECRETARIAT, agency)],
        "giamdoc": [(Role.DIRECTOR, agency)],
        "hoidong": [(Role.COUNCIL_CHAIR, agency)],
        "truongphong": [(Role.UNIT_HEAD, transport)],
        "canbo": [(Role.STAFF, transport)],
        "congdoan": [(Role.UNION_OFFICER, union)],
        "tinh": [(Role.PROVINCIAL_REVIEWER, province)],
        "vanphong_khac": [(Role.SECRETARIAT, other)],
    }
    for username, role_list in grants.items():
        user = UserFactory(username=username)
        if username in people:
            people[username].user = user
            people[username].save(update_fields=["user"])
        for role, unit in role_list:
            services.grant_role(user, role, unit, actor=None)
        world.users[username] = user
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()


@pytest.fixture
def user_model():
    return get_user_model()


@pytest.fixture
def make_people(world):
    def make(unit: OrgUnit, n: int) -> list[Person]:
        return [PersonFactory(unit=unit) for _ in range(n)]

    return make
