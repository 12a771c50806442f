import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AuditAction, AuditEvent, Notification
from thidua.movements import services
from thidua.movements.enums import MilestoneStatus, MovementStatus
from thidua.movements.models import Milestone, Movement, PlanItem


def test_a_movement_goes_draft_launched_closed_and_each_step_is_audited(world, movement, django_capture_on_commit_callbacks):
    actor = world.users["vanphong"]
    with django_capture_on_commit_callbacks(execute=True):
        movement = services.move_movement(movement, MovementStatus.LAUNCHED, actor=actor)
    assert movement.launched_on is not None
    movement = services.move_movement(movement, MovementStatus.CLOSED, actor=actor)
    statuses = [e.changes.get("status") for e in AuditEvent.objects.filter(
        target_type="movements.movement", target_id=str(movement.pk), action=AuditAction.UPDATE).order_by("id")]
    assert statuses == [["Dự thảo", "Đã phát động"], ["Đã phát động", "Đã kết thúc"]]


def test_launching_notifies_every_unit_head_of_the_agency(world, movement, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.move_movement(movement, MovementStatus.LAUNCHED, actor=world.users["vanphong"])
    notice = Notification.objects.get()
    assert notice.user == world.users["truongphong"]
    assert "quán triệt" in notice.text


@pytest.mark.parametrize("start,to", [("draft", "closed"), ("closed", "launched"), ("launched", "draft")])
def test_edges_outside_the_workflow_are_refused(world, movement, start, to):
    Movement.objects.filter(pk=movement.pk).update(status=start)
    with pytest.raises(ValidationError) as exc:
        services.move_movement(movement, to, actor=None)
    assert "Không thể chuyển" in str(exc.value)


def test_a_movement_without_content_cannot_be_launched(world, movement):
    PlanItem.objects.filter(movement=movement).delete()
    with pytest.raises(ValidationError) as exc:
        services.move_movement(movement, MovementStatus.LAUNCHED, actor=None)
    assert "còn thiếu nội dung thi đua" in str(exc.value)


@pytest.mark.parametrize("number,signer,missing", [
    ("/KH-SGTVT", "Lê Văn Định", "số kế hoạch"),
    ("", "Lê Văn Định", "số kế hoạch"),
    ("2679/KH-SGTVT", "  ", "người ký"),
    ("/KH-SGTVT", "", "số kế hoạch, người ký"),
])
def test_a_plan_without_its_number_or_signer_is_not_launched(world, movement, number, signer, missing):
    Movement.objects.filter(pk=movement.pk).update(plan_number=number, signer_name=signer)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.move_movement(movement, MovementStatus.LAUNCHED, actor=world.users["vanphong"])
    assert f"còn thiếu {missing}" in exc.value.messages[0]
    movement.refresh_from_db()
    assert (movement.status, movement.launched_on) == (MovementStatus.DRAFT, None)
    assert AuditEvent.objects.count() == events and not Notification.objects.exists()


def test_a_closed_movement_is_read_only(world, movement):
    Movement.objects.filter(pk=movement.pk).update(status=MovementStatus.CLOSED)
    movement.refresh_from_db()
    with pytest.raises(ValidationError, match="chỉ để xem"):
        services.update_movement(movement, actor=None, name="Đổi tên")
    with pytest.raises(ValidationError, match="chỉ để xem"):
        services.save_part(movement, Milestone(), actor=None, text="Sơ kết", when_text="Năm 2023")


def test_period_end_before_start_is_refused(world, movement):
    with pytest.raises(ValidationError, match="không được trước năm bắt đầu"):
        services.update_movement(movement, actor=None, start_year=2025, end_year=2021)


def test_milestone_outside_the_period_is_refused(world, movement):
    with pytest.raises(ValidationError, match="nằm ngoài thời gian"):
        services.save_part(movement, Milestone(), actor=None, text="Tổng kết", when_text="Quý IV/2026")
    assert not movement.milestones.exists()


def test_milestones_are_done_upcoming_or_overdue_against_today(world, movement):
    done = services.save_part(movement, Milestone(), actor=None, text="Ban hành", when_text="tháng 10/2022",
                              done_on=dt.date(2022, 10, 20))
    late = services.save_part(movement, Milestone(), actor=None, text="Sơ kết", when_text="Năm 2023")
    later = services.save_part(movement, Milestone(), actor=None, text="Tổng kết", when_text="Quý IV/2025")
    today = dt.date(2024, 1, 10)
    assert done.status_on(today) == MilestoneStatus.DONE
    assert late.status_on(today) == MilestoneStatus.OVERDUE
    assert later.status_on(today) == MilestoneStatus.UPCOMING
    assert later.start_date == dt.date(2025, 10, 1)


def test_cloning_keeps_the_structure_moves_the_dates_and_starts_as_draft(world, movement):
    services.save_part(movement, Milestone(), actor=None, text="Sơ kết", when_text="Năm 2023",
                       done_on=dt.date(2023, 12, 20))
    Movement.objects.filter(pk=movement.pk).update(status=MovementStatus.CLOSED)
    copy = services.clone_movement(movement, actor=world.users["vanphong"], code="vi-nguoi-ngheo-2026-2030",
                                   name="Giai đoạn 2026 - 2030", start_year=2026, end_year=2030)
    assert copy.status == MovementStatus.DRAFT
    assert copy.cloned_from == movement
    assert list(copy.items.values_list("text", flat=True)) == ["Tuyên truyền, vận động"]
    milestone = copy.milestones.get()
    assert (milestone.when_text, milestone.start_date, milestone.done_on) == ("Năm 2028", dt.date(2028, 1, 1), None)
    movement.refresh_from_db()
    assert movement.status == MovementStatus.CLOSED


def test_dissemination_counts_cannot_exceed_the_units_staff(world, movement):
    movement = services.move_movement(movement, MovementStatus.LAUNCHED, actor=None)
    with pytest.raises(ValidationError, match="lớn hơn số cán bộ"):
        services.record_dissemination(movement, world.transport, actor=world.users["truongphong"], method="meeting",
                                      held_on=dt.date.today(), people_reached=99)
    record = services.record_dissemination(movement, world.transport, actor=world.users["truongphong"],
                                           method="meeting", held_on=dt.date.today(), people_reached=3)
    assert record.people_reached == 3


def test_a_unit_head_cannot_launch_a_movement_even_through_the_service(world, movement):
    with pytest.raises(ValidationError, match="Không thể chuyển phong trào từ “Dự thảo” sang “Đã phát động”"):
        services.move_movement(movement, MovementStatus.LAUNCHED, actor=world.users["truongphong"])
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT and movement.launched_on is None


@pytest.mark.parametrize("state,offered", [("draft", {"launched": "Phát động"}),
                                           ("launched", {"closed": "Kết thúc phong trào"}), ("closed", {})])
def test_the_movement_page_offers_the_buttons_of_the_table_for_its_state(world, movement, client, state, offered):
    Movement.objects.filter(pk=movement.pk).update(status=state)
    world.login(client, "vanphong")
    page = client.get(movement.get_absolute_url()).content.decode()
    for target in ("draft", "launched", "closed"):
        assert (f'name="to" value="{target}"' in page) == (target in offered)
    for label in offered.values():
        assert f">{label}</button>" in page


def test_a_unit_head_sees_no_workflow_button_on_the_movement_page(world, movement, client):
    Movement.objects.filter(pk=movement.pk).update(status="launched")
    world.login(client, "truongphong")
    page = client.get(movement.get_absolute_url()).content.decode()
    assert 'name="to"' not in page


def test_a_milestone_cannot_be_marked_done_in_the_future(world, movement):
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.save_part(movement, Milestone(), actor=None, text="Tổng kết", when_text="Quý IV/2025",
                           done_on=tomorrow)
    assert exc.value.message_dict["done_on"][0].startswith(f"Ngày hoàn thành {tomorrow:%d/%m/%Y} ở tương lai")
    assert not movement.milestones.exists() and AuditEvent.objects.count() == events
    done = services.save_part(movement, Milestone(), actor=None, text="Tổng kết", when_text="Quý IV/2025",
                              done_on=dt.date.today())
    assert done.done_on == dt.date.today()


def test_a_plan_issued_more_than_a_year_ahead_is_refused(world, movement):
    far = dt.date.today() + dt.timedelta(days=400)
    with pytest.raises(ValidationError) as exc:
        services.update_movement(movement, actor=None, plan_issued_on=far)
    assert "quá xa: kế hoạch không được ban hành muộn hơn một năm" in exc.value.message_dict["plan_issued_on"][0]
    movement.refresh_from_db()
    assert movement.plan_issued_on is None
    with pytest.raises(ValidationError, match="quá xa"):
        services.create_movement(actor=None, agency=world.agency, code="xa-qua", name="Xa quá", start_year=2030,
                                 end_year=2030, plan_issued_on=dt.date(2030, 1, 15))
    assert not Movement.objects.filter(code="xa-qua").exists()
    soon = dt.date.today() + dt.timedelta(days=30)  # next year's plan, issued this December
    assert services.update_movement(movement, actor=None, plan_issued_on=soon).plan_issued_on == soon


def test_item_labels_are_stored_without_their_bracket_and_not_twice_in_a_section(world, movement):
    item = services.save_part(movement, PlanItem(), actor=None, kind="content", label="b)", text="Thi đua giảm nghèo")
    assert item.label == "b" and str(item).startswith("b) ")
    with pytest.raises(ValidationError) as exc:
        services.save_part(movement, PlanItem(), actor=None, kind="content", label="a)", text="Lặp lại")
    assert exc.value.message_dict["label"] == [
        "Ký hiệu “a)” đã có trong mục “Nội dung thi đua” của kế hoạch: mỗi nội dung một ký hiệu riêng."]
    assert movement.items.filter(kind="content").count() == 2
    # the same letter in the other section is another item; an item keeps its own label when edited
    services.save_part(movement, PlanItem(), actor=None, kind="solution", label="a", text="Giải pháp a")
    services.save_part(movement, item, actor=None, kind="content", label="b", text="Sửa nội dung")
    assert movement.items.count() == 3
