"""Demo data: the Department of Transport of Cao Bằng (the agency of plan 2679/KH-SGTVT), three neighbouring
agencies, about 250 people and one login per role. Fixed seed: the demo is the same every time it is loaded."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import transaction

from thidua.core.text import fold

from . import names, services
from .enums import EmploymentType, Gender, Role, UnitKind
from .models import OrgUnit, Person

DEMO_PASSWORD = "thidua-demo"
DEMO_SEED = 2679

PROVINCE_NAME = "Tỉnh Cao Bằng"
AGENCY_NAME = "Sở Giao thông vận tải tỉnh Cao Bằng"
TRANSPORT_UNIT_NAME = "Phòng Quản lý vận tải, phương tiện và người lái"
UNION_UNIT_NAME = "Công đoàn cơ sở Sở GTVT"
COMMUNE_NAME = "Ủy ban nhân dân xã Hòa An"

DEMO_ACCOUNTS: list[tuple[str, str]] = [
    ("admin", "Quản trị hệ thống (toàn quyền)"),
    ("vanphong", "Văn phòng Sở – cán bộ phụ trách thi đua, khen thưởng (thường trực Hội đồng)"),
    ("giamdoc", "Giám đốc Sở – người ký kế hoạch, quyết định, Giấy khen"),
    ("hoidong", "Phó Giám đốc Sở – Chủ tịch Hội đồng Thi đua - Khen thưởng Sở"),
    ("truongphong", f"Trưởng phòng – {TRANSPORT_UNIT_NAME}"),
    ("canbo", f"Chuyên viên – {TRANSPORT_UNIT_NAME}"),
    ("congdoan", f"Chủ tịch {UNION_UNIT_NAME}"),
    ("tinh", "Ban Thi đua - Khen thưởng, Sở Nội vụ – thẩm định cấp tỉnh"),
]

CC = EmploymentType.CONG_CHUC
CB = EmploymentType.CAN_BO


@dataclass
class Pin:
    """A named person placed in a unit (the holder of a demo account)."""

    key: str
    job: names.Job
    gender: str | None = None


@dataclass
class UnitSpec:
    name: str
    kind: str
    code: str = ""
    short_name: str = ""
    #: everybody in the unit, heads included
    staff: int = 0
    #: how many deputies; by default 1 for small units, 2 from 12 people, 3 from 30
    deputies: int | None = None
    #: (head title, deputy title); by default from the unit's name
    titles: tuple[str, str] | None = None
    flavour: str | None = None
    #: employment type of the head and deputies; by default công chức, or that of the unit's staff
    leader_type: str | None = None
    pins: list[Pin] = field(default_factory=list)
    #: "head" or "deputy1" -> account key for those positions
    named: dict[str, str] = field(default_factory=dict)
    children: list[UnitSpec] = field(default_factory=list)


def _job(position: str, rank: str = "Chuyên viên", etype: str = CC, female_share: float = 0.5) -> names.Job:
    return names.Job(position, rank, etype, 0, female_share)


def _standard_units(prefix: str, short: str, *, youth: bool = True) -> list[UnitSpec]:
    units = [UnitSpec(f"Công đoàn cơ sở {short}", UnitKind.UNION, f"{prefix}-CD", "CĐCS")]
    if youth:
        units.append(UnitSpec(f"Đoàn Thanh niên {short}", UnitKind.YOUTH, f"{prefix}-DTN", "Đoàn TN"))
    units.append(UnitSpec(f"Hội đồng Thi đua - Khen thưởng {short}", UnitKind.COUNCIL, f"{prefix}-HD",
                          "Hội đồng TĐKT"))
    return units


def _agencies() -> list[tuple[UnitSpec, list[UnitSpec]]]:
    transport = UnitSpec(AGENCY_NAME, UnitKind.AGENCY, "SGTVT", "Sở GTVT")
    transport_units = [
        UnitSpec("Lãnh đạo Sở", UnitKind.LEADERSHIP, "SGTVT-LD", staff=4, deputies=3,
                 named={"head": "giamdoc", "deputy1": "hoidong"}),
        UnitSpec("Văn phòng Sở", UnitKind.DIVISION, "SGTVT-VP", "VP", staff=16, pins=[
            Pin("vanphong", _job("Chuyên viên phụ trách công tác thi đua, khen thưởng", female_share=1), Gender.FEMALE),
            Pin("admin", _job("Chuyên viên công nghệ thông tin", female_share=0), Gender.MALE),
        ]),
        UnitSpec("Thanh tra Sở", UnitKind.DIVISION, "SGTVT-TTr", "TTr", staff=12),
        UnitSpec("Phòng Kế hoạch - Tài chính", UnitKind.DIVISION, "SGTVT-KHTC", "KH-TC", staff=11, deputies=1, pins=[
            Pin("congdoan", _job("Phó Trưởng phòng, Chủ tịch Công đoàn cơ sở", "Chuyên viên chính", female_share=0.5)),
        ]),
        UnitSpec(TRANSPORT_UNIT_NAME, UnitKind.DIVISION, "SGTVT-QLVT", "QLVT-PT&NL", staff=13,
                 named={"head": "truongphong"}, pins=[Pin("canbo", _job("Chuyên viên"), Gender.MALE)]),
        UnitSpec("Phòng Quản lý kết cấu hạ tầng giao thông", UnitKind.DIVISION, "SGTVT-KCHT", "QLKCHT", staff=14),
        UnitSpec("Ban Quản lý dự án", UnitKind.AFFILIATE, "SGTVT-BQLDA", "Ban QLDA", staff=38),
        UnitSpec("Trung tâm Đăng kiểm", UnitKind.AFFILIATE, "SGTVT-TTDK", "TTĐK", staff=10, deputies=1, children=[
            UnitSpec("Trạm Đăng kiểm 11.01S", UnitKind.AFFILIATE, "SGTVT-1101S", "11.01S", staff=16, deputies=1),
            UnitSpec("Trạm Đăng kiểm 11.02S", UnitKind.AFFILIATE, "SGTVT-1102S", "11.02S", staff=16, deputies=1),
        ]),
        UnitSpec(UNION_UNIT_NAME, UnitKind.UNION, "SGTVT-CD", "CĐCS GTVT"),
        UnitSpec("Đoàn Thanh niên Sở GTVT", UnitKind.YOUTH, "SGTVT-DTN", "Đoàn TN"),
        UnitSpec("Đảng ủy Sở GTVT", UnitKind.PARTY, "SGTVT-DU", "Đảng ủy"),
        UnitSpec("Hội đồng Thi đua - Khen thưởng Sở GTVT", UnitKind.COUNCIL, "SGTVT-HD", "Hội đồng TĐKT"),
    ]
    home = UnitSpec("Sở Nội vụ tỉnh Cao Bằng", UnitKind.AGENCY, "SNV", "Sở Nội vụ")
    home_units = [
        UnitSpec("Lãnh đạo Sở", UnitKind.LEADERSHIP, "SNV-LD", staff=4, deputies=3),
        UnitSpec("Văn phòng Sở", UnitKind.DIVISION, "SNV-VP", "VP", staff=8),
        UnitSpec("Ban Thi đua - Khen thưởng", UnitKind.DIVISION, "SNV-BTDKT", "Ban TĐKT", staff=9, deputies=2,
                 pins=[Pin("tinh", _job("Chuyên viên thẩm định hồ sơ khen thưởng", female_share=0.6))]),
        UnitSpec("Phòng Tổ chức, biên chế và tổ chức phi chính phủ", UnitKind.DIVISION, "SNV-TCBC", staff=6),
        UnitSpec("Phòng Xây dựng chính quyền và công tác thanh niên", UnitKind.DIVISION, "SNV-XDCQ", staff=5),
        *_standard_units("SNV", "Sở Nội vụ"),
    ]
    health = UnitSpec("Sở Y tế tỉnh Cao Bằng", UnitKind.AGENCY, "SYT", "Sở Y tế")
    health_units = [
        UnitSpec("Lãnh đạo Sở", UnitKind.LEADERSHIP, "SYT-LD", staff=4, deputies=3),
        UnitSpec("Văn phòng Sở", UnitKind.DIVISION, "SYT-VP", "VP", staff=10),
        UnitSpec("Phòng Nghiệp vụ Y", UnitKind.DIVISION, "SYT-NVY", staff=7),
        UnitSpec("Phòng Kế hoạch - Tài chính", UnitKind.DIVISION, "SYT-KHTC", "KH-TC", staff=6),
        UnitSpec("Thanh tra Sở", UnitKind.DIVISION, "SYT-TTr", "TTr", staff=5),
        *_standard_units("SYT", "Sở Y tế"),
    ]
    commune = UnitSpec(COMMUNE_NAME, UnitKind.LOCAL_GOV, "XHOAAN", "UBND xã Hòa An")
    commune_units = [
        UnitSpec("Lãnh đạo UBND xã", UnitKind.LEADERSHIP, "XHOAAN-LD", staff=3, deputies=2,
                 titles=("Chủ tịch UBND xã", "Phó Chủ tịch UBND xã"), leader_type=CB),
        UnitSpec("Văn phòng HĐND và UBND", UnitKind.DIVISION, "XHOAAN-VP", staff=8),
        UnitSpec("Phòng Kinh tế", UnitKind.DIVISION, "XHOAAN-KT", staff=6, flavour="commune"),
        UnitSpec("Phòng Văn hóa - Xã hội", UnitKind.DIVISION, "XHOAAN-VHXH", staff=6, flavour="commune"),
        UnitSpec("Trung tâm Phục vụ hành chính công", UnitKind.AFFILIATE, "XHOAAN-TTHCC", staff=5,
                 flavour="commune"),
        *_standard_units("XHOAAN", "UBND xã Hòa An", youth=False),
    ]
    return [(transport, transport_units), (home, home_units), (health, health_units), (commune, commune_units)]


class _Builder:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        self.used_names: set[str] = set()
        self.people: dict[str, Person] = {}
        self.units: dict[str, OrgUnit] = {}
        self.count = 0

    def unique_name(self, gender: str) -> str:
        for _ in range(50):
            name = names.full_name(self.rng, gender)
            if name not in self.used_names:
                break
        self.used_names.add(name)
        return name

    def person(self, unit: OrgUnit, job: names.Job, *, senior: bool = False, gender: str | None = None) -> Person:
        rng = self.rng
        if gender is None:
            gender = Gender.FEMALE if rng.random() < job.female_share else Gender.MALE
        born = names.birth_date_for(rng, job.rank, leader=senior)
        self.count += 1
        return services.create_person(
            actor=None, unit=unit, start_date=names.start_date(rng, born),
            full_name=self.unique_name(gender), gender=gender, birth_date=born, position=job.position,
            rank=job.rank, employment_type=job.employment_type,
        )

    def unit(self, spec: UnitSpec, parent: OrgUnit, order: int) -> OrgUnit:
        unit = services.create_unit(name=spec.name, kind=spec.kind, parent=parent, actor=None,
                                    short_name=spec.short_name, code=spec.code, sort_order=order)
        self.units[spec.code] = unit
        if spec.staff:
            self.staff(unit, spec)
        for i, child in enumerate(spec.children, start=1):
            self.unit(child, unit, i * 10)
        return unit

    def staff(self, unit: OrgUnit, spec: UnitSpec) -> None:
        flavour = spec.flavour or names.flavour_of(spec.name, spec.kind)
        head, deputy = spec.titles or names.head_titles(spec.name)
        n_deputies = spec.deputies
        if n_deputies is None:
            n_deputies = 3 if spec.staff >= 30 else 2 if spec.staff >= 12 else 1
        base = names.head_job(spec.name, flavour, deputy=False)
        if spec.kind == UnitKind.LEADERSHIP:
            etype = spec.leader_type or CC
            ranks = ["Chuyên viên cao cấp" if etype == CC else "Chuyên viên chính", "Chuyên viên chính"]
        else:
            etype = spec.leader_type or base.employment_type
            ranks = [base.rank, base.rank]
        slots = [("head", names.Job(head, ranks[0], etype, 0, 0.15))]
        slots += [(f"deputy{i}", names.Job(deputy, ranks[1], etype, 0, 0.3)) for i in range(1, n_deputies + 1)]
        for slot, job in slots:
            person = self.person(unit, job, senior=True)
            if slot in spec.named:
                self.people[spec.named[slot]] = person
        for pin in spec.pins:
            self.people[pin.key] = self.person(unit, pin.job, gender=pin.gender)
        for _ in range(spec.staff - len(slots) - len(spec.pins)):
            self.person(unit, names.pick_job(self.rng, flavour))


def _find_province() -> OrgUnit | None:
    return OrgUnit.objects.filter(kind=UnitKind.PROVINCE, name_key=fold(PROVINCE_NAME)).order_by("pk").first()


def demo_exists() -> bool:
    return OrgUnit.objects.filter(kind=UnitKind.AGENCY, name_key=fold(AGENCY_NAME)).exists()


def load_demo(out: Callable[[str], object] = print) -> bool:
    """Create the demo org tree, people and accounts; False (and nothing done) if the demo agency exists."""
    with transaction.atomic():
        if demo_exists():
            out(f"Dữ liệu mẫu đã có ({AGENCY_NAME}); không tạo lại.")
            return False
        builder = _Builder(DEMO_SEED)
        province = _find_province()
        if province is None:
            province = services.create_unit(name=PROVINCE_NAME, kind=UnitKind.PROVINCE, parent=None, actor=None,
                                            short_name="Cao Bằng", code="CB")
        agencies: dict[str, OrgUnit] = {}
        existing_orders = OrgUnit.objects.filter(parent=province).values_list("sort_order", flat=True)
        first_order = max(existing_orders, default=0) + 10
        for i, (agency_spec, unit_specs) in enumerate(_agencies()):
            agency = services.create_unit(
                name=agency_spec.name, kind=agency_spec.kind, parent=province, actor=None,
                short_name=agency_spec.short_name, code=agency_spec.code, sort_order=first_order + i * 10,
            )
            agencies[agency_spec.code] = agency
            for j, spec in enumerate(unit_specs, start=1):
                builder.unit(spec, agency, j * 10)
        transport = agencies["SGTVT"]
        _accounts(builder, province, transport, out)
        out(f"Đã tạo {len(agencies)} cơ quan, {len(builder.units)} đơn vị, {builder.count} cán bộ.")
        _print_accounts(builder, out)
    return True


def _accounts(builder: _Builder, province: OrgUnit, transport: OrgUnit, out) -> None:
    units = builder.units
    grants: dict[str, list[tuple[str, OrgUnit | None]]] = {
        "admin": [(Role.ADMIN, None)],
        "vanphong": [(Role.SECRETARIAT, transport)],
        "giamdoc": [(Role.DIRECTOR, transport)],
        "hoidong": [(Role.COUNCIL_CHAIR, transport), (Role.DEPUTY_DIRECTOR, transport)],
        "truongphong": [(Role.UNIT_HEAD, units["SGTVT-QLVT"])],
        "canbo": [(Role.STAFF, units["SGTVT-QLVT"])],
        "congdoan": [(Role.UNION_OFFICER, units["SGTVT-CD"])],
        "tinh": [(Role.PROVINCIAL_REVIEWER, province)],
    }
    User = get_user_model()
    for username, _description in DEMO_ACCOUNTS:
        person = builder.people[username]
        surname_middle, _sep, given = person.full_name.rpartition(" ")
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(username=username, password=DEMO_PASSWORD, first_name=given,
                                            last_name=surname_middle)
        else:  # never overwrite the password of an account that already exists
            out(f"Tài khoản {username} đã có: giữ nguyên mật khẩu, gắn thêm vai trò mẫu.")
        if username == "admin" and not (user.is_superuser and user.is_staff):
            user.is_superuser = user.is_staff = True
            user.save(update_fields=["is_superuser", "is_staff"])
        if not hasattr(user, "person") or user.person is None:
            person.user = user
            person.save(update_fields=["user", "updated_at"])
        for role, unit in grants[username]:
            if not user.role_grants.filter(role=role, unit=unit, is_active=True).exists():
                services.grant_role(user, role, unit, actor=None)


def _print_accounts(builder: _Builder, out) -> None:
    out(f"Tài khoản mẫu (mật khẩu: {DEMO_PASSWORD}):")
    width = max(len(u) for u, _ in DEMO_ACCOUNTS)
    for username, description in DEMO_ACCOUNTS:
        person = builder.people[username]
        out(f"  {username:<{width}}  {person.full_name} – {description}")
