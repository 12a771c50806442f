"""Who may vote how, and what is refused with a Vietnamese message that changes nothing: voting twice, a recused
member, a non-member, an absent member online, a present member "in writing", a closed ballot, a concluded
session; a re-vote keeps every earlier ballot and its votes."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.awards import council
from thidua.awards.enums import NominationStatus, SessionStatus, VoteChoice, VoteMode
from thidua.awards.models import Ballot, Vote
from thidua.org.enums import Role

from . import council_factories as f

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 25)


@pytest.fixture
def voting(board, world):
    """A session in vote on two nominations; one member absent; a member of the nominee's unit (recused)."""
    board.colleague = f.member(board.agency, world.transport, name="Hà Văn Đồng")
    board.members.append(board.colleague)
    rnd = f.review_round(board.agency, year=2025)
    board.n1 = f.accepted(rnd, person=world.people["canbo"], form="giay-khen-giam-doc-so")
    board.n2 = f.accepted(rnd, unit=world.planning, form="giay-khen-giam-doc-so")
    board.absentee = board.members[3]
    board.session = f.session(board.agency, held_on=DAY, nominations=[board.n1, board.n2], actor=board.office)
    board.start(board.session, absent=[board.absentee])
    board.item1, board.item2 = board.session.items.order_by("order")
    return board


def refused(call, *words):
    votes = Vote.objects.count()
    with pytest.raises(ValidationError) as exc:
        call()
    text = " ".join(exc.value.messages)
    for word in words:
        assert word in text, text
    assert Vote.objects.count() == votes
    return text


def test_a_present_member_votes_online_once(voting):
    vote = council.cast_vote(voting.item1, voting.chair, VoteChoice.AGREE, actor=voting.chair)
    assert (vote.mode, vote.choice, vote.ballot.number) == (VoteMode.ONLINE, VoteChoice.AGREE, 1)
    refused(lambda: council.cast_vote(voting.item1, voting.chair, VoteChoice.DISAGREE, actor=voting.chair),
            "Bạn đã biểu quyết nội dung này (lần 1)")
    assert Vote.objects.get().choice == VoteChoice.AGREE  # nothing overwritten


def test_a_recused_member_cannot_vote_and_is_told_why(voting):
    refused(lambda: council.cast_vote(voting.item1, voting.colleague, VoteChoice.AGREE, actor=voting.colleague),
            "không tham gia biểu quyết", "Cùng đơn vị")
    # nor through the secretary
    refused(lambda: council.cast_vote(voting.item1, voting.colleague, VoteChoice.AGREE, actor=voting.secretary,
                                      mode=VoteMode.PAPER), "không tham gia biểu quyết")
    # he votes on the other item
    council.cast_vote(voting.item2, voting.colleague, VoteChoice.AGREE, actor=voting.colleague)


def test_recusal_of_the_nominee_himself_and_of_the_nominated_units_members(board, world):
    nominee_user = f.member(board.agency, world.transport, name="Người Được Đề Nghị")
    planner = f.member(board.agency, world.planning)
    rnd = f.review_round(board.agency, year=2025)
    nominee = nominee_user.person
    n1 = f.accepted(rnd, person=nominee, form="giay-khen-giam-doc-so")
    n2 = f.accepted(rnd, unit=world.planning, form="giay-khen-giam-doc-so")
    session = f.session(board.agency, held_on=DAY, nominations=[n1, n2], actor=board.office)
    board.start(session)
    item1, item2 = session.items.order_by("order")
    assert dict(item1.recusals.values_list("member__user__username", "reason"))[nominee_user.username] == (
        "Là người được đề nghị khen thưởng.")
    reasons = dict(item2.recusals.values_list("member__user__username", "reason"))
    assert "Thuộc tập thể được đề nghị khen thưởng" in reasons[planner.username]
    assert nominee_user.username not in reasons


def test_a_non_member_cannot_vote(voting, world):
    refused(lambda: council.cast_vote(voting.item1, world.users["giamdoc"], VoteChoice.AGREE,
                                      actor=world.users["giamdoc"]), "không phải thành viên Hội đồng")


def test_a_member_granted_after_the_sessions_date_is_not_a_member(voting, world):
    late = f.member(voting.agency, world.office, since=dt.datetime(2026, 6, 1, tzinfo=dt.UTC))
    refused(lambda: council.cast_vote(voting.item1, late, VoteChoice.AGREE, actor=late), "không phải thành viên")


