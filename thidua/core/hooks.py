"""How a lower layer shows or counts something of a higher one without importing it (design.md "Layers").

The lower layer names a hook and asks it; the higher layer provides an answer from its AppConfig.ready():

    hooks.provide("participation.activity_panels", activity_funding)     # in thidua.fund.apps
    panels = hooks.ask("participation.activity_panels", request, activity)  # in thidua.participation.views

A hook nobody provides answers with an empty list, so the lower layer works on its own.
"""

from __future__ import annotations

from collections.abc import Callable

_providers: dict[str, list[Callable]] = {}


def provide(hook: str, provider: Callable) -> None:
    """Register `provider` for `hook` (once: providing the same function again changes nothing)."""
    registered = _providers.setdefault(hook, [])
    if provider not in registered:
        registered.append(provider)


def ask(hook: str, *args, **kwargs) -> list:
    """Every provider's answer, in the order they were provided; a provider that answers None is left out."""
    answers = []
    for provider in _providers.get(hook, ()):
        answer = provider(*args, **kwargs)
        if answer is not None:
            answers.append(answer)
    return answers
