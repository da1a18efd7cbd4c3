"""Reads over whole tables that need not build every record, for figures counted over
50,000 interactions (the board's weekly counts) and groups built only when asked for
(one week's goals of a ten-year store). The values are read exactly as `from_dict` would
read them, so the domain sees what records would say and never the file's documents."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

from .documents import record_ids
from .record_reading import _plan as record_plan
from .records import Record

R = TypeVar("R", bound=Record)


class Grouped(Generic[R]):
    """Records grouped by one field's value; a group's records are built on first use."""

    def __init__(self, groups: dict[Any, list[dict[str, Any]]], build: Callable[[dict], R]):
        self._groups = groups
        self._build = build
        self._built: dict[Any, list[R]] = {}

    def of(self, key: Any) -> list[R]:
        records = self._built.get(key)
        if records is None:
            records = self._built[key] = [self._build(d) for d in self._groups.get(key, ())]
        return list(records)

    def keys(self) -> list[Any]:
        return list(self._groups)

    def built(self) -> list[Any]:
        """The groups whose records have been built so far."""
        return list(self._built)


class TableReads:
    """Mixed into the Store, which gives `_storage`."""

    _storage: Any

    def _docs(self, kind: type[Record]) -> list[dict[str, Any]]:
        """The stored documents of a kind, as parsed (read-only), each with its id."""
        table = self._storage.table(kind.TABLE)
        if not isinstance(table, dict):
            return []
        ids = record_ids(kind.TABLE, table)
        return [doc if doc.get("id") == ids[key] else {**doc, "id": ids[key]}
                for key, doc in table.items() if key in ids]

    def values(self, kind: type[Record], *names: str) -> Iterator[tuple[Any, ...]]:
        """For each record of a kind, the named fields as its record would hold them (a
        value of the expected class is taken as stored; any other is read as from_dict
        reads it)."""
        plan = record_plan(kind)
        taken = [plan.kinds[name][0] if name in plan.kinds else () for name in names]
        texts = [name in plan.kinds and plan.kinds[name][1] == "texts" for name in names]
        read = kind.stored_value
        missing = object()
        for doc in self._docs(kind):
            row = []
            for name, ok, is_texts in zip(names, taken, texts, strict=True):
                value = doc.get(name, missing)
                if value.__class__ in ok:
                    row.append(value)
                elif is_texts and value.__class__ is list and all(
                        v.__class__ is str for v in value):
                    row.append(tuple(value))  # a list of text, as netplan writes it
                else:
                    row.append(read(doc, name))
            yield tuple(row)

    def grouped(self, kind: type[R], name: str) -> Grouped[R]:
        """The records of a kind grouped by the value of field `name`, built lazily."""
        groups: dict[Any, list[dict[str, Any]]] = {}
        for doc in self._docs(kind):
            groups.setdefault(kind.stored_value(doc, name), []).append(doc)
        return Grouped(groups, kind.from_dict)
