"""People who leave lose their access at once; the Office disables and re-enables accounts; accounts the Office
creates follow the password rules and must change their first password."""

import pytest
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from thidua.core.models import AuditAction, AuditEvent, PasswordChangeRequired
from thidua.org import services
from thidua.org.enums import Role
from thidua.org.models import Person, RoleGrant

from ..conftest import PASSWORD


def _signed_in_client(world, username: str) -> Client:
    client = Client()
    assert client.login(username=username, password=PASSWORD)
    assert client.get(reverse("home")).status_code == 200
    return client


def _user_sessions(user) -> int:
    return sum(1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk))


# --- leaving -----------------------------------------------------------------------------------------------


def test_a_person_who_leaves_loses_account_roles_and_sessions_at_once(world):
    person, user = world.people["canbo"], world.users["canbo"]
    user_client = _signed_in_client(world, "canbo")
    assert _user_sessions(user) == 1

    services.set_person_active(person, False, actor=world.users["vanphong"], reason="Nghỉ hưu theo QĐ 12/QĐ-SGTVT")

    user.refresh_from_db()
    assert not user.is_active
    assert not RoleGrant.objects.filter(user=user, is_active=True).exists()
    assert _user_sessions(user) == 0
    assert user_client.get(reverse("home")).status_code == 302  # signed out: to the login page
    assert not Client().login(username="canbo", password=PASSWORD)
    disabled = AuditEvent.objects.get(action=AuditAction.ACCOUNT_DISABLE, target_id=str(user.pk))
    assert disabled.agency_id == world.agency.pk
    assert "Nghỉ hưu" in disabled.note
    assert AuditEvent.objects.filter(action=AuditAction.ROLE_REVOKE, target_type="org.rolegrant",
                                     note__startswith="Thôi công tác").count() == 1


def test_leaving_is_one_transaction_a_failure_changes_nothing(world, monkeypatch):
    person, user = world.people["canbo"], world.users["canbo"]

    def boom(user):
        raise RuntimeError("session store down")

    monkeypatch.setattr("thidua.core.accounts.end_sessions", boom)
    with pytest.raises(RuntimeError):
        services.set_person_active(person, False, actor=world.users["vanphong"])
    person.refresh_from_db()
    user.refresh_from_db()
    assert person.is_active and user.is_active
    assert RoleGrant.objects.filter(user=user, is_active=True).exists()


def test_marking_someone_as_left_asks_for_confirmation_first(world, client):
    person = world.people["canbo"]
    world.login(client, "vanphong")
    page = client.get(reverse("org:person_set_active", args=[person.pk]))
    text = page.content.decode()
    assert "Ghi nhận Nguyễn Văn An thôi công tác?" in text
    assert "Tài khoản canbo bị khóa ngay" in text
    # a POST without the confirmation shows the question again and changes nothing
    again = client.post(reverse("org:person_set_active", args=[person.pk]), {"active": "0"})
    assert "Xác nhận thôi công tác" in again.content.decode()
    person.refresh_from_db()
    assert person.is_active

    done = client.post(reverse("org:person_set_active", args=[person.pk]),
                       {"active": "0", "confirm": "1", "reason": "Chuyển công tác ra ngoài tỉnh"}, follow=True)
    assert "đã thôi công tác; tài khoản đã bị khóa và vai trò đã thu hồi" in done.content.decode()
    person.refresh_from_db()
    assert not person.is_active
    assert not person.user.is_active


def test_marking_twice_is_refused_and_changes_nothing(world):
    person = world.people["canbo2"]
    services.set_person_active(person, False, actor=world.users["vanphong"])
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.set_person_active(person, False, actor=world.users["vanphong"])
    assert "thôi công tác từ trước" in str(exc.value)
    assert AuditEvent.objects.count() == count


def test_coming_back_does_not_reopen_the_account(world):
    person, user = world.people["canbo"], world.users["canbo"]
    services.set_person_active(person, False, actor=world.users["vanphong"])
    services.set_person_active(person, True, actor=world.users["vanphong"])
    user.refresh_from_db()
    assert not user.is_active


# --- the Office disables and re-enables accounts -------------------------------------------------------------


