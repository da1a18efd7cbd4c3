"""A section's first visit on a large store: drawn at once, what reads every interaction
read on a worker thread, the section drawn again once it is read.

Contacts (the answers each contact gave, everyone's conversations by person) and
Questions (the conversations that asked questions, and the planned ones) each read the
250,000 interactions of a 50,000-contact store on a first visit: most of a second the
first key would otherwise wait.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import Any

from ..domain.index_changes import reading_is_long
from ..support.gc_pause import keep_what_was_built


class ReadsOnWorker:
    """A mixin of a SectionScreen (it has `store`, `app`, `run_worker`,
    `call_after_refresh` and `_refresh_if_shown`)."""

    store: Any
    app: Any
    run_worker: Any
    call_after_refresh: Any
    _refresh_if_shown: Any
    _reading_on_worker = False  # one reading at a time (an error stops it)

    @property
    def reading_on_worker(self) -> bool:
        return self._reading_on_worker

    def reading_first(self, at_hand: bool, read: Callable[[], Any], group: str) -> bool:
        """Whether the section draws now without what `read` derives: on a large store
        (many conversations) when it is not at hand, `read` runs on a worker and the
        section is drawn again once it has; True until then."""
        if not self._reading_on_worker and (at_hand or not reading_is_long(self.store)):
            return False
        self.read_on_worker(read, group)
        return True

    def read_on_worker(self, read: Callable[[], Any], group: str) -> None:
        """Run `read` (deriving through the store's figures, reading only) on a worker
        thread, then refresh the section if it is shown; nothing when one is running."""
        if self._reading_on_worker:
            return
        self._reading_on_worker = True

        def work() -> None:
            read()
            with suppress(RuntimeError):  # the app ended meanwhile
                self.app.call_from_thread(self._read_on_worker_done)

        # Started once the screen has painted: a reading thread started at once shares the
        # interpreter with the first paint and doubles its time.
        self.call_after_refresh(self.run_worker, work, thread=True, group=group,
                                exit_on_error=False)

    def _read_on_worker_done(self) -> None:
        self._reading_on_worker = False
        keep_what_was_built()
        self._refresh_if_shown()
