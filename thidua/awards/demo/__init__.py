"""The commendation demo (issue 9 §10), one module per area, loaded in the path's order: rounds, the yearly inputs
(ratings, discipline, initiatives), nominations with their dossiers, the units' evaluations and meetings, then the Council's
sessions with votes. Each area's `load(ctx)` adds what is missing and records what it made on `ctx`."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

#: the rounds whose Council has met: their nominations were all sent and checked, the Council decided them, and the
#: Office then closed and finished the round (the 2026 yearly round, of the agency's 2026 movement, is the one at work)
PAST_ROUNDS = ("yearly-2022", "midterm-2023", "yearly-2023", "yearly-2024", "final-2025", "yearly-2025")


@dataclass
class DemoContext:
    agency: object  # the Sở (OrgUnit)
    movement: object  # plan 2679 (Movement)
    out: Callable[[str], object] = print
    #: filled as the areas load: {"yearly-2024": ReviewRound, "midterm-2023": ..., "final-2025": ...}
    rounds: dict = field(default_factory=dict)
    #: nominations made by the demo, by a short name the later areas use
    nominations: dict = field(default_factory=dict)
    #: the units' review meetings, by round key
    meetings: dict = field(default_factory=dict)
    #: the signed and published decisions, by round key
    decisions: dict = field(default_factory=dict)


def load_awards_demo(agency, movement, out=print, *, current=None) -> DemoContext:
    """`movement` is plan 2679; `current`, the agency's movement of this year (2026), gets this year's open round."""
    from thidua.core.notifications import without_email

    from . import council, decisions, forwarding, history, inputs, meetings, nominations, rounds, signing

    ctx = DemoContext(agency=agency, movement=movement, out=out)
    # the demo's notices are written as they were, but nobody is e-mailed about events of years ago
    with without_email():
        rounds.load(ctx)
        rounds.load_current(ctx, current)
        for area in (inputs, nominations, meetings, council):
            area.load(ctx)
        history.load(ctx.agency, out=ctx.out)
        signing.load(ctx.agency, out=out)  # the agency's (self-signed) certificate, before decisions are published
        rounds.settle(ctx)
        decisions.load(ctx)
        forwarding.load(ctx)
    return ctx
