"""Public comment's pages (issue 11 §4): the Office opens a window from the proposal's page and triages the comments
of its own agency's windows; a visitor without an account reads a window's nominees (nothing private) and comments;
a closed window takes no comment."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.test import Client
from django.urls import reverse

from thidua.awards import forwarding, public_comment
from thidua.awards.enums import CommentTriage
from thidua.awards.models import CommentWindow, PublicComment
from thidua.core.clock import replay

from .award_factories import agreed, agreed_round

pytestmark = pytest.mark.django_db

HC = "huan-chuong-lao-dong-hang-ba"


@pytest.fixture
def proposal(world):
    person = world.people["canbo"]
    person.phone, person.email, person.birth_date = "0912 345 678", "an.nguyen@example.vn", dt.date(1979, 3, 14)
    person.save(update_fields=["phone", "email", "birth_date"])
    rnd = agreed_round(world.agency)
    nomination = agreed(rnd, person=person, form=HC, upward=True)
    return forwarding.create_proposal(rnd, [nomination], issued_on=dt.date(2026, 2, 2), actor=world.users["vanphong"])


@pytest.fixture
def window(world, proposal):
    return public_comment.open_window(proposal, days=10, actor=world.users["vanphong"])


def _token(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


def _visitor_posts(window, text: str, *, name: str = "") -> tuple[Client, object]:
    """A visitor opens the window's page, waits past the minimum fill time and sends the form."""
    visitor = Client(REMOTE_ADDR="198.51.100.23")
    url = reverse("awards:public_window", args=[window.pk])
    page = visitor.get(url).content.decode()
    nominee = window.nominations.get()
    with replay(dt.datetime.now(dt.UTC) + dt.timedelta(seconds=30)):
        response = visitor.post(url, {"token": _token(page), "website": "", "nominee": str(nominee.pk),
                                      "name": name, "text": text})
    return visitor, response


def test_the_office_is_refused_a_window_below_the_minimum_beside_the_field(world, proposal, client):
    client.force_login(world.users["vanphong"])
    page = client.get(reverse("awards:proposal", args=[proposal.pk])).content.decode()
    assert "Lấy ý kiến nhân dân" in page and 'id="comment-open-form"' in page
    response = client.post(reverse("awards:comment_window_open", args=[proposal.pk]), {"days": "5"})
    page = response.content.decode()
    error = re.search(r'id="days-error">([^<]+)<', page).group(1)
    assert "ít nhất 10 ngày làm việc" in error and "Huân chương Lao động hạng Ba" in error
    assert not CommentWindow.objects.exists()
    response = client.post(reverse("awards:comment_window_open", args=[proposal.pk]), {"days": "10"}, follow=True)
    window = CommentWindow.objects.get()
    page = response.content.decode()
    assert window.closes_on.strftime("%d/%m/%Y") in page
    assert reverse("awards:comment_triage", args=[window.pk]) in page
    assert 'id="comment-open-form"' not in page  # one window at a time


def test_the_public_page_shows_no_private_field_and_is_not_indexed(window):
    page = Client().get(reverse("awards:public_window", args=[window.pk])).content.decode()
    assert "Nguyễn Văn An" in page and "Huân chương Lao động hạng Ba" in page
    assert "Phòng Quản lý vận tải" in page  # the unit
    for private in ("14/03/1979", "1979-03-14", "0912 345 678", "0912345678", "an.nguyen@example.vn"):
        assert private not in page
    assert '<meta name="robots" content="noindex">' in page
    listing = Client().get(reverse("awards:public_windows")).content.decode()
    assert reverse("awards:public_window", args=[window.pk]) in listing
    assert '<meta name="robots" content="noindex">' in listing
    assert reverse("awards:public_windows") in Client().get(reverse("awards:honour_index")).content.decode()


def test_a_visitors_comment_lands_and_the_office_sees_it_escaped_and_triages_it(world, window):
    _visitor, response = _visitor_posts(window, "<b>Không đúng</b> <script>alert(1)</script>", name="Bế Văn Ba")
    assert response.status_code == 302
    comment = PublicComment.objects.get()
    assert comment.text == "<b>Không đúng</b> <script>alert(1)</script>" and comment.name == "Bế Văn Ba"
    office = Client()
    office.force_login(world.users["vanphong"])
    url = reverse("awards:comment_triage", args=[window.pk])
    page = office.get(url).content.decode()
    assert "&lt;b&gt;Không đúng&lt;/b&gt; &lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)" not in page and "Bế Văn Ba" in page
    assert "Nguyễn Văn An" in page
    assert comment.submitted_at.astimezone(dt.timezone(dt.timedelta(hours=7))).strftime("%d/%m/%Y %H:%M") in page
    response = office.post(url, {"comment": comment.pk, "triage": CommentTriage.TO_VERIFY, "note": ""})
    assert "Hãy ghi chú" in response.content.decode()
    comment.refresh_from_db()
    assert comment.triage == CommentTriage.NEW
    office.post(url, {"comment": comment.pk, "triage": CommentTriage.TO_VERIFY, "note": "Hỏi lại phòng"})
    comment.refresh_from_db()
    assert comment.triage == CommentTriage.TO_VERIFY and comment.triage_note == "Hỏi lại phòng"
    # who triaged it, named in Vietnamese order (the person's full name, never Django's "first last")
    user = world.users["vanphong"]
    user.first_name, user.last_name = "Thu", "Hoàng Thị"
    user.save()
    assert "Xem xét lần cuối: Hoàng Thị Thu," in office.get(url).content.decode()


def test_a_refused_comment_says_so_in_vietnamese_and_stores_nothing(window):
    visitor = Client(REMOTE_ADDR="198.51.100.23")
    url = reverse("awards:public_window", args=[window.pk])
    page = visitor.get(url).content.decode()
    response = visitor.post(url, {"token": _token(page), "nominee": str(window.nominations.get().pk),
                                  "text": "Gửi ngay"})  # at once: too fast to be a person
    assert "Không gửi được ý kiến" in response.content.decode()
    _visitor, response = _visitor_posts(window, "a" * 2001)
    assert "quá giới hạn 2.000 ký tự" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_a_closed_window_says_so_and_has_no_form(window):
    url = reverse("awards:public_window", args=[window.pk])
    with replay(window.closes_on + dt.timedelta(days=1)):
        response = Client().get(url)
        page = response.content.decode()
        assert "Đợt lấy ý kiến đã kết thúc" in page
        assert 'id="comment-form"' not in page and 'name="text"' not in page
        assert reverse("awards:public_window", args=[window.pk]) not in Client().get(
            reverse("awards:public_windows")).content.decode()
        response = Client().post(url, {"text": "Muộn"})
        assert "Đợt lấy ý kiến đã kết thúc" in response.content.decode()
    assert not PublicComment.objects.exists()


def test_another_agencys_office_gets_no_triage_page(world, window):
    other = Client()
    other.force_login(world.users["vanphong_khac"])
    assert other.get(reverse("awards:comment_triage", args=[window.pk])).status_code == 404
    assert other.post(reverse("awards:comment_window_open", args=[window.proposal_id]), {"days": "10"}
                      ).status_code == 404
