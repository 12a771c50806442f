"""The shared factory leaves an agreed nomination as the Council's path does."""

import pytest

from thidua.awards.enums import NominationStatus

from .award_factories import agreed, agreed_round

pytestmark = pytest.mark.django_db


def test_an_agreed_nomination_has_its_concluded_session(world):
    rnd = agreed_round(world.agency)
    nomination = agreed(rnd, person=world.people["canbo"])
    assert nomination.status == NominationStatus.AGREED_DECISION
    item = nomination.agenda_items.get()
    assert item.session.held_on == rnd.council_on and item.result == nomination.status
    upward = agreed(rnd, unit=world.office, form="bang-khen-chu-tich-ubnd-tinh", upward=True)
    assert upward.status == NominationStatus.AGREED_PROVINCE
