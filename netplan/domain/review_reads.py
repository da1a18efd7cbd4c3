"""What the weekly review reads, kept beside the store: the recent conversations and people.

`netplan review` at 50,000 contacts parsed the 250,000 interactions to find its twelve weeks
and built every contact for the names it prints. This figure keeps, from a day `since`:

- every interaction dated from `since`, and every thank-you of any day (the thank-you rule
  asks whether someone was thanked after a referral moved, which may be long ago);
- every contact created or met from `since`, whole (the week's new contacts, the
  introductions to thank);
- of every contact, the name (the names the review prints), and who is resting (dormant:
  no thank-you is asked of them). Kept as two maps of text, which read four times faster
  than a map of pairs: at 50,000 contacts, 12 ms.

`since` is the Monday four weeks before the twelve weeks the current week's trends show,
so one figure serves the review of this week and of the four before it, and goes on
serving for four weeks; once the current week's twelve weeks begin before it, the figure is
derived again. A review of a week further back reads the store as the figure would (the
same functions, `since` that week's), without keeping it. The figure is kept in
`<store>.cache` by the TUI and brought forward by the journal's changes, like the others.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from ..store import compact_json as pack
from ..store.records import Contact, Interaction
from ..support.dates import iso_week, week_bounds
from .next_actions import RECENT_DAYS
from .trends import window
from .vocabulary import THANKS_KIND

NAME = "review.recent"
KINDS = (Interaction, Contact)
SLACK_WEEKS = 4


@dataclass(frozen=True)
class Recent:
    """The figure as the review uses it: records built from the kept documents."""

    since: str
    # Interactions dated from `since`, and every thank-you: each as its JSON (a session
    # holds 16 weeks of them in a quarter of the memory parsed documents take).
    documents: Iterable[bytes]
    contacts: tuple[Contact, ...]  # created or met from `since`
    names: Mapping[str, str]  # every contact's id -> name
    resting: Mapping[str, Any]  # the ids of the dormant ones

    def interactions(self, keep: Callable[[str, str, bool], bool]) -> list[Interaction]:
        """The kept interactions whose (kind, date, planned) pass `keep`, built alone."""
        docs = (orjson.loads(d) for d in self.documents)
        return [Interaction.from_dict(d) for d in docs
                if keep(d["kind"], d["date"], d["planned"])]

    def stand_in(self, cid: str) -> Contact | None:
        """A contact not kept whole, as the thank-you rule reads them (name, and whether
        they rest); their other fields are not read there."""
        name = self.names.get(cid)
        if name is None:
            return None
        return Contact.from_dict({"id": cid, "name": name, "created": "", "updated": "",
                                  "stage": "dormant" if cid in self.resting else ""})


def first_read(week: str, now: dt.date) -> str:
    """The first day the review of `week` on `now` reads: its twelve weeks' Monday, or the
    thank-you rule's first day (introductions of the last RECENT_DAYS) when earlier."""
    monday = week_bounds(window(week)[0])[0]
    return min(monday, now - dt.timedelta(RECENT_DAYS)).isoformat()


def recent_for(store, week: str, now: dt.date) -> Recent:
    """What the review of `week` reads: from the kept figure when it reaches back far
    enough, else read from the store for that week alone."""
    first = first_read(week, now)
    kept = figure(store, now)
    if kept["since"] <= first:
        try:
            return _built(kept)
        except (TypeError, ValueError, AttributeError, KeyError):
            pass  # damaged inside (a value edited by hand): read from the store
    return _built(made(store, first))


def figure(store, now: dt.date) -> dict[str, Any]:
    """The kept figure for the store as it is now (derived when it was not kept, or when
    kept before the weeks the current week's review reads)."""
    needed = first_read(iso_week(now), now)
    return store.derived(NAME, KINDS, lambda: made(store, _since(now)),
                         keep=(_identity, lambda v: _checked(v, needed)),
                         forward=forward, update=forward)


def _since(now: dt.date) -> str:
    first = dt.date.fromisoformat(first_read(iso_week(now), now))
    return (first - dt.timedelta(weeks=SLACK_WEEKS)).isoformat()


