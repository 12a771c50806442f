import re

from django.core import mail
from django.urls import reverse

from thidua.core.models import AuditAction, AuditEvent

from ..conftest import PASSWORD


def test_login_page_is_in_vietnamese(client):
    page = client.get(reverse("login")).content.decode()
    assert "Tên đăng nhập" in page and "Mật khẩu" in page and "Quên mật khẩu?" in page


def test_failed_login_is_audited_with_address(world, client):
    client.post(reverse("login"), {"username": "canbo", "password": "sai"}, REMOTE_ADDR="10.1.2.3")
    event = AuditEvent.objects.get(action=AuditAction.LOGIN_FAILED)
    assert event.target_repr == "canbo"
    assert event.ip == "10.1.2.3"


def test_account_is_locked_after_repeated_failures_even_with_the_right_password(world, client, settings):
    settings.LOGIN_FAILURE_LIMIT = 3
    for _ in range(3):
        response = client.post(reverse("login"), {"username": "canbo", "password": "sai"})
        assert "không đúng" in response.content.decode()
    response = client.post(reverse("login"), {"username": "canbo", "password": PASSWORD})
    assert "Tạm khóa đăng nhập" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_correct_login_then_logout(world, client):
    response = client.post(reverse("login"), {"username": "vanphong", "password": PASSWORD})
    assert response.status_code == 302
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN, actor=world.users["vanphong"]).exists()
    client.post(reverse("logout"))
    assert client.get(reverse("home")).status_code == 302


def test_password_reset_by_email_then_login_with_new_password(world, client):
    user = world.users["canbo"]
    client.post(reverse("password_reset"), {"email": user.email})
    assert len(mail.outbox) == 1
    assert "Đặt lại mật khẩu" in mail.outbox[0].subject
    link = re.search(r"https?://[^/]+(/\S+)", mail.outbox[0].body).group(1)
    response = client.get(link, follow=True)
    form_url = response.redirect_chain[-1][0] if response.redirect_chain else link
    client.post(form_url, {"new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026"})
    assert client.login(username="canbo", password="Mat-khau-moi-2026")
    assert AuditEvent.objects.filter(action=AuditAction.PASSWORD_RESET, target_id=str(user.pk)).exists()


def test_password_change(world, client):
    world.login(client, "canbo")
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": "Mat-khau-moi-2026", "new_password2": "Mat-khau-moi-2026",
    })
    assert response.status_code == 302
    client.logout()
    assert client.login(username="canbo", password="Mat-khau-moi-2026")


def test_a_new_password_equal_to_the_current_one_is_refused(world, client):
    world.login(client, "canbo")
    response = client.post(reverse("password_change"), {
        "old_password": PASSWORD, "new_password1": PASSWORD, "new_password2": PASSWORD})
    assert response.status_code == 200
    assert "Mật khẩu mới phải khác mật khẩu hiện tại." in response.content.decode()
    assert not AuditEvent.objects.filter(action=AuditAction.PASSWORD_CHANGE).exists()


def test_the_stylesheets_and_scripts_are_served(client):
    for path in ("/static/vendor/bootstrap/bootstrap.min.css", "/static/thidua/app.css", "/static/vendor/htmx/htmx.min.js"):
        response = client.get(path)
        assert response.status_code == 200, path
