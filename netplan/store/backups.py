"""The store's dated daily backups: `netplan.json.2026-11-23.bak`, the newest seven kept.

A backup is always a new file of its own, 0600, written from the store's bytes: a hard
link would share the store's mode, and a store rewritten by another tool may be 0644.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

from ..support.private_files import write_new
from .own_files import is_own_file, open_own

BACKUPS_KEPT = 7
_BLOCK = 1 << 20


def list_backups(path: Path) -> list[Path]:
    """Dated backups of `path`, oldest first (`netplan.json.2026-11-23.bak`), only the
    regular files of the user's: a link or a FIFO with a backup's name is never used."""
    return sorted(p for p in path.parent.glob(f"{path.name}.????-??-??.bak") if is_own_file(p))


def newest_backup(path: Path) -> Path | None:
    backups = list_backups(path)
    return backups[-1] if backups else None


def keep_todays_backup(path: Path, today: dt.date) -> bool:
    """Keep the store as it is now as today's backup, unless there is one; drop the
    oldest beyond seven. False when it could not be made (a write must go on anyway)."""
    backup = path.with_name(f"{path.name}.{today.isoformat()}.bak")
    if os.path.lexists(backup):
        # Today's is there, or something else has its name: never followed nor written.
        return is_own_file(backup)
    try:
        src = open_own(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        write_new(backup, iter(lambda: os.read(src, _BLOCK), b""))
    except OSError:
        return False
    finally:
        os.close(src)
    for old in list_backups(path)[:-BACKUPS_KEPT]:
        with contextlib.suppress(OSError):
            old.unlink()
    return True
