"""The review rounds of plan 2679 (issue 9 §10): the yearly rounds 2022–2025, the sơ kết 2023 and the tổng kết 2025
rounds, each created and opened by the Office on the day it was, with the forms the plan gives its timing (Kế hoạch
2679/KH-SGTVT III.3 and 5) and the yearly titles. They are left open: their nominations are decided by the Council
in the later parts of the demo, which move them on."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import ValidationError
from django.db import transaction

from thidua.core.clock import replay
from thidua.org.enums import Role
from thidua.org.models import RoleGrant

from .. import rounds, services
from ..enums import RoundKind, RoundStatus
from ..models import ReviewRound

D = dt.date

#: key → (kind, year, created on, opened on, units submit by, the Office checks by, the Council meets on,
#: quotas {form code: n})
ROUNDS = {
    # yearly: units send their dossiers by 10 December, the Council sits in mid-December
    "yearly-2022": (RoundKind.YEARLY, 2022, D(2022, 11, 7), D(2022, 11, 10), D(2022, 12, 10), D(2022, 12, 14),
                    D(2022, 12, 16), {}),
    "yearly-2023": (RoundKind.YEARLY, 2023, D(2023, 11, 6), D(2023, 11, 8), D(2023, 12, 10), D(2023, 12, 14),
                    D(2023, 12, 15), {}),
    "yearly-2024": (RoundKind.YEARLY, 2024, D(2024, 11, 5), D(2024, 11, 7), D(2024, 12, 10), D(2024, 12, 13),
                    D(2024, 12, 17), {}),
    "yearly-2025": (RoundKind.YEARLY, 2025, D(2025, 11, 4), D(2025, 11, 6), D(2025, 12, 10), D(2025, 12, 12),
                    D(2025, 12, 16), {}),
    # sơ kết 2023 (Quý IV/2023), before the sơ kết conference of 20/12/2023; the national forms are few
    "midterm-2023": (RoundKind.MIDTERM, 2023, D(2023, 10, 2), D(2023, 10, 5), D(2023, 11, 20), D(2023, 11, 30),
                     D(2023, 12, 8), {"huan-chuong-lao-dong": 1, "bang-khen-thu-tuong": 2}),
    # tổng kết 2025 (Quý IV/2025), before the tổng kết conference of 15/12/2025
    "final-2025": (RoundKind.FINAL, 2025, D(2025, 10, 1), D(2025, 10, 6), D(2025, 11, 14), D(2025, 11, 24),
                   D(2025, 12, 3), {"huan-chuong-lao-dong-hang-ba": 1, "bang-khen-thu-tuong": 2}),
}

#: the forms a round leaves out of those it is offered: the tổng kết 2025 round proposes the order in its class
#: (Huân chương Lao động hạng Ba, whose nominees are published for public comment), not the order without class
LEFT_OUT = {"final-2025": {"huan-chuong-lao-dong"}}


def _office(agency):
    grant = RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).select_related("user").first()
    return grant.user if grant else None


def _settle_open_notices(review_round: ReviewRound, read_on: dt.date) -> None:
    """The unit heads read the opening notice of a round long past: not "new" on their home page today."""
    from django.urls import reverse
    from django.utils import timezone

    from thidua.core.models import Notification

    def settle():
        read_at = timezone.make_aware(dt.datetime.combine(read_on, dt.time(8)))
        Notification.objects.filter(url=reverse("awards:round", args=[review_round.pk]),
                                    read_at__isnull=True).update(read_at=read_at)

    transaction.on_commit(settle)


def _ensure(ctx, movement, key: str, spec, actor) -> bool:
    """The round of `spec` for the movement, made and opened on its dates if missing; True when made now."""
    kind, year, created_on, opened_on, submit_by, check_by, council_on, quotas = spec
    review_round = ReviewRound.objects.filter(movement=movement, kind=kind, year=year).order_by("id").first()
    made = review_round is None
    if made:
        forms = [rounds.FormChoice(o.form, quota=quotas.get(o.form.code)) for o in rounds.offered_forms(movement, kind)
                 if o.form.code not in LEFT_OUT.get(key, ())]
        with replay(created_on, hour=9):
            review_round = rounds.create_round(
                movement, actor=actor, kind=kind, year=year, submit_by=submit_by, check_by=check_by,
                council_on=council_on, remind_days=5, forms=forms,
                note=f"Theo {movement.plan_number or movement.name} và hướng dẫn của Ban Thi đua - Khen thưởng tỉnh.")
        with replay(opened_on, hour=8):
            review_round = services.move_round(review_round, RoundStatus.OPEN, actor=actor)
        _settle_open_notices(review_round, opened_on + dt.timedelta(days=1))
    ctx.rounds[key] = review_round
    return made


def load(ctx) -> None:
    """Adds the rounds that are missing (by kind and year) and records every one on ctx.rounds."""
    actor = _office(ctx.agency)
    made = sum(_ensure(ctx, ctx.movement, key, spec, actor) for key, spec in ROUNDS.items())
    ctx.out(f"Đã tạo {made} đợt xét khen thưởng của Kế hoạch 2679 (hằng năm 2022 - 2025, sơ kết 2023, tổng kết 2025).")


#: this year's round, on the agency's regular movement of 2026: the one the units send their dossiers to today
CURRENT = ("yearly-2026", (RoundKind.YEARLY, 2026, D(2026, 11, 2), D(2026, 11, 5), D(2026, 12, 10), D(2026, 12, 14),
                           D(2026, 12, 17), {}))


def load_current(ctx, movement) -> None:
    """The 2026 yearly round of the agency's 2026 movement, open since 05/11/2026 (only once that day has come)."""
    from django.utils import timezone

    key, spec = CURRENT
    if movement is None or timezone.localdate() < spec[3]:
        return
    if _ensure(ctx, movement, key, spec, _office(ctx.agency)):
        ctx.out(f"Đã mở đợt xét khen thưởng năm 2026 của {movement.name}.")


def settle(ctx) -> None:
    """After the Council's sessions: each past round (demo.PAST_ROUNDS) closed on its deadline, marked reviewed the
    day its session concluded and finished a week later — through the round's transition function; a round the
    Council has not finished with is left as it is, and said."""
    from thidua.awards.models import AgendaItem

    from . import PAST_ROUNDS

    actor = _office(ctx.agency)
    for key in PAST_ROUNDS:
        review_round = ctx.rounds.get(key)
        if review_round is None or review_round.status != RoundStatus.OPEN:
            continue
        last = (AgendaItem.objects.filter(nomination__review_round=review_round)
                .order_by("-session__held_on").values_list("session__held_on", flat=True).first())
        reviewed_on = last or review_round.council_on
        with replay(review_round.submit_by + dt.timedelta(days=1), hour=17):
            review_round = services.move_round(review_round, RoundStatus.CLOSED, actor=actor)
        try:
            with replay(reviewed_on, hour=16):
                review_round = services.move_round(review_round, RoundStatus.REVIEWED, actor=actor)
            with replay(reviewed_on + dt.timedelta(days=7), hour=9):
                review_round = services.move_round(review_round, RoundStatus.FINISHED, actor=actor)
        except ValidationError as exc:
            ctx.out(f"{review_round.name}: {' '.join(exc.messages)}")
        ctx.rounds[key] = review_round
