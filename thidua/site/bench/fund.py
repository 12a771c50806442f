"""The fund's pages for `thidua bench` (the runner measures `pages()`, and calls `thidua.fund.synth.synth_fund()`
after the synthetic province is made)."""

from __future__ import annotations

import datetime as dt

from .page import Pages

DEMO_CAMPAIGN = "Tháng cao điểm “Vì người nghèo” năm 2023"  # as thidua.fund.demo names it


def demo_campaign():
    """The demo agency's 2023 peak-month campaign, made on first use with a few contributions."""
    from thidua.fund import services
    from thidua.fund.models import Campaign
    from thidua.org.models import OrgUnit, Person

    agency = OrgUnit.objects.get(name="Sở Giao thông vận tải tỉnh Cao Bằng")
    campaign = Campaign.objects.filter(agency=agency, name=DEMO_CAMPAIGN).first()
    if campaign is None:
        campaign = services.create_campaign(actor=None, agency=agency, name=DEMO_CAMPAIGN,
                                            start_date=dt.date(2023, 10, 17), end_date=dt.date(2023, 11, 18),
                                            fund_holder="Ủy ban MTTQ Việt Nam tỉnh Cao Bằng")
        for i, person in enumerate(Person.objects.filter(unit__agency=agency, is_active=True).order_by("id")[:40]):
            services.record_contribution(campaign, actor=None, person=person, amount=200_000 + 10_000 * (i % 10),
                                         entry_date=dt.date(2023, 10, 17 + i % 14), method="payroll")
    return campaign


def largest_campaign():
    """The campaign with the most entries: the demo one at the small scale, a synthetic one at province scale."""
    from thidua.fund.models import Campaign

    demo_campaign()
    return Campaign.objects.order_by("-ledger__entry_count", "id").first()


def pages() -> Pages:
    from django.urls import reverse

    found = Pages()
    register = found.add

    def unit_url():
        from thidua.org.models import OrgUnit

        campaign = demo_campaign()
        unit = OrgUnit.objects.filter(agency=campaign.agency, fund_entries__campaign=campaign).order_by("id").first()
        return reverse("fund:unit", args=[campaign.pk, unit.pk])

    def largest_unit_url():
        from thidua.fund.models import Balance

        campaign = largest_campaign()
        row = Balance.objects.filter(campaign=campaign, unit__isnull=False).order_by("-entry_count", "id").first()
        return reverse("fund:unit", args=[campaign.pk, row.unit_id])

    register("fund_list", "vanphong", lambda: reverse("fund:list"))
    register("fund_list_province", "tinh", lambda: reverse("fund:list"))
    register("fund_campaign", "vanphong", lambda: reverse("fund:detail", args=[demo_campaign().pk]))
    register("fund_campaign_largest", "admin", lambda: reverse("fund:detail", args=[largest_campaign().pk]))
    register("fund_unit", "vanphong", unit_url)
    register("fund_unit_largest", "admin", largest_unit_url)
    return found
