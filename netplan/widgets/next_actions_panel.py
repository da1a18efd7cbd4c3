"""The next-actions panel beside the Board's columns: one line a thing to do, its reason
under it, and one key to do it. The panel only tells its screen which key was pressed on
which action (`NextActionsPanel.Chosen`); the screen does it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.next_actions import Action
from .literal import literal
from .options import highlighted_id, refill

WIDTH = 40  # the panel's columns; the board keeps the rest


class ActionList(OptionList):
    """The actions; arrow keys move, the panel's keys act on the highlighted one."""

    @property
    def focusable(self) -> bool:
        # Not while the panel is hidden (80 columns): the screen's first focus would
        # otherwise land here, and the footer would show the panel's keys.
        return super().focusable and bool(self.parent and self.parent.display)


class NextActionsPanel(Vertical):
    BINDINGS = [
        Binding("enter", "choose('do')", "Do it", id="next.do", show=False),
        Binding("m", "choose('draft')", "Draft", id="next.draft"),
        Binding("l", "choose('log')", "Log", id="next.log"),
        Binding("h", "choose('thanked')", "Thanked", id="next.thanked"),
        Binding("p", "choose('prep')", "Prep sheet", id="next.prep", show=False),
        Binding("z", "choose('tomorrow')", "Snooze", id="next.snooze"),
        Binding("Z", "choose('next_week')", "Snooze a week", id="next.snooze_week", show=False),
        Binding("x", "choose('dismiss')", "Dismiss", id="next.dismiss"),
    ]
    DEFAULT_CSS = f"""
    NextActionsPanel {{ width: {WIDTH}; height: 1fr; border-left: vkey $panel; }}
    NextActionsPanel.-full {{ width: 1fr; }}
    NextActionsPanel #next-title {{ height: 1; padding: 0 1; background: $panel;
                                   text-style: bold; }}
    NextActionsPanel ActionList, NextActionsPanel ActionList:focus {{
        height: 1fr; border: none; padding: 0; scrollbar-size-vertical: 1;
    }}
    NextActionsPanel #next-detail {{ height: auto; max-height: 4; padding: 0 1;
                                    background: $boost; }}
    NextActionsPanel #next-keys {{ height: auto; padding: 0 1; color: $text-muted; }}
    """

    class Chosen(Message):
        """A key was pressed on an action: `verb` is do, draft, log, thanked, prep,
        tomorrow, next_week or dismiss."""

        def __init__(self, action: Action, verb: str):
            super().__init__()
            self.action = action
            self.verb = verb

    def __init__(self, **kwargs) -> None:
        super().__init__(**kwargs)
        self.actions: list[Action] = []

    def compose(self) -> ComposeResult:
        yield Static("Next actions", id="next-title")
        yield ActionList(id="next-list")
        yield Static("", id="next-detail")
        yield Static(Text("enter do it · p prep · Z snooze a week"), id="next-keys")

    @property
    def list(self) -> ActionList:
        return self.query_one(ActionList)

    def show(self, actions: Sequence[Action], today: dt.date) -> None:
        """Show `actions` (keeping the cursor on the same action where it still is)."""
        before = highlighted_id(self.list)
        self.actions = list(actions)
        width = (self.size.width if self.has_class("-full") and self.size.width else WIDTH) - 3
        options = [Option(self._prompt(a, today, width), id=a.key) for a in self.actions]
        if not options:
            options = [Option(Text("Nothing to do: every loop is closed.", style="dim"),
                              disabled=True)]
        refill(self.list, options, [before])
        self.query_one("#next-title", Static).update(
            Text(f"Next actions ({len(self.actions)})"))

    @staticmethod
    def _prompt(a: Action, today: dt.date, width: int) -> Text:
        days = a.days(today)
        line = Text(f"{'!' if days < 0 else '·'} ", style="bold" if days < 0 else "dim",
                    no_wrap=True, overflow="ellipsis")
        line.append_text(literal(a.title, "bold", width=width - 2))
        line.append("\n  ")
        # Overdue in words, so it reads without colour; the title says whom, this says why.
        line.append_text(literal(f"{a.when(today)} · {a.reason}", "dim", width=width - 2))
        return line

    def current(self) -> Action | None:
        key = highlighted_id(self.list)
        return next((a for a in self.actions if a.key == key), None)

    def focus_list(self) -> None:
        self.screen.set_focus(self.list)

    def action_choose(self, verb: str) -> None:
        action = self.current()
        if action is None:
            self.notify("No next action selected.", timeout=3)
            return
        self.post_message(self.Chosen(action, verb))

    @on(OptionList.OptionHighlighted, "#next-list")
    def _highlighted(self) -> None:
        """The whole reason of the highlighted action (its line is cut at the width)."""
        action = self.current()
        detail = self.query_one("#next-detail", Static)
        detail.display = action is not None
        if action is not None:
            detail.update(literal(f"Why: {action.reason}", multiline=True))

    @on(OptionList.OptionSelected, "#next-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose("do")
