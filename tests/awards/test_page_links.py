"""The links between the commendation pages a user follows: a round's page leads to its nominations, the
consolidated list and each unit's review meetings and evaluation; a nomination's page to the nominee's
self-assessment; its history names the people in Vietnamese order."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from thidua.awards.models import NominationStep

from .factories import make_nomination, make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def review_round(world):
    return make_round(world.agency)


def links(response) -> str:
    return response.content.decode()


def test_a_unit_heads_round_page_leads_to_his_nominations_the_list_and_his_units_meetings_and_evaluation(
        world, client, review_round):
    world.login(client, "truongphong")
    page = links(client.get(reverse("awards:round", args=[review_round.pk])))
    assert reverse("awards:round_nominations", args=[review_round.pk]) in page
    assert reverse("awards:consolidated", args=[review_round.pk]) in page
    for name in ("meetings", "evaluation"):
        assert reverse(f"awards:{name}", args=[review_round.pk, world.transport.pk]) in page
        assert reverse(f"awards:{name}", args=[review_round.pk, world.planning.pk]) not in page
        response = client.get(reverse(f"awards:{name}", args=[review_round.pk, world.transport.pk]))
        assert f'href="{reverse("awards:round", args=[review_round.pk])}"' in links(response)  # and back


def test_the_offices_round_page_lists_the_units_that_propose_in_the_round(world, client, review_round):
    make_nomination(review_round, person=world.people["planning"])
    world.login(client, "vanphong")
    page = links(client.get(reverse("awards:round", args=[review_round.pk])))
    assert reverse("awards:meetings", args=[review_round.pk, world.planning.pk]) in page
    assert reverse("awards:meetings", args=[review_round.pk, world.transport.pk]) not in page
    assert reverse("awards:round_nominations", args=[review_round.pk]) in page


def test_a_staff_member_sees_the_round_without_links_he_could_not_open(world, client, review_round):
    world.login(client, "canbo")
    response = client.get(reverse("awards:round", args=[review_round.pk]))
    assert response.status_code == 200
    page = links(response)
    assert 'id="round-links"' not in page
    assert reverse("awards:round_nominations", args=[review_round.pk]) not in page


def test_the_nominee_is_led_from_his_nomination_to_write_his_self_assessment(world, client, review_round):
    n = make_nomination(review_round, person=world.people["canbo"])
    world.login(client, "canbo")
    page = links(client.get(reverse("awards:nomination", args=[n.pk])))
    assert reverse("awards:self_assessment", args=[n.pk]) in page
    assert "Viết bản tự nhận xét, đánh giá của tôi" in page

    client.logout()
    world.login(client, "truongphong")
    page = links(client.get(reverse("awards:nomination", args=[n.pk])))
    assert reverse("awards:self_assessment", args=[n.pk]) in page
    assert "Bản tự nhận xét, đánh giá của người được đề nghị" in page and "chưa viết" in page


def test_a_collective_nomination_has_no_self_assessment_link(world, client, review_round):
    n = make_nomination(review_round, unit=world.transport)
    world.login(client, "truongphong")
    assert reverse("awards:self_assessment", args=[n.pk]) not in links(
        client.get(reverse("awards:nomination", args=[n.pk])))


def test_the_history_names_the_actor_family_name_first(world, client, review_round):
    user = world.users["truongphong"]
    user.first_name, user.last_name = "Quang", "Đàm Văn"
    user.save(update_fields=["first_name", "last_name"])
    n = make_nomination(review_round, person=world.people["canbo"], creator=user)
    NominationStep.objects.create(nomination=n, source="draft", target="submitted", actor=user, at=timezone.now())
    world.login(client, "vanphong")
    history = links(client.get(reverse("awards:nomination", args=[n.pk]))).split('id="nomination-history"')[1]
    assert "Đàm Văn Quang" in history and "Quang Đàm Văn" not in history


def test_a_nominee_is_led_back_to_the_round_not_to_the_unit_heads_list(world, client, review_round):
    n = make_nomination(review_round, person=world.people["canbo"], status="submitted")
    world.login(client, "canbo")
    page = links(client.get(reverse("awards:nomination", args=[n.pk])))
    assert reverse("awards:round_nominations", args=[review_round.pk]) not in page
    assert f'href="{reverse("awards:round", args=[review_round.pk])}"' in page
    assert "Bản tự nhận xét, đánh giá của tôi" in page  # sent: his to read, no longer to write
    assert client.get(reverse("awards:round", args=[review_round.pk])).status_code == 200

    client.logout()
    world.login(client, "truongphong")
    assert reverse("awards:round_nominations", args=[review_round.pk]) in links(
        client.get(reverse("awards:nomination", args=[n.pk])))


def test_the_inbox_flags_a_dossier_left_unchecked_past_the_offices_deadline(world, client):
    import datetime as dt

    late = make_round(world.agency, code="pt-tre")
    late.check_by = timezone.localdate() - dt.timedelta(days=1)
    late.save(update_fields=["check_by"])
    on_time = make_round(world.agency, code="pt-dung-han")
    overdue = make_nomination(late, person=world.people["canbo"], status="submitted")
    checked = make_nomination(late, person=world.people["canbo2"], status="accepted")
    waiting = make_nomination(on_time, person=world.people["planning"], status="submitted")
    world.login(client, "vanphong")
    rows = {n.pk: n.check_overdue for n in client.get(reverse("awards:inbox")).context["rows"]}
    assert rows == {overdue.pk: True, checked.pk: False, waiting.pk: False}
    assert links(client.get(reverse("awards:inbox"))).count("quá hạn kiểm tra") == 1
