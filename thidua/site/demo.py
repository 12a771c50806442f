"""The whole demo, in one place for `thidua demo` and `thidua bench`: the province's org tree and accounts, plan
2679 with what its units did under it in 2022–2025 (registrations, households and activities, fund campaigns),
then the yearly movements of every agency and the 2026 registrations, and last the commendation of plan 2679
(its review rounds, ratings, nominations and Council sessions: thidua.awards.demo)."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction

DEMO_AGENCY = "Sở Giao thông vận tải tỉnh Cao Bằng"


def load_all(out: Callable[[str], object] = print) -> bool:
    """Load what is missing; True when the org demo was created now (False: it was already there)."""
    from thidua.fund.demo import load_fund_demo, load_open_campaign
    from thidua.movements.demo import CODE, load_movements_demo, load_regular_movements
    from thidua.movements.models import Movement
    from thidua.org.demo import load_demo
    from thidua.org.enums import AGENCY_KINDS
    from thidua.org.models import OrgUnit
    from thidua.participation.demo import load_participation_demo
    from thidua.participation.registrations.demo import load_plan_registrations, load_registrations_demo

    created = load_demo(out=out)
    agency = OrgUnit.objects.filter(name=DEMO_AGENCY).first()
    if agency is None:
        return created

    def while_launched(plan) -> None:
        load_plan_registrations(plan, out=out)
        load_participation_demo(agency, plan, out=out)
        load_fund_demo(agency, plan, out=out)

    if load_movements_demo(agency, out=out, while_launched=while_launched):
        transaction.on_commit(_settle_plan_notices)  # after the notices, which are written on commit too
    load_regular_movements(OrgUnit.objects.filter(kind__in=AGENCY_KINDS).exclude(code__startswith="SYN-")
                           .order_by("path"), out=out)
    load_registrations_demo(agency, out=out)
    load_open_campaign(agency, Movement.objects.filter(code=f"thuong-xuyen-2026-{agency.pk}").first(), out=out)
    plan = Movement.objects.filter(code=CODE).first()
    if plan is not None:
        from thidua.awards.demo import load_awards_demo

        with transaction.atomic():  # each area adds only what is missing: a second run adds nothing
            load_awards_demo(agency, plan, out=out,
                             current=Movement.objects.filter(code=f"thuong-xuyen-2026-{agency.pk}").first())
    return created


def _settle_plan_notices() -> None:
    """The notices of 2022–2025 registrations were handled years ago: none is "new" on anyone's home page."""
    from django.urls import reverse

    from thidua.core.notifications import resolve
    from thidua.movements.demo import CODE
    from thidua.participation.registrations.models import Registration

    for registration_id in Registration.objects.filter(movement__code=CODE).values_list("id", flat=True):
        resolve(reverse("registrations:edit", args=[registration_id]))
