"""The union officer (Công đoàn, Đoàn Thanh niên) reads the agency's shared records, but not its personnel side:
no discipline or inquiry of others, no other unit's nominations, no Council session; the Council's chair, the
leaders and the Office keep reading them (awards/scoping.py)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from thidua.awards import scoping
from thidua.awards.enums import NominationStatus
from thidua.awards.models import CouncilSession, Discipline, Initiative, Rating

from .factories import make_nomination, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def records(world):
    canbo = world.people["canbo"]
    Discipline.objects.create(person=canbo, form="reprimand", decision_number="12/QĐ-SGTVT",
                              decision_date=dt.date(2024, 3, 1), start_date=dt.date(2024, 3, 1),
                              reason="Vi phạm quy chế làm việc")
    Rating.objects.create(person=canbo, year=2024, grade="done")
    review_round = make_round(world.agency)
    theirs = make_nomination(review_round, person=canbo, status=NominationStatus.ACCEPTED)
    union_own = make_nomination(review_round, unit=world.union, form_code="tap-the-lao-dong-tien-tien",
                                status=NominationStatus.ACCEPTED)
    session = CouncilSession.objects.create(agency=world.agency, name="Phiên họp tháng 12", held_on=dt.date(2024, 12, 28))
    return {"round": review_round, "theirs": theirs, "union": union_own, "session": session}


def fresh(user):
    user._thidua_scope = None
    return user


def test_the_union_officer_does_not_read_discipline_ratings_or_other_units_nominations(world, records):
    officer = fresh(world.users["congdoan"])
    assert not scoping.visible_person_records(officer, Discipline).exists()
    assert not scoping.visible_ratings(officer).exists()
    assert list(scoping.visible_nominations(officer)) == [records["union"]]  # his unit's only
    assert not scoping.visible_sessions(officer).exists()


def test_the_council_chair_the_director_and_the_office_still_read_them(world, records):
    for username in ("hoidong", "giamdoc", "vanphong"):
        user = fresh(world.users[username])
        assert scoping.visible_person_records(user, Discipline).count() == 1, username
        assert scoping.visible_ratings(user).count() == 1, username
        assert set(scoping.visible_nominations(user)) == {records["theirs"], records["union"]}, username
        assert scoping.visible_sessions(user).count() == 1, username


def test_the_union_officer_sees_no_discipline_on_a_persons_page_the_chair_does(world, records, client):
    url = reverse("org:person", args=[world.people["canbo"].pk])
    world.login(client, "congdoan")
    page = client.get(url)
    assert page.status_code == 200 and "12/QĐ-SGTVT" not in page.content.decode()
    world.login(client, "hoidong")
    assert "12/QĐ-SGTVT" in client.get(url).content.decode()


def test_the_union_officer_gets_404_on_another_units_nomination_and_its_list_leaves_it_out(world, records, client):
    world.login(client, "congdoan")
    assert client.get(reverse("awards:nomination", args=[records["theirs"].pk])).status_code == 404
    assert client.get(reverse("awards:nomination", args=[records["union"].pk])).status_code == 200
    listing = client.get(reverse("awards:consolidated", args=[records["round"].pk]))
    text = listing.content.decode()
    assert listing.status_code == 200 and "Công đoàn cơ sở Sở GTVT" in text and "Nguyễn Văn An" not in text
    assert client.get(reverse("awards:session", args=[records["session"].pk])).status_code == 404
    world.login(client, "hoidong")
    assert client.get(reverse("awards:nomination", args=[records["theirs"].pk])).status_code == 200
    assert "Nguyễn Văn An" in client.get(reverse("awards:consolidated", args=[records["round"].pk])).content.decode()


def test_initiatives_stay_readable_by_the_agencys_readers(world, records):
    Initiative.objects.create(person=world.people["canbo"], kind="initiative", title="Cải tiến sát hạch",
                              level="base", year=2024, decision_number="5/QĐ", decision_date=dt.date(2024, 5, 1))
    assert scoping.visible_person_records(fresh(world.users["congdoan"]), Initiative).count() == 1
