"""A registration once its movement is closed, the unit's withdrawal before review, and titles of the wrong kind."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.core.models import AuditEvent, Notification
from thidua.movements import services as movement_services
from thidua.movements.models import Movement, RewardForm
from thidua.participation.registrations import services
from thidua.participation.registrations.enums import RegistrationStatus
from thidua.participation.registrations.models import Registration


def set_status(movement, status):
    Movement.objects.filter(pk=movement.pk).update(status=status)
    movement.refresh_from_db()
    return movement


@pytest.fixture
def movement(world):
    m = movement_services.create_movement(actor=None, agency=world.agency, code="tx-2026-dk",
                                          name="Phong trào thi đua thường xuyên năm 2026", start_year=2026,
                                          end_year=2026)
    return set_status(m, "launched")


@pytest.fixture
def submitted(world, movement, django_capture_on_commit_callbacks):
    registration = services.start(movement, 2026, world.transport, actor=world.users["truongphong"])
    services.save(registration, actor=world.users["truongphong"], title=None, commitments="Cam kết", entries=[])
    with django_capture_on_commit_callbacks(execute=True):  # the notices are written on commit
        return services.move(registration, RegistrationStatus.SUBMITTED, actor=world.users["truongphong"])


def status_of(registration):
    return Registration.objects.get(pk=registration.pk).status


def collective():
    return RewardForm.objects.filter(is_title=True, for_collective=True, for_individual=False).first()


def individual():
    return RewardForm.objects.get(code="lao-dong-tien-tien")


def test_no_approval_nor_return_once_the_movement_is_closed(world, client, submitted, movement):
    set_status(movement, "closed")
    for to in (RegistrationStatus.APPROVED, RegistrationStatus.RETURNED, RegistrationStatus.DRAFT):
        with pytest.raises(ValidationError) as exc:
            services.move(submitted, to, actor=world.users["vanphong"], reason="Thiếu cam kết")
        assert "đã kết thúc" in " ".join(exc.value.messages)
    assert status_of(submitted) == RegistrationStatus.SUBMITTED
    world.login(client, "vanphong")
    page = client.get(reverse("registrations:edit", args=[submitted.pk])).content.decode()
    assert 'value="approved"' not in page
    response = client.post(reverse("registrations:transition", args=[submitted.pk]), {"to": "approved"}, follow=True)
    assert "đã kết thúc" in response.content.decode()
    assert status_of(submitted) == RegistrationStatus.SUBMITTED


def test_a_unit_head_withdraws_a_submitted_registration_before_review(world, client, submitted,
                                                                      django_capture_on_commit_callbacks):
    url = reverse("registrations:edit", args=[submitted.pk])
    assert Notification.objects.filter(user=world.users["vanphong"], url=url, read_at__isnull=True).exists()
    world.login(client, "truongphong")
    page = client.get(url).content.decode()
    assert 'value="draft"' in page and "Rút lại để sửa" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registrations:transition", args=[submitted.pk]), {"to": "draft"}, follow=True)
    assert "Đã rút lại bản đăng ký" in response.content.decode()
    registration = Registration.objects.get(pk=submitted.pk)
    assert registration.status == RegistrationStatus.DRAFT and registration.submitted_at is None
    # the Office's "chờ duyệt" notice is handled: nothing is waiting for it any more
    assert not Notification.objects.filter(user=world.users["vanphong"], url=url, read_at__isnull=True).exists()
    event = AuditEvent.objects.filter(target_type="registrations.registration",
                                      target_id=str(submitted.pk)).order_by("-id").first()
    assert event.changes["status"] == ["Chờ duyệt", "Chưa gửi"] and event.actor == world.users["truongphong"]
    # and it can be edited and sent again
    services.move(registration, RegistrationStatus.SUBMITTED, actor=world.users["truongphong"])
    assert status_of(submitted) == RegistrationStatus.SUBMITTED


def test_a_reviewed_registration_cannot_be_withdrawn_nor_by_another_unit(world, submitted):
    with pytest.raises(ValidationError):
        services.move(submitted, RegistrationStatus.DRAFT, actor=world.users["canbo"])
    assert status_of(submitted) == RegistrationStatus.SUBMITTED
    services.move(submitted, RegistrationStatus.APPROVED, actor=world.users["vanphong"])
    with pytest.raises(ValidationError) as exc:
        services.move(submitted, RegistrationStatus.DRAFT, actor=world.users["truongphong"])
    assert "Không thể chuyển" in " ".join(exc.value.messages)
    assert status_of(submitted) == RegistrationStatus.APPROVED


def test_a_collective_title_for_a_person_is_refused_with_a_message(world, client, movement):
    registration = services.start(movement, 2026, world.transport, actor=world.users["truongphong"])
    an = world.people["canbo"]
    world.login(client, "truongphong")
    response = client.post(reverse("registrations:edit", args=[registration.pk]), {
        "commitments": "Cam kết mới", "action": "save", f"reg-{an.pk}": "on", f"title-{an.pk}": collective().pk})
    page = response.content.decode()
    assert response.status_code == 200
    assert f"{an.full_name}: “{collective().name}” là danh hiệu cho tập thể" in page
    registration.refresh_from_db()
    assert registration.commitments == "" and not registration.entries.exists()
    # an id that is no title at all is refused too
    response = client.post(reverse("registrations:edit", args=[registration.pk]), {
        "action": "save", f"reg-{an.pk}": "on", f"title-{an.pk}": "999999"})
    assert "không có trong danh mục" in response.content.decode()
    assert not registration.entries.exists()


def test_a_personal_title_for_the_unit_is_refused_with_a_message(world, client, movement):
    registration = services.start(movement, 2026, world.transport, actor=world.users["truongphong"])
    world.login(client, "truongphong")
    response = client.post(reverse("registrations:edit", args=[registration.pk]), {
        "title": individual().pk, "commitments": "Cam kết", "action": "save"})
    assert "là danh hiệu cho cá nhân, không phải danh hiệu cho tập thể" in response.content.decode()
    registration.refresh_from_db()
    assert registration.title is None and registration.commitments == ""


def test_a_past_years_overview_counts_that_years_staff(world, client):
    import datetime as dt

    from django.utils import timezone

    from thidua.org import services as org_services

    plan = set_status(movement_services.create_movement(
        actor=None, agency=world.agency, code="vnn-2125-dk", name="Vì người nghèo 2021–2025", start_year=2021,
        end_year=2025), "launched")

    def staff_2023():
        return {u.pk: u.staff for u in services.overview(plan, 2023)}[world.transport.pk]

    assert staff_2023() == 3
    for i in range(6):
        org_services.create_person(actor=None, unit=world.transport, full_name=f"Cán bộ mới {i}", gender="male",
                                   birth_date=dt.date(1990, 1, 1), employment_type="cong_chuc",
                                   start_date=timezone.localdate())
    assert staff_2023() == 3
    world.login(client, "vanphong")
    units = client.get(reverse("registrations:overview", args=[plan.pk]) + "?year=2023").context["units"]
    assert {u.pk: u.staff for u in units}[world.transport.pk] == 3
