"""Which movements and attached documents a user sees and edits: the one scope of `org.scoping` turned into this
domain's querysets. Other domains ask these (never the views).

- every role of an agency (and the provincial reviewer of its province) sees its launched and closed movements;
- a draft — a plan being written — and an attachment not marked public are seen only by those who edit the
  agency's movements: its secretariat (Văn phòng) and the administrator;
- the public pages show launched and closed movements with their public attachments only.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from thidua.org.enums import AGENCY_KINDS
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope

from .enums import PUBLIC_STATES, MovementStatus
from .models import Movement, MovementDocument


def _visible_q(user) -> Q | None:
    """None: every movement (an administrator)."""
    scope = get_scope(user)
    if scope.is_admin:
        return None
    return scope.agency_q("agency") & (~Q(status=MovementStatus.DRAFT)
                                       | Q(agency_id__in=sorted(scope.secretariat_agency_ids)))


def visible_movements(user) -> QuerySet[Movement]:
    qs = Movement.objects.select_related("agency")
    q = _visible_q(user)
    return qs if q is None else qs.filter(q)


def visible_movement_ids(user) -> QuerySet:
    """`visible_movements` as a subquery of ids (for `movement__in=`)."""
    q = _visible_q(user)
    return (Movement.objects.all() if q is None else Movement.objects.filter(q)).values("id")


def can_manage(user, movement: Movement) -> bool:
    """Whether the user edits the movement (its plan, parts, documents, state)."""
    return get_scope(user).edits_movements_of(movement.agency_id)


def managed_agencies(user) -> QuerySet[OrgUnit]:
    """Agencies for which the user creates and imports movements."""
    scope = get_scope(user)
    qs = OrgUnit.objects.filter(kind__in=AGENCY_KINDS, is_active=True)
    if scope.is_admin:
        return qs.order_by("path")
    return qs.filter(pk__in=sorted(scope.secretariat_agency_ids)).order_by("path")


def visible_documents(user, movement: Movement) -> QuerySet[MovementDocument]:
    """The movement's attachments the user sees on its page: all for its editors, the public ones otherwise."""
    qs = movement.documents.all()
    return qs if can_manage(user, movement) else qs.filter(is_public=True)


def may_download(user, document: MovementDocument) -> bool:
    """A public attachment of a launched or closed movement is anyone's; any other only its editors'."""
    if document.is_public and document.movement.status in PUBLIC_STATES:
        return True
    return bool(getattr(user, "is_authenticated", False)) and can_manage(user, document.movement)


def public_movements() -> QuerySet[Movement]:
    return Movement.objects.filter(status__in=PUBLIC_STATES)
