"""Who edits which registrations: the one scope of `org.scoping` turned into this workflow's questions.

- the secretariat of the movement's agency (and the administrator) sees, approves and returns every unit's
  registration;
- a unit head starts, fills in and submits those of his unit and the units under it;
- the movement must be one the user sees (movements/scoping.py), else the registration is a 404.
"""

from __future__ import annotations

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from thidua.movements.models import Movement
from thidua.movements.scoping import visible_movement_ids
from thidua.org.models import OrgUnit
from thidua.org.scoping import get_scope

from .models import Registration


def is_secretariat_for(user, movement: Movement) -> bool:
    return get_scope(user).edits_movements_of(movement.agency_id)


def heads_unit(user, unit: OrgUnit) -> bool:
    return get_scope(user).heads(unit)


def may_edit(user, registration: Registration) -> bool:
    return heads_unit(user, registration.unit) or is_secretariat_for(user, registration.movement)


def visible_registrations(user) -> QuerySet[Registration]:
    """Registrations of the movements the user sees (editing them is asked of `may_edit`)."""
    return Registration.objects.filter(movement__in=visible_movement_ids(user))


def registration_for(user, registration_id: int) -> Registration:
    """The registration the user may see (404 otherwise), with its movement, agency, unit and title."""
    return get_object_or_404(
        visible_registrations(user).select_related("movement", "movement__agency", "unit", "title"),
        pk=registration_id)
