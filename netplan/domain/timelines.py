"""Each contact's interactions, looked up by contact rather than found among all of them.

The Contacts detail pane shows the selected person's timeline: finding it among 250,000
interactions built every interaction record on the first visit (3 s) and scanned them all
on every move of the cursor. The documents are grouped by contact once (no records built),
a person's records are built when they are shown, and a change moves only the documents
of the interactions it changed.
"""

from __future__ import annotations

from typing import Any

from ..store.records import Interaction

NAME = "interactions.by_contact"


def interactions_with(store, contact_id: str) -> list[Interaction]:
    """A contact's interactions, newest first, planned ones included: what
    contacts.timeline(store.all(Interaction), contact_id) gives."""
    mine = grouped(store).of(contact_id)
    mine.sort(key=lambda it: (str(it.date), it.id), reverse=True)
    return mine


def grouped(store) -> Any:
    """Everyone's interactions, grouped by person (store.Grouped)."""
    return store.derived(NAME, (Interaction,),
                         lambda: store.grouped_by_each(Interaction, "contacts"),
                         update=_updated)


def grouped_before(store) -> bool:
    """Whether this process has grouped the interactions by person (a change since moves
    only what it changed)."""
    return store.derived_before(NAME)


def _updated(grouped: Any, changes: list) -> Any:
    moves: list[tuple[str, str, dict[str, Any] | None]] = []
    for _table, after, before in changes:
        rid = (after or before).id
        if before is not None:
            moves.extend((cid, rid, None) for cid in before.contacts)
        if after is not None:
            doc = after.to_dict()
            moves.extend((cid, rid, doc) for cid in dict.fromkeys(after.contacts))
    return grouped.changed(moves)
