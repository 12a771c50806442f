"""The readable Vietnamese report of `thidua eligibility` (without --json)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..enums import RecipientKind
from .candidate import Candidate
from .checks import JUDGE, MET, NOT_MET, UNKNOWN, kind_label
from .engine import ELIGIBLE, NOT_ELIGIBLE, Result
from .forms import BY_CODE


def verdict_label(verdict: str) -> str:
    return {ELIGIBLE: _("ĐỦ ĐIỀU KIỆN"), NOT_ELIGIBLE: _("KHÔNG ĐỦ ĐIỀU KIỆN"),
            UNKNOWN: _("CHƯA ĐỦ DỮ LIỆU ĐỂ KẾT LUẬN")}[verdict]


def result_label(result: str) -> str:
    return {MET: _("Đạt"), NOT_MET: _("Không đạt"), UNKNOWN: _("Thiếu dữ liệu"), JUDGE: _("Hội đồng xem xét")}[result]


def text(pairs: list[tuple[Candidate, Result]]) -> str:
    blocks = []
    for candidate, result in pairs:
        form = BY_CODE[candidate.form]
        what = [form.name, str(RecipientKind(candidate.recipient).label).lower()]
        if not form.is_title and candidate.kind:
            what.append(kind_label(candidate.kind))
        lines = [
            _("Ứng viên %(id)s: %(what)s — thành tích năm %(year)s, ngày quyết định %(day)s") % {
                "id": candidate.id, "what": ", ".join(what), "year": candidate.year,
                "day": candidate.decision_date.strftime("%d/%m/%Y")},
            _("Chế độ pháp lý: %(regime)s") % {"regime": result.regime.name},
            _("Kết luận: %(verdict)s") % {"verdict": verdict_label(result.verdict)},
        ]
        for rule in result.rules:
            lines.append(f"  [{result_label(rule.result)}] {rule.rule}")
            lines.append(f"      {rule.detail}")
            lines.append("      " + _("Căn cứ: %(basis)s") % {"basis": rule.basis})
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
