"""Reads over whole tables that need not build every record, for figures counted over
50,000 interactions (the board's weekly counts) and groups built only when asked for
(one week's goals of a ten-year store). The values are read exactly as `from_dict` would
read them, so the domain sees what records would say and never the file's documents."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Generic, TypeVar

from .documents import head_ids, record_ids
from .packed_table import PackedTable, Parsed, pack, unpacked
from .records import Record
from .value_rows import row_reader

R = TypeVar("R", bound=Record)

# More documents than this in a table whose records are not built: get() builds only the
# record asked for (the Contacts list's first screen at 50,000 contacts, not 0.3 s of all).
GET_ALONE = 5_000


class Grouped(Generic[R]):
    """Records grouped by one field's value; a group's records are built on first use.
    A group holds its documents as the store does: parsed, or a packed table's JSON."""

    def __init__(self, groups: dict[Any, list[Any]], build: Callable[[dict], R]):
        self._groups = groups
        self._build = build
        self._built: dict[Any, list[R]] = {}

    def of(self, key: Any) -> list[R]:
        records = self._built.get(key)
        if records is None:
            build = self._build
            records = self._built[key] = [build(unpacked(d))
                                          for d in self._groups.get(key, ())]
        return list(records)

    def keys(self) -> list[Any]:
        return list(self._groups)

    def built(self) -> list[Any]:
        """The groups whose records have been built so far."""
        return list(self._built)

    def changed(self, moves: list[tuple[Any, str, dict[str, Any] | None]]) -> Grouped[R]:
        """A copy with, for each (group, record id, document or None), that record's
        document put in (or taken out of) the group; the other groups' records are kept."""
        groups = dict(self._groups)
        for key in {key for key, _, _ in moves}:
            groups[key] = list(groups.get(key, ()))
        for key, rid, doc in moves:
            docs = [d for d in groups[key] if unpacked(d).get("id") != rid]
            if doc is not None:
                docs.append(doc)
            groups[key] = docs
        new = Grouped(groups, self._build)
        new._built = {k: v for k, v in self._built.items() if k not in groups or
                      groups[k] is self._groups.get(k)}
        return new


