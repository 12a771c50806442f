import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from thidua.core.models import AuditEvent, Notification
from thidua.movements import services as movement_services
from thidua.movements.models import PlanItem, RewardForm
from thidua.participation.registrations import services
from thidua.participation.registrations.enums import RegistrationStatus
from thidua.participation.registrations.models import Registration

from ...factories import SIGNED_PLAN


@pytest.fixture
def movement(world):
    m = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="tx-2026",
                                          name="Phong trào thi đua thường xuyên năm 2026", start_year=2026,
                                          end_year=2026)
    PlanItem.objects.create(movement=m, kind="content", label="a", text="Hoàn thành xuất sắc nhiệm vụ")
    return movement_services.move_movement(m, "launched", actor=None)


def ldtt():
    return RewardForm.objects.get(code="lao-dong-tien-tien")


def test_unit_head_registers_his_unit_and_staff_then_the_secretariat_approves(world, client, movement,
                                                                              django_capture_on_commit_callbacks):
    world.login(client, "truongphong")
    response = client.post(reverse("registrations:start", args=[movement.pk, world.transport.pk]), {"year": 2026})
    registration = Registration.objects.get()
    assert response["Location"] == reverse("registrations:edit", args=[registration.pk])
    an, lan = world.people["canbo"], world.people["canbo2"]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(response["Location"], {
            "commitments": "100% cán bộ ủng hộ 01 ngày lương; hỗ trợ 02 hộ nghèo", "action": "submit",
            f"reg-{an.pk}": "on", f"title-{an.pk}": ldtt().pk, f"commit-{an.pk}": "Hoàn thành xuất sắc nhiệm vụ",
            f"reg-{lan.pk}": "on",
        })
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    assert set(registration.entries.values_list("person__full_name", flat=True)) == {an.full_name, lan.full_name}
    assert Notification.objects.filter(user=world.users["vanphong"]).exists()
    client.logout()
    world.login(client, "vanphong")
    page = client.get(reverse("registrations:overview", args=[movement.pk]) + "?year=2026").content.decode()
    assert "Chờ duyệt" in page and "Chưa đăng ký" in page  # other units have not registered
    home = client.get(reverse("home")).content.decode()
    notice = Notification.objects.get(user=world.users["vanphong"])
    assert "chờ duyệt" in home and reverse("notification", args=[notice.pk]) in home
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registrations:transition", args=[registration.pk]), {"to": "approved"},
                               follow=True)
    assert "Đã duyệt bản đăng ký." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.APPROVED
    # handled: the secretariat's "chờ duyệt" notice leaves the home page; the unit head is told of the approval
    notice.refresh_from_db()
    assert notice.read_at is not None and "chờ duyệt" not in client.get(reverse("home")).content.decode()
    world.login(client, "truongphong")
    approved = Notification.objects.get(user=world.users["truongphong"], read_at__isnull=True)
    assert "đã được duyệt" in approved.text
    response = client.get(reverse("notification", args=[approved.pk]))
    assert response["Location"] == reverse("registrations:edit", args=[registration.pk])
    approved.refresh_from_db()
    assert approved.read_at is not None
    assert client.get(reverse("notification", args=[notice.pk]))["Location"] == reverse("home")  # not his
    world.login(client, "vanphong")
    assert services.is_registered(an, movement, 2026)
    assert not services.is_registered(world.people["planning"], movement, 2026)
    statuses = [e.changes.get("status") for e in AuditEvent.objects.filter(
        target_type="registrations.registration").order_by("id") if e.changes.get("status")]
    assert statuses == [[None, "Chưa gửi"], ["Chưa gửi", "Chờ duyệt"], ["Chờ duyệt", "Đã duyệt"]]
    log = client.get(reverse("audit_log"))  # the secretariat's log reads the registration's changes
    assert log.status_code == 200 and "Số người đăng ký: 0 → 2" in log.content.decode()


def test_returning_requires_a_reason_and_the_unit_can_resubmit(world, movement):
    registration = services.start(movement, 2026, world.transport, actor=world.users["truongphong"])
    services.save(registration, actor=None, title=None, commitments="Cam kết", entries=[])
    services.move(registration, RegistrationStatus.SUBMITTED, actor=world.users["truongphong"])
    with pytest.raises(ValidationError, match="lý do"):
        services.move(registration, RegistrationStatus.RETURNED, actor=world.users["vanphong"])
    services.move(registration, RegistrationStatus.RETURNED, actor=world.users["vanphong"], reason="Thiếu chỉ tiêu")
    registration.refresh_from_db()
    assert (registration.status, registration.return_reason) == (RegistrationStatus.RETURNED, "Thiếu chỉ tiêu")
    services.move(registration, RegistrationStatus.SUBMITTED, actor=world.users["truongphong"])


