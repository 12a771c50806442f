"""A nomination's path goes on past the Council's result: a draft decision waits for the Director's signature, a
signed (or published) one ends the path on "Đã khen thưởng — Quyết định số …" with a link to the decision, a
revocation shows; an upward nomination waits for its tờ trình, is sent, and ends on the higher decision (awarded or
not). Nobody "holds" a nomination whose path has ended."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from thidua.awards import decisions, forwarding, revocation, services
from thidua.awards.enums import DecisionStatus, ProposalStatus
from thidua.awards.models import Award, Decision
from thidua.core.clock import replay
from thidua.movements.models import RewardForm

from .award_factories import agreed, agreed_round

pytestmark = pytest.mark.django_db
D = dt.date


def _page(client, nomination) -> tuple[str, str]:
    html = client.get(reverse("awards:nomination", args=[nomination.pk])).content.decode()
    current = html.split('aria-current="step"', 1)[1].split("</li>", 1)[0]
    text = re.sub(r"<[^>]+>", "", html)  # what the user reads
    return text, current


def _outcome(client, nomination) -> str:
    html = client.get(reverse("awards:nomination", args=[nomination.pk])).content.decode()
    return re.sub(r"<[^>]+>", "", html.split('id="nomination-outcome"', 1)[1].split("</span>", 1)[0])


@pytest.fixture
def rnd(world):
    return agreed_round(world.agency, year=2024)


def test_a_decision_nomination_goes_from_waiting_to_awarded_with_a_link(world, rnd, client):
    n = agreed(rnd, person=world.people["canbo"])
    world.login(client, "vanphong")
    html, current = _page(client, n)
    assert "Chờ lập quyết định khen thưởng" in current and "Đang ở: Văn phòng" in html

    decision = decisions.draft_decision(rnd, [n], issued_on=D(2025, 2, 10), actor=world.users["vanphong"])
    html, current = _page(client, n)
    assert f"Dự thảo Quyết định số {decision.number_label} ngày 10/02/2025, chờ ký" in current
    assert "Đang ở: Giám đốc" in html and decision.get_absolute_url() in current

    services.move_decision(decision, DecisionStatus.SIGNED, actor=world.users["giamdoc"])
    html, current = _page(client, n)
    awarded = f"Đã khen thưởng — Quyết định số {decision.number_label} ngày 10/02/2025"
    assert awarded in current and decision.get_absolute_url() in current
    assert "Đang ở:" not in html and awarded in _outcome(client, n)  # under the name, where "Đang ở" was
    # the Council's result is a step behind, done
    assert "✓ Hội đồng thống nhất, trình Giám đốc quyết định" in html

    # the staff member reads his own nomination's outcome, with the signed decision he may read
    world.login(client, "canbo")
    html, current = _page(client, n)
    assert awarded in current

    award = Award.objects.get(nomination=n)
    with replay(D(2026, 12, 3)):
        revocation.revoke(award, decision_number="45/QĐ-SGTVT", decision_date=D(2026, 11, 20),
                          authority="Giám đốc Sở", reason="false_declaration", details="Kê khai không đúng.",
                          actor=world.users["vanphong"])
    world.login(client, "vanphong")
    html, current = _page(client, n)
    assert "Đã thu hồi — Quyết định số 45/QĐ-SGTVT ngày 20/11/2026" in current
    assert "✓ " + awarded in html


def test_a_cancelled_draft_leaves_the_nomination_waiting_again(world, rnd, client):
    n = agreed(rnd, person=world.people["canbo"])
    decision = decisions.draft_decision(rnd, [n], issued_on=D(2025, 2, 10), actor=world.users["vanphong"])
    services.move_decision(decision, DecisionStatus.CANCELLED, actor=world.users["vanphong"], reason="Lập lại")
    world.login(client, "vanphong")
    _html, current = _page(client, n)
    assert "Chờ lập quyết định khen thưởng" in current


def test_an_upward_nomination_ends_on_the_higher_decision(world, rnd, client):
    n = agreed(rnd, person=world.people["canbo"], form="bang-khen-chu-tich-ubnd-tinh", upward=True)
    other = agreed(rnd, person=world.people["canbo2"], form="bang-khen-chu-tich-ubnd-tinh", upward=True)
    world.login(client, "vanphong")
    _html, current = _page(client, n)
    assert "Chờ lập tờ trình đề nghị cấp trên" in current

    proposal = forwarding.create_proposal(rnd, [n, other], actor=world.users["vanphong"], issued_on=D(2025, 2, 1))
    _html, current = _page(client, n)
    assert f"Dự thảo Tờ trình số {proposal.number_label}, chưa gửi" in current

    services.move_proposal(proposal, ProposalStatus.SENT, actor=world.users["vanphong"])
    html, current = _page(client, n)
    assert f"Đã trình cấp trên — Tờ trình số {proposal.number_label} ngày 01/02/2025" in current
    assert "Đang ở: cấp tỉnh" in html and proposal.get_absolute_url() in current

    items = {i.nomination_id: i.pk for i in proposal.items.all()}
    forwarding.record_decision(proposal, number="12/QĐ-UBND", issued_on=D(2025, 3, 1),
                               authority="Chủ tịch UBND tỉnh Cao Bằng",
                               form=RewardForm.objects.get(code="bang-khen-chu-tich-ubnd-tinh"),
                               awarded_ids=[items[n.pk]], actor=world.users["tinh"])
    html, current = _page(client, n)
    assert "Đã khen thưởng — Quyết định số 12/QĐ-UBND ngày 01/03/2025 của Chủ tịch UBND tỉnh Cao Bằng" in current
    assert "Đang ở:" not in html and "12/QĐ-UBND" in _outcome(client, n)
    _html, current = _page(client, other)
    assert "Cấp trên không khen thưởng" in current


def test_the_rounds_list_says_which_were_awarded_in_constant_queries(world, rnd, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = agreed(rnd, person=world.people["canbo"])
    waiting = agreed(rnd, person=world.people["canbo2"])
    decision = decisions.draft_decision(rnd, [first], issued_on=D(2025, 2, 10), actor=world.users["vanphong"])
    world.login(client, "vanphong")
    url = reverse("awards:round_nominations", args=[rnd.pk])
    assert "nomination-outcome" not in client.get(url).content.decode()  # a draft awards nobody yet
    services.move_decision(decision, DecisionStatus.SIGNED, actor=world.users["giamdoc"])
    with CaptureQueriesContext(connection) as few:
        html = client.get(url).content.decode()
    row = html.split(reverse("awards:nomination", args=[first.pk]), 1)[1].split("</tr>", 1)[0]
    assert f"Đã khen thưởng — Quyết định số {decision.number_label} ngày 10/02/2025" in row
    other = html.split(reverse("awards:nomination", args=[waiting.pk]), 1)[1].split("</tr>", 1)[0]
    assert "Đã khen thưởng" not in other
    more = [agreed(rnd, person=world.people[person]) for person in ("planning", "team", "truongphong")]
    decisions.draft_decision(rnd, more, issued_on=D(2025, 2, 11), actor=world.users["vanphong"])
    services.move_decision(Decision.objects.get(issued_on=D(2025, 2, 11)), DecisionStatus.SIGNED,
                           actor=world.users["giamdoc"])
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few)
