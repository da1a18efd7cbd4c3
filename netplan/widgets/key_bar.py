"""The footer: the keys of the screen in one line, drawn as one widget.

Textual's Footer is a container of one widget per key (eleven on the board), composed
once empty and again when the bindings are known, and rebuilt on every bindings
refresh. bench/ measured it at about a third of what netplan's first paint costs beyond
a bare Textual app's, and at most of a section switch. This one draws the same line —
each key in the footer's key colours, its description beside it, the command palette's
key on the right — from the screen's active bindings, and repaints only when the keys
shown have changed. A click on a key presses it, as in Textual's.

At 80 columns not every key fits: `? Keys` and `q Quit` (PINNED) are always drawn, on
the right beside the palette's key; the screen's keys fill what is left in the order the
screen lists them (most used first), and `?` lists them all.
"""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.screen import Screen
from textual.widget import Widget

# Bindings (by id) drawn whatever the width: how to see every key, and how to leave.
PINNED = ("app.keys", "app.quit")


class Footer(Widget, can_focus=False):
    ALLOW_SELECT = False
    COMPONENT_CLASSES = {"footer--key", "footer--description", "footer--palette"}
    DEFAULT_CSS = """
    Footer {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
        .footer--key {
            color: $footer-key-foreground;
            background: $footer-key-background;
            text-style: bold;
        }
        .footer--description {
            color: $footer-description-foreground;
            background: $footer-description-background;
        }
        .footer--palette { color: $foreground 20%; }
    }
    """

    def __init__(self) -> None:
        super().__init__()
        self._shown: tuple = ()
        self._spans: list[tuple[int, int, str]] = []  # (start, end, key) of each item drawn
        self._pending = False
        self.builds = 0  # how many times the keys shown changed (tests read it)
        self._pinned = 0  # how many of the keys shown (before the palette's) are PINNED

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)
        self._update()

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        # A section switch publishes three or four of these: draw once, after them.
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._update)

    def _update(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self._keys_shown()
        if shown != self._shown:
            self._shown = shown
            self.builds += 1
            self.refresh()

    def _keys_shown(self) -> tuple[tuple[str, str, str, bool], ...]:
        """(key, how it is shown, description, enabled) of each binding the footer shows:
        the screen's, then the pinned ones, then the palette's."""
        seen: set[str] = set()
        out = []
        pinned = []
        palette = self.app.COMMAND_PALETTE_BINDING if self.app.ENABLE_COMMAND_PALETTE else None
        for _, binding, enabled, _ in self.screen.active_bindings.values():
            if not binding.show or binding.action in seen or binding.key == palette:
                continue
            seen.add(binding.action)  # one entry per action, as Textual's footer shows
            item = (binding.key, self.app.get_key_display(binding), binding.description,
                    enabled)
            (pinned if binding.id in PINNED else out).append(item)
        self._pinned = len(pinned)
        out.extend(pinned)
        if palette is not None and palette in self.screen.active_bindings:
            _, binding, enabled, _ = self.screen.active_bindings[palette]
            out.append((binding.key, self.app.get_key_display(binding), binding.description,
                        enabled))
        return tuple(out)

    def descriptions(self) -> list[str]:
        """The descriptions of the keys shown, left to right (the palette's last)."""
        return [description for _, _, description, _ in self._shown]

    def render(self) -> Text:
        width = self.size.width
        key_style = self.get_component_rich_style("footer--key")
        text_style = self.get_component_rich_style("footer--description")
        items = list(self._shown)
        palette = None
        if self.app.ENABLE_COMMAND_PALETTE and items and items[-1][0] == (
                self.app.COMMAND_PALETTE_BINDING):
            palette = items.pop()
        line = Text(no_wrap=True, overflow="crop", end="")
        spans: list[tuple[int, int, str]] = []
        right = Text(no_wrap=True, end="")
        if palette is not None:
            key, display, description, _ = palette
            right.append("▏", self.get_component_rich_style("footer--palette"))
            right.append(display, key_style)
            right.append(f" {description} ", text_style)
        split = len(items) - self._pinned
        own, pinned = items[:split], items[split:]

        def drawn(key, display, description, enabled) -> Text:
            item = Text(no_wrap=True, end="")
            item.append(f" {display} ", key_style)
            if description:
                item.append(f"{description} ", text_style)
            if not enabled:
                item.stylize("dim")
            return item

        tail = [(key, drawn(key, *rest)) for key, *rest in pinned]
        room = max(width - right.cell_len - sum(t.cell_len for _, t in tail), 0)
        for key, *rest in own:
            item = drawn(key, *rest)
            if line.cell_len + item.cell_len > room:
                continue  # left out (listed by ?); a shorter one further on may still fit
            spans.append((line.cell_len, line.cell_len + item.cell_len, key))
            line.append_text(item)
        line.pad_right(room - line.cell_len)
        for key, item in tail:
            spans.append((line.cell_len, line.cell_len + item.cell_len, key))
            line.append_text(item)
        if palette is not None:
            spans.append((line.cell_len, width, palette[0]))
            line.append_text(right)
        self._spans = spans
        return line

    def on_mouse_down(self, event: events.MouseDown) -> None:
        for start, end, key in self._spans:
            if start <= event.x < end:
                enabled = next((e for k, _, _, e in self._shown if k == key), True)
                if enabled:
                    self.app.simulate_key(key)
                else:
                    self.app.bell()
                return
