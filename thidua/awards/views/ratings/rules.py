"""Who opens the ratings and records pages (object scoping is in awards/scoping.py and the services)."""

import rules

from thidua.org.enums import Role
from thidua.org.scoping import get_scope


@rules.predicate
def rates(user) -> bool:
    """Proposes (a unit head) or confirms (the Office) ratings; imports them."""
    return get_scope(user).has(Role.UNIT_HEAD, Role.SECRETARIAT)


@rules.predicate
def records_inputs(user) -> bool:
    """Records discipline, inquiries and initiatives: the Office."""
    return get_scope(user).has(Role.SECRETARIAT)


#: the list of discipline, inquiry and initiative records: the Office all its agency's, a unit head his people's
reads_inputs = rates
