"""The Contacts list's index changed by a change, instead of built again.

After `netplan log` from cron, 1 interaction of 250,000 changed: the index is copied with the
rows of the people on it made again (their latest date, their follow-up, the answers they
gave), which costs those people, not everyone. A change it cannot follow this way (an
interaction removed or moved off someone's latest date, an event or a tag's cadence
changed) returns None, and the index is built again.
"""

from __future__ import annotations

import copy
from bisect import bisect_right
from itertools import compress
from typing import Any

from ..store.records import Contact, Event, Interaction, TagCadence
from ..support.dates import to_date, today
from . import due_dates
from .contact_glance import KINDS as GLANCE_KINDS
from .contact_glance import ContactGlance
from .contact_glance import wanted as glance_wanted
from .contacts import SORT_KEYS, ContactIndex, _answers_by_contact, answers_in
from .last_met import seed

KINDS = (Contact, Interaction, Event, TagCadence)
READ_AT_ONCE = 5_000


def contact_index(store, *, at_once: bool = False) -> ContactIndex | ContactGlance:
    """The index for the store as it is today: changed by each change when it can be,
    built again otherwise (and on a new day: who is overdue moves).

    `at_once` (a first paint), while the whole index was never derived: with many
    contacts, a glance (contact_glance), which builds only the rows drawn; with many
    interactions, the index without the answers each contact gave (`complete` False),
    which builds no interaction. The screen then derives the whole one on a worker."""
    name = f"contacts.index.{today()}"
    if at_once and not store.derived_before(name):
        if glance_wanted(store):
            return store.derived(f"{name}.glance", GLANCE_KINDS,
                                 lambda: ContactGlance.from_store(store))
        if reading_is_long(store):
            return store.derived(f"{name}.first", KINDS, lambda: _built(store, answers=False),
                                 update=updated)
    return store.derived(name, KINDS, lambda: _built(store, first=f"{name}.first"),
                         update=updated)


def reading_is_long(store) -> bool:
    """Whether reading every interaction would hold up a first paint: more than
    READ_AT_ONCE of them (250,000 took the Contacts list a second)."""
    return store.about_how_many(Interaction) > READ_AT_ONCE


def _built(store, *, answers: bool = True, first: str = "") -> ContactIndex:
    painted = store.derived_current(first, KINDS) if first else None
    if painted is not None:  # the first paint's, current: the answers added to it
        return _with_answers(painted, store)
    index = ContactIndex.from_store(store, answers=answers)
    # For `netplan due`, what was found on the way: each contact's latest date, and the
    # follow-up list made from it.
    seed(store, index.last)
    due_dates.seed(store, (r.contact for r in index.rows), index.last, index.by_tag)
    return index


def _with_answers(painted: ContactIndex, store) -> ContactIndex:
    """The first paint's index with the answers each contact gave: the rows of those who
    gave any made again, the others taken as they are."""
    new = copy.copy(painted)
    new.heard = answers_in(store)
    new.rows = [new.row(r.contact) if r.contact.id in new.heard else r for r in painted.rows]
    new._index_rows()
    new.complete = True
    return new


def updated(index: ContactIndex, changes: list[tuple[str, Any, Any]]) -> ContactIndex | None:
    """`index` after `changes` (table, record after, record before); None: build it again."""
    new = copy.copy(index)
    new.last, new.heard = dict(index.last), dict(index.heard)
    contacts: dict[str, Contact | None] = {}  # changed contacts (None: deleted)
    touched: set[str] = set()
    for table, after, before in changes:
        if table == Contact.TABLE:
            key = (after or before).id
            contacts[key] = after
            touched.add(key)
        elif table == Interaction.TABLE:
            if before is not None and _counted(before):
                return None  # the latest date or the answers heard may go back
            if after is not None and _counted(after):
                _add(new, after)
                touched.update(after.contacts)
        else:
            return None
    rows = []
    for row in index.rows:
        cid = row.contact.id
        if cid not in touched:
            rows.append(row)
            continue
        contact = contacts.get(cid, row.contact)
        if contact is not None:
            rows.append(new.row(contact))
    seen = {r.contact.id for r in index.rows}
    rows.extend(new.row(c) for cid, c in contacts.items() if c is not None and cid not in seen)
    new.rows = rows
    new._index_rows()
    place = {r.contact.id: n for n, r in enumerate(rows)} if index._orders else {}
    new._orders = {sort: _moved(order, sort, new, touched, place)
                   for sort, order in index._orders.items()}
    return new


def _moved(order, sort: str, index: ContactIndex, touched: set[str], place: dict[str, int]):
    """A sort order after a change: the untouched rows keep theirs, and each touched row
    still there is put where sorting again would put it (its key, then its place among
    the rows: the order sorting keeps among equals). Sorting 50,000 rows again after each
    `netplan log` cost the screen's thread 90 ms."""
    rows, ids, haystacks = order
    keep = [cid not in touched for cid in ids]
    rows, ids, haystacks = (list(compress(rows, keep)), list(compress(ids, keep)),
                            list(compress(haystacks, keep)))
    key = SORT_KEYS.get(sort, SORT_KEYS["name"])

    def placed(r):
        return key(r), place[r.contact.id]

    for cid in touched:
        row = index.by_id.get(cid)
        if row is not None:
            at = bisect_right(rows, placed(row), key=placed)
            rows.insert(at, row)
            ids.insert(at, cid)
            haystacks.insert(at, row.haystack)
    return rows, ids, haystacks


def _counted(it: Interaction) -> bool:
    """Whether an interaction counts for anyone's row (not planned, dated, or answered)."""
    return (not it.planned and to_date(it.date) is not None) or bool(it.questions)


def _add(index: ContactIndex, it: Interaction) -> None:
    day = None if it.planned else to_date(it.date)
    if day is not None:
        for cid in it.contacts:
            if cid not in index.last or day > index.last[cid]:
                index.last[cid] = day
    for cid, said in _answers_by_contact([it]).items():
        index.heard[cid] = [*index.heard.get(cid, ()), *said]
