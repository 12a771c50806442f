"""Demo data for "Vì người nghèo" 2021–2025: households in real Cao Bằng communes whose category changes over
2022–2025 (some escape poverty), students in hardship, and ~250 support activities linked to the movement's
content items, with small generated photos as evidence. Same seed, same data; idempotent."""

from __future__ import annotations

import datetime as dt
import io
import random
from collections.abc import Callable

from django.db import transaction
from PIL import Image, ImageDraw

from thidua.core.clock import replay
from thidua.org import names
from thidua.org.enums import Role
from thidua.org.models import OrgUnit, Person, RoleGrant

from . import places, services
from .enums import ActivityKind, Ethnicity, HouseholdCategory, Relation
from .evidence import check_upload
from .models import Activity, Household

SEED = 2679
COMMUNES = ["Xã Quảng Lâm", "Xã Nam Quang", "Xã Lý Bôn", "Xã Cốc Pàng", "Xã Thông Nông", "Xã Trường Hà",
            "Xã Lũng Nặm", "Xã Thạch An", "Xã Hạ Lang", "Xã Vinh Quý", "Xã Trùng Khánh", "Phường Tân Giang"]
VILLAGES = ["Nà Lũng", "Khuổi Khon", "Pác Bó", "Lũng Pán", "Nà Mạ", "Cốc Phát", "Bản Hoàng", "Phia Đén", "Nà Pục",
            "Slam Pác", "Lũng Rì", "Bó Củng", "Khau Vài", "Nặm Dân"]
ETHNIC_WEIGHTS = {Ethnicity.TAY: 30, Ethnicity.NUNG: 28, Ethnicity.MONG: 20, Ethnicity.DAO: 12, Ethnicity.KINH: 5,
                  Ethnicity.SAN_CHAY: 3, Ethnicity.LO_LO: 2}
#: the school year the demo's students are in (2025–2026): a child born in 2019 is in grade 1, in 2008 grade 12
SCHOOL_YEAR = 2025
#: the children of school age in SCHOOL_YEAR are the household's students ("Học sinh" in its member list)
SCHOOL_BORN = range(SCHOOL_YEAR - 17, SCHOOL_YEAR - 5)


def school_for(commune_name: str, grade: int) -> str:
    """The school of the commune that teaches `grade` (services.grade_range: Tiểu học 1–5, THCS 6–9, THPT 10–12)."""
    place = commune_name.removeprefix("Xã ").removeprefix("Phường ").removeprefix("Thị trấn ")
    level = "Tiểu học" if grade <= 5 else "THCS" if grade <= 9 else "THPT"
    return f"Trường {level} {place}"
#: (kind, title template, content item index a–d, cash range, in-kind range, with households, with students)
PATTERNS = [
    (ActivityKind.VISIT_GIFT, "Thăm hỏi, tặng quà hộ nghèo {place}", 1, (200_000, 1_000_000), (300_000, 800_000), True, False),
    (ActivityKind.PROPAGANDA, "Tuyên truyền phong trào “Vì người nghèo” tại {place}", 0, (0, 0), (0, 0), False, False),
    (ActivityKind.LIVELIHOOD, "Hỗ trợ giống bò, lợn cho hộ nghèo {place}", 2, (0, 2_000_000), (5_000_000, 15_000_000), True, False),
    (ActivityKind.HOUSING, "Hỗ trợ xây nhà Đại đoàn kết {place}", 2, (20_000_000, 50_000_000), (0, 10_000_000), True, False),
    (ActivityKind.JOBS, "Giới thiệu việc làm, học lái xe cho thanh niên hộ nghèo {place}", 2, (0, 3_000_000), (0, 0), True, False),
    (ActivityKind.STUDENTS, "Trao học bổng, sách vở cho học sinh khó khăn {place}", 3, (500_000, 2_000_000), (200_000, 600_000), False, True),
    (ActivityKind.INITIATIVE, "Mô hình “Đơn vị đỡ đầu thôn” tại {place}", 3, (0, 5_000_000), (0, 5_000_000), True, False),
]


