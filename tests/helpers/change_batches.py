"""Batches of changes written by "another process" (cron, a second session), for the
figures kept beside the store and brought forward by those changes."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from netplan.store.database import open_store

BATCH_SETTINGS = settings(max_examples=120, deadline=None,
                          suppress_health_check=[HealthCheck.function_scoped_fixture])


def batches_of(change: st.SearchStrategy) -> st.SearchStrategy:
    return st.lists(st.lists(change, min_size=1, max_size=4), min_size=1, max_size=4)


def each_batch_written(path, batches, apply: Callable) -> Iterator[None]:
    """Write each batch from a store opened anew (another process); yield after each."""
    for batch in batches:
        writer = open_store(path)
        for change in batch:
            apply(writer, change)
        yield


def interactions_changed(store, change: tuple, day: Callable[[int], str]) -> bool:
    """Apply a change to the interactions, as cron or a second session makes it:
    ("log", days ago, people, kind, planned), ("move", n, days ago) of the seeded
    interaction `old<n>`, or ("delete", n). False when `change` is none of these."""
    from netplan.store.records import Interaction

    what = change[0]
    if what == "log":
        _, ago, people, kind, planned = change
        store.save(Interaction(date=day(ago), kind=kind, contacts=tuple(people),
                               planned=planned))
    elif what == "move":
        found = store.get(Interaction, f"old{change[1]}")
        if found is not None:
            store.save(found.replace(date=day(change[2])))
    elif what == "delete":
        store.delete(Interaction, f"old{change[1]}")
    else:
        return False
    return True
