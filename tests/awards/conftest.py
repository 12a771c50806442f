from __future__ import annotations

import pytest

from thidua.awards import services
from thidua.awards.enums import SessionStatus

from . import council_factories as f


class Council:
    """The world's agency with a Council of `size` (the world's chair "hoidong" and size - 1 members, the last
    of them the secretary), a review round and helpers to run a session."""

    def __init__(self, world, size: int = 10):
        self.world = world
        self.agency = world.agency
        self.chair = world.users["hoidong"]
        self.members = [self.chair] + [
            f.member(world.agency, world.planning if i % 2 else world.office,
                     role="council_secretary" if i == size - 1 else "council_member")
            for i in range(1, size)]
        self.secretary = self.members[-1]
        f.backdate_council(world.agency)
        self.office = world.users["vanphong"]

    def start(self, session, absent=()):
        from thidua.awards import council

        for m in session.members.filter(user__in=list(absent)):
            council.set_presence(m, False, actor=self.office)
        return services.move_session(session, SessionStatus.VOTING, actor=self.office)

    def conclude(self, session):
        return services.move_session(session, SessionStatus.CONCLUDED, actor=self.office)


@pytest.fixture
def board(world):
    return Council(world)
