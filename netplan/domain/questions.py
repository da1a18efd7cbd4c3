"""The question bank: built-ins shipped in data/questions.yaml, the user's own, counts and search.

Built-in questions live in the store as `Question(builtin=True)` records under
their stable slug ids, so stars, hidden flags and logged answers point at
something that never changes. `sync_builtins` brings a store up to the shipped
file; it is cheap when nothing changed (one hash compare).

How user edits are detected: the store's settings keep, under
`questions.builtin`, the fingerprint of the last shipped file applied and, per
built-in id, a short hash of the text/category/why that was shipped. On an
upgrade a built-in whose stored text still hashes to what was shipped is
untouched and gets the new wording; one that differs was edited by hand (jq,
an import) and is left alone. A built-in with no recorded hash (settings lost
in an export round trip) is only updated if it already matches, i.e. never
overwritten. Stars and hidden flags are never touched by a sync. A built-in
that a newer file no longer ships becomes the user's own (builtin=False), so it
keeps its history and the user may delete it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from ..store.records import Contact, Interaction, Question
from .prep import Heard, answers_heard
from .shipped_content import parse_shipped

SETTING = "questions.builtin"
USER_CATEGORY = "My questions"
MAX_TEXT = 500  # a question is one breath, not an essay
BANK_FILE = "questions.yaml"


class QuestionError(ValueError):
    """A change to the bank that netplan refuses; the message says why."""


@dataclass(frozen=True)
class Shipped:
    """The built-in bank as this netplan ships it."""

    fingerprint: str
    questions: tuple[Question, ...]
    categories: tuple[str, ...]

    @property
    def order(self) -> dict[str, int]:
        return {q.id: i for i, q in enumerate(self.questions)}


def _hash(*parts: str) -> str:
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:16]


def content_hash(q: Question) -> str:
    return _hash(q.text, q.category, q.why)


def parse_bank(text: str) -> Shipped:
    """Read the YAML of a question bank (the shipped file, or a test's)."""
    raw = parse_shipped(text) or {}
    questions: list[Question] = []
    categories: list[str] = []
    seen: set[str] = set()
    for cat in raw.get("categories") or ():
        name = str(cat["name"]).strip()
        categories.append(name)
        for item in cat.get("questions") or ():
            qid = str(item["id"]).strip()
            if qid in seen:
                raise ValueError(f"{BANK_FILE}: question id {qid!r} appears twice")
            seen.add(qid)
            questions.append(Question(id=qid, text=str(item["text"]).strip(), category=name,
                                      why=str(item.get("why", "")).strip(), builtin=True))
    return Shipped(_hash(text), tuple(questions), tuple(categories))


@cache
def shipped_bank() -> Shipped:
    text = resources.files("netplan.data").joinpath(BANK_FILE).read_text(encoding="utf-8")
    return parse_bank(text)


def sync_builtins(store, bank: Shipped | None = None) -> int:
    """Bring the store's built-in questions up to `bank` (the shipped one by default).

    Returns how many records were added or changed. Does nothing (and writes
    nothing) when the store already holds this bank, or is read-only.
    """
    bank = bank or shipped_bank()
    if store.readonly or (store.setting(SETTING) or {}).get("fingerprint") == bank.fingerprint:
        return 0
    with store.transaction(undoable=False):  # the shipped bank, not the user's change
        state = store.setting(SETTING) or {}
        if state.get("fingerprint") == bank.fingerprint:  # another process did it meanwhile
            return 0
        shipped_hashes: dict = state.get("shipped") or {}
        current = {q.id: q for q in store.all(Question)}
        changes: list[Question] = []
        for new in bank.questions:
            old = current.get(new.id)
            if old is None:
                changes.append(new)
                continue
            untouched = content_hash(old) == shipped_hashes.get(new.id)
            same = (old.text, old.category, old.why) == (new.text, new.category, new.why)
            if (untouched and not same) or not old.builtin:
                # keep the user's star and hidden flag
                changes.append(old.replace(text=new.text if untouched else old.text,
                                           category=new.category if untouched else old.category,
                                           why=new.why if untouched else old.why, builtin=True))
        shipped_ids = {q.id for q in bank.questions}
        for old in current.values():
            if old.builtin and old.id not in shipped_ids:
                changes.append(old.replace(builtin=False))
        store.save_many(changes)
        store.set_setting(SETTING, {
            "fingerprint": bank.fingerprint,
            "shipped": {q.id: content_hash(q) for q in bank.questions},
        })
    return len(changes)


# -- the user's own questions ---------------------------------------------------------


def check_text(text: str, questions: Iterable[Question], editing: str | None = None) -> str:
    """The cleaned question text, or QuestionError naming what is wrong."""
    from ..support.sanitize import clean

    text = clean(text).strip()
    if not text:
        raise QuestionError("type the question")
    if len(text) > MAX_TEXT:
        raise QuestionError(f"keep it under {MAX_TEXT} characters (it has {len(text)})")
    folded = text.casefold()
    for q in questions:
        if q.id != editing and q.text.strip().casefold() == folded:
            raise QuestionError("that question is already in the bank")
    return text


def can_change(q: Question) -> None:
    """Built-ins can be starred and hidden, not edited or deleted."""
    if q.builtin:
        raise QuestionError(
            "built-in questions cannot be edited or deleted; hide it with h, "
            "or add your own wording with n"
        )


def delete_question(store, question_id: str) -> bool:
    q = store.get(Question, question_id)
    if q is None:
        return False
    can_change(q)
    return store.delete(Question, question_id)


# -- asked-to-whom ----------------------------------------------------------------------


@dataclass
class Asked:
    """How often a question was asked in logged (not planned) conversations, and of whom."""

    times: int = 0
    contacts: list[str] = field(default_factory=list)  # contact ids, first asked first
    last: str = ""  # date last asked

    def names(self, contacts_by_id: dict[str, Contact]) -> list[str]:
        return [contacts_by_id[c].name for c in self.contacts if c in contacts_by_id]


QUESTIONED = "questions.interactions"


def questioned(store) -> list[Interaction]:
    """The interactions that asked questions, and the planned ones (prep sheets, planned
    conversations): all that the question bank's counts and the prep sheets read."""
    return store.derived(QUESTIONED, (Interaction,),
                         lambda: store.records_with(Interaction, ("planned", "questions")),
                         update=_questioned_after)


ASKED = "questions.asked"


def asked_and_heard(store, newest: int) -> tuple[dict[str, Asked], dict[str, list[Heard]]]:
    """What the bank shows of every question: how often it was asked and of whom
    (asked_counts), and the `newest` answers heard to it (prep.answers_heard), counted
    once for the store as it is (a cursor move reads them, not 25,000 conversations)."""
    def count() -> tuple[dict[str, Asked], dict[str, list[Heard]]]:
        interactions = questioned(store)
        return asked_counts(interactions), answers_heard(interactions, newest)

    return store.derived(ASKED, (Interaction,), count)


def questioned_before(store) -> bool:
    """Whether this process has read them (a change since moves only what it changed)."""
    return store.derived_before(QUESTIONED)


def _asks_or_is_planned(planned: bool, questions: tuple) -> bool:
    return planned or bool(questions)


def _questioned_after(kept: list[Interaction], changes: list) -> list[Interaction]:
    """The list after a change, in the table's order as a fresh read has it: a changed
    interaction where it was (or gone), a new one at the end."""
    latest: dict[str, Interaction | None] = {}
    for _table, after, before in changes:
        latest[(after or before).id] = after
    out = []
    for it in kept:
        now = latest.pop(it.id, it) if it.id in latest else it
        if now is not None and _asks_or_is_planned(now.planned, now.questions):
            out.append(now)
    out += [it for it in latest.values()
            if it is not None and _asks_or_is_planned(it.planned, it.questions)]
    return out


def asked_counts(interactions: Iterable[Interaction]) -> dict[str, Asked]:
    """Per question id, the logged interactions that asked it (each counts once)."""
    out: dict[str, Asked] = {}
    whom: dict[str, dict[str, None]] = {}  # per question, the contacts in order (a set's speed)
    for it in sorted((i for i in interactions if i.questions and not i.planned),
                     key=lambda i: i.date or ""):
        seen: set[str] = set()
        day = it.date or ""  # (in date order: the latest so far)
        for entry in it.questions:
            qid = entry.get("question") if entry.__class__ is dict else None
            if qid.__class__ is not str or qid in seen:
                continue
            seen.add(qid)
            asked = out.get(qid)
            if asked is None:
                asked = out[qid] = Asked()
                whom[qid] = {}
            asked.times += 1
            asked.last = day
            whom[qid].update(dict.fromkeys(it.contacts))
    for qid, asked in out.items():
        asked.contacts = list(whom[qid])
    return out


def asked_of(contact_id: str, interactions: Iterable[Interaction]) -> dict[str, str]:
    """Question id -> date last asked, for the questions already asked of one contact."""
    out: dict[str, str] = {}
    for it in interactions:
        if it.planned or contact_id not in it.contacts:
            continue
        for entry in it.questions:
            qid = entry.get("question") if isinstance(entry, dict) else None
            if isinstance(qid, str):
                out[qid] = max(out.get(qid, ""), it.date or "")
    return out


# -- listing and search ------------------------------------------------------------------


def ordered(questions: Iterable[Question], bank: Shipped | None = None) -> list[Question]:
    """Built-ins in the shipped order (by category), then the user's own by category and text."""
    bank = bank or shipped_bank()
    cats = {c: i for i, c in enumerate(bank.categories)}
    order = bank.order
    end = len(order)

    def key(q: Question):
        cat_rank = cats.get(q.category, len(cats))
        return (cat_rank, q.category.casefold() if cat_rank == len(cats) else "",
                order.get(q.id, end), q.text.casefold())

    return sorted(questions, key=key)


def search(questions: Iterable[Question], query: str = "", *, show_hidden: bool = False,
           starred_only: bool = False) -> list[Question]:
    """Questions whose text, category or why contain every word of `query` (any case)."""
    words = query.casefold().split()
    out = []
    for q in questions:
        if q.hidden and not show_hidden:
            continue
        if starred_only and not q.starred:
            continue
        if words:
            hay = f"{q.text} {q.category} {q.why}".casefold()
            if not all(w in hay for w in words):
                continue
        out.append(q)
    return out


def categories(questions: Iterable[Question], bank: Shipped | None = None) -> list[str]:
    """Every category in use, shipped ones first, for suggestions in the new-question form."""
    bank = bank or shipped_bank()
    names = list(bank.categories)
    for q in questions:
        if q.category and q.category not in names:
            names.append(q.category)
    return names
