"""The Contacts section."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.widgets import Static

from .base import SectionScreen


class ContactsScreen(SectionScreen):
    SECTION_TITLE = "Contacts"

    def compose_body(self) -> ComposeResult:
        yield Static(Text("The people you meet: a list beside a detail pane, with interactions, follow-ups and referrals."), classes="section-intro")
