"""A long-running server keeps what start-up built (modules, URL patterns, templates, translation catalogues, the
commune lists) for its whole life. Python's cyclic collector still walks all of it at every full collection — a
pause of tens of milliseconds landing inside some request. Freezing the start-up heap (gc.freeze, as pre-forking
servers do) takes it out of those walks; objects made by requests are collected as usual."""

from __future__ import annotations

import gc


def freeze_startup_heap() -> None:
    gc.collect()
    gc.freeze()
