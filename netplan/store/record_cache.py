"""The records built from the file, kept between reads and changed in place by saves.

The caches describe only the data held in memory: the store drops them whenever the file is
re-read (another process wrote). A save updates them in place, so the next read does not
rebuild 50,000 records because one was saved; a bulk import keeps where each record sits in
the list, so it costs the size of what it saves, not that times the table's size."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from .records import Record

SCANS_BEFORE_PLACES = 32  # saves into a cached table before its places are kept


class RecordCache:
    """Per table: the list of records `all()` hands out copies of, and an id index for
    `get()`, each built on first use."""

    def __init__(self) -> None:
        self._lists: dict[str, list[Record]] = {}
        self._places: dict[str, dict[str, int]] = {}  # record id -> position in the list
        self._scans: dict[str, int] = {}  # saves remembered by scanning, per table
        self._indexes: dict[str, dict[str, Record]] = {}

    def records(self, table: str, build: Callable[[], list[Record]]) -> list[Record]:
        """The table's cached list (built by `build` if need be); callers copy it."""
        cached = self._lists.get(table)
        if cached is None:
            cached = self._lists[table] = build()
            self._places.pop(table, None)
            self._scans.pop(table, None)
        return cached

    def index(self, table: str, build: Callable[[], dict[str, Record]]) -> dict[str, Record]:
        index = self._indexes.get(table)
        if index is None:
            index = self._indexes[table] = build()
        return index

    def holds(self, table: str) -> bool:
        return table in self._lists or table in self._indexes

    def remember(self, record: Record) -> None:
        """A saved record, put where the cached list and index have it (or at the end)."""
        table = record.TABLE
        cached = self._lists.get(table)
        if cached is not None:
            places = self._places.get(table)
            if places is None or len(places) != len(cached):
                # A few saves scan the list (a dict of 50,000 places costs 5 MB); a bulk
                # import builds the places once and then costs the size of what it saves.
                scans = self._scans[table] = self._scans.get(table, 0) + 1
                if scans <= SCANS_BEFORE_PLACES:
                    i = next((n for n, r in enumerate(cached) if r.id == record.id), None)
                    if i is None:
                        cached.append(record)
                    else:
                        cached[i] = record  # all() hands out copies of the list: safe
                    self._index_put(record)
                    return
                places = self._places[table] = {r.id: i for i, r in enumerate(cached)}
            i = places.get(record.id)
            if i is None:
                places[record.id] = len(cached)
                cached.append(record)
            else:
                cached[i] = record
        self._index_put(record)

    def expect_many(self, records: list[Record]) -> None:
        """These records are about to be saved (an import): where a table gets more than
        SCANS_BEFORE_PLACES of them, keep its places now rather than scan the list first."""
        for table, count in Counter(r.TABLE for r in records).items():
            cached = self._lists.get(table)
            if cached is not None and count > SCANS_BEFORE_PLACES and table not in self._places:
                self._places[table] = {r.id: i for i, r in enumerate(cached)}

    def _index_put(self, record: Record) -> None:
        index = self._indexes.get(record.TABLE)
        if index is not None:
            index[record.id] = record

    def forget(self, table: str, record_id: str) -> None:
        """A deleted record."""
        cached = self._lists.get(table)
        if cached is not None:
            self._lists[table] = [r for r in cached if r.id != record_id]
            self._places.pop(table, None)
        self._indexes.get(table, {}).pop(record_id, None)

    def drop_table(self, table: str) -> None:
        """Build the table again on its next read (an undo rewrote it)."""
        for kept in (self._lists, self._places, self._scans, self._indexes):
            kept.pop(table, None)

    def drop(self) -> None:
        """Everything built again on the next read (the file was re-read)."""
        for kept in (self._lists, self._places, self._scans, self._indexes):
            kept.clear()
