"""The one door to netplan's data: a TinyDB database over `DurableStorage`.

Every screen and every command reads and writes through a `Store`. Records are the
dataclasses of `records`; in the file each table keys its documents the way TinyDB does and
each document keeps its record's stable id in `id`, so plain TinyDB and `jq` read it.
Schema checks and migrations run when the store is opened."""

from __future__ import annotations

import contextlib
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from tinydb import TinyDB

from ..support.gc_pause import gc_paused
from . import journal, lockfile
from .derived import DerivedFigures
from .documents import record_ids
from .elsewhere import ChangesElsewhere
from .errors import StoreMissing, StoreVanished
from .history import History, Journal
from .record_cache import RecordCache
from .records import SCHEMA_VERSION, Record
from .schema import brought_forward, keep_pre_migration_copy, schema_of
from .settings import MetaDocument
from .storage import DurableStorage, StoreDamaged, StoreError, StoreWriteError
from .table_reads import TableReads
from .undo import UndoHooks

__all__ = ["Store", "StoreError", "StoreDamaged", "StoreWriteError", "StoreMissing",
           "StoreVanished", "open_store", "open_for_reading"]

R = TypeVar("R", bound=Record)
CHANGES_LOGGED = 2000  # the latest changes kept for derived figures (derived.py)


