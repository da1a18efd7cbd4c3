"""Pausing Python's cyclic garbage collector while a store is read: parsing and building
records make hundreds of thousands of dicts, tuples and records, none in a cycle, and the
collector ran over them again and again meanwhile (a third to a half of the time)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused(*, resume: bool = True) -> Iterator[None]:
    """The collector off inside; on again after (if it was on) unless `resume` is False."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled and resume:
            gc.enable()
