"""The Contacts section's first visit: the list and the pane at once, the rest on a worker.

What reads every interaction (the answers each contact gave, which the filter searches, and
everyone's conversations grouped by person, which the pane's timeline shows) is derived on a
worker thread after the first paint; the section then draws again from it. At 50,000
contacts and 250,000 interactions that is most of a second the first key no longer waits.
"""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from ..domain.contacts import ContactIndex
from ..domain.index_changes import contact_index, reading_is_long
from ..domain.timelines import grouped, grouped_before


class ReadsTheRest:
    """A mixin of ContactsScreen (it has `store`, `sort`, `app`, `run_worker` and
    `_refresh_if_shown`)."""

    store: Any
    sort: str
    app: Any
    run_worker: Any
    _refresh_if_shown: Any
    _reading_rest = False  # a worker is reading it (one at a time; an error stops it)

    def read_the_rest(self, index: ContactIndex) -> None:
        """Derive on a worker what the first paint left out, unless it is there."""
        left_out = not index.complete or (
            not grouped_before(self.store) and reading_is_long(self.store))
        if self._reading_rest or not left_out:
            return
        self._reading_rest = True
        self.run_worker(self._read_rest, thread=True, group="contacts-rest",
                        exit_on_error=False)

    def _read_rest(self) -> None:
        contact_index(self.store).sorted(self.sort)
        grouped(self.store)
        with suppress(RuntimeError):  # the app ended meanwhile
            self.app.call_from_thread(self._rest_read)

    def _rest_read(self) -> None:
        self._reading_rest = False
        self._refresh_if_shown()