def _photo(rng: random.Random, label: str) -> bytes:
    image = Image.new("RGB", (320, 240), (rng.randint(60, 200), rng.randint(90, 200), rng.randint(60, 160)))
    draw = ImageDraw.Draw(image)
    for _ in range(6):
        x, y = rng.randint(0, 280), rng.randint(60, 200)
        draw.rectangle([x, y, x + rng.randint(20, 60), y + rng.randint(20, 40)], fill=(rng.randint(0, 255),) * 3)
    draw.text((10, 10), label[:40], fill=(255, 255, 255))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=60)
    return out.getvalue()


class _Upload(io.BytesIO):
    def __init__(self, data: bytes, name: str):
        super().__init__(data)
        self.name, self.size = name, len(data)


def _weighted(rng: random.Random, weights: dict):
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _trajectory(rng: random.Random) -> list[str]:
    """Categories for 2022–2025: poor households often become near-poor, then escape."""
    poor, near, newly, escaped = (HouseholdCategory.POOR, HouseholdCategory.NEAR_POOR,
                                  HouseholdCategory.NEWLY_ESCAPED, HouseholdCategory.ESCAPED)
    return rng.choice([
        [poor, poor, poor, poor], [poor, poor, near, near], [poor, near, newly, escaped],
        [poor, poor, newly, escaped], [near, near, newly, escaped], [near, near, near, near],
        [poor, near, near, newly], [near, newly, escaped, escaped],
    ])


def classification_date(rng: random.Random, year: int) -> dt.date:
    """Communes review poor households in November–December and decide the list for the coming year: the
    classification for `year` is dated 01/11–31/12 of the year before."""
    return dt.date(year - 1, 11, 1) + dt.timedelta(days=rng.randint(0, 60))


def _add_members(household, rng: random.Random, actor) -> None:
    """The head's spouse, children (with the father's surname) and, in large households, a grandparent, up to
    the household's number of members."""
    head_is_woman = " thị " in f" {household.head_name.lower()} "
    father = household.head_name.split()[0]
    for n in range(household.members - 1):
        if n == 0:
            relation, born = Relation.SPOUSE, rng.randint(1965, 1995)
            name = names.full_name(rng, "male" if head_is_woman else "female")
            if head_is_woman:
                father = name.split()[0]
        elif n == household.members - 2 and household.members >= 6:
            relation, born = Relation.PARENT, rng.randint(1940, 1960)
            name = names.full_name(rng, rng.choice(["male", "female"]))
        else:
            relation, born = Relation.CHILD, rng.randint(2003, 2022)
            name = " ".join([father, *names.full_name(rng, rng.choice(["male", "female"])).split()[1:]])
        services.add_member(household, actor=actor, full_name=name, relation=relation, birth_year=born,
                            note="Học sinh" if relation == Relation.CHILD and born in SCHOOL_BORN else "")


