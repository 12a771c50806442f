"""Review rounds for tests: plan-like movements with their reward forms and timings, rounds, nominations."""

from __future__ import annotations

import datetime as dt

from thidua.awards import rounds
from thidua.awards.models import Nomination
from thidua.movements import services as movement_services
from thidua.movements.enums import ItemKind, MovementKind, MovementStatus
from thidua.movements.models import MovementRewardForm, PlanItem, RewardForm

from ..factories import SIGNED_PLAN

#: plan 2679's forms and their timing (Kế hoạch 2679/KH-SGTVT III.3)
PLAN_FORMS = [
    ("huan-chuong-lao-dong", ["midterm", "final"]),
    ("bang-khen-thu-tuong", ["midterm", "final"]),
    ("bang-khen-chu-tich-ubnd-tinh", ["yearly", "midterm", "final"]),
    ("giay-khen-giam-doc-so", ["yearly", "midterm", "final"]),
]


def launched_movement(agency, *, code: str = "vi-nguoi-ngheo", start_year: int = 2021, end_year: int = 2025):
    movement = movement_services.create_movement(
        **SIGNED_PLAN, actor=None, agency=agency, code=code, name=f"Phong trào thi đua “Vì người nghèo” {code}",
        kind=MovementKind.THEMATIC, start_year=start_year, end_year=end_year)
    PlanItem.objects.create(movement=movement, kind=ItemKind.CONTENT, label="a", text="Tuyên truyền, vận động")
    order = 0
    for code_, timings in PLAN_FORMS:
        form = RewardForm.objects.get(code=code_)
        for timing in timings:
            MovementRewardForm.objects.create(movement=movement, form=form, timing=timing, order=order)
            order += 1
    return movement_services.move_movement(movement, MovementStatus.LAUNCHED, actor=None)


def form(code: str) -> RewardForm:
    return RewardForm.objects.get(code=code)


def yearly_round(movement, *, year: int = 2024, actor=None, **kw):
    values = {"submit_by": dt.date(year, 12, 10), "check_by": dt.date(year, 12, 15),
              "council_on": dt.date(year, 12, 18)} | kw
    return rounds.create_round(movement, actor=actor, kind="yearly", year=year, **values)


def nomination(review_round, unit, form_code: str = "giay-khen-giam-doc-so", status: str = "draft", **kw):
    return Nomination.objects.create(review_round=review_round, unit=unit, agency=review_round.movement.agency,
                                     recipient="collective", form=form(form_code), status=status, **kw)
