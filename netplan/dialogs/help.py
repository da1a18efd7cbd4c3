"""The `?` dialog: the keys of the screen it was opened from, in groups."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from .base import Dialog


class KeysScreen(Dialog[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "Close", id="keys.close"),
        Binding("question_mark", "dismiss", "Close", show=False),
        Binding("q", "dismiss", "Close", show=False),
    ]
    DEFAULT_CSS = """
    KeysScreen > Vertical {
        width: 60; max-width: 100%; height: auto; max-height: 90%;
    }
    KeysScreen #keys-title { text-style: bold; padding-bottom: 1; }
    KeysScreen VerticalScroll { height: auto; max-height: 18; }
    """

    def __init__(self, title: str, groups: list[tuple[str, list[tuple[str, str]]]]):
        super().__init__()
        self._title = title
        self._groups = groups

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Text(f"Keys — {self._title}"), id="keys-title")
            table = Text()
            width = max((len(k) for _, keys in self._groups for k, _ in keys), default=4) + 2
            for n, (heading, keys) in enumerate(self._groups):
                table.append(("\n" if n else "") + heading + "\n", style="bold underline")
                for key, description in keys:
                    table.append(key.ljust(width), style="bold")
                    table.append(description + "\n")
            with VerticalScroll():
                yield Static(table, id="keys-table")
            yield Static(Text("escape closes"), classes="dim")

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)


def keys_by_group(app, screen) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every key of `screen` (a dialog's too) for `?`, grouped: the screen's own, those
    of the pane or list with the cursor, then the ones that work anywhere."""
    groups: dict[str, dict[str, str]] = {"This screen": {}, "Where the cursor is": {},
                                         "Everywhere": {}}
    seen: set[str] = set()

    def group(item) -> str:
        generic = item.binding.action.startswith(("app.", "screen."))  # Tab, copy…
        if item.node is app or generic:
            return "Everywhere"
        return "This screen" if item.node is screen else "Where the cursor is"

    for item in screen.active_bindings.values():
        binding = item.binding
        name = binding.tooltip or binding.description
        if not name or binding.action == "show_keys" or name in seen:
            continue
        seen.add(name)
        groups[group(item)].setdefault(app.get_key_display(binding), name)
    rows = list(groups["Everywhere"].items())
    if ("1–5", "Sections") in rows and "1" not in groups["Everywhere"]:
        # The footer's one hint holds key 1 itself, so no row named the Board: add it.
        rows.insert(rows.index(("1–5", "Sections")) + 1, ("1", "Board"))
        groups["Everywhere"] = dict(rows)
    if not isinstance(screen, ModalScreen):
        groups["Everywhere"].setdefault("^p", "Command palette: every action by name")
    return [(title, list(keys.items())) for title, keys in groups.items() if keys]
