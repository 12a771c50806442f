"""Under the Content-Security-Policy (no inline script) the pages' behaviours still work, from static files,
and the browser reports no violation."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from thidua.org.models import OrgUnit

from .test_people_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_pages_work_without_inline_scripts_and_violate_no_policy(world, live_server, page):
    base = live_server.url
    violations = []
    page.on("console", lambda msg: violations.append(msg.text) if "Content Security Policy" in msg.text else None)
    login(page, base, "admin")

    # the org tree: the first click loads a unit's children, the second folds them
    page.goto(base + reverse("org:tree"))
    toggle = page.locator("[data-tree-toggle]").first
    toggle.click()
    kids = toggle.locator("xpath=..").locator(".kids").first
    kids.locator("li").first.wait_for()
    assert toggle.inner_text() == "▾"
    toggle.click()
    expect(kids).to_be_hidden()

    # a confirmation declined sends nothing; accepted, the form is sent
    page.goto(base + reverse("org:unit", args=[world.planning.pk]))
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.get_by_role("button", name="Ngừng hoạt động").click()
    page.wait_for_timeout(300)
    assert asked == ["Ngừng hoạt động đơn vị này? Lịch sử vẫn được giữ."]
    assert page.locator(".alert").count() == 0  # nothing was sent
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Ngừng hoạt động").click()
    # sent: the service answers (the unit still has staff, so it stays active)
    page.get_by_text("Đơn vị còn cán bộ đang công tác").wait_for()
    assert OrgUnit.objects.get(pk=world.planning.pk).is_active

    # the dashboard draws its charts
    page.goto(base + reverse("participation:dashboard"))
    assert page.evaluate("() => !!(window.Chart && Chart.getChart('chart-years') && Chart.getChart('chart-items'))")

    # choosing a language in the footer switches at once
    page.get_by_label("Ngôn ngữ / Language").select_option("en")
    page.wait_for_function("() => document.documentElement.lang === 'en'")

    assert violations == []
