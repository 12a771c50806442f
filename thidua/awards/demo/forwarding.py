"""The forwarding part of the demo (issue 10 §3, §8): for each past round (demo.PAST_ROUNDS) whose Council agreed
nominations for provincial or central forms, the Office's tờ trình sent to the province a week after the session,
through the same path as the pages (forwarding.create_proposal, services.move_proposal, forwarding.record_decision),
dated as it happened (core.clock.replay). The provincial reviewer ("tinh") accepted and decided the older ones — one
returned first for a missing document and sent again, the central forms carried up to the centre and their decision
recorded — one person not awarded; the tổng kết 2025 one, whose Huân chương Lao động hạng Ba is published for
public comment first (open for the regime's minimum, three citizens' comments, sent the working day after it
closed); the newest (the yearly round 2025, its Council of 20/01/2026) still waits in his
inbox."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from thidua.core.clock import replay
from thidua.movements.models import RewardForm
from thidua.org.enums import Role
from thidua.org.models import RoleGrant

#: how each round's proposal went: "decided" (accepted, decided), "returned" (returned, sent again, decided),
#: "waiting" (sent, in the reviewer's inbox)
STORY = {"yearly-2022": "decided", "midterm-2023": "decided", "yearly-2023": "returned", "yearly-2024": "decided",
         "final-2025": "decided", "yearly-2025": "waiting"}
RETURN_REASON = ("Đề nghị bổ sung biên bản họp Hội đồng Thi đua - Khen thưởng của Sở có chữ ký của Chủ tịch Hội đồng "
                 "và báo cáo thành tích có xác nhận của cơ quan.")


def _office(agency):
    grant = RoleGrant.objects.filter(role=Role.SECRETARIAT, unit=agency, is_active=True).select_related("user").first()
    return grant.user if grant else None


def _reviewer(agency):
    from ..services import provincial_reviewers

    users = provincial_reviewers(agency)
    return users[0] if users else None


def _province_name(agency) -> str:
    from ..places import place_of

    return place_of(agency)


#: what three citizens wrote while the tổng kết 2025 proposal was published (issue 11 §4): (IP address, name, text);
#: the first the Office verified, the second was not about the nominee, the third it left to look at
COMMENTS = [
    ("198.51.100.23", "Hoàng Văn Pấu",
     "Tôi ở xóm Nà Lũng, xã Quảng Lâm. Năm 2024 đơn vị đã về giúp bà con sửa đường vào xóm và tặng quà cho các hộ "
     "nghèo dịp Tết. Tôi đồng ý đề nghị khen thưởng."),
    ("198.51.100.57", "",
     "Đề nghị Sở sớm sửa đoạn đường qua thị trấn Pác Miầu, mùa mưa rất khó đi."),
    ("198.51.100.81", "Nông Thị Hiền",
     "Tôi thấy đơn vị làm tốt, nhưng đề nghị ghi rõ số hộ được hỗ trợ trong báo cáo thành tích."),
]
VERIFIED_NOTE = ("Văn phòng đã đối chiếu với danh sách hộ được hỗ trợ năm 2024 của xã Quảng Lâm: đúng như ý kiến "
                 "phản ánh.")


def _comment_window(proposal, day: dt.date, office) -> dt.date:
    """When the regime asks public comment for a form of the proposal, the Office publishes its nominees on `day`
    for the minimum working days; citizens write, the Office looks at what they wrote, and the window closes when
    its last day has passed. Returns the day the proposal may be sent: `day`, or the working day after the
    window's last."""
    from .. import public_comment

    need = public_comment.requirement(proposal, day)
    if need is None:
        return day
    with replay(day, hour=8):
        window = public_comment.open_window(proposal, days=need.minimum, actor=office, today=day)
    nominees = list(window.nominations.order_by("id"))
    comments = []
    for n, (ip, name, text) in enumerate(COMMENTS):
        written = public_comment.closes_on(window.opened_on, 1 + 2 * n)
        with replay(written, hour=20):
            token = public_comment.make_token(window, at=timezone.now() - dt.timedelta(minutes=5))  # the form served
            comments.append(public_comment.submit_comment(
                window, nominee_id=nominees[n % len(nominees)].pk, name=name, text=text, token=token, honeypot="",
                ip=ip))
    from ..enums import CommentTriage, CommentWindowStatus

    with replay(public_comment.closes_on(window.opened_on, 6), hour=10):
        public_comment.triage(comments[0], CommentTriage.VERIFIED, note=VERIFIED_NOTE, actor=office)
        public_comment.triage(comments[1], CommentTriage.IRRELEVANT, actor=office)
    send_on = public_comment.closes_on(window.closes_on, 1)
    with replay(send_on, hour=8):
        public_comment.move_window(window, CommentWindowStatus.CLOSED, actor=office, today=send_on)
    return send_on


