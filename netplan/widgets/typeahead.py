"""Keys typed ahead of a screen: held while it is still being built, then handed on in order.

A key is sent to the focused widget of the screen on top, or to the screen itself when
nothing has focus yet. A dialog or section pushed a moment ago has no focus until its
widgets are mounted and its first field is focused (one refresh later), so the letters
of a name typed right after `n` reached the dialog's screen and were dropped, and `2 n`
right after start lost its `n` to the contacts screen still being built.

The app asks `KeyHold.hold(event)` for every key and paste. While the screen on top says
it is not ready (`keys_ready` False), the event is kept. When the screen becomes ready it
calls `released(screen)`; the kept events are posted to the app again, in the order they
came, and each is let through when it comes back. Keys that arrive meanwhile are kept
behind them, so nothing overtakes what was typed before it.
"""

from __future__ import annotations

from textual import events
from textual.message import Message

HELD = (events.Key, events.Paste)
ORIGIN = "netplan_typed_at"  # the screen on top when the key came


def copy_of(event: Message, app) -> Message:
    """A fresh event with the same key (or pasted text): an event once dispatched
    carries its handling state, so the original is never posted twice. Sent by the app,
    as the terminal's keys are: a message stops bubbling at its sender, and one made
    while a dialog runs would otherwise never reach the app's bindings."""
    if isinstance(event, events.Key):
        fresh: Message = events.Key(event.key, event.character)
    else:
        assert isinstance(event, events.Paste)
        fresh = events.Paste(event.text)
    return fresh.set_sender(app)


class KeyHold:
    def __init__(self, app) -> None:
        self.app = app
        self._older: list[Message] = []  # came back while the screen was not ready
        self._kept: list[Message] = []  # came while others were held or on their way
        self._returning: set[int] = set()  # ids of the copies posted back, not yet seen

    def _ready(self) -> bool:
        return bool(getattr(self.app.screen, "keys_ready", True))

    def hold(self, event: Message) -> bool:
        """True if `event` is kept for later (the caller must not handle it now).

        The app sees a key twice: when it comes (it is forwarded to the focused widget)
        and, unless a widget used it, when it bubbles back for the app's bindings. Keys
        come in bursts, so by the second time an earlier key may have opened another
        screen: a key meant for the screen it was typed at is then kept for the new one."""
        if not isinstance(event, HELD):
            return False
        if event.is_forwarded:
            origin = getattr(event, ORIGIN, None)
            if origin is None or origin is self.app.screen and self._ready():
                return False
            self._kept.append(event)  # typed before the screen on top opened
            if self._ready() and not self._returning:
                self._send_back()
            return True
        if id(event) in self._returning:
            self._returning.discard(id(event))
            if not self._ready():  # an earlier key opened a screen still being built
                self._older.append(event)
                return True
            if not self._returning and self._kept:
                self._send_back()
            setattr(event, ORIGIN, self.app.screen)
            return False
        if self._older or self._kept or self._returning or not self._ready():
            self._kept.append(event)
            if self._ready() and not self._returning:
                self._send_back()
            return True
        setattr(event, ORIGIN, self.app.screen)
        return False

    def released(self, screen) -> None:
        """`screen` is ready for keys: hand on what was kept for it."""
        if screen is self.app.screen and not self._returning:
            self._send_back()

    def _send_back(self) -> None:
        kept = self._older + self._kept
        self._older, self._kept = [], []
        for event in kept:
            fresh = copy_of(event, self.app)
            self._returning.add(id(fresh))
            self.app.post_message(fresh)

    @property
    def waiting(self) -> int:
        """How many events are kept or on their way back (tests read it)."""
        return len(self._older) + len(self._kept) + len(self._returning)


class ReadyForKeys:
    """Mixed into a screen: not ready for keys until it is mounted and its first focus
    has been given (one refresh later); then the keys kept for it are handed on."""

    keys_ready = False

    def on_mount(self) -> None:
        self.call_after_refresh(self._ready_for_keys)  # type: ignore[attr-defined]

    def _ready_for_keys(self) -> None:
        self.keys_ready = True
        hold = getattr(self.app, "typeahead", None)  # type: ignore[attr-defined]
        if hold is not None:
            hold.released(self)
