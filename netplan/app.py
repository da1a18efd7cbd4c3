"""NetplanApp: the five sections as Textual modes, global keys, and store change fan-out."""

from __future__ import annotations

import asyncio
import contextlib
import getpass
import importlib
import os
import signal
import socket
from collections.abc import Callable, Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.signal import Signal
from textual.widget import AwaitMount

from .checkpoints import Checkpoints
from .store.changes import StoreChange
from .store.database import Store
from .store.records import Interaction
from .store.storage import StoreError
from .support.dates import iso_week
from .support.sanitize import clean
from .widgets.lock_notice import LockWaitNotice
from .widgets.toasts import ToastMerger
from .widgets.typeahead import KeyHold

# (mode, key, title, module, class): the sections, in the order of their keys.
SECTIONS = (
    ("board", "1", "Board", "board", "BoardScreen"),
    ("contacts", "2", "Contacts", "contacts", "ContactsScreen"),
    ("questions", "3", "Questions", "questions.section", "QuestionsScreen"),
    ("pie", "4", "PIE", "pie", "PieScreen"),
    ("review", "5", "Review", "review", "ReviewScreen"),
)
# Modules whose `palette_commands(app)` add app-wide entries to the command palette
# (entries offered from any screen: "Go to events", imports and exports …). A new list
# reachable from anywhere registers here with one line.
PALETTE_MODULES = ("netplan.screens.events", "netplan.dialogs.transfer",
                   "netplan.screens.referrals", "netplan.dialogs.cadences",
                   "netplan.screens.companies", "netplan.screens.contact_merge",
                   "netplan.screens.board")
POLL_SECONDS = 1.0  # another process's change shows within 2 s


def _section_factory(module: str, cls: str) -> Callable[[], Screen]:
    # Sections are imported on first visit, so start-up only pays for the board.
    def build() -> Screen:
        screen = getattr(importlib.import_module(f"netplan.screens.{module}"), cls)()
        from .compat import styled_with_current_css

        styled_with_current_css(screen)
        return screen

    return build


def _import_sections() -> None:
    for _, _, _, module, _ in SECTIONS:
        importlib.import_module(f"netplan.screens.{module}")


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


