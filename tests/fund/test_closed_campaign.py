"""Closed means closed: a closed campaign's header is locked, reopening it needs the Office, a written reason and
money not yet handed over, and a campaign of a closed movement cannot change that movement's results."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.core.models import AuditEvent
from thidua.fund import services
from thidua.fund.enums import EntryKind
from thidua.fund.models import Campaign, Entry
from thidua.movements import services as movement_services
from thidua.movements.enums import MovementKind, MovementStatus

from .conftest import END, START


def messages_of(exc) -> str:
    return " ".join(exc.value.messages)


def make_movement(world, code, status=MovementStatus.LAUNCHED):
    movement = movement_services.create_movement(
        actor=None, agency=world.agency, code=code, name=f"Phong trào {code}", kind=MovementKind.THEMATIC,
        start_year=2021, end_year=2025)
    return set_status(movement, status)


def set_status(movement, status):
    """Arranged directly (what launching requires is not the subject here)."""
    type(movement).objects.filter(pk=movement.pk).update(status=status)
    movement.refresh_from_db()
    return movement


@pytest.fixture
def closed(world, campaign, give):
    give("canbo", 500_000)
    return services.move_campaign(campaign, "closed", actor=world.users["congdoan"])


def header(campaign):
    c = Campaign.objects.get(pk=campaign.pk)
    return (c.name, c.start_date, c.end_date, c.fund_holder, c.movement_id, c.status)


def test_a_closed_campaigns_header_cannot_be_changed(world, closed):
    before = header(closed)
    with pytest.raises(ValidationError) as exc:
        services.update_campaign(closed, actor=world.users["vanphong"], name="Tên khác", start_date=START,
                                 end_date=END + dt.timedelta(days=30), fund_holder="Nơi khác")
    assert "đã khóa sổ" in messages_of(exc)
    assert header(closed) == before


def test_the_union_officer_cannot_reopen_a_closed_campaign(world, closed):
    with pytest.raises(ValidationError) as exc:
        services.move_campaign(closed, "open", actor=world.users["congdoan"], reason="Thêm 100.000 đ")
    assert "Chỉ Văn phòng" in messages_of(exc)
    assert header(closed)[-1] == "closed"


def test_the_office_reopens_with_a_written_reason_which_is_audited(world, closed):
    with pytest.raises(ValidationError) as exc:
        services.move_campaign(closed, "open", actor=world.users["vanphong"], reason="   ")
    assert "lý do" in messages_of(exc)
    assert header(closed)[-1] == "closed"
    services.move_campaign(closed, "open", actor=world.users["vanphong"], reason="Phòng Quản lý vận tải nộp bổ sung.")
    assert header(closed)[-1] == "open"
    event = AuditEvent.objects.filter(target_type="fund.campaign", target_id=str(closed.pk)).order_by("-id").first()
    assert event.note == "Phòng Quản lý vận tải nộp bổ sung."
    assert event.actor == world.users["vanphong"]
    assert event.changes["status"] == ["Đã khóa sổ", "Đang vận động"]


def test_a_campaign_whose_money_was_handed_over_cannot_be_reopened(world, campaign, give):
    give("canbo", 500_000)
    services.record_outflow(campaign, EntryKind.HANDOVER, actor=None, amount=500_000, entry_date=END,
                            description="Bàn giao Ủy ban MTTQ tỉnh")
    services.move_campaign(campaign, "closed", actor=None)
    with pytest.raises(ValidationError) as exc:
        services.move_campaign(campaign, "open", actor=world.users["admin"], reason="Sửa sai")
    assert "đã bàn giao" in messages_of(exc)
    assert header(campaign)[-1] == "closed"


def test_a_campaign_of_a_closed_movement_cannot_be_reopened_nor_moved(world, give):
    plan = make_movement(world, "ngheo-2021")
    other = make_movement(world, "ngheo-2026")
    campaign = services.create_campaign(actor=None, agency=world.agency, name="Tháng cao điểm 2023",
                                        start_date=START, end_date=END, movement=plan)
    give("canbo", 500_000, target=campaign)
    services.move_campaign(campaign, "closed", actor=None)
    set_status(plan, MovementStatus.CLOSED)
    with pytest.raises(ValidationError) as exc:
        services.move_campaign(campaign, "open", actor=world.users["vanphong"], reason="Thêm 100.000 đ")
    assert "đã kết thúc" in messages_of(exc)
    assert header(campaign)[-1] == "closed"

    # even an open campaign of a closed movement is not moved to another movement (nor away from it)
    open_one = services.create_campaign(actor=None, agency=world.agency, name="Đợt bổ sung", start_date=START,
                                        end_date=END, movement=other)
    Campaign.objects.filter(pk=open_one.pk).update(movement=plan)  # as it was before the movement was closed
    open_one.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        services.update_campaign(open_one, actor=None, name=open_one.name, start_date=START, end_date=END,
                                 movement=other)
    assert "đã kết thúc" in messages_of(exc)
    assert Campaign.objects.get(pk=open_one.pk).movement_id == plan.pk
    # and no campaign joins a closed movement
    with pytest.raises(ValidationError) as exc:
        services.update_campaign(campaign.__class__.objects.create(
            agency=world.agency, name="Đợt mới", start_date=START, end_date=END, movement=other),
            actor=None, name="Đợt mới", start_date=START, end_date=END, movement=plan)
    assert "đã kết thúc" in messages_of(exc)
    with pytest.raises(ValidationError):
        services.create_campaign(actor=None, agency=world.agency, name="Đợt muộn", start_date=START, end_date=END,
                                 movement=plan)
    assert not Campaign.objects.filter(name="Đợt muộn").exists()


# ------------------------------------------------------------------------------------------------ the pages


def test_closing_the_books_asks_for_confirmation_on_a_page_of_its_own(world, client, campaign, give):
    give("canbo", 500_000)
    world.login(client, "congdoan")
    detail = client.get(reverse("fund:detail", args=[campaign.pk])).content.decode()
    assert "onclick" not in detail and f"/{campaign.pk}/trang-thai/?to=closed" in detail
    page = client.get(reverse("fund:move", args=[campaign.pk]) + "?to=closed")
    assert page.status_code == 200 and "Xác nhận khóa sổ" in page.content.decode()
    assert header(campaign)[-1] == "open"  # the confirmation page changes nothing
    response = client.post(reverse("fund:move", args=[campaign.pk]), {"to": "closed"})
    assert response.status_code == 302
    assert header(campaign)[-1] == "closed"


def test_the_union_officer_sees_no_reopen_button_and_his_post_is_refused(world, client, closed):
    world.login(client, "congdoan")
    detail = client.get(reverse("fund:detail", args=[closed.pk])).content.decode()
    assert "Mở lại sổ" not in detail
    assert "Chỉ Văn phòng" in detail
    response = client.post(reverse("fund:move", args=[closed.pk]), {"to": "open", "reason": "Thêm tiền"},
                           follow=True)
    assert "Chỉ Văn phòng" in response.content.decode()
    assert header(closed)[-1] == "closed"
    assert client.get(reverse("fund:edit", args=[closed.pk])).status_code == 302
    client.post(reverse("fund:edit", args=[closed.pk]), {
        "agency": world.agency.pk, "name": "Đổi tên", "start_date": "17/10/2023", "end_date": "18/11/2023"})
    assert header(closed)[0] == "Tháng cao điểm Vì người nghèo 2023"


def test_the_office_reopens_through_the_confirmation_form_with_a_reason(world, client, closed):
    world.login(client, "vanphong")
    detail = client.get(reverse("fund:detail", args=[closed.pk])).content.decode()
    assert f"/{closed.pk}/trang-thai/?to=open" in detail
    page = client.post(reverse("fund:move", args=[closed.pk]), {"to": "open", "reason": ""})
    assert page.status_code == 200 and "Hãy ghi lý do mở lại sổ." in page.content.decode()
    assert header(closed)[-1] == "closed"
    response = client.post(reverse("fund:move", args=[closed.pk]), {"to": "open", "reason": "Nộp bổ sung"})
    assert response.status_code == 302
    assert header(closed)[-1] == "open"
    assert not Entry.objects.filter(campaign=closed, amount=100_000).exists()


def test_an_open_campaign_of_a_closed_movement_takes_no_more_money_but_can_be_closed(world, campaign, give):
    plan = make_movement(world, "ngheo-2021")
    Campaign.objects.filter(pk=campaign.pk).update(movement=plan)
    give("canbo", 500_000)
    set_status(plan, MovementStatus.CLOSED)
    with pytest.raises(ValidationError) as exc:
        give("canbo", 100_000)
    assert "đã kết thúc" in messages_of(exc)
    assert Entry.objects.filter(campaign=campaign).count() == 1
    services.move_campaign(campaign, "closed", actor=world.users["congdoan"])
    assert header(campaign)[-1] == "closed"
