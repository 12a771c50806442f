"""The forwarding demo: the past rounds' upward nominations sent to the province, decisions recorded for the older
ones (one returned with its reason first; central forms carried up), the tổng kết 2025 one waiting in the provincial
reviewer's inbox."""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from thidua.awards.demo import load_awards_demo
from thidua.awards.enums import AwardLevel, AwardSource, ProposalStatus
from thidua.awards.models import Award, Proposal
from thidua.movements.demo import CODE, load_movements_demo
from thidua.movements.models import Movement
from thidua.org.demo import AGENCY_NAME, load_demo
from thidua.org.models import OrgUnit

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(out=lambda s: None)
        agency = OrgUnit.objects.get(name=AGENCY_NAME)
        load_movements_demo(agency, out=lambda s: None)
        movement = Movement.objects.get(code=CODE)
        load_awards_demo(agency, movement, out=lambda s: None)
    return agency


def test_the_demo_has_proposals_decided_returned_and_waiting(demo):
    proposals = list(Proposal.objects.filter(agency=demo).order_by("issued_on"))
    assert len(proposals) >= 3
    states = [p.status for p in proposals]
    assert states[-1] == ProposalStatus.SENT and ProposalStatus.DECIDED in states
    awards = Award.objects.filter(source=AwardSource.HIGHER, agency=demo)
    assert awards.filter(level=AwardLevel.PROVINCE).exists()
    assert awards.filter(level=AwardLevel.STATE, form__code="huan-chuong-lao-dong").exists()  # carried up (sơ kết)
    assert all(p.decisions.exists() for p in proposals if p.status == ProposalStatus.DECIDED)
    client = Client()
    client.force_login(get_user_model().objects.get(username="tinh"))
    inbox = client.get(reverse("awards:province_inbox")).content.decode()
    assert proposals[-1].number_label in inbox
    from thidua.core.models import AuditEvent

    assert AuditEvent.objects.filter(target_type="awards.proposal", note__contains="bổ sung biên bản").exists()
    # loading again adds nothing
    load_awards_demo(demo, Movement.objects.get(code=CODE), out=lambda s: None)
    assert Proposal.objects.filter(agency=demo).count() == len(proposals)


def test_the_tong_ket_2025_proposal_was_published_for_public_comment_before_it_was_sent(demo):
    from thidua.awards import public_comment
    from thidua.awards.demo.forwarding import COMMENTS
    from thidua.awards.enums import CommentTriage, CommentWindowStatus

    proposal = Proposal.objects.get(agency=demo, review_round__kind="final", review_round__year=2025)
    assert [i.nomination.form.code for i in proposal.items.all()] == ["huan-chuong-lao-dong-hang-ba"]
    window = public_comment.latest_window(proposal)
    assert window is not None and window.status == CommentWindowStatus.CLOSED
    assert window.days == window.minimum_days == 10
    assert window.opened_on == proposal.issued_on
    assert public_comment.closes_on(window.opened_on, 10) == window.closes_on
    assert timezone.localtime(proposal.sent_at).date() > window.closes_on  # sent only after the window
    comments = list(window.comments.order_by("submitted_at"))
    assert [c.text for c in comments] == [text for _ip, _name, text in COMMENTS]
    assert all(window.opened_on <= timezone.localtime(c.submitted_at).date() <= window.closes_on for c in comments)
    assert [c.triage for c in comments] == [CommentTriage.VERIFIED, CommentTriage.IRRELEVANT, CommentTriage.NEW]
    assert proposal.status == ProposalStatus.DECIDED
    # the public page says the window is over and shows no commenter's name
    page = Client().get(reverse("awards:public_window", args=[window.pk]))
    html = page.content.decode()
    assert page.status_code == 200 and 'id="window-closed"' in html
    assert all(name not in html for _ip, name, _text in COMMENTS if name)
    # the Office reads them, with the verification note
    office = Client()
    office.force_login(get_user_model().objects.get(username="vanphong"))
    triage = office.get(reverse("awards:comment_triage", args=[window.pk])).content.decode()
    assert "Hoàng Văn Pấu" in triage and "đúng như ý kiến phản ánh" in triage
    # the ten working days are counted after the opening day, and the page says so
    assert (f"10 ngày làm việc kể từ ngày mở {window.opened_on:%d/%m/%Y} (không tính ngày mở), "
            f"đến hết ngày {window.closes_on:%d/%m/%Y}") in triage