class NetplanApp(App[int]):
    TITLE = "netplan"
    CSS_PATH = "app.tcss"
    MODES = {mode: _section_factory(module, cls) for mode, _, _, module, cls in SECTIONS}
    DEFAULT_MODE = "board"
    # "Jump to contact": a searching provider (imported when the palette opens) scales to 10,000.
    COMMANDS = App.COMMANDS | {
        lambda: importlib.import_module("netplan.screens.contact_jump").ContactJumpProvider,
        lambda: importlib.import_module("netplan.screens.history_palette").HistoryCommands,
        # "New event (n)", "Log an interaction (l)" …: the keys of the screen on show.
        lambda: importlib.import_module("netplan.screens.palette_actions").ScreenActions,
    }
    BINDINGS = [
        # The footer has room for one "1–5 Sections" hint at 80 columns, not five keys;
        # `?` and the palette list each section by name.
        Binding("1", "switch_section('board')", "Sections", key_display="1–5", id="section.hint"),
        *(
            Binding(key, f"switch_section('{mode}')", title, id=f"section.{mode}", show=False)
            for mode, key, title, _, _ in SECTIONS
        ),
        # f1 too: in a form, ? is a character to type.
        Binding("question_mark,f1", "show_keys", "Keys", id="app.keys"),
        Binding("ctrl+z", "undo", "Undo", show=False, id="app.undo"),
        Binding("ctrl+y", "redo", "Redo", show=False, id="app.redo"),
        Binding("q", "quit", "Quit", id="app.quit"),
    ]

    def __init__(self, store: Store, *, poll_seconds: float = POLL_SECONDS):
        self.lock_notice = LockWaitNotice(self)  # before App.__init__ picks the driver
        super().__init__()
        self.typeahead = KeyHold(self)
        self.toasts = ToastMerger(self)
        self.store = store
        # A session's interactions held as their JSON (store/packed_table.py): a quarter
        # of the memory; each is parsed when read.
        store.hold_packed(Interaction)
        self.poll_seconds = poll_seconds
        self.checkpoints = Checkpoints(self, store)
        self.store_changed: Signal[StoreChange] = Signal(self, "store-changed")
        self.identity = f"{getpass.getuser()}@{socket.gethostname()}"
        self.hangup = False  # the terminal went away, or SIGHUP/SIGTERM: end quietly
        self.ending_status = 0  # 129 after a hang-up, 143 after SIGTERM
        self._event_loop: asyncio.AbstractEventLoop | None = None
        self._pending_signal: int | None = None
        self._watchdog = None  # netplan.ending.Watchdog, in a real terminal only
        self.panicked: list[str] = []  # what App.panic showed, as text
        self.fatal: StoreError | None = None  # a store problem that ended the session
        store.subscribe(lambda tables: self.store_changed.publish(StoreChange("local", tables)))
        store.on_lock_wait(self._waiting_for_lock, ended=self.lock_notice.ended,
                           stopped=self.lock_notice.stopped)

    # -- life cycle ----------------------------------------------------------------

    def notify(self, message: str, *, title: str = "", severity="information",
               timeout: float | None = None, markup: bool = False) -> None:
        """Every toast goes through here (a screen's or widget's `notify` calls this
        with markup=True by default): names and other stored text in `message` are
        shown as typed, so `[red]` keeps its brackets, and cleaned of control
        characters and escape sequences. Markup is never read in a toast."""
        del markup
        self.toasts.show(clean(message, multiline=True), clean(title), severity,
                         self.NOTIFICATION_TIMEOUT if timeout is None else timeout)

    async def on_event(self, event) -> None:
        # Keys typed while a screen or dialog is still being built wait for it.
        if self.typeahead.hold(event):
            return
        await super().on_event(event)

    def on_mount(self) -> None:
        self._apply_settings()
        self.checkpoints.start()
        self.set_interval(self.poll_seconds, self._poll_store, name="store-poll")
        self._event_loop = asyncio.get_running_loop()
        if self._pending_signal is not None:  # it came while the app was starting
            self._on_hangup(self._pending_signal)
            return
        if self.store.readonly:
            self.notify("Opened read-only (--readonly): nothing can be changed.",
                        title="read-only", timeout=6)

    def _apply_settings(self) -> None:
        """config.toml's theme, and its problems as a toast; a theme picked later (the
        palette's "Theme") is saved there for the next start."""
        from .support import config

        settings = config.current()
        theme = settings.get("theme")
        if theme and theme in self.available_themes:
            self.theme = theme
        elif theme:
            settings.problems.append(f"{settings.path}: theme {theme!r} is not one of "
                                     f"{', '.join(sorted(self.available_themes))}; ignored")
        if settings.problems:
            self.notify("\n".join(settings.problems[:3]), title="Settings",
                        severity="warning", timeout=10)
        self.theme_changed_signal.subscribe(self, self._save_theme)

    def _save_theme(self, theme) -> None:
        from .support import config

        if theme.name == config.current().get("theme"):
            return
        try:
            config.set_value("theme", theme.name)
        except (OSError, config.SettingError) as exc:
            self.notify(f"The theme could not be saved in {config.config_path()}: {exc}",
                        title="Settings", severity="warning")

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
        # The sections' code, imported on a thread while the board is looked at: what a
        # first visit no longer adds (50-800 ms, as the disk has it cached or not).
        self.run_worker(_import_sections, thread=True, group="import-sections",
                        exit_on_error=False)

    def _waiting_for_lock(self, holder: str) -> None:
        # A save waits for another process's write (at most NETPLAN_LOCK_TIMEOUT, 10 s):
        # shown at once on the terminal, and as a toast for when the screen paints again.
        self.lock_notice.started(holder)
        self.notify(f"The store is busy: {holder} holds it; waiting to save.",
                    title="Waiting", timeout=6, markup=False)

    def _on_hangup(self, signum: int = signal.SIGHUP) -> None:
        # Runs from the event loop, so never in the middle of a store write (writes
        # run on this thread, and the store blocks these signals while it writes).
        first = not self.ending_status
        self.hangup = True
        self.ending_status = self.ending_status or 128 + signum  # 129 hang-up, 143 term
        if first:
            self.exit(self.ending_status, return_code=self.ending_status)

    def _signal_received(self, signum: int) -> None:
        # A Python signal handler: the main thread, between two steps of whatever it runs.
        if self._event_loop is None:
            self._pending_signal = signum  # on_mount ends the app as soon as it can
            return
        with contextlib.suppress(RuntimeError):  # the loop has already closed
            self._event_loop.call_soon_threadsafe(self._on_hangup, signum)

    def _terminal_gone(self) -> None:
        # Textual's writer thread: a write to the terminal failed (EIO), so it is gone,
        # often before (or without) the hang-up signal.
        self.hangup = True
        if self._watchdog is not None:
            self._watchdog.arm(128 + signal.SIGHUP)
        if self._event_loop is not None:
            with contextlib.suppress(RuntimeError):
                self._event_loop.call_soon_threadsafe(self._on_hangup, signal.SIGHUP)

    def get_driver_class(self):
        from .compat import driver_class_for

        return driver_class_for(super().get_driver_class(), lambda: self._terminal_gone(),
                                on_created=self.lock_notice.driver_created,
                                on_input=self.lock_notice.input_seen)

    def _poll_store(self) -> None:
        try:
            changed = self.store.refresh()
            if changed:
                self.store.load_all()
        except StoreError as exc:
            self.notify(str(exc), title="Store problem", severity="error", timeout=10)
            return
        if changed:
            self.store_changed.publish(StoreChange("outside"))

    def run_until_signal(self) -> int:
        """Run the TUI in a real terminal. A hang-up or SIGTERM ends it within about a
        second and a half (129, 143); an error that ends it is logged beside the store
        and gives a non-zero status."""
        from .ending import Watchdog, lock_path_of

        self._watchdog = Watchdog(lock_path_of(self.store.path))
        self._watchdog.listen_to_signals(self._signal_received)
        try:
            try:
                result = self.run()
            except OSError:
                if not self.hangup:
                    raise
                result = None  # the terminal went away with the connection
        finally:
            self._watchdog.stop_listening()
        if self.hangup:
            _away_from_the_terminal()
            return self.ending_status or 128 + signal.SIGHUP
        if self.fatal is not None:
            raise self.fatal  # printed by the command line, now that the screen is back
        crash = self.crash_report()
        if crash is not None:
            from .ending import report_crash

            return report_crash(self.store.path, crash)
        return int(result or 0)

    def crash_report(self) -> str | None:
        """The traceback of the error that ended the app, if one did."""
        from .compat import unhandled_exception

        error = unhandled_exception(self)
        if error is not None:
            import traceback

            return "".join(traceback.format_exception(error))
        if self.panicked:
            return "\n".join(self.panicked)
        return None

    def panic(self, *renderables) -> None:
        # Textual's own way out on an error in one of its threads (input, for one).
        from io import StringIO

        from rich.console import Console

        out = StringIO()
        console = Console(file=out, width=100, color_system=None, force_terminal=False)
        for renderable in renderables:
            console.print(renderable)
        self.panicked.append(out.getvalue())
        super().panic(*renderables)

    # -- actions -------------------------------------------------------------------

    async def action_quit(self) -> None:
        self.exit()

    def on_unmount(self) -> None:
        # However the session ends (q, the palette, a test's end; not a hang-up, which
        # ends at once), what it derived is kept beside the store for the next process:
        # the next start's counts, cron's `due` and `review`, which would otherwise read
        # every contact and interaction after this session's changes made them stale.
        if self.hangup or self.fatal is not None:
            return
        try:
            self.store.keep_figures()
        except StoreError:
            pass  # the store went bad meanwhile: ending is what matters now

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Not while a dialog is open: ctrl+z there would change the store under the form.
        if action in ("undo", "redo") and isinstance(self.screen, ModalScreen):
            return False
        return True

    def push_screen(self, screen, *args, **kwargs):
        # A form that would change a read-only store is refused before it opens.
        if self.store.readonly and getattr(screen, "changes_store", False):
            self.notify("netplan was opened read-only (--readonly): nothing can be changed.",
                        title="Read-only", severity="warning", timeout=4)
            return AwaitMount(self.screen, [])
        return super().push_screen(screen, *args, **kwargs)

    def action_undo(self) -> None:
        self._step_history(undo=True)

    def action_redo(self) -> None:
        self._step_history(undo=False)

    def _step_history(self, *, undo: bool) -> None:
        history = self.store.history
        change = history.next_undo() if undo else history.next_redo()
        try:
            outcome = history.undo(self.store) if undo else history.redo(self.store)
        except StoreError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10, markup=False)
            return
        title = f"{'Undo' if undo else 'Redo'} {change.label}" if change else ""
        self.notify(outcome.message, title=title, markup=False, timeout=4 if outcome.done else 8,
                    severity="information" if outcome.done or change is None else "warning")

    def action_switch_section(self, mode: str) -> None:
        """Show the section's main screen: also when a list opened from it (Events) is
        on top, so `2` always means Contacts."""
        if self.current_mode != mode:
            self.switch_mode(mode)
        while len(self.screen_stack) > 1 and not isinstance(self.screen, ModalScreen):
            self.pop_screen()

    def action_show_keys(self) -> None:
        """`?`: every key of the screen on top (a dialog's too), grouped: the screen's
        own, those of the pane or list with the cursor, then the ones that work anywhere."""
        from .dialogs.help import KeysScreen, keys_by_group

        if isinstance(self.screen, KeysScreen):
            return
        screen = self.screen
        self.push_screen(KeysScreen(screen.title or "netplan", keys_by_group(self, screen)))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        for mode, key, title, _, _ in SECTIONS:
            yield SystemCommand(
                f"Go to {title}", f"Switch to the {title} section (key {key})",
                lambda mode=mode: self.action_switch_section(mode),
            )
        for name in PALETTE_MODULES:  # a broken module should fail loudly, not vanish
            yield from importlib.import_module(name).palette_commands(self)
        yield from super().get_system_commands(screen)

    def week_subtitle(self, week: str | None = None) -> str:
        """The header's line: the week on screen (this week by default), who is working,
        and "read-only" on a shared read-only screen."""
        suffix = " · read-only" if self.store.readonly else ""
        return f"{week or iso_week()} · {self.identity}{suffix}"
