"""Reading import files as text with clear errors, and writing exports safely.

Exports are private data (names, e-mails, notes): they are written to a temporary file
in the target folder with mode 0600, fsynced and moved into place, and never over an
existing file unless asked.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from ..store.own_files import make_folder
from ..support.private_files import Payload, replace_durably, sync_folder, write_new

__all__ = ["sync_folder"]  # exports.py flushes a folder of cards once, through here

MAX_IMPORT_BYTES = 200 * 1024 * 1024  # a contacts file this big is a mistake, not an export


class TransferError(Exception):
    """A file that cannot be imported or an export that cannot be written.

    The message names the file and, when known, the line; nothing was changed.
    """

    def __init__(self, message: str, *, path: str | os.PathLike[str] | None = None,
                 line: int | None = None):
        self.path = str(path) if path is not None else None
        self.line = line
        where = ""
        if self.path and line:
            where = f"{self.path}, line {line}: "
        elif self.path:
            where = f"{self.path}: "
        elif line:
            where = f"line {line}: "
        super().__init__(where + message)


def read_text(path: str | os.PathLike[str]) -> str:
    """The file as text: UTF-8 (a BOM is dropped), line ends kept as they are."""
    p = Path(path).expanduser()
    return decode(read_bytes(p), p)


def read_bytes(path: str | os.PathLike[str]) -> bytes:
    """The file's bytes, or a TransferError that says why it cannot be read."""
    p = Path(path).expanduser()
    try:
        if p.is_dir():
            raise TransferError("is a folder, not a file", path=p)
        size = p.stat().st_size
        if size > MAX_IMPORT_BYTES:
            raise TransferError(f"is {size // (1024 * 1024)} MiB; that is too big to import",
                                path=p)
        data = p.read_bytes()
    except FileNotFoundError:
        raise TransferError("no such file", path=p) from None
    except PermissionError:
        raise TransferError("permission denied (cannot read it)", path=p) from None
    except OSError as exc:
        raise TransferError(f"cannot read it ({exc.strerror or exc})", path=p) from None
    return data


def decode(data: bytes, path: str | os.PathLike[str] | None = None) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TransferError(
            f"is not UTF-8 text (byte 0x{data[exc.start]:02x} cannot be read); "
            "save it as UTF-8 and import it again",
            path=path, line=line,
        ) from None


def check_writable(path: Path, *, force: bool) -> None:
    """Refuse early (before any work) to write over a file or into a missing folder."""
    if path.is_dir():
        raise TransferError("is a folder; give a file name", path=path)
    if (path.exists() or path.is_symlink()) and not force:
        raise TransferError("already exists; use --force to overwrite it", path=path)
    if not path.parent.is_dir():
        raise TransferError(f"the folder {path.parent} does not exist", path=path)


def write_private(path: str | os.PathLike[str], data: Payload, *, force: bool,
                  durable: bool = True) -> None:
    """Write `data` to `path` atomically, mode 0600; an existing file only with force.

    `durable=False` skips the fsync: a folder of 2,000 vCards fsynced one by one took
    12 s; the caller syncs the folder once instead (`sync_folder`).
    """
    target = Path(path).expanduser()
    check_writable(target, force=force)
    try:
        if force:
            replace_durably(target, data, durable=durable)
        else:
            write_new(target, data, durable=durable)  # never over a name that appeared
    except FileExistsError:
        raise TransferError("already exists; use --force to overwrite it", path=target) from None
    except OSError as exc:
        raise TransferError(f"cannot write it ({exc.strerror or exc})", path=target) from None


def make_private_folder(path: str | os.PathLike[str]) -> Path:
    """The export folder, created 0700 with any missing parents (`~/.contacts/netplan`
    when there is no `~/.contacts` yet)."""
    folder = Path(path).expanduser()
    if folder.exists() and not folder.is_dir():
        raise TransferError("is a file; this export needs a folder", path=folder)
    try:
        make_folder(folder)
    except OSError as exc:
        raise TransferError(f"cannot create it ({exc.strerror or exc})", path=folder) from None
    return folder


# -- where a served session may write -------------------------------------------------
#
# A browser session of `netplan serve` is the owner's netplan, not the owner's shell:
# its exports go only into one folder (default `exports/` beside the store, 0700) and
# never over an existing file, so nobody at the browser can replace ~/.bashrc.

SERVED_ENV = "NETPLAN_SERVED"  # set by `netplan serve` for the sessions it starts
EXPORT_DIR_NAME = "exports"


def served_session() -> bool:
    return os.environ.get(SERVED_ENV) == "1"


def export_folder(store_path: str | os.PathLike[str]) -> Path:
    """The served session's export folder: `export_folder` in config.toml, else `exports/`
    beside the store; created 0700.

    It must be a real folder of this user's (not a link); an existing one is tightened to 0700.
    """
    from ..support.config import current

    folder = (current().export_folder
              or Path(store_path).expanduser().absolute().parent / EXPORT_DIR_NAME).absolute()
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    except OSError as exc:
        raise TransferError(f"cannot create the export folder ({exc.strerror or exc})",
                            path=folder) from None
    try:
        info = os.lstat(folder)
        if not stat.S_ISDIR(info.st_mode):
            raise TransferError("the export folder is not a folder (a link or a file)",
                                path=folder)
        if info.st_uid != os.geteuid():
            raise TransferError("the export folder belongs to someone else", path=folder)
        if info.st_mode & 0o077:
            os.chmod(folder, 0o700)
    except OSError as exc:
        raise TransferError(f"cannot use the export folder ({exc.strerror or exc})",
                            path=folder) from None
    return folder.resolve()


def served_target(folder: Path, typed: str) -> Path:
    """Where a served session writes the export named `typed`: under `folder`, on a free name.

    A relative name is taken inside the folder; a path outside it is refused.
    """
    text = typed.strip()
    if not text:
        raise TransferError("give a file name")
    candidate = Path(text).expanduser()
    if not candidate.is_absolute():
        candidate = folder / candidate
    if candidate.name in ("", ".", ".."):
        raise TransferError("give a file name, not a folder", path=candidate)
    parent = candidate.parent.resolve()  # links in the folders are followed, then checked
    if parent != folder and folder not in parent.parents:
        raise TransferError(f"in a browser session exports are written only under {folder}; "
                            "give a name there", path=candidate)
    if not parent.is_dir():
        raise TransferError(f"the folder {parent} does not exist", path=candidate)
    return free_name(parent / candidate.name)


def free_name(target: Path) -> Path:
    """`target`, or `name-2.ext`, `name-3.ext`… when it is taken: never an existing name."""
    if not (target.exists() or target.is_symlink()):
        return target
    stem, suffix = target.stem, target.suffix
    if not suffix:
        stem, suffix = target.name, ""
    for n in range(2, 10_000):
        other = target.with_name(f"{stem}-{n}{suffix}")
        if not (other.exists() or other.is_symlink()):
            return other
    raise TransferError("too many exports of that name; give another", path=target)
