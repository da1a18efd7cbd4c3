"""TemplatePicker: choose a goal template (built-in or your own); returns its id or None."""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..domain.templates import Template
from ..support.words import counted
from ..widgets.literal import literal
from .base import Dialog


class TemplatePicker(Dialog[str | None]):
    changes_store = True  # it adds the template's goals
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="template.cancel")]
    DEFAULT_CSS = """
    TemplatePicker > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
    }
    TemplatePicker #template-title { text-style: bold; }
    TemplatePicker OptionList { height: auto; max-height: 16; margin-top: 1; }
    TemplatePicker .template-keys { color: $text-muted; }
    """

    def __init__(self, title: str, templates: list[Template]):
        super().__init__()
        self.picker_title = title
        self.templates = templates

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(self.picker_title), id="template-title")
            options = []
            for t in self.templates:
                prompt = literal(t.name, "bold")
                n = len(t.goals)
                whose = "built-in" if t.builtin else "yours"
                prompt.append(Text(f"  {counted(n, 'goal')} · {whose}", style="dim"))
                if t.description:
                    prompt.append("\n")
                    prompt.append(literal(t.description, "dim", width=66))
                options.append(Option(prompt, id=t.id))
            yield OptionList(*options, id="template-list")
            yield Static(Text("↑↓ choose · enter apply · escape cancel"), classes="template-keys")

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
