"""OptionPicker: a titled list to choose one entry from (a goal template, a message
template); enter answers the entry's id, escape answers None."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..widgets.literal import literal
from .base import Dialog


@dataclass(frozen=True)
class Choice:
    """One entry: its name in bold, a dim note beside it, a dim description under it."""

    id: str
    name: str
    note: str = ""
    description: str = ""


class OptionPicker(Dialog[str | None]):
    """Subclasses give `choices()` and the keys line; stored text is shown as typed."""

    KEYS_LINE = "↑↓ choose · enter pick · escape cancel"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="picker.cancel")]
    DEFAULT_CSS = """
    OptionPicker > Vertical { width: 72; max-width: 100%; height: auto; max-height: 100%; }
    OptionPicker OptionList { height: auto; max-height: 16; margin-top: 1; }
    OptionPicker .picker-keys { color: $text-muted; }
    """

    def __init__(self, title: str):
        super().__init__()
        self.picker_title = title

    def choices(self) -> Iterable[Choice]:
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self.picker_title, "bold"), classes="picker-title")
            yield OptionList(*(self._option(c) for c in self.choices()), classes="picker-list")
            yield Static(Text(self.KEYS_LINE), classes="picker-keys")

    @staticmethod
    def _option(choice: Choice) -> Option:
        prompt = literal(choice.name, "bold")
        if choice.note:
            prompt.append(Text(f"  {choice.note}", style="dim"))
        if choice.description:
            prompt.append("\n")
            prompt.append_text(literal(choice.description, "dim", width=66))
        return Option(prompt, id=choice.id)

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
