"""Response headers: a Content-Security-Policy without inline script, a Permissions-Policy, and no caching of
signed-in pages or downloads."""

import re
from pathlib import Path

from django.urls import reverse

import thidua

from ..factories import url_routes
from ..participation.helpers import activity


def _directives(response) -> dict[str, list[str]]:
    policy = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in policy.split(";") if part.strip()}


def test_every_page_has_a_policy_that_allows_no_inline_script(world, client):
    for response in (client.get(reverse("login")), world.login(client, "vanphong").get(reverse("home"))):
        directives = _directives(response)
        assert directives["script-src"] == ["'self'"]
        assert directives["object-src"] == ["'none'"] and directives["frame-ancestors"] == ["'none'"]
        assert "camera=()" in response["Permissions-Policy"] and "geolocation=()" in response["Permissions-Policy"]


def test_signed_in_pages_and_downloads_are_not_cached(world, client):
    world.login(client, "vanphong")
    for url in (reverse("home"), reverse("org:people"), reverse("org:import_template") + f"?agency={world.agency.pk}",
                reverse("participation:activities_export")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url


def test_no_template_has_an_inline_script_or_event_handler():
    root = Path(thidua.__file__).parent
    for path in root.rglob("*.html"):
        text = path.read_text()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), path
        assert not re.search(r"\son[a-z]+\s*=", text), path


def test_no_rendered_page_has_an_inline_script_or_event_handler(world, client):
    activity(world)
    world.login(client, "admin")
    seen = 0
    for route in url_routes():
        if "<" in route or "dang-xuat" in route:
            continue
        response = client.get("/" + route)
        if response.status_code != 200 or not response.get("Content-Type", "").startswith("text/html"):
            continue
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", html), route
        assert not re.search(r"<[a-z]+[^>]*\son[a-z]+\s*=", html), route
        seen += 1
    assert seen > 15


def test_a_message_marked_safe_in_a_forged_cookie_is_shown_as_text(world, client):
    from django.contrib.messages import constants
    from django.contrib.messages.storage.base import Message
    from django.contrib.messages.storage.cookie import CookieStorage
    from django.http import HttpRequest
    from django.utils.safestring import mark_safe

    payload = '<img src=x data-x="1">'
    client.cookies["messages"] = CookieStorage(HttpRequest())._encode([Message(constants.INFO, mark_safe(payload))])
    page = world.login(client, "canbo").get(reverse("home")).content.decode()
    assert payload not in page
    assert "&lt;img src=x data-x=&quot;1&quot;&gt;" in page
