"""NetplanApp: the five sections as Textual modes, global keys, and store change fan-out."""

from __future__ import annotations

import asyncio
import getpass
import importlib
import os
import signal
import socket
from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen
from textual.signal import Signal

from .dates import iso_week
from .storage import StoreError
from .store import Store
from .text import clean

# (mode, key, title, module, class): the sections, in the order of their keys.
SECTIONS = (
    ("board", "1", "Board", "board", "BoardScreen"),
    ("contacts", "2", "Contacts", "contacts", "ContactsScreen"),
    ("questions", "3", "Questions", "questions", "QuestionsScreen"),
    ("pie", "4", "PIE", "pie", "PieScreen"),
    ("review", "5", "Review", "review", "ReviewScreen"),
)
# Modules whose `palette_commands(app)` add app-wide entries to the command palette.
PALETTE_MODULES = ("netplan.screens.transfer",)
POLL_SECONDS = 1.0  # another process's change shows within 2 s


def _section_factory(module: str, cls: str) -> Callable[[], Screen]:
    # Sections are imported on first visit, so start-up only pays for the board.
    def build() -> Screen:
        screen = getattr(importlib.import_module(f"netplan.screens.{module}"), cls)()
        _styled_with_current_css(screen)
        return screen

    return build


def _styled_with_current_css(screen: Screen) -> None:
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
    if app is not None and hasattr(screen, "_css_update_count"):
        screen._css_update_count = app._css_update_count


