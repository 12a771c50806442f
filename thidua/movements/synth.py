"""Province-scale movements for the benchmark: each synthetic agency gets its yearly movement and a thematic one
with the plan's usual parts."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from thidua.org.enums import AGENCY_KINDS
from thidua.org.models import OrgUnit

from .enums import ItemKind, MovementKind, MovementStatus
from .models import Milestone, Movement, PlanItem, PlanSection

CONTENT = [
    "Tuyên truyền, vận động cán bộ, công chức, viên chức và người lao động tham gia công tác giảm nghèo bền vững.",
    "Thi đua hoàn thành xuất sắc kế hoạch, nhiệm vụ được giao hằng năm.",
    "Thi đua đoàn kết giúp nhau giảm nghèo, phát triển sản xuất, sinh kế bền vững.",
    "Hỗ trợ hộ nghèo, hộ cận nghèo, học sinh có hoàn cảnh khó khăn trên địa bàn.",
]


@transaction.atomic
def synth_movements(out=print) -> int:
    agencies = list(OrgUnit.objects.filter(kind__in=AGENCY_KINDS, code__startswith="SYN-").exclude(
        movements__code__startswith="syn-"))
    movements = []
    for agency in agencies:
        base = agency.code.lower()
        movements.append(Movement(
            code=f"syn-{base}-tx-2026", name=f"Phong trào thi đua thường xuyên năm 2026 — {agency.name}",
            kind=MovementKind.REGULAR, start_year=2026, end_year=2026, agency=agency, status=MovementStatus.LAUNCHED,
            launched_on=dt.date(2026, 2, 1), plan_number=f"{agency.pk}/KH", plan_issued_on=dt.date(2026, 1, 20),
            plan_place="Cao Bằng", name_key=""))
        movements.append(Movement(
            code=f"syn-{base}-vnn-2021", name=f"Phong trào thi đua “Vì người nghèo” 2021 - 2025 — {agency.name}",
            kind=MovementKind.THEMATIC, start_year=2021, end_year=2025, agency=agency, status=MovementStatus.CLOSED,
            launched_on=dt.date(2022, 10, 25), closed_on=dt.date(2025, 12, 31), plan_number=f"{agency.pk}/KH-VNN",
            plan_issued_on=dt.date(2022, 10, 20), plan_place="Cao Bằng", name_key=""))
    for movement in movements:
        movement.save()  # few hundred: keeps the normalisation of save()
    sections, items, milestones = [], [], []
    for movement in movements:
        for order, heading in enumerate(["MỤC ĐÍCH, YÊU CẦU", "NỘI DUNG THI ĐUA", "KHEN THƯỞNG", "TỔ CHỨC THỰC HIỆN"]):
            sections.append(PlanSection(movement=movement, number=f"{'I' * (order + 1) if order < 3 else 'IV'}.",
                                        heading=heading, text="", order=order))
        for order, text in enumerate(CONTENT):
            items.append(PlanItem(movement=movement, kind=ItemKind.CONTENT, label="abcd"[order], text=text, order=order))
        year = movement.start_year
        milestones.append(Milestone(movement=movement, text="Ban hành kế hoạch, phát động", when_text=f"Năm {year}",
                                    start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31),
                                    done_on=movement.launched_on))
        milestones.append(Milestone(movement=movement, text="Tổng kết", when_text=f"Quý IV/{movement.end_year}",
                                    start_date=dt.date(movement.end_year, 10, 1),
                                    end_date=dt.date(movement.end_year, 12, 31), done_on=movement.closed_on))
    PlanSection.objects.bulk_create(sections)
    PlanItem.objects.bulk_create(items)
    Milestone.objects.bulk_create(milestones)
    out(f"Đã thêm {len(movements)} phong trào cho {len(agencies)} cơ quan mô phỏng.")
    return len(movements)
