"""A session's edges: only the Office runs it; the agenda takes accepted nominations of the agency and gives them
back before the vote; presence is marked while preparing; voting starts only with an agenda and members; the
session concludes only when every open ballot has a vote, and is then locked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.awards import council, services
from thidua.awards.enums import NominationStatus, SessionStatus, VoteChoice
from thidua.awards.models import AgendaItem, Ballot, NominationStep

from . import council_factories as f

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 1, 25)


@pytest.fixture
def prepared(board, world):
    rnd = f.review_round(board.agency, year=2025)
    board.n1 = f.accepted(rnd, person=world.people["canbo"])
    board.n2 = f.accepted(rnd, unit=world.planning, form="bang-khen-chu-tich-ubnd-tinh")
    board.session = f.session(board.agency, held_on=DAY, nominations=[board.n1], actor=board.office)
    return board


def test_creating_a_session_takes_the_members_on_its_date(board):
    session = f.session(board.agency, held_on=DAY, actor=board.office)
    assert session.members.count() == 10
    assert session.members.filter(present=True).count() == 10


@pytest.mark.parametrize("role", ["hoidong", "giamdoc", "truongphong", "vanphong_khac"])
def test_only_the_agencys_office_creates_and_runs_a_session(prepared, world, role):
    with pytest.raises(ValidationError):
        council.create_session(world.agency, actor=world.users[role], name="Phiên họp", held_on=DAY)
    with pytest.raises(ValidationError):
        council.add_to_agenda(prepared.session, prepared.n2, actor=world.users[role])
    with pytest.raises(ValidationError):
        services.move_session(prepared.session, SessionStatus.VOTING, actor=world.users[role])
    assert prepared.session.items.count() == 1
    prepared.session.refresh_from_db()
    assert prepared.session.status == SessionStatus.DRAFT


def test_adding_to_the_agenda_puts_the_nomination_on_it_with_its_history(prepared):
    prepared.n1.refresh_from_db()
    assert prepared.n1.status == NominationStatus.ON_AGENDA
    step = NominationStep.objects.filter(nomination=prepared.n1).last()
    assert (step.target, step.actor) == (NominationStatus.ON_AGENDA, prepared.office)


def test_only_accepted_nominations_of_the_agency_go_on_the_agenda(prepared, world):
    with pytest.raises(ValidationError) as exc:
        council.add_to_agenda(prepared.session, prepared.n1, actor=prepared.office)  # already on it
    assert "Đưa ra phiên họp Hội đồng" in " ".join(exc.value.messages)  # it is on the agenda already
    other_round = f.review_round(world.other_agency)
    foreign = f.accepted(other_round, person=world.people["other"])
    with pytest.raises(ValidationError) as exc:
        council.add_to_agenda(prepared.session, foreign, actor=prepared.office)
    assert "không thuộc cơ quan" in " ".join(exc.value.messages)
    foreign.refresh_from_db()
    assert foreign.status == NominationStatus.ACCEPTED


def test_removing_before_the_vote_gives_the_nomination_back(prepared):
    item = prepared.session.items.get()
    council.remove_from_agenda(item, actor=prepared.office)
    prepared.n1.refresh_from_db()
    assert prepared.n1.status == NominationStatus.ACCEPTED
    assert not prepared.session.items.exists()


def test_presence_is_marked_only_while_preparing(prepared):
    member = prepared.session.members.get(user=prepared.members[2])
    council.set_presence(member, False, actor=prepared.office)
    member.refresh_from_db()
    assert member.present is False
    with pytest.raises(ValidationError):
        council.set_presence(member, True, actor=prepared.chair)
    prepared.start(prepared.session)
    with pytest.raises(ValidationError) as exc:
        council.set_presence(member, True, actor=prepared.office)
    assert "đã bắt đầu biểu quyết" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError):
        council.add_to_agenda(prepared.session, prepared.n2, actor=prepared.office)
    with pytest.raises(ValidationError):
        council.remove_from_agenda(prepared.session.items.get(), actor=prepared.office)
    member.refresh_from_db()
    assert member.present is False


def test_voting_starts_only_with_an_agenda(board):
    session = f.session(board.agency, held_on=DAY, actor=board.office)
    with pytest.raises(ValidationError) as exc:
        board.start(session)
    assert "chưa có đề nghị" in " ".join(exc.value.messages)
    session.refresh_from_db()
    assert session.status == SessionStatus.DRAFT


def test_voting_starts_only_with_members_on_the_date(prepared, world):
    rnd = f.review_round(prepared.agency, year=2018)
    n = f.accepted(rnd, unit=world.planning)
    session = f.session(prepared.agency, held_on=dt.date(2019, 12, 20), nominations=[n], actor=prepared.office)
    with pytest.raises(ValidationError) as exc:
        prepared.start(session)
    assert "chưa có thành viên Hội đồng" in " ".join(exc.value.messages)


def test_starting_the_vote_opens_the_first_ballot_fixes_the_regime_and_tells_the_members(prepared, django_capture_on_commit_callbacks):
    from thidua.core.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        prepared.start(prepared.session)
    prepared.session.refresh_from_db()
    assert prepared.session.status == SessionStatus.VOTING
    assert prepared.session.regime.code == "nd-152-2025"
    assert Ballot.objects.filter(item__session=prepared.session, number=1).count() == 1
    notice = Notification.objects.get(user=prepared.chair)
    assert "1 đề nghị chờ bạn biểu quyết" in notice.text


def test_concluding_is_refused_while_an_open_ballot_has_no_vote_and_names_the_items(prepared):
    council.add_to_agenda(prepared.session, prepared.n2, actor=prepared.office)
    prepared.start(prepared.session)
    item1, item2 = prepared.session.items.order_by("order")
    council.cast_vote(item1, prepared.chair, VoteChoice.AGREE, actor=prepared.chair)
    with pytest.raises(ValidationError) as exc:
        prepared.conclude(prepared.session)
    text = " ".join(exc.value.messages)
    assert prepared.n2.nominee_name in text and prepared.world.people["canbo"].full_name not in text
    prepared.session.refresh_from_db()
    assert prepared.session.status == SessionStatus.VOTING
    prepared.n1.refresh_from_db()
    assert prepared.n1.status == NominationStatus.ON_AGENDA


def test_a_concluded_session_is_final(prepared):
    prepared.start(prepared.session)
    item = prepared.session.items.get()
    for user in prepared.members:
        council.cast_vote(item, user, VoteChoice.AGREE, actor=user)
    prepared.conclude(prepared.session)
    item = AgendaItem.objects.get(pk=item.pk)
    assert item.result == NominationStatus.AGREED_DECISION
    with pytest.raises(ValidationError):
        services.move_session(prepared.session, SessionStatus.VOTING, actor=prepared.office)
    with pytest.raises(ValidationError):
        council.add_to_agenda(prepared.session, prepared.n2, actor=prepared.office)
    member = prepared.session.members.first()
    with pytest.raises(ValidationError) as exc:
        council.set_presence(member, False, actor=prepared.office)
    assert "đã kết thúc" in " ".join(exc.value.messages)


def test_a_new_date_while_preparing_brings_the_members_of_that_date(prepared, world, client):
    late = f.member(prepared.agency, world.office, since=dt.datetime(2026, 3, 1, tzinfo=dt.UTC))
    assert not prepared.session.members.filter(user=late).exists()
    world.login(client, "vanphong")
    url = reverse("awards:session_edit", args=[prepared.session.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, {"agency": prepared.agency.pk, "name": "Phiên họp tháng 3", "held_on": "05/03/2026",
                                 "place": "Phòng họp số 2"})
    assert response.status_code == 302
    prepared.session.refresh_from_db()
    assert (prepared.session.name, prepared.session.held_on) == ("Phiên họp tháng 3", dt.date(2026, 3, 5))
    assert prepared.session.members.filter(user=late).exists()
    prepared.start(prepared.session)
    response = client.post(url, {"agency": prepared.agency.pk, "name": "Đổi tên", "held_on": "05/03/2026"})
    prepared.session.refresh_from_db()
    assert response.status_code == 302 and prepared.session.name == "Phiên họp tháng 3"


def test_only_the_office_edits_a_session(prepared, world, client):
    world.login(client, "hoidong")
    assert client.get(reverse("awards:session_edit", args=[prepared.session.pk])).status_code == 403
    with pytest.raises(ValidationError):
        council.update_session(prepared.session, actor=prepared.chair, name="X", held_on=DAY)


def test_voting_does_not_start_before_the_sessions_day(prepared):
    """A session dated ahead (its members, regime and recusals are those of its day) opens its vote on that day."""
    from django.utils import timezone

    from thidua.core.clock import replay

    ahead = timezone.localdate() + dt.timedelta(days=26)
    session = f.session(prepared.agency, held_on=ahead, nominations=[prepared.n2], actor=prepared.office)
    with pytest.raises(ValidationError) as exc:
        prepared.start(session)
    assert f"Phiên họp ngày {ahead:%d/%m/%Y} chưa đến" in " ".join(exc.value.messages)
    session.refresh_from_db()
    assert session.status == SessionStatus.DRAFT and not Ballot.objects.filter(item__session=session).exists()
    with replay(ahead):
        prepared.start(session)
    session.refresh_from_db()
    assert session.status == SessionStatus.VOTING


def test_concluding_takes_the_vote_notices_off_the_members_new_list(prepared, django_capture_on_commit_callbacks):
    """After the session, no member's home page still says "n đề nghị chờ bạn biểu quyết"."""
    from thidua.core.models import Notification

    with django_capture_on_commit_callbacks(execute=True):
        prepared.start(prepared.session)
    url = reverse("awards:session_vote", args=[prepared.session.pk])
    assert Notification.objects.filter(url=url, read_at__isnull=True).count() == len(prepared.members)
    item = prepared.session.items.get()
    for user in prepared.members:
        council.cast_vote(item, user, VoteChoice.AGREE, actor=user)
    with django_capture_on_commit_callbacks(execute=True):
        prepared.conclude(prepared.session)
    assert Notification.objects.filter(url=url).exists()
    assert not Notification.objects.filter(url=url, read_at__isnull=True).exists()
