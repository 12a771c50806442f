"""A synthetic province-scale load (default 40 agencies, 25,000 staff) added on top of the current database.

Agencies and units go through ``services.create_unit`` (a few hundred, audited); people are built in memory with
the same normalisation as ``Person.save`` and bulk-inserted, with their unit history. Every synthetic agency and
unit has a code starting with ``SYN-``; a second run is refused while they exist. Same seed, same data.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from thidua.core import audit
from thidua.core.models import AuditAction
from thidua.core.text import fold, nfc, search_key

from . import names, services
from .enums import EmploymentType, Gender, UnitKind
from .models import Assignment, OrgUnit, Person, PersonNameKey, name_keys_for, person_sort_key

SYN_PREFIX = "SYN-"
PROVINCE_NAME = "Tỉnh Cao Bằng"
BATCH_SIZE = 2000

L = UnitKind.LEADERSHIP
D = UnitKind.DIVISION
A = UnitKind.AFFILIATE


class SynthRefused(RuntimeError):
    """The synthetic load is already present (or the request makes no sense)."""


@dataclass
class AgencyPlan:
    name: str
    short_name: str
    kind: str = UnitKind.AGENCY
    leadership: str = "Lãnh đạo Sở"
    titles: tuple[str, str] = ("Giám đốc", "Phó Giám đốc")
    leader_type: str = EmploymentType.CONG_CHUC
    #: work units: (name, kind, flavour or None)
    units: list[tuple[str, str, str | None]] = field(default_factory=list)


def _department(name: str, short: str, divisions: list[str], affiliates: list[str], *,
                inspection: bool = True, finance: bool = True) -> AgencyPlan:
    units: list[tuple[str, str, str | None]] = [("Văn phòng Sở", D, None)]
    if inspection:
        units.append(("Thanh tra Sở", D, None))
    if finance:
        units.append(("Phòng Kế hoạch - Tài chính", D, None))
    units += [(d, D, None) for d in divisions]
    units += [(a, A, None) for a in affiliates]
    return AgencyPlan(f"{name} tỉnh Cao Bằng", short, units=units)


#: provincial departments (names as before the 2025 mergers, like the demo's Sở Giao thông vận tải); the demo's
#: own agencies (Sở GTVT, Sở Nội vụ, Sở Y tế, xã Hòa An) are left out so that either can be loaded first
DEPARTMENTS: list[AgencyPlan] = [
    _department("Sở Tài chính", "Sở Tài chính", [
        "Phòng Quản lý ngân sách", "Phòng Tài chính đầu tư", "Phòng Quản lý giá và công sản",
        "Phòng Tài chính hành chính sự nghiệp"], [], finance=False),
    _department("Sở Kế hoạch và Đầu tư", "Sở KH&ĐT", [
        "Phòng Tổng hợp, quy hoạch", "Phòng Đăng ký kinh doanh", "Phòng Kinh tế ngành", "Phòng Khoa giáo - Văn xã"],
        ["Trung tâm Xúc tiến đầu tư"], finance=False),
    _department("Sở Xây dựng", "Sở Xây dựng", [
        "Phòng Quản lý xây dựng", "Phòng Quy hoạch - Kiến trúc", "Phòng Quản lý nhà và thị trường bất động sản"],
        ["Trung tâm Giám định chất lượng xây dựng", "Ban Quản lý dự án đầu tư xây dựng công trình dân dụng"]),
    _department("Sở Công Thương", "Sở Công Thương", [
        "Phòng Quản lý công nghiệp", "Phòng Quản lý thương mại", "Phòng Kỹ thuật an toàn - Môi trường"],
        ["Trung tâm Khuyến công và Tư vấn phát triển công nghiệp", "Trung tâm Xúc tiến thương mại"]),
    _department("Sở Nông nghiệp và Phát triển nông thôn", "Sở NN&PTNT", ["Phòng Tổ chức cán bộ"], [
        "Chi cục Trồng trọt và Bảo vệ thực vật", "Chi cục Chăn nuôi và Thú y", "Chi cục Kiểm lâm",
        "Trung tâm Khuyến nông"]),
    _department("Sở Tài nguyên và Môi trường", "Sở TN&MT", [
        "Phòng Quản lý đất đai", "Phòng Tài nguyên nước, khoáng sản và khí tượng thủy văn", "Phòng Môi trường"],
        ["Văn phòng Đăng ký đất đai", "Trung tâm Quan trắc tài nguyên và môi trường"]),
    _department("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", [
        "Phòng Giáo dục mầm non và tiểu học", "Phòng Giáo dục trung học",
        "Phòng Khảo thí và Quản lý chất lượng giáo dục"],
        ["Trường THPT Chuyên Cao Bằng", "Trường THPT Thành phố Cao Bằng",
         "Trường Phổ thông Dân tộc nội trú tỉnh Cao Bằng"]),
    _department("Sở Văn hóa, Thể thao và Du lịch", "Sở VH,TT&DL", [
        "Phòng Quản lý văn hóa và gia đình", "Phòng Quản lý thể dục thể thao", "Phòng Quản lý du lịch"],
        ["Thư viện tỉnh", "Bảo tàng tỉnh", "Trung tâm Văn hóa, Điện ảnh tỉnh"]),
    _department("Sở Lao động - Thương binh và Xã hội", "Sở LĐ-TB&XH", [
        "Phòng Lao động - Việc làm - Giáo dục nghề nghiệp", "Phòng Bảo trợ xã hội - Giảm nghèo", "Phòng Người có công"],
        ["Trung tâm Bảo trợ xã hội", "Trung tâm Dịch vụ việc làm"]),
    _department("Sở Thông tin và Truyền thông", "Sở TT&TT", [
        "Phòng Bưu chính, viễn thông và công nghệ thông tin", "Phòng Thông tin - Báo chí - Xuất bản"],
        ["Trung tâm Công nghệ thông tin và Truyền thông"]),
    _department("Sở Khoa học và Công nghệ", "Sở KH&CN", [
        "Phòng Quản lý khoa học", "Phòng Quản lý công nghệ và chuyên ngành"],
        ["Chi cục Tiêu chuẩn Đo lường Chất lượng", "Trung tâm Thông tin và Ứng dụng khoa học công nghệ"]),
    _department("Sở Tư pháp", "Sở Tư pháp", [
        "Phòng Văn bản - Phổ biến pháp luật", "Phòng Hành chính tư pháp", "Phòng Bổ trợ tư pháp"],
        ["Trung tâm Trợ giúp pháp lý nhà nước", "Phòng Công chứng số 1"], finance=False),
    _department("Sở Ngoại vụ", "Sở Ngoại vụ", [
        "Phòng Lãnh sự và Quản lý biên giới", "Phòng Hợp tác quốc tế", "Phòng Thông tin đối ngoại"], [],
        finance=False),
    AgencyPlan("Ban Dân tộc tỉnh Cao Bằng", "Ban Dân tộc", leadership="Lãnh đạo Ban",
               titles=("Trưởng ban", "Phó Trưởng ban"), units=[
                   ("Văn phòng Ban", D, None), ("Phòng Chính sách dân tộc", D, None),
                   ("Phòng Kế hoạch - Tổng hợp", D, None), ("Thanh tra Ban", D, None)]),
    AgencyPlan("Thanh tra tỉnh Cao Bằng", "Thanh tra tỉnh", leadership="Lãnh đạo Thanh tra tỉnh",
               titles=("Chánh Thanh tra tỉnh", "Phó Chánh Thanh tra tỉnh"), units=[
                   ("Văn phòng", D, None), ("Phòng Nghiệp vụ 1", D, "inspection"),
                   ("Phòng Nghiệp vụ 2", D, "inspection"), ("Phòng Nghiệp vụ 3", D, "inspection"),
                   ("Phòng Phòng, chống tham nhũng", D, "inspection")]),
    AgencyPlan("Văn phòng Ủy ban nhân dân tỉnh Cao Bằng", "Văn phòng UBND tỉnh", leadership="Lãnh đạo Văn phòng",
               titles=("Chánh Văn phòng", "Phó Chánh Văn phòng"), units=[
                   ("Phòng Hành chính - Tổ chức", D, None), ("Phòng Tổng hợp", D, None),
                   ("Phòng Kinh tế", D, None), ("Phòng Khoa giáo - Văn xã", D, None), ("Phòng Nội chính", D, None),
                   ("Trung tâm Phục vụ hành chính công tỉnh", A, None), ("Nhà khách UBND tỉnh", A, None)]),
    AgencyPlan("Ban Quản lý Khu kinh tế tỉnh Cao Bằng", "Ban QL KKT", leadership="Lãnh đạo Ban",
               titles=("Trưởng ban", "Phó Trưởng ban"), units=[
                   ("Văn phòng Ban", D, None), ("Phòng Quản lý đầu tư và doanh nghiệp", D, None),
                   ("Phòng Quản lý quy hoạch và xây dựng", D, None), ("Trung tâm Dịch vụ khu kinh tế", A, None)]),
]

#: wards and communes of Cao Bằng since 1 July 2025 (part of the 56); Hòa An is the demo's commune
WARDS = ["Thục Phán", "Nùng Trí Cao", "Tân Giang"]
COMMUNES = [
    "Quảng Lâm", "Nam Quang", "Lý Bôn", "Bảo Lâm", "Yên Thổ", "Sơn Lộ", "Hưng Đạo", "Bảo Lạc", "Cốc Pàng", "Cô Ba",
    "Khánh Xuân", "Xuân Trường", "Huy Giáp", "Ca Thành", "Phan Thanh", "Thành Công", "Tĩnh Túc", "Tam Kim",
    "Nguyên Bình", "Minh Tâm", "Thanh Long", "Cần Yên", "Thông Nông", "Trường Hà", "Hà Quảng", "Lũng Nặm",
    "Tổng Cọt", "Nam Tuấn", "Bạch Đằng", "Nguyễn Huệ", "Minh Khai", "Canh Tân", "Kim Đồng", "Thạch An",
    "Đông Khê", "Đức Long", "Phục Hòa",
]


def _local(place: str, level: str, rng: random.Random) -> AgencyPlan:
    economy = "Phòng Kinh tế, Hạ tầng và Đô thị" if level == "phường" else "Phòng Kinh tế"
    units: list[tuple[str, str, str | None]] = [
        ("Văn phòng HĐND và UBND", D, "commune"), (economy, D, "commune"), ("Phòng Văn hóa - Xã hội", D, "commune"),
        ("Trung tâm Phục vụ hành chính công", A, "commune"),
        (f"Trường Mầm non {place}", A, None), (f"Trường Tiểu học {place}", A, None),
        (f"Trường Trung học cơ sở {place}", A, None),
    ]
    if rng.random() < 0.5:
        units.append((f"Trường Tiểu học {place} số 2", A, None))
    return AgencyPlan(
        f"Ủy ban nhân dân {level} {place}", f"UBND {level} {place}", kind=UnitKind.LOCAL_GOV,
        leadership=f"Lãnh đạo UBND {level}", titles=(f"Chủ tịch UBND {level}", f"Phó Chủ tịch UBND {level}"),
        leader_type=EmploymentType.CAN_BO, units=units,
    )


def _plans(count: int, rng: random.Random, taken: set[str]) -> list[AgencyPlan]:
    """About two fifths departments, the rest wards and communes; numbered stand-ins when the lists run out."""
    departments = list(DEPARTMENTS)
    rng.shuffle(departments)
    places = [(w, "phường") for w in WARDS] + [(c, "xã") for c in COMMUNES]
    rng.shuffle(places)
    locals_ = [_local(p, level, rng) for p, level in places]
    # drop names already in the database only after drawing, so the draw does not depend on the database
    departments = [p for p in departments if fold(p.name) not in taken]
    locals_ = [p for p in locals_ if fold(p.name) not in taken]
    n_dept = min(len(departments), round(count * 0.4))
    n_local = min(len(locals_), count - n_dept)
    n_dept = min(len(departments), count - n_local)
    chosen = departments[:n_dept] + locals_[:n_local]
    i = 0
    while len(chosen) < count:
        i += 1
        name = f"Cơ quan mô phỏng số {i}"
        if fold(name) in taken:
            continue
        base = DEPARTMENTS[i % len(DEPARTMENTS)]
        chosen.append(AgencyPlan(name, f"CQ mô phỏng {i}", units=list(base.units)))
    rng.shuffle(chosen)
    return chosen


def _apportion(total: int, weights: list[float]) -> list[int]:
    """Split ``total`` in proportion to ``weights`` (largest remainder): the parts add up exactly."""
    if not weights:
        return []
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    parts = [int(x) for x in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - parts[i], reverse=True)
    for i in order[: total - sum(parts)]:
        parts[i] += 1
    return parts


def _unit_weight(kind: str, flavour: str, rng: random.Random) -> float:
    """Relative size: a division is small, schools, hospitals and centres are where the people are."""
    if flavour in {"health", "project", "registry"}:
        base = 8.0
    elif flavour in {"school", "preschool"}:
        base = 6.0
    elif flavour == "commune" and kind == UnitKind.AFFILIATE:
        base = 0.6
    elif kind == UnitKind.AFFILIATE:
        base = 4.0
    else:
        base = 1.0
    return base * rng.uniform(0.6, 1.4)


def synthetic_present() -> bool:
    return OrgUnit.objects.filter(code__startswith=SYN_PREFIX).exists()


def synth(agencies: int = 40, staff: int = 25000, seed: int = 2679,
          out: Callable[[str], object] = print) -> dict:
    """Add ``agencies`` synthetic agencies with ``staff`` people in total under Tỉnh Cao Bằng; returns counts."""
    if agencies < 1 or staff < 0:
        raise SynthRefused("Cần ít nhất 1 cơ quan và số cán bộ không âm.")
    started = time.perf_counter()
    org_rng = random.Random(seed)
    people_rng = random.Random(seed * 7919 + 17)
    with transaction.atomic():
        if synthetic_present():
            raise SynthRefused(
                f"Dữ liệu mô phỏng đã có (đơn vị có mã bắt đầu bằng {SYN_PREFIX}); không tạo thêm. "
                "Hãy dùng một cơ sở dữ liệu mới nếu cần tạo lại."
            )
        province = (
            OrgUnit.objects.filter(kind=UnitKind.PROVINCE, name_key=fold(PROVINCE_NAME)).order_by("pk").first()
        )
        if province is None:
            province = services.create_unit(name=PROVINCE_NAME, kind=UnitKind.PROVINCE, parent=None, actor=None,
                                            short_name="Cao Bằng", code="CB")
        taken = set(OrgUnit.objects.filter(parent=province).values_list("name_key", flat=True))
        plans = _plans(agencies, org_rng, taken)
        works = [_work_units(plan) for plan in plans]
        # an agency's size follows what it has: departments with hospitals or schools are the big ones
        unit_weights = [
            [_unit_weight(kind, flavour or names.flavour_of(name, kind), org_rng) for name, kind, flavour in work[1:]]
            for work in works
        ]
        sizes = _apportion(staff, [sum(w) * org_rng.lognormvariate(0, 0.3) for w in unit_weights])
        first_order = max(OrgUnit.objects.filter(parent=province).values_list("sort_order", flat=True), default=0)

        n_units = 0
        people: list[Person] = []
        starts: list = []
        for a, (plan, work, weights, size) in enumerate(zip(plans, works, unit_weights, sizes, strict=True), start=1):
            code = f"{SYN_PREFIX}{a:03d}"
            agency = services.create_unit(name=plan.name, kind=plan.kind, parent=province, actor=None,
                                          short_name=plan.short_name, code=code, sort_order=first_order + a * 10)
            n_units += 1
            made = []
            for u, (name, kind, flavour) in enumerate(work, start=1):
                unit = services.create_unit(name=name, kind=kind, parent=agency, actor=None,
                                            code=f"{code}-{u:02d}", sort_order=u * 10)
                made.append((unit, flavour))
            for extra, (name, kind) in enumerate(_side_units(plan, len(work), org_rng), start=len(work) + 1):
                services.create_unit(name=name, kind=kind, parent=agency, actor=None, code=f"{code}-{extra:02d}",
                                     sort_order=extra * 10)
                n_units += 1
            n_units += len(made)
            leaders = min(size, 4 if plan.kind == UnitKind.AGENCY else 3)
            counts = [leaders, *_apportion(size - leaders, weights)]
            for (unit, flavour), n in zip(made, counts, strict=True):
                _staff_unit(unit, flavour, n, plan, people, starts, people_rng)
            audit.record(AuditAction.IMPORT, agency, actor=None,
                         note=f"Dữ liệu mô phỏng (seed {seed}): {size} cán bộ.")

        created = 0
        for i in range(0, len(people), BATCH_SIZE):
            batch = Person.objects.bulk_create(people[i:i + BATCH_SIZE])
            if any(p.pk is None for p in batch):
                raise RuntimeError("database did not return primary keys")
            Assignment.objects.bulk_create([
                Assignment(person_id=p.pk, unit_id=p.unit_id, position=p.position, start_date=s)
                for p, s in zip(batch, starts[i:i + BATCH_SIZE], strict=True)
            ])
            PersonNameKey.objects.bulk_create(name_keys_for(batch))
            created += len(batch)
    seconds = round(time.perf_counter() - started, 2)
    result = {"agencies": len(plans), "units": n_units, "people": created, "assignments": created,
              "seconds": seconds}
    out(f"Đã tạo {len(plans)} cơ quan mô phỏng, {n_units} đơn vị (kể cả cơ quan), {created} cán bộ "
        f"trong {seconds} giây.")
    return result


def _work_units(plan: AgencyPlan) -> list[tuple[str, str, str | None]]:
    """Leadership first, then the divisions and affiliates; at most 10, so side units bring it to 10–14."""
    units = [(plan.leadership, L, None)] + list(plan.units)
    if len(units) > 10:
        units = units[:10]
    return units


def _side_units(plan: AgencyPlan, n_work: int, rng: random.Random) -> list[tuple[str, str]]:
    short = plan.short_name
    side = [(f"Công đoàn cơ sở {short}", UnitKind.UNION), (f"Đoàn Thanh niên {short}", UnitKind.YOUTH)]
    if plan.kind == UnitKind.AGENCY and (n_work < 8 or rng.random() < 0.6):
        side.append((f"{'Đảng ủy' if n_work > 7 else 'Chi bộ'} {short}", UnitKind.PARTY))
    side.append((f"Hội đồng Thi đua - Khen thưởng {short}", UnitKind.COUNCIL))
    while n_work + len(side) > 14:
        side.pop(-2)
    return side


def _staff_unit(unit: OrgUnit, flavour: str | None, n: int, plan: AgencyPlan, people: list[Person],
                starts: list, rng: random.Random) -> None:
    if n <= 0:
        return
    if unit.kind == UnitKind.LEADERSHIP:
        head_title, deputy_title = plan.titles
        senior = "Chuyên viên cao cấp" if plan.kind == UnitKind.AGENCY else "Chuyên viên chính"
        leaders = [names.Job(head_title, senior, plan.leader_type, 0, 0.15)]
        leaders += [names.Job(deputy_title, "Chuyên viên chính", plan.leader_type, 0, 0.3)] * (n - 1)
        jobs = leaders
        flavour = flavour or "division"
    else:
        flavour = flavour or names.flavour_of(unit.name, unit.kind)
        deputies = 3 if n >= 30 else 2 if n >= 12 else 1 if n >= 3 else 0
        jobs = [names.head_job(unit.name, flavour, deputy=False)]
        jobs += [names.head_job(unit.name, flavour, deputy=True)] * deputies
        jobs = jobs[:n]
    for i in range(n):
        leader = i < len(jobs)
        job = jobs[i] if leader else names.pick_job(rng, flavour)
        gender = Gender.FEMALE if rng.random() < job.female_share else Gender.MALE
        full_name = nfc(names.full_name(rng, gender))
        born = names.birth_date_for(rng, job.rank, leader=leader)
        people.append(Person(
            full_name=full_name, gender=gender, birth_date=born, position=nfc(job.position), rank=nfc(job.rank),
            employment_type=job.employment_type, unit_id=unit.pk,
            name_key=search_key(full_name), sort_key=person_sort_key(full_name),
        ))
        starts.append(names.start_date(rng, born))