class Store(TableReads, UndoHooks, DerivedFigures, ChangesElsewhere, MetaDocument):
    """Typed access to the store file. Build one with `open_store(path)`."""

    def __init__(self, path: str | os.PathLike[str], *, readonly: bool = False):
        self.path = Path(path)
        self.readonly = readonly
        self._cache = RecordCache()
        self._listeners: list[Callable[[frozenset[str]], None]] = []
        # Table versions: bumped on every change to a table, and all at once (epoch) when
        # the file is re-read; `derived()` results are kept while their tables' stamp holds.
        self._versions: dict[str, int] = {}
        self._epoch = 0
        self._refreshed_epoch = 0  # the epoch refresh() last reported
        self._derived: dict[str, tuple[tuple[int, ...], Any]] = {}
        self._change_log: deque = deque(maxlen=CHANGES_LOGGED)
        self._kept: dict[str, tuple] = {}  # name -> derived()'s arguments, for keep_figures()
        # TinyDB keys each table's documents 1, 2, 3 …; _keys maps a record id to its key.
        self._keys: dict[str, dict[str, str]] = {}
        self._next_key: dict[str, int] = {}
        # This session's changes, for undo and redo (store/history.py); the journal is
        # the open transaction's record of what it touched.
        self.history = History()
        self._journal: Journal | None = None
        # Wrong values read from the file (table, id, field) -> problem: repaired in memory
        # as records.from_dict reads them, and shown as warnings; the file is not changed.
        self.repairs: dict[tuple[str, str, str], str] = {}
        self.as_stored = False  # readonly: an older schema is not migrated even in memory
        self._had_file = False  # the store existed once opened: its vanishing is an error
        self._vanish_told = False
        self._db = TinyDB(self.path, storage=_StorageFactory(self._dropped_caches))
        self._storage: DurableStorage = self._db.storage  # type: ignore[assignment]
        self._storage.readonly = readonly
        self._storage.on_change = self._changed_elsewhere
        self._outside = 0  # changes of other processes applied (journal entries)
        self._outside_told = 0

    def on_lock_wait(self, callback: Callable[[str], None] | None, *,
                     ended: Callable[[], None] | None = None,
                     stopped: Callable[[], bool] | None = None) -> None:
        """Call `callback(holder)` when a write has waited half a second for the lock,
        `ended()` when that wait is over, however it ended; `stopped()` is asked while
        waiting, and True gives up at once (StoreBusy, nothing saved)."""
        self._storage.on_wait = callback
        self._storage.on_wait_end = ended
        self._storage.wait_stopped = stopped

    @property
    def lock_wait_seconds(self) -> float:
        """How long a write waits for another process's lock before giving up."""
        return lockfile.timeout(self._storage.lock_timeout)

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
            if version < SCHEMA_VERSION and self.path.exists() and not self.as_stored:
                self._migrate_in_memory(version)
            self._had_file = self.path.exists()
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
        self._had_file = self.path.exists()
        self._refreshed_epoch = self._epoch
        return self

    def _migrate_in_memory(self, version: int) -> None:
        """A reader of an older store sees it as migrated; nothing is written (the next
        writer migrates the file itself, after keeping a copy)."""
        data = self._storage.read()
        if data is None:  # pragma: no cover - read() of an existing file gives a dict
            return
        migrated = brought_forward(dict(data), version)
        data.clear()
        data.update(migrated)
        self._dropped_caches()

    def _schema_of(self, shape: dict[str, bool], meta: Any) -> int:
        return schema_of(shape, meta, self._storage._damaged)

    def _migrate(self, data: dict[str, Any], version: int) -> None:
        """Bring data forward one version at a time; the day's backup is taken first."""
        if self.path.exists() and version < SCHEMA_VERSION:
            keep_pre_migration_copy(self.path, version)
        self._storage.write(brought_forward(data, version))

    # -- caches ------------------------------------------------------------------

    def _dropped_caches(self) -> None:
        """The file changed on disk: forget everything derived from the old one."""
        self._cache.drop()
        self.repairs.clear()
        self._epoch += 1
        self._derived.clear()
        self._keys.clear()
        self._next_key.clear()

    def refresh(self) -> bool:
        """Re-read the file if another process changed it. True when it was re-read since
        the last call, here or by any read that noticed the change first."""
        self._storage.refresh()
        if self._storage.vanished():
            if not self._vanish_told:
                self._vanish_told = True
                raise StoreVanished(self.path)
        else:
            self._vanish_told = False
        changed = self._epoch != self._refreshed_epoch or self._outside != self._outside_told
        self._refreshed_epoch, self._outside_told = self._epoch, self._outside
        return changed

    def subscribe(self, listener: Callable[[frozenset[str]], None]) -> None:
        """Call `listener(tables)` after every change this process commits, with the
        names of the tables it wrote (empty when the transaction wrote nothing)."""
        self._listeners.append(listener)

    # -- reading -----------------------------------------------------------------

    def all(self, kind: type[R]) -> list[R]:
        """Every record of a kind. The list is fresh; the records are shared and frozen."""
        self._storage.fresh()  # picks up changes made by other processes
        return list(self._cache.records(kind.TABLE, lambda: self._records(kind)))  # type: ignore[arg-type]

    def _records(self, kind: type[R]) -> list[R]:
        """Build a table's records. A record whose id was copied to another document is
        kept as a record of its own (documents.record_ids), not dropped."""
        table = self._storage.table(kind.TABLE)
        if not isinstance(table, dict):
            return []
        notes: list[Any] = []
        out = []
        with gc_paused():
            for key, rid in record_ids(kind.TABLE, table).items():
                doc = table[key]
                if doc.get("id") != rid:
                    notes.append((kind.TABLE, rid, "id",
                                  f"is not a usable id: {doc.get('id')!r}"))
                    doc = {**doc, "id": rid}
                out.append(kind.from_dict(doc, notes))
        for table_name, rid, name, problem in notes:
            self.repairs[(table_name, rid, name)] = problem
        return out

    def warnings(self) -> list[str]:
        """The wrong values read so far, one line each (the file is unchanged)."""
        return [f"{t}/{rid}: {name} {problem} (read as netplan repairs it; the file is unchanged)"
                for (t, rid, name), problem in self.repairs.items()]

    def load_all(self) -> None:
        """Parse every table now (tables are parsed on first use): the TUI calls it right
        after its first paint, so a damaged table is found at once, not mid-session."""
        self._storage.read()

    # -- writing -----------------------------------------------------------------

    @contextlib.contextmanager
    def transaction(self, label: str | None = None, *, undoable: bool = True
                    ) -> Iterator[Store]:
        """Group changes into one locked read-modify-write and one durable write.

        The outermost transaction is one step of undo, named by `label` (the outermost
        label given wins) or else after what it touched. `undoable=False` keeps what is
        written inside out of the history: figures the board derives, the shipped
        question bank."""
        if self.readonly:
            raise StoreWriteError("netplan was opened read-only (--readonly); nothing was changed.")
        nested = self._storage.holds_transaction()
        versions_before = dict(self._versions)
        if not nested:
            self._refuse_if_vanished()
            self._journal = Journal()
        journal = self._journal
        if journal is not None:
            journal.label = journal.label or label
            journal.untracked += not undoable
        try:
            with self._storage.locked():
                if not nested:
                    self._refuse_if_vanished()
                yield self
        finally:
            if journal is not None:
                journal.untracked -= not undoable
            if not nested:
                self._journal = None
        if not nested:
            if journal is not None:
                self._remember_change(journal)
            tables = frozenset(t for t, v in self._versions.items() if versions_before.get(t) != v)
            for listener in list(self._listeners):
                listener(tables)

    def _refuse_if_vanished(self) -> None:
        if self._storage.vanished() or (self._had_file and not os.path.lexists(self.path)):
            raise StoreVanished(self.path)

    def save(self, record: R) -> R:
        """Insert or replace a record (by id) and write it durably."""
        with self.transaction():
            self._put(record)
        return record

    def save_many(self, records: Iterable[Record]) -> None:
        """Insert or replace many records in one locked, durable write (imports, demo data)."""
        records = list(records)
        with self.transaction():
            self._cache.expect_many(records)
            for record in records:
                self._put(record)

    def _bump(self, table: str) -> None:
        self._versions[table] = self._versions.get(table, 0) + 1

    def _table_keys(self, name: str, table: dict[str, Any]) -> dict[str, str]:
        """Record id -> TinyDB key for one parsed table (built once per read of the file)."""
        keys = self._keys.get(name)
        if keys is None:
            keys = {rid: key for key, rid in record_ids(name, table).items()}
            self._keys[name] = keys
            self._next_key[name] = 1 + max((int(k) for k in table if k.isdigit()), default=0)
        return keys

    def _put_doc(self, name: str, doc: dict[str, Any]) -> None:
        """Insert or replace one document by its id, under the lock (the data is fresh).

        Straight into the parsed tables rather than through TinyDB's Table.insert/update,
        which rebuild the whole table dict twice per call: 15 ms a save at 50,000
        interactions, and quadratic for a bulk import. The keys are TinyDB's own."""
        table = self._storage.table(name)  # only this table is parsed
        if not isinstance(table, dict):
            table = {}
        keys = self._table_keys(name, table)
        key = keys.get(doc["id"])
        if name != "meta":
            self._note(name, doc["id"], table.get(key) if key is not None else None)
        if key is None:
            key = keys[doc["id"]] = str(self._next_key[name])
            self._next_key[name] += 1
        old = table.get(key)
        self._storage.put(name, key, doc, old)
        self._log_change(name, doc, old)

    def _put(self, record: Record) -> None:
        doc = record.to_dict()
        self._put_doc(record.TABLE, doc)
        if self._cache.holds(record.TABLE):
            self._cache.remember(type(record).from_dict(doc))
        for key in [k for k in self.repairs if k[:2] == (record.TABLE, record.id)]:
            del self.repairs[key]  # written back as netplan reads it

    def delete(self, kind: type[Record], record_id: str) -> bool:
        """Remove a record; False when it was already gone (perhaps deleted elsewhere)."""
        with self.transaction():
            if self._remove_doc(kind.TABLE, record_id) is None:
                return False
            self._cache.forget(kind.TABLE, record_id)
        return True

    def _remove_doc(self, name: str, record_id: str) -> dict[str, Any] | None:
        """Remove one document by its record id, under the lock; the one removed (None:
        there was none). _put_doc's counterpart."""
        table = self._storage.table(name)
        if not isinstance(table, dict):
            return None
        key = self._table_keys(name, table).pop(record_id, None)
        if key is None:
            return None
        old = table[key]
        self._note(name, record_id, old)
        self._storage.put(name, key, None, old)
        self._log_change(name, None, old)
        return old

    def journal_report(self) -> tuple[list[str], list[str]]:
        """The journal's notes and problems, for `netplan check`."""
        return self._storage.journal_report()

    def defer_checkpoints(self) -> None:
        """Saves append to the journal and the file is rewritten later, by checkpoint()
        (the TUI, within seconds and off its screen's thread); else each save rewrites it."""
        self._storage.deferred = True

    @property
    def checkpoint_due(self) -> bool:
        """The journal holds changes the file does not; True at once when it is long."""
        return self._storage.journal_pending > 0

    @property
    def checkpoint_urgent(self) -> bool:
        return self._storage.journal_pending > journal.CHECKPOINT_BYTES

    def checkpoint(self) -> bool:
        """Write the journal's changes into the file (plain TinyDB and jq then see them)."""
        if self.readonly:
            return False
        return self._storage.checkpoint()

    def close(self) -> None:
        """Checkpoint what this process left in the journal, then let go of the file."""
        if not self.readonly and self._storage._data is not None and self.checkpoint_due:
            with contextlib.suppress(StoreError):
                self.checkpoint()
        self._db.close()


class _StorageFactory:
    """TinyDB builds its storage itself; this hands it the reload callback too."""

    def __init__(self, on_reload: Callable[[], None]):
        self.on_reload = on_reload

    def __call__(self, path: str) -> DurableStorage:
        return DurableStorage(path, on_reload=self.on_reload)


def open_for_reading(path: str | os.PathLike[str], *, as_stored: bool = False) -> Store:
    """Open the store at `path` for a reading command: nothing is created, migrated,
    re-keyed or cleaned up (an older store is migrated in memory only); a path with no
    store raises StoreMissing."""
    if not os.path.lexists(path):
        raise StoreMissing(Path(path))
    store = Store(path, readonly=True)
    store.as_stored = as_stored  # `check`: an older schema is reported, not migrated
    return store.open(create=False)


def open_store(
    path: str | os.PathLike[str], *, create: bool = True, readonly: bool = False
) -> Store:
    """Open (and if need be create or migrate) the store at `path`."""
    return Store(path, readonly=readonly).open(create=create)
