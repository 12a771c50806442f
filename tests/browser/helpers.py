"""What the browser tests share."""

from django.urls import reverse

from ..conftest import PASSWORD


def login(page, base, username):
    page.goto(base + reverse("login"))
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(base + reverse("home"))
