"""Follow-up arithmetic: when each contact is next due, what logging does to that, snoozing.

The rule (SPEC §4.2): the next follow-up is the contact's explicit `next_follow_up` when one
is set, else their last real interaction plus their cadence. Their cadence is their own
`cadence_days` when set, else the shortest cadence set for one of their tags (`netplan
cadence set close 90`). Planned interactions (prep sheets) never count. A contact with
neither an explicit date nor a cadence has no follow-up.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..store.records import Contact, Interaction, TagCadence
from ..support.dates import to_date, today


def default_cadence_days() -> int | None:
    """What a new contact's cadence is when the user does not say (the form pre-fills it,
    the command line uses it): `default_cadence` in config.toml (0 there: never), else 30.
    Stored contacts without a cadence are never nagged about."""
    from ..support.config import current

    return current().default_cadence


def last_interactions(interactions: Iterable[Interaction]) -> dict[str, dt.date]:
    """The date of each contact's latest real (not planned) interaction, by contact id."""
    last: dict[str, dt.date] = {}
    parsed: dict[object, dt.date | None] = {}  # few distinct dates among 50,000 interactions
    for it in interactions:
        if it.planned:
            continue
        day = parsed.get(it.date, False)
        if day is False:
            day = parsed[it.date] = to_date(it.date)
        if day is None:
            continue
        for cid in it.contacts:
            seen = last.get(cid)
            if seen is None or day > seen:
                last[cid] = day
    return last


# Casefolded tag -> days: the cadences set for tags, as next_follow_up takes them.
TagCadences = Mapping[str, int]
NO_TAG_CADENCES: TagCadences = {}


def tag_cadences(records: Iterable[TagCadence]) -> dict[str, int]:
    """The stored tag cadences by casefolded tag (two records for one tag: the shorter)."""
    out: dict[str, int] = {}
    for r in records:
        key = r.tag.strip().casefold()
        if key and r.cadence_days > 0:
            out[key] = min(out.get(key, r.cadence_days), r.cadence_days)
    return out


def cadence_of(contact: Contact, by_tag: TagCadences = NO_TAG_CADENCES) -> int | None:
    """The contact's own cadence when set, else the shortest of their tags' cadences."""
    if contact.cadence_days and contact.cadence_days > 0:
        return contact.cadence_days
    if by_tag and contact.tags:
        found = [by_tag[k] for k in (t.casefold() for t in contact.tags) if k in by_tag]
        if found:
            return min(found)
    return None


def next_follow_up(contact: Contact, last: dt.date | None,
                   by_tag: TagCadences = NO_TAG_CADENCES) -> dt.date | None:
    """The explicit date if set, else `last` + cadence (cadence_of); None when neither
    applies."""
    explicit = to_date(contact.next_follow_up)
    if explicit is not None:
        return explicit
    cadence = cadence_of(contact, by_tag) if last is not None else None
    if cadence:
        try:
            return last + dt.timedelta(days=cadence)
        except OverflowError:  # a hand-edited cadence of a million years
            return None
    return None


def days_until(day: dt.date | None, ref: dt.date | None = None) -> int | None:
    if day is None:
        return None
    return (day - (ref or today())).days


def is_overdue(day: dt.date | None, ref: dt.date | None = None) -> bool:
    return day is not None and day < (ref or today())


def describe_days(days: int | None) -> str:
    """`today`, `tomorrow`, `in 5 days`, `3 days overdue` — words, so no colour is needed."""
    if days is None:
        return "none"
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "1 day overdue"
    if days < 0:
        return f"{-days} days overdue"
    return f"in {days} days"


def after_logging(contact: Contact, on: dt.date, ref: dt.date | None = None, *,
                  answered: bool = False) -> Contact:
    """The contact after an interaction on `on` was logged with them: the clock restarts.

    An explicit follow-up date that the interaction answers (on or before its date, or
    already past) is cleared, so the cadence takes over again from this interaction. A
    follow-up the user set for later than that stays: they asked to be reminded then,
    unless the interaction is that follow-up (`answered`: logged from it, done early).
    """
    explicit = to_date(contact.next_follow_up)
    if explicit is not None and (answered or explicit <= on or explicit < (ref or today())):
        return contact.replace(next_follow_up=None)
    return contact


def snooze(contact: Contact, until: dt.date) -> Contact:
    """Set (or push back) the follow-up to an explicit date."""
    return contact.replace(next_follow_up=until.isoformat())


def clear_follow_up(contact: Contact) -> Contact:
    """Drop the explicit date; the cadence (if any) decides again."""
    return contact.replace(next_follow_up=None)


@dataclass(frozen=True, kw_only=True)
class Dated:
    """A follow-up's date, and the days until it from the day it was listed for."""

    due: dt.date
    days: int  # negative when overdue

    @property
    def overdue(self) -> bool:
        return self.days < 0


@dataclass(frozen=True)
class Due(Dated):
    contact: Contact


def due_within(
    contacts: Iterable[Contact],
    interactions: Iterable[Interaction],
    within: int = 7,
    ref: dt.date | None = None,
    by_tag: TagCadences = NO_TAG_CADENCES,
    last: Mapping[str, dt.date] | None = None,
) -> list[Due]:
    """Follow-ups overdue or due in the next `within` days, most urgent first.
    Dormant contacts are resting: they are not listed. `last`: each contact's latest
    interaction date, when known (last_met.py), instead of reading `interactions`."""
    ref = ref or today()
    if last is None:
        last = last_interactions(interactions)
    out: list[Due] = []
    for c in contacts:
        if c.stage == "dormant":
            continue
        day = next_follow_up(c, last.get(c.id), by_tag)
        if day is None:
            continue
        days = (day - ref).days
        if days <= within:
            out.append(Due(c, due=day, days=days))
    out.sort(key=lambda d: (d.due, d.contact.name.casefold()))
    return out