def _away_from_the_terminal() -> None:
    """After a hang-up, send what is left to /dev/null: Python's last flush to the dead
    terminal would fail and turn the exit status 129 into 120."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    for fd in (1, 2):
        try:
            os.dup2(devnull, fd)
        except OSError:
            pass
    os.close(devnull)


def _dead_writer(driver: object):
    """Textual's thread that writes to the terminal, if it has died (its terminal gone).
    Private Textual attributes: if they are renamed this finds nothing, as before."""
    writer = getattr(driver, "_writer_thread", None)
    return writer if writer is not None and not writer.is_alive() else None


def _unblock_dead_writer(driver: object) -> None:
    """Textual writes to the terminal through a thread fed by a queue of 30 slots; when the
    terminal has gone, that thread dies on its first failed write, and the exit, which
    queues the escape sequences that restore the terminal, then blocks forever on the full
    queue (a netplan left hanging after a dropped SSH session, SIGTERM included). Give a
    dead writer an unbounded queue, so the exit goes through."""
    writer = _dead_writer(driver)
    if writer is not None and hasattr(writer, "_queue"):
        import queue

        writer._queue = queue.Queue()


class NetplanApp(App[int]):
    TITLE = "netplan"
    CSS_PATH = "app.tcss"
    MODES = {mode: _section_factory(module, cls) for mode, _, _, module, cls in SECTIONS}
    DEFAULT_MODE = "board"
    # "Jump to contact": a searching provider (imported when the palette opens) scales to 10,000.
    COMMANDS = App.COMMANDS | {
        lambda: importlib.import_module("netplan.screens.contacts").ContactJumpProvider
    }
    BINDINGS = [
        # The footer has room for one "1–5 Sections" hint at 80 columns, not five keys;
        # `?` and the palette list each section by name.
        Binding("1", "switch_section('board')", "Sections", key_display="1–5", id="section.hint"),
        *(
            Binding(key, f"switch_section('{mode}')", title, id=f"section.{mode}", show=False)
            for mode, key, title, _, _ in SECTIONS
        ),
        Binding("question_mark", "show_keys", "Keys", id="app.keys"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, store: Store, *, poll_seconds: float = POLL_SECONDS):
        super().__init__()
        self.store = store
        self.poll_seconds = poll_seconds
        self.store_changed: Signal[str] = Signal(self, "store-changed")
        self.identity = f"{getpass.getuser()}@{socket.gethostname()}"
        self.hangup = False
        self.fatal: StoreError | None = None  # a store problem that ended the session
        store.subscribe(lambda: self.store_changed.publish("local"))

    # -- life cycle ----------------------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every toast goes through here (a screen's or widget's `notify` calls this
        with markup=True by default): names and other stored text in `message` are
        shown as typed, so `[red]` keeps its brackets, and cleaned of control
        characters and escape sequences. Markup is never read in a toast."""
        del markup
        super().notify(clean(message, multiline=True), title=clean(title), severity=severity,
                       timeout=timeout, markup=False)

    def on_mount(self) -> None:
        self.set_interval(self.poll_seconds, self._poll_store, name="store-poll")
        try:
            loop = asyncio.get_running_loop()
            for sig in (signal.SIGHUP, signal.SIGTERM):
                loop.add_signal_handler(sig, self._on_hangup, sig)
        except (NotImplementedError, RuntimeError, ValueError):
            pass  # not the main thread (tests) or no signal support
        if self.store.readonly:
            self.notify("Opened read-only (--readonly): nothing can be changed.",
                        title="read-only", timeout=6)

    def on_ready(self) -> None:
        # Tables are parsed on first use, and the board needs few of them: the others
        # are parsed now, just after the first paint, so that a table damaged inside
        # ends the session at once with the store's message, not later in some screen.
        self.set_timer(0.01, self._load_everything, name="load-store")

    def _load_everything(self) -> None:
        try:
            self.store.load_all()
        except StoreError as exc:
            self.fatal = exc
            self.exit(exc.exit_status, return_code=exc.exit_status)
            return
        import gc

        gc.freeze()  # long-lived and free of cycles: see cli.core.run_tui

    def _on_hangup(self, signum: int = signal.SIGHUP) -> None:
        # Runs from the event loop, so never in the middle of a store write (writes
        # run on this thread, and the store blocks these signals while it writes).
        self.hangup = True
        _unblock_dead_writer(self._driver)
        self.exit(128 + signum)  # the shell's convention: 129 hang-up, 143 terminated

    def _poll_store(self) -> None:
        if _dead_writer(self._driver) is not None and not self.hangup:
            self._on_hangup(signal.SIGHUP)  # the terminal went away without a hang-up
            return
        try:
            changed = self.store.refresh()
            if changed:
                self.store.load_all()
        except StoreError as exc:
            self.notify(str(exc), title="Store problem", severity="error", timeout=10)
            return
        if changed:
            self.store_changed.publish("outside")

    def run_until_signal(self) -> int:
        """Run the TUI; a dropped terminal (SIGHUP) ends it quietly."""
        try:
            result = self.run()
        except OSError:
            if not self.hangup:
                raise
            result = self.return_code or 129  # the terminal went away with the connection
        if self.hangup:
            _away_from_the_terminal()
        if self.fatal is not None:
            raise self.fatal  # printed by the command line, now that the screen is back
        return int(result or 0)

    # -- actions -------------------------------------------------------------------

    async def action_quit(self) -> None:
        # The board's counts are kept beside the store for the next start; after a change
        # made outside the board they are stale, and the next start would count them first.
        try:
            self.store.keep_figures()
        except StoreError:
            pass  # the store went bad meanwhile: quitting is what matters now
        self.exit()

    def action_switch_section(self, mode: str) -> None:
        if self.current_mode != mode:
            self.switch_mode(mode)

    def action_show_keys(self) -> None:
        from .screens.help import KeysScreen

        if isinstance(self.screen, KeysScreen):
            return
        keys: dict[str, str] = {}
        # The screen's own keys first, then the focused widget's (a table's cursor keys),
        # then the app-wide ones.
        screen = self.screen

        def rank(item) -> int:
            generic = item.binding.action.startswith(("app.", "screen."))  # Tab, copy…
            if item.node is self or generic:
                return 2
            return 0 if item.node is screen else 1

        active = sorted(self.active_bindings.values(), key=rank)
        for item in active:
            binding = item.binding
            if binding.description and binding.action != "show_keys":
                if binding.description not in keys.values():
                    keys.setdefault(self.get_key_display(binding), binding.description)
        self.push_screen(KeysScreen(self.screen.title or "netplan", list(keys.items())))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for mode, key, title, _, _ in SECTIONS:
            yield SystemCommand(
                f"Go to {title}", f"Switch to the {title} section (key {key})",
                lambda mode=mode: self.action_switch_section(mode),
            )
        for name in PALETTE_MODULES:  # a broken module should fail loudly, not vanish
            yield from importlib.import_module(name).palette_commands(self)
        yield from super().get_system_commands(screen)

    def week_subtitle(self) -> str:
        # In the header of every section, so a shared read-only screen says so.
        suffix = " · read-only" if self.store.readonly else ""
        return f"{iso_week()} · {self.identity}{suffix}"
