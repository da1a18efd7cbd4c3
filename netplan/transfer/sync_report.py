"""What a sync did, one line a change, grouped the way a person reads them."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..support.words import counted

# The order the report lists them in; each reads as "<action>: <who>: <what>".
ACTIONS = (
    "to netplan", "created", "to folder", "new file", "file removed", "contact deleted",
    "logged", "conflict", "flagged", "skipped",
)
# How the summary counts more than one; the other actions read the same for any count
# ("3 created", "2 to folder"). JSON keeps the action names as they are.
_PLURALS = {"new file": "new files", "file removed": "files removed",
            "contact deleted": "contacts deleted", "conflict": "conflicts"}


@dataclass
class SyncReport:
    kind: str  # vcard | ics
    folder: str
    entries: list[tuple[str, str]] = field(default_factory=list)

    def add(self, action: str, text: str) -> None:
        self.entries.append((action, text))

    def counts(self) -> dict[str, int]:
        counts = Counter(action for action, _ in self.entries)
        return {a: counts[a] for a in ACTIONS if counts[a]}

    def summary(self) -> str:
        counts = self.counts()
        if not counts:
            return f"{self.kind} sync with {self.folder}: nothing to do, both sides agree"
        return (f"{self.kind} sync with {self.folder}: "
                + ", ".join(counted(n, a, _PLURALS.get(a, a)) for a, n in counts.items()))

    def lines(self) -> Iterator[str]:
        for action in ACTIONS:
            for a, text in self.entries:
                if a == action:
                    yield f"  {action:<15} {text}"

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "folder": self.folder, "counts": self.counts(),
                "changes": [{"action": a, "text": t} for a, t in self.entries]}