def _built(figure: Mapping[str, Any]) -> Recent:
    documents = figure["interactions"].values()  # (packed by made, forward and _checked)
    return Recent(figure["since"], documents,
                  tuple(Contact.from_dict(d) for d in figure["contacts"].values()),
                  figure["names"], figure["resting"])


def _interaction_kept(since: str):
    def kept(kind: object, date: object) -> bool:
        return kind == THANKS_KIND or str(date)[:10] >= since
    return kept


def _contact_kept(since: str):
    """Created or met from `since` (compared as stored text: a damaged date is kept too,
    which reads no differently)."""
    def kept(created: object, met_on: object) -> bool:
        return str(created)[:10] >= since or str(met_on)[:10] >= since
    return kept


def made(store, since: str) -> dict[str, Any]:
    """The figure from the store's records."""
    def first(doc: dict[str, Any]) -> bool:  # the stored text, or a value to read first
        kind, date = doc.get("kind"), doc.get("date")
        return (kind == THANKS_KIND or date.__class__ is not str or date[:10] >= since
                or kind.__class__ is not str)

    keep = _interaction_kept(since)
    interactions = {i.id: pack(i.to_dict())
                    for i in store.records_where(Interaction, ("kind", "date"), keep, first)}
    names, resting = {}, {}
    for cid, name, stage in store.values(Contact, "id", "name", "stage"):
        names[cid] = name
        if stage == "dormant":
            resting[cid] = 1
    contacts = {c.id: c.to_dict() for c in store.records_where(
        Contact, ("created", "met_on"), _contact_kept(since))}
    return {"since": since, "interactions": interactions, "contacts": contacts,
            "names": names, "resting": resting}


def forward(kept: Mapping[str, Any], changes: list) -> dict[str, Any] | None:
    """The figure after `changes` (table, record after, record before); None when an
    interaction moved into it from before `since` (its place among the others, which
    orders a day's conversations as they were logged, is not known here)."""
    since = kept["since"]
    interactions, contacts = dict(kept["interactions"]), dict(kept["contacts"])
    names, resting = dict(kept["names"]), dict(kept["resting"])
    inter_kept, contact_kept = _interaction_kept(since), _contact_kept(since)
    for table, new, old in changes:
        # (A record changed stays where it was, as in the table.)
        if table == Interaction.TABLE:
            if new is not None and inter_kept(new.kind, new.date):
                if old is not None and new.id not in interactions:
                    return None
                interactions[new.id] = pack(new.to_dict())
            else:
                interactions.pop((new or old).id, None)
        elif table == Contact.TABLE:
            cid = (new or old).id
            resting.pop(cid, None)
            if new is None:
                names.pop(cid, None)
                contacts.pop(cid, None)
                continue
            names[cid] = new.name
            if new.stage == "dormant":
                resting[cid] = 1
            if contact_kept(new.created, new.met_on):
                contacts[cid] = new.to_dict()
            else:
                contacts.pop(cid, None)
    return {"since": since, "interactions": interactions, "contacts": contacts,
            "names": names, "resting": resting}


def _identity(value: Any) -> Any:
    return value


def _checked(value: Any, needed: str) -> dict[str, Any]:
    """The kept JSON, refused (derived again) when it is not in this shape or does not
    reach back to `needed` (the current week's first day read)."""
    if not (isinstance(value, dict) and isinstance(value.get("since"), str)
            and all(isinstance(value.get(k), dict)
                    for k in ("interactions", "contacts", "names", "resting"))):
        raise ValueError("not the review's figure")
    if value["since"] > needed:
        raise ValueError("kept before the weeks the review now reads")
    return {**value, "interactions": _packed(value["interactions"])}


def _packed(interactions: Mapping[str, Any]) -> dict[str, bytes]:
    """The kept interactions each as its JSON (as read from the cache, parsed: packed),
    refused when one is not an interaction's shape (a value edited by hand)."""
    out = {}
    for key, doc in interactions.items():
        if doc.__class__ is bytes:
            out[key] = doc
        elif doc.__class__ is dict and "kind" in doc and "date" in doc and "planned" in doc:
            out[key] = pack(doc)
        else:
            raise ValueError("an interaction kept in another shape")
    return out
