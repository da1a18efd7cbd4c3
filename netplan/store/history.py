"""Undo and redo of this process's changes to the store (no Textual).

Every transaction the store commits is recorded as one `Change`: for each record it
touched, the document before and after (None where there was none), and a label a
person can read ("log coffee with Ada"). Undo writes the before-documents back in one
transaction, redo the after-documents, and each only when every touched record still
holds what this session left there: a record another process changed since is never
overwritten. Changes made by other processes are not in this history.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import orjson

LIMIT = 50  # changes kept for undo

Doc = dict[str, Any] | None

# Fields the board derives and writes on its own (an automatic goal's count and column):
# they change without anyone editing the goal, so they never make an undo refuse.
_DERIVED_GOAL_FIELDS = ("progress", "status", "progress_before_done")
_AUTO = ("outreach", "conversations", "new_contacts", "events", "follow_ups", "referrals",
         "help_given")
_TABLE_ORDER = ("contacts", "interactions", "goals", "events", "referrals", "questions",
                "assessments", "pitches", "companies", "meta")
_SINGULAR = {"contacts": "contact", "interactions": "interaction", "goals": "goal",
             "events": "event", "referrals": "referral", "questions": "question",
             "assessments": "self-assessment", "pitches": "pitch", "companies": "company",
             "meta": "settings"}
_PLURAL = {"contacts": "contacts", "interactions": "interactions", "goals": "goals",
           "events": "events", "referrals": "referrals", "questions": "questions",
           "assessments": "self-assessments", "pitches": "pitches", "companies": "companies",
           "meta": "settings"}


def snapshot(doc: Any, table: str = "meta") -> Doc:
    """A copy of a stored document that later writes cannot change. Record documents are
    replaced whole on every write, never changed in place, so a shallow copy does (a
    bulk import keeps 10,000 of them); the meta document is updated in place by TinyDB,
    so it is copied deep."""
    if not isinstance(doc, dict):
        return None
    return orjson.loads(orjson.dumps(doc)) if table == "meta" else dict(doc)


def same_doc(table: str, a: Doc, b: Doc) -> bool:
    """Whether two stored versions of a record are the same for undo's purposes."""
    if a is None or b is None:
        return a is b
    if table == "goals" and (a.get("metric") in _AUTO or b.get("metric") in _AUTO):
        a = {k: v for k, v in a.items() if k not in _DERIVED_GOAL_FIELDS}
        b = {k: v for k, v in b.items() if k not in _DERIVED_GOAL_FIELDS}
    return a == b


@dataclass(frozen=True)
class Entry:
    table: str
    id: str
    before: Doc
    after: Doc


@dataclass(frozen=True)
class Change:
    label: str
    entries: tuple[Entry, ...]


@dataclass
class Journal:
    """What one transaction touched so far: each record's document before it was first touched."""

    label: str | None = None
    untracked: int = 0  # > 0 while inside a transaction(undoable=False)
    before: dict[tuple[str, str], Doc] = field(default_factory=dict)

    def note(self, table: str, record_id: str, doc: Any) -> None:
        if self.untracked or (table, record_id) in self.before:
            return
        self.before[(table, record_id)] = snapshot(doc, table)

    def change(self, current: Callable[[str, str], Any],
               names: Callable[[str], str]) -> Change | None:
        """The change made, given each record's document now; None when nothing changed."""
        entries = []
        for (table, record_id), before in self.before.items():
            after = snapshot(current(table, record_id), table)
            if before != after:
                entries.append(Entry(table, record_id, before, after))
        if not entries:
            return None
        return Change(self.label or describe(entries, names), tuple(entries))


@dataclass(frozen=True)
class Outcome:
    done: bool
    message: str


