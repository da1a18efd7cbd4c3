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


def keep_what_was_built() -> None:
    """What a worker thread has just built (a section's index, a figure over 250,000
    records) lives as long as the session: moved out of the collector's generations, so
    that no collection walks it again on the screen's thread (a pass over what a reading
    of 50,000 contacts left took 50-90 ms, a key's wait)."""
    gc.freeze()
