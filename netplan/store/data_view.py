"""A detached, read-only copy of the store's data, for work done off the UI thread."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any, TypeVar

import orjson

from .packed_table import dumps as packed_dumps
from .records import Record

if TYPE_CHECKING:
    from .database import Store

R = TypeVar("R", bound=Record)


class DataView:
    """A detached copy of the store's data that exports can read in a worker thread
    while the UI thread keeps using (and writing) the store itself."""

    def __init__(self, data: dict[str, Any]):
        self._data = data

    @classmethod
    def of(cls, store: Store) -> DataView:
        return cls(orjson.loads(packed_dumps(store.raw())))  # a deep copy, fast

    def raw(self) -> dict[str, Any]:
        return self._data

    def streamed(self, tables: Iterable[str]) -> Iterator[tuple[str, Iterable[Any]]]:
        for name in tables:
            table = self._data.get(name)
            yield name, table.values() if isinstance(table, dict) else ()

    def all(self, kind: type[R]) -> list[R]:
        docs = self._data.get(kind.TABLE) or {}
        return [kind.from_dict(d) for d in docs.values() if isinstance(d, dict)]
