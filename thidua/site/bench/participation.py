"""Bench pages of the participation domain (measured by thidua.site.bench.runner)."""

from __future__ import annotations

from django.urls import reverse

from .page import Pages


def pages() -> Pages:
    found = Pages()
    register = found.add

    register("activity_list", "vanphong", lambda: reverse("participation:activities"))
    register("activity_list_province", "tinh", lambda: reverse("participation:activities"))
    register("activity_list_admin", "admin", lambda: reverse("participation:activities"))
    register("household_list", "vanphong", lambda: reverse("participation:households"))
    register("household_search", "vanphong", lambda: reverse("participation:households") + "?q=nong")
    register("household_search_admin", "admin", lambda: reverse("participation:households") + "?q=hoang van")
    register("dashboard", "vanphong", lambda: reverse("participation:dashboard"))
    register("dashboard_unit_head", "truongphong", lambda: reverse("participation:dashboard"))
    return found
