"""Demo: plan 2679/KH-SGTVT word for word from its accented transcription, with its real history (launched
10/2022, sơ kết 2023, tổng kết 2025, closed), and the 2026–2030 phase cloned from it as a draft."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

from django.db import transaction

from thidua.core.clock import replay
from thidua.org.enums import Role
from thidua.org.models import OrgUnit, RoleGrant

from . import services
from .enums import MovementKind, MovementStatus
from .importing import create_from_review, proposal_to_initial
from .models import Movement

DATA = Path(__file__).resolve().parent / "data"
CODE = "vi-nguoi-ngheo-2021-2025"
NEXT_CODE = "vi-nguoi-ngheo-2026-2030"
NAME = "Phong trào thi đua \u201cVì người nghèo - Không để ai bị bỏ lại phía sau\u201d giai đoạn 2021 - 2025"
NEXT_NAME = "Phong trào thi đua \u201cVì người nghèo - Không để ai bị bỏ lại phía sau\u201d giai đoạn 2026 - 2030"
DONE = {"2022": dt.date(2022, 10, 20), "2023": dt.date(2023, 12, 20), "2025": dt.date(2025, 12, 15)}


def plan_2679_text() -> str:
    text = (DATA / "2679-KH-SGTVT.md").read_text(encoding="utf-8")
    # the transcription's Markdown marks are not part of the document
    lines = [line.lstrip("#").strip() if line.startswith("#") else line.replace("**", "") for line in text.splitlines()]
    return "\n".join(line for line in lines if not line.startswith("<!--") and not line.startswith("     "))


#: the plan's history as it happened (Kế hoạch 2679 of 20/10/2022; sơ kết 2023, tổng kết 2025)
DRAFTED_ON = dt.date(2022, 10, 18)
LAUNCHED_ON = dt.date(2022, 10, 20)
CLOSED_ON = dt.date(2025, 12, 31)
NEXT_PHASE_ON = dt.date(2026, 1, 12)


def _settle_launch_notices(movement: Movement, read_on: dt.date) -> None:
    """Unit heads read the launch notice long ago (they recorded their dissemination): not "new" today. Runs on
    commit, after the notices themselves are written."""
    from django.urls import reverse
    from django.utils import timezone

    from thidua.core.models import Notification

    def settle():
        read_at = timezone.make_aware(dt.datetime.combine(read_on, dt.time(8)))
        Notification.objects.filter(url=reverse("movements:detail", args=[movement.pk]),
                                    read_at__isnull=True).update(read_at=read_at)

    transaction.on_commit(settle)


@transaction.atomic
def load_movements_demo(agency: OrgUnit, out=print, while_launched=None) -> bool:
    """Plan 2679 from launch to close, each step dated as it happened (audit rows, notices). `while_launched(movement)`
    records what happened under it (registrations, activities, fund) between launch and close, as it did in
    2022–2025."""
    if Movement.objects.filter(code=CODE).exists():
        return False
    from .parsing import parse_plan

    secretariat = RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).first()
    actor = secretariat.user if secretariat else None
    data = proposal_to_initial(parse_plan(plan_2679_text()), plan_2679_text())
    data.update(code=CODE, name=NAME, kind=MovementKind.THEMATIC, governing_body="UBND TỈNH CAO BẰNG",
                issuing_body="SỞ GIAO THÔNG VẬN TẢI")
    with replay(DRAFTED_ON, hour=14):
        movement = create_from_review(data, agency=agency, actor=actor)
    with replay(LAUNCHED_ON, hour=9):
        movement = services.move_movement(movement, MovementStatus.LAUNCHED, actor=actor,
                                          reason="Phát động theo Kế hoạch 2679")
    # unit heads recorded how they disseminated the plan in November 2022
    rng = random.Random(2679)
    units = (OrgUnit.objects.filter(agency=agency, is_active=True)
             .exclude(kind__in=["council", "party", "union", "youth"]).order_by("path"))
    for unit in units:
        staff = unit.people.filter(is_active=True).count()
        if staff == 0:
            continue
        head = RoleGrant.objects.filter(role=Role.UNIT_HEAD, unit=unit, is_active=True).first()
        held_on = dt.date(2022, 11, rng.randint(1, 25))
        with replay(held_on, hour=16):
            services.record_dissemination(
                movement, unit, actor=head.user if head else actor, method="meeting",
                held_on=held_on, people_reached=staff - rng.choice([0, 0, 0, 1]),
                reference=f"Biên bản họp {unit.short_name or unit.name}", note="Quán triệt tại cuộc họp giao ban.",
            )
    _settle_launch_notices(movement, dt.date(2022, 11, 26))
    for milestone in movement.milestones.all():
        key = next((year for year in DONE if year in milestone.when_text), None)
        milestone.done_on = DONE[key] if key else dt.date(2025, 12, 15)
        milestone.save(update_fields=["done_on"])
    if while_launched is not None:
        while_launched(movement)
    with replay(CLOSED_ON, hour=16):
        services.move_movement(movement, MovementStatus.CLOSED, actor=actor,
                               reason="Tổng kết phong trào giai đoạn 2021 - 2025")
    with replay(NEXT_PHASE_ON, hour=10):
        services.clone_movement(movement, actor=actor, code=NEXT_CODE, name=NEXT_NAME, start_year=2026, end_year=2030)
    out("Đã nạp Kế hoạch 2679/KH-SGTVT (đã phát động, sơ kết, tổng kết, kết thúc) và giai đoạn 2026 - 2030 (dự thảo).")
    return True


REGULAR_CONTENT = [
    "Thi đua hoàn thành xuất sắc chức năng, nhiệm vụ chính trị và kế hoạch công tác năm được giao.",
    "Thi đua thực hiện cải cách hành chính, chuyển đổi số, nâng cao chất lượng phục vụ người dân, doanh nghiệp.",
    "Thi đua thực hành tiết kiệm, chống lãng phí; xây dựng cơ quan, đơn vị văn hóa.",
    "Hưởng ứng các phong trào thi đua theo chuyên đề, đợt do cấp trên phát động.",
]
REGULAR_MILESTONES = [
    ("Quý I/{y}", "Phát động phong trào, tổ chức đăng ký thi đua."),
    ("6 tháng đầu năm {y}", "Sơ kết 6 tháng, đánh giá kết quả thực hiện."),
    ("Quý IV/{y}", "Tổng kết, bình xét thi đua, khen thưởng năm {y}."),
]
REGULAR_FORMS = [("lao-dong-tien-tien", "yearly"), ("chien-si-thi-dua-co-so", "yearly"),
                 ("giay-khen-giam-doc-so", "yearly")]


def _signer(agency: OrgUnit) -> dict[str, str]:
    """The head of the agency's leadership signs its yearly plan (a plan is launched only with its signer)."""
    from thidua.org.enums import UnitKind

    leaders = OrgUnit.objects.filter(parent=agency, kind=UnitKind.LEADERSHIP).first()
    people = list(leaders.people.filter(is_active=True).order_by("id")) if leaders else []
    head = next((p for p in people if p.position and "phó" not in p.position.lower()), people[0] if people else None)
    title = (head.position if head and head.position else "Giám đốc").upper()
    return {"signer_title": title, "signer_name": head.full_name if head else "Thủ trưởng cơ quan"}


