"""The store's schema versions: each migration step, and the copy kept before the first."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..support.private_files import write_new
from .documents import META_ID, meta_document
from .records import SCHEMA_VERSION, TABLES, new_id, now_iso


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


def _migrate_1_to_2(data: dict[str, Any]) -> dict[str, Any]:
    """Version 1 keyed each document by its UUID, which plain TinyDB cannot open (it keys
    documents by integers); version 2 keys them 1, 2, 3 … in each table and keeps the UUID
    in the document's `id`, where references and exports have always looked for it."""
    out: dict[str, Any] = {}
    for table, docs in data.items():
        if not isinstance(docs, dict):
            out[table] = docs
            continue
        out[table] = {str(n): doc for n, doc in enumerate(docs.values(), start=1)}
    return out


def _migrate_2_to_3(data: dict[str, Any]) -> dict[str, Any]:
    """Version 3 adds two tables, empty: `cadences` (a keep-in-touch cadence per tag) and
    `companies` (made from contacts' free-text company on demand, never guessed from them
    in a migration). The new fields of contacts (`phones`, `past_companies`, `other_uids`)
    and events (`start_time`, `duration_minutes`) need no step: a record without them reads
    with their defaults."""
    out = dict(data)
    for table in ("cadences", "companies"):
        if not isinstance(out.get(table), dict):
            out[table] = {}
    return out


MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    0: _migrate_0_to_1,
    1: _migrate_1_to_2,
    2: _migrate_2_to_3,
}


def brought_forward(data: dict[str, Any], version: int) -> dict[str, Any]:
    """A version-`version` store's data at the current schema, one version at a time."""
    while version < SCHEMA_VERSION:
        data = MIGRATIONS[version](data)
        version += 1
    meta = meta_document(data.get("meta")) or {"id": META_ID, "created": now_iso()}
    data["meta"] = {"1": {**meta, "id": META_ID, "schema": SCHEMA_VERSION}}
    for table in TABLES:
        data.setdefault(table, {})
    return data


def keep_pre_migration_copy(path: Path, version: int) -> None:
    """The file as it was before its first migration, kept beside it (once)."""
    target = path.with_name(f"{path.name}.schema{version}.bak")
    if not os.path.lexists(target):
        write_new(target, path.read_bytes())


def schema_of(shape: dict[str, bool], meta: Any, damaged: Callable[[str], Exception]) -> int:
    """The schema version, from the tables' names and kinds (shape: name -> is an
    object) and the meta table: the other tables need not be parsed to open a store.
    `damaged(problem)` makes the error for a file that is not a netplan store."""
    if not shape:
        return SCHEMA_VERSION  # a new, empty store is written at the current version
    unknown = [k for k in shape if k not in TABLES and k != "meta" and not k.startswith("_")]
    if unknown or any(not shape[k] for k in shape if k in TABLES):
        raise damaged(
            "it is valid JSON but not a netplan store (unexpected "
            + (f"tables {', '.join(map(repr, unknown[:3]))}" if unknown else "table contents")
            + ")"
        )
    if not isinstance(meta, dict) or not meta:
        return 0
    doc = meta_document(meta)
    version = doc.get("schema") if isinstance(doc, dict) else None
    if not isinstance(version, int) or version < 0:
        raise damaged("its meta.schema version is missing or not a number")
    return version
