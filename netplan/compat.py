"""Every private Textual name netplan relies on, in one place.

Each use says what it works around; tests/ui/test_compat.py checks each name on the real
Textual classes, so an upgrade that renames one fails there, by name, instead of
bringing a hang or a silent crash back. tests/ui/test_private_textual.py fails when
any other module imports `textual._…` or touches a private name of a Textual object.

- `LinuxDriver._file`: the file Textual's writer thread writes the screen to. When the
  terminal goes away every write fails (EIO); Textual's writer thread then dies, its
  queue of 30 fills, and the next `driver.write` -- or the exit's own `WriterThread.stop`
  -- waits for ever in `Queue.put`. We give the driver a file that swallows those
  failures and reports the terminal gone: the writer thread keeps draining its queue,
  so no put can block, and the app ends as after a hang-up.
- `App._exception`: the unhandled exception that ended the app (Textual keeps it for
  Pilot); its traceback goes to the crash log.
- `textual._context.active_app`, `DOMNode._css_update_count`: styled_with_current_css.
- `ScrollView._scroll_update`, `ScrollView._size_updated`: ViewportScrollView.
- `ToggleButton._button`: LegibleCheckbox.
- `App._driver`: the driver the app writes the terminal through. Copying a draft uses
  the public `App.copy_to_clipboard` (OSC 52 through the driver); the tests read what
  the driver was given through `driver_of`.
- `textual._xterm_parser.XTermParser._sequence_to_key_events` and the name
  `XTermParser` in `textual.drivers.linux_driver`: Escape and Enter read from the
  terminal in one go (ESC CR: a quick Escape Enter, a laggy link, tmux) are parsed as a
  plain enter, the escape lost, and that Enter saved the form being left. The driver's
  parser reports them as alt+enter instead, which forms take as escape.
- `App._notifications`, `App._unnotify`: the toasts on screen, and taking one off; an
  identical toast replaces the one showing, with a count (netplan.widgets.toasts).
- `Input._on_key`, `TextArea._on_key`: keys that arrive in one burst (fast typing over
  SSH, tmux) reached a text field out of order: a printable key is handled in the field's
  own queue, a key it binds (backspace, left, home …) only after the key has bubbled up
  to where bindings are looked up, so `backspace a b` typed in one go gave "ab" deleted
  back to "a" ("who" + ⌫⌫⌫ + "meet" read as "whom"). KeysInOrder runs the field's own
  bindings right there, in order with the characters.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from textual import events
from textual._xterm_parser import XTermParser
from textual.app import App
from textual.binding import Binding
from textual.content import Content
from textual.drivers import linux_driver
from textual.drivers.linux_driver import LinuxDriver
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.widget import Widget
from textual.widgets import Checkbox, Input

DRIVER_FILE = "_file"
APP_EXCEPTION = "_exception"
SCROLL_UPDATE = "_scroll_update"
SIZE_UPDATED = "_size_updated"
TOGGLE_BUTTON = "_button"
CSS_UPDATE_COUNT = "_css_update_count"
APP_DRIVER = "_driver"
APP_TOASTS = "_notifications"
PARSER_KEYS = "_sequence_to_key_events"
DRIVER_PARSER = "XTermParser"
APP_UNNOTIFY = "_unnotify"
KEY_HANDLER = "_on_key"


class TerminalOutput:
    """A file for Textual's writer thread: writes to `file` until the first failure, then
    calls `on_gone` once and drops everything after."""

    def __init__(self, file, on_gone: Callable[[], None]):
        self._file = file
        self._on_gone = on_gone
        self._lock = threading.Lock()
        self.gone = False

    def _failed(self) -> None:
        with self._lock:
            if self.gone:
                return
            self.gone = True
        self._on_gone()

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                return self._file.write(text)
            except (OSError, ValueError):  # EIO/EPIPE: the terminal is gone; closed file
                self._failed()
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except (OSError, ValueError):
                self._failed()

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return True


class EscapeEnterParser(XTermParser):
    """Textual's parser, but ESC followed by Enter (or Line Feed) is alt+enter."""

    def _sequence_to_key_events(self, sequence: str, alt: bool = False):
        if alt and sequence in ("\r", "\n"):
            yield events.Key("alt+enter", None)
            return
        yield from getattr(super(), PARSER_KEYS)(sequence, alt)


def driver_class_for(base: type, on_terminal_gone: Callable[[], None],
                     on_created: Callable[[LinuxDriver], None] | None = None,
                     on_input: Callable[[object], None] | None = None) -> type:
    """`base` if it is not Textual's LinuxDriver (the web driver, Windows, a test's);
    otherwise a LinuxDriver whose output survives the terminal going away, that tells
    `on_created` it exists and shows `on_input` every input message on the input thread
    (public API: `Driver.process_message` runs there), before the app's queue gets it."""
    if base is not LinuxDriver:
        return base
    if hasattr(linux_driver, DRIVER_PARSER):  # read by LinuxDriver.run_input_thread
        setattr(linux_driver, DRIVER_PARSER, EscapeEnterParser)

    class SurvivingLinuxDriver(LinuxDriver):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            setattr(self, DRIVER_FILE, TerminalOutput(getattr(self, DRIVER_FILE),
                                                      on_terminal_gone))
            if on_created is not None:
                on_created(self)

        def process_message(self, message) -> None:
            if on_input is not None:
                on_input(message)
            super().process_message(message)

    return SurvivingLinuxDriver


