"""Every home page shows the role's to-do (issue 9 §9), and the "Khen thưởng" menu leads each role to its pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from thidua.awards.models import AgendaItem, Ballot, CouncilSession, Recusal, SessionMember, Vote
from thidua.org.scoping import get_scope
from thidua.site.context_processors import awards_nav
from thidua.site.todos import council_todos, director_todos, office_todos, unit_head_todos

from ..factories import PersonFactory, make_nomination, make_review_round


def fresh(user):
    user._thidua_scope = None
    return user, get_scope(user)


def texts(todos) -> list[str]:
    return [f"{t.text} | {t.detail}" if t.detail else t.text for t in todos]


@pytest.fixture
def open_round(world):
    today = timezone.localdate()
    review_round = make_review_round(world.agency, year=today.year)
    review_round.submit_by = today + dt.timedelta(days=10)
    review_round.save(update_fields=["submit_by"])
    return review_round


@pytest.mark.django_db
def test_the_unit_head_sees_each_open_round_with_its_deadline_and_his_units_drafts_and_returned(world, open_round):
    make_review_round(world.agency, year=2023, status="draft", code="nhap")  # not open: not his to-do
    make_nomination(open_round, person=world.people["canbo"], status="draft")
    make_nomination(open_round, person=world.people["team"], status="draft")
    make_nomination(open_round, person=world.people["canbo2"], status="returned")
    make_nomination(open_round, person=PersonFactory(unit=world.transport), status="submitted")
    make_nomination(open_round, person=world.people["planning"], status="draft")  # another division's
    todos = unit_head_todos(*fresh(world.users["truongphong"]))
    deadline = open_round.submit_by.strftime("%d/%m/%Y")
    assert texts(todos) == [f"Gửi hồ sơ đề nghị: {open_round.name} | hạn gửi {deadline} (còn 10 ngày); "
                            "2 đề nghị đang soạn; 1 đề nghị bị trả lại cần sửa"]
    assert todos[0].count == 3 and todos[0].urgent
    assert todos[0].url == reverse("awards:round_nominations", args=[open_round.pk])
    assert unit_head_todos(*fresh(world.users["canbo"])) == []  # a staff member heads nothing


@pytest.mark.django_db
def test_the_office_sees_the_dossiers_to_check_with_the_oldest_and_the_rounds_to_open_or_close(world, open_round):
    late = make_review_round(world.agency, year=2023, code="muon")
    late.submit_by = timezone.localdate() - dt.timedelta(days=1)
    late.save(update_fields=["submit_by"])
    make_review_round(world.agency, year=2025, status="draft", code="du-thao")
    make_review_round(world.other_agency, status="draft")  # another agency's Office
    first = make_nomination(open_round, person=world.people["canbo"], status="submitted")
    make_nomination(open_round, person=world.people["planning"], status="submitted")
    make_nomination(open_round, person=world.people["team"], status="accepted")
    first.submitted_at = timezone.make_aware(dt.datetime(2024, 12, 1, 9))
    first.save(update_fields=["submitted_at"])
    todos = office_todos(*fresh(world.users["vanphong"]))
    assert texts(todos) == ["2 hồ sơ chờ kiểm tra | hồ sơ gửi sớm nhất ngày 01/12/2024",
                            "1 đợt xét dự thảo chờ mở", "1 đợt xét đã quá hạn gửi, chờ đóng nhận hồ sơ"]
    assert todos[0].url == reverse("awards:inbox") and todos[0].urgent
    assert office_todos(*fresh(world.users["truongphong"])) == []


def voting_session(world, review_round, *, members=("hoidong", "giamdoc")) -> CouncilSession:
    session = CouncilSession.objects.create(agency=world.agency, name="Phiên họp Hội đồng tháng 12",
                                            held_on=dt.date(2024, 12, 28), status="voting")
    for username in members:
        SessionMember.objects.create(session=session, user=world.users[username], role="council_member")
    return session


def item_with_ballot(session, nomination, order: int, *, closed: bool = False) -> Ballot:
    item = AgendaItem.objects.create(session=session, nomination=nomination, order=order)
    return Ballot.objects.create(item=item, closed_at=timezone.now() if closed else None)


@pytest.mark.django_db
def test_a_council_member_sees_the_items_he_has_not_voted_on_and_is_not_recused_from(world, open_round):
    session = voting_session(world, open_round)
    member = SessionMember.objects.get(session=session, user=world.users["hoidong"])
    people = [PersonFactory(unit=world.transport) for _ in range(5)]
    ballots = [item_with_ballot(session, make_nomination(open_round, person=p, status="on_agenda"), i)
               for i, p in enumerate(people)]
    Vote.objects.create(ballot=ballots[0], member=member, choice="agree", recorded_by=world.users["hoidong"])
    Recusal.objects.create(item=ballots[1].item, member=member, reason="Cùng đơn vị với người được đề nghị")
    # a re-vote: the first ballot is closed, the second open and not voted yet
    ballots[2].closed_at = timezone.now()
    ballots[2].save(update_fields=["closed_at"])
    Ballot.objects.create(item=ballots[2].item, number=2, reason="Biểu quyết lại")
    other = voting_session(world, open_round, members=("giamdoc",))  # he does not sit on this one
    item_with_ballot(other, make_nomination(open_round, person=PersonFactory(unit=world.transport),
                                            status="on_agenda"), 0)
    todos = council_todos(*fresh(world.users["hoidong"]))
    assert texts(todos) == ["3 đề nghị chờ bạn biểu quyết | Phiên họp Hội đồng tháng 12 (28/12/2024)"]
    assert todos[0].url == reverse("awards:session_vote", args=[session.pk])
    # another member who voted on nothing: the five open ballots of the first session, one of the other
    assert [t.count for t in council_todos(*fresh(world.users["giamdoc"]))] == [5, 1]
    CouncilSession.objects.filter(pk=session.pk).update(status="concluded")  # asks nothing more
    assert council_todos(*fresh(world.users["hoidong"])) == []


@pytest.mark.django_db
def test_the_director_sees_what_the_council_agreed_for_his_decision(world, open_round):
    for person in (world.people["canbo"], world.people["planning"]):
        make_nomination(open_round, person=person, status="agreed_decision")
    make_nomination(open_round, person=world.people["team"], status="agreed_province")
    make_nomination(make_review_round(world.other_agency), person=world.people["other"], status="agreed_decision")
    todos = director_todos(*fresh(world.users["giamdoc"]))
    assert texts(todos) == [f"2 đề nghị Hội đồng thống nhất, chờ Giám đốc quyết định | {open_round.name}"]
    assert todos[0].url == reverse("awards:consolidated", args=[open_round.pk]) + "?state=decision"
    assert director_todos(*fresh(world.users["vanphong"])) == []


@pytest.mark.django_db
def test_the_home_page_shows_the_to_do(world, open_round, client):
    make_nomination(open_round, person=world.people["canbo"], status="submitted")
    world.login(client, "vanphong")
    html = client.get(reverse("home")).content.decode()
    assert 'id="todos"' in html and "1 hồ sơ chờ kiểm tra" in html
    world.login(client, "canbo")
    assert 'id="todos"' not in client.get(reverse("home")).content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["vanphong", "truongphong", "hoidong", "giamdoc"])
def test_the_home_page_counts_in_as_many_queries_for_one_item_as_for_many(world, open_round, client, role):
    def add(n: int):
        session = voting_session(world, open_round)
        for i in range(n):
            for status in ("draft", "returned", "submitted", "agreed_decision"):
                make_nomination(open_round, person=PersonFactory(unit=world.transport), status=status)
            item_with_ballot(session, make_nomination(open_round, person=PersonFactory(unit=world.transport),
                                                      status="on_agenda"), i)
            round_n = make_review_round(world.agency, year=2000 + i, status="draft", code=f"du-thao-{n}-{i}")
            make_nomination(round_n, person=world.people["canbo"], status="agreed_decision")

    add(1)
    world.login(client, role)
    client.get(reverse("home"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("home"))
    add(6)
    with CaptureQueriesContext(connection) as many:
        html = client.get(reverse("home")).content.decode()
    assert len(many) == len(few), [q["sql"] for q in many]
    assert 'id="todos"' in html


@pytest.mark.django_db
def test_the_awards_menu_lists_each_roles_pages(world):
    def menu(role):
        return [name for name, _label in awards_nav(fresh(world.users[role])[1])]

    office = ["awards:rounds", "awards:inbox", "awards:sessions", "awards:decisions", "awards:ratings", "awards:law",
              "awards:proposals", "awards:bonus_lookup", "awards:signing"]
    assert menu("admin") == [*office, "awards:province_inbox", "awards:history"]
    assert menu("vanphong") == [*office, "awards:history", "awards:my_awards"]
    assert menu("hoidong") == ["awards:rounds", "awards:sessions", "awards:history", "awards:my_awards"]
    assert menu("giamdoc") == ["awards:rounds", "awards:sessions", "awards:decisions", "awards:history",
                               "awards:my_awards"]
    assert menu("truongphong") == ["awards:rounds", "awards:ratings", "awards:history", "awards:my_awards"]
    assert menu("canbo") == ["awards:rounds", "awards:my_awards"]
    assert menu("tinh") == ["awards:rounds", "awards:province_inbox", "awards:history", "awards:my_awards"]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["admin", "vanphong", "hoidong", "giamdoc", "truongphong", "canbo"])
def test_every_link_of_the_awards_menu_opens_for_its_role(world, client, role):
    names = [name for name, _label in awards_nav(fresh(world.users[role])[1])]
    world.login(client, role)
    html = client.get(reverse("home")).content.decode()
    assert 'id="awards-menu"' in html
    for name in names:
        assert f'href="{reverse(name)}"' in html
        assert client.get(reverse(name)).status_code == 200, name


@pytest.mark.django_db
def test_home_notices_are_newest_first_by_when_they_happened(world, client):
    """A notice written later about an earlier event (the demo replays past years) comes after the newer ones."""
    from thidua.core.models import Notification

    user = world.users["vanphong"]
    Notification.objects.create(user=user, text="Sự việc ngày 05/03/2025",
                                created_at=timezone.make_aware(dt.datetime(2025, 3, 5, 9)))
    Notification.objects.create(user=user, text="Sự việc ngày 01/02/2024",
                                created_at=timezone.make_aware(dt.datetime(2024, 2, 1, 9)))
    Notification.objects.create(user=user, text="Sự việc ngày 10/12/2025",
                                created_at=timezone.make_aware(dt.datetime(2025, 12, 10, 9)))
    world.login(client, "vanphong")
    page = client.get(reverse("home")).content.decode()
    notices = page.split('id="notices"', 1)[1].split("</ul>", 1)[0]
    order = [notices.index(day) for day in ("10/12/2025", "05/03/2025", "01/02/2024")]
    assert order == sorted(order)
