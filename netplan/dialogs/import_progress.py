"""ImportProgress: a large import's rows read so far, as a bar, while the file is read in
a worker; it closes itself when the result is ready (nothing to press)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import ProgressBar, Static

from ..widgets.literal import literal
from .base import Dialog

SHOW_FROM_ROWS = 1000  # a smaller file is read before a bar would be seen


class ImportProgress(Dialog[None]):
    DEFAULT_CSS = """
    ImportProgress > Vertical { width: 60; }
    ImportProgress ProgressBar { margin: 1 0 0 0; }
    ImportProgress #import-rows { color: $text-muted; }
    """

    def __init__(self, name: str, total: int):
        super().__init__()
        self.file_name = name
        self.total = total

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(f"Importing {self.file_name}", "bold"))
            yield ProgressBar(total=self.total, show_eta=False, id="import-bar")
            yield Static(Text(f"0 of {self.total:,} rows read"), id="import-rows")

    def rows_read(self, done: int) -> None:
        self.query_one(ProgressBar).update(progress=done)
        self.query_one("#import-rows", Static).update(
            Text(f"{done:,} of {self.total:,} rows read"))
