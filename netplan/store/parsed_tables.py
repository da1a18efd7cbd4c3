"""What of the store a DurableStorage has parsed, and how it holds it: a mixin of it.

Tables are parsed on first use (layout.py); the TUI holds its interactions as each
document's JSON once parsed (packed_table.py). The questions asked of what is parsed
without parsing more (which tables, how many documents, whether each is an object) are
answered here.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from . import layout as storeformat
from .packed_table import PackedTable


class ParsedTables:
    """DurableStorage's parsed tables: the attributes below are set by its __init__."""

    _data: dict[str, Any] | None
    _layout: storeformat.Layout | None
    _mutex: Any
    packed: frozenset[str]
    fresh: Callable[[], None]

    def hold_packed(self, names: Iterable[str]) -> None:
        """Hold these tables as each document's JSON from now on (those parsed already
        too): a long session's memory, at the cost of a parse per read of a document."""
        with self._mutex:
            self.packed = frozenset(names)
            if self._data is not None:
                self._held(self._data)

    def _held(self, data: dict[str, Any]) -> dict[str, Any]:
        """`data` with the tables to be packed packed (in place)."""
        for name in self.packed:
            table = data.get(name)
            if table.__class__ is dict:
                data[name] = PackedTable.of(table.items())
        return data

    def shape(self) -> dict[str, bool]:
        """Each table's name, and whether it is a JSON object, without parsing them."""
        self.fresh()
        out = {name: isinstance(value, dict) for name, value in (self._data or {}).items()}
        if self._layout is not None:
            for name in self._layout.names:
                out.setdefault(name, self._layout.is_object(name))
        return out

    def documents_in(self, name: str) -> int:
        """How many documents a table holds: counted once it is parsed, before that
        estimated from its size in the file (a few hundred bytes a document)."""
        data = self._data or {}
        if name in data:
            return len(data[name]) if isinstance(data[name], dict) else 0
        found = self._layout
        if found is None or name not in found.spans:
            return 0
        _, start, end, _ = found.spans[name]
        return (end - start) // 300

    @property
    def fully_parsed(self) -> bool:
        return self._layout is None

    @property
    def parsed_tables(self) -> set[str]:
        """The tables parsed so far."""
        return set(self._data or ())
