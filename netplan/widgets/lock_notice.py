"""What the screen shows while a save waits for another process's lock.

Saves run on the UI thread, so while one waits (at most NETPLAN_LOCK_TIMEOUT, 10 s)
Textual cannot paint a toast. The notice is therefore written straight to the
terminal as two reverse-video lines at the bottom -- who holds the store, how long the
wait may last, and that Ctrl-C stops it -- and the screen is repainted over it when
the wait ends. Ctrl-C is seen on the driver's input thread (the UI thread is busy) and
makes the waiting save give up with nothing saved. Without a real terminal (served
sessions, tests) only the toast is shown, after the wait.
"""

from __future__ import annotations

import threading

from rich.cells import cell_len, set_cell_size
from textual import events

from ..support.sanitize import clean


class LockWaitNotice:
    def __init__(self, app):
        self.app = app
        self.driver = None  # the real terminal's driver, once it exists
        self.waiting = False
        self.shown: str | None = None  # the line last drawn, for tests
        self._stop = threading.Event()

    # -- wired to the driver ----------------------------------------------------------

    def driver_created(self, driver) -> None:
        self.driver = driver

    def input_seen(self, message: object) -> None:
        """On the input thread: Ctrl-C while a save waits stops the wait."""
        if self.waiting and isinstance(message, events.Key) and message.key == "ctrl+c":
            self._stop.set()

    # -- wired to the store -----------------------------------------------------------

    def started(self, holder: str) -> None:
        self._stop.clear()
        self.waiting = True
        seconds = self.app.store.lock_wait_seconds
        lines = [f" Waiting to save: the store is held by {clean(holder)}",
                 f" It may take up to {seconds:g} s; ctrl+c stops waiting (nothing is saved)."]
        self.shown = "\n".join(lines)
        self._draw(lines)

    def stopped(self) -> bool:
        return self._stop.is_set()

    def ended(self) -> None:
        self.waiting = False
        self._stop.clear()
        if self.driver is not None:
            self.app.screen.refresh()  # paint over the notice

    def _draw(self, lines: list[str]) -> None:
        if self.driver is None:
            return
        width, height = self.app.size
        if width < 1 or height < len(lines):
            return
        out = ["\x1b7"]  # save the cursor; draw the lines at the bottom in reverse video
        for row, line in enumerate(lines, start=height - len(lines) + 1):
            text = set_cell_size(line, width) if cell_len(line) != width else line
            out.append(f"\x1b[{row};1H\x1b[0;7m{text}\x1b[0m")
        out.append("\x1b8")  # and put the cursor back
        self.driver.write("".join(out))
        self.driver.flush()
