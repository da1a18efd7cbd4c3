"""Choosing contacts by typing part of a name: a suggester for form fields and a picker dialog.

Two ways to use it:

* In a `FormField` that takes contact names (one, or several separated by commas), pass
  `suggester=ContactSuggester(store)` and `parse=names_parser(store)`; the field completes the
  name being typed (right arrow accepts) and refuses an unknown or ambiguous name under
  the field.
* To ask for one contact anywhere, push `ContactPickerDialog(store, title="…")`; it
  dismisses with the chosen contact's id, or None on escape:

      def chosen(contact_id: str | None) -> None: ...
      self.app.push_screen(ContactPickerDialog(store, title="Prep sheet for…"), chosen)
"""

from __future__ import annotations

from collections.abc import Callable

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import Suggester
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from ..compat import OrderedInput
from ..domain.contacts import ContactIndex, ContactLookupError, resolve, resolve_many
from ..store.database import Store
from ..store.records import Contact
from ..widgets.literal import literal
from .base import Dialog

PICKER_LIMIT = 50  # rows shown at once; typing narrows the rest


class ContactSuggester(Suggester):
    """Completes the last comma-separated part of the value to a contact's full name."""

    def __init__(self, store: Store, *, exclude: set[str] | None = None):
        super().__init__(use_cache=False, case_sensitive=True)
        self.store = store
        self.exclude = exclude or set()

    async def get_suggestion(self, value: str) -> str | None:
        head, sep, last = value.rpartition(",")
        typed = last.lstrip()
        if not typed:
            return None
        lead = last[: len(last) - len(typed)]
        want = typed.casefold()
        names = sorted(c.name for c in self.store.all(Contact) if c.id not in self.exclude)
        for name in names:
            if name.casefold().startswith(want):
                return f"{head}{sep}{lead}{typed}{name[len(typed) :]}"
        return None


def name_parser(store: Store, *, exclude: str | None = None) -> Callable[[str], str | None]:
    """A FormField parse for one contact name: returns the contact's id."""

    def parse(text: str) -> str | None:
        if not text.strip():
            return None
        pool = [c for c in store.all(Contact) if c.id != exclude]
        try:
            return resolve(pool, text).id
        except ContactLookupError as exc:
            raise ValueError(str(exc)) from None

    return parse


def names_parser(store: Store) -> Callable[[str], tuple[str, ...]]:
    """A FormField parse for comma-separated contact names: returns their ids."""

    def parse(text: str) -> tuple[str, ...]:
        try:
            return tuple(c.id for c in resolve_many(store.all(Contact), text))
        except ContactLookupError as exc:
            raise ValueError(str(exc)) from None

    return parse


class ContactPickerDialog(Dialog[str | None]):
    """Type part of a name (or company, tag…), move with up/down, enter chooses."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
    ]
    DEFAULT_CSS = """
    ContactPickerDialog > Vertical {
        width: 60; max-width: 100%; height: auto; max-height: 100%;
    }
    ContactPickerDialog .picker-title { text-style: bold; }
    ContactPickerDialog OptionList { height: auto; max-height: 12; }
    ContactPickerDialog .picker-keys { color: $text-muted; }
    """

    def __init__(
        self, store: Store, *, title: str = "Choose a contact", exclude: set[str] | None = None
    ):
        super().__init__()
        self.store = store
        self.picker_title = title
        self.exclude = exclude or set()
        self._index = ContactIndex.from_store(store)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.picker_title), classes="picker-title")
            yield OrderedInput(placeholder="type part of a name, company or tag", id="picker-input")
            yield OptionList(id="picker-list")
            yield Static(Text("↑↓ move · enter choose · escape cancel"), classes="picker-keys")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one(Input).focus()

    def _fill(self, query: str) -> None:
        rows = [r for r in self._index.filter(query) if r.contact.id not in self.exclude]
        options = self.query_one("#picker-list", OptionList)
        options.clear_options()
        for r in rows[:PICKER_LIMIT]:
            c = r.contact
            label = literal(c.name)
            if c.company:
                label.append_text(literal(f" · {c.company}", style="dim"))
            options.add_option(Option(label, id=c.id))
        if len(rows) > PICKER_LIMIT:
            options.add_option(
                Option(Text(f"… {len(rows) - PICKER_LIMIT} more: type to narrow"), disabled=True)
            )
        if not rows:
            options.add_option(Option(Text("no contact matches"), disabled=True))
        options.highlighted = 0 if rows else None

    @on(Input.Changed, "#picker-input")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    @on(Input.Submitted, "#picker-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#picker-list", OptionList)
        if options.highlighted is not None:
            option = options.get_option_at_index(options.highlighted)
            if option.id and not option.disabled:
                self.dismiss(option.id)

    @on(OptionList.OptionSelected, "#picker-list")
    def _selected(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one("#picker-list", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
