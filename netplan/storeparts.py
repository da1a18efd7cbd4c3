"""The parts of the store that are not its reading and writing: the errors of opening
it, the schema migrations, and the TinyDB plumbing (ids as keys, the storage factory)."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tinydb import TinyDB
from tinydb.table import Table

from .model import SCHEMA_VERSION, TABLES, new_id, now_iso
from .storage import DurableStorage, StoreError, StoreWriteError


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


class _IdTable(Table):
    """A TinyDB table keyed by the records' own string ids instead of counters."""

    document_id_class = str  # type: ignore[assignment]

    def _get_next_id(self):  # pragma: no cover - every insert names its id
        raise RuntimeError("netplan records carry their own ids")


class _NetplanDB(TinyDB):
    table_class = _IdTable


# Migrations: MIGRATIONS[n] turns a version-n store (the raw dict) into version n+1.
def _migrate_0_to_1(data: dict[str, Any]) -> dict[str, Any]:
    """Version 0 stores (before `meta`) used TinyDB's counters as keys and had no ids."""
    out: dict[str, Any] = {}
    for table, docs in data.items():
        if table not in TABLES or not isinstance(docs, dict):
            continue
        rekeyed = {}
        for doc in docs.values():
            if not isinstance(doc, dict):
                continue
            doc = dict(doc)
            doc_id = doc.get("id") if isinstance(doc.get("id"), str) and doc.get("id") else new_id()
            doc["id"] = doc_id
            rekeyed[doc_id] = doc
        out[table] = rekeyed
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {0: _migrate_0_to_1}


def brought_forward(data: dict[str, Any], version: int) -> dict[str, Any]:
    """A version-`version` store's data at the current schema, one version at a time."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    meta = (data.get("meta") or {}).get("meta") or {"id": "meta", "created": now_iso()}
    data["meta"] = {"meta": {**meta, "id": "meta", "schema": SCHEMA_VERSION}}
    for table in TABLES:
        data.setdefault(table, {})
    return data


def keep_pre_migration_copy(path: Path, version: int) -> None:
    """The file as it was before its first migration, kept beside it (once)."""
    target = path.with_name(f"{path.name}.schema{version}.bak")
    if not target.exists():
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(path.read_bytes())


def _replace_with(doc: dict[str, Any]) -> Callable[[dict[str, Any]], None]:
    def replace(current: dict[str, Any]) -> None:
        current.clear()
        current.update(doc)

    return replace


class _StorageFactory:
    """TinyDB builds its storage itself; this hands it the reload callback too."""

    def __init__(self, on_reload: Callable[[], None]):
        self.on_reload = on_reload

    def __call__(self, path: str) -> DurableStorage:
        return DurableStorage(path, on_reload=self.on_reload)