def test_the_office_disables_and_re_enables_an_account_from_the_person_page(world, client):
    person, user = world.people["canbo"], world.users["canbo"]
    user_client = _signed_in_client(world, "canbo")
    world.login(client, "vanphong")
    page = client.get(reverse("org:person", args=[person.pk])).content.decode()
    assert "Khóa tài khoản" in page

    confirm = client.get(reverse("org:person_account", args=[person.pk])).content.decode()
    assert "Khóa tài khoản canbo của Nguyễn Văn An?" in confirm
    user.refresh_from_db()
    assert user.is_active  # asking changes nothing

    client.post(reverse("org:person_account", args=[person.pk]),
                {"active": "0", "confirm": "1", "reason": "Nghi lộ mật khẩu"})
    user.refresh_from_db()
    assert not user.is_active
    assert user_client.get(reverse("home")).status_code == 302
    assert RoleGrant.objects.filter(user=user, is_active=True).exists()  # a pause: roles kept
    page = client.get(reverse("org:person", args=[person.pk])).content.decode()
    assert "đã khóa" in page and "Mở lại tài khoản" in page

    client.post(reverse("org:person_account", args=[person.pk]), {"active": "1"})
    user.refresh_from_db()
    assert user.is_active
    assert Client().login(username="canbo", password=PASSWORD)
    actions = list(AuditEvent.objects.filter(target_type="auth.user", target_id=str(user.pk),
                                             action__in=[AuditAction.ACCOUNT_DISABLE, AuditAction.ACCOUNT_ENABLE])
                   .order_by("id").values_list("action", "note", "agency_id"))
    assert actions == [(AuditAction.ACCOUNT_DISABLE, "Nghi lộ mật khẩu", world.agency.pk),
                       (AuditAction.ACCOUNT_ENABLE, "", world.agency.pk)]


def test_a_unit_head_cannot_disable_accounts(world, client):
    person, user = world.people["canbo"], world.users["canbo"]
    world.login(client, "truongphong")
    assert "Khóa tài khoản" not in client.get(reverse("org:person", args=[person.pk])).content.decode()
    response = client.post(reverse("org:person_account", args=[person.pk]), {"active": "0", "confirm": "1"})
    assert response.status_code in (403, 404)
    user.refresh_from_db()
    assert user.is_active
    with pytest.raises(ValidationError):
        services.set_account_active(person, False, actor=world.users["truongphong"])


def test_another_agencys_office_cannot_disable_our_accounts(world, client):
    person, user = world.people["canbo"], world.users["canbo"]
    world.login(client, "vanphong_khac")
    response = client.post(reverse("org:person_account", args=[person.pk]), {"active": "0", "confirm": "1"})
    assert response.status_code == 404
    user.refresh_from_db()
    assert user.is_active


@pytest.mark.parametrize("case", ["self", "admin", "left", "twice"])
def test_refused_account_changes_say_why_and_change_nothing(world, case):
    office = world.users["vanphong"]
    if case == "self":
        person, active, expected = world.people["vanphong"], False, "chính mình"
    elif case == "admin":
        person = world.people["planning"]
        admin_user = world.users["admin"]
        person.user = admin_user
        person.save(update_fields=["user"])
        active, expected = False, "quản trị hệ thống"
    elif case == "left":
        person = world.people["canbo"]
        services.set_person_active(person, False, actor=office)
        active, expected = True, "thôi công tác"
    else:
        person, active, expected = world.people["canbo"], True, "đang hoạt động"
    person.refresh_from_db()
    state = person.user.is_active
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.set_account_active(person, active, actor=office)
    assert expected in str(exc.value)
    person.user.refresh_from_db()
    assert person.user.is_active == state
    assert AuditEvent.objects.count() == count


def test_a_disabled_account_gets_no_new_role(world):
    person, user = world.people["canbo"], world.users["canbo"]
    services.set_account_active(person, False, actor=world.users["vanphong"])
    with pytest.raises(ValidationError) as exc:
        services.grant_role(user, Role.UNIT_HEAD, world.transport, actor=world.users["vanphong"])
    assert "đang bị khóa" in str(exc.value)
    assert not RoleGrant.objects.filter(user=user, role=Role.UNIT_HEAD).exists()


# --- accounts the Office creates ---------------------------------------------------------------------------


def _create_account(client, person, password, password2=None, username="lan.nt"):
    return client.post(reverse("org:person_roles", args=[person.pk]), {
        "username": username, "password": password, "password2": password2 if password2 is not None else password,
    })


@pytest.mark.parametrize("password, message", [
    ("Lan12", "quá ngắn"),
    ("12345678901", "chỉ gồm chữ số"),
    ("password123", "quá phổ biến"),
    ("nguyenthilan", "quá giống"),
])
def test_a_created_account_follows_the_password_rules(world, client, password, message):
    person = world.people["canbo2"]
    world.login(client, "vanphong")
    response = _create_account(client, person, password)
    assert response.status_code == 200
    assert message in response.content.decode()
    person.refresh_from_db()
    assert person.user is None
    assert not AuditEvent.objects.filter(action=AuditAction.ACCOUNT_CREATE).exists()


def test_the_two_passwords_must_match(world, client):
    person = world.people["canbo2"]
    world.login(client, "vanphong")
    response = _create_account(client, person, "Cao-Bang-2026", "Cao-Bang-2027")
    assert "Hai mật khẩu không khớp nhau." in response.content.decode()
    person.refresh_from_db()
    assert person.user is None