def load_regular_movements(agencies, out=print) -> int:
    """Every agency runs a yearly (thường xuyên) movement: 2025 finished, 2026 under way."""
    from .models import Milestone, MovementRewardForm, PlanItem, RewardForm

    created = 0
    forms = {f.code: f for f in RewardForm.objects.filter(code__in=[c for c, _t in REGULAR_FORMS])}
    for agency in agencies:
        for year in (2025, 2026):
            code = f"thuong-xuyen-{year}-{agency.pk}"
            if Movement.objects.filter(code=code).exists():
                continue
            issued_on = dt.date(year, 1, 15)
            with replay(issued_on - dt.timedelta(days=5)):
                movement = services.create_movement(
                    actor=None, agency=agency, code=code, name=f"Phong trào thi đua thường xuyên năm {year}",
                    kind=MovementKind.REGULAR, start_year=year, end_year=year, plan_place="Cao Bằng",
                    plan_issued_on=issued_on, slogan="Đoàn kết, sáng tạo, hoàn thành xuất sắc nhiệm vụ",
                    plan_number=f"{12 + year % 10}/KH-{agency.code or 'TĐKT'}", **_signer(agency),
                )
            for order, text in enumerate(REGULAR_CONTENT):
                PlanItem.objects.create(movement=movement, kind="content", label="abcd"[order], text=text, order=order)
            for order, (code_, timing) in enumerate(REGULAR_FORMS):
                MovementRewardForm.objects.create(movement=movement, form=forms[code_], timing=timing, order=order)
            for order, (when, text) in enumerate(REGULAR_MILESTONES):
                when = when.format(y=year)
                start, end = services.milestone_dates(movement, when)
                done = end if end < dt.date(2026, 11, 1) else None
                Milestone.objects.create(movement=movement, text=text.format(y=year), when_text=when,
                                         start_date=start, end_date=end, done_on=done, order=order)
            with replay(dt.date(year, 2, 1)):
                movement = services.move_movement(movement, MovementStatus.LAUNCHED, actor=None)
            _settle_launch_notices(movement, dt.date(year, 2, 3))
            if year == 2025:
                with replay(dt.date(2025, 12, 31), hour=16):
                    services.move_movement(movement, MovementStatus.CLOSED, actor=None)
            created += 1
    out(f"Đã tạo {created} phong trào thường xuyên của các cơ quan.")
    return created
