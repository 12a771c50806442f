"""The Council part of the demo: the Council of the Sở (the chair "hoidong", a vice-chair, three members — one of
them of the transport unit, so that a recusal shows — and the secretary), its concluded sessions for the rounds of
2022–2025 with their votes (a written vote of an absent member, a re-vote, a nomination not agreed), and the
session for the 2026 round (of the agency's 2026 movement) in vote, where "hoidong" still has items to vote on.

The sessions take the nominations the Office accepted (the nominations area's demo makes them); where a round has
none and is still open, a few are made here through the same path (the unit's meeting, submission, the Office's
check). Everything is dated as it happened (core.clock.replay)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from thidua.core.clock import replay
from thidua.core.notifications import resolve
from thidua.org import services as org_services
from thidua.org.demo import DEMO_PASSWORD, TRANSPORT_UNIT_NAME
from thidua.org.enums import COUNCIL_ROLES, Role
from thidua.org.models import OrgUnit, Person, RoleGrant

from .nominations import justified

#: the Council sat from the plan's launch on
COUNCIL_SINCE = dt.date(2022, 10, 1)

#: (username, unit name, index of the person in the unit (0: its head), role)
MEMBERS = [
    ("hd-phochutich", "Văn phòng Sở", 0, Role.COUNCIL_VICE_CHAIR),
    ("hd-uyvien-khtc", "Phòng Kế hoạch - Tài chính", 0, Role.COUNCIL_MEMBER),
    ("hd-uyvien-ttr", "Thanh tra Sở", 0, Role.COUNCIL_MEMBER),
    ("hd-uyvien-qlvt", TRANSPORT_UNIT_NAME, 1, Role.COUNCIL_MEMBER),
    ("hd-thuky", "Văn phòng Sở", 3, Role.COUNCIL_SECRETARY),
]

#: the rounds the sessions are for, the session's date when the round does not say, and how it went
SESSIONS = [
    ("yearly-2022", dt.date(2023, 1, 12), "Phiên họp xét khen thưởng năm 2022"),
    ("midterm-2023", dt.date(2023, 11, 20), "Phiên họp xét khen thưởng sơ kết 3 năm thực hiện phong trào"),
    ("yearly-2023", dt.date(2024, 1, 15), "Phiên họp xét khen thưởng năm 2023"),
    ("yearly-2024", dt.date(2025, 1, 14), "Phiên họp xét khen thưởng năm 2024"),
    ("final-2025", dt.date(2025, 11, 24), "Phiên họp xét khen thưởng tổng kết 5 năm thực hiện phong trào (2021–2025)"),
    ("yearly-2025", dt.date(2026, 1, 20), "Phiên họp xét khen thưởng năm 2025"),
]
#: this year's session (the 2026 round of the agency's 2026 movement), in vote: held today (a vote opens on the
#: session's day), prepared two days before with what the Office had accepted by then
OPEN_SESSION = ("yearly-2026", None, "Phiên họp xét khen thưởng năm 2026 (đợt 1)")

#: the few nominations made here for a round that has none accepted: (unit name, person index or None for the
#: unit, form code)
FALLBACK = {
    "yearly-2022": [("Phòng Quản lý kết cấu hạ tầng giao thông", 2, "giay-khen-giam-doc-so"),
                    ("Ban Quản lý dự án", None, "giay-khen-giam-doc-so")],
    "midterm-2023": [(TRANSPORT_UNIT_NAME, 4, "bang-khen-chu-tich-ubnd-tinh"),
                     ("Trung tâm Đăng kiểm", None, "giay-khen-giam-doc-so")],
    "yearly-2023": [("Thanh tra Sở", 3, "giay-khen-giam-doc-so"),
                    ("Phòng Quản lý kết cấu hạ tầng giao thông", None, "giay-khen-giam-doc-so"),
                    ("Văn phòng Sở", 6, "giay-khen-giam-doc-so")],
    "yearly-2024": [(TRANSPORT_UNIT_NAME, 5, "chien-si-thi-dua-co-so"),
                    ("Ban Quản lý dự án", 4, "giay-khen-giam-doc-so"),
                    ("Trung tâm Đăng kiểm", None, "bang-khen-chu-tich-ubnd-tinh")],
    "yearly-2025": [(TRANSPORT_UNIT_NAME, 6, "giay-khen-giam-doc-so"),
                    ("Phòng Kế hoạch - Tài chính", 4, "giay-khen-giam-doc-so"),
                    ("Phòng Quản lý kết cấu hạ tầng giao thông", None, "giay-khen-giam-doc-so"),
                    ("Ban Quản lý dự án", 7, "bang-khen-chu-tich-ubnd-tinh")],
}
#: fallback rounds' dates: (year, kind, name, submit_by, check_by, council_on)
FALLBACK_ROUNDS = {
    "yearly-2022": (2022, "yearly", "Xét khen thưởng năm 2022", dt.date(2022, 12, 30), dt.date(2023, 1, 6)),
    "midterm-2023": (2023, "midterm", "Xét khen thưởng sơ kết 3 năm (2021–2023)", dt.date(2023, 11, 5),
                     dt.date(2023, 11, 12)),
    "yearly-2023": (2023, "yearly", "Xét khen thưởng năm 2023", dt.date(2023, 12, 29), dt.date(2024, 1, 8)),
    "yearly-2024": (2024, "yearly", "Xét khen thưởng năm 2024", dt.date(2024, 12, 30), dt.date(2025, 1, 7)),
    "yearly-2025": (2025, "yearly", "Xét khen thưởng năm 2025", dt.date(2025, 12, 30), dt.date(2026, 1, 10)),
}
AUTHORITY = {"giay-khen-giam-doc-so": True, "chien-si-thi-dua-co-so": True, "lao-dong-tien-tien": True,
             "bang-khen-chu-tich-ubnd-tinh": False}


def _unit(agency: OrgUnit, name: str) -> OrgUnit | None:
    return OrgUnit.objects.of_agencies([agency.pk]).filter(name=name).first()


def _people(unit: OrgUnit) -> list[Person]:
    return list(Person.objects.filter(unit=unit, is_active=True).order_by("id"))


def _council(ctx) -> dict:
    """Grants the Council's roles (dated from COUNCIL_SINCE) and returns {username: user}."""
    User = get_user_model()  # noqa: N806
    agency = ctx.agency
    users = {}
    chair = User.objects.filter(username="hoidong").first()
    if chair is not None:
        users["hoidong"] = chair
    for username, unit_name, index, role in MEMBERS:
        unit = _unit(agency, unit_name)
        people = _people(unit) if unit else []
        if len(people) <= index:
            ctx.out(f"Hội đồng: không tìm thấy người thứ {index + 1} của {unit_name}; bỏ qua {username}.")
            continue
        user = User.objects.filter(username=username).first()
        # the person of that place, or the next one without an account of his own (not vanphong's, admin's …)
        person = next((p for p in people[index:] if p.user_id is None or (user and p.user_id == user.pk)), None)
        if person is None:
            continue
        user = user or person.user
        if user is None:
            surname, _sep, given = person.full_name.rpartition(" ")
            user = User.objects.create_user(username=username, password=DEMO_PASSWORD, first_name=given,
                                            last_name=surname)
        if person.user_id is None:
            person.user = user
            person.save(update_fields=["user", "updated_at"])
        if not RoleGrant.objects.filter(user=user, role=role, unit=agency, is_active=True).exists():
            with replay(COUNCIL_SINCE):
                org_services.grant_role(user, role, agency, actor=None)
        users[username] = user
    since = timezone.make_aware(dt.datetime.combine(COUNCIL_SINCE, dt.time(8)))
    RoleGrant.objects.filter(unit=agency, role__in=COUNCIL_ROLES, is_active=True, granted_at__gt=since).update(
        granted_at=since)
    return users