def unhandled_exception(app: App) -> BaseException | None:
    """The exception that ended `app`, if one did (None on a Textual that renamed it)."""
    error = getattr(app, APP_EXCEPTION, None)
    return error if isinstance(error, BaseException) else None


def driver_of(app: App):
    """The driver `app` writes the terminal through (None before it runs)."""
    return getattr(app, APP_DRIVER, None)

def withdraw_toast(app: App, notification) -> None:
    """Take a toast off the screen before its time (nothing if it is gone already)."""
    toasts = getattr(app, APP_TOASTS, None)
    if toasts is None or notification not in toasts:
        return
    getattr(app, APP_UNNOTIFY)(notification)


def styled_with_current_css(screen) -> None:
    """Spare a mode's first visit Textual's full CSS refresh.

    A new screen's CSS update count starts at -1, so `App._init_mode` re-parses the
    stylesheet and restyles every node of the screen being left, although the new
    screen gets its styles when it mounts (and its own CSS file, if new, is loaded
    and applied by `_load_screen_css` either way). bench/ measured that refresh at
    about half of a first visit. The attribute is private: should Textual rename it,
    this sets an unused attribute and the first visit is merely slower again.
    """
    try:
        from textual._context import active_app
    except ImportError:  # pragma: no cover - a Textual without it: skip the shortcut
        return
    app = active_app.get(None)
    if app is not None and hasattr(screen, CSS_UPDATE_COUNT):
        setattr(screen, CSS_UPDATE_COUNT, getattr(app, CSS_UPDATE_COUNT))


class ViewportScrollView(ScrollView):
    """A ScrollView whose owner sets `virtual_size` itself (from its rows) and whose
    scrollbars follow it within the frame being prepared.

    Two private ScrollView names:
    - `_scroll_update(virtual_size)` shows, hides or resizes the scrollbars now (as
      OptionList does); left to the layout pass, that took a frame of its own, 17-33 ms
      later. `update_scrollbars` is the one caller.
    - `_size_updated(size, virtual_size, container_size, layout)`: a layout pass hands a
      scroll view its viewport as the "virtual size"; ScrollView only compares it with
      its own, and since they differ it redrew the scrollbar after every layout of the
      screen (each key typed in an Input is one): a second frame. The owner's virtual
      size is the right one, so it is compared with that.
    Should Textual rename them, the scrollbar would be late by a frame (the override is
    then never called; `update_scrollbars` does nothing); nothing breaks.
    """

    def update_scrollbars(self, virtual_size: Size) -> None:
        update = getattr(super(), SCROLL_UPDATE, None)
        if update is not None:
            update(virtual_size)

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        return super()._size_updated(size, self.virtual_size, container_size, layout)


class LegibleCheckbox(Checkbox):
    """A Checkbox that draws its box with `box()` (a Content) instead of Textual's.

    Textual draws the box through the private property `ToggleButton._button`, an X
    either way, telling the states apart by colour alone; there is no public hook. On a
    Textual that renames it, the box is Textual's again (still usable, less legible).
    """

    def box(self) -> Content:  # pragma: no cover - subclasses say what to draw
        raise NotImplementedError

    @property
    def _button(self) -> Content:
        return self.box()


def own_key_action(widget_class: type, key: str) -> str | None:
    """The action a text field's own class binds `key` to (not its parents' screens)."""
    for klass in widget_class.__mro__:
        if klass in (Widget, ScrollView):  # Input's and TextArea's bases: nothing of their own
            break
        for binding in klass.__dict__.get("BINDINGS", ()):
            keys = binding.key if isinstance(binding, Binding) else binding[0]
            if key in (k.strip() for k in keys.split(",")):
                return binding.action if isinstance(binding, Binding) else binding[1]
    return None


class KeysInOrder:
    """Mixed into a text field: its own bindings run in order with the characters typed."""

    async def _on_key(self, event: events.Key) -> None:
        action = None if event.is_printable else own_key_action(type(self), event.key)
        if action is not None:
            event.stop()
            event.prevent_default()
            await self.run_action(action)  # type: ignore[attr-defined]
            return
        await getattr(super(), KEY_HANDLER)(event)


class OrderedInput(KeysInOrder, Input):
    """An Input that reads a burst of keys in the order they were typed."""


def __getattr__(name: str) -> type:
    """`OrderedTextArea`, made on first use: Textual's TextArea and its document model cost
    about 6 ms to import, which a start (the Board has no text box) need not pay."""
    if name != "OrderedTextArea":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from textual.widgets import TextArea

    class OrderedTextArea(KeysInOrder, TextArea):
        """A TextArea that reads a burst of keys in the order they were typed."""

    globals()["OrderedTextArea"] = OrderedTextArea
    return OrderedTextArea
