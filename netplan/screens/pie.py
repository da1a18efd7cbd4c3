"""The PIE section."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from .base import SectionScreen


class PieScreen(SectionScreen):
    SECTION_TITLE = "PIE"

    def compose_body(self) -> ComposeResult:
        yield Static(Text("Your Performance / Image / Exposure self-assessment and how it changes."), classes="section-intro")
