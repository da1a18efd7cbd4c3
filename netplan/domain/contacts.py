"""Contacts as people use them: finding a contact by part of a name, filtering and sorting
the list, and the changes that touch several records at once (logging an interaction,
deleting a contact, the people met at an event). Typed fields: contact_fields."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from itertools import compress
from typing import Any

from ..store import Store
from ..store.records import (
    Contact,
    Event,
    Interaction,
    Referral,
    TagCadence,
    now_iso,
)
from ..support.dates import today
from ..support.sanitize import clean
from . import contact_filter, followups, interactions
from .contact_fields import split_list
from .interactions import stage_after  # noqa: F401 (public here too)
from .last_met import last_met
from .referrals import (  # noqa: F401 (public here too)
    OPEN_REFERRAL,
    advance_referral,
    next_referral_status,
    referrals_of,
)
from .vocabulary import LADDER, TALKED_KINDS  # noqa: F401 (public here too)

# -- finding a contact by a typed name --------------------------------------------------


class ContactLookupError(ValueError):
    """A typed name matched no contact, or several; `candidates` lists the several."""

    def __init__(self, message: str, candidates: Sequence[Contact] = ()):
        super().__init__(message)
        self.candidates = list(candidates)


def resolve(contacts: Iterable[Contact], text: str) -> Contact:
    """The one contact meant by `text`: an exact name (any case), else a unique name
    prefix, else a unique substring of the name. Raises ContactLookupError otherwise."""
    want = " ".join(clean(text).split()).casefold()
    if not want:
        raise ContactLookupError("a name is needed")
    pool = list(contacts)
    for test in (
        lambda n: n == want,
        lambda n: n.startswith(want),
        lambda n: any(w.startswith(want) for w in n.split()),
        lambda n: want in n,
    ):
        found = [c for c in pool if test(" ".join(c.name.split()).casefold())]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            # Two people may share a name: exact matches stay ambiguous, listed with company.
            raise ContactLookupError(
                f"{clean(text)!r} matches {len(found)} contacts: {describe_candidates(found)}",
                found,
            )
    raise ContactLookupError(f"no contact matches {clean(text)!r}")


def describe_candidates(found: Sequence[Contact], limit: int = 6) -> str:
    names = [c.name + (f" ({c.company})" if c.company else "") for c in found[:limit]]
    more = f" and {len(found) - limit} more" if len(found) > limit else ""
    return ", ".join(clean(n) for n in names) + more


def resolve_many(contacts: Iterable[Contact], text: str) -> list[Contact]:
    """Comma-separated names, each resolved; the first problem is raised."""
    pool = list(contacts)
    out: list[Contact] = []
    for name in split_list(text):
        c = resolve(pool, name)
        if c not in out:
            out.append(c)
    return out


# -- the list: filter and sort ----------------------------------------------------------

SORTS = ("name", "follow_up", "last")
SORT_LABELS = {"name": "name", "follow_up": "next follow-up", "last": "last interaction"}


@dataclass(frozen=True)
class Row:
    """One contact as the list shows it, with what sorting and filtering need precomputed."""

    contact: Contact
    next_follow_up: dt.date | None
    last: dt.date | None
    haystack: str  # casefolded name, company, role, tags, notes and answers they gave
    overdue: bool = False
    pending: bool = False  # the follow-up counts from a latest date not read yet (a glance)


class ContactIndex:
    """The contacts with their follow-up dates, built once per store change. Each sort order
    is computed once; filtering as you type keeps that order and only scans prepared strings,
    a few milliseconds at 10,000 contacts."""

    REMEMBER = 16  # queries whose matches are kept, to narrow the next one from

    def __init__(self, contacts: Iterable[Contact], interactions: Iterable[Interaction],
                 events: Iterable[Event] = (),
                 by_tag: followups.TagCadences = followups.NO_TAG_CADENCES, *,
                 last: dict[str, dt.date] | None = None,
                 heard: dict[str, list[str]] | None = None):
        """`last` and `heard` (each contact's latest date and the answers they gave), when
        given, are what `interactions` would give: the store's index reads them without
        building 250,000 interaction records (from_store)."""
        interactions = list(interactions)
        self.event_names = {e.id: e.name.casefold() for e in events}
        # Kept for index_changes.updated(), which changes the index by a change.
        self.last = followups.last_interactions(interactions) if last is None else last
        self.heard = _answers_by_contact(interactions) if heard is None else heard
        self.by_tag = by_tag
        self.ref = today()
        self.rows = [self.row(c) for c in contacts]
        self._index_rows()

    def row(self, c: Contact) -> Row:
        due = followups.next_follow_up(c, self.last.get(c.id), self.by_tag)
        return Row(c, due, self.last.get(c.id), _haystack(c, self.heard.get(c.id)),
                   due is not None and due < self.ref)

    def _index_rows(self) -> None:
        self.by_id = {r.contact.id: r for r in self.rows}
        self.overdue_ids = frozenset(r.contact.id for r in self.rows if r.overdue)
        # Per sort order: the rows, and their ids and haystacks as plain lists, which a
        # filter scans without touching each row object (at 10,000 contacts, reading
        # r.haystack and r.contact.id took more than half a keystroke's filtering).
        self._orders: dict[str, tuple[list[Row], list[str], list[str]]] = {}
        # The last few queries' matches (ids, haystacks), oldest first.
        self._found: dict[tuple[str, tuple[str, ...]], tuple[list[str], list[str]]] = {}

    # False: built without the answers each contact gave (a first paint's, which reads no
    # interaction); a filter then finds people by what else it holds.
    complete = True

    @classmethod
    def from_store(cls, store: Store, *, answers: bool = True) -> ContactIndex:
        heard = answers_in(store) if answers else {}
        index = cls(store.all(Contact), (), store.all(Event),
                    followups.tag_cadences(store.all(TagCadence)),
                    last=dict(last_met(store)), heard=heard)
        index.complete = answers
        return index

    def _order(self, sort: str) -> tuple[list[Row], list[str], list[str]]:
        order = self._orders.get(sort)
        if order is None:
            rows = sort_rows(list(self.rows), sort)
            order = self._orders[sort] = (
                rows, [r.contact.id for r in rows], [r.haystack for r in rows]
            )
        return order

    def sorted(self, sort: str = "name") -> list[Row]:
        return self._order(sort)[0]

    def matching_ids(self, query: str = "", sort: str = "name") -> list[str]:
        """The ids of the contacts that `query` selects (contact_filter: every free word in
        their name, company, role, tags, notes or answers, any case, and every field such
        as stage:talked), in the sort order. Fields that cannot be read are left out."""
        flt = contact_filter.parse(query)
        ids = self._matching_words(flt.words, sort)
        if flt.terms:
            ref = today()
            by_id, names = self.by_id, self.event_names
            ids = [i for i in ids
                   if all(contact_filter.matches(t, by_id[i].contact, by_id[i].next_follow_up,
                                                 ref, names) for t in flt.terms)]
        return ids

    def _matching_words(self, words: tuple[str, ...], sort: str) -> list[str]:
        _, ids, haystacks = self._order(sort)
        if not words:
            return list(ids)
        found = self._found.get((sort, words))
        if found is None:
            # Typing narrows a filter: when each word of an earlier query is part of a word
            # of this one, this one's matches are among the earlier's, so only those are
            # scanned; erasing a letter finds its query here already.
            for (earlier_sort, earlier), (some_ids, some_haystacks) in self._found.items():
                if (earlier_sort == sort and len(some_ids) < len(ids)
                        and all(any(e in w for w in words) for e in earlier)):
                    ids, haystacks = some_ids, some_haystacks
            if len(words) == 1:
                (word,) = words
                keep = [word in h for h in haystacks]
            else:
                keep = [all(w in h for w in words) for h in haystacks]
            found = (list(compress(ids, keep)), list(compress(haystacks, keep)))
            if len(self._found) >= self.REMEMBER:
                del self._found[next(iter(self._found))]
            self._found[(sort, words)] = found
        return list(found[0])

    def filter(self, query: str = "", sort: str = "name") -> list[Row]:
        """The rows `matching_ids` names, in the same order."""
        by_id = self.by_id
        return [by_id[i] for i in self.matching_ids(query, sort)]

    @property
    def count(self) -> int:
        return len(self.rows)

    def count_overdue(self, ids: Iterable[str]) -> int:
        return len(self.overdue_ids.intersection(ids))


def _haystack(c: Contact, heard: list[str] | None = None) -> str:
    parts = [c.name, c.company, c.role, " ".join(c.tags), c.notes, *(heard or ())]
    return "\n".join(parts).casefold()


def _answers_by_contact(interactions: Iterable[Interaction]) -> dict[str, list[str]]:
    """The answers each contact gave (to questions asked in logged conversations)."""
    return answers_heard((it.questions, it.contacts) for it in interactions)


def answers_in(store: Store) -> dict[str, list[str]]:
    """The answers each contact gave, read from the interactions that stored questions."""
    return answers_heard(store.values(Interaction, "questions", "contacts", stored="questions"))


def answers_heard(rows: Iterable[tuple[Any, tuple[str, ...]]]) -> dict[str, list[str]]:
    """The same from each interaction's (questions, contacts)."""
    out: dict[str, list[str]] = {}
    for questions, contacts in rows:
        if not questions:
            continue
        for entry in questions:
            said = entry.get("answer") if isinstance(entry, dict) else None
            if isinstance(said, str) and said:
                for cid in contacts:
                    out.setdefault(cid, []).append(said)
    return out


_FAR = dt.date.max


SORT_KEYS = {
    # soonest (most overdue) first; no follow-up last
    "follow_up": lambda r: (r.next_follow_up or _FAR, r.contact.name.casefold()),
    # most recently talked to first; never talked to last
    "last": lambda r: (-(r.last.toordinal() if r.last else 0), r.contact.name.casefold()),
    "name": lambda r: (r.contact.name.casefold(), r.contact.company.casefold()),
}


def sort_rows(rows: list[Row], sort: str) -> list[Row]:
    """Sort in place (and return) by name, next follow-up (soonest first) or last
    interaction; rows of equal keys keep their order."""
    rows.sort(key=SORT_KEYS.get(sort, SORT_KEYS["name"]))
    return rows


# -- changes that touch several records -------------------------------------------------


def touch(contact: Contact) -> Contact:
    return contact.replace(updated=now_iso())


def log_interaction(store: Store, interaction: Interaction) -> Interaction:
    """Save an interaction, restart the follow-up clock of everyone on it and move them up
    the stage ladder as far as it shows, in one write (what it changed is written on it)."""
    return interactions.log(store, interaction)


def delete_contact(store: Store, contact_id: str) -> bool:
    """Delete a contact; their interactions and referrals stay, without the link to them.

    One transaction: either everything changes or nothing does."""
    with store.transaction():
        if store.get(Contact, contact_id) is None:
            return False
        for it in store.all(Interaction):
            if contact_id in it.contacts:
                store.save(it.replace(contacts=tuple(c for c in it.contacts if c != contact_id)))
        for c in store.all(Contact):
            if c.introduced_by == contact_id:
                store.save(touch(c.replace(introduced_by=None)))
        for ref in store.all(Referral):
            if ref.contact == contact_id:
                store.save(ref.replace(contact=None, updated=now_iso()))
        store.delete(Contact, contact_id)
    return True


def introduced(contacts: Iterable[Contact], contact_id: str) -> list[Contact]:
    """The people this contact introduced you to."""
    return sorted(
        (c for c in contacts if c.introduced_by == contact_id), key=lambda c: c.name.casefold()
    )


def introductions(store: Store, contact_id: str) -> list[Contact]:
    """introduced() for the store: who introduced whom read once per change of the
    contacts (from that field alone), not scanned on every move of the cursor."""
    by = store.derived("contacts.introduced_by", (Contact,), lambda: _by_introducer(store))
    people = [c for cid in by.get(contact_id, ()) if (c := store.get(Contact, cid))]
    return sorted(people, key=lambda c: c.name.casefold())


def _by_introducer(store: Store) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for cid, by in store.values(Contact, "id", "introduced_by", stored="introduced_by"):
        out.setdefault(by, []).append(cid)
    return out


def timeline(interactions: Iterable[Interaction], contact_id: str) -> list[Interaction]:
    """A contact's interactions, newest first (planned ones included; callers mark them)."""
    mine = [it for it in interactions if contact_id in it.contacts]
    mine.sort(key=lambda it: (str(it.date), it.id), reverse=True)
    return mine


# -- events -----------------------------------------------------------------------------


def people_met_at(
    contacts: Iterable[Contact], interactions: Iterable[Interaction], event_id: str
) -> list[Contact]:
    """Contacts met at an event: their `met_at` is it, or an interaction there names them."""
    pool = {c.id: c for c in contacts}
    ids = {c.id for c in pool.values() if c.met_at == event_id}
    for it in interactions:
        if it.event == event_id:
            ids.update(cid for cid in it.contacts if cid in pool)
    return sorted((pool[i] for i in ids), key=lambda c: c.name.casefold())


def save_event(store: Store, event: Event, met_there: Iterable[str] | None = None) -> Event:
    """Save an event and, if given, make exactly `met_there` (ids) the contacts met at it."""
    with store.transaction():
        store.save(event)
        if met_there is not None:
            wanted = set(met_there)
            for c in store.all(Contact):
                if c.id in wanted and c.met_at != event.id:
                    store.save(touch(c.replace(met_at=event.id)))
                elif c.id not in wanted and c.met_at == event.id:
                    store.save(touch(c.replace(met_at=None)))
    return event


def delete_event(store: Store, event_id: str) -> bool:
    """Delete an event; contacts and interactions keep everything but the link to it."""
    with store.transaction():
        if store.get(Event, event_id) is None:
            return False
        for c in store.all(Contact):
            if c.met_at == event_id:
                store.save(touch(c.replace(met_at=None)))
        for it in store.all(Interaction):
            if it.event == event_id:
                store.save(it.replace(event=None))
        store.delete(Event, event_id)
    return True
