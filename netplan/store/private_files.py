"""Replacing a file durably: a temp file in the same folder, fsync, rename, fsync the folder.

A crash or a dropped connection at any moment leaves the old file or the new one, never a
torn one. The steps are named (WRITE_STEPS) so the crash tests, SQLite style, can kill a
writer at each of them in turn with NETPLAN_CRASH_AT=<step>.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Iterable
from pathlib import Path

WRITE_STEPS = ("opened", "half-written", "written", "fsynced", "replaced", "dir-fsynced")


def _crash_point(name: str) -> None:
    """Die here if asked to (NETPLAN_CRASH_AT); in normal use, one dictionary lookup."""
    if os.environ.get("NETPLAN_CRASH_AT") == name:
        os.kill(os.getpid(), signal.SIGKILL)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_durably(path: Path, payload: bytes | Iterable[bytes], size_hint: int = 0) -> None:
    """Write the bytes, or the chunks as they come, to a temp file beside `path`; fsync it,
    rename it over `path`, fsync the folder. `size_hint` places the "half-written" crash
    point when the chunks' total is not known in advance. Raises OSError (nothing replaced)."""
    folder = path.parent
    tmp = folder / f".{path.name}.tmp-{os.getpid()}-{os.urandom(4).hex()}"
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        _crash_point("opened")
        chunks = [payload] if isinstance(payload, bytes | bytearray) else payload
        half = sum(len(c) for c in chunks) // 2 if isinstance(chunks, list) else size_hint // 2
        written, halfway = 0, False
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
                    _crash_point("half-written")
        _crash_point("written")
        os.fsync(fd)
        _crash_point("fsynced")
        os.close(fd)
        fd = -1
        os.replace(tmp, path)
    except BaseException:
        if fd >= 0:
            os.close(fd)
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _crash_point("replaced")
    _fsync_dir(folder)
    _crash_point("dir-fsynced")
