"""Cadences by tag: the list ("close · every 90 days"), setting one and clearing one.

Every change is written at once through `write(action, message) -> bool` (the section's
save_guarded), so a read-only or locked store gives its usual message."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain import cadences
from ..domain.contact_fields import parse_cadence
from ..store.database import Store
from ..store.records import TagCadence
from ..widgets.literal import literal
from .base import Dialog
from .form import FormDialog, FormField

Write = Callable[[Callable[[], object], str], bool]


def cadence_form(tag: str = "", days: int | None = None) -> FormDialog:
    return FormDialog("Cadence for a tag", [
        FormField("tag", "Tag", value=tag, required=True, parse=cadences.normal_tag,
                  help="everyone with this tag (like close)"),
        FormField("days", "Every (days)", value="" if days is None else str(days),
                  required=True, parse=parse_cadence,
                  help="a contact's own cadence still wins"),
    ])


class CadencesDialog(Dialog[None]):
    """The tag cadences: n sets one, enter changes the chosen one, d clears it."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="cadences.close"),
        Binding("n", "new", "Set a cadence", id="cadences.new"),
        Binding("d", "clear", "Clear", id="cadences.clear"),
    ]
    DEFAULT_CSS = """
    CadencesDialog > Vertical { width: 60; }
    CadencesDialog .cadences-title { text-style: bold; }
    CadencesDialog OptionList { height: auto; max-height: 12; }
    CadencesDialog .cadences-keys { color: $text-muted; }
    """

    def __init__(self, store: Store, write: Write):
        super().__init__()
        self.store = store
        self.write = write

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text("Keep in touch by tag"), classes="cadences-title")
            yield OptionList(id="cadences-list")
            yield Static(Text("n set · enter change · d clear · escape close"),
                          classes="cadences-keys")

    def on_mount(self) -> None:
        self._fill()
        self.query_one(OptionList).focus()

    def _fill(self, keep: str | None = None) -> None:
        options = self.query_one(OptionList)
        options.clear_options()
        records = cadences.listed(self.store)
        for r in records:
            label = literal(r.tag, style="bold")
            label.append(f" · every {r.cadence_days} days")
            options.add_option(Option(label, id=r.id))
        if not records:
            options.add_option(Option(Text("No cadences by tag yet (n sets one, like close "
                                           "every 90 days)"), disabled=True))
        ids = [r.id for r in records]
        options.highlighted = ids.index(keep) if keep in ids else (0 if records else None)

    def _current(self) -> TagCadence | None:
        options = self.query_one(OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        return self.store.get(TagCadence, option.id) if option.id else None

    def _set(self, values) -> None:
        if values is None:
            return
        tag, days = values["tag"], values["days"]
        if self.write(partial(cadences.set_cadence, self.store, tag, days),
                      f"Everyone tagged {tag}: every {days} days"):
            found = cadences.find(self.store, tag)
            self._fill(keep=found.id if found else None)

    def action_new(self) -> None:
        self.app.push_screen(cadence_form(), self._set)

    @on(OptionList.OptionSelected)
    def _change(self, event: OptionList.OptionSelected) -> None:
        current = self._current()
        if current is not None:
            self.app.push_screen(cadence_form(current.tag, current.cadence_days), self._set)

    def action_clear(self) -> None:
        current = self._current()
        if current is not None and self.write(
                partial(cadences.clear_cadence, self.store, current.tag),
                f"Cleared the cadence of {current.tag}"):
            self._fill()

    def action_close(self) -> None:
        self.dismiss(None)


def open_cadences(app) -> None:
    """The dialog over whatever is shown, writing through the app's guarded save."""
    screen = app.screen
    write = getattr(screen, "save_guarded", None)
    if write is None or isinstance(screen, CadencesDialog):
        return
    app.push_screen(CadencesDialog(app.store, write))


def palette_commands(app) -> Iterable[SystemCommand]:
    yield SystemCommand("Cadences by tag",
                        "Keep in touch with everyone tagged close every 90 days, …",
                        lambda: open_cadences(app))