def _round(ctx, key: str):
    from thidua.awards import services
    from thidua.awards.models import ReviewRound, RoundForm
    from thidua.movements.models import RewardForm

    if key in ctx.rounds:
        return ctx.rounds[key]
    year, kind, name, submit_by, check_by = FALLBACK_ROUNDS[key]
    existing = ReviewRound.objects.filter(movement=ctx.movement, kind=kind, year=year).first()
    if existing is not None:
        ctx.rounds[key] = existing
        return existing
    with replay(submit_by - dt.timedelta(days=30)):
        rnd = ReviewRound.objects.create(movement=ctx.movement, kind=kind, year=year, name=name, submit_by=submit_by,
                                         check_by=check_by, council_on=check_by + dt.timedelta(days=5))
        for order, (code, within) in enumerate(AUTHORITY.items()):
            form = RewardForm.objects.filter(code=code).first()
            if form is not None:
                RoundForm.objects.create(review_round=rnd, form=form, within_authority=within, order=order)
        rnd = services.move_round(rnd, "open", actor=None)
    ctx.rounds[key] = rnd
    return rnd


def _make_accepted(ctx, rnd, key: str, office) -> list:
    """A few nominations through the unit's meeting, submission and the Office's check (for an open round)."""
    from thidua.awards import services
    from thidua.awards.enums import NominationStatus, RecipientKind, RoundStatus
    from thidua.awards.models import MeetingVote, Nomination, ReviewMeeting
    from thidua.movements.models import RewardForm
    from thidua.participation.registrations.services import is_registered

    if rnd.status != RoundStatus.OPEN:
        return []
    made = []
    for unit_name, index, code in FALLBACK.get(key, []):
        unit = _unit(ctx.agency, unit_name)
        people = _people(unit) if unit else []
        if len(people) < 5 or (index is not None and len(people) <= index):
            continue
        person = people[index] if index is not None else None
        form = RewardForm.objects.get(code=code)
        if form.is_title and person is not None and not is_registered(person, ctx.movement, rnd.year):
            form = RewardForm.objects.get(code="giay-khen-giam-doc-so")
        sent_on = rnd.submit_by - dt.timedelta(days=4)
        try:
            with replay(sent_on - dt.timedelta(days=3)), transaction.atomic():
                who = person.full_name if person else unit.name
                nomination = Nomination.objects.create(
                    review_round=rnd, unit=unit, agency=ctx.agency, form=form, person=person,
                    recipient=RecipientKind.INDIVIDUAL if person else RecipientKind.COLLECTIVE,
                    achievement=f"{who}: hoàn thành xuất sắc nhiệm vụ năm {rnd.year}; tham gia tích cực phong trào "
                                f"“Vì người nghèo – Không để ai bị bỏ lại phía sau”, hỗ trợ hộ nghèo tại xã kết "
                                f"nghĩa.", created_by=None)
                attendees = people[:8]
                meeting = ReviewMeeting.objects.create(review_round=rnd, unit=unit, held_on=sent_on - dt.timedelta(
                    days=3), place="Phòng họp đơn vị", chair=people[0], secretary=people[1])
                meeting.attendees.set(attendees)
                MeetingVote.objects.create(meeting=meeting, nomination=nomination, agree=len(attendees) - 1,
                                           disagree=1)
            with replay(sent_on):
                services.move_nomination(nomination, NominationStatus.SUBMITTED, actor=None,
                                         justification=justified(nomination, NominationStatus.SUBMITTED))
                nomination.refresh_from_db()
            with replay(rnd.check_by - dt.timedelta(days=1)):
                nomination = services.move_nomination(nomination, NominationStatus.ACCEPTED, actor=office,
                                                      justification=justified(nomination, NominationStatus.ACCEPTED))
        except ValidationError as exc:
            ctx.out(f"Hội đồng: không tạo được đề nghị mẫu ({unit_name}): {' '.join(exc.messages)}")
            continue
        made.append(nomination)
    return made


