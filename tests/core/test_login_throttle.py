"""The login throttle: counted on the user name as Django matches it, per account and per address, waits that
grow and cap, attempts during a wait that do not extend it, and no long lock-out of a user by a stranger."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from thidua.core import throttle
from thidua.core.models import AuditAction, AuditEvent, ThrottleEvent

from ..conftest import PASSWORD


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved by hand (no sleeping)."""

    class Clock:
        at = timezone.now()

        def advance(self, **delta):
            self.at += dt.timedelta(**delta)

    c = Clock()
    monkeypatch.setattr(throttle, "now", lambda: c.at)
    return c


@pytest.fixture
def limits(settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 6
    settings.LOGIN_LOCKOUT_MINUTES = 15
    return settings


def attempt(client, username, password="sai", ip="10.0.0.9"):
    response = client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=ip)
    page = response.content.decode() if response.status_code == 200 else ""
    return "signed in" if response.status_code == 302 else ("waiting" if "Tạm khóa đăng nhập" in page else "wrong")


def test_other_spellings_of_a_user_name_count_on_the_same_account(world, client, clock, limits):
    for spelling in ("ｈoidong", "HOIDONG", "hoidong"):  # full-width h, upper case, plain
        assert attempt(client, spelling) == "wrong"
    assert attempt(client, "ｈoidong", PASSWORD) == "waiting"
    assert attempt(client, "hoidong", PASSWORD) == "waiting"
    assert "_auth_user_id" not in client.session


def test_the_wait_grows_with_each_failure_and_is_capped(world, client, clock, limits):
    for _ in range(3):
        assert attempt(client, "canbo") == "wrong"
    waits = []
    for _ in range(7):
        wait = throttle.login_wait("canbo", "10.0.0.9")
        waits.append(wait.seconds)
        clock.advance(seconds=wait.seconds)
        assert attempt(client, "canbo") == "wrong"
    assert waits == [60, 120, 240, 480, 900, 900, 900]
    assert "15 phút" in client.post(reverse("login"), {"username": "canbo", "password": PASSWORD},
                                    REMOTE_ADDR="10.0.0.9").content.decode()


def test_attempts_during_a_wait_do_not_extend_it(world, client, clock, limits):
    for _ in range(3):
        attempt(client, "canbo")
    for _ in range(20):
        clock.advance(seconds=2)
        assert attempt(client, "canbo") == "waiting"
    clock.advance(seconds=21)  # 61 s after the third failure
    assert attempt(client, "canbo", PASSWORD) == "signed in"
    refused = AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, note__startswith="Đang phải chờ")
    assert refused.count() == 20


def test_one_address_trying_many_names_is_throttled_on_its_own_count(world, client, clock, limits):
    names = ["vanphong", "giamdoc", "hoidong", "truongphong", "congdoan", "tinh"]
    for name in names:
        assert attempt(client, name, ip="203.0.113.5") == "wrong"
    assert attempt(client, "canbo", PASSWORD, ip="203.0.113.5") == "waiting"
    # the accounts themselves are not held: their owners sign in from elsewhere
    assert attempt(client, "vanphong", PASSWORD, ip="10.1.1.1") == "signed in"


def test_a_stranger_typing_a_name_does_not_keep_its_owner_out(world, client, clock, limits):
    assert attempt(client, "canbo", PASSWORD, ip="10.2.0.7") == "signed in"  # his usual office address
    client.post(reverse("logout"))
    for _ in range(12):
        clock.advance(seconds=throttle.login_wait("canbo", "198.51.100.66").seconds)
        attempt(client, "canbo", ip="198.51.100.66")
    assert attempt(client, "canbo", PASSWORD, ip="198.51.100.66") == "waiting"
    # at his usual address he signs in at once; from a new one he waits no more than the cap
    assert throttle.login_wait("canbo", "10.99.0.1").seconds <= 15 * 60
    assert attempt(client, "canbo", PASSWORD, ip="10.2.0.7") == "signed in"


def test_a_successful_login_forgives_the_accounts_failures(world, client, clock, limits):
    attempt(client, "canbo")
    attempt(client, "canbo")
    assert attempt(client, "canbo", PASSWORD) == "signed in"
    assert not ThrottleEvent.objects.filter(scope=throttle.LOGIN_ACCOUNT).exists()


def test_the_settings_keep_their_meaning(world, client, clock, settings):
    settings.LOGIN_FAILURE_LIMIT = 1
    settings.LOGIN_LOCKOUT_MINUTES = 1
    attempt(client, "canbo")
    assert throttle.login_wait("canbo", "10.0.0.9").seconds == 60
    attempt_after = throttle.delay_for(10, 1)
    assert attempt_after == dt.timedelta(minutes=1)


def test_password_reset_is_rate_limited_per_email_and_per_address(world, client, clock, settings):
    settings.PASSWORD_RESET_LIMIT = 2
    settings.PASSWORD_RESET_ADDRESS_LIMIT = 4
    email = world.users["canbo"].email
    for _ in range(3):
        response = client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR="10.3.0.1")
        assert response.status_code == 302  # the same answer every time
    assert len(mail.outbox) == 2
    client.post(reverse("password_reset"), {"email": "khac@example.vn"}, REMOTE_ADDR="10.3.0.1")
    response = client.post(reverse("password_reset"), {"email": world.users["vanphong"].email},
                           REMOTE_ADDR="10.3.0.1")
    assert response.status_code == 200
    assert "quá nhiều yêu cầu đặt lại mật khẩu" in response.content.decode()
    assert len(mail.outbox) == 2
    clock.advance(hours=1, seconds=1)
    client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR="10.3.0.1")
    assert len(mail.outbox) == 3
