"""The campaign's workflow is one table (`CAMPAIGN_FLOW`): the page draws its close/reopen buttons from it, and
`move_campaign` takes only its edges, by the roles each edge names. A campaign joins only a launched movement."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tests.conftest import ROLE_USERS
from thidua.core.models import AuditEvent
from thidua.fund import services
from thidua.fund.enums import CAMPAIGN_EDGES, CAMPAIGN_FLOW, CampaignStatus, EntryKind
from thidua.fund.models import Campaign
from thidua.movements import services as movement_services
from thidua.movements.enums import MovementKind, MovementStatus
from thidua.movements.models import Movement

from .conftest import END, START

#: who sees which button on the campaign's page
CLOSERS = {"admin", "vanphong", "congdoan"}  # those who manage the agency's campaigns
REOPENERS = {"admin", "vanphong"}  # the Office (and the administrator) only


def messages_of(exc) -> str:
    return " ".join(exc.value.messages)


def state(campaign):
    return Campaign.objects.get(pk=campaign.pk).status, AuditEvent.objects.filter(
        target_type="fund.campaign", target_id=str(campaign.pk)).count()


def move_links(client, campaign) -> set[str] | None:
    """The `?to=` targets of the page's links to the confirmation page; None when the page is not shown."""
    response = client.get(reverse("fund:detail", args=[campaign.pk]))
    if response.status_code != 200:
        return None
    move_url = reverse("fund:move", args=[campaign.pk])
    return set(re.findall(re.escape(move_url) + r"\?to=(\w+)", response.content.decode()))


def test_the_table_is_the_two_edges_and_the_old_dict_is_read_from_it():
    assert CAMPAIGN_EDGES == {CampaignStatus.OPEN: {CampaignStatus.CLOSED}, CampaignStatus.CLOSED: {CampaignStatus.OPEN}}
    assert CAMPAIGN_FLOW.edges[("closed", "open")].needs_reason
    assert not CAMPAIGN_FLOW.edges[("open", "closed")].needs_reason


@pytest.mark.parametrize("role", ROLE_USERS)
def test_the_page_shows_exactly_the_buttons_the_table_allows(world, client, campaign, give, role):
    give("canbo", 500_000)
    world.login(client, role)
    user = world.users[role]
    shown = move_links(client, campaign)
    if shown is None:  # another agency's Office does not see the campaign at all
        assert role == "vanphong_khac"
        return
    assert shown == {e.target for e in CAMPAIGN_FLOW.buttons(campaign, user)}
    assert shown == ({"closed"} if role in CLOSERS else set())

    services.move_campaign(campaign, "closed", actor=world.users["congdoan"])
    campaign.refresh_from_db()
    shown = move_links(client, campaign)
    assert shown == {e.target for e in CAMPAIGN_FLOW.buttons(campaign, user)}
    assert shown == ({"open"} if role in REOPENERS else set())


def test_the_union_officer_sees_no_reopen_button_but_why(world, client, campaign, give):
    give("canbo", 500_000)
    services.move_campaign(campaign, "closed", actor=world.users["congdoan"])
    world.login(client, "congdoan")
    page = client.get(reverse("fund:detail", args=[campaign.pk])).content.decode()
    assert move_links(client, campaign) == set()
    assert "Mở lại sổ" not in page and "Chỉ Văn phòng" in page
    # the confirmation page is not shown to him either
    response = client.get(reverse("fund:move", args=[campaign.pk]) + "?to=open", follow=True)
    assert "Xác nhận mở lại sổ" not in response.content.decode()
    assert "Chỉ Văn phòng" in response.content.decode()


def test_no_reopen_button_once_the_money_was_handed_over_even_for_the_office(world, client, campaign, give):
    give("canbo", 500_000)
    services.record_outflow(campaign, EntryKind.HANDOVER, actor=None, amount=500_000, entry_date=END,
                            description="Bàn giao Ủy ban MTTQ tỉnh")
    services.move_campaign(campaign, "closed", actor=world.users["vanphong"])
    world.login(client, "vanphong")
    assert move_links(client, campaign) == set()
    assert "đã bàn giao" in client.get(reverse("fund:detail", args=[campaign.pk])).content.decode()


