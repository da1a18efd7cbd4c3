"""A percentage sparkline that reads without colour: block heights plus the numbers.

Textual's own `Sparkline` scales each series to its own min and max and tells
values apart by colour, so 50 → 51 looks like a leap and NO_COLOR flattens it.
This one draws every series on the same fixed 0–100 scale with the eight block
characters, and prints the first and last value beside the bars.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text
from textual.reactive import reactive
from textual.widget import Widget

BLOCKS = "▁▂▃▄▅▆▇█"


def bars(values: Sequence[float | None], width: int) -> str:
    """The last `width` values as blocks on a 0–100 scale; a gap (None) is a space.

    0 still draws the lowest block, so a zero reads as a point, not as nothing.
    """
    out = []
    for value in list(values)[-width:] if width > 0 else ():
        if value is None:
            out.append(" ")
            continue
        v = min(100.0, max(0.0, float(value)))
        out.append(BLOCKS[min(len(BLOCKS) - 1, int(v / 100 * len(BLOCKS)))])
    return "".join(out)


def sparkline_text(values: Sequence[float | None], width: int = 10) -> Text:
    """Bars padded to `width`, then `first→last` of the values shown (whole percents)."""
    shown = list(values)[-width:] if width > 0 else []
    text = Text(bars(shown, width).ljust(width), style="bold")
    # Halves round up, as the scores beside the chart do (62.5 → 63).
    numbers = [int(v + 0.5) for v in shown if v is not None]
    if not numbers:
        text.append(" —", style="dim")
    elif len(numbers) == 1:
        text.append(f" {numbers[0]}")
    else:
        text.append(f" {numbers[0]}→{numbers[-1]}")
    return text


class PercentSparkline(Widget):
    """A one-line history chart of percentages, oldest on the left."""

    DEFAULT_CSS = "PercentSparkline { height: 1; width: 1fr; }"
    values: reactive[tuple[float | None, ...]] = reactive(tuple, layout=False)

    def __init__(self, values: Sequence[float | None] = (), *, bar_width: int = 10,
                 name: str | None = None, id: str | None = None, classes: str | None = None):
        super().__init__(name=name, id=id, classes=classes)
        self.bar_width = bar_width
        self.set_reactive(PercentSparkline.values, tuple(values))

    def render(self) -> Text:
        return sparkline_text(self.values, self.bar_width)
