"""The store's dated daily backups: `netplan.json.2026-11-23.bak`, the newest seven kept."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from pathlib import Path

BACKUPS_KEPT = 7


def list_backups(path: Path) -> list[Path]:
    """Dated backups of `path`, oldest first (`netplan.json.2026-11-23.bak`)."""
    return sorted(path.parent.glob(f"{path.name}.????-??-??.bak"))


def newest_backup(path: Path) -> Path | None:
    backups = list_backups(path)
    return backups[-1] if backups else None


def keep_todays_backup(path: Path, today: dt.date) -> bool:
    """Keep the store as it is now as today's backup, unless there is one; drop the
    oldest beyond seven. False when it could not be made (a write must go on anyway)."""
    backup = path.with_name(f"{path.name}.{today.isoformat()}.bak")
    if backup.exists():
        return True
    try:
        # The store is only ever replaced, never changed in place, so a hard link keeps
        # today's first state without copying it.
        os.link(path, backup, follow_symlinks=False)
    except OSError:
        try:
            data = path.read_bytes()
            fd = os.open(backup, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except OSError:
            return False
    for old in list_backups(path)[:-BACKUPS_KEPT]:
        with contextlib.suppress(OSError):
            old.unlink()
    return True
