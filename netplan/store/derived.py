"""Figures derived from whole tables (the board's weekly counts), remembered while their
tables are unchanged and kept beside the store for the next start: a mixin of `Store`."""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from typing import Any

from .records import BY_TABLE, Record


def _record(table: str, doc: Any) -> Record | None:
    """A journal's document as the domain reads it: its record (None for none, or for a
    table that holds no records)."""
    kind = BY_TABLE.get(table)
    return kind.from_dict(doc) if kind is not None and isinstance(doc, dict) else None


def _as_records(changes: Iterable[tuple]) -> list[tuple[str, Any, Any]]:
    """(table, _, document after, document before) as the domain's functions take them:
    (table, record after, record before)."""
    return [(table, _record(table, new), _record(table, old)) for table, _, new, old in changes]


class DerivedFigures:
    """Store methods for derived figures; they use the store's storage, epoch and versions."""

    _storage: Any
    _epoch: int
    _versions: dict[str, int]
    _derived: dict[str, tuple[tuple[int, ...], Any]]
    _kept: dict[str, tuple]
    # The latest changes, each (table, the table's version after it, document after,
    # document before), for figures changed by them rather than computed again.
    _change_log: deque
    readonly: bool

    def _log_change(self, table: str, new: Any, old: Any) -> None:
        """A record changed (here or in another process): bump its table's version and
        keep what changed."""
        self._versions[table] = version = self._versions.get(table, 0) + 1
        self._change_log.append((table, version, new, old))

    def _changes_between(self, kinds: tuple, before: tuple, now: tuple) -> list | None:
        """Every change to `kinds` between two stamps, as (table, record after, record
        before), when the log holds them all; else None."""
        if before[0] != now[0]:
            return None  # the file was read again in between
        wanted = {k.TABLE: (b, n) for k, b, n in zip(kinds, before[1:], now[1:], strict=True)
                  if b != n}
        found = [c for c in list(self._change_log)
                 if c[0] in wanted and wanted[c[0]][0] < c[1] <= wanted[c[0]][1]]
        if len(found) != sum(n - b for b, n in wanted.values()):
            return None  # a change the log does not hold (too old, or a table rewritten)
        return _as_records(found)

    def derived(self, name: str, kinds: Iterable[type[Record]], compute: Callable[[], Any],
                *, keep: tuple[Callable[[Any], Any], Callable[[Any], Any]] | None = None,
                forward: Callable[[Any, list], Any] | None = None,
                update: Callable[[Any, list], Any] | None = None) -> Any:
        """`compute()`, remembered until a record of one of `kinds` changes (here or in
        another process). For figures built from whole tables, such as the board's
        weekly counts over 50,000 interactions; the result must be treated as read-only.

        With `keep=(to_json, from_json)` the figure is also kept beside the store for the
        file as it is now (DurableStorage.keep), and the next process to open the same
        file takes it from there instead of computing it. With `forward(kept_json,
        changes)` a figure kept before changes the journal still holds is brought up to
        date from them (None from it: computed again). With `update(value, changes)` a
        value this process derived is changed by the changes made since (here or read
        from the journal) rather than computed again; None from it: computed again."""
        kinds = tuple(kinds)
        if keep is not None:
            self._kept[name] = (kinds, compute, keep, forward, update)
        self._storage.fresh()  # notices another process's change (and drops everything)
        stamp = (self._epoch, *(self._versions.get(k.TABLE, 0) for k in kinds))
        hit = self._derived.get(name)
        if hit is not None and hit[0] == stamp:
            return hit[1]
        if hit is not None and update is not None:
            changes = self._changes_between(kinds, hit[0], stamp)
            value = update(hit[1], changes) if changes is not None else None
            if value is not None:
                self._derived[name] = (stamp, value)
                return value
        value = None
        # Kept figures describe the file on disk: inside a transaction the data in memory
        # is already ahead of it, so they are neither used nor kept then.
        if self._storage.holds_transaction():
            keep = None
        if keep is not None:
            kept, brought = self._storage.kept(name), False
            if kept is None and forward is not None:
                kept = self._forwarded(name, forward)
                brought = kept is not None
            if kept is not None:
                try:
                    value = keep[1](kept)
                except (TypeError, ValueError, AttributeError, KeyError):
                    value = None  # a cache file in an older shape: derive it again
                else:
                    self.forwarded += brought
        if value is None:
            value = compute()
            if keep is not None and not self.readonly:
                self._storage.keep(name, keep[0](value))
        self._derived[name] = (stamp, value)
        return value

    forwarded = 0  # figures brought forward by changes rather than computed again

    def derived_current(self, name: str, kinds: Iterable[type[Record]]) -> Any:
        """The figure as derived for the store as it is now, without deriving it (None:
        not derived yet, or before the latest change): for a screen that shows it once a
        worker thread has derived it, rather than wait for it."""
        hit = self._derived.get(name)
        stamp = (self._epoch, *(self._versions.get(k.TABLE, 0) for k in kinds))
        return hit[1] if hit is not None and hit[0] == stamp else None

    def derived_before(self, name: str) -> bool:
        """Whether this process has derived the figure, current or not (a change since is
        then usually followed by `update`, at the cost of the change)."""
        return name in self._derived

    def figure_at_hand(self, name: str) -> bool:
        """Whether the figure is derived in this process or kept beside the store (for
        this state of the store or one its changes lead from): asking for it then costs
        a read of it, not of its tables, unless it has to be derived again after all."""
        return name in self._derived or self._storage.has_kept(name)

    def _forwarded(self, name: str, forward: Callable[[Any, list], Any]) -> Any:
        """The figure kept before the latest changes, brought forward by them, and kept for
        the store as it is now; None when that cannot be done."""
        latest = self._storage.kept_latest(name)
        if latest is None or latest[1] is None:
            return None
        changes = self._storage.changes_since(latest[0])
        if changes is None:
            return None
        try:
            value = forward(latest[1], _as_records(changes))
        except (TypeError, ValueError, AttributeError, KeyError):
            return None  # kept in a shape the function does not know: derived again
        if value is not None and not self.readonly:
            self._storage.keep(name, value)
        return value

    def keep_figures(self) -> None:
        """Derive again, and keep beside the store, each kept figure this process has asked
        for that changes since made stale: the next start then finds them for the file as
        it is (the TUI calls this when it quits, wherever the changes were made)."""
        if self.readonly:
            return
        for name, (kinds, compute, keep, forward, update) in list(self._kept.items()):
            self.derived(name, kinds, compute, keep=keep, forward=forward, update=update)
