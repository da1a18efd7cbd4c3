"""The one door to netplan's data: a TinyDB database over `DurableStorage`.

Every screen and every command reads and writes through a `Store`. Records are
the dataclasses of `model`; in the file each table maps a record's id to the
record, so `jq '.contacts[] | .name'` works and ids are stable across
processes. Schema checks and migrations run when the store is opened.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB
from tinydb.table import Table

from .model import SCHEMA_VERSION, TABLES, Record, new_id, now_iso
from .storage import DurableStorage, StoreDamaged, StoreError, StoreWriteError

__all__ = ["Store", "StoreError", "StoreDamaged", "StoreWriteError", "open_store"]

R = TypeVar("R", bound=Record)
META_ID = "meta"


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


class Store:
    """Typed access to the store file. Build one with `open_store(path)`."""

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self._cache: dict[str, list[Record]] = {}
        self._index: dict[str, dict[str, Record]] = {}
        self._listeners: list[Callable[[], None]] = []
        # Table versions: bumped on every change to a table, and all at once (epoch) when
        # the file is re-read; `derived()` results are kept while their tables' stamp holds.
        self._versions: dict[str, int] = {}
        self._epoch = 0
        self._refreshed_epoch = 0  # the epoch refresh() last reported
        self._derived: dict[str, tuple[tuple[int, ...], Any]] = {}
        self._kept: dict[str, tuple] = {}  # name -> derived()'s arguments, for keep_figures()
        self._db = _NetplanDB(self.path, storage=_StorageFactory(self._dropped_caches))
        self._storage: DurableStorage = self._db.storage  # type: ignore[assignment]

    def on_lock_wait(self, callback: Callable[[str], None] | None) -> None:
        """Call `callback(holder)` when a write has waited half a second for the lock."""
        self._storage.on_wait = callback

    # -- opening -----------------------------------------------------------------

    def open(self, *, create: bool = True) -> Store:
        """Check the file and bring it to the current schema; create it if asked.

        Raises StoreDamaged for a file that does not parse, is not a netplan
        store, or comes from a newer netplan. Nothing is written in those cases.
        """
        version = self._schema_of(self._storage.shape(), self._storage.table("meta"))
        if version > SCHEMA_VERSION:
            raise StoreDamaged(
                f"the store {self.path} was written by a newer netplan (schema {version}; "
                f"this netplan reads up to {SCHEMA_VERSION}). Upgrade netplan to open it; "
                "the file has not been changed."
            )
        if self.readonly:
            self._refreshed_epoch = self._epoch
            return self
        needs_write = not self.path.exists() or version < SCHEMA_VERSION
        if needs_write and (create or self.path.exists()):
            with self._storage.locked():
                self._storage.remove_leftovers()
                data = self._storage.read() or {}
                version = self._schema_of(self._storage.shape(), data.get("meta"))
                if version < SCHEMA_VERSION or not data:
                    self._migrate(data, version)
        elif self.path.exists():
            self._storage.try_locked_cleanup()  # a reader never waits for the lock
        self._refreshed_epoch = self._epoch
        return self

    def _schema_of(self, shape: dict[str, bool], meta: Any) -> int:
        """The schema version, from the tables' names and kinds (shape: name -> is an
        object) and the meta table: the other tables need not be parsed to open a store."""
        if not shape:
            return SCHEMA_VERSION  # a new, empty store is written at the current version
        unknown = [k for k in shape if k not in TABLES and k != "meta" and not k.startswith("_")]
        if unknown or any(not shape[k] for k in shape if k in TABLES):
            raise self._storage._damaged(
                "it is valid JSON but not a netplan store (unexpected "
                + (f"tables {', '.join(map(repr, unknown[:3]))}" if unknown else "table contents")
                + ")"
            )
        if not isinstance(meta, dict) or not meta:
            return 0
        doc = meta.get(META_ID)
        version = doc.get("schema") if isinstance(doc, dict) else None
        if not isinstance(version, int) or version < 0:
            raise self._storage._damaged("its meta.schema version is missing or not a number")
        return version

    def _migrate(self, data: dict[str, Any], version: int) -> None:
        """Bring data forward one version at a time; the day's backup is taken first."""
        had_file = self.path.exists()
        if had_file and version < SCHEMA_VERSION:
            self._keep_pre_migration_copy(version)
        while version < SCHEMA_VERSION:
            data = MIGRATIONS[version](data)
            version += 1
        meta = (data.get("meta") or {}).get(META_ID) or {"id": META_ID, "created": now_iso()}
        meta = {**meta, "id": META_ID, "schema": SCHEMA_VERSION}
        data["meta"] = {META_ID: meta}
        for table in TABLES:
            data.setdefault(table, {})
        self._storage.write(data)

    def _keep_pre_migration_copy(self, version: int) -> None:
        target = self.path.with_name(f"{self.path.name}.schema{version}.bak")
        if not target.exists():
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as fh:
                fh.write(self.path.read_bytes())

    # -- caches ------------------------------------------------------------------

    def _dropped_caches(self) -> None:
        """The file changed on disk: forget everything derived from the old one."""
        self._cache.clear()
        self._index.clear()
        self._epoch += 1
        self._derived.clear()
        for table in self._db._tables.values():
            table.clear_cache()  # TinyDB's query cache
            table._next_id = None  # and its id counter, which would hand out duplicates

    def refresh(self) -> bool:
        """Re-read the file if another process changed it. True when it was re-read since
        the last call, here or by any read that noticed the change first."""
        self._storage.refresh()
        changed = self._epoch != self._refreshed_epoch
        self._refreshed_epoch = self._epoch
        return changed

    def changed_on_disk(self) -> bool:
        return self._storage.changed_on_disk()

    def subscribe(self, listener: Callable[[], None]) -> None:
        """Call `listener` after every change this process commits."""
        self._listeners.append(listener)

    # -- reading -----------------------------------------------------------------

    def all(self, kind: type[R]) -> list[R]:
        """Every record of a kind. The list is fresh; the records are shared and frozen."""
        self._storage.fresh()  # picks up changes made by other processes
        cached = self._cache.get(kind.TABLE)
        if cached is None:
            cached = [kind.from_dict(doc) for doc in self.docs(kind)]
            self._cache[kind.TABLE] = cached
        return list(cached)  # type: ignore[arg-type]

    def get(self, kind: type[R], record_id: str | None) -> R | None:
        if not record_id:
            return None
        self._storage.fresh()
        index = self._index.get(kind.TABLE)
        if index is None:
            index = {r.id: r for r in self.all(kind)}
            self._index[kind.TABLE] = index
        return index.get(record_id)  # type: ignore[return-value]

    def docs(self, kind: type[Record]) -> list[dict[str, Any]]:
        """The stored documents of a kind, as parsed (read-only!), without building
        records: for figures counted over whole tables (the board's weekly counts)."""
        table = self._storage.table(kind.TABLE)
        if not isinstance(table, dict):
            return []
        return [doc for doc in table.values() if isinstance(doc, dict)]

    def load_all(self) -> None:
        """Parse every table now (tables are parsed on first use): the TUI calls it right
        after its first paint, so a damaged table is found at once, not mid-session."""
        self._storage.read()

    def meta(self) -> dict[str, Any]:
        meta = self._storage.table("meta")
        return dict((meta if isinstance(meta, dict) else {}).get(META_ID) or {})

    def setting(self, key: str, default: Any = None) -> Any:
        """A user setting (kept in the meta document under "settings")."""
        return (self.meta().get("settings") or {}).get(key, default)

    def set_setting(self, key: str, value: Any) -> None:
        with self.transaction():
            table = self._db.table("meta")
            meta = dict(table.get(doc_id=META_ID) or {"id": META_ID})
            settings = dict(meta.get("settings") or {})
            settings[key] = value
            meta["settings"] = settings
            table.update(_replace_with(meta), doc_ids=[META_ID])

    def set_meta_created(self, created: str) -> None:
        """Restore the store's creation time (an import of a full export into an empty store)."""
        with self.transaction():
            table = self._db.table("meta")
            meta = dict(table.get(doc_id=META_ID) or {"id": META_ID})
            meta["created"] = created
            table.update(_replace_with(meta), doc_ids=[META_ID])

    # -- writing -----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group changes into one locked read-modify-write and one durable write."""
        if self.readonly:
            raise StoreWriteError("netplan was opened read-only (--readonly); nothing was changed.")
        nested = self._storage._in_transaction
        with self._storage.locked():
            yield self
        if not nested:
            for listener in list(self._listeners):
                listener()

    def save(self, record: R) -> R:
        """Insert or replace a record (by id) and write it durably."""
        with self.transaction():
            self._put(record)
        return record

    def save_many(self, records: Iterable[Record]) -> None:
        """Insert or replace many records in one locked, durable write (imports, demo data)."""
        with self.transaction():
            for record in records:
                self._put(record)

    def derived(self, name: str, kinds: Iterable[type[Record]], compute: Callable[[], Any],
                *, keep: tuple[Callable[[Any], Any], Callable[[Any], Any]] | None = None) -> Any:
        """`compute()`, remembered until a record of one of `kinds` changes (here or in
        another process). For figures built from whole tables, such as the board's
        weekly counts over 50,000 interactions; the result must be treated as read-only.

        With `keep=(to_json, from_json)` the figure is also kept beside the store for the
        file as it is now (DurableStorage.keep), and the next process to open the same
        file takes it from there instead of computing it."""
        kinds = tuple(kinds)
        if keep is not None:
            self._kept[name] = (kinds, compute, keep)
        self._storage.fresh()  # notices another process's change (and drops everything)
        stamp = (self._epoch, *(self._versions.get(k.TABLE, 0) for k in kinds))
        hit = self._derived.get(name)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        value = None
        if keep is not None:
            kept = self._storage.kept(name)
            if kept is not None:
                try:
                    value = keep[1](kept)
                except (TypeError, ValueError, AttributeError):
                    value = None  # a cache file in an older shape: derive it again
        if value is None:
            value = compute()
            if keep is not None and not self.readonly:
                self._storage.keep(name, keep[0](value))
        self._derived[name] = (stamp, value)
        return value

    def keep_figures(self) -> None:
        """Derive again, and keep beside the store, each kept figure this process has asked
        for that changes since made stale: the next start then finds them for the file as
        it is (the TUI calls this when it quits, wherever the changes were made)."""
        if self.readonly:
            return
        for name, (kinds, compute, keep) in list(self._kept.items()):
            self.derived(name, kinds, compute, keep=keep)

    def _bump(self, table: str) -> None:
        self._versions[table] = self._versions.get(table, 0) + 1

    def _put(self, record: Record) -> None:
        # Straight into the parsed tables (fresh: the lock is held) rather than through
        # TinyDB's Table.insert/update, which rebuild the whole table dict twice per call:
        # 15 ms a save at 50,000 interactions, and quadratic for a bulk import.
        data = self._storage.read()
        if data is None:  # pragma: no cover - read() under the lock always yields a dict
            data = {}
        table = data.get(record.TABLE)
        if not isinstance(table, dict):
            table = data[record.TABLE] = {}
        doc = record.to_dict()
        table[record.id] = doc
        self._storage.write(data)
        self._bump(record.TABLE)
        self._db.table(record.TABLE).clear_cache()  # TinyDB's query cache saw the old table
        if record.TABLE in self._cache or record.TABLE in self._index:
            self._remember(type(record).from_dict(doc))

    def _remember(self, record: Record) -> None:
        """Update the record cache in place, so the next `all()` does not rebuild 50,000
        records because one was saved. (The caches are dropped whenever the file is re-read,
        so they only ever describe the data held in memory.)"""
        cached = self._cache.get(record.TABLE)
        index = self._index.get(record.TABLE)
        if cached is not None:
            present = (
                record.id in index if index is not None else any(r.id == record.id for r in cached)
            )
            if present:
                self._cache[record.TABLE] = [record if r.id == record.id else r for r in cached]
            else:
                cached.append(record)
        if index is not None:
            index[record.id] = record

    def delete(self, kind: type[Record], record_id: str) -> bool:
        """Remove a record; False when it was already gone (perhaps deleted elsewhere)."""
        with self.transaction():
            data = self._storage.read() or {}
            table = data.get(kind.TABLE)
            if not isinstance(table, dict) or record_id not in table:
                return False
            del table[record_id]
            self._storage.write(data)
            self._bump(kind.TABLE)
            self._db.table(kind.TABLE).clear_cache()
            cached = self._cache.get(kind.TABLE)
            if cached is not None:
                self._cache[kind.TABLE] = [r for r in cached if r.id != record_id]
            self._index.get(kind.TABLE, {}).pop(record_id, None)
        return True

    def raw(self) -> dict[str, Any]:
        """The whole parsed file (read-only use: `check`, exports)."""
        return self._storage.read() or {}

    def close(self) -> None:
        self._db.close()


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


def open_store(
    path: str | os.PathLike[str], *, create: bool = True, readonly: bool = False
) -> Store:
    """Open (and if need be create or migrate) the store at `path`."""
    return Store(path, readonly=readonly).open(create=create)
