"""The Board section."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from .base import SectionScreen


class BoardScreen(SectionScreen):
    SECTION_TITLE = "Board"

    def compose_body(self) -> ComposeResult:
        yield Static(Text("This week's networking goals in To do / Doing / Done, with your streak and planned events."), classes="section-intro")
