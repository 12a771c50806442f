"""The place a commendation document is dated at (Nghị định 30: "Cao Bằng, ngày … tháng … năm …"): the name of
the province the unit lies in, without "Tỉnh" / "Thành phố"."""

from __future__ import annotations

from thidua.core.text import nfc
from thidua.org.enums import UnitKind


def place_of(unit) -> str:
    node = unit
    while node is not None and node.kind != UnitKind.PROVINCE:
        node = node.parent
    if node is None:
        return ""
    name = nfc(node.name)
    for prefix in ("Tỉnh ", "tỉnh ", "Thành phố ", "thành phố "):
        name = name.removeprefix(prefix)
    return name.strip()
