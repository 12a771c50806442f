"""Provinces and communes/wards after the 2025 reform, from the `vietnam-provinces` package.

Households keep the ward code and the name as it was when recorded, so a later reorganisation does not rewrite
history. Lookups are accent- and case-insensitive and accept a name with or without its "Xã"/"Phường" prefix."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from vietnam_provinces import Province, Ward

from thidua.core.text import fold

#: Cao Bằng, the province of our first users; used when an agency's province cannot be matched by name
DEFAULT_PROVINCE_CODE = 4
_PREFIXES = ("xa ", "phuong ", "dac khu ", "thi tran ")


@dataclass(frozen=True)
class Commune:
    code: int
    name: str
    province_code: int


def _base(folded: str) -> str:
    for prefix in _PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix):]
    return folded


@lru_cache(maxsize=1)
def _provinces() -> dict[int, str]:
    return {int(p.code): p.name for p in Province.iter_all()}


@lru_cache(maxsize=1)
def _all_communes() -> dict[int, Commune]:
    return {int(w.code): Commune(int(w.code), w.name, int(w.province_code)) for w in Ward.iter_all()}


@lru_cache(maxsize=1)
def _by_key() -> dict[str, list[Commune]]:
    """Folded full name and folded base name → communes (several when the base name repeats)."""
    index: dict[str, list[Commune]] = {}
    for commune in _all_communes().values():
        folded = fold(commune.name)
        for key in {folded, _base(folded)}:
            index.setdefault(key, []).append(commune)
    return index


def province_name(code: int) -> str:
    return _provinces().get(int(code), "")


def province_code_by_name(name: str) -> int | None:
    key = _base(fold(name).removeprefix("tinh ").removeprefix("thanh pho "))
    for code, pname in _provinces().items():
        pkey = fold(pname).removeprefix("thanh pho ")
        if key == pkey:
            return code
    return None


def communes_of(province_code: int) -> list[Commune]:
    """Wards first, then communes, each in alphabetical order."""
    rows = [c for c in _all_communes().values() if c.province_code == int(province_code)]
    return sorted(rows, key=lambda c: (not fold(c.name).startswith("phuong"), fold(_base(fold(c.name)))))


def commune(code: int | str | None) -> Commune | None:
    try:
        return _all_communes().get(int(code))
    except (TypeError, ValueError):
        return None


def find_commune(text: str, province_code: int) -> tuple[Commune | None, str]:
    """The commune of the province named by `text`, else (None, reason in Vietnamese)."""
    key = fold(text)
    matches = _by_key().get(key) or _by_key().get(_base(key)) or []
    inside = [c for c in matches if c.province_code == province_code]
    if len(inside) == 1:
        return inside[0], ""
    if len(inside) > 1:
        names = ", ".join(c.name for c in inside)
        return None, f"Tên \u201c{text}\u201d trùng nhiều xã, phường ({names}): ghi đầy đủ \u201cXã …\u201d hoặc \u201cPhường …\u201d."
    here = province_name(province_code)
    if matches:
        elsewhere = ", ".join(sorted({f"{c.name} ({province_name(c.province_code)})" for c in matches})[:3])
        return None, f"\u201c{text}\u201d không thuộc tỉnh {here}: {elsewhere}. Chỉ nhận hộ trên địa bàn tỉnh {here}."
    return None, f"Không tìm thấy xã, phường \u201c{text}\u201d trong tỉnh {here} (theo danh mục sau sắp xếp năm 2025)."


def agency_province_code(agency) -> int:
    """The province an agency belongs to: the root of its org path, matched by name to the national list."""
    from thidua.org.models import OrgUnit

    root_id = int(agency.path.split("/")[0]) if agency.path else None
    root = OrgUnit.objects.filter(pk=root_id).only("name").first() if root_id else None
    code = province_code_by_name(root.name) if root is not None else None
    return code or DEFAULT_PROVINCE_CODE


def commune_choices(province_code: int) -> list[tuple[int, str]]:
    return [(c.code, c.name) for c in communes_of(province_code)]