def load_participation_demo(agency: OrgUnit, movement, out: Callable[[str], object] = print) -> bool:
    if Household.objects.filter(agency=agency).exists():
        return False
    rng = random.Random(SEED)
    grant = RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).select_related("user").first()
    actor = grant.user if grant else None
    communes = [c for c in (places.find_commune(n, places.agency_province_code(agency))[0] for n in COMMUNES) if c]
    units = list(OrgUnit.objects.filter(agency=agency, is_active=True)
                 .exclude(kind__in=["council", "party", "leadership"]).order_by("path"))
    people_by_unit: dict[int, list[Person]] = {}
    for person in Person.objects.filter(unit__in=units, is_active=True).order_by("id"):
        people_by_unit.setdefault(person.unit_id, []).append(person)
    items = list(movement.items.filter(kind="content").order_by("order", "id")) if movement else []
    member_rng = random.Random(SEED + 1)  # its own stream: the rest of the demo stays as it was
    with transaction.atomic():
        households = []
        for i in range(90):
            commune = communes[i % len(communes)]
            entered_on = dt.date(2022, 11, 2) + dt.timedelta(days=i % 20)  # the Office entered them in 11/2022
            with replay(entered_on, hour=10):
                household = services.create_household(
                    agency=agency, actor=actor, head_name=names.full_name(rng, rng.choice(["male", "male", "female"])),
                    members=rng.randint(2, 8), province_code=commune.province_code, commune_code=commune.code,
                    commune_name=commune.name, village=rng.choice(VILLAGES), ethnicity=_weighted(rng, ETHNIC_WEIGHTS),
                    note="",
                )
                _add_members(household, member_rng, actor)
            for year, category in zip(range(2022, 2026), _trajectory(rng), strict=True):
                classified_on = classification_date(rng, year)
                with replay(max(entered_on, classified_on + dt.timedelta(days=3)), hour=15):
                    services.classify_household(
                        household, year=year, category=category, classified_by=f"UBND {commune.name}",
                        classified_on=classified_on, decision=f"{rng.randint(10, 300)}/QĐ-UBND", actor=actor)
            households.append(household)
        # the students are the households' own children of school age, at the schools of their commune
        students = []
        with replay(dt.date(2022, 12, 1), hour=10):
            for household in households:
                for member in household.member_list.filter(note="Học sinh").order_by("id"):
                    grade = SCHOOL_YEAR - member.birth_year - 5
                    students.append(services.create_student(
                        agency=agency, actor=actor, full_name=member.full_name,
                        school=school_for(household.commune_name, grade), grade=str(grade), household=household,
                        note=f"Con của hộ {household.head_name}, {household.village}, {household.commune_name}."))
        photos = 0
        start, end = dt.date(2022, 11, 1), min(dt.date(2025, 11, 30), dt.date.today())
        span = (end - start).days
        for n in range(250):
            kind, template, item_index, cash, in_kind, with_households, with_students = rng.choice(PATTERNS)
            unit = rng.choice(units)
            commune = rng.choice(communes)
            held_on = start + dt.timedelta(days=rng.randint(0, span))
            if kind == ActivityKind.VISIT_GIFT and rng.random() < 0.6:  # the peak month 17/10 – 18/11
                year = rng.choice([y for y in (2022, 2023, 2024, 2025) if dt.date(y, 11, 18) <= end] or [2023])
                held_on = dt.date(year, 10, 17) + dt.timedelta(days=rng.randint(0, 32))
            local = [h for h in households if h.commune_code == commune.code]
            local_students = [st for st in students if st.household.commune_code == commune.code]
            links = {
                "units": [unit],
                "people": rng.sample(people_by_unit.get(unit.pk, []), min(len(people_by_unit.get(unit.pk, [])),
                                                                           rng.randint(1, 5))),
                "households": rng.sample(local, min(len(local), rng.randint(1, 4))) if with_households else [],
                "students": rng.sample(local_students, min(len(local_students), rng.randint(1, 4)))
                if with_students else [],
                "content_items": [items[min(item_index, len(items) - 1)]] if items else [],
            }
            checked = []
            if n % 4 == 0:
                label = f"{kind.label} {held_on:%d/%m/%Y}"
                checked.append(check_upload(_Upload(_photo(rng, label), f"anh-{n + 1}.jpg")))
                photos += 1
            with replay(held_on + dt.timedelta(days=1), hour=16):  # recorded the day after
                services.record_activity(
                    agency=agency, actor=actor, links=links, checked_files=checked, kind=kind,
                    title=template.format(place=commune.name), held_on=held_on,
                    cash_value=rng.randrange(cash[0], cash[1] + 1, 50_000) if cash[1] else 0,
                    in_kind_value=rng.randrange(in_kind[0], in_kind[1] + 1, 50_000) if in_kind[1] else 0,
                    commune_code=commune.code, commune_name=commune.name,
                    description=f"{unit.name} phối hợp với UBND {commune.name} thực hiện.",
                )
    out(f"Đã tạo {len(households)} hộ, {len(students)} học sinh, {Activity.objects.filter(agency=agency).count()} "
        f"hoạt động hỗ trợ ({photos} ảnh minh chứng).")
    return True
