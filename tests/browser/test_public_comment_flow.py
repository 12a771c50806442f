"""Public comment in a browser: a visitor without an account comments on a nominee from the window's page, the
Office marks the comment on its triage page; the public page read at 1280 and 390 px does not scroll sideways."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.awards import forwarding, public_comment
from thidua.awards.enums import CommentTriage
from thidua.awards.models import PublicComment
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from ..awards.award_factories import agreed, agreed_round
from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_visitor_comments_and_the_office_triages(world, live_server, page, phone, browser):
    seed_catalog()
    seed_law()
    rnd = agreed_round(world.agency)
    nomination = agreed(rnd, person=world.people["canbo"], form="huan-chuong-lao-dong-hang-ba", upward=True)
    proposal = forwarding.create_proposal(rnd, [nomination], issued_on=dt.date(2026, 2, 2),
                                          actor=world.users["vanphong"])
    window = public_comment.open_window(proposal, days=10, actor=world.users["vanphong"])
    base = live_server.url
    url = base + reverse("awards:public_window", args=[window.pk])
    visitor = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900}).new_page()
    visitor.goto(url)
    assert "Nguyễn Văn An" in visitor.locator("#nominees").inner_text()
    visitor.screenshot(path="/tmp/comment_public_1280.png", full_page=True)
    visitor.get_by_label("Họ và tên (không bắt buộc)").fill("Bế Văn Ba")
    visitor.get_by_label("Nội dung ý kiến").fill("Anh An <b>tận tình</b> giúp xã kết nghĩa.")
    visitor.wait_for_timeout((public_comment.MIN_FILL_SECONDS + 1) * 1000)  # a person takes longer than a robot
    visitor.get_by_role("button", name="Gửi ý kiến").click()
    visitor.wait_for_load_state()
    assert "Cảm ơn bạn đã góp ý" in visitor.content()
    comment = PublicComment.objects.get()
    assert comment.name == "Bế Văn Ba"
    phone.goto(url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path="/tmp/comment_public_390.png", full_page=True)

    login(page, base, "vanphong")
    page.goto(base + reverse("awards:proposal", args=[proposal.pk]))
    page.locator("#comment-triage-link").click()
    card = page.locator(f"#y-kien-{comment.pk}")
    assert "Anh An <b>tận tình</b> giúp xã kết nghĩa." in card.locator(".comment-text").inner_text()
    card.get_by_label("Kết quả xem xét").select_option(CommentTriage.TO_VERIFY)
    card.get_by_label("Ghi chú").fill("Hỏi lại Phòng Quản lý vận tải")
    card.get_by_role("button", name="Ghi").click()
    page.wait_for_load_state()
    assert "Đã ghi kết quả xem xét" in page.content()
    comment.refresh_from_db()
    assert comment.triage == CommentTriage.TO_VERIFY and comment.triage_note == "Hỏi lại Phòng Quản lý vận tải"
