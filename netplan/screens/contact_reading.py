"""The Contacts section's first visit: the list and the pane at once, the rest on a worker.

What reads every interaction (the answers each contact gave, which the filter searches, and
everyone's conversations grouped by person, which the pane's timeline shows) is derived on a
worker thread after the first paint; the section then draws again from it. At 50,000
contacts and 250,000 interactions that is most of a second the first key no longer waits.
"""

from __future__ import annotations

from typing import Any

from ..domain.contact_glance import ContactGlance
from ..domain.contacts import SORT_LABELS, ContactIndex
from ..domain.index_changes import contact_index, reading_is_long
from ..domain.timelines import grouped, grouped_before
from .worker_reading import ReadsOnWorker


class ReadsTheRest(ReadsOnWorker):
    """A mixin of ContactsScreen (it has `store` and `sort`, and what ReadsOnWorker
    needs)."""

    store: Any
    sort: str

    def read_the_rest(self, index: ContactIndex | ContactGlance) -> None:
        """Derive on a worker what the first paint left out, unless it is there."""
        left_out = not index.complete or (
            not grouped_before(self.store) and reading_is_long(self.store))
        if left_out:
            self.read_on_worker(self._read_rest, group="contacts-rest")

    def _read_rest(self) -> None:
        contact_index(self.store).sorted(self.sort)
        grouped(self.store)


def reading_words(query: str, sort: str) -> str:
    """The status line's words while the list is a glance: what it waits for, in place of
    the order and the overdue count it cannot give yet (in 80 columns with 50,000)."""
    if query:
        return "filtering: reading them all…"
    if sort != "name":
        return f"sorting by {SORT_LABELS[sort]}: reading them all…"
    return "sorted by name (s) · counting overdue…"
