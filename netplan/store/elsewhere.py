"""Another process's change, read from the journal, applied to what this process built from
the tables (records, the id-to-key map): its cost is the change's, not the table's. A mixin of
`Store`."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .record_cache import RecordCache
from .records import BY_TABLE


class ChangesElsewhere:
    """Store's handler of DurableStorage.on_change."""

    _cache: RecordCache
    _keys: dict[str, dict[str, str]]
    _next_key: dict[str, int]
    repairs: dict[tuple[str, str, str], str]
    _outside: int

    # DerivedFigures' (declared: a definition here could hide it in Store's method order)
    _log_change: Callable[[str, Any, Any], None]

    def _changed_elsewhere(self, table: str, key: str, old: Any, new: Any) -> None:
        """Another process's change, read from the journal: what was built from the
        table is changed to match, not built again (cost: the change, not the table)."""
        self._outside += 1
        self._log_change(table, new, old)
        doc = new if new is not None else old
        rid = doc.get("id") if isinstance(doc, dict) else None
        keys = self._keys.get(table)
        kind = BY_TABLE.get(table)
        usable = isinstance(rid, str) and rid and (keys is None or keys.get(rid, key) == key) \
            and (old is None or new is None or old.get("id") == rid)
        if not usable or kind is None:
            self._cache.drop_table(table)
            self._keys.pop(table, None)
            self._next_key.pop(table, None)
            return
        if keys is not None:
            if new is None:
                keys.pop(rid, None)
            else:
                keys[rid] = key
                if key.isdigit():
                    self._next_key[table] = max(self._next_key.get(table, 1), int(key) + 1)
        if new is None:
            self._cache.forget(table, rid)
        elif self._cache.holds(table):
            notes: list[Any] = []
            self._cache.remember(kind.from_dict(new, notes))
            for table_name, record_id, name, problem in notes:
                self.repairs[(table_name, record_id, name)] = problem
