"""Which campaigns and entries a user sees and may record: the one scope of `org.scoping` turned into the
fund's querysets.

- the agency's secretariat and union officer (and the administrator) manage the agency's campaigns: create,
  close, record for anyone, hand over, spend, correct;
- a unit head records and corrects contributions of his unit (and the units under it) and sees them;
- the agency's readers (leaders, council) and the provincial reviewer read everything of the agencies they see;
- every staff member sees the campaigns of his agency and his own contributions.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from thidua.org.models import OrgUnit
from thidua.org.scoping import Scope, get_scope

from .models import Campaign, Entry
from .roles import manages_campaign


def fund_scope(user) -> Scope:
    """The user's one scope (kept name)."""
    return get_scope(user)


def head_unit_ids(user) -> list[int]:
    """The units (with their sub-units) a unit head answers for; read once per request."""
    return get_scope(user).head_unit_ids()


def visible_campaigns(user) -> QuerySet[Campaign]:
    scope = get_scope(user)
    qs = Campaign.objects.all()
    if scope.is_admin:
        return qs
    return qs.filter(scope.agency_q("agency"))


def listed_campaigns(user) -> QuerySet[Campaign]:
    """The visible campaigns, shaped for a page read newest first. A provincial reviewer sees nearly every
    campaign: the visibility test goes into a correlated EXISTS, so the database walks the (start_date, id) index
    and stops after one page instead of reading and sorting every campaign of the province. Agency staff see
    few campaigns: the plain filter (by the agency index) is best for them."""
    scope = get_scope(user)
    if scope.is_admin:
        return Campaign.objects.all()
    if scope.province_paths:
        return Campaign.objects.filter(Exists(Campaign.objects.filter(scope.agency_q("agency"), pk=OuterRef("pk"))))
    return Campaign.objects.filter(scope.agency_q("agency"))


def can_manage(user, campaign: Campaign) -> bool:
    return manages_campaign(user, campaign)


def reads_all(user, campaign: Campaign) -> bool:
    """Whether the user reads every entry of the campaign (not only his unit's or his own)."""
    return reads_agency_ledger(user, campaign.agency)


def reads_agency_ledger(user, agency: OrgUnit) -> bool:
    """Whether the user reads every fund entry of the agency's campaigns."""
    return get_scope(user).reads_agency(agency)


def can_record(user, campaign: Campaign) -> bool:
    if can_manage(user, campaign):
        return True
    scope = get_scope(user)
    return campaign.agency_id in scope.unit_agency_ids


def recordable_units(user, campaign: Campaign) -> QuerySet[OrgUnit]:
    """Units for which the user may record contributions in this campaign."""
    units = OrgUnit.objects.within_agency(campaign.agency_id).filter(is_active=True)
    if can_manage(user, campaign):
        return units
    return units.filter(pk__in=head_unit_ids(user))


def can_record_for_unit(user, campaign: Campaign, unit_id: int | None) -> bool:
    if can_manage(user, campaign):
        return True
    return unit_id is not None and unit_id in head_unit_ids(user)


def visible_entries(user, campaign: Campaign) -> QuerySet[Entry]:
    qs = Entry.objects.filter(campaign=campaign)
    if reads_all(user, campaign):
        return qs
    scope = get_scope(user)
    q = Q(pk__in=[])
    ids = head_unit_ids(user)
    if ids:
        q |= Q(unit_id__in=ids)
    if scope.own_person_id:
        q |= Q(person_id=scope.own_person_id)
    return qs.filter(q)


def visible_unit_ids(user, campaign: Campaign) -> list[int] | None:
    """None: every unit; else the units whose totals the user sees."""
    if reads_all(user, campaign):
        return None
    return head_unit_ids(user)
