"""The Contacts list at a glance: a large store's first paint without building everyone.

At 50,000 contacts the whole index (every contact's record, follow-up date and the words a
filter searches, each sort order) took the first visit 1.5 s, 2 s when each person's latest
conversation was not kept. The glance lists everyone by name from three stored fields
(about 0.1 s) and builds only the rows drawn; the screen's worker builds the whole index
meanwhile. What the glance cannot answer (a filter, another order, how many are overdue)
it says it does not know, and a row whose follow-up counts from a latest conversation not
yet read says so rather than showing none.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

from ..store.records import Contact, Interaction, TagCadence
from ..support.dates import to_date, today
from ..support.gc_pause import gc_paused
from . import followups, last_met
from .contacts import Row

GLANCE_FROM = 5_000  # contacts: more than this, a first paint lists them at a glance
KINDS = (Contact, Interaction, TagCadence)


def wanted(store) -> bool:
    """Whether building every contact would hold up a first paint."""
    return store.about_how_many(Contact) > GLANCE_FROM


class ContactGlance:
    """The contacts in name order, each row built when it is drawn. `last`: each
    contact's latest conversation, None while it is not known (not kept beside the
    store, and so read by the worker)."""

    complete = False

    def __init__(self, ids: list[str], get: Callable[[str], Contact | None],
                 last: Mapping | None, by_tag: followups.TagCadences):
        self.ids = ids
        self.by_id = _Rows(ids, get, last, by_tag)

    @classmethod
    def from_store(cls, store) -> ContactGlance:
        return cls(name_order(store), lambda cid: store.get(Contact, cid),
                   last_met.last_met(store) if store.figure_at_hand(last_met.NAME) else None,
                   followups.tag_cadences(store.all(TagCadence)))

    @property
    def count(self) -> int:
        return len(self.ids)

    def matching_ids(self, query: str = "", sort: str = "name") -> list[str] | None:
        """Everyone in name order (also while another order waits for the reading: the
        same people, the highlighted one kept); None (not known yet) for a filter."""
        return None if query else list(self.ids)

    def count_overdue(self, ids) -> int | None:
        return None  # (not known yet)


def name_order(store) -> list[str]:
    """The contacts' ids in the list's name order (contacts.sort_rows: the name, then the
    company, any case; the store's order among equals), read from those fields alone."""
    with gc_paused():  # (100,000 short-lived strings: no collection passes meanwhile)
        ids, keys = [], []
        for cid, name, company in store.values(Contact, "id", "name", "company"):
            ids.append(cid)
            # One string per contact compares faster than a pair; NUL sorts first, so it
            # orders as the pair would (a name holding NUL aside).
            keys.append(f"{name.casefold()}\0{company.casefold()}")
        return [ids[i] for i in sorted(range(len(ids)), key=keys.__getitem__)]


class _Rows(Mapping):
    """The glance's rows by contact id, each made when first asked for."""

    def __init__(self, ids: list[str], get: Callable[[str], Contact | None],
                 last: Mapping | None, by_tag: followups.TagCadences):
        self._ids = frozenset(ids)
        self._get, self._last, self._by_tag = get, last, by_tag
        self._made: dict[str, Row] = {}
        self._ref = today()

    def __getitem__(self, cid: str) -> Row:
        row = self._made.get(cid)
        if row is None:
            contact = self._get(cid) if cid in self._ids else None
            if contact is None:
                raise KeyError(cid)
            row = self._made[cid] = self._row(contact)
        return row

    def _row(self, c: Contact) -> Row:
        known = self._last is not None
        last = self._last.get(c.id) if self._last is not None else None
        if not known and to_date(c.next_follow_up) is None and followups.cadence_of(
                c, self._by_tag):
            return Row(c, None, None, "", pending=True)  # (counted from a date not read)
        due = followups.next_follow_up(c, last, self._by_tag)
        return Row(c, due, last, "", due is not None and due < self._ref)

    def __contains__(self, cid: object) -> bool:
        return cid in self._ids

    def __iter__(self) -> Iterator[str]:
        return iter(self._ids)

    def __len__(self) -> int:
        return len(self._ids)
