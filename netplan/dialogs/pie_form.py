"""The PIE assessment form: rate every statement 1–5 with the keyboard, add a note, save.

Returns `{"ratings": {statement id: 1..5}, "note": str}` through `dismiss()`, or
None when cancelled. While it is open the digits rate the statement under the
cursor (this screen's bindings come before the app's section keys); in the note
field they are typed as text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.message import Message
from textual.widgets import Input, Label, Static

from ..compat import OrderedInput
from ..domain.pie import WEIGHTS, Area, Statement, missing, rating_value
from ..support.sanitize import clean
from .base import Dialog
from .form import AsksBeforeDiscarding

NOTE_MAX = 500


def rating_marks(value: int | None) -> str:
    """`●●●○○ 3`, or `○○○○○ ?` when unrated: readable with no colour at all."""
    if value is None:
        return "○○○○○ ?"
    return "●" * value + "○" * (5 - value) + f" {value}"


class StatementList(VerticalScroll, can_focus=True):
    """The statements under their area headings, with a cursor and the ratings so far."""

    BINDINGS = [
        Binding("up,k", "move(-1)", "Previous", id="pie_form.up", show=False),
        Binding("down,j", "move(1)", "Next", id="pie_form.down", show=False),
        Binding("left", "nudge(-1)", "Lower", id="pie_form.lower", show=False),
        Binding("right", "nudge(1)", "Higher", id="pie_form.higher", show=False),
        Binding("home", "jump(0)", "First", show=False),
        Binding("end", "jump(-1)", "Last", show=False),
        *(Binding(str(n), f"rate({n})", f"Rate {n}", id=f"pie_form.rate{n}", show=False)
          for n in range(1, 6)),
    ]

    class Changed(Message):
        """The cursor moved or a rating changed."""

    def __init__(self, areas: Sequence[Area], **kwargs: Any):
        super().__init__(**kwargs)
        self.areas = tuple(areas)
        self.statements: list[Statement] = [s for a in self.areas for s in a.statements]
        self.ratings: dict[str, int] = {}
        self.cursor = 0
        self._number = {s.id: i + 1 for a in self.areas for i, s in enumerate(a.statements)}

    def compose(self) -> ComposeResult:
        index = 0
        for area in self.areas:
            yield Static(Text(f"{area.name} ({WEIGHTS[area.key]}%) — {area.about}"),
                         classes="pie-form-heading")
            for _ in area.statements:
                yield Static(self._row(index), id=f"stmt-{index}", classes="pie-form-row")
                index += 1

    def _row(self, index: int) -> Text:
        s = self.statements[index]
        here = index == self.cursor
        text = Text("▶ " if here else "  ", style="bold")
        text.append(f"{self._number[s.id]}. ")
        text.append(rating_marks(self.ratings.get(s.id)), style="bold")
        text.append("  " + s.text)
        if here:
            text.stylize("reverse")  # the ▶ says it again where there is no colour
        text.no_wrap = True
        text.overflow = "ellipsis"
        return text

    def _redraw(self, *indexes: int) -> None:
        for i in set(indexes):
            self.query_one(f"#stmt-{i}", Static).update(self._row(i))

    @property
    def current(self) -> Statement:
        return self.statements[self.cursor]

    def number(self, statement: Statement) -> int:
        return self._number[statement.id]

    def go_to(self, index: int) -> None:
        old, self.cursor = self.cursor, max(0, min(len(self.statements) - 1, index))
        self._redraw(old, self.cursor)
        row = self.query_one(f"#stmt-{self.cursor}")
        # Keep the area heading in view when the cursor reaches an area's first row.
        if self.number(self.current) == 1:
            headings = list(self.query(".pie-form-heading"))
            area_index = [a.key for a in self.areas].index(self.current.area)
            headings[area_index].scroll_visible(animate=False)
        row.scroll_visible(animate=False)
        self.post_message(self.Changed())

    def action_move(self, step: int) -> None:
        self.go_to(self.cursor + step)

    def action_jump(self, index: int) -> None:
        self.go_to(index if index >= 0 else len(self.statements) - 1)

    def action_rate(self, value: int) -> None:
        self.ratings[self.current.id] = value
        self._redraw(self.cursor)
        # Rating moves on, so a whole assessment is eighteen digit presses.
        if self.cursor < len(self.statements) - 1:
            self.go_to(self.cursor + 1)
        else:
            self.post_message(self.Changed())

    def action_nudge(self, step: int) -> None:
        value = self.ratings.get(self.current.id, 0) + step
        self.ratings[self.current.id] = max(1, min(5, value))
        self._redraw(self.cursor)
        self.post_message(self.Changed())


class AssessmentForm(AsksBeforeDiscarding, Dialog[dict[str, Any] | None]):
    """A new PIE assessment. `last` holds the previous ratings, shown as a reminder."""

    changes_store = True

    CSS_PATH = "pie_form.tcss"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="pie_form.cancel"),
        Binding("ctrl+s", "save", "Save", id="pie_form.save"),  # in order with typed keys
        Binding("enter", "save", "Save", show=False),
    ]

    def __init__(self, areas: Sequence[Area], *, day_label: str,
                 last: Mapping[str, Any] | None = None):
        super().__init__()
        self.areas = tuple(areas)
        self.day_label = day_label
        self.last = dict(last or {})

    def compose(self) -> ComposeResult:
        with Vertical(id="pie-form"):
            yield StatementList(self.areas, id="pie-form-list")
            yield Static("", id="pie-form-hint")
            yield Label(Text("Note (optional)"), classes="pie-form-label")
            yield OrderedInput(id="pie-form-note", max_length=NOTE_MAX,
                               placeholder="what changed, what you want to work on")
            yield Static("", id="pie-form-error")
            keys = "↑↓ statement · 1–5 or ←→ rate · tab note · enter save · esc cancel"
            yield Static(Text(keys), id="pie-form-keys")

    @property
    def statement_list(self) -> StatementList:
        return self.query_one(StatementList)

    def on_mount(self) -> None:
        box = self.query_one("#pie-form")
        box.border_title = f"PIE assessment · {self.day_label}"
        self.statement_list.focus()
        self._show_progress()

    def _show_progress(self) -> None:
        lst = self.statement_list
        rated = len(lst.statements) - len(missing(lst.ratings, self.areas))
        self.query_one("#pie-form").border_subtitle = f"{rated} of {len(lst.statements)} rated"
        s = lst.current
        hint = Text("A 5 looks like: ", style="bold")
        hint.append(s.five or "—")
        was = rating_value(self.last.get(s.id))
        if was is not None:
            hint.append(f"  (last time: {was})", style="italic")
        self.query_one("#pie-form-hint", Static).update(hint)

    @on(StatementList.Changed)
    def _changed(self) -> None:
        self._show_progress()
        error = self.query_one("#pie-form-error", Static)
        if error.has_class("shown") and not missing(self.statement_list.ratings, self.areas):
            error.remove_class("shown")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_save(self) -> None:
        lst = self.statement_list
        left = missing(lst.ratings, self.areas)
        if left:
            self._complain(left)
            return
        note = clean(self.query_one("#pie-form-note", Input).value).strip()
        self.dismiss({"ratings": dict(lst.ratings), "note": note})

    def _complain(self, left: list[Statement]) -> None:
        """Name the unrated statements (area and number) and put the cursor on the first."""
        lst = self.statement_list
        parts = []
        for area in self.areas:
            numbers = [str(lst.number(s)) for s in left if s.area == area.key]
            if len(numbers) == len(area.statements):
                parts.append(f"{area.name} (all)")
            elif numbers:
                parts.append(f"{area.name} {', '.join(numbers)}")
        error = self.query_one("#pie-form-error", Static)
        error.update(Text(f"Rate every statement to save. Not rated yet: {'; '.join(parts)}"))
        error.add_class("shown")
        lst.focus()
        lst.go_to(lst.statements.index(left[0]))

    def changed(self) -> bool:
        """Anything rated or a note typed (escape then asks before throwing it away)."""
        ratings = self.query_one(StatementList).ratings
        return bool(ratings) or bool(self.query_one("#pie-form-note", Input).value.strip())
