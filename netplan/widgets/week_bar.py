"""WeekBar: the week being shown, its dates, and a note on the right (streak, …)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from ..support.dates import iso_week, week_label


class WeekBar(Horizontal):
    DEFAULT_CSS = """
    WeekBar { height: 1; padding: 0 1; background: $boost; }
    WeekBar #week-label { width: 1fr; text-style: bold; }
    WeekBar #week-note { width: auto; }
    """

    def compose(self) -> ComposeResult:
        yield Static(id="week-label")
        yield Static(id="week-note")

    def show(self, week: str, note: str | Text = "") -> None:
        this = iso_week()
        label = Text(week_label(week))
        if week == this:
            label.append("  this week", style="not bold")
        elif week < this:
            label.append("  past", style="not bold")
        self.query_one("#week-label", Static).update(label)
        self.query_one("#week-note", Static).update(note if isinstance(note, Text) else Text(note))
