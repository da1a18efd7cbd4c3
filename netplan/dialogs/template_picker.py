"""TemplatePicker: choose a goal template (built-in or your own); returns its id or None."""

from __future__ import annotations

from collections.abc import Iterable

from ..domain.templates import Template
from ..support.words import counted
from .option_picker import Choice, OptionPicker


class TemplatePicker(OptionPicker):
    changes_store = True  # it adds the template's goals
    KEYS_LINE = "↑↓ choose · enter apply · escape cancel"

    def __init__(self, title: str, templates: list[Template]):
        super().__init__(title)
        self.templates = templates

    def choices(self) -> Iterable[Choice]:
        for t in self.templates:
            whose = "built-in" if t.builtin else "yours"
            yield Choice(t.id, t.name, f"{counted(len(t.goals), 'goal')} · {whose}",
                         t.description)
