"""What the fund adds to participation's pages, through the hooks participation asks (thidua.core.hooks):
participation does not import the fund, the fund imports participation (a spending names an activity).
Provided in FundConfig.ready()."""

from __future__ import annotations

from django.db.models import F, Sum
from django.db.models.functions import ExtractYear

from thidua.core.db import startswith_q

from .enums import Flow
from .models import Balance, Campaign, Entry
from .rules import reads_agency_ledger


def activity_funding(request, activity) -> dict | None:
    """What the "Vì người nghèo" fund paid for the activity, net of corrections, per campaign (fund spending is
    negative) — shown to those who read the agency's whole ledger, as the fund pages do."""
    if not reads_agency_ledger(request.user, activity.agency):  # a spending is of the activity's own agency
        return None
    funded = [row for row in activity.fund_entries.values("campaign_id", "campaign__name")
              .annotate(total=Sum("amount")).order_by("campaign_id") if row["total"]]
    if not funded:
        return None
    return {"template": "fund/_activity_funding.html",
            "funded": [{"campaign_id": r["campaign_id"], "name": r["campaign__name"], "amount": -r["total"]}
                       for r in funded]}


def unit_contributions(*, agency, movement, unit, year) -> dict:
    """For the unit dashboard: the money contributed under the unit's subtree per campaign year (the kept Balance
    rows, "u<unit>" keys: every contribution is counted once, under the unit of the contributor) in the agency's
    campaigns of the movement, and how many people gave (net of corrections) while in the subtree (the entries'
    unit) to the year's campaigns, or the movement's when no year is chosen; "givers" is their ids, as a subquery."""
    campaigns = Campaign.objects.filter(agency=agency, movement=movement) if movement else Campaign.objects.none()
    subtree = startswith_q("unit__path", unit.path)
    money = (Balance.objects.filter(campaign__in=campaigns, key__startswith="u").filter(subtree)
             .values(y=ExtractYear("campaign__start_date")).annotate(total=Sum("collected")).order_by())
    share_campaigns = campaigns.filter(start_date__year=year) if year else campaigns
    givers = (Entry.objects.filter(campaign__in=share_campaigns, flow=Flow.IN, person__isnull=False)
              .filter(subtree).values("person_id").order_by())
    # grouped on person_id + 0, not person_id: SQLite would otherwise walk the whole ledger along the person index
    # (to group without sorting) instead of taking the agency's campaigns and the subtree's units first
    contributors = (givers.values(giver=F("person_id") + 0).annotate(net=Sum("amount")).filter(net__gt=0)
                    .count())
    return {"money": {row["y"]: row["total"] or 0 for row in money}, "contributors": contributors,
            "givers": givers}
