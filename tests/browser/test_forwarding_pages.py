"""The forwarding pages in a browser: the Office sends a tờ trình from its page (the confirm dialog accepted), the
provincial reviewer returns it with a reason typed in the box; at 390 px the proposal page and the inbox do not
scroll sideways."""

import datetime as dt

import pytest
from django.urls import reverse

from thidua.awards import forwarding
from thidua.awards.enums import ProposalStatus
from thidua.awards.seed import seed_law
from thidua.movements.catalog import seed_catalog

from ..awards.award_factories import agreed, agreed_round
from .helpers import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def phone(browser):
    context = browser.new_context(locale="vi-VN", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def test_send_return_and_read_on_a_phone(world, live_server, page, phone):
    seed_catalog()
    seed_law()
    rnd = agreed_round(world.agency)
    nominations = [agreed(rnd, person=world.people["canbo"], form="bang-khen-chu-tich-ubnd-tinh", upward=True),
                   agreed(rnd, unit=world.transport, form="bang-khen-chu-tich-ubnd-tinh", upward=True)]
    proposal = forwarding.create_proposal(rnd, nominations, issued_on=dt.date(2026, 2, 2),
                                          actor=world.users["vanphong"])
    base = live_server.url
    url = base + reverse("awards:proposal", args=[proposal.pk])
    login(page, base, "vanphong")
    page.goto(url)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Gửi cấp trên").click()
    page.wait_for_load_state()
    assert "Đã gửi cấp trên" in page.locator("#proposal-status").inner_text()
    page.screenshot(path="/tmp/fw_proposal_1280.png", full_page=True)
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT
    login(phone, base, "tinh")
    phone.goto(base + reverse("awards:province_inbox"))
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.screenshot(path="/tmp/fw_inbox_390.png", full_page=True)
    phone.goto(url)
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390
    phone.get_by_placeholder("Lý do trả lại (bắt buộc)").fill("Thiếu báo cáo thành tích của tập thể")
    phone.get_by_role("button", name="Trả lại").click()
    phone.wait_for_load_state()
    assert "Thiếu báo cáo thành tích của tập thể" in phone.locator("#return-reason").inner_text()
    phone.screenshot(path="/tmp/fw_proposal_390.png", full_page=True)
