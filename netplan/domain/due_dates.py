"""What `netplan due` prints, kept beside the store: each contact's follow-up basis.

`netplan due` from cron at 50,000 contacts parsed and built every contact (and, without the
kept dates, every interaction) to print a dozen lines. This figure keeps, for every contact
who can come due (not dormant; an explicit follow-up date or a cadence), their name,
company, explicit date and cadence, and for everyone their latest real interaction; the
tags' cadences with it. Today's list is made from it in a few milliseconds. It is kept in
`<store>.cache` by the TUI (when its Contacts list is built, which reads all of this
anyway) and brought forward by the journal's changes: a contact's row is made again from
the contact as changed, an interaction moves someone's latest date. What cannot be
followed (a tag's cadence changed, someone's latest interaction removed) has the figure
derived again from the contacts and the kept dates.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..store.records import Contact, Interaction, TagCadence
from ..support.dates import to_date
from . import last_met
from .followups import Dated, TagCadences, cadence_of, tag_cadences

NAME = "followups.due"
KINDS = (Contact, Interaction, TagCadence)


@dataclass(frozen=True)
class DueLine(Dated):
    """One follow-up as `netplan due` prints it."""

    id: str
    name: str
    company: str


def follow_ups(store) -> dict[str, Any]:
    """The kept figure for the store as it is now (derived when it was not kept)."""
    return _kept(store, lambda: _read(store))


def seed(store, contacts: Iterable[Contact], last: Mapping[str, dt.date],
         by_tag: TagCadences) -> None:
    """Keep the figure made from what the Contacts index read anyway."""
    if not store.readonly:
        _kept(store, lambda: made(contacts, last, by_tag))


def _kept(store, compute) -> dict[str, Any]:
    return store.derived(NAME, KINDS, compute, keep=(_checked, _checked), forward=forward)


def listed(store, within: int, ref: dt.date) -> list[DueLine]:
    """The follow-ups due within `within` days of `ref`, from the kept figure; one damaged
    inside (a value edited by hand) is derived again from the records instead."""
    try:
        return due_lines(follow_ups(store), within, ref)
    except (TypeError, ValueError, AttributeError, KeyError, IndexError):
        return due_lines(_read(store), within, ref)


def due_lines(figure: Mapping[str, Any], within: int, ref: dt.date) -> list[DueLine]:
    """Follow-ups overdue or due in the next `within` days, most urgent first: what
    followups.due_within gives for the same store."""
    last = figure["last"]
    days_from: dict[str | None, int | None] = {None: None}  # a few hundred distinct dates
    found = []
    for cid, (name, company, explicit, cadence) in figure["rows"].items():
        if explicit:
            days = days_from.get(explicit, False)
            if days is False:
                day = to_date(explicit)
                days = days_from[explicit] = None if day is None else (day - ref).days
        elif cadence:
            met = last.get(cid)
            days = days_from.get(met, False)
            if days is False:
                days = days_from[met] = (dt.date.fromisoformat(met) - ref).days
            if days is not None:
                days += cadence
        else:
            days = None
        if days is not None and days <= within:
            found.append((days, name.casefold(), cid, name, company))
    found.sort(key=lambda row: row[:2])  # (the date, then the name)
    out, dates = [], {}
    for days, _, cid, name, company in found:
        due = dates.get(days)
        if due is None:
            try:
                due = dates[days] = ref + dt.timedelta(days=days)
            except OverflowError:  # a hand-edited cadence of a million years
                continue
        out.append(DueLine(cid, name, company, due=due, days=days))
    return out


def made(contacts: Iterable[Contact], last: Mapping[str, dt.date],
         by_tag: TagCadences) -> dict[str, Any]:
    rows = {}
    for c in contacts:
        row = _row(c, by_tag)
        if row is not None:
            rows[c.id] = row
    return {"tags": dict(by_tag), "last": {cid: day.isoformat() for cid, day in last.items()},
            "rows": rows}


def _read(store) -> dict[str, Any]:
    return made(store.all(Contact), last_met.last_met(store),
                tag_cadences(store.all(TagCadence)))


def _row(c: Contact, by_tag: TagCadences) -> list | None:
    """A contact's basis: [name, company, explicit date, cadence]; None when they cannot
    come due (dormant, or neither a date nor a cadence)."""
    if c.stage == "dormant":
        return None
    explicit = to_date(c.next_follow_up)
    cadence = cadence_of(c, by_tag)
    if explicit is None and not cadence:
        return None
    return [c.name, c.company, explicit.isoformat() if explicit else None, cadence]


def forward(kept: dict[str, Any], changes: list) -> dict[str, Any] | None:
    """The figure after `changes` (table, record after, record before); None when a change
    cannot be followed from it."""
    if any(table == TagCadence.TABLE for table, _, _ in changes):
        return None
    last = last_met.forward(kept["last"], changes)
    if last is None:
        return None
    rows = dict(kept["rows"])
    by_tag = kept["tags"]
    for table, new, old in changes:
        if table != Contact.TABLE:
            continue
        cid = (new or old).id
        rows.pop(cid, None)
        row = _row(new, by_tag) if new is not None else None
        if row is not None:
            rows[cid] = row
    return {"tags": by_tag, "last": last, "rows": rows}


def _checked(value: Any) -> dict[str, Any]:
    """The kept JSON, refused (derived again) when it is not in this shape."""
    if not (isinstance(value, dict) and isinstance(value.get("rows"), dict)
            and isinstance(value.get("last"), dict) and isinstance(value.get("tags"), dict)):
        raise ValueError("not the follow-ups figure")
    return value
