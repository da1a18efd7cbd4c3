"""What an import did (created / updated / skipped, each with a reason), and the one
step that writes it: planned against the store and saved in a single transaction.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..store.records import Interaction, Record

if TYPE_CHECKING:
    from ..store.database import Store

ACTIONS = ("created", "updated", "skipped")


@dataclass(frozen=True)
class Outcome:
    action: str  # created | updated | skipped
    label: str  # who or what: "Ada Lovelace", "contacts/1b2c…", "row 12"
    reason: str = ""
    line: int | None = None

    def describe(self) -> str:
        where = f" (line {self.line})" if self.line else ""
        why = f": {self.reason}" if self.reason else ""
        return f"{self.label}{where}{why}"


@dataclass
class ImportResult:
    kind: str  # linkedin | vcard | yaml
    source: str
    outcomes: list[Outcome] = field(default_factory=list)
    dry_run: bool = False

    def add(self, action: str, label: str, reason: str = "", line: int | None = None) -> None:
        self.outcomes.append(Outcome(action, label, reason, line))

    def of(self, action: str) -> list[Outcome]:
        return [o for o in self.outcomes if o.action == action]

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(ACTIONS, 0)
        for o in self.outcomes:
            counts[o.action] += 1
        return counts

    def summary(self) -> str:
        c = self.counts()
        text = f"{c['created']} created, {c['updated']} updated, {c['skipped']} skipped"
        return text + (" (dry run: nothing was changed)" if self.dry_run else "")

    def report_lines(self, limit: int | None = 50) -> Iterator[str]:
        """One line per outcome, grouped by action. A reason shared by more than `limit`
        outcomes (2,000 × "already up to date") becomes one line; long lists are cut."""
        for action in ACTIONS:
            items = self.of(action)
            counts = Counter(o.reason for o in items)
            common = [r for r in counts if limit is not None and counts[r] > limit]
            listed = [o for o in items if o.reason not in common]
            shown = listed if limit is None else listed[:limit]
            for o in shown:
                yield f"  {action:<8} {o.describe()}"
            if len(shown) < len(listed):
                yield f"  {action:<8} … and {len(listed) - len(shown)} more"
            for reason in common:
                lines = [o.line for o in items if o.reason == reason and o.line]
                span = f" (lines {min(lines)}–{max(lines)})" if lines else ""
                yield f"  {action:<8} {counts[reason]} people{span}" + (
                    f": {reason}" if reason else "")

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "source": self.source, "dry_run": self.dry_run,
            "counts": self.counts(),
            **{a: [{"label": o.label, "reason": o.reason, "line": o.line} for o in self.of(a)]
               for a in ACTIONS},
        }


@dataclass
class Plan:
    """Records to save and settings to set, with the result that describes them."""

    result: ImportResult
    saves: list[Record] = field(default_factory=list)
    # New interactions, logged through the domain so stages, follow-ups and goals follow.
    interactions: list[Interaction] = field(default_factory=list)
    settings: dict[str, Any] = field(default_factory=dict)
    meta_created: str | None = None


class Parsed(Protocol):
    """A parsed import file; `plan` compares it with what the store holds now."""

    kind: str
    source: str

    def plan(self, store: Store) -> Plan: ...


def apply_import(store: Store, parsed: Parsed, *, dry_run: bool = False) -> ImportResult:
    """Plan the import and write it in one transaction (or not at all for a dry run).

    Planning happens inside the transaction, against the data as it is under the
    lock, so another process's change made meanwhile is matched, not overwritten.
    Any error leaves the store exactly as it was.
    """
    if dry_run:
        store.refresh()
        result = parsed.plan(store).result
        result.dry_run = True
        return result
    with store.transaction(f"import {parsed.kind} {Path(parsed.source).name}".strip()):
        plan = parsed.plan(store)
        if plan.saves:
            store.save_many(plan.saves)
        if plan.interactions:
            from ..domain.interactions import log_many

            log_many(store, plan.interactions)
        for key, value in plan.settings.items():
            store.set_setting(key, value)
        if plan.meta_created:
            store.set_meta_created(plan.meta_created)
    return plan.result
