"""PrepContactPicker: choose the contact a prep sheet is for (type to filter, enter picks).

A small, self-contained picker for the Questions section. The Contacts section
may grow a richer shared one; this one only needs a name filter.
"""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..model import Contact
from ..widgets.literal import literal

LIMIT = 200  # a 10,000-contact store is filtered before the list is filled


class PrepContactPicker(ModalScreen[str | None]):
    """Returns the chosen contact's id, or None when cancelled."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "to_list", "List", show=False),
    ]
    DEFAULT_CSS = """
    PrepContactPicker { align: center middle; }
    PrepContactPicker > Vertical {
        width: 64; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $panel; padding: 0 1;
    }
    PrepContactPicker #picker-title { text-style: bold; }
    PrepContactPicker Input { width: 100%; }
    PrepContactPicker OptionList { height: auto; max-height: 12; }
    """

    def __init__(self, contacts: Iterable[Contact], title: str = "Prep sheet for whom?",
                 current: str | None = None):
        super().__init__()
        self.contacts = sorted(contacts, key=lambda c: (c.name.casefold(), c.id))
        self.picker_title = title
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.picker_title), id="picker-title")
            yield Input(placeholder="type part of a name or company", id="picker-filter")
            yield OptionList(id="picker-list")
            yield Static(Text("type to filter · ↓ list · enter choose · escape cancel"),
                         classes="dim")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#picker-filter", Input).focus()

    def _fill(self, query: str) -> None:
        words = query.casefold().split()
        matches = []
        for c in self.contacts:
            hay = f"{c.name} {c.company} {c.role}".casefold()
            if all(w in hay for w in words):
                matches.append(c)
                if len(matches) > LIMIT:
                    break
        options = self.query_one("#picker-list", OptionList)
        items = []
        for c in matches[:LIMIT]:
            prompt = literal(c.name or "(no name)")
            if c.company:
                prompt.append(" — ", style="dim")
                prompt.append_text(literal(c.company, style="dim"))
            items.append(Option(prompt, id=c.id))
        if len(matches) > LIMIT:
            items.append(Option(Text(f"more than {LIMIT}: type more of the name", style="dim"),
                                disabled=True))
        if not self.contacts:
            items.append(Option(Text("No contacts yet: add them in Contacts (2).",
                                     style="italic"), disabled=True))
        elif not matches:
            items.append(Option(Text("No contact matches.", style="italic"), disabled=True))
        options.set_options(items)
        ids = [c.id for c in matches[:LIMIT]]
        if ids:
            options.highlighted = ids.index(self.current) if self.current in ids else 0

    @on(Input.Changed, "#picker-filter")
    def _changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-filter")
    def _submitted(self) -> None:
        self._choose()

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self) -> None:
        self._choose()

    def _choose(self) -> None:
        options = self.query_one("#picker-list", OptionList)
        index = options.highlighted
        if index is not None and not options.get_option_at_index(index).disabled:
            self.dismiss(options.get_option_at_index(index).id)

    def action_to_list(self) -> None:
        self.query_one("#picker-list", OptionList).focus()

    def action_cancel(self) -> None:
        self.dismiss(None)