@pytest.mark.parametrize("start,to", [("draft", "approved"), ("approved", "returned"), ("returned", "approved")])
def test_edges_outside_the_workflow_are_refused(world, movement, start, to):
    registration = services.start(movement, 2026, world.transport, actor=None)
    Registration.objects.filter(pk=registration.pk).update(status=start)
    with pytest.raises(ValidationError, match="Không thể chuyển"):
        services.move(registration, to, actor=None, reason="x")


def test_unit_head_cannot_approve_and_cannot_touch_another_unit(world, client, movement):
    registration = services.start(movement, 2026, world.planning, actor=None)
    world.login(client, "truongphong")
    assert client.get(reverse("registrations:edit", args=[registration.pk])).status_code == 403
    own = services.start(movement, 2026, world.transport, actor=None)
    services.save(own, actor=None, title=None, commitments="Cam kết", entries=[])
    services.move(own, RegistrationStatus.SUBMITTED, actor=None)
    with pytest.raises(ValidationError, match="Chỉ Văn phòng"):
        services.move(own, RegistrationStatus.APPROVED, actor=world.users["truongphong"])


def test_an_approved_registration_cannot_be_edited(world, movement):
    registration = services.start(movement, 2026, world.transport, actor=None)
    Registration.objects.filter(pk=registration.pk).update(status=RegistrationStatus.APPROVED)
    with pytest.raises(ValidationError, match="không sửa được"):
        services.save(registration, actor=None, title=None, commitments="Sửa", entries=[])


def test_registration_outside_the_period_or_for_a_draft_movement_is_refused(world, movement):
    with pytest.raises(ValidationError, match="ngoài thời gian"):
        services.start(movement, 2027, world.transport, actor=None)
    draft = movement_services.create_movement(**SIGNED_PLAN, actor=None, agency=world.agency, code="du-thao", name="Dự thảo",
                                              start_year=2026, end_year=2026)
    with pytest.raises(ValidationError, match="đang được phát động"):
        services.start(draft, 2026, world.transport, actor=None)


def test_staff_members_and_other_agencies_cannot_open_registrations(world, client, movement):
    registration = services.start(movement, 2026, world.transport, actor=None)
    world.login(client, "canbo")
    assert client.get(reverse("registrations:overview", args=[movement.pk])).status_code == 403
    client.logout()
    world.login(client, "vanphong_khac")
    assert client.get(reverse("registrations:edit", args=[registration.pk])).status_code == 404


def test_the_menu_leads_to_running_movements_and_to_ones_own_registrations(world, client, movement):
    registration = services.start(movement, 2026, world.transport, actor=None)
    services.save(registration, actor=None, title=None, commitments="Ủng hộ 01 ngày lương",
                  entries=[services.EntryInput(person=world.people["canbo"], registered=True, title=None,
                                               commitments="Hỗ trợ 01 hộ nghèo")])
    services.move(registration, "submitted", actor=None)
    missing = sum(1 for u in services.overview(movement, 2026) if u.registration is None)
    index = reverse("registrations:index")
    world.login(client, "vanphong")
    page = client.get(index).content.decode()
    assert f'href="{index}"' in page  # in the top menu
    assert "Phong trào thi đua thường xuyên năm 2026" in page
    assert f'<strong class="text-danger">{missing}</strong>' in page  # units not registered yet
    world.login(client, "canbo")  # staff: no overview of units, but his own registration, read-only
    page = client.get(index).content.decode()
    assert f'href="{index}"' in page
    assert 'id="registration-movements"' not in page
    assert "Hỗ trợ 01 hộ nghèo" in page and "Chờ duyệt" in page
    world.login(client, "vanphong_khac")  # another agency's secretariat sees neither
    page = client.get(index).content.decode()
    assert "Phong trào thi đua thường xuyên năm 2026" not in page and "Hỗ trợ 01 hộ nghèo" not in page


@pytest.mark.parametrize("username,status,offered", [
    ("vanphong", RegistrationStatus.SUBMITTED, {"approved", "returned"}),
    ("truongphong", RegistrationStatus.SUBMITTED, {"draft"}),  # he may withdraw it before review
    ("vanphong", RegistrationStatus.APPROVED, set()),
    ("vanphong", RegistrationStatus.RETURNED, set()),  # sending again is the form's "save and send" button
])
def test_the_registration_page_offers_the_buttons_of_the_table_the_user_may_take(world, client, movement, username,
                                                                               status, offered):
    registration = services.start(movement, 2026, world.transport, actor=None)
    Registration.objects.filter(pk=registration.pk).update(status=status)
    world.login(client, username)
    page = client.get(reverse("registrations:edit", args=[registration.pk])).content.decode()
    for target in ("approved", "returned", "submitted", "draft"):
        assert (f'name="to" value="{target}"' in page) == (target in offered)
    if "returned" in offered:
        assert 'name="reason"' in page