def _decide(proposal, *, level: str, on: dt.date, number: int, authority: str, actor, skip_last: bool) -> None:
    """Record the decision on the proposal's undecided items of `level` (each form its own decision, by `authority`
    or, when empty, the form's own authority in the catalogue)."""
    from .. import forwarding

    items = list(forwarding.undecided_items(proposal).filter(nomination__form__level=level).order_by("order", "id"))
    by_form: dict[int, list] = {}
    for item in items:
        by_form.setdefault(item.nomination.form_id, []).append(item)
    for n, (form_id, group) in enumerate(by_form.items()):
        awarded = [i.pk for i in group]
        if skip_last and len(awarded) > 1 and n == 0:
            awarded = awarded[:-1]  # one not awarded: the province's quota
        form = RewardForm.objects.get(pk=form_id)
        by = authority or form.authority
        suffix = "UBND" if level == "province" else ("TTg" if "Thủ tướng" in by else "CTN")
        with replay(on, hour=14):
            forwarding.record_decision(proposal, number=f"{number + n}/QĐ-{suffix}", issued_on=on, authority=by,
                                       form=form, awarded_ids=awarded, actor=actor)


def load(ctx) -> None:
    """Adds the proposals of the past rounds that have none yet."""
    from .. import forwarding, services
    from ..enums import AwardLevel, ProposalStatus
    from ..models import Proposal
    from . import PAST_ROUNDS

    office, reviewer = _office(ctx.agency), _reviewer(ctx.agency)
    if office is None or reviewer is None:
        ctx.out("  Đề nghị cấp trên: thiếu tài khoản Văn phòng hoặc cán bộ thẩm định cấp tỉnh, bỏ qua.")
        return
    province = _province_name(ctx.agency)
    made = 0
    for key in PAST_ROUNDS:
        review_round = ctx.rounds.get(key)
        if review_round is None or Proposal.objects.filter(review_round=review_round).exists():
            continue
        nominations = list(forwarding.eligible_nominations(review_round))
        if not nominations:
            continue
        voted = forwarding.council_day(nominations) or review_round.council_on
        sent_on = voted + dt.timedelta(days=7)
        story = STORY.get(key, "decided")
        with replay(sent_on, hour=9):
            proposal = forwarding.create_proposal(review_round, nominations, issued_on=sent_on, actor=office)
            Proposal.objects.filter(pk=proposal.pk).update(signer_name=_director_name(ctx.agency))
        sent_on = _comment_window(proposal, sent_on, office)
        with replay(sent_on, hour=9):
            services.move_proposal(proposal, ProposalStatus.SENT, actor=office)
        made += 1
        if story == "waiting":
            continue
        day = sent_on + dt.timedelta(days=10)
        if story == "returned":
            with replay(day, hour=10):
                services.move_proposal(proposal, ProposalStatus.RETURNED, actor=reviewer, reason=RETURN_REASON)
            day += dt.timedelta(days=5)
            with replay(day, hour=9):
                services.move_proposal(proposal, ProposalStatus.SENT, actor=office)
            day += dt.timedelta(days=3)
        with replay(day, hour=15):
            services.move_proposal(proposal, ProposalStatus.ACCEPTED, actor=reviewer)
        _decide(proposal, level=AwardLevel.PROVINCE, on=day + dt.timedelta(days=20), number=100 + made * 10,
                authority=f"Chủ tịch UBND tỉnh {province}".strip(), actor=reviewer, skip_last=key == "yearly-2024")
        if forwarding.undecided_items(proposal).exists():
            with replay(day + dt.timedelta(days=21), hour=9):
                services.move_proposal(proposal, ProposalStatus.FORWARDED, actor=reviewer)
            _decide(proposal, level=AwardLevel.STATE, on=day + dt.timedelta(days=120), number=1000 + made * 10,
                    authority="", actor=office, skip_last=False)
    if made:
        ctx.out(f"  Đề nghị cấp trên: {made} tờ trình gửi tỉnh (một tờ trình còn chờ thẩm định).")


def _director_name(agency) -> str:
    grant = (RoleGrant.objects.filter(role=Role.DIRECTOR, unit=agency, is_active=True)
             .select_related("user").first())
    if grant is None:
        return ""
    from thidua.org.models import Person

    person = Person.objects.filter(user=grant.user).first()
    return person.full_name if person else ""
