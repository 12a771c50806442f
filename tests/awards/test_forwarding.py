"""Forwarding to the province and further up (issue 10 §3): the Office's tờ trình of a round's upward nominations,
the provincial reviewer's inbox, accept / return with a reason / send again, the provincial decision recorded as
awards, the central step, and every mistake refused with a Vietnamese message that changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from thidua.awards import forwarding, services
from thidua.awards.enums import AwardLevel, AwardSource, ProposalStatus
from thidua.awards.models import Award, DocumentRegister, HigherDecision, Proposal
from thidua.movements.models import RewardForm
from thidua.org.enums import Role, UnitKind
from thidua.org.models import RoleGrant

from ..factories import UserFactory, make_unit
from .award_factories import agreed, agreed_round

pytestmark = pytest.mark.django_db

DAY = dt.date(2026, 2, 2)  # after the round's Council (25/01/2026)
BK = "bang-khen-chu-tich-ubnd-tinh"
TTG = "bang-khen-thu-tuong"


def form(code: str) -> RewardForm:
    return RewardForm.objects.get(code=code)


@pytest.fixture
def upward(world):
    """A 2025 round with a collective and two individuals agreed for the Chairman's Bằng khen, one for the Prime
    Minister's, and one agreed only for the Director's Giấy khen."""
    rnd = agreed_round(world.agency)
    return {
        "round": rnd,
        "unit": agreed(rnd, unit=world.transport, form=BK, upward=True),
        "canbo": agreed(rnd, person=world.people["canbo"], form=BK, upward=True),
        "truongphong": agreed(rnd, person=world.people["truongphong"], form=BK, upward=True),
        "central": agreed(rnd, person=world.people["planning"], form=TTG, upward=True),
        "own": agreed(rnd, person=world.people["canbo2"]),
    }


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_forms_know_their_level_from_the_catalogue():
    assert form(BK).level == AwardLevel.PROVINCE
    assert form("tap-the-lao-dong-xuat-sac").level == AwardLevel.PROVINCE
    assert form("chien-si-thi-dua-cap-tinh").level == AwardLevel.PROVINCE
    assert form(TTG).level == AwardLevel.STATE
    assert form("huan-chuong-lao-dong").level == AwardLevel.STATE
    assert form("giay-khen-giam-doc-so").level == AwardLevel.AGENCY


def test_the_eligible_nominations_are_the_upward_ones_not_yet_proposed(world, upward):
    rnd = upward["round"]
    eligible = set(forwarding.eligible_nominations(rnd))
    assert eligible == {upward["unit"], upward["canbo"], upward["truongphong"], upward["central"]}
    forwarding.create_proposal(rnd, [upward["unit"]], issued_on=DAY, actor=world.users["vanphong"])
    assert upward["unit"] not in set(forwarding.eligible_nominations(rnd))


def test_the_whole_path_through_the_pages(world, upward):
    rnd = upward["round"]
    office, reviewer = client_for(world.users["vanphong"]), client_for(world.users["tinh"])
    page = office.get(reverse("awards:proposal_new", args=[rnd.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert upward["canbo"].nominee_name in text and upward["own"].nominee_name not in text
    assert 'value="1"' in text  # the next number of the register, prefilled
    ids = [upward["unit"].pk, upward["canbo"].pk, upward["truongphong"].pk]
    response = office.post(reverse("awards:proposal_new", args=[rnd.pk]),
                           {"number": "1", "issued_on": "02/02/2026", "title": "", "nomination": ids})
    proposal = Proposal.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("awards:proposal", args=[proposal.pk])
    assert proposal.number == 1 and proposal.status == ProposalStatus.DRAFT and proposal.items.count() == 3
    assert proposal.number_label.startswith("1/TTr")
    # a draft is the Office's: the province does not see it yet
    assert reviewer.get(reverse("awards:proposal", args=[proposal.pk])).status_code == 404
    office.post(reverse("awards:proposal_move", args=[proposal.pk]), {"to": "sent"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT
    inbox = reviewer.get(reverse("awards:province_inbox")).content.decode()
    assert proposal.number_label in inbox and world.agency.name in inbox
    # returned with a reason: kept and shown to the Office
    reviewer.post(reverse("awards:proposal_move", args=[proposal.pk]), {"to": "returned", "reason": ""})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT  # no reason, nothing changed
    reviewer.post(reverse("awards:proposal_move", args=[proposal.pk]),
                  {"to": "returned", "reason": "Thiếu biên bản họp Hội đồng"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.RETURNED and proposal.return_reason == "Thiếu biên bản họp Hội đồng"
    page = office.get(reverse("awards:proposal", args=[proposal.pk])).content.decode()
    assert "Thiếu biên bản họp Hội đồng" in page
    assert "Thiếu biên bản họp Hội đồng" in office.get(reverse("awards:proposals")).content.decode()
    # sent again, accepted, the provincial decision recorded
    office.post(reverse("awards:proposal_move", args=[proposal.pk]), {"to": "sent"})
    reviewer.post(reverse("awards:proposal_move", args=[proposal.pk]), {"to": "accepted"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.return_reason == ""
    items = {i.nomination_id: i for i in proposal.items.all()}
    page = reviewer.get(reverse("awards:proposal_record", args=[proposal.pk]))
    assert page.status_code == 200 and upward["canbo"].nominee_name in page.content.decode()
    response = reviewer.post(reverse("awards:proposal_record", args=[proposal.pk]), {
        "number": "345/QĐ-UBND", "issued_on": "10/03/2026", "authority": "Chủ tịch UBND tỉnh Cao Bằng",
        "form": form(BK).pk, "awarded": [items[upward["unit"].pk].pk, items[upward["canbo"].pk].pk]})
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED
    awards = Award.objects.filter(higher_decision__proposal=proposal).order_by("name")
    assert {a.nomination_id for a in awards} == {upward["unit"].pk, upward["canbo"].pk}
    for award in awards:
        assert award.level == AwardLevel.PROVINCE and award.source == AwardSource.HIGHER
        assert award.decision_number == "345/QĐ-UBND" and award.decision_date == dt.date(2026, 3, 10)
        assert award.year == 2025 and award.kind == "merit" and award.movement_id == rnd.movement_id
    person_award = awards.get(person=world.people["canbo"])
    assert person_award.unit_name == world.people["canbo"].unit.name
    assert person_award.amount is None or person_award.amount > 0
    items[upward["truongphong"].pk].refresh_from_db()
    assert items[upward["truongphong"].pk].awarded is False
    page = office.get(reverse("awards:proposal", args=[proposal.pk])).content.decode()
    assert "345/QĐ-UBND" in page and "Không được khen thưởng" in page


def test_central_forms_are_forwarded_then_recorded(world, upward):
    rnd = upward["round"]
    proposal = forwarding.create_proposal(rnd, [upward["central"], upward["canbo"]], issued_on=DAY,
                                          actor=world.users["vanphong"])
    assert proposal.level == AwardLevel.STATE
    services.move_proposal(proposal, ProposalStatus.SENT, actor=world.users["vanphong"])
    services.move_proposal(proposal, ProposalStatus.ACCEPTED, actor=world.users["tinh"])
    central = proposal.items.get(nomination=upward["central"])
    # the Prime Minister's form is not the province's to record before it went up
    with pytest.raises(ValidationError, match="chưa được tỉnh trình Trung ương"):
        forwarding.record_decision(proposal, number="1/QĐ-TTg", issued_on=dt.date(2026, 5, 1),
                                   authority="Thủ tướng Chính phủ", form=form(TTG), awarded_ids=[central.pk],
                                   actor=world.users["tinh"])
    # the province decides its own form, and carries the central one up
    provincial = proposal.items.get(nomination=upward["canbo"])
    forwarding.record_decision(proposal, number="20/QĐ-UBND", issued_on=dt.date(2026, 3, 1),
                               authority="Chủ tịch UBND tỉnh", form=form(BK), awarded_ids=[provincial.pk],
                               actor=world.users["tinh"])
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED  # the central item still waits
    services.move_proposal(proposal, ProposalStatus.FORWARDED, actor=world.users["tinh"])
    page = client_for(world.users["tinh"]).get(reverse("awards:province_inbox") + "?status=forwarded")
    assert proposal.number_label in page.content.decode()
    # the decision arrives: recorded by the agency's Office
    forwarding.record_decision(proposal, number="1234/QĐ-TTg", issued_on=dt.date(2026, 6, 1),
                               authority="Thủ tướng Chính phủ", form=form(TTG), awarded_ids=[central.pk],
                               actor=world.users["vanphong"])
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.DECIDED
    award = Award.objects.get(nomination=upward["central"])
    assert award.level == AwardLevel.STATE and award.authority == "Thủ tướng Chính phủ"
    assert Award.objects.get(nomination=upward["canbo"]).level == AwardLevel.PROVINCE


# -- bad input: a clear message, nothing changed ---------------------------------------------------------------------

def _nothing_made():
    assert not Proposal.objects.exists()
    assert not DocumentRegister.objects.filter(doc_type="TTr", last_number__gt=0).exists()


def test_a_nomination_agreed_only_for_the_agency_is_refused(world, upward):
    with pytest.raises(ValidationError) as exc:
        forwarding.create_proposal(upward["round"], [upward["canbo"], upward["own"]], issued_on=DAY,
                                   actor=world.users["vanphong"])
    assert "trình Giám đốc quyết định, không đề nghị cấp trên" in " ".join(exc.value.messages)
    _nothing_made()


def test_a_nomination_not_agreed_is_refused(world, upward):
    rnd = upward["round"]
    refused = agreed(rnd, person=world.people["congdoan"], form=BK, result="not_agreed")
    with pytest.raises(ValidationError, match="chưa được Hội đồng thống nhất đề nghị cấp trên"):
        forwarding.create_proposal(rnd, [refused], issued_on=DAY, actor=world.users["vanphong"])
    _nothing_made()


def test_the_page_shows_the_refusal(world, upward):
    rnd = upward["round"]
    response = client_for(world.users["vanphong"]).post(
        reverse("awards:proposal_new", args=[rnd.pk]),
        {"number": "1", "issued_on": "02/02/2026", "nomination": [upward["own"].pk]})
    assert response.status_code == 200
    assert "không đề nghị cấp trên" in response.content.decode()
    _nothing_made()


def test_a_nomination_already_proposed_and_none_chosen_are_refused(world, upward):
    rnd = upward["round"]
    first = forwarding.create_proposal(rnd, [upward["canbo"]], issued_on=DAY, actor=world.users["vanphong"])
    with pytest.raises(ValidationError, match="đã có trong tờ trình số"):
        forwarding.create_proposal(rnd, [upward["canbo"]], issued_on=DAY, actor=world.users["vanphong"])
    with pytest.raises(ValidationError, match="Hãy chọn ít nhất một đề nghị"):
        forwarding.create_proposal(rnd, [], issued_on=DAY, actor=world.users["vanphong"])
    assert list(Proposal.objects.all()) == [first]


def test_numbers_are_gapless_and_a_duplicate_is_refused(world, upward):
    rnd = upward["round"]
    first = forwarding.create_proposal(rnd, [upward["unit"]], issued_on=DAY, number=1, actor=world.users["vanphong"])
    with pytest.raises(ValidationError) as exc:
        forwarding.create_proposal(rnd, [upward["canbo"]], issued_on=DAY, number=1, actor=world.users["vanphong"])
    assert "đã được cấp cho văn bản khác; số tiếp theo là 2" in " ".join(exc.value.messages)
    with pytest.raises(ValidationError, match="để trống số"):
        forwarding.create_proposal(rnd, [upward["canbo"]], issued_on=DAY, number=5, actor=world.users["vanphong"])
    assert list(Proposal.objects.all()) == [first]
    second = forwarding.create_proposal(rnd, [upward["canbo"]], issued_on=DAY, actor=world.users["vanphong"])
    assert (first.number, second.number) == (1, 2)


def test_a_proposal_dated_before_the_council_is_refused(world, upward):
    with pytest.raises(ValidationError, match="trước phiên họp Hội đồng ngày 25/01/2026"):
        forwarding.create_proposal(upward["round"], [upward["canbo"]], issued_on=dt.date(2026, 1, 20),
                                   actor=world.users["vanphong"])
    _nothing_made()


def _record(proposal, ids, user, **kw):
    values = {"number": "9/QĐ-UBND", "issued_on": dt.date(2026, 3, 1), "authority": "Chủ tịch UBND tỉnh",
              "form": form(BK)} | kw
    return forwarding.record_decision(proposal, awarded_ids=ids, actor=user, **values)


def test_recording_for_something_never_forwarded_is_refused(world, upward):
    rnd = upward["round"]
    proposal = forwarding.create_proposal(rnd, [upward["canbo"]], issued_on=DAY, actor=world.users["vanphong"])
    item = proposal.items.get()
    with pytest.raises(ValidationError, match="chưa được gửi cấp trên"):
        _record(proposal, [item.pk], world.users["vanphong"])  # a draft
    services.move_proposal(proposal, ProposalStatus.SENT, actor=world.users["vanphong"])
    other = forwarding.create_proposal(rnd, [upward["unit"]], issued_on=DAY, actor=world.users["vanphong"])
    with pytest.raises(ValidationError, match="không nằm trong tờ trình"):
        _record(proposal, [other.items.get().pk], world.users["tinh"])  # a nomination not in it
    with pytest.raises(ValidationError, match="thuộc thẩm quyền của cơ quan"):
        _record(proposal, [item.pk], world.users["tinh"], form=form("giay-khen-giam-doc-so"))
    with pytest.raises(ValidationError, match="trước tờ trình ngày 02/02/2026"):
        _record(proposal, [item.pk], world.users["tinh"], issued_on=dt.date(2026, 1, 1))
    assert not HigherDecision.objects.exists() and not Award.objects.exists()
    _record(proposal, [item.pk], world.users["tinh"])
    with pytest.raises(ValidationError, match="đã được ghi nhận"):
        _record(proposal, [item.pk], world.users["tinh"])  # twice
    assert Award.objects.count() == 1 and HigherDecision.objects.count() == 1


def test_recording_twice_an_item_of_a_partly_decided_proposal_is_refused(world, upward):
    proposal = forwarding.create_proposal(upward["round"], [upward["canbo"], upward["central"]], issued_on=DAY,
                                          actor=world.users["vanphong"])
    services.move_proposal(proposal, ProposalStatus.SENT, actor=world.users["vanphong"])
    item = proposal.items.get(nomination=upward["canbo"])
    _record(proposal, [item.pk], world.users["tinh"])
    with pytest.raises(ValidationError, match="Đã ghi nhận quyết định cho"):
        _record(proposal, [item.pk], world.users["tinh"], number="10/QĐ-UBND")
    assert Award.objects.count() == 1


def test_the_record_page_shows_the_mistake(world, upward):
    proposal = forwarding.create_proposal(upward["round"], [upward["canbo"]], issued_on=DAY,
                                          actor=world.users["vanphong"])
    services.move_proposal(proposal, ProposalStatus.SENT, actor=world.users["vanphong"])
    response = client_for(world.users["tinh"]).post(reverse("awards:proposal_record", args=[proposal.pk]), {
        "number": "", "issued_on": "31/02/2026", "authority": "Chủ tịch UBND tỉnh", "form": form(BK).pk})
    assert response.status_code == 200
    assert "Ngày 31/02/2026 không có thật: tháng 2 năm 2026 có 28 ngày." in response.content.decode()
    assert not HigherDecision.objects.exists()


def test_a_returned_proposal_can_drop_a_nomination_for_another_proposal(world, upward):
    rnd = upward["round"]
    proposal = forwarding.create_proposal(rnd, [upward["canbo"], upward["unit"]], issued_on=DAY,
                                          actor=world.users["vanphong"])
    services.move_proposal(proposal, ProposalStatus.SENT, actor=world.users["vanphong"])
    item = proposal.items.get(nomination=upward["unit"])
    with pytest.raises(ValidationError, match="đã gửi cấp trên"):
        forwarding.remove_item(proposal, item.pk, actor=world.users["vanphong"])
    services.move_proposal(proposal, ProposalStatus.RETURNED, actor=world.users["tinh"], reason="Tập thể chưa đủ hồ sơ")
    client_for(world.users["vanphong"]).post(reverse("awards:proposal_item_remove", args=[proposal.pk, item.pk]))
    assert proposal.items.count() == 1
    assert upward["unit"] in set(forwarding.eligible_nominations(rnd))


# -- who sees what ---------------------------------------------------------------------------------------------------

def test_the_reviewer_of_another_province_sees_nothing(world, upward):
    proposal = forwarding.create_proposal(upward["round"], [upward["canbo"]], issued_on=DAY,
                                          actor=world.users["vanphong"])
    services.move_proposal(proposal, ProposalStatus.SENT, actor=world.users["vanphong"])
    province = make_unit("Tỉnh Lạng Sơn", UnitKind.PROVINCE)
    stranger = UserFactory(username="tinh-khac")
    RoleGrant.objects.create(user=stranger, unit=province, role=Role.PROVINCIAL_REVIEWER)
    client = client_for(stranger)
    assert proposal.number_label not in client.get(reverse("awards:province_inbox")).content.decode()
    for name in ("awards:proposal", "awards:proposal_record", "awards:proposal_zip"):
        assert client.get(reverse(name, args=[proposal.pk])).status_code == 404, name
    client.post(reverse("awards:proposal_move", args=[proposal.pk]), {"to": "accepted"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SENT
    with pytest.raises(ValidationError):
        services.move_proposal(proposal, ProposalStatus.ACCEPTED, actor=stranger)


def test_a_unit_head_and_a_staff_member_cannot_see_proposals(world, upward):
    proposal = forwarding.create_proposal(upward["round"], [upward["canbo"]], issued_on=DAY,
                                          actor=world.users["vanphong"])
    for role in ("truongphong", "canbo"):
        client = client_for(world.users[role])
        assert client.get(reverse("awards:proposals")).status_code == 403
        assert client.get(reverse("awards:proposal", args=[proposal.pk])).status_code == 403
        assert client.get(reverse("awards:proposal_zip", args=[proposal.pk])).status_code == 403


def test_the_nav_links_the_pages(world):
    office = client_for(world.users["vanphong"]).get(reverse("awards:rounds")).content.decode()
    assert reverse("awards:proposals") in office and "Đề nghị cấp trên" in office
    reviewer = client_for(world.users["tinh"]).get(reverse("awards:rounds")).content.decode()
    assert reverse("awards:province_inbox") in reviewer and "Hồ sơ đề nghị của các cơ quan" in reviewer


def _accepted(world, upward):
    """canbo's nomination sent up alone and accepted by the provincial reviewer: (the proposal, its item)."""
    proposal = forwarding.create_proposal(upward["round"], [upward["canbo"]], issued_on=DAY,
                                          actor=world.users["vanphong"])
    services.move_proposal(proposal, ProposalStatus.SENT, actor=world.users["vanphong"])
    services.move_proposal(proposal, ProposalStatus.ACCEPTED, actor=world.users["tinh"])
    return proposal, proposal.items.get(nomination=upward["canbo"])


