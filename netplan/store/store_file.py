"""Opening the store file and its folder safely, and the store's errors.

The store is opened without following a link or blocking on a FIFO, and used only when,
once open, it is a regular file of the user's; its folder is checked before (ownfiles).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from . import layout as storeformat
from .own_files import NotOurs, check_folder, make_folder

Signature = tuple[int, int, int]  # (inode, size, mtime in ns)


class StoreError(Exception):
    """A problem with the store that the user must see; the message says what to do."""

    exit_status = 1


class StoreDamaged(StoreError):
    """The file exists but cannot be used as it is; it is never written over."""


class StoreWriteError(StoreError):
    """A write failed; the store on disk still holds what it held before."""


class StoreBusy(StoreWriteError):
    """Another process held the lock for longer than netplan waits; nothing was written."""


def reader(fd: int) -> storeformat.Reader:
    """The file's bytes from start to stop, read from the open descriptor (pread: it
    leaves no offset behind, and a store replaced meanwhile is still the one opened)."""

    def read(start: int, stop: int) -> bytes:
        parts = []
        while start < stop and (chunk := os.pread(fd, stop - start, start)):
            parts.append(chunk)
            start += len(chunk)
        return parts[0] if len(parts) == 1 else b"".join(parts)

    return read


def open_store_file(path: Path) -> tuple[int, Signature | None]:
    """The store, opened (-1 and None: there is none) after the checks, and its signature.
    The caller closes the descriptor, or keeps it to read tables."""
    try:
        # O_NONBLOCK: a FIFO put in the store's place must not hang the open.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        return -1, None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise StoreDamaged(
                f"the store {path} is a symbolic link; netplan does not follow links "
                "to its store. Point --db at the real file."
            ) from None
        if exc.errno == errno.EISDIR:
            raise StoreDamaged(f"the store {path} is a folder, not a file.") from None
        raise StoreDamaged(f"cannot open the store {path}: {exc.strerror}.") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise StoreDamaged(f"the store {path} is a folder, not a file.")
        if not stat.S_ISREG(st.st_mode):
            raise StoreDamaged(f"the store {path} is not a regular file.")
        os.set_blocking(fd, True)
        if st.st_uid != os.getuid():
            raise StoreDamaged(
                f"the store {path} belongs to another user (uid {st.st_uid}); "
                "netplan only opens a store you own."
            )
    except BaseException:
        os.close(fd)
        raise
    return fd, (st.st_ino, st.st_size, st.st_mtime_ns)


def check_store_folder(folder: Path) -> None:
    """The store's folder is the user's and closed to others (netplan/ownfiles.py)."""
    try:
        check_folder(folder)
    except NotOurs as exc:
        raise StoreError(f"netplan will not use this store: {exc}.") from None
    except OSError as exc:
        raise StoreError(f"cannot use the folder {folder}: {exc.strerror}.") from None


def prepare_folder(folder: Path) -> None:
    """Before a write: the folder exists (made 0700, parents too) and is checked."""
    try:
        if not folder.exists():
            make_folder(folder)
        check_folder(folder)
    except NotOurs as exc:
        raise StoreWriteError(f"netplan will not write here: {exc}.") from None
    except OSError as exc:
        raise StoreWriteError(f"cannot create the folder {folder}: {exc.strerror}.") from None
