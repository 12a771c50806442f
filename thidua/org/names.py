"""Shared lists for the demo and the synthetic load: Vietnamese names as found in Cao Bằng, titles and ranks.

Cao Bằng is mostly Tày and Nùng, so Nông, Hoàng, Lương, Đàm, Bế, Triệu, Lục... are as common as Nguyễn.
Everything here is drawn from a ``random.Random`` passed in by the caller, so a fixed seed gives the same people.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass
from itertools import accumulate

from .enums import EmploymentType, Gender

#: surname -> relative frequency (rough, for a Cao Bằng public agency)
SURNAMES: dict[str, float] = {
    "Nông": 13, "Hoàng": 13, "Nguyễn": 11, "Lương": 6, "Đàm": 5, "Bế": 5, "Triệu": 4, "Lý": 4, "Lục": 3,
    "Hà": 3, "Trần": 3, "Mã": 2, "Lưu": 2, "Đinh": 2, "Vi": 2, "Chu": 2, "Dương": 2, "Lê": 2, "Đặng": 1.5,
    "Phạm": 1.5, "Ngọc": 1, "Sầm": 1, "Lăng": 1, "Vũ": 1, "Đoàn": 1, "Phùng": 1, "La": 1, "Hứa": 1, "Bùi": 1,
    "Tô": 1, "Nịnh": 0.7, "Bàn": 0.6, "Long": 0.5, "Thào": 0.4, "Lầu": 0.3, "Sùng": 0.3,
}

#: middle names; "Văn" says male and "Thị" says female, the others are shared or merely usual for one gender
MALE_MIDDLE: dict[str, float] = {
    "Văn": 42, "Đức": 8, "Minh": 6, "Quang": 5, "Xuân": 4, "Hữu": 4, "Mạnh": 3, "Tiến": 3, "Trung": 3,
    "Thanh": 3, "Ngọc": 3, "Việt": 3, "Công": 3, "Duy": 3, "Quốc": 3, "Đình": 3, "Hoàng": 2, "Anh": 2,
    "Thế": 2, "Chí": 2, "Trọng": 2, "Huy": 1, "Hồng": 1, "Kim": 1, "Hải": 1,
}
FEMALE_MIDDLE: dict[str, float] = {
    "Thị": 52, "Thu": 6, "Thanh": 5, "Ngọc": 4, "Thúy": 3, "Hồng": 3, "Kim": 3, "Thùy": 3, "Bích": 2,
    "Phương": 2, "Minh": 2, "Mai": 2, "Hải": 1, "Diệu": 1, "Lan": 1, "Hoài": 1, "Khánh": 1, "Quỳnh": 1,
}
#: a second middle name after "Thị" ("Nguyễn Thị Thu Hà")
FEMALE_SECOND_MIDDLE = ["Thu", "Thanh", "Ngọc", "Minh", "Hồng", "Bích", "Kim", "Thúy", "Mai", "Phương"]

MALE_GIVEN = [
    "An", "Anh", "Bảo", "Bình", "Cường", "Chiến", "Chung", "Công", "Dũng", "Duy", "Dương", "Đại", "Định", "Đông",
    "Đức", "Giang", "Hà", "Hải", "Hậu", "Hiếu", "Hiệp", "Hòa", "Hoàn", "Hùng", "Huy", "Hưng", "Khánh", "Khiêm",
    "Khoa", "Kiên", "Lâm", "Lịch", "Linh", "Long", "Lộc", "Lợi", "Luận", "Lực", "Mạnh", "Minh", "Nam", "Nghĩa",
    "Nguyên", "Phong", "Phúc", "Quân", "Quang", "Quyết", "Sinh", "Sơn", "Tài", "Tâm", "Thạch", "Thái", "Thắng",
    "Thành", "Thuận", "Thụy", "Tiến", "Toàn", "Triều", "Trung", "Trường", "Tuấn", "Tùng", "Tuyên", "Tường",
    "Việt", "Vinh", "Vũ", "Vượng", "Xuân",
]
FEMALE_GIVEN = [
    "An", "Anh", "Châm", "Chi", "Dịu", "Dung", "Duyên", "Giang", "Hà", "Hạnh", "Hằng", "Hảo", "Hiên", "Hiền",
    "Hoa", "Hoài", "Hồng", "Huyền", "Hương", "Hường", "Lan", "Liên", "Linh", "Loan", "Lụa", "Luyến", "Mai",
    "Mến", "Nga", "Ngân", "Ngọc", "Nhàn", "Nhung", "Nụ", "Oanh", "Phượng", "Phương", "Quyên", "Quỳnh", "Sen",
    "Tâm", "Thảo", "Thắm", "Thoa", "Thơm", "Thu", "Thủy", "Thúy", "Trang", "Tuyến", "Tuyết", "Vân", "Vui",
    "Xuân", "Yến",
]


class _Weighted:
    """Pre-computed cumulative weights, so drawing 25,000 names stays cheap."""

    def __init__(self, weights: dict[str, float]):
        self.items = list(weights)
        self.cum = list(accumulate(weights.values()))

    def draw(self, rng: random.Random) -> str:
        return rng.choices(self.items, cum_weights=self.cum)[0]


_SURNAMES = _Weighted(SURNAMES)
_MALE_MIDDLE = _Weighted(MALE_MIDDLE)
_FEMALE_MIDDLE = _Weighted(FEMALE_MIDDLE)


def full_name(rng: random.Random, gender: str) -> str:
    """A realistic full name for the gender: surname, middle name(s), given name, never a repeated word."""
    surname = _SURNAMES.draw(rng)
    if gender == Gender.FEMALE:
        middle = _FEMALE_MIDDLE.draw(rng)
        if middle == "Thị" and rng.random() < 0.08:
            middle = f"Thị {rng.choice(FEMALE_SECOND_MIDDLE)}"
        given_pool = FEMALE_GIVEN
    else:
        middle = _MALE_MIDDLE.draw(rng)
        given_pool = MALE_GIVEN
    while True:
        given = rng.choice(given_pool)
        words = [surname, *middle.split(" ")]
        if given not in words:
            return " ".join([*words, given])


def names(seed: int, count: int, female_share: float = 0.45) -> list[tuple[str, str]]:
    """``count`` (full name, gender) pairs from a seed; the same seed always gives the same list."""
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        gender = Gender.FEMALE if rng.random() < female_share else Gender.MALE
        out.append((full_name(rng, gender), gender))
    return out


def birth_date(rng: random.Random, first_year: int = 1965, last_year: int = 2000) -> dt.date:
    start = dt.date(first_year, 1, 1).toordinal()
    end = dt.date(last_year, 12, 31).toordinal()
    return dt.date.fromordinal(rng.randint(start, end))


_SENIOR_RANK = re.compile(r"chính|cao cấp|hạng (I|II)\b")


def birth_date_for(rng: random.Random, rank: str, *, leader: bool = False) -> dt.date:
    """Heads and deputies are older; a senior rank (chính, cao cấp, hạng II) takes years to reach."""
    if leader:
        return birth_date(rng, 1966, 1982)
    if _SENIOR_RANK.search(rank):
        return birth_date(rng, 1965, 1988)
    return birth_date(rng, 1965, 2000)


def start_date(rng: random.Random, born: dt.date, latest_year: int = 2022) -> dt.date:
    """When the person began in the current unit: after finishing studies, not after ``latest_year``."""
    first = min(max(born.year + 22, 1990), latest_year)
    year = rng.randint(first, latest_year)
    return dt.date(year, rng.choice([1, 3, 4, 6, 7, 8, 9, 10]), 1)


# --- titles ------------------------------------------------------------------------------------------------

#: unit-name prefix -> (head title, deputy title)
HEAD_TITLES: list[tuple[str, tuple[str, str]]] = [
    ("Lãnh đạo UBND", ("Chủ tịch UBND", "Phó Chủ tịch UBND")),
    ("Lãnh đạo", ("Giám đốc", "Phó Giám đốc")),
    ("Ban Quản lý dự án", ("Giám đốc Ban", "Phó Giám đốc Ban")),
    ("Ban Quản lý Khu kinh tế", ("Trưởng ban", "Phó Trưởng ban")),
    ("Văn phòng Đăng ký", ("Giám đốc", "Phó Giám đốc")),
    ("Văn phòng", ("Chánh Văn phòng", "Phó Chánh Văn phòng")),
    ("Thanh tra", ("Chánh Thanh tra", "Phó Chánh Thanh tra")),
    ("Phòng", ("Trưởng phòng", "Phó Trưởng phòng")),
    ("Ban", ("Trưởng ban", "Phó Trưởng ban")),
    ("Chi cục", ("Chi cục trưởng", "Phó Chi cục trưởng")),
    ("Trung tâm", ("Giám đốc Trung tâm", "Phó Giám đốc Trung tâm")),
    ("Trạm Đăng kiểm", ("Trưởng trạm", "Phó Trưởng trạm")),
    ("Trạm", ("Trạm trưởng", "Phó Trạm trưởng")),
    ("Trường", ("Hiệu trưởng", "Phó Hiệu trưởng")),
    ("Bệnh viện", ("Giám đốc Bệnh viện", "Phó Giám đốc Bệnh viện")),
    ("Đội", ("Đội trưởng", "Phó Đội trưởng")),
    ("Nhà khách", ("Giám đốc", "Phó Giám đốc")),
    ("Thư viện", ("Giám đốc Thư viện", "Phó Giám đốc Thư viện")),
    ("Bảo tàng", ("Giám đốc Bảo tàng", "Phó Giám đốc Bảo tàng")),
]


def head_titles(unit_name: str) -> tuple[str, str]:
    for prefix, titles in HEAD_TITLES:
        if unit_name.startswith(prefix):
            return titles
    return ("Trưởng đơn vị", "Phó Trưởng đơn vị")


# --- staff mixes ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    position: str
    rank: str
    employment_type: str
    weight: float
    female_share: float


CC = EmploymentType.CONG_CHUC
VC = EmploymentType.VIEN_CHUC
NLD = EmploymentType.NGUOI_LAO_DONG

#: the ordinary staff of a unit, by the unit's flavour (heads and deputies are added separately)
STAFF_MIX: dict[str, list[Job]] = {
    "office": [
        Job("Chuyên viên", "Chuyên viên", CC, 5, 0.6),
        Job("Chuyên viên", "Chuyên viên chính", CC, 1, 0.5),
        Job("Kế toán", "Kế toán viên", CC, 1, 0.85),
        Job("Văn thư", "Văn thư viên", CC, 1, 0.9),
        Job("Nhân viên lái xe", "", NLD, 1.5, 0.0),
        Job("Nhân viên bảo vệ", "", NLD, 0.7, 0.0),
        Job("Nhân viên phục vụ", "", NLD, 0.5, 0.9),
    ],
    "inspection": [
        Job("Thanh tra viên", "Thanh tra viên", CC, 5, 0.3),
        Job("Thanh tra viên chính", "Thanh tra viên chính", CC, 1.5, 0.25),
        Job("Chuyên viên", "Chuyên viên", CC, 1, 0.5),
    ],
    "division": [
        Job("Chuyên viên", "Chuyên viên", CC, 6, 0.45),
        Job("Chuyên viên", "Chuyên viên chính", CC, 2, 0.4),
        Job("Chuyên viên", "Cán sự", CC, 0.6, 0.5),
    ],
    "finance": [
        Job("Chuyên viên", "Chuyên viên", CC, 3, 0.6),
        Job("Kế toán", "Kế toán viên", CC, 2, 0.85),
        Job("Chuyên viên", "Chuyên viên chính", CC, 1, 0.5),
    ],
    "project": [
        Job("Cán bộ kỹ thuật", "Kỹ sư (hạng III)", VC, 6, 0.15),
        Job("Cán bộ kỹ thuật", "Kỹ sư chính (hạng II)", VC, 1.5, 0.1),
        Job("Cán bộ kế hoạch", "Chuyên viên", VC, 1.5, 0.5),
        Job("Kế toán", "Kế toán viên", VC, 1.5, 0.8),
        Job("Nhân viên hành chính", "Cán sự", VC, 0.8, 0.7),
        Job("Nhân viên lái xe", "", NLD, 1, 0.0),
    ],
    "registry": [
        Job("Đăng kiểm viên", "Kỹ sư (hạng III)", VC, 5, 0.05),
        Job("Đăng kiểm viên bậc cao", "Kỹ sư chính (hạng II)", VC, 1, 0.0),
        Job("Nhân viên nghiệp vụ", "Kỹ thuật viên (hạng IV)", VC, 2, 0.5),
        Job("Kế toán", "Kế toán viên", VC, 0.7, 0.9),
        Job("Nhân viên thu phí", "", NLD, 0.8, 0.8),
        Job("Nhân viên bảo vệ", "", NLD, 0.5, 0.0),
    ],
    "center": [
        Job("Viên chức", "Chuyên viên", VC, 5, 0.5),
        Job("Viên chức", "Kỹ sư (hạng III)", VC, 2, 0.3),
        Job("Kế toán", "Kế toán viên", VC, 1, 0.85),
        Job("Nhân viên", "", NLD, 1, 0.4),
    ],
    "school": [
        Job("Giáo viên", "Giáo viên hạng III", VC, 8, 0.8),
        Job("Giáo viên", "Giáo viên hạng II", VC, 3, 0.75),
        Job("Nhân viên kế toán", "Kế toán viên", VC, 0.5, 0.9),
        Job("Nhân viên văn thư", "Văn thư viên", VC, 0.4, 0.9),
        Job("Nhân viên bảo vệ", "", NLD, 0.5, 0.0),
    ],
    "health": [
        Job("Bác sĩ", "Bác sĩ (hạng III)", VC, 3, 0.5),
        Job("Điều dưỡng", "Điều dưỡng (hạng IV)", VC, 5, 0.8),
        Job("Y sĩ", "Y sĩ (hạng IV)", VC, 2, 0.6),
        Job("Dược sĩ", "Dược sĩ (hạng III)", VC, 1, 0.7),
        Job("Kế toán", "Kế toán viên", VC, 0.5, 0.85),
    ],
    "preschool": [
        Job("Giáo viên", "Giáo viên mầm non hạng III", VC, 8, 0.98),
        Job("Giáo viên", "Giáo viên mầm non hạng II", VC, 2, 0.98),
        Job("Nhân viên nấu ăn", "", NLD, 1.5, 0.9),
        Job("Nhân viên kế toán", "Kế toán viên", VC, 0.4, 0.9),
        Job("Nhân viên bảo vệ", "", NLD, 0.4, 0.0),
    ],
    "commune": [
        Job("Chuyên viên", "Chuyên viên", CC, 5, 0.5),
        Job("Chuyên viên", "Cán sự", CC, 1, 0.5),
        Job("Kế toán", "Kế toán viên", CC, 0.7, 0.85),
    ],
}


def flavour_of(unit_name: str, kind: str) -> str:
    """Which staff mix suits a unit, from its name and kind."""
    name = unit_name.lower()
    if "đăng kiểm" in name:
        return "registry"
    if "dự án" in name or "bảo trì" in name:
        return "project"
    if name.startswith("trường mầm non"):
        return "preschool"
    if name.startswith("trường"):
        return "school"
    if name.startswith(("bệnh viện", "trạm y tế", "trung tâm y tế", "trung tâm kiểm soát bệnh tật")):
        return "health"
    if kind == "affiliate" or name.startswith(("trung tâm", "thư viện", "bảo tàng", "chi cục")):
        return "center"
    if name.startswith("văn phòng"):
        return "office"
    if name.startswith("thanh tra"):
        return "inspection"
    if name.startswith("phòng") and "tài chính" in name:
        return "finance"
    return "division"


class _JobPicker:
    def __init__(self, jobs: list[Job]):
        self.jobs = jobs
        self.cum = list(accumulate(j.weight for j in jobs))

    def draw(self, rng: random.Random) -> Job:
        return rng.choices(self.jobs, cum_weights=self.cum)[0]


_PICKERS = {flavour: _JobPicker(jobs) for flavour, jobs in STAFF_MIX.items()}


def pick_job(rng: random.Random, flavour: str) -> Job:
    return _PICKERS[flavour].draw(rng)


def head_job(unit_name: str, flavour: str, *, deputy: bool) -> Job:
    """The head (or a deputy) of a unit: the rank and employment type follow the unit's flavour."""
    title = head_titles(unit_name)[1 if deputy else 0]
    employment = VC if flavour in {"project", "registry", "center", "school", "preschool", "health"} else CC
    if flavour == "school":
        rank = "Giáo viên hạng II"
    elif flavour == "preschool":
        rank = "Giáo viên mầm non hạng II"
    elif flavour == "health":
        rank = "Bác sĩ chính (hạng II)"
    elif flavour == "inspection":
        rank = "Thanh tra viên chính"
    elif flavour in {"project", "registry"}:
        rank = "Kỹ sư chính (hạng II)"
    else:
        rank = "Chuyên viên chính"
    if flavour == "preschool":
        return Job(title, rank, employment, 0, 0.95)
    return Job(title, rank, employment, 0, 0.3 if deputy else 0.2)