def test_an_absent_member_cannot_vote_online_but_the_secretary_records_his_written_vote(voting):
    refused(lambda: council.cast_vote(voting.item1, voting.absentee, VoteChoice.AGREE, actor=voting.absentee),
            "vắng mặt")
    refused(lambda: council.cast_vote(voting.item1, voting.absentee, VoteChoice.AGREE, actor=voting.secretary,
                                      mode=VoteMode.PAPER), "chỉ ghi nhận phiếu bằng văn bản")
    vote = council.cast_vote(voting.item1, voting.absentee, VoteChoice.AGREE, actor=voting.secretary,
                             mode=VoteMode.WRITTEN)
    assert (vote.mode, vote.recorded_by) == (VoteMode.WRITTEN, voting.secretary)


def test_a_written_vote_is_only_for_absent_members(voting):
    refused(lambda: council.cast_vote(voting.item1, voting.chair, VoteChoice.AGREE, actor=voting.secretary,
                                      mode=VoteMode.WRITTEN), "chỉ dành cho thành viên vắng mặt")


def test_the_secretary_records_paper_ballots_of_present_members(voting):
    vote = council.cast_vote(voting.item1, voting.chair, VoteChoice.DISAGREE, actor=voting.secretary,
                             mode=VoteMode.PAPER)
    assert vote.mode == VoteMode.PAPER
    # the Office records them too
    council.cast_vote(voting.item2, voting.chair, VoteChoice.AGREE, actor=voting.office, mode=VoteMode.PAPER)


def test_an_ordinary_member_cannot_record_someone_elses_ballot(voting):
    other = voting.members[1]
    refused(lambda: council.cast_vote(voting.item1, voting.chair, VoteChoice.AGREE, actor=other,
                                      mode=VoteMode.PAPER), "thư ký Hội đồng")
    refused(lambda: council.cast_vote(voting.item1, voting.chair, VoteChoice.AGREE, actor=other),
            "tự bỏ phiếu")


def test_a_vote_on_a_closed_ballot_is_refused(voting):
    first = Ballot.objects.get(item=voting.item1, number=1)
    council.revote(voting.item1, actor=voting.office, reason="Có thông tin mới về thành tích")
    refused(lambda: council.cast_vote(voting.item1, voting.chair, VoteChoice.AGREE, actor=voting.chair,
                                      ballot=first), "Lần biểu quyết thứ 1 đã đóng")
    vote = council.cast_vote(voting.item1, voting.chair, VoteChoice.AGREE, actor=voting.chair)
    assert vote.ballot.number == 2


def test_a_revote_keeps_every_earlier_ballot_and_its_votes(voting):
    council.cast_vote(voting.item1, voting.chair, VoteChoice.DISAGREE, actor=voting.chair)
    council.cast_vote(voting.item1, voting.members[1], VoteChoice.AGREE, actor=voting.members[1])
    second = council.revote(voting.item1, actor=voting.office, reason="Bổ sung minh chứng")
    council.cast_vote(voting.item1, voting.chair, VoteChoice.AGREE, actor=voting.chair)
    ballots = list(voting.item1.ballots.order_by("number"))
    assert [b.number for b in ballots] == [1, 2]
    assert ballots[0].closed_at is not None and ballots[1].closed_at is None
    assert second.reason == "Bổ sung minh chứng"
    first = council.tally(ballots[0])
    assert (first.agree, first.disagree) == (1, 1)
    assert list(ballots[0].votes.values_list("choice", flat=True).order_by("id")) == ["disagree", "agree"]
    assert council.tally(ballots[1]).agree == 1


def test_a_revote_needs_a_reason_and_the_office(voting):
    with pytest.raises(ValidationError) as exc:
        council.revote(voting.item1, actor=voting.office, reason="  ")
    assert "lý do" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        council.revote(voting.item1, actor=voting.chair, reason="Lý do")
    assert voting.item1.ballots.count() == 1


def test_no_vote_before_voting_starts_or_after_the_session_concluded(board, world):
    rnd = f.review_round(board.agency, year=2025)
    n = f.accepted(rnd, unit=world.planning)
    session = f.session(board.agency, held_on=DAY, nominations=[n], actor=board.office)
    item = session.items.get()
    refused(lambda: council.cast_vote(item, board.chair, VoteChoice.AGREE, actor=board.chair), "chưa bắt đầu")
    board.start(session)
    council.cast_vote(item, board.chair, VoteChoice.AGREE, actor=board.chair)
    board.conclude(session)
    refused(lambda: council.cast_vote(item, board.members[1], VoteChoice.AGREE, actor=board.members[1]),
            "đã kết thúc")
    with pytest.raises(ValidationError):
        council.revote(item, actor=board.office, reason="Lý do")