def _accepted(ctx, key: str, office, *, limit: int | None = 6) -> list:
    from thidua.awards.enums import NominationStatus
    from thidua.awards.models import Nomination

    rnd = _round(ctx, key)
    found = list(Nomination.objects.filter(review_round=rnd, agency=ctx.agency, status=NominationStatus.ACCEPTED)
                 .select_related("person", "unit", "form").order_by("id")[:limit])
    return found or _make_accepted(ctx, rnd, key, office)


def _session(ctx, key: str, day: dt.date, name: str, nominations, office, users, *, conclude: bool):
    from thidua.awards import council, services
    from thidua.awards.enums import SessionStatus, VoteChoice, VoteMode

    rnd = ctx.rounds[key]
    if conclude:
        held_on = max(day, rnd.council_on) if rnd.council_on else day
    else:  # the session at work: today, its vote open
        held_on = timezone.localdate()
    secretary = users.get("hd-thuky") or office
    with replay(held_on - dt.timedelta(days=2)):
        session = council.create_session(ctx.agency, actor=office, name=name, held_on=held_on,
                                         place="Phòng họp tầng 3, Sở Giao thông vận tải")
        for nomination in nominations:
            council.add_to_agenda(session, nomination, actor=office)
        absent = users.get("hd-uyvien-ttr") if key in ("yearly-2023", "yearly-2025") else None
        if absent is not None:
            council.set_presence(session.members.get(user=absent), False, actor=office)
    with replay(held_on, hour=8):
        services.move_session(session, SessionStatus.VOTING, actor=office)
        items = list(session.items.select_related("nomination").order_by("order"))
        members = list(session.members.select_related("user"))
        for n, item in enumerate(items):
            recused = set(item.recusals.values_list("member_id", flat=True))
            # the last item of 2023 is not agreed; the first of 2024 is voted again after a discussion
            against = len(members) - 1 if (key == "yearly-2023" and n == len(items) - 1) else (
                2 if (key == "yearly-2024" and n == 0) else 0)
            for ballot_round in range(2 if (key == "yearly-2024" and n == 0) else 1):
                if ballot_round:
                    council.revote(item, actor=office, reason="Hội đồng thảo luận lại sau khi đơn vị bổ sung số "
                                                              "liệu thành tích")
                    against = 0
                for i, member in enumerate(members):
                    if member.pk in recused:
                        continue
                    if not conclude and member.user.username == "hoidong":
                        continue  # the chair has yet to vote on the open session
                    if not conclude and i % 2 and n >= 1:
                        continue  # some members have not voted yet
                    choice = VoteChoice.DISAGREE if i >= len(members) - against else VoteChoice.AGREE
                    if member.present:
                        council.cast_vote(item, member.user, choice, actor=member.user)
                    else:
                        council.cast_vote(item, member.user, choice, actor=secretary, mode=VoteMode.WRITTEN)
    if conclude:
        with replay(held_on, hour=11):
            services.move_session(session, SessionStatus.CONCLUDED, actor=office)
        # the notices of a past session were handled long ago (they are written on commit: resolve after them)
        url = reverse("awards:session_vote", args=[session.pk])
        transaction.on_commit(lambda: resolve(url))
    return session


