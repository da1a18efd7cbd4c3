"""Networking metrics counted from what was logged, per ISO week (no Textual).

A goal with an automatic metric counts itself from the store's records for its
week. Everything here is a plain function over plain records so that it can be
tested without a terminal and reused by the Board, the Review and the CLI.

Rules (the SPEC's §4.1 metrics, made exact):

- A record belongs to the ISO week its date falls in (Monday to Sunday); only
  the date part of a stored value counts, so `2026-11-29T23:59` is in W48.
- Planned interactions (`planned=True`, a prep sheet) never count.
- `outreach`: people reached: the distinct contacts of the week's interactions
  marked as outreach (a message to two people is two; a second message to the same
  person that week is not another). An outreach logged with no one counts as one.
- `conversations`: coffee chats, calls and informational interviews.
- `new_contacts`: contacts whose `created` date falls in the week.
- `events`: events with status `attended` dated in the week.
- `follow_ups`: people followed up with: the distinct contacts of the week's
  interactions whom you had an interaction with on an EARLIER day (a second message
  the same day is not a follow-up; three messages to one person that week are one
  person followed up, so "Follow up with 2 people" means two people).
- `referrals`: referral requests asked in the week (`asked_on`).
- `help_given`: interactions of kind `help`. The week's thank-yous (kind `thanks`) are
  counted beside it (`THANKS_COUNT`, not a metric of its own): a help_given goal whose
  template says `counts_thanks: true` adds them to its progress.

The review's rates (`funnel`) count people, so neither can pass 100%:
- response rate = people reached who replied ÷ people reached; a person replied when
  an outreach to them is marked replied, or a later interaction with them that week
  is marked replied or is a conversation;
- meeting conversion = people reached who then (on or after the day they were
  reached) had a conversation within the week ÷ people reached.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..store.records import Contact, Event, Interaction, Referral
from ..support.dates import week_of
from . import count_forward
from .vocabulary import CONVERSATION_KINDS, THANKS_COUNT

AUTO_METRICS = (
    "outreach", "conversations", "new_contacts", "events", "follow_ups", "referrals", "help_given",
)

# What each metric counts, for forms, help and the review ("counts: …").
METRIC_LABELS = {
    "manual": "counted by hand",
    "outreach": "people reached",
    "conversations": "coffee chats, calls, interviews",
    "new_contacts": "contacts added",
    "events": "events attended",
    "follow_ups": "people followed up",
    "referrals": "referral requests asked",
    "help_given": "help given",
}

# The one definition of each figure the review shows, printed under it (short enough
# for 80 columns; the module docstring and the README say the same at length).
DEFINITIONS = {
    "outreach": "people an outreach message went to this week, each once",
    "response_rate": "of those, who replied or then met ÷ people reached",
    "meeting_conversion": "reached, then had a coffee/call/interview ÷ reached",
    "referrals_received": "requests agreed or further, updated this week",
    "streak": "finished weeks in a row with every goal at its target",
}


@dataclass(frozen=True)
class Funnel:
    """People reached in a period, and how many of them replied and then met."""

    reached: int = 0
    replied: int = 0
    met: int = 0

    @property
    def response_rate(self) -> float | None:
        return self.replied / self.reached if self.reached else None

    @property
    def meeting_conversion(self) -> float | None:
        return self.met / self.reached if self.reached else None


def funnel(interactions: Iterable[Interaction]) -> Funnel:
    """The outreach funnel of the interactions of one period (already happened, in it):
    every figure counts distinct people, and replied and met are among those reached."""
    reached: dict[object, str] = {}  # person -> the first day they were reached
    replied: set[object] = set()
    items = sorted(interactions, key=lambda i: str(i.date)[:10])
    for n, i in enumerate(items):
        if i.outreach:
            people = set(i.contacts) or {("no one", n)}
            for person in people:
                reached.setdefault(person, str(i.date)[:10])
            if i.replied:
                replied |= people

    def then(i: Interaction) -> set[object]:  # people of i reached on or before its day
        return {c for c in i.contacts if c in reached and reached[c] <= str(i.date)[:10]}

    met = {c for i in items if i.kind in CONVERSATION_KINDS for c in then(i)}
    replied |= {c for i in items if i.replied for c in then(i)}  # a reply logged on its own
    return Funnel(len(reached), len((replied | met) & reached.keys()), len(met))


@dataclass(frozen=True)
class Records:
    """The records metrics are counted from (a snapshot of the store)."""

    interactions: tuple[Interaction, ...] = ()
    contacts: tuple[Contact, ...] = ()
    events: tuple[Event, ...] = ()
    referrals: tuple[Referral, ...] = ()

    @classmethod
    def from_store(cls, store) -> Records:
        return cls(
            interactions=tuple(store.all(Interaction)),
            contacts=tuple(store.all(Contact)),
            events=tuple(store.all(Event)),
            referrals=tuple(store.all(Referral)),
        )


@dataclass
class WeeklyCounts:
    """Counts of every automatic metric for every week that has any."""

    by_week: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    # Who was reached and met again in the recent weeks, and when each person was first
    # met: what count_forward needs to bring the kept counts forward by a change.
    recent: dict | None = None

    def week(self, week: str) -> dict[str, int]:
        counts = self.by_week.get(week) or Counter()
        return {metric: counts.get(metric, 0) for metric in AUTO_METRICS}

    def count(self, week: str, metric: str) -> int:
        return (self.by_week.get(week) or Counter()).get(metric, 0)


def happened_between(store, first: str, last: str) -> list[Interaction]:
    """The interactions not planned and dated from `first` to `last` (ISO days, both in),
    in the store's order: built alone, so a week's review reads a few hundred records,
    not all 250,000."""
    return store.records_where(Interaction, ("planned", "date"), happened_in(first, last))


def happened_in(first: str, last: str) -> Callable[[bool, object], bool]:
    """Of an interaction's (planned, date): whether it happened from `first` to `last`."""
    def inside(planned: bool, date: object) -> bool:
        return not planned and first <= str(date)[:10] <= last
    return inside


