"""How the TUI ends: always, soon, with an honest exit status.

- A hang-up (SIGHUP: the SSH window closed, `tmux kill-session`) or SIGTERM asks the app
  to end cleanly; a watchdog thread ends the process anyway if it has not ended within
  GRACE_SECONDS, once no store write is in progress (it waits, briefly, for the store's
  lock), with the shell's status: 129 for a hang-up, 143 for SIGTERM.
- The watchdog hears signals through `signal.set_wakeup_fd`, written by the C-level
  handler in whichever thread the kernel chose, so it fires even while the main thread is
  stuck and cannot run Python signal handlers.
- An error that ends the session leaves its traceback in `<store>.log` (0600).

No Textual here: the app wires these to the event loop.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from .support.private_files import replace_durably

GRACE_SECONDS = 1.0  # for the clean exit; the watchdog then ends the process
LOCK_WAIT_SECONDS = 0.6  # a store write in progress may finish meanwhile
ENDING_SIGNALS = (signal.SIGHUP, signal.SIGTERM)
LOG_KEEP_BYTES = 256 * 1024  # earlier crashes kept in the log, newest last


def status_for(signum: int) -> int:
    return 128 + signum  # the shell's convention: 129 hang-up, 143 terminated


class Watchdog:
    """Ends the process GRACE_SECONDS after `arm`, whatever the main thread is doing."""

    def __init__(self, lock_path: Path | None = None, grace: float = GRACE_SECONDS):
        self.lock_path = lock_path
        self.grace = grace
        self._armed = threading.Event()
        self._status = 129
        self._read_fd, self._write_fd = os.pipe()
        os.set_blocking(self._write_fd, False)
        os.set_blocking(self._read_fd, False)
        self._thread = threading.Thread(target=self._run, name="netplan-watchdog", daemon=True)
        self._thread.start()

    @property
    def armed(self) -> bool:
        return self._armed.is_set()

    def arm(self, status: int) -> None:
        """From any thread: end with `status` unless the process has ended first."""
        if not self._armed.is_set():
            self._status = status
            self._armed.set()
            with contextlib.suppress(OSError):
                os.write(self._write_fd, b"\0")

    def listen_to_signals(self, on_signal: Callable[[int], None]) -> None:
        """Main thread only: SIGHUP and SIGTERM arm the watchdog and call `on_signal`
        (from the main thread, between two Python steps) to start the clean exit."""

        def handler(signum, _frame) -> None:
            self.arm(status_for(signum))
            on_signal(signum)

        for sig in ENDING_SIGNALS:
            signal.signal(sig, handler)
        # The C handler writes each signal's number here, from whatever thread it runs in.
        signal.set_wakeup_fd(self._write_fd, warn_on_full_buffer=False)

    def stop_listening(self) -> None:
        """Main thread only: back to the default actions (a late signal ends at once)."""
        with contextlib.suppress(ValueError):
            signal.set_wakeup_fd(-1)
            for sig in ENDING_SIGNALS:
                signal.signal(sig, signal.SIG_DFL)

    def _run(self) -> None:
        while not self._armed.is_set():
            select.select([self._read_fd], [], [])
            try:
                data = os.read(self._read_fd, 64)
            except BlockingIOError:
                continue
            for signum in data:  # the wakeup fd's bytes are signal numbers (0: arm())
                if signum in ENDING_SIGNALS:
                    self.arm(status_for(signum))
        time.sleep(self.grace)
        self._wait_for_store_write()
        os._exit(self._status)

    def _wait_for_store_write(self) -> None:
        # A write holds the store's lock (flock) from its read to its rename; a second
        # descriptor of ours conflicts with it like another process would.
        if self.lock_path is None:
            return
        try:
            fd = os.open(self.lock_path, os.O_RDWR | os.O_NOFOLLOW | os.O_CLOEXEC)
        except OSError:
            return  # no lock file: no write has ever started
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while time.monotonic() < deadline:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return  # held until the process ends: no write can start now
            except OSError:
                time.sleep(0.02)


def lock_path_of(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".lock")  # as storage.Storage names it


def crash_log_path(store_path: Path) -> Path:
    return store_path.with_name(store_path.name + ".log")


def write_crash_log(store_path: Path, details: str) -> Path:
    """Add `details` (a traceback) to `<store>.log`, private (0600), replaced durably: a
    link planted at that name is replaced, never followed. Returns the path written."""
    path = crash_log_path(store_path)
    earlier = b""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            size = os.fstat(fd).st_size
            os.lseek(fd, max(0, size - LOG_KEEP_BYTES), os.SEEK_SET)
            earlier = os.read(fd, LOG_KEEP_BYTES)
        finally:
            os.close(fd)
    stamp = datetime.now().astimezone().isoformat(timespec="seconds")
    entry = f"=== netplan ended on an error at {stamp} (pid {os.getpid()})\n{details.rstrip()}\n\n"
    replace_durably(path, earlier + entry.encode("utf-8", "replace"))
    return path


def report_crash(store_path: Path, details: str) -> int:
    """Log the traceback beside the store, name the log in one line on stderr; status 1."""
    import sys

    try:
        path = write_crash_log(store_path, details)
    except OSError as exc:
        print(f"netplan: ended on an error; its details could not be written to "
              f"{crash_log_path(store_path)} ({exc.strerror})", file=sys.stderr)
        print(details, file=sys.stderr)
        return 1
    print(f"netplan: ended on an error; the details are in {path}", file=sys.stderr)
    return 1
