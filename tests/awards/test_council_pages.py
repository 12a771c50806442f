"""The Council's pages as each role uses them: the Office prepares and runs a session, a member votes on his
ballot page (recused items shown as such), the secretary records paper and written votes, everybody with the
agency's view reads the tallies; other agencies' sessions are not found; anonymous visitors go to log in."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.urls import reverse

from thidua.awards import council
from thidua.awards.enums import NominationStatus, SessionStatus, VoteChoice, VoteMode
from thidua.awards.models import Vote

from . import council_factories as f

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 25)


@pytest.fixture
def open_session(board, world):
    board.colleague = f.member(board.agency, world.transport, name="Hà Văn Đồng")
    board.members.append(board.colleague)
    rnd = f.review_round(board.agency, year=2025)
    board.n1 = f.accepted(rnd, person=world.people["canbo"], form="chien-si-thi-dua-co-so")
    board.n2 = f.accepted(rnd, unit=world.union, form="giay-khen-giam-doc-so")
    board.session = f.session(board.agency, held_on=DAY, nominations=[board.n1, board.n2], actor=board.office,
                              name="Phiên họp xét khen thưởng năm 2025")
    board.absentee = board.members[4]
    board.start(board.session, absent=[board.absentee])
    board.item1, board.item2 = board.session.items.order_by("order")
    return board


def page(client, world, role, name, session):
    world.login(client, role)
    return client.get(reverse(f"awards:{name}", args=[session.pk]))


def test_the_office_creates_a_session_and_puts_accepted_nominations_on_its_agenda(client, board, world):
    rnd = f.review_round(board.agency, year=2025)
    n = f.accepted(rnd, person=world.people["canbo"])
    world.login(client, "vanphong")
    response = client.post(reverse("awards:session_new"), {"agency": board.agency.pk, "name": "Phiên họp tháng 1",
                                                           "held_on": "25/01/2026", "place": "Phòng họp số 1"})
    session = board.agency and council.CouncilSession.objects.get(name="Phiên họp tháng 1")
    assert response.status_code == 302 and response["Location"] == reverse("awards:session", args=[session.pk])
    assert session.held_on == DAY and session.members.count() == 10
    detail = client.get(response["Location"]).content.decode()
    assert n.nominee_name in detail and "Đưa vào chương trình" in detail
    client.post(reverse("awards:session_agenda_add", args=[session.pk]), {"nominations": [n.pk]})
    n.refresh_from_db()
    assert n.status == NominationStatus.ON_AGENDA
    member = session.members.get(user=board.members[3])
    client.post(reverse("awards:session_presence", args=[session.pk]), {"member": member.pk, "present": "0"})
    member.refresh_from_db()
    assert member.present is False
    client.post(reverse("awards:session_move", args=[session.pk]), {"to": SessionStatus.VOTING})
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING


def test_a_bad_session_form_answers_in_vietnamese_and_creates_nothing(client, board, world):
    world.login(client, "vanphong")
    response = client.post(reverse("awards:session_new"), {"agency": board.agency.pk, "name": "",
                                                           "held_on": "31/02/2026"})
    text = response.content.decode()
    assert response.status_code == 200
    assert "Hãy nhập tên phiên họp." in text and "Ngày 31/02/2026 không có thật" in text
    assert not council.CouncilSession.objects.exists()


def test_the_session_page_shows_recusals_thresholds_and_every_ballots_tally(client, open_session, world):
    s = open_session
    council.cast_vote(s.item1, s.chair, VoteChoice.AGREE, actor=s.chair)
    council.revote(s.item1, actor=s.office, reason="Bổ sung minh chứng")
    council.cast_vote(s.item1, s.chair, VoteChoice.DISAGREE, actor=s.chair)
    text = page(client, world, "vanphong", "session", s.session).content.decode()
    assert "Hà Văn Đồng không tham gia biểu quyết" in text and "Cùng đơn vị với người được đề nghị" in text
    assert "từ 80% trở lên tổng số thành viên Hội đồng" in text
    assert "không tính vào tổng số" in text  # recused members leave the denominator: the page says so
    # two ballots of the first item (the first kept), one of the second
    assert text.count('class="ballot-row"') == 3 and "biểu quyết lại: Bổ sung minh chứng" in text
    assert "Phiếu biểu quyết của tôi" in page(client, world, "hoidong", "session", s.session).content.decode()


def test_a_member_votes_on_his_ballot_page_and_sees_the_tally_once_he_voted(client, open_session, world):
    s = open_session
    response = page(client, world, "hoidong", "session_vote", s.session)
    text = response.content.decode()
    assert "Còn 2 đề nghị chờ bạn biểu quyết." in text
    assert 'class="ballot-row"' not in text  # no tally before he voted
    ballot = s.item1.ballots.get()
    client.post(reverse("awards:session_vote", args=[s.session.pk]),
                {"item": s.item1.pk, "ballot": ballot.pk, "choice": VoteChoice.AGREE})
    assert Vote.objects.get(member__user=s.chair).choice == VoteChoice.AGREE
    text = client.get(reverse("awards:session_vote", args=[s.session.pk])).content.decode()
    assert "Còn 1 đề nghị chờ bạn biểu quyết." in text and "bạn đã chọn “Đồng ý”" in text
    assert text.count('class="ballot-row"') == 1
    # voting twice from a stale page: refused, nothing changed
    response = client.post(reverse("awards:session_vote", args=[s.session.pk]),
                           {"item": s.item1.pk, "ballot": ballot.pk, "choice": VoteChoice.DISAGREE}, follow=True)
    assert "Bạn đã biểu quyết nội dung này (lần 1)" in response.content.decode()
    assert Vote.objects.get(member__user=s.chair).choice == VoteChoice.AGREE


def test_a_recused_member_sees_the_item_as_recused_and_his_post_is_refused(client, open_session, world):
    s = open_session
    client.force_login(s.colleague)
    text = client.get(reverse("awards:session_vote", args=[s.session.pk])).content.decode()
    assert "Bạn không tham gia biểu quyết đề nghị này:" in text
    assert "Còn 1 đề nghị chờ bạn biểu quyết." in text
    response = client.post(reverse("awards:session_vote", args=[s.session.pk]),
                           {"item": s.item1.pk, "ballot": s.item1.ballots.get().pk, "choice": "agree"}, follow=True)
    assert "không tham gia biểu quyết" in response.content.decode()
    assert not Vote.objects.exists()


def test_a_non_member_is_sent_to_the_session_page(client, open_session, world):
    response = page(client, world, "giamdoc", "session_vote", open_session.session)
    assert response.status_code == 302 and response["Location"] == reverse("awards:session",
                                                                          args=[open_session.session.pk])


def test_the_secretary_records_a_written_vote_of_an_absent_member(client, open_session, world):
    s = open_session
    client.force_login(s.secretary)
    absent = s.session.members.get(user=s.absentee)
    text = client.get(reverse("awards:session", args=[s.session.pk])).content.decode()
    assert "Ghi phiếu giấy, phiếu bằng văn bản" in text
    client.post(reverse("awards:session_record", args=[s.session.pk]),
                {"item": s.item2.pk, "member": absent.pk, "choice": "agree", "mode": VoteMode.WRITTEN})
    vote = Vote.objects.get()
    assert (vote.mode, vote.member, vote.recorded_by) == (VoteMode.WRITTEN, absent, s.secretary)
    response = client.post(reverse("awards:session_record", args=[s.session.pk]),
                           {"item": s.item2.pk, "member": absent.pk, "choice": "agree", "mode": VoteMode.PAPER},
                           follow=True)
    assert "đã biểu quyết" in response.content.decode() or "văn bản" in response.content.decode()
    assert Vote.objects.count() == 1


def test_an_ordinary_member_may_not_record_ballots(client, open_session, world):
    client.force_login(open_session.members[1])
    response = client.post(reverse("awards:session_record", args=[open_session.session.pk]),
                           {"item": open_session.item2.pk, "member": 1, "choice": "agree", "mode": "paper"})
    assert response.status_code == 403


@pytest.mark.parametrize("role,status", [("vanphong", 200), ("hoidong", 200), ("giamdoc", 200), ("congdoan", 404),
                                         ("truongphong", 404), ("canbo", 404), ("vanphong_khac", 404)])
def test_who_sees_a_session(client, open_session, world, role, status):
    assert page(client, world, role, "session", open_session.session).status_code == status


def test_anonymous_visitors_are_sent_to_log_in(client, open_session):
    for name in ("session", "session_vote", "session_minutes"):
        response = client.get(reverse(f"awards:{name}", args=[open_session.session.pk]))
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("role", ["hoidong", "giamdoc", "truongphong"])
def test_only_the_office_runs_the_session_from_the_pages(client, open_session, world, role):
    world.login(client, role)
    for name, data in (("session_move", {"to": "concluded"}), ("session_revote", {"item": open_session.item1.pk,
                                                                                  "reason": "Lý do"})):
        response = client.post(reverse(f"awards:{name}", args=[open_session.session.pk]), data)
        assert response.status_code == 403
    open_session.session.refresh_from_db()
    assert open_session.session.status == SessionStatus.VOTING and open_session.item1.ballots.count() == 1


def test_the_minutes_download_as_docx_with_the_tallies(client, open_session, world):
    from docx import Document

    s = open_session
    for user in s.members:
        if user not in (s.colleague, s.absentee):
            council.cast_vote(s.item1, user, VoteChoice.AGREE, actor=user)
    council.cast_vote(s.item1, s.absentee, VoteChoice.AGREE, actor=s.secretary, mode=VoteMode.WRITTEN)
    response = page(client, world, "vanphong", "session_minutes", s.session)
    assert response.status_code == 200 and response["Content-Disposition"].endswith('.docx"')
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "BIÊN BẢN" in text and "Họp Hội đồng Thi đua - Khen thưởng" in text
    assert "Tổng số thành viên Hội đồng: 11; có mặt: 10; vắng mặt: 1." in text
    assert "Hà Văn Đồng không tham gia biểu quyết" in text
    assert "Lần 1: 10 phiếu, trong đó 1 phiếu bằng văn bản" in text and "đồng ý 10" in text
    assert "10/10 (100%)" in text


def test_an_open_ballots_tally_is_hidden_from_a_member_until_he_voted(client, open_session, world):
    s = open_session
    council.cast_vote(s.item1, s.members[1], VoteChoice.AGREE, actor=s.members[1])
    text = page(client, world, "hoidong", "session", s.session).content.decode()
    assert 'class="ballot-row"' not in text and "được công bố khi bạn đã bỏ phiếu" in text
    council.cast_vote(s.item1, s.chair, VoteChoice.AGREE, actor=s.chair)
    text = client.get(reverse("awards:session", args=[s.session.pk])).content.decode()
    assert text.count('class="ballot-row"') == 1  # the item he voted on
    # the Director, not a member, reads the running tallies only when the session concluded
    assert 'class="ballot-row"' not in page(client, world, "giamdoc", "session", s.session).content.decode()


def test_the_council_pages_speak_english_when_asked(client, open_session, world):
    world.login(client, "hoidong")
    client.cookies["django_language"] = "en"
    text = client.get(reverse("awards:session_vote", args=[open_session.session.pk]),
                      HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "My ballot" in text and "nominations are waiting for your vote" in text
    assert "Threshold to pass:" in text and "or more" in text


def test_the_session_list_tells_a_member_what_he_has_to_vote_on(client, open_session, world):
    world.login(client, "hoidong")
    text = client.get(reverse("awards:sessions")).content.decode()
    assert "Bạn còn 2 đề nghị chờ biểu quyết." in text and "Phiên họp xét khen thưởng năm 2025" in text
    for item in (open_session.item1, open_session.item2):
        council.cast_vote(item, open_session.chair, VoteChoice.AGREE, actor=open_session.chair)
    assert 'id="to-vote"' not in client.get(reverse("awards:sessions")).content.decode()


def test_a_refused_vote_is_explained_beside_the_item_voted_on(client, open_session, world):
    import re

    s = open_session
    client.force_login(s.chair)
    ballot = s.item2.ballots.get()
    response = client.post(reverse("awards:session_vote", args=[s.session.pk]),
                           {"item": s.item2.pk, "ballot": ballot.pk})
    text = response.content.decode()
    assert response.status_code == 200 and not Vote.objects.filter(member__user=s.chair).exists()
    beside = re.search(rf'id="vote-error-{s.item2.pk}">([^<]*)<', text)
    assert beside and beside.group(1) == "Hãy chọn đồng ý, không đồng ý hoặc không biểu quyết."
    assert f'id="vote-error-{s.item1.pk}"' not in text
    # the item's card holds the message, right above its own ballot form
    card = text[text.index(f'id="vote-error-{s.item2.pk}"'):]
    assert card.index(f'name="item" value="{s.item2.pk}"') < card.index("</form>")
