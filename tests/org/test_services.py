import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.core.models import AppendOnlyError, AuditAction, AuditEvent
from thidua.org import services
from thidua.org.enums import Role, UnitKind
from thidua.org.models import Assignment, OrgUnit

from ..factories import make_unit


def test_creating_a_unit_records_who_and_what(world):
    actor = world.users["vanphong"]
    unit = services.create_unit(name="Phòng Quản lý chất lượng", kind=UnitKind.DIVISION, parent=world.agency, actor=actor)
    event = AuditEvent.objects.filter(target_type="org.orgunit", target_id=str(unit.pk)).get()
    assert event.action == AuditAction.CREATE
    assert event.actor == actor
    assert event.agency_id == world.agency.pk
    assert event.changes["name"] == [None, "Phòng Quản lý chất lượng"]
    assert unit.agency == world.agency
    assert unit.path == world.agency.path + f"{unit.pk:08d}/"


def test_a_unit_cannot_be_moved_under_its_own_child(world):
    with pytest.raises(ValidationError) as exc:
        services.move_unit(world.transport, world.transport_team, actor=world.users["vanphong"])
    assert "cấp dưới" in str(exc.value)
    world.transport.refresh_from_db()
    assert world.transport.parent == world.agency


def test_moving_a_unit_moves_its_subtree_and_keeps_people(world):
    services.move_unit(world.transport, world.planning, actor=world.users["vanphong"])
    world.transport_team.refresh_from_db()
    assert world.transport_team.path.startswith(world.planning.path)
    assert world.transport_team.depth == world.planning.depth + 2
    assert world.people["team"].unit == world.transport_team
    assert AuditEvent.objects.filter(action=AuditAction.MOVE, target_id=str(world.transport.pk)).exists()


def test_moving_a_unit_to_another_agency_updates_its_agency(world):
    services.move_unit(world.transport, world.other_agency, actor=world.users["admin"])
    world.transport_team.refresh_from_db()
    assert world.transport_team.agency == world.other_agency


def test_secretariat_cannot_move_a_unit_outside_his_agency(world):
    with pytest.raises(ValidationError):
        services.move_unit(world.planning, world.other_agency, actor=world.users["vanphong"])


def test_a_unit_with_people_cannot_be_deleted_but_can_be_deactivated_when_empty(world):
    with pytest.raises(ValidationError) as exc:
        services.delete_unit(world.planning, actor=world.users["vanphong"])
    assert "Không thể xóa" in str(exc.value)
    with pytest.raises(ValidationError):
        services.deactivate_unit(world.planning, actor=world.users["vanphong"])
    for person in world.planning.people.all():
        services.move_person(person, world.office, actor=world.users["vanphong"])
    services.deactivate_unit(world.planning, actor=world.users["vanphong"], reason="Sáp nhập")
    world.planning.refresh_from_db()
    assert world.planning.is_active is False
    assert OrgUnit.objects.filter(pk=world.planning.pk).exists()


def test_an_empty_unit_created_by_mistake_can_be_deleted(world):
    unit = make_unit("Phòng tạo nhầm", parent=world.agency)
    services.delete_unit(unit, actor=world.users["vanphong"])
    assert not OrgUnit.objects.filter(pk=unit.pk).exists()


def test_a_department_cannot_sit_directly_under_the_province(world):
    with pytest.raises(ValidationError):
        services.create_unit(name="Phòng lạc chỗ", kind=UnitKind.DIVISION, parent=world.province, actor=None)


def test_moving_a_person_keeps_his_history_in_the_old_unit(world):
    person = world.people["canbo"]
    services.move_person(person, world.planning, actor=world.users["vanphong"], on=dt.date(2025, 7, 1))
    history = list(Assignment.objects.filter(person=person).order_by("start_date"))
    assert [a.unit for a in history] == [world.transport, world.planning]
    assert history[0].end_date == dt.date(2025, 7, 1)
    assert history[1].end_date is None


def test_future_birth_date_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.update_person(world.people["canbo"], actor=None, birth_date=dt.date(2999, 1, 1))
    assert "tương lai" in str(exc.value)


def test_person_names_are_stored_nfc(world):
    import unicodedata

    person = services.create_person(
        actor=None, unit=world.office, full_name=unicodedata.normalize("NFD", "Lường Thị Thuỷ"), gender="female",
        birth_date=dt.date(1990, 5, 5), employment_type="vien_chuc",
    )
    assert person.full_name == unicodedata.normalize("NFC", "Lường Thị Thuỷ")
    assert person.name_key == " luong thi thuy "


def test_a_role_granted_outside_the_granters_scope_is_refused(world):
    with pytest.raises(ValidationError) as exc:
        services.grant_role(world.users["canbo"], Role.UNIT_HEAD, world.other_unit, actor=world.users["vanphong"])
    assert "ngoài phạm vi" in str(exc.value)


def test_a_secretariat_cannot_make_an_administrator(world):
    with pytest.raises(ValidationError):
        services.grant_role(world.users["canbo"], Role.ADMIN, world.agency, actor=world.users["vanphong"])


def test_role_grants_are_audited(world):
    grant = services.grant_role(world.users["canbo"], Role.COUNCIL_MEMBER, world.agency, actor=world.users["vanphong"])
    services.revoke_role(grant, actor=world.users["vanphong"])
    actions = list(AuditEvent.objects.filter(target_type="org.rolegrant", target_id=str(grant.pk)).order_by("id").values_list("action", flat=True))
    assert actions == [AuditAction.ROLE_GRANT, AuditAction.ROLE_REVOKE]


def test_audit_rows_can_be_neither_changed_nor_deleted(world):
    event = AuditEvent.objects.first()
    event.note = "sửa lén"
    with pytest.raises(AppendOnlyError):
        event.save()
    with pytest.raises(AppendOnlyError):
        event.delete()
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().update(note="x")
    with pytest.raises(AppendOnlyError):
        AuditEvent.objects.all().delete()
