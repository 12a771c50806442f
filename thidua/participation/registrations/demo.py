"""Demo: the 2026 yearly movement of Sở GTVT with registrations in every state, so the overview looks lived in."""

from __future__ import annotations

import random

from django.db import transaction

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


@transaction.atomic
def load_registrations_demo(agency, out=print) -> int:
    movement = Movement.objects.filter(agency=agency, kind="regular", start_year=2026, status="launched").first()
    if movement is None or Registration.objects.filter(movement=movement).exists():
        return 0
    rng = random.Random(2026)
    titles = {f.code: f for f in RewardForm.objects.filter(is_title=True)}
    secretariat = RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).first()
    approver = secretariat.user if secretariat else None
    units = [u for u in services.overview(movement, 2026) if u.staff]
    plan = [RegistrationStatus.APPROVED] * 4 + [RegistrationStatus.SUBMITTED] * 2 + [RegistrationStatus.RETURNED, None]
    created = 0
    for unit, target in zip(units, plan, strict=False):
        if target is None:
            continue
        head = RoleGrant.objects.filter(role=Role.UNIT_HEAD, unit=unit, is_active=True).first()
        actor = head.user if head else approver
        registration = services.start(movement, 2026, unit, actor=actor)
        entries = [
            services.EntryInput(person=p, registered=rng.random() < 0.9,
                                title=titles["chien-si-thi-dua-co-so"] if rng.random() < 0.15
                                else titles["lao-dong-tien-tien"],
                                commitments="Hoàn thành tốt nhiệm vụ; ủng hộ 01 ngày lương.")
            for p in services.unit_staff(unit)
        ]
        services.save(registration, actor=actor, title=titles["tap-the-lao-dong-tien-tien"],
                      commitments=rng.choice(COMMITMENTS), entries=entries)
        services.move(registration, RegistrationStatus.SUBMITTED, actor=None)
        if target == RegistrationStatus.APPROVED:
            services.move(registration, RegistrationStatus.APPROVED, actor=None)
        elif target == RegistrationStatus.RETURNED:
            services.move(registration, RegistrationStatus.RETURNED, actor=None,
                          reason="Đề nghị bổ sung chỉ tiêu hỗ trợ hộ nghèo cụ thể.")
        created += 1
    out(f"Đã tạo {created} bản đăng ký thi đua năm 2026.")
    return created
