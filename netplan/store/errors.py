"""The store's errors that are about where it is, not what it holds."""

from __future__ import annotations

from pathlib import Path

from .storage import StoreError, StoreWriteError


class StoreMissing(StoreError):
    """A reading command was pointed at a path with no store: nothing is created."""

    def __init__(self, path: Path):
        super().__init__(f"no store at {path} (create one with `netplan` or --db)")


class StoreVanished(StoreWriteError):
    """The store file was moved or deleted while this process had it open."""

    def __init__(self, path: Path):
        super().__init__(
            f"the store file {path} was moved or deleted while netplan had it open. "
            "Nothing was saved (saving now would start a new, almost empty store); put the "
            "file back, or quit and start netplan again."
        )
