"""The palette's "actions of this screen": every key of the screen it was opened from, by
a name a person would type ("New event", "Log an interaction"), with its key shown.

Made from the screen's bindings, so a key added to a screen is in the palette too: a
binding's `tooltip` is its palette name (the footer keeps the short description); the
app-wide keys are left to the palette's own entries ("Go to Board", "Quit")."""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


def screen_actions(app, screen) -> Iterator[tuple[str, str, object]]:
    """(name with its key, help, callback) of each action of `screen` that can run now."""
    seen: set[str] = set()
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if node is app or not active.enabled or binding.action in seen:
            continue
        if binding.id is None and node is not screen:
            continue  # a widget's own movement keys (cursor up, page down …)
        name = binding.tooltip or binding.description
        if not name:
            continue
        seen.add(binding.action)
        key = app.get_key_display(binding)
        yield (f"{name} ({key})", f"key {key} on this screen",
               partial(app.run_action, binding.action, node))


class ScreenActions(Provider):
    async def discover(self) -> Hits:
        for title, help_text, command in screen_actions(self.app, self.screen):
            yield DiscoveryHit(title, command, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, command in screen_actions(self.app, self.screen):
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), command, help=help_text)
