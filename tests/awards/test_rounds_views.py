"""The review rounds' pages: the list, a round's page, creating, editing and moving a round."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from thidua.awards import rounds, services
from thidua.awards.models import ReviewRound

from .round_helpers import launched_movement, yearly_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def movement(world):
    return launched_movement(world.agency)


def opened(review_round):
    return services.move_round(review_round, "open", actor=None)


def names(response) -> list[str]:
    return [r.name for r in response.context["rounds"]]


def test_the_list_shows_the_rounds_of_the_users_agency_newest_first(world, client, movement):
    for year in (2022, 2023, 2024):
        opened(yearly_round(movement, year=year))
    other = launched_movement(world.other_agency, code="y-te")
    opened(yearly_round(other, year=2024))
    world.login(client, "truongphong")
    response = client.get(reverse("awards:rounds"))
    assert names(response) == ["Đợt xét khen thưởng năm 2024", "Đợt xét khen thưởng năm 2023",
                               "Đợt xét khen thưởng năm 2022"]
    assert "10/12/2024" in response.content.decode()


def test_a_draft_round_is_listed_for_the_office_only(world, client, movement):
    yearly_round(movement)
    assert names(world.login(client, "truongphong").get(reverse("awards:rounds"))) == []
    assert names(world.login(client, "vanphong").get(reverse("awards:rounds"))) == ["Đợt xét khen thưởng năm 2024"]


def test_the_list_filters_by_movement_year_and_state(world, client, movement):
    opened(yearly_round(movement, year=2023))
    yearly_round(movement, year=2024)
    second = launched_movement(world.agency, code="thu-hai", start_year=2024, end_year=2024)
    yearly_round(second, year=2024)
    world.login(client, "vanphong")
    url = reverse("awards:rounds")
    assert len(names(client.get(url, {"year": 2024}))) == 2
    assert len(names(client.get(url, {"movement": second.pk}))) == 1
    assert names(client.get(url, {"status": "open"})) == ["Đợt xét khen thưởng năm 2023"]
    assert names(client.get(url, {"year": "abc", "status": "khong-co", "movement": "99999999999999999999"})) != []


def test_the_list_uses_the_same_number_of_queries_for_one_and_many_rounds(world, client, movement,
                                                                         django_assert_num_queries):
    world.login(client, "vanphong")
    url = reverse("awards:rounds")
    opened(yearly_round(movement, year=2021))
    client.get(url)
    with CaptureQueriesContext(connection) as one:
        response = client.get(url)
    assert len(response.context["rounds"]) == 1
    for year in (2022, 2023, 2024, 2025):
        opened(yearly_round(movement, year=year))
    for kind, year in (("midterm", 2023), ("final", 2025)):
        rounds.create_round(movement, actor=None, kind=kind, year=year, submit_by=dt.date(year, 11, 20),
                            check_by=dt.date(year, 11, 30), council_on=dt.date(year, 12, 5))
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get(url)
    assert len(response.context["rounds"]) == 7


def test_a_rounds_page_shows_its_deadlines_forms_and_the_offices_buttons(world, client, movement):
    review_round = yearly_round(movement, forms=[rounds.FormChoice(rounds.RewardForm.objects.get(
        code="lao-dong-tien-tien"), quota=12, unit_quotas={world.transport.pk: 3})])
    page = world.login(client, "vanphong").get(reverse("awards:round", args=[review_round.pk])).content.decode()
    assert "10/12/2024" in page and "15/12/2024" in page and "18/12/2024" in page
    assert "Lao động tiên tiến" in page and "12 (còn 12)" in page
    assert "Phòng Quản lý vận tải, phương tiện và người lái: tối đa 3" in page
    assert 'name="to" value="open"' in page and "Mở đợt xét" in page
    assert "Lịch sử thay đổi" in page


def test_a_unit_head_sees_an_open_round_without_buttons_or_history(world, client, movement):
    review_round = opened(yearly_round(movement))
    page = world.login(client, "truongphong").get(reverse("awards:round", args=[review_round.pk])).content.decode()
    assert "Đang nhận hồ sơ" in page
    assert 'name="to"' not in page and "Lịch sử thay đổi" not in page


def test_a_round_of_another_agency_is_not_found_and_a_visitor_is_sent_to_sign_in(world, client, movement):
    review_round = opened(yearly_round(movement))
    url = reverse("awards:round", args=[review_round.pk])
    assert client.get(url)["Location"].startswith(reverse("login"))
    assert world.login(client, "vanphong_khac").get(url).status_code == 404
    assert world.login(client, "vanphong_khac").get(reverse("awards:round_edit", args=[review_round.pk])
                                                    ).status_code == 404


def test_the_office_creates_a_round_from_a_movement(world, client, movement):
    world.login(client, "vanphong")
    url = reverse("awards:round_new", args=[movement.pk])
    page = client.get(url, {"kind": "yearly"}).content.decode()
    assert "Tập thể lao động xuất sắc" in page and "Lao động tiên tiến" in page
    gk = rounds.RewardForm.objects.get(code="giay-khen-giam-doc-so").pk
    ldtt = rounds.RewardForm.objects.get(code="lao-dong-tien-tien").pk
    response = client.post(url, {
        "kind": "yearly", "year": "2024", "name": "", "submit_by": "10/12/2024", "check_by": "15/12/2024",
        "council_on": "18/12/2024", "remind_days": "3", "note": "",
        f"use_{gk}": "on", f"within_{gk}": "on", f"quota_{gk}": "20", f"uq_{gk}_{world.transport.pk}": "4",
        f"use_{ldtt}": "on", f"within_{ldtt}": "on"})
    review_round = ReviewRound.objects.get()
    assert response["Location"] == reverse("awards:round", args=[review_round.pk])
    assert review_round.created_by == world.users["vanphong"]
    forms = {rf.form_id: rf for rf in review_round.forms.all()}
    assert set(forms) == {gk, ldtt} and forms[gk].quota == 20
    assert forms[gk].unit_quotas.get().quota == 4


def test_a_midterm_round_offers_the_midterm_forms(world, client, movement):
    page = world.login(client, "vanphong").get(reverse("awards:round_new", args=[movement.pk]),
                                               {"kind": "midterm"}).content.decode()
    assert "Huân chương Lao động" in page and "Lao động tiên tiến" not in page


def test_bad_deadlines_are_shown_in_vietnamese_and_nothing_is_created(world, client, movement):
    world.login(client, "vanphong")
    response = client.post(reverse("awards:round_new", args=[movement.pk]), {
        "kind": "yearly", "year": "2024", "submit_by": "10/12/2024", "check_by": "01/12/2024",
        "council_on": "31/02/2024", "remind_days": "3"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hạn Văn phòng kiểm tra (01/12/2024) không được trước hạn đơn vị gửi hồ sơ (10/12/2024)." in page or \
        "Ngày 31/02/2024 không có thật: tháng 2 năm 2024 có 29 ngày." in page
    assert not ReviewRound.objects.exists()
    response = client.post(reverse("awards:round_new", args=[movement.pk]), {
        "kind": "yearly", "year": "2024", "submit_by": "10/12/2024", "check_by": "01/12/2024",
        "council_on": "20/12/2024", "remind_days": "3"})
    assert "Hạn Văn phòng kiểm tra (01/12/2024) không được trước hạn đơn vị gửi hồ sơ (10/12/2024)." in \
        response.content.decode()
    assert not ReviewRound.objects.exists()


def test_a_unit_head_cannot_create_or_edit_a_round(world, client, movement):
    review_round = opened(yearly_round(movement))
    world.login(client, "truongphong")
    assert client.get(reverse("awards:round_new", args=[movement.pk])).status_code == 403
    assert client.get(reverse("awards:round_edit", args=[review_round.pk])).status_code == 403
    assert client.post(reverse("awards:round_move", args=[review_round.pk]), {"to": "closed"}).status_code == 403
    review_round.refresh_from_db()
    assert review_round.status == "open"


def test_the_office_edits_an_open_round(world, client, movement):
    review_round = opened(yearly_round(movement))
    world.login(client, "vanphong")
    url = reverse("awards:round_edit", args=[review_round.pk])
    page = client.get(url).content.decode()
    assert 'value="10/12/2024"' in page
    ldtt = rounds.RewardForm.objects.get(code="lao-dong-tien-tien").pk
    response = client.post(url, {"year": "2024", "name": "Bình xét năm 2024", "submit_by": "12/12/2024",
                                 "check_by": "16/12/2024", "council_on": "19/12/2024", "remind_days": "4",
                                 f"use_{ldtt}": "on", f"within_{ldtt}": "on", f"quota_{ldtt}": "30"})
    assert response.status_code == 302
    review_round.refresh_from_db()
    assert review_round.name == "Bình xét năm 2024" and review_round.submit_by == dt.date(2024, 12, 12)
    assert [(rf.form_id, rf.quota) for rf in review_round.forms.all()] == [(ldtt, 30)]


def test_a_closed_round_sends_its_edit_page_back_with_a_message(world, client, movement):
    review_round = opened(yearly_round(movement))
    services.move_round(review_round, "closed", actor=None)
    world.login(client, "vanphong")
    response = client.get(reverse("awards:round_edit", args=[review_round.pk]), follow=True)
    assert "Đợt xét đã đóng nhận hồ sơ" in response.content.decode()


def test_the_office_opens_a_round_with_its_button(world, client, movement):
    review_round = yearly_round(movement)
    world.login(client, "vanphong")
    response = client.post(reverse("awards:round_move", args=[review_round.pk]), {"to": "open"}, follow=True)
    assert "Đã mở đợt xét; trưởng các đơn vị đã được thông báo." in response.content.decode()
    review_round.refresh_from_db()
    assert review_round.status == "open"
    response = client.post(reverse("awards:round_move", args=[review_round.pk]), {"to": "finished"}, follow=True)
    assert re.search("Không thể chuyển đợt xét từ “Đang nhận hồ sơ” sang “Đã kết thúc”", response.content.decode())
