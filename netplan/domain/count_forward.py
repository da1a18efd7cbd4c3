"""The board's weekly counts brought forward by changes instead of counted again.

The counts are kept beside the store for the next start (metrics.store_counts). When
another process changed the store since -- `netplan log` from cron, a second session --
the journal holds each change with the document before and after it, and the kept counts
are brought up to date from those alone: a start after `netplan log` costs that one
interaction, not the 250,000 already counted.

Most metrics are sums per week, changed by subtracting what the old document counted and
adding what the new one counts. Two count distinct people: outreach (people reached in a
week) and follow-ups (people met again in a week, after the day they were first met).
For those the kept figure carries, for the recent weeks (`WINDOW_WEEKS` back from the day
it was counted, and every week after), how many of the week's interactions name each
person, and for everyone the day they were first met. A change the figure cannot follow
exactly -- one in an older week, one that moves a person's first day -- returns None, and
the counts are counted again, as before.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

from ..store.records import Contact, Event, Interaction, Referral
from ..support.dates import iso_week, today, week_of
from .vocabulary import CONVERSATION_KINDS, THANKS_COUNT

WINDOW_WEEKS = 8


def window_start() -> str:
    return iso_week(today() - dt.timedelta(weeks=WINDOW_WEEKS))


def recent(dated, first: dict[str, str], start: str) -> dict[str, Any]:
    """The distinct-people detail of the weeks from `start` on, from the counted
    interactions as (day, week, outreach, kind, contacts, id) sorted by day, and the first
    day everyone was met."""
    reach: dict[str, Counter] = {}
    followed: dict[str, Counter] = {}
    for day, week, outreach, _, contacts, rid in dated:
        if week < start:
            continue
        if outreach:
            reach.setdefault(week, Counter()).update(tokens(rid, contacts))
        met_again = [c for c in contacts if first[c] < day]
        if met_again:
            followed.setdefault(week, Counter()).update(met_again)
    return {"from": start, "first": first,
            "reach": {w: dict(c) for w, c in reach.items()},
            "followed": {w: dict(c) for w, c in followed.items()}}


def tokens(rid: str, contacts) -> list[str]:
    # An outreach naming no one counts as one person reached, its own.
    return list(contacts) if contacts else [f"~{rid}"]


class _CannotFollow(Exception):
    pass


def forward(kept: dict[str, Any], changes) -> dict[str, Any] | None:
    """The kept counts (metrics._as_json's form) after `changes`, each (table, the record
    after, the record before; None for none); None when they cannot be brought forward
    exactly."""
    aux = kept.get("recent")
    if not isinstance(aux, dict):
        return None
    state = _State(kept["weeks"], aux)
    try:
        for table, new, old in changes:
            for record, sign in ((old, -1), (new, 1)):
                if record is not None:
                    state.apply(table, record, sign)
    except (_CannotFollow, KeyError, TypeError, ValueError, AttributeError):
        return None
    return state.result()


class _State:
    def __init__(self, weeks: dict[str, dict[str, int]], aux: dict[str, Any]):
        self.weeks = {w: dict(c) for w, c in weeks.items()}
        self.start = str(aux["from"])
        self.first = dict(aux["first"])
        self.reach = {w: Counter(c) for w, c in aux["reach"].items()}
        self.followed = {w: Counter(c) for w, c in aux["followed"].items()}
        self.touched: set[str] = set()

    def add(self, week: str | None, metric: str, sign: int) -> None:
        if week is None:
            return
        counts = self.weeks.setdefault(week, {})
        counts[metric] = counts.get(metric, 0) + sign
        if counts[metric] < 0:
            raise _CannotFollow
        if not counts[metric]:
            del counts[metric]

    def apply(self, table: str, record: Any, sign: int) -> None:
        if isinstance(record, Interaction):
            self._interaction(record, sign)
        elif isinstance(record, Contact):
            self.add(week_of(record.created), "new_contacts", sign)
        elif isinstance(record, Event):
            if record.status == "attended":
                self.add(week_of(record.date), "events", sign)
        elif isinstance(record, Referral):
            self.add(week_of(record.asked_on), "referrals", sign)

    def _interaction(self, it: Interaction, sign: int) -> None:
        week = week_of(it.date)
        if it.planned or week is None:
            return  # not counted
        day, kind = str(it.date)[:10], it.kind
        contacts = list(it.contacts)
        if kind in CONVERSATION_KINDS:
            self.add(week, "conversations", sign)
        if kind == "help":
            self.add(week, "help_given", sign)
        elif kind == THANKS_COUNT:
            self.add(week, THANKS_COUNT, sign)
        if it.outreach:
            self._count(self.reach, week, tokens(it.id, contacts), sign)
        met_again = []
        for c in dict.fromkeys(contacts):
            first = self.first.get(c)
            if sign > 0 and first is None:
                self.first[c] = day
            elif first is None or day < first or (day == first and sign < 0):
                raise _CannotFollow  # the person's first day moves: other weeks change
            elif day > first:
                met_again.append(c)
        # Each mention counts, as the count's multiset does (a name given twice, twice).
        met_again = [c for c in contacts if c in met_again]
        if met_again:
            self._count(self.followed, week, met_again, sign)

    def _count(self, detail: dict[str, Counter], week: str, people: list[str], sign: int) -> None:
        if week < self.start:
            raise _CannotFollow  # an older week: its people are not kept
        counter = detail.setdefault(week, Counter())
        for p in people:
            counter[p] += sign
            if counter[p] < 0:
                raise _CannotFollow
            if not counter[p]:
                del counter[p]
        self.touched.add(week)

    def result(self) -> dict[str, Any]:
        for week in self.touched:
            counts = self.weeks.setdefault(week, {})
            for metric, detail in (("outreach", self.reach), ("follow_ups", self.followed)):
                n = len(detail.get(week) or ())
                if n:
                    counts[metric] = n
                else:
                    counts.pop(metric, None)
        return {"weeks": {w: c for w, c in self.weeks.items() if c},
                "recent": {"from": self.start, "first": self.first,
                           "reach": {w: dict(c) for w, c in self.reach.items() if c},
                           "followed": {w: dict(c) for w, c in self.followed.items() if c}}}