def test_a_higher_decision_cannot_be_dated_after_today(world, upward):
    from django.utils import timezone

    proposal, item = _accepted(world, upward)
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as exc:
        forwarding.record_decision(proposal, number="20/QĐ-UBND", issued_on=tomorrow, authority="Chủ tịch UBND tỉnh",
                                   form=form(BK), awarded_ids=[item.pk], actor=world.users["tinh"])
    assert f"Quyết định không thể đề ngày {tomorrow:%d/%m/%Y}, sau ngày hôm nay" in " ".join(exc.value.messages)
    assert not HigherDecision.objects.exists()


def test_the_scan_is_checked_beside_its_field_and_downloaded_from_the_proposal_page(world, upward):
    import re

    from django.core.files.uploadedfile import SimpleUploadedFile

    proposal, item = _accepted(world, upward)
    tinh = client_for(world.users["tinh"])
    url = reverse("awards:proposal_record", args=[proposal.pk])
    data = {"number": "345/QĐ-UBND", "issued_on": "10/03/2026", "authority": "Chủ tịch UBND tỉnh",
            "form": form(BK).pk, "awarded": [item.pk]}
    response = tinh.post(url, {**data, "scan": SimpleUploadedFile("qd.txt", b"not a scan", "text/plain")})
    html = response.content.decode()
    assert response.status_code == 200 and not HigherDecision.objects.exists()
    # the message stands right after the scan's own input, not only at the top
    assert re.search(r'name="scan"[^>]*>(?:(?!<input).)*không phải ảnh \(JPEG, PNG, WebP\) hay PDF thật', html, re.S)
    from ..participation.helpers import pdf_bytes

    pdf = pdf_bytes()
    response = tinh.post(url, {**data, "scan": SimpleUploadedFile("qd-345.pdf", pdf, "application/pdf")})
    assert response.status_code == 302
    higher = HigherDecision.objects.get()
    link = reverse("awards:proposal_scan", args=[proposal.pk, higher.pk])
    office = client_for(world.users["vanphong"])
    page = office.get(reverse("awards:proposal", args=[proposal.pk])).content.decode()
    assert f'href="{link}">Tải bản quét</a>' in page
    download = office.get(link)
    assert download.status_code == 200 and b"".join(download.streaming_content) == pdf
    other = client_for(world.users["vanphong_khac"])
    assert other.get(link).status_code == 404
    assert office.get(reverse("awards:proposal_scan", args=[proposal.pk, higher.pk + 1])).status_code == 404
