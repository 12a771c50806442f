"""The certificates are reached from the pages a user is on: the decision's page (the Office prints them all) and
the award history's rows (each awardee's certificate)."""

import pytest
from django.urls import reverse

from thidua.awards.models import Award

from .certificate_helpers import signed_decision

pytestmark = pytest.mark.django_db


def test_the_office_prints_from_the_decision_and_a_staff_member_downloads_his_own(world, client):
    decision = signed_decision(world.agency, [world.people["canbo"]])
    award = Award.objects.get(decision=decision)
    world.login(client, "vanphong")
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert reverse("awards:decision_certificates", args=[decision.pk]) in page
    world.login(client, "canbo")
    mine = client.get(reverse("awards:my_awards")).content.decode()
    assert reverse("awards:certificate_pdf", args=[award.pk]) in mine
    assert client.get(reverse("awards:certificate_pdf", args=[award.pk]))["Content-Type"] == "application/pdf"


def test_the_director_sees_no_print_button(world, client):
    decision = signed_decision(world.agency, [world.people["canbo"]])
    world.login(client, "giamdoc")
    page = client.get(reverse("awards:decision", args=[decision.pk])).content.decode()
    assert reverse("awards:decision_certificates", args=[decision.pk]) not in page