def load(ctx) -> None:
    """Adds the Council's members and sessions (nothing when the agency already has sessions)."""
    from thidua.awards.models import CouncilSession

    if CouncilSession.objects.filter(agency=ctx.agency).exists():
        ctx.out("Hội đồng TĐKT: đã có phiên họp; không tạo lại.")
        return
    office = get_user_model().objects.filter(username="vanphong").first()
    with transaction.atomic():
        users = _council(ctx)
        made = 0
        for key, day, name in SESSIONS:
            if key not in ctx.rounds and key not in FALLBACK_ROUNDS:
                continue
            nominations = _accepted(ctx, key, office, limit=None)  # a concluded session decided them all
            if not nominations:
                ctx.out(f"Hội đồng TĐKT: đợt “{key}” không có đề nghị hồ sơ hợp lệ; không tạo phiên họp.")
                continue
            _session(ctx, key, day, name, nominations, office, users, conclude=True)
            made += 1
        key, day, name = OPEN_SESSION
        nominations = _accepted(ctx, key, office) if key in ctx.rounds else []
        if len(nominations) > 1:
            nominations = nominations[:-1]  # one stays accepted, waiting for the Office's next session
        if nominations:
            _session(ctx, key, day, name, nominations, office, users, conclude=False)
            made += 1
        ctx.out(f"Hội đồng TĐKT: {len(users)} thành viên, {made} phiên họp (tài khoản thành viên: "
                f"{', '.join(u for u in users if u != 'hoidong')}; mật khẩu {DEMO_PASSWORD}).")
