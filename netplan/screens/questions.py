"""The Questions section."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from .base import SectionScreen


class QuestionsScreen(SectionScreen):
    SECTION_TITLE = "Questions"

    def compose_body(self) -> ComposeResult:
        yield Static(Text("The informational-interview question bank, prep sheets and your elevator pitch."), classes="section-intro")