def test_the_service_refuses_a_weak_password_too(world):
    person = world.people["canbo2"]
    with pytest.raises(ValidationError):
        services.create_account(person, username="lan.nt", password="123", actor=world.users["vanphong"])
    person.refresh_from_db()
    assert person.user is None


def test_a_new_account_must_change_its_password_at_first_login(world, client):
    person = world.people["canbo2"]
    world.login(client, "vanphong")
    response = _create_account(client, person, "Cao-Bang-2026")
    assert response.status_code == 302
    person.refresh_from_db()
    user = person.user
    assert user.has_usable_password() and user.role_grants.filter(role=Role.STAFF, is_active=True).exists()
    assert PasswordChangeRequired.objects.filter(user=user).exists()
    assert AuditEvent.objects.filter(action=AuditAction.ACCOUNT_CREATE, target_id=str(user.pk),
                                     agency_id=world.agency.pk).exists()

    newcomer = Client()
    login = newcomer.post(reverse("login"), {"username": "lan.nt", "password": "Cao-Bang-2026"})
    assert login.status_code == 302
    for url in (reverse("home"), reverse("org:people"), reverse("org:person", args=[person.pk])):
        response = newcomer.get(url)
        assert response.status_code == 302 and response.url == reverse("password_change"), url
    form = newcomer.get(reverse("password_change"))
    assert "hãy đổi mật khẩu trước khi dùng hệ thống" in form.content.decode()

    weak = newcomer.post(reverse("password_change"), {
        "old_password": "Cao-Bang-2026", "new_password1": "12345678", "new_password2": "12345678"})
    assert weak.status_code == 200
    assert newcomer.get(reverse("home")).status_code == 302  # still held

    changed = newcomer.post(reverse("password_change"), {
        "old_password": "Cao-Bang-2026", "new_password1": "Thi-dua-Cao-Bang-9", "new_password2": "Thi-dua-Cao-Bang-9"})
    assert changed.status_code == 302
    assert not PasswordChangeRequired.objects.filter(user=user).exists()
    assert newcomer.get(reverse("home")).status_code == 200


def test_an_account_is_not_made_for_someone_who_has_left(world):
    person = world.people["team"]
    services.set_person_active(person, False, actor=world.users["vanphong"])
    with pytest.raises(ValidationError) as exc:
        services.create_account(Person.objects.get(pk=person.pk), username="dong.bv", password="Cao-Bang-2026",
                                actor=world.users["vanphong"])
    assert "thôi công tác" in str(exc.value)


def test_the_person_page_shows_what_was_done_to_the_account_but_not_every_sign_in(world, client):
    person = world.people["canbo"]
    _signed_in_client(world, "canbo")  # a sign-in: in the log, not on the person's page
    services.set_account_active(person, False, actor=world.users["vanphong"], reason="Nghi lộ mật khẩu")
    world.login(client, "vanphong")
    history = client.get(reverse("org:person", args=[person.pk])).context["history"]
    assert [e.action for e in history][:1] == [AuditAction.ACCOUNT_DISABLE]
    assert AuditAction.LOGIN not in {e.action for e in history}


def test_the_change_form_speaks_plain_vietnamese(world, client):
    world.login(client, "canbo")
    response = client.post(reverse("password_change"), {
        "old_password": "sai", "new_password1": "canbo123", "new_password2": "canbo124"})
    text = response.content.decode()
    for message in ("Mật khẩu hiện tại không đúng: hãy nhập lại.", "Hai mật khẩu mới không khớp nhau.",
                    "Mật khẩu hiện tại", "Nhập lại mật khẩu mới", "Mật khẩu có ít nhất 8 ký tự."):
        assert message in text
    weak = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "canbo123", "new_password2": "canbo123"})
    assert "Mật khẩu quá giống tên đăng nhập." in weak.content.decode()
    world.users["canbo"].refresh_from_db()
    assert world.users["canbo"].check_password(PASSWORD)


def test_nobody_marks_himself_as_left(world):
    person = world.people["vanphong"]
    with pytest.raises(ValidationError) as exc:
        services.set_person_active(person, False, actor=world.users["vanphong"])
    assert "chính mình" in str(exc.value)
    person.refresh_from_db()
    assert person.is_active and person.user.is_active


def test_a_password_set_through_the_reset_link_also_lifts_the_first_password_rule(world, client):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = world.users["canbo"]
    PasswordChangeRequired.objects.create(user=user)
    uid, token = urlsafe_base64_encode(force_bytes(user.pk)), default_token_generator.make_token(user)
    form_url = client.get(reverse("password_reset_confirm", args=[uid, token]))["Location"]
    done = client.post(form_url, {"new_password1": "Thi-dua-Cao-Bang-9", "new_password2": "Thi-dua-Cao-Bang-9"})
    assert done.status_code == 302
    assert not PasswordChangeRequired.objects.filter(user=user).exists()
