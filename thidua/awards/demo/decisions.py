"""The decisions part of the demo (issue 10 §8): for each past round of plan 2679 (the yearly titles 2022–2024, the
sơ kết 2023 and tổng kết 2025 Giấy khen), a Quyết định khen thưởng of what the Council agreed for the Director:
drafted by the Office a few days after the Council's vote, signed by the Director (the sơ kết one by a deputy,
"KT. GIÁM ĐỐC") and published with the agency's signature — through the transition function, dated as it happened.
Publishing needs the agency's certificate: when the agency has none, a self-signed one is installed (a demo's)."""

from __future__ import annotations

import datetime as dt
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from thidua.core.clock import replay
from thidua.core.notifications import resolve
from thidua.org.enums import Role
from thidua.org.models import RoleGrant

from .. import decisions, services, signing
from ..enums import DecisionStatus, SignerRole
from ..models import Decision

#: the rounds given a decision, and who signs: the Director, or the deputy for him
ROUNDS = [("yearly-2022", Role.DIRECTOR), ("midterm-2023", Role.DEPUTY_DIRECTOR), ("yearly-2023", Role.DIRECTOR),
          ("yearly-2024", Role.DIRECTOR), ("final-2025", Role.DIRECTOR), ("yearly-2025", Role.DIRECTOR)]
#: days after the Council's vote: drafted, signed, published
DRAFTED, SIGNED, PUBLISHED = 4, 6, 8


def _leader(agency, role):
    grant = (RoleGrant.objects.filter(unit=agency, role=role, is_active=True).select_related("user", "user__person")
             .order_by("id").first())
    if grant is None:
        return None, ""
    person = getattr(grant.user, "person", None)
    return grant.user, (person.full_name if person is not None else grant.user.get_full_name())


def _office(agency):
    grant = RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).select_related("user").first()
    return grant.user if grant else None


def ensure_identity(agency, out=print) -> None:
    """The agency's signing certificate; a self-signed one for the demo when it has none."""
    if signing.active_identity(agency.pk) is None:
        signing.install_identity(agency, signing.make_self_signed(agency), "", actor=None)
        out(f"Đã cài chứng thư số tự ký (chỉ để thử) cho {agency.name}.")


def _payable(nominations, day: dt.date) -> tuple[list, list]:
    """(the nominations whose bonus the regime in force on `day` gives, the others): a decision is refused while a
    line has no figure (the older regimes have no household multiple), so the demo leaves those waiting, as the
    Office would until the figure is entered on the law page."""
    from ..bonus import bonus_for

    paid, unpaid = [], []
    for n in nominations:
        try:
            bonus_for(n.form, n.recipient, day)
        except ValidationError:
            unpaid.append(n)
        else:
            paid.append(n)
    return paid, unpaid


def load(ctx) -> None:
    agency = ctx.agency
    office = _office(agency)
    director, director_name = _leader(agency, Role.DIRECTOR)
    if office is None or director is None:
        ctx.out("Quyết định khen thưởng: cơ quan chưa có Văn phòng hoặc Giám đốc; bỏ qua.")
        return
    ensure_identity(agency, ctx.out)
    today = timezone.localdate()
    made = 0
    for key, role in ROUNDS:
        review_round = ctx.rounds.get(key)
        existing = (Decision.objects.filter(review_round=review_round).exclude(status=DecisionStatus.CANCELLED)
                    .order_by("id").first() if review_round is not None else None)
        if existing is not None:
            ctx.decisions[key] = existing
        if review_round is None or existing is not None:
            continue
        nominations = list(decisions.eligible_nominations(review_round))
        voted = decisions.council_vote_day(nominations)
        if not nominations or voted is None:
            continue
        signer, signer_name = (director, director_name) if role == Role.DIRECTOR else _leader(agency, role)
        if signer is None:
            signer, signer_name, role = director, director_name, Role.DIRECTOR
        issued_on = min(voted + dt.timedelta(days=DRAFTED), today)
        nominations, unpaid = _payable(nominations, issued_on)
        if unpaid:
            ctx.out(f"{review_round.name}: chưa có mức tiền thưởng theo chế độ ngày {issued_on:%d/%m/%Y} cho "
                    f"{', '.join(n.nominee_name for n in unpaid)}; để lại chờ Văn phòng nhập mức trong Chế độ pháp lý.")
        if not nominations:
            continue
        try:
            with replay(issued_on, hour=9):
                decision = decisions.draft_decision(
                    review_round, nominations, issued_on=issued_on, actor=office,
                    signer_role=SignerRole.DIRECTOR if role == Role.DIRECTOR else SignerRole.DEPUTY,
                    signer_name=signer_name)
            with replay(min(voted + dt.timedelta(days=SIGNED), today), hour=15):
                decision = services.move_decision(decision, DecisionStatus.SIGNED, actor=signer)
            with replay(min(voted + dt.timedelta(days=PUBLISHED), today), hour=10):
                decision = services.move_decision(decision, DecisionStatus.PUBLISHED, actor=office)
        except ValidationError as exc:
            ctx.out(f"{review_round.name}: {' '.join(exc.messages)}")
            continue
        ctx.decisions[key] = decision
        # the Office read the "signed" notice years ago (notices are written on commit: settled after them)
        transaction.on_commit(partial(resolve, decision.get_absolute_url()))
        made += 1
    ctx.out(f"Đã ký và công bố {made} quyết định khen thưởng của Kế hoạch 2679.")