def eligible(board, item):
    recused = set(item.recusals.values_list("member__user_id", flat=True))
    return [u for u in board.members if u.pk not in recused and u != board.absentee]


def test_the_result_after_conclusion_follows_the_last_ballot(voting):
    voters = eligible(voting, voting.item1)
    for user in voters:
        council.cast_vote(voting.item1, user, VoteChoice.DISAGREE, actor=user)
    for user in eligible(voting, voting.item2):
        council.cast_vote(voting.item2, user, VoteChoice.DISAGREE, actor=user)
    council.revote(voting.item1, actor=voting.office, reason="Hội đồng thảo luận lại")
    for user in voters:
        council.cast_vote(voting.item1, user, VoteChoice.AGREE, actor=user)
    voting.conclude(voting.session)
    voting.item1.refresh_from_db()
    voting.item2.refresh_from_db()
    voting.n1.refresh_from_db()
    voting.n2.refresh_from_db()
    assert voting.item1.result == voting.n1.status == NominationStatus.AGREED_DECISION
    assert voting.item2.result == voting.n2.status == NominationStatus.NOT_AGREED
    assert Vote.objects.filter(ballot__item=voting.item1).count() == 2 * len(voters)
    session = voting.session
    session.refresh_from_db()
    assert session.status == SessionStatus.CONCLUDED and session.concluded_at is not None
    assert all(b.closed_at for b in Ballot.objects.filter(item__session=session))


def test_the_members_are_those_of_the_role_grants_on_the_sessions_date(board, world):
    from thidua.org import services as org_services

    late = f.member(board.agency, world.office, since=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    gone = f.member(board.agency, world.office, role=Role.COUNCIL_VICE_CHAIR)
    grant = gone.role_grants.get()
    org_services.revoke_role(grant, actor=None)
    type(grant).objects.filter(pk=grant.pk).update(revoked_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC))
    january = [g.user for g in council.members_on(board.agency, dt.date(2026, 1, 25))]
    march = [g.user for g in council.members_on(board.agency, dt.date(2026, 3, 5))]
    assert gone in january and late not in january
    assert gone not in march and late in march
    assert january[0] == board.chair and january[1] == gone  # the chair, then the vice-chair
    roles = [g.role for g in council.members_on(board.agency, dt.date(2026, 1, 25))]
    assert roles[-1] == Role.COUNCIL_SECRETARY


def test_each_member_is_told_only_the_items_he_votes_on_not_those_he_is_recused_from(
        board, world, django_capture_on_commit_callbacks):
    from thidua.core.models import Notification

    colleague = f.member(board.agency, world.transport, name="Hà Văn Đồng")
    rnd = f.review_round(board.agency, year=2025)
    n1 = f.accepted(rnd, person=world.people["canbo"], form="giay-khen-giam-doc-so")  # his unit's: recused
    n2 = f.accepted(rnd, unit=world.planning, form="giay-khen-giam-doc-so")
    session = f.session(board.agency, held_on=DAY, nominations=[n1, n2], actor=board.office)
    with django_capture_on_commit_callbacks(execute=True):
        board.start(session)
    assert "1 đề nghị chờ bạn biểu quyết" in Notification.objects.get(user=colleague).text
    assert "2 đề nghị chờ bạn biểu quyết" in Notification.objects.get(user=board.chair).text
    assert [i.nomination for i in council.items_to_vote(colleague)] == [n2]
    # a re-vote of the item he is recused from is not announced to him
    item1 = session.items.get(nomination=n1)
    with django_capture_on_commit_callbacks(execute=True):
        council.revote(item1, actor=board.office, reason="Bổ sung minh chứng")
    assert Notification.objects.filter(user=colleague).count() == 1
    assert Notification.objects.filter(user=board.chair, text__contains="biểu quyết lại").exists()


def test_voting_twice_is_refused_speaking_to_the_member_and_naming_him_to_the_secretary(voting):
    council.cast_vote(voting.item2, voting.chair, VoteChoice.AGREE, actor=voting.chair)
    text = refused(lambda: council.cast_vote(voting.item2, voting.chair, VoteChoice.AGREE, actor=voting.chair),
                   "Bạn đã biểu quyết nội dung này (lần 1)")
    assert "đã biểu quyết lần" not in text
    chair_name = council.member_name(voting.chair)
    refused(lambda: council.cast_vote(voting.item2, voting.chair, VoteChoice.AGREE, actor=voting.secretary,
                                      mode=VoteMode.PAPER), f"{chair_name} đã biểu quyết lần 1")
