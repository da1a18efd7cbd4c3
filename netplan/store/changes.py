"""What a change to the store touched, as the TUI's sections hear of it."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StoreChange:
    """A change committed here (`origin` "local", naming the tables it wrote) or found
    on disk, written by another process (`origin` "outside", tables not known: None)."""

    origin: str
    tables: frozenset[str] | None = None

    def concerns(self, unaffected: frozenset[str]) -> bool:
        """Whether a view that does not show the `unaffected` tables must refresh."""
        return self.tables is None or bool(self.tables - unaffected)
