"""A form sent from an expired page (no valid CSRF token) gets a Vietnamese page that says the form expired and to
reload, with a link back to the page it came from — not Django's English "CSRF verification failed"."""

import pytest
from django.test import Client
from django.urls import reverse

from thidua.awards.models import Nomination

pytestmark = pytest.mark.django_db


def test_an_expired_login_form_gets_the_vietnamese_page(world):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "canbo", "password": "x"})
    assert response.status_code == 403
    text = response.content.decode()
    assert "Trang đã hết hạn: nội dung chưa được gửi" in text and "Hãy tải lại trang" in text
    assert "CSRF verification failed" not in text and "Forbidden" not in text


def test_a_signed_in_form_sent_without_its_token_saves_nothing_and_leads_back(world):
    from tests.awards.factories import make_round, reward_form

    review_round = make_round(world.agency)
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.users["truongphong"])
    url = reverse("awards:nomination_new", args=[review_round.pk])
    response = client.post(url, {"recipient": "individual", "form": reward_form("giay-khen-giam-doc-so").pk,
                                 "person": world.people["canbo"].pk, "achievement": "Thành tích"},
                           HTTP_REFERER=f"http://testserver{url}")
    assert response.status_code == 403 and not Nomination.objects.exists()
    text = response.content.decode()
    assert "chưa ghi nhận gì" in text and f'href="http://testserver{url}"' in text
    # a referer from another site is not offered as the way back
    response = client.post(url, {}, HTTP_REFERER="https://evil.example/form")
    assert "evil.example" not in response.content.decode()
