"""The Review section."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from .base import SectionScreen


class ReviewScreen(SectionScreen):
    SECTION_TITLE = "Review"

    def compose_body(self) -> ComposeResult:
        yield Static(Text("The weekly review: goals met and missed, follow-ups due and your networking metrics."), classes="section-intro")
