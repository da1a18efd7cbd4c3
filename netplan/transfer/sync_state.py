"""The sync state: which file in a synced folder is which record, and what both sides held
when they last agreed, so the next sync knows what changed on which side.

One file beside the store, `<store name>.sync.json` (netplan's own private files: 0600,
in the store's 0700 folder, never opened through a symbolic link, never one of another
user's). It belongs to the store, not to the folder: the ids in it are the store's, and
a folder such as `~/.contacts` may be shared with other tools. Its shape:

    {"version": 1, "folders": {"/abs/folder": {"kind": "vcard", "items": {
        "<record key>": {"file": "x.vcf", "uid": "…", "hash": "<sha256 of the file>",
                         "base": {<the synced fields as they were>}, "gone": false}}}}}

A sync holds an flock on the state file for its whole run, so two syncs (cron and a
hand-typed one) take turns instead of both writing from the same old state.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..store.own_files import NotOurs, open_or_create_own
from ..support.private_files import replace_durably
from .files import TransferError

VERSION = 1
MAX_STATE_BYTES = 64 * 1024 * 1024


def state_path(store_path: str | os.PathLike[str]) -> Path:
    path = Path(store_path)
    return path.with_name(f"{path.stem}.sync.json")


def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class SyncState:
    """The state of every folder synced with one store; `folder(path)` is one folder's."""

    def __init__(self, path: Path, data: dict[str, Any]):
        self.path = path
        self.data = data

    def folder(self, folder: Path, kind: str) -> dict[str, dict[str, Any]]:
        """The items of `folder` (its absolute path is the key), created empty."""
        folders = self.data.setdefault("folders", {})
        entry = folders.get(str(folder))
        if not isinstance(entry, dict) or entry.get("kind") != kind:
            entry = folders[str(folder)] = {"kind": kind, "items": {}}
        items = entry.get("items")
        if not isinstance(items, dict):
            items = entry["items"] = {}
        for key in [k for k, v in items.items() if not isinstance(v, dict)]:
            del items[key]  # a hand-edited entry that is not one
        return items

    def save(self) -> None:
        payload = json.dumps(self.data, indent=1, sort_keys=True, ensure_ascii=False)
        try:
            replace_durably(self.path, payload.encode("utf-8"))  # a link is replaced, not followed
        except OSError as exc:
            raise TransferError(f"cannot write the sync state ({exc.strerror or exc})",
                                path=self.path) from None


@contextlib.contextmanager
def locked_state(store_path: str | os.PathLike[str]) -> Iterator[SyncState]:
    """The sync state, locked against other syncs of this store until the block ends."""
    path = state_path(store_path)
    while True:
        fd = _open(path)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            # Another sync may have replaced the file while this one waited: lock the new one.
            try:
                same = os.stat(path, follow_symlinks=False).st_ino == os.fstat(fd).st_ino
            except FileNotFoundError:
                same = False
            if not same:
                continue
            data = _read(fd, path)
            yield SyncState(path, data)
            return
        finally:
            os.close(fd)


def _open(path: Path) -> int:
    try:
        return open_or_create_own(path)
    except NotOurs as exc:
        raise TransferError(str(exc)) from None
    except OSError as exc:
        if exc.errno == errno.ENOENT:
            raise TransferError("the store's folder does not exist", path=path) from None
        raise TransferError(f"cannot open the sync state ({exc.strerror or exc})",
                            path=path) from None


def _read(fd: int, path: Path) -> dict[str, Any]:
    size = os.fstat(fd).st_size
    if size > MAX_STATE_BYTES:
        raise TransferError("the sync state is too big to be netplan's; move it away", path=path)
    raw = os.pread(fd, size, 0) if size else b""
    if not raw.strip():
        return {"version": VERSION, "folders": {}}
    try:
        data = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise TransferError(f"the sync state does not parse ({exc}); move it away to start "
                            "over (the next sync then matches cards by UID)", path=path) from None
    if not isinstance(data, dict) or not isinstance(data.get("folders", {}), dict):
        raise TransferError("the sync state is not netplan's (no folders)", path=path)
    if int(data.get("version", VERSION)) > VERSION:
        raise TransferError("the sync state is from a newer netplan", path=path)
    data.setdefault("folders", {})
    return data
