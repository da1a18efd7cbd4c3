"""Dialog: the one base of every modal in netplan — a centred frame that closes once.

Keys arrive in bursts over SSH (Enter Enter, Enter then ctrl+s, Escape then Enter): the
first answer closes the dialog and hands its result on; every later one is ignored, so
a form saves once and the screen under it is never popped by mistake. Keys typed while
it opens are kept until its first field has the focus (netplan.widgets.typeahead).
"""

from __future__ import annotations

from typing import TypeVar

from textual.await_complete import AwaitComplete
from textual.binding import Binding
from textual.screen import ModalScreen

from ..widgets.typeahead import ReadyForKeys

T = TypeVar("T")


async def _nothing() -> None:
    return None


class Dialog(ReadyForKeys, ModalScreen[T]):
    """A modal screen whose first child (a container) is drawn as the dialog's frame.
    Subclasses set only what differs, e.g. `MyDialog > Vertical { width: 60; }`."""

    DEFAULT_CSS = """
    Dialog { align: center middle; }
    Dialog > Vertical {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: round $primary; background: $panel; padding: 0 1;
    }
    """

    # The app's keys stop at a modal screen: `?` (f1 where ? is typed into a field)
    # shows the dialog's own keys.
    BINDINGS = [Binding("question_mark,f1", "app.show_keys", "Keys", show=False,
                        id="dialog.keys")]

    _answered = False
    # A dialog that exists to change the store: not opened at all on a read-only store
    # (NetplanApp.push_screen says why), rather than refused after it was filled in.
    changes_store = False

    @property
    def answered(self) -> bool:
        """True once the dialog has given its answer (later keys are ignored)."""
        return self._answered

    def dismiss(self, result: T | None = None) -> AwaitComplete:
        if self._answered or not self.is_attached:
            return AwaitComplete(_nothing())
        self._answered = True
        return super().dismiss(result)
