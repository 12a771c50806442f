"""The signers: one Giám đốc per agency at a time, deputies as Phó Giám đốc."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from thidua.core.models import AuditAction, AuditEvent
from thidua.org import services
from thidua.org.enums import Role
from thidua.org.models import RoleGrant

from ..factories import UserFactory


def test_a_second_director_is_refused_with_the_current_ones_name(world):
    newcomer = UserFactory(username="giamdoc_moi")
    count = AuditEvent.objects.filter(action=AuditAction.ROLE_GRANT).count()
    with pytest.raises(ValidationError) as exc:
        services.grant_role(newcomer, Role.DIRECTOR, world.agency, actor=world.users["vanphong"])
    message = " ".join(exc.value.messages)
    assert "Sở Giao thông vận tải tỉnh Cao Bằng đã có Giám đốc: Nông Văn Đức" in message
    assert "Phó Giám đốc" in message
    assert not RoleGrant.objects.filter(user=newcomer).exists()
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_GRANT).count() == count


def test_several_deputies_are_allowed_and_a_new_director_after_the_old_one_is_revoked(world):
    office = world.users["vanphong"]
    first, second = UserFactory(username="pgd1"), UserFactory(username="pgd2")
    services.grant_role(first, Role.DEPUTY_DIRECTOR, world.agency, actor=office)
    services.grant_role(second, Role.DEPUTY_DIRECTOR, world.agency, actor=office)
    assert RoleGrant.objects.filter(role=Role.DEPUTY_DIRECTOR, unit=world.agency, is_active=True).count() == 2

    old = RoleGrant.objects.get(role=Role.DIRECTOR, unit=world.agency, is_active=True)
    services.revoke_role(old, actor=office)
    successor = UserFactory(username="giamdoc_moi")
    services.grant_role(successor, Role.DIRECTOR, world.agency, actor=office)
    assert list(RoleGrant.objects.filter(role=Role.DIRECTOR, is_active=True).values_list("user__username", flat=True)) \
        == ["giamdoc_moi"]


def test_another_agency_has_its_own_director(world):
    services.grant_role(UserFactory(username="gd_yte"), Role.DIRECTOR, world.other_agency,
                        actor=world.users["vanphong_khac"])
    assert RoleGrant.objects.filter(role=Role.DIRECTOR, is_active=True).count() == 2


@pytest.mark.parametrize("role", [Role.DIRECTOR, Role.DEPUTY_DIRECTOR])
def test_signer_roles_are_granted_on_the_agency_not_a_division(world, role):
    user = UserFactory(username="nguoi_ky")
    with pytest.raises(ValidationError) as exc:
        services.grant_role(user, role, world.office, actor=world.users["vanphong"])
    assert "cấp cho cả cơ quan" in " ".join(exc.value.messages)
    assert not RoleGrant.objects.filter(user=user).exists()


def test_the_director_cannot_also_be_a_deputy_of_the_same_agency(world):
    with pytest.raises(ValidationError) as exc:
        services.grant_role(world.users["giamdoc"], Role.DEPUTY_DIRECTOR, world.agency, actor=world.users["vanphong"])
    assert "Giám đốc (người ký)" in " ".join(exc.value.messages)


def test_the_database_refuses_a_second_active_director_too(world):
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=UserFactory(username="lach_luat"), role=Role.DIRECTOR, unit=world.agency)


def test_the_role_form_shows_the_refusal(world, client):
    person = world.people["hoidong"]
    world.login(client, "vanphong")
    response = client.post(reverse("org:person_roles", args=[person.pk]),
                           {"role": Role.DIRECTOR, "unit": world.agency.pk})
    assert response.status_code == 200
    assert "đã có Giám đốc: Nông Văn Đức" in response.content.decode()
    assert not RoleGrant.objects.filter(user=world.users["hoidong"], role=Role.DIRECTOR).exists()
