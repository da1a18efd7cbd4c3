"""The command palette's "Jump to contact: NAME": shows Contacts with that contact
selected."""

from __future__ import annotations

from functools import partial

from rich.text import Text
from textual.command import Hit, Hits, Provider

from ..store.records import Contact
from ..widgets.literal import literal
from .contacts import ContactsScreen


def jump_to_contact(app, contact_id: str) -> None:
    app.action_switch_section("contacts")

    def select() -> None:
        screen = app.screen
        if isinstance(screen, ContactsScreen):  # the section may not be shown
            screen.select_contact(contact_id)

    app.call_after_refresh(select)


class ContactJumpProvider(Provider):
    """ "Jump to contact: NAME" for every contact matching what is typed; searches the
    prepared index so that it stays quick at 10,000 contacts (at most LIMIT hits)."""

    LIMIT = 20

    async def search(self, query: str) -> Hits:
        words = query.casefold().split()
        if not words:
            return
        # "jump ada" and "ada" both work: the command words are not part of any name.
        words = [w for w in words if w not in ("jump", "to", "contact", "contact:")] or words
        store = self.app.store  # type: ignore[attr-defined]
        found = 0
        for c in sorted(store.all(Contact), key=lambda c: c.name.casefold()):
            name = c.name.casefold()
            if all(w in name for w in words):
                label = Text("Jump to contact: ")
                label.append_text(literal(c.name + (f" ({c.company})" if c.company else "")))
                score = 1.0 if name.startswith(words[0]) else 0.5
                yield Hit(
                    score,
                    label,
                    partial(jump_to_contact, self.app, c.id),
                    text=f"Jump to contact: {c.name}",
                )
                found += 1
                if found >= self.LIMIT:
                    return
