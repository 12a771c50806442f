from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class BenchPage:
    name: str
    username: str | None  # None: an anonymous visitor
    url: Callable[[], str]


class Pages(list):
    """The pages one module lists, in order: `pages.add(name, username, url)`."""

    def add(self, name: str, username: str | None, url: Callable[[], str]) -> None:
        self.append(BenchPage(name, username, url))
