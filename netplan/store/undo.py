"""The store's side of undo: what a transaction touched, and writing documents back.

A mixin of `Store` (store.py), kept apart so the store file stays about storage;
`history.py` holds the history itself and the labels.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .history import Journal, same_doc, snapshot
from .records import Contact

if TYPE_CHECKING:
    from .storage import DurableStorage


class UndoHooks:
    """Store methods for undo; they use the store's storage, caches and journal."""

    _journal: Journal | None
    _storage: DurableStorage

    def name_change(self, label: str) -> None:
        """Name the open transaction's step of undo, unless an outer caller named it."""
        if self._journal is not None and not self._journal.label:
            self._journal.label = label

    def _note(self, table: str, record_id: str, doc: Any) -> None:
        """A record is about to change: keep its document as it was, for undo."""
        if self._journal is not None:
            self._journal.note(table, record_id, doc)

    def _doc_of(self, data: dict[str, Any] | None, table: str, record_id: str) -> Any:
        """The stored document of a record (by its id, whatever its TinyDB key), or None."""
        docs = (data or {}).get(table)
        if not isinstance(docs, dict):
            return None
        key = self._table_keys(table, docs).get(record_id)
        return None if key is None else docs.get(key)

    def _remember_change(self, journal: Journal) -> None:
        def current(table: str, record_id: str) -> Any:
            return self._doc_of({table: self._storage.table(table)}, table, record_id)

        def name(contact_id: str) -> str:
            doc = current(Contact.TABLE, contact_id) or journal.before.get(
                (Contact.TABLE, contact_id)) or {}
            return str(doc.get("name") or "someone removed")

        change = journal.change(current, name)
        if change is not None:
            self.history.push(change)

    def replay(self, docs: list[tuple[str, str, Any, Any]]) -> tuple | None:
        """Write documents back (undo and redo): for each (table, id, expected, new), the
        record must hold `expected` now (None: absent) and is set to `new` (None: deleted).
        All in one transaction, and nothing at all when a record differs: then the first
        such (table, id, expected, current) is returned."""
        with self.transaction(undoable=False):
            data = {table: self._storage.table(table) for table in {d[0] for d in docs}}
            for table, record_id, expected, _ in docs:
                current = self._doc_of(data, table, record_id)
                if not same_doc(table, current, expected):
                    return table, record_id, expected, snapshot(current, table)
            for table, record_id, _, new in docs:
                if new is None:
                    self._remove_doc(table, record_id)
                else:
                    self._put_doc(table, snapshot(new, table))
            for table in {d[0] for d in docs}:
                self._bump(table)
                self._cache.drop_table(table)
        return None
