"""The one way netplan writes a file: private (0600 whatever the umask), whole, durable.

Every file netplan writes -- the store, its figure cache and backups, exports, prep
sheets, the crash log, the serve token -- is written here, in one of two ways:

- `replace_durably`: a temp file in the same folder, fsync, rename over the target,
  fsync the folder. A crash or a dropped connection at any moment leaves the old file
  or the new one, never a torn one.
- `write_new`: the same temp file, then linked to a name that must not exist yet
  (FileExistsError if it appeared meanwhile): never over another file, never through
  a link someone placed there.

The store's writes name their steps (WRITE_STEPS) so the crash tests, SQLite style, can
kill a writer at each of them in turn with NETPLAN_CRASH_AT=<step>. `durable=False`
skips the fsyncs, for files that are cheap to lose (the figure cache) or many files
flushed once at the end (`sync_folder`).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterable
from pathlib import Path

WRITE_STEPS = ("opened", "half-written", "written", "fsynced", "replaced", "dir-fsynced")

Payload = bytes | bytearray | Iterable[bytes]


def _crash_point(name: str, steps: bool) -> None:
    """Die here if asked to (NETPLAN_CRASH_AT), for the store's writes; else nothing."""
    if steps:
        crash_point(name)


def crash_point(name: str) -> None:
    """Die here when NETPLAN_CRASH_AT names this step (the crash tests); else nothing."""
    if os.environ.get("NETPLAN_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def fsync_folder(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def sync_folder(folder: Path) -> None:
    """Flush a folder's new files and names to disk in one go (after non-durable writes)."""
    with contextlib.suppress(OSError):
        os.sync()  # one system-wide flush costs less than an fsync per file
        fsync_folder(folder)


def _write_all(fd: int, payload: Payload, size_hint: int, steps: bool) -> None:
    """Write the bytes, or the chunks as they come; the "half-written" crash point falls
    half-way (`size_hint` places it when the chunks' total is not known in advance)."""
    chunks = [payload] if isinstance(payload, bytes | bytearray) else payload
    half = sum(len(c) for c in chunks) // 2 if isinstance(chunks, list) else size_hint // 2
    written, halfway = 0, not steps
    for chunk in chunks:
        view = memoryview(chunk)
        done = 0
        while done < len(view) or not halfway and written >= half:
            limit = len(view)
            if not halfway:
                limit = min(limit, done + max(0, half - written))
            if limit > done:
                n = os.write(fd, view[done:limit])
                done += n
                written += n
            if not halfway and written >= half:
                halfway = True
                _crash_point("half-written", steps)


def _temp_beside(path: Path, payload: Payload, size_hint: int, durable: bool,
                 steps: bool) -> Path:
    """A new 0600 temp file beside `path` holding the payload (fsynced if durable)."""
    tmp = path.parent / f".{path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        os.fchmod(fd, 0o600)  # a umask such as 0o277 would leave it unreadable to us
        _crash_point("opened", steps)
        _write_all(fd, payload, size_hint, steps)
        _crash_point("written", steps)
        if durable:
            os.fsync(fd)
        _crash_point("fsynced", steps)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    os.close(fd)
    return tmp


def replace_durably(path: Path, payload: Payload, size_hint: int = 0, *,
                    durable: bool = True, steps: bool = False) -> None:
    """Put the payload at `path`, replacing what is there (a link is replaced, never
    followed). Raises OSError with nothing replaced. `steps`: the store's crash points."""
    path = Path(path)
    tmp = _temp_beside(path, payload, size_hint, durable, steps)
    try:
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _crash_point("replaced", steps)
    if durable:
        fsync_folder(path.parent)
    _crash_point("dir-fsynced", steps)


def write_new(path: Path, payload: Payload, *, durable: bool = True) -> None:
    """Put the payload at `path`, which must not exist: FileExistsError if it does or
    appears meanwhile (a file, a link, a FIFO: nothing is written through it)."""
    path = Path(path)
    tmp = _temp_beside(path, payload, 0, durable, False)
    try:
        os.link(tmp, path, follow_symlinks=False)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
    if durable:
        fsync_folder(path.parent)
