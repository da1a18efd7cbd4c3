"""When the TUI writes the journal's changes into the store file: off the screen's thread.

A save in the TUI appends to the journal (store/journal.py) and returns in milliseconds;
the file itself is rewritten -- its size, not the save's -- two seconds after the last
save, at once when the journal grows long, and when the app ends (cli.core.run_tui closes
the store). Plain TinyDB and jq read the file, so they see a change within seconds.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from .store.errors import StoreError

if TYPE_CHECKING:
    from textual.app import App
    from textual.timer import Timer

    from .store.database import Store

AFTER_SECONDS = 2.0  # quiet time after the last save before the file is rewritten


class Checkpoints:
    def __init__(self, app: App, store: Store, after: float = AFTER_SECONDS):
        self.app, self.store, self.after = app, store, after
        self._timer: Timer | None = None
        self._running = threading.Lock()
        self.done = 0  # checkpoints written (tests watch it)

    def start(self) -> None:
        if self.store.readonly:
            return
        self.store.defer_checkpoints()
        self.store.subscribe(self._saved)

    def _saved(self, tables: frozenset[str]) -> None:
        if not self.store.checkpoint_due:
            return
        if self.store.checkpoint_urgent:
            self.now()
            return
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.app.set_timer(self.after, self.now, name="checkpoint")

    def now(self) -> None:
        """Rewrite the file on a worker thread (one at a time; a save meanwhile waits for
        it like for another process's write, and is in the next one)."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if not self._running.acquire(blocking=False):
            self._timer = self.app.set_timer(self.after, self.now, name="checkpoint")
            return
        self.app.run_worker(self._write, thread=True, group="checkpoint",
                            name="checkpoint", exit_on_error=False)

    def _write(self) -> None:
        try:
            if self.store.checkpoint():
                self.done += 1
        except StoreError as exc:
            # The changes are safe in the journal; the next checkpoint tries again.
            self.app.call_from_thread(
                self.app.notify, f"The store file could not be brought up to date: {exc}",
                title="Store problem", severity="warning", timeout=10)
        finally:
            self._running.release()
