"""Bench pages of the floor, the org tree and people, the audit log and the movements."""

from __future__ import annotations

from .page import Pages


def pages() -> Pages:
    from django.urls import reverse

    from thidua.org.models import OrgUnit

    found = Pages()
    register = found.add

    def agency_unit() -> str:
        unit = OrgUnit.objects.get(name="Văn phòng Sở", agency__short_name="Sở GTVT")
        return reverse("org:unit", args=[unit.pk])

    register("floor", "admin", lambda: reverse("health"))
    register("person_list", "admin", lambda: reverse("org:people"))
    def name_of(username: str) -> str:
        from urllib.parse import quote_plus

        from thidua.core.text import fold
        from thidua.org.models import Person

        return quote_plus(fold(Person.objects.get(user__username=username).full_name))

    # a common word (a full page of results at both scales) and a person's full name (one or two results)
    register("person_search", "admin", lambda: reverse("org:people") + "?q=thi")
    register("person_search_name", "admin", lambda: reverse("org:people") + "?q=" + name_of("canbo"))
    register("person_search_unit_head", "truongphong", lambda: reverse("org:people") + "?q=nguyen")
    register("org_tree", "admin", lambda: reverse("org:tree"))
    register("unit_detail", "vanphong", agency_unit)
    register("audit_log", "admin", lambda: reverse("audit_log"))
    register("audit_search", "vanphong", lambda: reverse("audit_log") + "?q=nguyen")

    def movement_2679() -> str:
        from thidua.movements.models import Movement

        return reverse("movements:detail", args=[Movement.objects.get(code="vi-nguoi-ngheo-2021-2025").pk])

    register("movement_list", "vanphong", lambda: reverse("movements:list"))
    register("movement_list_province", "tinh", lambda: reverse("movements:list"))
    register("movement_detail", "vanphong", movement_2679)
    register("movement_public", None, lambda: reverse("public:public", args=["vi-nguoi-ngheo-2021-2025"]))
    return found
