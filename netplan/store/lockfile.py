"""The store's lock file: who holds it, and how long a writer waits for it.

The holder writes its pid and command into the lock file after taking the lock, so a
writer kept waiting can say whom it waits for. That text is only a hint, written by any
process of the user's: it is read short and sanitised, never trusted.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sys
import time

DEFAULT_TIMEOUT = 10.0
_HOLDER_MAX = 200  # bytes read from, and written to, the lock file


TIMEOUT_ENV = "NETPLAN_LOCK_TIMEOUT"


def timeout_from_environment() -> float | None:
    """NETPLAN_LOCK_TIMEOUT's seconds (10 for a value that is not a number of seconds);
    None when it is not set."""
    raw = os.environ.get(TIMEOUT_ENV, "").strip()
    if not raw:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = DEFAULT_TIMEOUT
    return value if value >= 0 and value == value and value != float("inf") else DEFAULT_TIMEOUT


def timeout(given: float | None) -> float:
    """Seconds a writer waits: the value given, else NETPLAN_LOCK_TIMEOUT, else `lock_wait`
    in config.toml, else 10."""
    if given is not None:
        return max(0.0, float(given))
    from_environment = timeout_from_environment()
    if from_environment is not None:
        return from_environment
    from ..support.config import current

    return current().get("lock_wait")


def try_lock(fd: int) -> bool:
    """Take the exclusive lock if it is free now; False when another process holds it."""
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        if exc.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
            return False
        raise
    return True


def write_holder(fd: int) -> None:
    """Record this process as the holder: "<pid> <command>"."""
    words, args = [], iter(sys.argv[1:])
    for arg in args:  # the subcommand's words, not options nor the store's path
        if arg in ("--db", "--week"):
            next(args, None)
        elif not arg.startswith("-") and len(words) < 2:
            words.append(arg)
    command = " ".join(["netplan", *words])
    text = f"{os.getpid()} {command}\n".encode("utf-8", "replace")[:_HOLDER_MAX]
    os.ftruncate(fd, 0)
    os.pwrite(fd, text, 0)


def holder(fd: int) -> str:
    """Who holds the lock, as "pid 1234 (netplan add)", from the lock file's text."""
    try:
        raw = os.pread(fd, _HOLDER_MAX, 0)
    except OSError:
        raw = b""
    text = raw.decode("utf-8", "replace").split("\n", 1)[0]
    pid, _, command = text.partition(" ")
    if not pid.isascii() or not pid.isdigit() or len(pid) > 10:
        return "another process"
    if int(pid) == os.getpid():  # a worker thread of this session: a checkpoint, an import
        return "this session, in the background (writing its saved changes into the file)"
    clean = "".join(c if c.isprintable() and c not in "[]" else "?" for c in command)[:60]
    return f"pid {pid} ({clean.strip()})" if clean.strip() else f"pid {pid}"


def wait_for(fd: int, given: float | None, on_wait, on_wait_end, stopped, *, busy) -> None:
    """Take the exclusive lock on `fd`, waiting at most `timeout(given)` seconds (read
    only when the lock is taken by another: settings are not loaded for a free lock);
    after half a second
    `on_wait(holder)` is told who holds it (and `on_wait_end()` when the wait is over,
    however it ends); `stopped()` True gives up at once. Giving up raises `busy`."""
    if try_lock(fd):
        return
    seconds = timeout(given)
    told = False
    started = time.monotonic()
    try:
        while True:
            waited = time.monotonic() - started
            if waited >= seconds:
                raise busy(f"the store is busy: held by {holder(fd)} for {seconds:g} s; "
                           "nothing was saved, try again.")
            if told and stopped is not None and stopped():
                raise busy(f"stopped waiting for the store (held by {holder(fd)}); "
                           "nothing was saved.")
            if not told and waited >= 0.5 and on_wait is not None:
                told = True
                on_wait(holder(fd))
            time.sleep(0.05)
            if try_lock(fd):
                return
    finally:
        if told and on_wait_end is not None:
            on_wait_end()
