"""The review's 12-week trends as lines of text that read without colour: per figure, a
bar per week (block heights on the figure's own 0–max scale), then the first and last
week's numbers and the most in any week; the rates as a row of whole percents."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from ..domain.trends import RATES, SERIES, Trends
from ..support.dates import today, week_bounds, week_of
from .sparkline import BLOCKS

LABEL = 18  # the label column


def count_bars(values: Sequence[int]) -> str:
    """A block per value on a 0–max scale; zero is the lowest block, so it reads as a
    point; an all-zero series is a row of them."""
    top = max(values, default=0)
    if top <= 0:
        return BLOCKS[0] * len(values)
    return "".join(BLOCKS[min(len(BLOCKS) - 1, round(v / top * (len(BLOCKS) - 1)))]
                   for v in values)


def trend_text(t: Trends) -> Text:
    out = Text()
    n = len(t.weeks)
    first, last = t.labels()[0], t.labels()[-1]
    monday, _ = week_bounds(t.weeks[0])
    _, sunday = week_bounds(t.weeks[-1])
    axis = first + last.rjust(max(n - len(first), len(last) + 1))
    out.append("Week".ljust(LABEL), style="dim")
    out.append(axis, style="dim")
    out.append(f"  {monday:%d %b} – {sunday:%d %b}\n", style="dim")
    for key, label in SERIES:
        values = t.counts[key]
        out.append(label.ljust(LABEL))
        out.append(count_bars(values), style="bold")
        out.append(f" {values[0]}→{values[-1]}  most {max(values, default=0)}\n")
    out.append(legend(t.weeks[-1] == week_of(today())), style="dim")
    for key, label in RATES:
        out.append(label.ljust(LABEL))
        cells = ["—" if v is None else f"{v * 100:.0f}" for v in t.rates[key]]
        out.append(" ".join(c.rjust(3) for c in cells) + " %\n")
    out.rstrip()
    return out


def legend(ends_this_week: bool) -> str:
    """What the numbers after the bars mean, and that a week in progress is not over."""
    text = " " * LABEL + "a→b: the first and last week shown; most: the best week"
    return text + ("\n" + " " * LABEL + "the last bar is this week, so far\n" if ends_this_week
                   else "\n")
