"""SectionScreen: what every section shares (header, footer, refresh on store change)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Header

from ..store.changes import StoreChange
from ..support.sanitize import one_line
from ..widgets.key_bar import Footer
from ..widgets.typeahead import ReadyForKeys

if TYPE_CHECKING:
    from ..store.database import Store


def ask(app, dialog) -> asyncio.Future:
    """Show `dialog` now and return its answer as a future to await in a worker.

    Pushed at once, so keys typed right after the key that asked go to the dialog.
    (Textual's `push_screen_wait` pushes it only when the worker starts, after keys
    already queued: `d y` typed in one burst would send the `y` to the list.)"""
    future: asyncio.Future = asyncio.get_running_loop().create_future()

    def answered(result) -> None:
        if not future.done():
            future.set_result(result)

    app.push_screen(dialog, answered)
    return future


class SectionPane:
    """Mixed into the widgets that make up part of a section (the Questions tabs): the
    section they sit in, for its store and its guarded saves."""

    @property
    def section(self) -> SectionScreen:
        screen = self.screen  # type: ignore[attr-defined]
        if not isinstance(screen, SectionScreen):
            raise TypeError(f"{type(self).__name__} sits outside a section ({screen!r})")
        return screen


class NetplanServices(Protocol):
    """What a section needs of the app (the app itself; a Protocol so that screens never
    import the module that imports them)."""

    store: Store
    store_changed: Any

    def week_subtitle(self, week: str | None = None) -> str: ...


class SectionScreen(ReadyForKeys, Screen):
    """A section: subclasses give SECTION_TITLE, compose_body() and refresh_data().

    `refresh_data()` is called once mounted, whenever the store changes (this
    process or another) while the screen is shown, and on return to a screen
    that missed a change while hidden.
    """

    SECTION_TITLE = ""
    # Tables whose changes this section never shows: a change to only these does not
    # refresh it. (Named by exclusion, so a table added later refreshes every section.)
    UNAFFECTED_BY: frozenset[str] = frozenset()
    _stale = False

    @property
    def store(self) -> Store:
        return self.netplan.store

    @property
    def netplan(self) -> NetplanServices:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield Header()
        yield from self.compose_body()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.title = self.SECTION_TITLE
        self.show_subtitle()
        self.netplan.store_changed.subscribe(self, self._on_store_changed)
        self.refresh_data()

    def _on_store_changed(self, change: StoreChange) -> None:
        if not change.concerns(self.UNAFFECTED_BY):
            return  # a table this section does not show
        if not self.is_current:
            self._stale = True
        elif change.origin == "outside":
            # Another process's change (cron, a second session): what is derived from whole
            # tables is counted again on a worker thread, so keys go on being answered;
            # the screen then redraws from those figures.
            self.run_worker(self._warmed_refresh, thread=True, group="warm-up",
                            exclusive=True, exit_on_error=False)
        else:
            self.refresh_data()

    def _warmed_refresh(self) -> None:
        with contextlib.suppress(Exception):  # the refresh itself derives what is missing
            self.warm_up()
        with contextlib.suppress(RuntimeError):  # the app ended meanwhile
            self.app.call_from_thread(self._refresh_if_shown)

    def _refresh_if_shown(self) -> None:
        if self.is_attached and self.is_current:
            self.refresh_data()
        else:
            self._stale = True

    def warm_up(self) -> None:
        """On a worker thread: derive, through the store's derived figures, what
        refresh_data() will need, reading only (records are frozen and shared)."""

    def on_screen_resume(self) -> None:
        self.show_subtitle()
        if self._stale:
            self._stale = False
            self.refresh_data()

    def refresh_data(self) -> None:
        """Re-read what this screen shows from the store."""

    shown_week: str | None = None  # the week on screen, for a section that shows one

    def show_subtitle(self) -> None:
        self.sub_title = self.netplan.week_subtitle(self.shown_week)

    def save_record(self, record, *, editing: bool, success: str | None = None,
                    save=None, shown=None) -> bool:
        """Save a record from a dialog (with `save(record)` if given, else store.save).
        An edit of a record that another session deleted meanwhile is refused with a
        message instead of writing a ghost back. With `shown` (the record as the form
        showed it), the edit is made against the record as it is now (domain.edits):
        fields left alone keep newer stored values, and a field changed here and
        elsewhere is asked about before anything is saved."""
        current = self.store.get(type(record), record.id) if editing else None
        if editing and current is None:
            self.notify(
                "It was deleted in another session while you were editing; nothing was saved.",
                title="Not saved", severity="warning", timeout=8,
            )
            return False
        if shown is not None and current is not None and current != shown:
            from ..domain.edits import merge_edit

            merged, clashes = merge_edit(shown.to_dict(), record.to_dict(), current.to_dict())
            record = type(record).from_dict(merged)
            if clashes:
                self._ask_about_clashes(record, current, clashes, success, save)
                return False
        return self.save_guarded(lambda: (save or self.store.save)(record), success)

    def _ask_about_clashes(self, record, current, clashes, success, save) -> None:
        """Both sides changed the same fields: show both values, keep the user's on y,
        take the stored ones on n; nothing is saved before the answer."""
        from ..dialogs.form import ConfirmDialog

        def shown_value(value) -> str:
            return one_line(", ".join(map(str, value)) if isinstance(value, list | tuple)
                            else "" if value is None else str(value), 30) or "(empty)"

        lines = [f"{name}: yours {shown_value(mine)!s} · stored {shown_value(theirs)!s}"
                 for name, (mine, theirs) in sorted(clashes.items())]

        answer = ask(self.app, ConfirmDialog(
            "Changed elsewhere while you edited. Keep your values? (n takes the stored ones)",
            "\n".join(lines)))

        async def save_the_chosen() -> None:
            chosen = record
            if not await answer:
                doc = record.to_dict()
                doc.update({name: current.to_dict().get(name) for name in clashes})
                chosen = type(record).from_dict(doc)
            self.save_guarded(lambda: (save or self.store.save)(chosen), success)

        self.run_worker(save_the_chosen(), group="answers")

    def confirm_then(self, question: str, detail: str, action: Callable[[], object],
                     success: str) -> None:
        """Ask `question` (yes/no); on yes run the store write `action` and say `success`."""
        from ..dialogs.form import ConfirmDialog

        answer = ask(self.app, ConfirmDialog(question, detail))

        async def act() -> None:
            if await answer:
                self.save_guarded(action, success)

        self.run_worker(act(), group="answers")

    def save_guarded(self, action, success: str | None = None) -> bool:
        """Run a store write; notify success or show the store's message. True if saved."""
        from ..store.storage import StoreError

        try:
            action()
        except StoreError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return False
        if success:
            self.notify(success, timeout=3)
        return True
