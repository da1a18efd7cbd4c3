"""Files and folders beside the store are netplan's own, or they are not used.

Every side file (the lock, `<store>.cache`, backups, temp files) is opened without
following links and without blocking on a FIFO, then checked on the open descriptor:
a regular file owned by the user. The store's folder must be the user's and closed to
others, unless it is a sticky folder like /tmp, where the per-file checks carry the load.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class NotOurs(OSError):
    """A side file or folder that netplan refuses to use; str() says what it is."""


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def open_own(path: Path, flags: int, mode: int = 0o600) -> int:
    """Open `path` (os.open flags) only if it is, once open, a regular file of the user's.
    Raises NotOurs naming the file and what it is, or OSError from the open itself."""
    try:
        fd = os.open(path, flags | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC, mode)
    except OSError as exc:
        if exc.errno == errno.ELOOP:  # the last part is a symbolic link
            raise NotOurs(f"{path} is a symbolic link; netplan does not follow it") from None
        if exc.errno == errno.ENXIO and os.path.exists(path):  # a FIFO, no reader
            raise NotOurs(f"{path} is a named pipe (FIFO), not a file") from None
        raise
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise NotOurs(f"{path} is {_kind(st.st_mode)}, not a file netplan made")
        if st.st_uid != os.geteuid():
            raise NotOurs(f"{path} belongs to another user (uid {st.st_uid})")
        # Back to blocking I/O for a regular file (O_NONBLOCK only guarded the open).
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return fd


def open_or_create_own(path: Path) -> int:
    """Open (creating it empty, 0600) a side file netplan locks, such as the sync state;
    its content is written only through support/private_files.py."""
    return open_own(path, os.O_RDWR | os.O_CREAT, 0o600)


def refusal(path: Path) -> str | None:
    """Why a side file netplan would read or replace is not to be used (a link, a FIFO,
    another user's file: open_own's words), or None: it is ours, or not there (or not
    readable for another reason, which the read itself will meet)."""
    try:
        os.close(open_own(path, os.O_RDONLY))
    except NotOurs as exc:
        return str(exc)
    except OSError:
        return None
    return None


def is_own_file(path: Path) -> bool:
    """True when `path` is (without following a link) a regular file of the user's."""
    try:
        st = os.lstat(path)
    except OSError:
        return False
    return stat.S_ISREG(st.st_mode) and st.st_uid == os.geteuid()


def make_folder(folder: Path) -> None:
    """Create `folder` and any missing parents, each 0700 whatever the umask."""
    missing = []
    at = folder
    while not at.exists():
        missing.append(at)
        if at.parent == at:
            break
        at = at.parent
    for part in reversed(missing):
        try:
            os.mkdir(part, 0o700)
        except FileExistsError:
            continue
        os.chmod(part, 0o700, follow_symlinks=False)


def check_folder(folder: Path) -> None:
    """Refuse a store folder others can change; tighten one of the user's to 0700.

    A sticky folder (like /tmp) is accepted: others cannot replace the user's files in
    it, and each file netplan uses there is checked on its own. The user's home is
    never chmod-ed: it is refused only when others can write to it."""
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        return
    if not stat.S_ISDIR(st.st_mode):
        return  # opening the store in it fails with its own message (Not a directory)
    sticky = bool(st.st_mode & stat.S_ISVTX)
    if sticky:
        return
    if st.st_uid != os.geteuid():
        raise NotOurs(
            f"the folder {folder} belongs to another user (uid {st.st_uid}); netplan keeps "
            "its store only in a folder of yours (choose another with --db)"
        )
    if st.st_mode & 0o077 == 0:
        return
    if _is_home(folder):
        if st.st_mode & 0o022:
            raise NotOurs(
                f"your home folder {folder} can be written by other users; netplan will not "
                "keep its store there (choose another with --db)"
            )
        return
    os.chmod(folder, 0o700)


def _is_home(folder: Path) -> bool:
    try:
        return os.path.samefile(folder, Path.home())
    except OSError:
        return False