def test_the_confirmation_page_uses_the_edges_label_and_message(world, client, campaign):
    world.login(client, "vanphong")
    page = client.get(reverse("fund:move", args=[campaign.pk]) + "?to=closed").content.decode()
    assert "Xác nhận khóa sổ" in page and "onsubmit" not in page and "onclick" not in page
    response = client.post(reverse("fund:move", args=[campaign.pk]), {"to": "closed"}, follow=True)
    assert "Đã khóa sổ đợt vận động." in response.content.decode()
    # a target the table has no edge to from here is refused and changes nothing
    before = state(campaign)
    response = client.post(reverse("fund:move", args=[campaign.pk]), {"to": "closed"}, follow=True)
    assert "Yêu cầu không hợp lệ." in response.content.decode()
    assert state(campaign) == before


@pytest.mark.parametrize("target", ["open", "archived", ""])
def test_move_campaign_refuses_an_edge_not_in_the_table(world, campaign, target):
    before = state(campaign)
    with pytest.raises(ValidationError) as exc:
        services.move_campaign(campaign, target, actor=world.users["vanphong"], reason="Thử")
    assert "Không thể chuyển đợt vận động từ “Đang vận động” sang" in messages_of(exc)
    assert state(campaign) == before


@pytest.mark.parametrize("role", ["truongphong", "canbo", "giamdoc", "hoidong", "tinh", "vanphong_khac"])
def test_move_campaign_refuses_a_closer_the_edge_does_not_allow(world, campaign, role):
    before = state(campaign)
    with pytest.raises(ValidationError) as exc:
        services.move_campaign(campaign, "closed", actor=world.users[role])
    assert messages_of(exc) == "Chỉ Văn phòng hoặc cán bộ công đoàn của cơ quan được khóa sổ đợt vận động."
    assert state(campaign) == before


@pytest.mark.parametrize("role", ["congdoan", "truongphong", "giamdoc", "vanphong_khac"])
def test_move_campaign_refuses_a_reopener_the_edge_does_not_allow(world, campaign, role):
    services.move_campaign(campaign, "closed", actor=world.users["congdoan"])
    before = state(campaign)
    with pytest.raises(ValidationError) as exc:
        services.move_campaign(campaign, "open", actor=world.users[role], reason="Nộp bổ sung")
    assert "Chỉ Văn phòng (thường trực Hội đồng Thi đua - Khen thưởng) mới được mở lại sổ" in messages_of(exc)
    assert state(campaign) == before


# ------------------------------------------------------------------------------------- only a launched movement


def make_movement(world, code, status):
    movement = movement_services.create_movement(
        actor=None, agency=world.agency, code=code, name=f"Phong trào {code}", kind=MovementKind.THEMATIC,
        start_year=2021, end_year=2025)
    Movement.objects.filter(pk=movement.pk).update(status=status)  # arranged (launching is not the subject)
    movement.refresh_from_db()
    return movement


def test_a_campaign_is_not_linked_to_a_draft_movement(world, campaign):
    draft = make_movement(world, "du-thao-2026", MovementStatus.DRAFT)
    with pytest.raises(ValidationError) as exc:
        services.create_campaign(actor=world.users["vanphong"], agency=world.agency, name="Đợt theo dự thảo",
                                 start_date=START, end_date=END, movement=draft)
    assert "Phong trào “Phong trào du-thao-2026” chưa phát động" in messages_of(exc)
    assert not Campaign.objects.filter(name="Đợt theo dự thảo").exists()

    before = Campaign.objects.filter(pk=campaign.pk).values().get()
    with pytest.raises(ValidationError) as exc:
        services.update_campaign(campaign, actor=world.users["vanphong"], name="Tên mới", start_date=START,
                                 end_date=END, movement=draft)
    assert "chưa phát động" in messages_of(exc)
    assert Campaign.objects.filter(pk=campaign.pk).values().get() == before

    launched = make_movement(world, "phat-dong-2026", MovementStatus.LAUNCHED)
    services.update_campaign(campaign, actor=world.users["vanphong"], name=campaign.name, start_date=START,
                             end_date=END, movement=launched)
    assert Campaign.objects.get(pk=campaign.pk).movement_id == launched.pk


def test_the_forms_offer_only_launched_movements(world, client, campaign):
    make_movement(world, "du-thao-2026", MovementStatus.DRAFT)
    make_movement(world, "phat-dong-2026", MovementStatus.LAUNCHED)
    make_movement(world, "ket-thuc-2021", MovementStatus.CLOSED)
    world.login(client, "vanphong")
    for url in (reverse("fund:create"), reverse("fund:edit", args=[campaign.pk])):
        page = client.get(url).content.decode()
        assert "Phong trào phat-dong-2026" in page
        assert "Phong trào du-thao-2026" not in page and "Phong trào ket-thuc-2021" not in page
