"""Undo and redo in the command palette, each naming the change it undoes or redoes."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.markup import escape

if TYPE_CHECKING:
    from ..app import NetplanApp


def history_commands(app: NetplanApp) -> list[tuple[str, str, str, Callable[[], None]]]:
    """The palette's "Undo …" and "Redo …", each naming its change: (verb, title as
    markup, help, callback)."""
    out = []
    for verb, change, action in (("Undo", app.store.history.next_undo(), app.action_undo),
                                 ("Redo", app.store.history.next_redo(), app.action_redo)):
        if change is not None:
            key = "ctrl+z" if verb == "Undo" else "ctrl+y"
            what = "the last change this session made" if verb == "Undo" else "what was undone"
            out.append((verb, f"{verb} {escape(change.label)}", f"{verb} {what} (key {key})",
                        action))
    return out


class HistoryCommands(Provider):
    """Undo and redo in the palette. Matched on the verb alone: typing a contact's name
    must find the contact, not offer to undo the change that added them."""

    async def discover(self) -> Hits:
        for _, title, help_text, action in history_commands(self.app):  # type: ignore[arg-type]
            yield DiscoveryHit(title, action, help=help_text)

    async def search(self, query: str) -> Hits:
        words = query.split()
        matcher = self.matcher(words[0] if words else "")
        for verb, title, help_text, action in history_commands(self.app):  # type: ignore[arg-type]
            score = matcher.match(verb)
            if score > 0:
                yield Hit(score, title, action, help=help_text)