class TableReads:
    """Mixed into the Store, which gives `_storage`."""

    _storage: Any
    derived: Callable[..., Any]  # (DerivedFigures, beside it in the Store)
    all: Callable[..., Any]  # (the Store's)
    _cache: Any
    repairs: dict[tuple[str, str, str], str]

    def raw(self) -> dict[str, Any]:
        """The whole parsed file (read-only use: `check`, exports)."""
        return self._storage.read() or {}

    def streamed(self, tables: Iterable[str]) -> Iterator[tuple[str, Iterable[Any]]]:
        """These tables' documents, a table after another (DurableStorage.streamed)."""
        return self._storage.streamed(tables)

    def hold_packed(self, *kinds: type[Record]) -> None:
        """Hold these kinds' tables as each document's JSON (packed_table.py): for a
        long session, whose figures keep what they read."""
        self._storage.hold_packed(k.TABLE for k in kinds)

    def get(self, kind: type[R], record_id: str | None) -> R | None:
        if not record_id:
            return None
        self._storage.fresh()
        # (Not a packed table's: its documents would all be parsed to find one.)
        if (not self._cache.holds(kind.TABLE) and self.about_how_many(kind) > GET_ALONE
                and not isinstance(self._storage.table(kind.TABLE), PackedTable)):
            docs = self.derived(f"documents.{kind.TABLE}.by_id", (kind,),
                                lambda: {doc["id"]: doc for doc in self._docs(kind)})
            doc = docs.get(record_id)
            return None if doc is None else self._built_alone(kind, doc)
        index = self._cache.index(kind.TABLE, lambda: {r.id: r for r in self.all(kind)})
        return index.get(record_id)  # type: ignore[return-value]

    def _built_alone(self, kind: type[R], doc: dict[str, Any]) -> R:
        notes: list[Any] = []
        record = kind.from_dict(doc, notes)
        for table_name, rid, name, problem in notes:
            self.repairs[(table_name, rid, name)] = problem
        return record

    def about_how_many(self, kind: type[Record]) -> int:
        """About how many records of a kind the store holds, without building them (for
        deciding what to read on a worker)."""
        return self._storage.documents_in(kind.TABLE)

    def _docs(self, kind: type[Record]) -> list[dict[str, Any]] | Parsed:
        """The stored documents of a kind, as parsed (read-only), each with its id: listed
        once per change of the table (several figures read the same 250,000). A packed
        table's are parsed as they are read (Parsed), each time."""
        return self.derived(f"documents.{kind.TABLE}", (kind,), lambda: self._listed(kind))

    def _listed(self, kind: type[Record]) -> list[dict[str, Any]] | Parsed:
        table = self._storage.table(kind.TABLE)
        if not isinstance(table, dict):
            return []
        if isinstance(table, PackedTable) and head_ids(table) is not None:
            return Parsed(list(dict.values(table)))  # every document holds its id: unparsed
        ids = record_ids(kind.TABLE, table)
        if isinstance(table, PackedTable):
            held = []
            for key, raw in table.packed():
                rid = ids.get(key)
                if rid is not None:
                    doc = unpacked(raw)
                    held.append(raw if doc.get("id") == rid else
                                pack({**doc, "id": rid}))
            return Parsed(held)
        if len(ids) == len(table):  # (every document a record, in the table's order)
            return [doc if doc.get("id") == rid else {**doc, "id": rid}
                    for doc, rid in zip(table.values(), ids.values(), strict=True)]
        return [doc if doc.get("id") == ids[key] else {**doc, "id": ids[key]}
                for key, doc in table.items() if key in ids]

    def _docs_held(self, kind: type[Record]) -> Iterator[tuple[Any, dict[str, Any]]]:
        """(as held, parsed) of each stored document: a Grouped keeps the first."""
        docs = self._docs(kind)
        if isinstance(docs, Parsed):
            return docs.pairs()
        return ((doc, doc) for doc in docs)

    def values(self, kind: type[Record], *names: str,
               stored: str | None = None) -> Iterator[tuple[Any, ...]]:
        """For each record of a kind, the named fields as its record would hold them (a
        value of the expected class is taken as stored; any other is read as from_dict
        reads it). `stored`: only the records whose field of that name is stored with a
        value (an empty list, "" or null is read as empty: those records are skipped
        unread, as the 225,000 interactions that asked no question)."""
        docs = self._docs(kind)
        if stored is not None and isinstance(docs, Parsed):
            docs = docs.storing(stored)  # (the others are skipped unparsed)
        return row_reader(kind, names, stored)(docs)

    def records_where(self, kind: type[R], names: tuple[str, ...],
                      keep: Callable[..., bool],
                      first: Callable[[dict[str, Any]], bool] | None = None) -> list[R]:
        """The records of a kind whose named fields pass `keep(*values)`; only those are
        built (the 25,000 interactions that asked questions, not all 250,000), unless
        every record is built already. `first`: a look at the stored document that
        passes every document whose record `keep` may pass (a date stored as text later
        than a day, or not stored as text); only those are read further."""
        if self._cache.holds(kind.TABLE):
            return [r for r in self.all(kind) if keep(*(getattr(r, n) for n in names))]
        if first is not None:
            records = [kind.from_dict(doc) for doc in self._docs(kind) if first(doc)]
            return [r for r in records if keep(*(getattr(r, n) for n in names))]
        return [kind.from_dict(doc) for doc, row in
                zip(self._docs(kind), self.values(kind, *names), strict=True) if keep(*row)]

    def records_with(self, kind: type[R], names: tuple[str, ...]) -> list[R]:
        """The records of a kind with one of the named fields set (not empty, false or
        none), built alone: only the documents that store one of them with a value are
        read (the planned interactions and those that asked questions, not 250,000 read
        field by field)."""
        return self.records_where(kind, names, lambda *values: any(values),
                                  first=lambda doc: any(map(doc.get, names)))

    def grouped_by_each(self, kind: type[R], name: str) -> Grouped[R]:
        """The records of a kind grouped by each value of a list field (an interaction is
        in the group of each of its contacts), built lazily."""
        groups: dict[Any, list[Any]] = {}
        for held, doc in self._docs_held(kind):
            values = doc.get(name)
            if values.__class__ is not list or not all(v.__class__ is str for v in values):
                values = kind.stored_value(doc, name)
            for value in dict.fromkeys(values):  # (a contact named twice: once)
                groups.setdefault(value, []).append(held)
        return Grouped(groups, kind.from_dict)

    def grouped(self, kind: type[R], name: str) -> Grouped[R]:
        """The records of a kind grouped by the value of field `name`, built lazily."""
        groups: dict[Any, list[Any]] = {}
        for held, doc in self._docs_held(kind):
            groups.setdefault(kind.stored_value(doc, name), []).append(held)
        return Grouped(groups, kind.from_dict)