def done_interactions(interactions: Iterable[Interaction]) -> list[Interaction]:
    """Interactions that happened (not planned) and have a readable date."""
    weeks = _WeekCache()
    return [i for i in interactions if not i.planned and weeks(i.date) is not None]


class _WeekCache:
    """The ISO week of a stored date string, parsed once per distinct day.

    50,000 interactions fall on a few hundred days; parsing each date once is
    what keeps counting the large store well under 100 ms.
    """

    def __init__(self) -> None:
        self._weeks: dict[str, str | None] = {}

    def __call__(self, value: object) -> str | None:
        day = str(value)[:10] if value else ""
        try:
            return self._weeks[day]
        except KeyError:
            week = self._weeks[day] = week_of(day) if day else None
            return week


def count_all_weeks(records: Records) -> WeeklyCounts:
    """One pass over the records: every metric for every week.

    The streak needs many past weeks at once, so counting them all in one pass
    is cheaper than asking week by week.
    """
    return _count(
        ((i.id, i.date, i.planned, i.outreach, i.kind, i.contacts) for i in records.interactions),
        (c.created for c in records.contacts),
        ((e.date, e.status) for e in records.events),
        (r.asked_on for r in records.referrals),
    )


def _count(interactions, contacts_created, events, referrals_asked) -> WeeklyCounts:
    """count_all_weeks over plain values: interactions as (id, date, planned, outreach,
    kind, contact ids), events as (date, status)."""
    out = WeeklyCounts()
    weeks = _WeekCache()
    dated = [(str(date)[:10], w, outreach, kind, contacts, rid)
             for rid, date, planned, outreach, kind, contacts in interactions
             if not planned and (w := weeks(date)) is not None]
    dated.sort(key=lambda t: t[0])
    first_day: dict[str, str] = {}  # contact id -> first day we interacted
    reached: dict[str, set] = defaultdict(set)  # week -> people reached by outreach
    followed: dict[str, set] = defaultdict(set)  # week -> people followed up with
    for day, week, outreach, kind, contacts, rid in dated:
        counts = out.by_week[week]
        if outreach:
            reached[week].update(count_forward.tokens(rid, contacts))
        if kind in CONVERSATION_KINDS:
            counts["conversations"] += 1
        if kind == "help":
            counts["help_given"] += 1
        elif kind == "thanks":
            counts[THANKS_COUNT] += 1
        followed[week].update(c for c in contacts if first_day.get(c, day) < day)
        for c in contacts:
            first_day.setdefault(c, day)
    for week, people in reached.items():
        out.by_week[week]["outreach"] = len(people)
    for week, people in followed.items():
        if people:
            out.by_week[week]["follow_ups"] = len(people)
    for created in contacts_created:
        week = weeks(created)
        if week:
            out.by_week[week]["new_contacts"] += 1
    for date, status in events:
        week = weeks(date)
        if week and status == "attended":
            out.by_week[week]["events"] += 1
    for asked_on in referrals_asked:
        week = weeks(asked_on)
        if week:
            out.by_week[week]["referrals"] += 1
    out.recent = count_forward.recent(dated, first_day, count_forward.window_start())
    return out




def count_store(store) -> WeeklyCounts:
    """count_all_weeks over the store's tables, reading only the fields counted (building
    60,000 records would cost more than the counting)."""
    interactions = store.values(Interaction, "id", "date", "planned", "outreach", "kind",
                                "contacts")
    return _count(interactions, (c for (c,) in store.values(Contact, "created")),
                  store.values(Event, "date", "status"),
                  (a for (a,) in store.values(Referral, "asked_on")))


def _as_json(counts: WeeklyCounts) -> dict:
    return {"weeks": {week: dict(c) for week, c in counts.by_week.items() if c},
            "recent": counts.recent}


def _from_json(value: dict) -> WeeklyCounts:
    out = WeeklyCounts()
    for week, c in value["weeks"].items():
        out.by_week[str(week)] = Counter({str(k): int(n) for k, n in c.items()})
    out.recent = value.get("recent")
    return out


def store_counts(store) -> WeeklyCounts:
    """The store's weekly counts, recounted only when one of their tables changed. They
    are kept beside the store for the next start (see Store.derived), so the board can
    paint before the 50,000 interactions are even parsed."""
    # (".forward": kept with what brings them forward; kept under an older name: stale.)
    return store.derived("metrics.weekly_counts.forward",
                         (Interaction, Contact, Event, Referral),
                         lambda: count_store(store), keep=(_as_json, _from_json),
                         forward=count_forward.forward, update=_updated)


def _updated(counts: WeeklyCounts, changes) -> WeeklyCounts | None:
    """The counts this process holds after its own changes, as a kept figure is brought
    forward: inside a transaction nothing kept is used, and logging an interaction (which
    counts the goals' progress) counted 250,000 interactions again (2.9 s at 50,000
    contacts), from the TUI and from `netplan log` alike."""
    moved = count_forward.forward(_as_json(counts), changes)
    return None if moved is None else _from_json(moved)


def count_week(records: Records, week: str) -> dict[str, int]:
    """Every automatic metric for one week."""
    return count_all_weeks(records).week(week)
