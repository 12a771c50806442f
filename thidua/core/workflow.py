"""Every workflow has the same shape (design.md "Habits"): one status enum with named groups, one table of edges
saying who may take each, one transition function that alone writes the status, and buttons drawn from the table.

    MOVEMENT_FLOW = Workflow(MovementStatus, [
        Edge(MovementStatus.DRAFT, MovementStatus.LAUNCHED, _("Phát động"), by=manages_movement),
        ...
    ], refused=_("Không thể chuyển phong trào từ “%(current)s” sang “%(target)s”."))

    edge = MOVEMENT_FLOW.edge(movement.status, to_state, actor=actor, obj=movement)   # or ValidationError
    MOVEMENT_FLOW.buttons(movement, user)   # the edges out of the current state that the user may take

`by` is a predicate of (user, obj) — a django-rules predicate or a plain function — naming the roles that may take
the edge; SYSTEM marks an edge only the system takes (a background job's result), never offered as a button.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import models


def SYSTEM(user, obj) -> bool:  # noqa: N802 - a marker used like a constant
    """The edge is taken by the system (a job), never by a user's click."""
    return False


def ANYONE(user, obj) -> bool:  # noqa: N802
    """Whoever may open the object's page (the view's own rule already checked that)."""
    return True


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""  # the button
    by: Callable = ANYONE  # who may take it: a predicate of (user, obj)
    style: str = "btn-outline-primary"  # the button's Bootstrap class
    confirm: str = ""  # the question asked before the button posts
    reason: str = ""  # the reason box's placeholder when the edge needs a written reason
    done: str = ""  # the message after the move
    refused: str = ""  # the message when the actor's roles do not allow the edge

    @property
    def needs_reason(self) -> bool:
        return bool(self.reason)


class Workflow:
    def __init__(self, states: type[models.TextChoices], edges: Iterable[Edge], *, refused: str):
        self.states = states
        self.edges: dict[tuple[str, str], Edge] = {}
        for edge in edges:
            if edge.source not in states.values or edge.target not in states.values:
                raise ValueError(f"{edge.source} → {edge.target}: not states of {states.__name__}")
            self.edges[(str(edge.source), str(edge.target))] = edge
        self.refused = refused  # "… từ “%(current)s” sang “%(target)s”."

    def targets(self, source: str) -> set[str]:
        """Where the workflow may go from `source`."""
        return {target for (start, target) in self.edges if start == source}

    @property
    def final_states(self) -> set[str]:
        """The states no edge leaves."""
        return {s for s in self.states.values if not self.targets(s)}

    @property
    def open_states(self) -> set[str]:
        return set(self.states.values) - self.final_states

    def label(self, state: str) -> str:
        return str(self.states(state).label) if state in self.states.values else str(state)

    def edge(self, source: str, target: str, *, actor=None, obj=None, refused: str = "") -> Edge:
        """The edge from `source` to `target`, or a ValidationError in Vietnamese (`refused`, else the edge's own
        `refused`, else the workflow's "cannot move from … to …") when the table has no such edge or the actor's
        roles do not allow it. With no actor (a job, a command, the demo) only the table is checked."""
        edge = self.edges.get((str(source), str(target)))
        if edge is None or (actor is not None and not edge.by(actor, obj)):
            raise ValidationError(refused or (edge.refused if edge is not None else "") or self.refused % {
                "current": self.label(source), "target": self.label(target)})
        return edge

    def buttons(self, obj, user, *, field: str = "status") -> list[Edge]:
        """The edges out of `obj`'s state that `user` may take, in the table's order."""
        current = getattr(obj, field)
        return [e for (start, _target), e in self.edges.items() if start == current and e.by is not SYSTEM
                and e.by(user, obj)]
