"""When each contact was last met (their latest real interaction), kept beside the store.

`netplan due` from cron needs, of 50,000 interactions, only each person's latest date: kept in
`<store>.cache` by the TUI (when its Contacts list is built) and brought forward by the
journal's changes (count_forward.py does the same for the board's counts), it spares the
command reading the interactions at all. A change that removes someone's latest
interaction cannot be followed (the one before is not kept): the dates are then read from
the interactions again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ..store.records import Interaction
from ..support.dates import to_date

NAME = "followups.last_met"


def last_met(store) -> dict[str, dt.date]:
    """Contact id -> the date of their latest real (not planned) interaction."""
    return store.derived(NAME, (Interaction,), lambda: _read(store),
                         keep=(_as_json, _from_json), forward=forward)


def seed(store, last: dict[str, dt.date]) -> None:
    """Keep dates found by something that read every interaction anyway (the Contacts
    index), for the store as it is now."""
    if not store.readonly:
        store.derived(NAME, (Interaction,), lambda: dict(last), keep=(_as_json, _from_json),
                      forward=forward)


def _read(store) -> dict[str, dt.date]:
    last: dict[str, dt.date] = {}
    parsed: dict[object, dt.date | None] = {}
    for date, planned, contacts in store.values(Interaction, "date", "planned", "contacts"):
        if planned:
            continue
        day = parsed.get(date, False)
        if day is False:
            day = parsed[date] = to_date(date)
        if day is None:
            continue
        for cid in contacts:
            seen = last.get(cid)
            if seen is None or day > seen:
                last[cid] = day
    return last


def _as_json(last: dict[str, dt.date]) -> dict[str, str]:
    return {cid: day.isoformat() for cid, day in last.items()}


def _from_json(value: dict[str, str]) -> dict[str, dt.date]:
    # Each day read once: 50,000 people were last met on a few thousand days (the
    # Contacts list's first paint waits for this).
    days: dict[str, dt.date] = {}
    out = {}
    for cid, day in value.items():
        date = days.get(day)
        if date is None:
            date = days[day] = dt.date.fromisoformat(day)
        out[str(cid)] = date
    return out


def _met(it: Any) -> set[tuple[str, str]]:
    if not isinstance(it, Interaction) or it.planned:
        return set()
    day = to_date(it.date)
    return set() if day is None else {(cid, day.isoformat()) for cid in it.contacts}


def forward(kept: dict[str, str], changes) -> dict[str, str] | None:
    """The kept dates after `changes` (table, record after, record before); None when a
    change removed someone's latest date."""
    last = dict(kept)
    for _table, new, old in changes:
        before, after = _met(old), _met(new)
        for cid, day in before - after:
            if day >= last.get(cid, ""):
                return None
        for cid, day in after - before:
            if day > last.get(cid, ""):
                last[cid] = day
    return last
