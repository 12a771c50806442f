"""Who may do what with the fund, and which campaigns and entries a user sees.

- the agency's secretariat and union officer (and the administrator) manage the agency's campaigns: create,
  close, record for anyone, hand over, spend, correct;
- a unit head records and corrects contributions of his unit (and the units under it) and sees them;
- the agency's readers (leaders, council) and the provincial reviewer read everything of the agencies they see;
- every staff member sees the campaigns of his agency and his own contributions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import rules
from django.db.models import Exists, OuterRef, Q, QuerySet

from thidua.org.enums import AGENCY_READER_ROLES, Role
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope, visible_agency_q

from .models import Campaign, Entry

MANAGER_ROLES = {Role.SECRETARIAT, Role.UNION_OFFICER}


@dataclass
class FundScope:
    is_admin: bool = False
    manage_agency_ids: set[int] = field(default_factory=set)
    read_agency_ids: set[int] = field(default_factory=set)
    province_paths: list[str] = field(default_factory=list)
    unit_paths: list[str] = field(default_factory=list)
    own_person_id: int | None = None
    _unit_ids: list[int] | None = None


def fund_scope(user) -> FundScope:
    scope = get_scope(user)
    cached = scope.__dict__.get("_fund_scope")
    if cached is not None:
        return cached
    fs = FundScope(is_admin=scope.is_admin, own_person_id=scope.own_person_id)
    for grant in scope.grants:
        unit = grant.unit
        if unit is None:
            continue
        agency_id = unit.pk if unit.is_agency else unit.agency_id
        if grant.role in MANAGER_ROLES and agency_id:
            fs.manage_agency_ids.add(agency_id)
            fs.read_agency_ids.add(agency_id)
        elif grant.role in AGENCY_READER_ROLES and agency_id:
            fs.read_agency_ids.add(agency_id)
        elif grant.role == Role.UNIT_HEAD:
            fs.unit_paths.append(unit.path)
        elif grant.role == Role.PROVINCIAL_REVIEWER:
            fs.province_paths.append(unit.path)
    scope.__dict__["_fund_scope"] = fs
    return fs


def head_unit_ids(user) -> list[int]:
    """The units (with their sub-units) a unit head answers for; read once per request."""
    fs = fund_scope(user)
    if fs._unit_ids is None:
        q = Q(pk__in=[])
        for path in fs.unit_paths:
            q |= Q(path__startswith=path)
        fs._unit_ids = list(OrgUnit.objects.filter(q).values_list("id", flat=True)) if fs.unit_paths else []
    return fs._unit_ids


# ------------------------------------------------------------------ predicates for @access


@rules.predicate
def manages_fund(user) -> bool:
    fs = fund_scope(user)
    return fs.is_admin or bool(fs.manage_agency_ids)


@rules.predicate
def records_contributions(user) -> bool:
    fs = fund_scope(user)
    return fs.is_admin or bool(fs.manage_agency_ids) or bool(fs.unit_paths)


@rules.predicate
def reads_fund(user) -> bool:
    scope = get_scope(user)
    return scope.is_admin or bool(scope.roles)


rules.add_perm("fund.view_campaign", reads_fund)
rules.add_perm("fund.change_campaign", manages_fund)
rules.add_perm("fund.add_entry", records_contributions)


# ------------------------------------------------------------------ object scoping


def visible_campaigns(user) -> QuerySet[Campaign]:
    qs = Campaign.objects.all()
    if get_scope(user).is_admin:
        return qs
    return qs.filter(visible_agency_q(user))


def listed_campaigns(user) -> QuerySet[Campaign]:
    """The visible campaigns, shaped for a page read newest first. A provincial reviewer sees nearly every
    campaign: the visibility test goes into a correlated EXISTS, so the database walks the (start_date, id) index
    and stops after one page instead of reading and sorting every campaign of the province. Agency staff see
    few campaigns: the plain filter (by the agency index) is best for them."""
    scope = get_scope(user)
    if scope.is_admin:
        return Campaign.objects.all()
    if fund_scope(user).province_paths:
        return Campaign.objects.filter(Exists(Campaign.objects.filter(visible_agency_q(user), pk=OuterRef("pk"))))
    return Campaign.objects.filter(visible_agency_q(user))


def can_manage(user, campaign: Campaign) -> bool:
    fs = fund_scope(user)
    return fs.is_admin or campaign.agency_id in fs.manage_agency_ids


def reads_all(user, campaign: Campaign) -> bool:
    """Whether the user reads every entry of the campaign (not only his unit's or his own)."""
    return reads_agency_ledger(user, campaign.agency)


def reads_agency_ledger(user, agency: OrgUnit) -> bool:
    """Whether the user reads every fund entry of the agency's campaigns."""
    fs = fund_scope(user)
    if fs.is_admin or agency.pk in fs.read_agency_ids:
        return True
    return any(agency.path.startswith(p) for p in fs.province_paths)


def can_record(user, campaign: Campaign) -> bool:
    if can_manage(user, campaign):
        return True
    fs = fund_scope(user)
    return bool(fs.unit_paths) and any(p.startswith(campaign.agency.path) for p in fs.unit_paths)


def recordable_units(user, campaign: Campaign) -> QuerySet[OrgUnit]:
    """Units for which the user may record contributions in this campaign."""
    if can_manage(user, campaign):
        return OrgUnit.objects.filter(agency_id=campaign.agency_id, is_active=True)
    return OrgUnit.objects.filter(pk__in=head_unit_ids(user), agency_id=campaign.agency_id, is_active=True)


def can_record_for_unit(user, campaign: Campaign, unit_id: int | None) -> bool:
    if can_manage(user, campaign):
        return True
    return unit_id is not None and unit_id in head_unit_ids(user)


def visible_entries(user, campaign: Campaign) -> QuerySet[Entry]:
    qs = Entry.objects.filter(campaign=campaign)
    if reads_all(user, campaign):
        return qs
    fs = fund_scope(user)
    q = Q(pk__in=[])
    ids = head_unit_ids(user)
    if ids:
        q |= Q(unit_id__in=ids)
    if fs.own_person_id:
        q |= Q(person_id=fs.own_person_id)
    return qs.filter(q)


def visible_unit_ids(user, campaign: Campaign) -> list[int] | None:
    """None: every unit; else the units whose totals the user sees."""
    if reads_all(user, campaign):
        return None
    return head_unit_ids(user)
