"""Demo registrations: the 2026 yearly movement of Sở GTVT in every state, so the overview looks lived in, and
the units' approved registrations under plan 2679 for 2022–2025."""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction

from thidua.core.clock import replay
from thidua.movements.models import Movement, RewardForm
from thidua.org.enums import Role
from thidua.org.models import RoleGrant

from . import services
from .enums import RegistrationStatus
from .models import Registration

COMMITMENTS = [
    "Hoàn thành xuất sắc nhiệm vụ năm; 100% cán bộ ủng hộ 01 ngày lương cho Quỹ \u201cVì người nghèo\u201d.",
    "Hỗ trợ 02 hộ nghèo phát triển sinh kế; không có cán bộ bị kỷ luật.",
    "Tham gia đầy đủ các đợt phát động; đăng ký danh hiệu Tập thể lao động tiên tiến.",
]


PLAN_COMMITMENTS = [
    "100% cán bộ ủng hộ 01 ngày lương cho Quỹ \u201cVì người nghèo\u201d trong Tháng cao điểm; hỗ trợ 02 hộ nghèo.",
    "Thăm hỏi, tặng quà hộ nghèo dịp Tết; tham gia hỗ trợ xây nhà Đại đoàn kết cho 01 hộ.",
    "Tuyên truyền, vận động 100% cán bộ tham gia; nhận đỡ đầu 01 học sinh có hoàn cảnh khó khăn.",
]


def _register(movement, year: int, unit, target, *, rng, titles, approver, commitments: list[str],
              staff_commitment: str, opened_on: dt.date) -> None:
    """One unit's registration taken through the transition function to `target` (approved, submitted,
    returned, or approved after a first return), each step dated days after `opened_on` as it happened."""
    head = RoleGrant.objects.filter(role=Role.UNIT_HEAD, unit=unit, is_active=True).first()
    actor = head.user if head else approver
    days = iter(range(0, 60, 2))

    def on_day():
        return replay(opened_on + dt.timedelta(days=next(days)), hour=9 + rng.randint(0, 7))

    with on_day():
        registration = services.start(movement, year, unit, actor=actor)
        entries = [
            services.EntryInput(person=p, registered=rng.random() < 0.9,
                                title=titles["chien-si-thi-dua-co-so"] if rng.random() < 0.15
                                else titles["lao-dong-tien-tien"],
                                commitments=staff_commitment)
            for p in services.unit_staff(unit)
        ]
        services.save(registration, actor=actor, title=titles["tap-the-lao-dong-tien-tien"],
                      commitments=rng.choice(commitments), entries=entries)
    with on_day():
        services.move(registration, RegistrationStatus.SUBMITTED, actor=None)
    if target == "returned_then_approved":
        with on_day():
            services.move(registration, RegistrationStatus.RETURNED, actor=None,
                          reason="Đề nghị ghi rõ số hộ nghèo đơn vị nhận hỗ trợ.")
        with on_day():
            services.move(registration, RegistrationStatus.SUBMITTED, actor=None)
        target = RegistrationStatus.APPROVED
    if target == RegistrationStatus.APPROVED:
        with on_day():
            services.move(registration, RegistrationStatus.APPROVED, actor=None)
    elif target == RegistrationStatus.RETURNED:
        with on_day():
            services.move(registration, RegistrationStatus.RETURNED, actor=None,
                          reason="Đề nghị bổ sung chỉ tiêu hỗ trợ hộ nghèo cụ thể.")


def _context(agency):
    titles = {f.code: f for f in RewardForm.objects.filter(is_title=True)}
    secretariat = RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).first()
    return titles, secretariat.user if secretariat else None


@transaction.atomic
def load_plan_registrations(movement, out=print) -> int:
    """The units' registrations under plan 2679 for each year it ran (2022–2025), all approved — one unit is
    returned once and approved after correcting it — so that a nomination under the plan can rest on them.
    Called while the movement is still launched (before the demo closes it)."""
    if Registration.objects.filter(movement=movement).exists():
        return 0
    rng = random.Random(2679 * 7919 + movement.start_year)  # never the key: it differs between databases
    titles, approver = _context(movement.agency)
    created = 0
    for year in range(max(movement.start_year, 2022), movement.end_year + 1):
        units = [u for u in services.overview(movement, year) if u.staff]
        for i, unit in enumerate(units):
            target = "returned_then_approved" if i == 1 else RegistrationStatus.APPROVED
            # 2022: in the weeks after the launch (20/10/2022); later years: in January
            opened_on = dt.date(2022, 11, 3) if year == 2022 else dt.date(year, 1, 9)
            _register(movement, year, unit, target, rng=rng, titles=titles, approver=approver,
                      commitments=PLAN_COMMITMENTS, staff_commitment="Ủng hộ 01 ngày lương; tham gia hỗ trợ hộ nghèo.",
                      opened_on=opened_on + dt.timedelta(days=i % 5))
            created += 1
    out(f"Đã tạo {created} bản đăng ký thi đua theo Kế hoạch 2679 (2022 - 2025).")
    return created


@transaction.atomic
def load_registrations_demo(agency, out=print) -> int:
    movement = Movement.objects.filter(agency=agency, kind="regular", start_year=2026, status="launched").first()
    if movement is None or Registration.objects.filter(movement=movement).exists():
        return 0
    rng = random.Random(2026)
    titles, approver = _context(agency)
    units = [u for u in services.overview(movement, 2026) if u.staff]
    plan = [RegistrationStatus.APPROVED] * 4 + [RegistrationStatus.SUBMITTED] * 2 + [RegistrationStatus.RETURNED, None]
    created = 0
    for unit, target in zip(units, plan, strict=False):
        if target is None:
            continue
        _register(movement, 2026, unit, target, rng=rng, titles=titles, approver=approver, commitments=COMMITMENTS,
                  staff_commitment="Hoàn thành tốt nhiệm vụ; ủng hộ 01 ngày lương.",
                  opened_on=dt.date(2026, 2, 9) + dt.timedelta(days=created))
        created += 1
    out(f"Đã tạo {created} bản đăng ký thi đua năm 2026.")
    return created
