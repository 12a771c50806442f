"""Public comment (lấy ý kiến nhân dân, issue 11 §4): the window's length in working days, the regime's minimum,
the proposal blocked until the window has been held and is over, and the public comment's checks."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from thidua.awards import forwarding, public_comment, services
from thidua.awards.enums import CommentTriage, CommentWindowStatus, ProposalStatus
from thidua.awards.models import FormRule, PublicComment
from thidua.core.clock import replay
from thidua.core.models import AuditEvent

from .award_factories import agreed, agreed_round

pytestmark = pytest.mark.django_db

HC = "huan-chuong-lao-dong-hang-ba"
OPEN_DAY = dt.date(2026, 2, 9)  # a Monday, the week before Tết Bính Ngọ (17/02/2026)


@pytest.fixture
def proposal(world):
    rnd = agreed_round(world.agency)
    nomination = agreed(rnd, person=world.people["canbo"], form=HC, upward=True)
    return forwarding.create_proposal(rnd, [nomination], issued_on=dt.date(2026, 2, 2), actor=world.users["vanphong"])


def test_the_seeded_law_asks_ten_working_days_for_the_third_class_labour_order_unconfirmed():
    rules = FormRule.objects.filter(form__code=HC)
    assert rules.exists()
    assert {(r.public_comment_days, r.public_comment_unconfirmed) for r in rules} == {(10, True)}
    assert not FormRule.objects.filter(form__code="giay-khen-giam-doc-so", public_comment_days__isnull=False).exists()


def test_a_window_shorter_than_the_minimum_is_refused_naming_the_minimum(world, proposal):
    with pytest.raises(ValidationError) as exc:
        public_comment.open_window(proposal, days=5, actor=world.users["vanphong"], today=OPEN_DAY)
    message = " ".join(exc.value.message_dict["days"])
    assert "ít nhất 10 ngày làm việc" in message and "Huân chương Lao động hạng Ba" in message
    assert not proposal.comment_windows.exists()


def test_a_window_across_tet_closes_on_the_tenth_working_day(world, proposal):
    window = public_comment.open_window(proposal, days=10, actor=world.users["vanphong"], today=OPEN_DAY)
    # Tết's days off fall inside: ten working days take more than two weeks
    assert window.closes_on > OPEN_DAY + dt.timedelta(days=14)
    assert window.closes_on.weekday() < 5
    assert list(window.nominations.all()) == [proposal.items.get().nomination]
    assert AuditEvent.objects.filter(target_type="awards.commentwindow", target_id=str(window.pk)).exists()


def test_a_make_up_saturday_counts_as_a_working_day(world, proposal):
    from thidua.core.workdays import add_day

    plain = public_comment.closes_on(dt.date(2026, 10, 5), 10)  # Monday 05/10/2026: two weeks, no holiday
    assert plain == dt.date(2026, 10, 19)
    add_day(day=dt.date(2026, 10, 10), kind="working", note="Làm bù theo thông báo", actor=world.users["vanphong"])
    assert public_comment.closes_on(dt.date(2026, 10, 5), 10) == dt.date(2026, 10, 16)


def test_the_proposal_cannot_be_sent_before_the_window_is_held_and_over(world, proposal):
    office = world.users["vanphong"]
    with replay(OPEN_DAY), pytest.raises(ValidationError) as exc:
        services.move_proposal(proposal, ProposalStatus.SENT, actor=office)
    assert "phải lấy ý kiến nhân dân" in " ".join(exc.value.messages)
    window = public_comment.open_window(proposal, days=10, actor=office, today=OPEN_DAY)
    with replay(window.closes_on), pytest.raises(ValidationError) as exc:
        services.move_proposal(proposal, ProposalStatus.SENT, actor=office)
    assert window.closes_on.strftime("%d/%m/%Y") in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):  # never closed early
        public_comment.move_window(window, CommentWindowStatus.CLOSED, today=window.closes_on)
    with replay(window.closes_on + dt.timedelta(days=1)):
        services.move_proposal(proposal, ProposalStatus.SENT, actor=office)
    proposal.refresh_from_db()
    window.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT and window.status == CommentWindowStatus.CLOSED


def _post(window, nominee, *, text="Tôi xác nhận thành tích là đúng.", token=None, honeypot="", ip="203.0.113.7"):
    token = token or public_comment.make_token(window, at=timezone.now() - dt.timedelta(seconds=30))
    return public_comment.submit_comment(window, nominee_id=str(nominee.pk), name="", text=text, token=token,
                                         honeypot=honeypot, ip=ip)


@pytest.fixture
def window(world, proposal):
    return public_comment.open_window(proposal, days=10, actor=world.users["vanphong"])


def test_a_nominee_taken_out_of_the_proposal_takes_no_more_comment(world):
    rnd = agreed_round(world.agency)
    kept = agreed(rnd, person=world.people["canbo"], form=HC, upward=True)
    gone = agreed(rnd, person=world.people["canbo2"], form=HC, upward=True)
    office = world.users["vanphong"]
    proposal = forwarding.create_proposal(rnd, [kept, gone], issued_on=dt.date(2026, 2, 2), actor=office)
    window = public_comment.open_window(proposal, days=10, actor=office)
    forwarding.remove_item(proposal, proposal.items.get(nomination=gone).pk, actor=office)
    with pytest.raises(ValidationError, match="Hãy chọn người, tập thể bạn góp ý"):
        _post(window, gone)
    assert not PublicComment.objects.filter(nominee=gone).exists()
    assert _post(window, kept).nominee == kept


def test_a_comment_is_stored_as_plain_text_with_a_hashed_client_key(window):
    nominee = window.nominations.get()
    comment = _post(window, nominee, text="<script>alert(1)</script>  Cần   xem lại")
    assert comment.text == "<script>alert(1)</script> Cần xem lại"
    assert "203.0.113.7" not in comment.client_key and len(comment.client_key) == 64


def test_a_comment_longer_than_the_limit_is_refused(window):
    with pytest.raises(ValidationError) as exc:
        _post(window, window.nominations.get(), text="a" * 2001)
    assert "2.000 ký tự" in " ".join(exc.value.message_dict["text"])
    assert not PublicComment.objects.exists()


def test_the_honeypot_a_fresh_token_and_a_replayed_token_are_refused(window):
    nominee = window.nominations.get()
    with pytest.raises(public_comment.Refused):
        _post(window, nominee, honeypot="http://spam")
    with pytest.raises(public_comment.Refused):
        _post(window, nominee, token=public_comment.make_token(window))  # posted at once: a robot
    token = public_comment.make_token(window, at=timezone.now() - dt.timedelta(seconds=30))
    _post(window, nominee, token=token)
    with pytest.raises(public_comment.Refused):
        _post(window, nominee, token=token)
    assert PublicComment.objects.count() == 1


def test_a_client_is_throttled_per_window_and_an_ipv6_client_by_its_64_prefix(window):
    nominee = window.nominations.get()
    for k in range(public_comment.CLIENT_PER_WINDOW_DAY):
        _post(window, nominee, ip=f"2001:db8:1:2::{k + 1}")
    with pytest.raises(public_comment.Refused):
        _post(window, nominee, ip="2001:db8:1:2:ffff::9")
    _post(window, nominee, ip="2001:db8:1:3::1")  # another network
    assert PublicComment.objects.count() == public_comment.CLIENT_PER_WINDOW_DAY + 1


def test_the_office_triages_a_comment_with_a_note_and_an_audit_row(world, window):
    comment = _post(window, window.nominations.get())
    with pytest.raises(ValidationError):
        public_comment.triage(comment, CommentTriage.TO_VERIFY, note="", actor=world.users["vanphong"])
    public_comment.triage(comment, CommentTriage.TO_VERIFY, note="Hỏi lại đơn vị", actor=world.users["vanphong"])
    comment.refresh_from_db()
    assert comment.triage == CommentTriage.TO_VERIFY and comment.triaged_by == world.users["vanphong"]
    assert AuditEvent.objects.filter(target_type="awards.publiccomment", target_id=str(comment.pk)).exists()
    with pytest.raises(ValidationError):
        public_comment.triage(comment, CommentTriage.IRRELEVANT, actor=world.users["vanphong_khac"])
