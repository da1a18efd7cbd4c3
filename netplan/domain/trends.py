"""The last 12 weeks of the review's figures, week by week (no Textual).

`trends(store, last_week)` gives each series oldest first: people reached, people who
replied, conversations, new contacts, goals met, events attended, and the response
rate and meeting conversion (None for a week with no outreach). Each week's figures
follow the review's own rules (metrics.funnel, metrics.WeeklyCounts, goals.view), so a
column of the trend equals that week's review. The interactions are read once: each
falls into its week's bucket, and each bucket is counted on its own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..store.records import Interaction
from ..support.dates import shift_week, week_bounds
from .goals import goals_by_week, view
from .metrics import CONVERSATION_KINDS, done_interactions, funnel, happened_between, store_counts

WEEKS = 12
# (key, label): the count series, in the order they are drawn.
SERIES: tuple[tuple[str, str], ...] = (
    ("outreach", "Outreach (people)"),
    ("replies", "Replies"),
    ("conversations", "Conversations"),
    ("new_contacts", "New contacts"),
    ("goals_met", "Goals met"),
    ("events", "Events attended"),
)
RATES: tuple[tuple[str, str], ...] = (
    ("response_rate", "Response rate"),
    ("meeting_conversion", "Conversion"),
)


@dataclass(frozen=True)
class Trends:
    weeks: tuple[str, ...]
    counts: dict[str, tuple[int, ...]] = field(default_factory=dict)
    rates: dict[str, tuple[float | None, ...]] = field(default_factory=dict)

    def labels(self) -> tuple[str, ...]:
        """Each week as a short label: `W48`."""
        return tuple(w[5:] for w in self.weeks)


def window(last_week: str, n: int = WEEKS) -> tuple[str, ...]:
    """The `n` weeks ending with `last_week`, oldest first."""
    return tuple(shift_week(last_week, k - n + 1) for k in range(n))


def trends(store, last_week: str, n: int = WEEKS) -> Trends:
    weeks = window(last_week, n)
    first, _ = week_bounds(weeks[0])
    _, last = week_bounds(weeks[-1])
    return trends_of(happened_between(store, first.isoformat(), last.isoformat()), weeks,
                     store_counts(store), goals_by_week(store))


def trends_of(interactions, weeks: tuple[str, ...], counts, goals) -> Trends:
    """trends over plain values: interactions, the weekly counts and the goals by week."""
    first, _ = week_bounds(weeks[0])
    _, last = week_bounds(weeks[-1])
    start, end = first.isoformat(), last.isoformat()
    monday = {w: week_bounds(w)[0].isoformat() for w in weeks}
    order = sorted(monday.items(), key=lambda kv: kv[1])
    buckets: dict[str, list[Interaction]] = {w: [] for w in weeks}
    readable: dict[str, bool] = {}  # day -> a real date (parsed once per day)
    for it in interactions:
        day = str(it.date)[:10]  # a string compare first: most of 50,000 are outside
        if not start <= day <= end or it.planned:
            continue
        if day not in readable:
            readable[day] = bool(done_interactions((it,)))
        if not readable[day]:
            continue
        week = next(w for w, m in reversed(order) if m <= day)
        buckets[week].append(it)
    series: dict[str, list[int]] = {key: [] for key, _ in SERIES}
    rates: dict[str, list[float | None]] = {key: [] for key, _ in RATES}
    for week in weeks:
        happened = buckets[week]
        reach = funnel(happened)
        series["outreach"].append(reach.reached)
        series["replies"].append(reach.replied)
        series["conversations"].append(sum(1 for i in happened if i.kind in CONVERSATION_KINDS))
        series["new_contacts"].append(counts.count(week, "new_contacts"))
        series["events"].append(counts.count(week, "events"))
        series["goals_met"].append(sum(1 for g in goals.of(week) if view(g, counts).met))
        rates["response_rate"].append(reach.response_rate)
        rates["meeting_conversion"].append(reach.meeting_conversion)
    return Trends(weeks, {k: tuple(v) for k, v in series.items()},
                  {k: tuple(v) for k, v in rates.items()})


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def table(t: Trends) -> list[str]:
    """The trends as a small plain-text table: a column per week, a row per figure
    (77 columns wide for 12 weeks)."""
    label_width = 17
    lines = ["".ljust(label_width) + "".join(w.rjust(5) for w in t.labels())]
    for key, label in SERIES:
        lines.append(label.ljust(label_width) + "".join(f"{n:>5}" for n in t.counts[key]))
    for key, label in RATES:
        lines.append(label.ljust(label_width)
                     + "".join(percent(v).rjust(5) for v in t.rates[key]))
    return lines