class History:
    """This session's changes, newest last; undone ones wait on the redo stack."""

    def __init__(self, limit: int = LIMIT):
        self._undo: deque[Change] = deque(maxlen=limit)
        self._redo: list[Change] = []

    def push(self, change: Change) -> None:
        self._undo.append(change)
        self._redo.clear()

    def next_undo(self) -> Change | None:
        return self._undo[-1] if self._undo else None

    def next_redo(self) -> Change | None:
        return self._redo[-1] if self._redo else None

    def __len__(self) -> int:
        return len(self._undo)

    def undo(self, store) -> Outcome:
        return self._step(store, self._undo, self._redo, "undo", "undone", "Undone")

    def redo(self, store) -> Outcome:
        return self._step(store, self._redo, self._undo, "redo", "redone", "Redone")

    @staticmethod
    def _step(store, source: list, target: list, verb: str, done: str, title: str) -> Outcome:
        """Undo (source = undo stack) or redo (source = redo stack) the newest change: its
        records must still be as it left them, else it is refused and dropped."""
        if not source:
            return Outcome(False, f"Nothing to {verb}.")
        change = source[-1]
        forward = verb == "redo"
        conflict = store.replay([(e.table, e.id, e.before if forward else e.after,
                                  e.after if forward else e.before) for e in change.entries])
        source.pop()
        if conflict is not None:
            return Outcome(False, refusal(conflict, done, store))
        target.append(change)
        return Outcome(True, f"{title}: {change.label}")


def refusal(conflict: tuple[str, str, Doc, Doc], verb: str, store) -> str:
    """Why a change was not undone: the first record found changed elsewhere."""
    table, _, expected, current = conflict
    who = name_of(table, expected or current or {}, lambda cid: _contact_name(store, cid))
    if current is None:
        return f"{who} was deleted elsewhere since; not {verb}."
    return f"{who} was changed elsewhere since; not {verb}."


def _contact_name(store, contact_id: str) -> str:
    from .records import Contact

    contact = store.get(Contact, contact_id)
    return contact.name if contact is not None else "someone removed"


def _short(text: Any, width: int = 40) -> str:
    from ..support.sanitize import one_line

    return one_line(str(text or ""), width)


def name_of(table: str, doc: dict[str, Any], names: Callable[[str], str]) -> str:
    """A record as a person names it: Ada, “Reach out to 3 people”, coffee with Ada."""
    if table == "contacts":
        return _short(doc.get("name")) or "a contact"
    if table == "interactions":
        kind = str(doc.get("kind") or "interaction").replace("_", " ")
        people = [names(c) for c in doc.get("contacts") or () if isinstance(c, str)]
        return f"{kind} with {_short(', '.join(people))}" if people else kind
    if table == "goals":
        return f"“{_short(doc.get('title'))}”"
    if table in ("events", "pitches", "companies"):
        return _short(doc.get("name") or doc.get("title")) or f"a {_SINGULAR[table]}"
    if table == "referrals":
        at = _short(doc.get("company"), 30)
        return f"referral at {at}" if at else "a referral"
    if table == "questions":
        return f"“{_short(doc.get('text'))}”"
    return _SINGULAR.get(table, table)


def describe(entries: Iterable[Entry], names: Callable[[str], str]) -> str:
    """A label for a change nobody named: its main record and what happened to it."""
    entries = list(entries)

    def rank(e: Entry) -> tuple[int, int]:
        kind = 0 if e.before is None or e.after is None else 1  # added or deleted first
        order = _TABLE_ORDER.index(e.table) if e.table in _TABLE_ORDER else len(_TABLE_ORDER)
        return kind, order

    main = min(entries, key=rank)
    verb = "add" if main.before is None else "delete" if main.after is None else "edit"
    alike = [e for e in entries if e.table == main.table and rank(e) == rank(main)
             and (e.before is None) == (main.before is None)]
    if len(alike) > 1:
        return f"{verb} {len(alike)} {_PLURAL.get(main.table, main.table)}"
    doc = main.after if main.after is not None else main.before or {}
    name = name_of(main.table, doc, names)
    if main.table == "interactions":
        return f"{'log' if verb == 'add' else verb} {name}"
    if main.table == "goals" and verb == "edit":
        before, after = main.before or {}, main.after or {}
        if before.get("status") != after.get("status"):
            column = {"todo": "To do", "doing": "Doing", "done": "Done"}.get(
                str(after.get("status")), str(after.get("status")))
            return f"move {name} to {column}"
        if before.get("progress") != after.get("progress"):
            return f"count {name} {after.get('progress')}/{after.get('target')}"
    if main.table == "meta":
        return f"{verb} settings" if verb != "edit" else "change settings"
    return f"{verb} {_SINGULAR.get(main.table, main.table)} {name}"
