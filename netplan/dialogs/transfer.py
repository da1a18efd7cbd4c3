"""Import and export from the TUI: palette entries, their dialogs, and the result summary.

The file is read and parsed in a thread worker (a 2,000-row LinkedIn export takes
longer than a frame); the result is posted back and applied to the store on the UI
thread, because the store and its change signal belong to that thread.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import Input, Select, Static

from ..store.storage import StoreError
from ..support.dates import today
from ..transfer import EXPORT_FORMATS, FOLDER_FORMATS
from ..transfer.files import TransferError
from ..widgets.literal import literal
from .base import Dialog
from .form import FormDialog, FormField

if TYPE_CHECKING:
    from ..app import NetplanApp
    from ..transfer.import_plan import ImportResult, Parsed

IMPORTS = {
    "linkedin": ("Import LinkedIn connections…", "LinkedIn's data export: the zip, its folder, "
                 "or Connections.csv, messages.csv …", "~/Downloads/Connections.csv"),
    "csv": ("Import contacts CSV…", "a Google Contacts or Outlook export, or any CSV",
            "~/Downloads/contacts.csv"),
    "vcard": ("Import vCard…", "a .vcf file or a folder of them (khard, vdirsyncer, phones)",
              "~/contacts.vcf"),
    "yaml": ("Import YAML…", "a netplan export (YAML or JSON) read back into this store",
             "~/netplan-export.yaml"),
}
FORMAT_LABELS = {
    "yaml": "YAML — everything, readable, importable",
    "json": "JSON — everything, for scripts",
    "csv": "CSV — contacts for a spreadsheet",
    "vcard": "vCard — a folder of cards, or one .vcf for a phone",
    "ics": "iCalendar — follow-ups and planned events",
}
RESULT_LINES = 100  # a reason shared by more is one line; a longer list is cut


def palette_commands(app: NetplanApp) -> Iterable[SystemCommand]:
    for kind, (title, help_text, _) in IMPORTS.items():
        yield SystemCommand(title, f"Import {help_text}",
                            lambda kind=kind: open_import(app, kind))
    yield SystemCommand("Export…", "Export to YAML, JSON, CSV, vCard or iCalendar",
                        lambda: open_export(app))


# -- import --------------------------------------------------------------------------


def _existing_path(text: str) -> str:
    path = Path(text).expanduser()
    if not path.exists():
        raise ValueError(f"there is no file or folder {text}")
    return str(path)


def _existing_file(text: str) -> str:
    path = _existing_path(text)
    if Path(path).is_dir():
        raise ValueError(f"{text} is a folder; give the file")
    return path


def open_import(app: NetplanApp, kind: str) -> None:
    title, help_text, placeholder = IMPORTS[kind]
    if app.store.readonly:
        app.notify("netplan was opened read-only; nothing can be imported.",
                   title="Read-only", severity="warning")
        return
    folders = kind in ("vcard", "linkedin")
    fields = [
        FormField("path", "File or folder" if folders else "File", required=True,
                  placeholder=placeholder, help=help_text,
                  parse=_existing_path if folders else _existing_file),
    ]
    if kind == "csv":
        fields.append(FormField("map", "Columns", placeholder="Full name=name, Mobil=phone",
                                help="only for a CSV netplan does not know: COLUMN=FIELD, …",
                                parse=_column_map))
    fields.append(FormField("dry_run", "Dry run: only show what would change", kind="checkbox"))

    def chosen(values: dict[str, Any] | None) -> None:
        if values:
            _start_import(app, kind, values["path"], bool(values["dry_run"]),
                          values.get("map") or [])

    app.push_screen(FormDialog(title.rstrip("…"), fields, save_label="Import"), chosen)


def _column_map(text: str) -> list[str]:
    from ..transfer.contacts_csv import parse_mapping

    pairs = [p.strip() for p in text.split(",") if p.strip()]
    try:
        parse_mapping(pairs)
    except TransferError as exc:
        raise ValueError(str(exc).removeprefix("--map ")) from None
    return pairs


def _start_import(app: NetplanApp, kind: str, path: str, dry_run: bool,
                  mapping: list[str] | None = None) -> None:
    from ..transfer.imports import parse
    from .import_progress import SHOW_FROM_ROWS, ImportProgress

    shown: list[ImportProgress] = []  # the bar, once a large file is known to be large
    last = [0]

    def show(total: int) -> None:
        if not shown:
            shown.append(ImportProgress(Path(path).name, total))
            app.push_screen(shown[0])

    def rows_read(done: int, total: int) -> None:  # called in the worker thread
        if total < SHOW_FROM_ROWS:
            return
        if not shown:
            app.call_from_thread(show, total)
        if done - last[0] >= total // 50 or done == total:
            last[0] = done
            app.call_from_thread(lambda: shown and shown[0].rows_read(done))

    def done(then, *args) -> None:
        if shown and app.screen is shown[0]:
            shown[0].dismiss(None)
        then(*args)

    def work() -> None:
        try:
            parsed = parse(kind, path, mapping, on_rows=rows_read)
        except TransferError as exc:
            app.call_from_thread(done, _show_failure, app, "Import failed", str(exc))
            return
        except Exception as exc:  # a bug must not take the whole session down with it
            app.call_from_thread(done, _show_failure, app, "Import failed",
                                 f"unexpected error ({type(exc).__name__}: {exc}); "
                                 "nothing was changed")
            return
        app.call_from_thread(done, _finish_import, app, parsed, dry_run)

    app.notify(f"Reading {Path(path).name}…", timeout=2)
    app.run_worker(work, thread=True, exclusive=True, group="transfer", name="import")


def _finish_import(app: NetplanApp, parsed: Parsed, dry_run: bool) -> None:
    from ..transfer.import_plan import apply_import

    try:
        result = apply_import(app.store, parsed, dry_run=dry_run)
    except StoreError as exc:
        _show_failure(app, "Import failed", f"{exc}\nThe store was not changed.")
        return
    app.push_screen(ResultScreen.for_import(result))


# -- export --------------------------------------------------------------------------


def open_export(app: NetplanApp) -> None:
    from ..transfer.files import served_session

    if app.store.readonly:
        app.notify("netplan was opened read-only; nothing can be exported.",
                   title="Read-only", severity="warning")
        return
    if served_session():
        _open_served_export(app)
        return
    from ..support.config import current

    folder = current().export_folder  # config.toml's export_folder pre-fills the path
    fields = [
        FormField("format", "Format", kind="select", required=True, value="yaml",
                  options=[(FORMAT_LABELS[f], f) for f in EXPORT_FORMATS]),
        FormField("path", "Save to", required=True,
                  value=suggested_export(folder, "yaml"),
                  help="vCard: a folder (one card a contact) or ~/contacts.vcf (one file)"),
        FormField("force", "Overwrite files that already exist", kind="checkbox"),
    ]

    def validate(values: dict[str, Any]) -> dict[str, str]:
        from ..transfer.exports import writes_one_file
        from ..transfer.files import check_writable

        fmt = values.get("format") or "yaml"
        if fmt in FOLDER_FORMATS and not writes_one_file(fmt, values["path"]):
            target = Path(values["path"]).expanduser()
            if target.exists() and not target.is_dir():
                return {"path": "vCard export needs a folder; this is a file"}
            if not target.parent.is_dir():
                return {"path": f"the folder {target.parent} does not exist"}
            return {}
        try:
            check_writable(Path(values["path"]).expanduser(), force=bool(values.get("force")))
        except TransferError as exc:
            return {"path": str(exc).replace("--force", "the overwrite box")}
        return {}

    def chosen(values: dict[str, Any] | None) -> None:
        if values:
            path = os.path.abspath(Path(values["path"]).expanduser())
            _start_export(app, values["format"], path, bool(values["force"]))

    app.push_screen(ExportForm(folder, "Export", fields, validate=validate,
                               save_label="Export", changes_store=False), chosen)


def suggested_export(folder: Path | None, fmt: str) -> str:
    """The file an export of `fmt` is offered to: today's name, with the format's ending
    (vCard and iCalendar as one .vcf / .ics file, what a phone or calendar imports)."""
    ending = {"vcard": "vcf", "ics": "ics"}.get(fmt, fmt)
    name = f"netplan-{today().isoformat()}.{ending}"
    return str(folder / name) if folder else f"~/{name}"


class ExportForm(FormDialog):
    """The export form: choosing a format moves the offered path to that format's ending,
    unless the user has typed a path of their own."""

    def __init__(self, folder: Path | None, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.folder = folder
        self.offered = {suggested_export(folder, f) for f in EXPORT_FORMATS}

    @on(Select.Changed, "#field-format")
    def _format_chosen(self, event: Select.Changed) -> None:
        if not isinstance(event.value, str):
            return
        path = self.query_one("#field-path", Input)
        if path.value in self.offered or not path.value.strip():
            path.value = suggested_export(self.folder, event.value)


def _open_served_export(app: NetplanApp) -> None:
    """A browser session's export: a name under the export folder, never over a file."""
    from ..transfer.files import export_folder, served_target

    try:
        folder = export_folder(app.store.path)
    except TransferError as exc:
        _show_failure(app, "Export failed", str(exc))
        return
    stamp = today().isoformat()
    fields = [
        FormField("format", "Format", kind="select", required=True, value="yaml",
                  options=[(FORMAT_LABELS[f], f) for f in EXPORT_FORMATS]),
        FormField("path", "Save as", required=True, value=f"netplan-{stamp}",
                  help=f"saved in {folder}; a taken name gets -2"),
    ]

    def target(values: dict[str, Any]) -> Path:
        name = values["path"].strip()
        fmt = values.get("format") or "yaml"
        if fmt not in FOLDER_FORMATS and not Path(name).suffix:
            name += "." + fmt
        return served_target(folder, name)

    def validate(values: dict[str, Any]) -> dict[str, str]:
        try:
            target(values)
        except TransferError as exc:
            return {"path": str(exc)}
        return {}

    def chosen(values: dict[str, Any] | None) -> None:
        if values:
            try:
                path = target(values)  # a free name now, not when the form was checked
            except TransferError as exc:
                _show_failure(app, "Export failed", str(exc))
                return
            _start_export(app, values["format"], str(path), False)

    app.push_screen(FormDialog("Export", fields, validate=validate,
                               save_label="Export", changes_store=False), chosen)


def _start_export(app: NetplanApp, fmt: str, path: str, force: bool) -> None:
    from ..transfer.exports import DataView, export_to

    view = DataView.of(app.store)  # a copy taken on the UI thread; the worker reads only it

    def work() -> None:
        try:
            report = export_to(view, fmt, path, force=force)
        except TransferError as exc:
            app.call_from_thread(_show_failure, app, "Export failed", str(exc))
            return
        except Exception as exc:  # a bug must not take the whole session down with it
            app.call_from_thread(_show_failure, app, "Export failed",
                                 f"unexpected error ({type(exc).__name__}: {exc})")
            return
        app.call_from_thread(app.notify, report.summary(), title="Exported", timeout=6)

    app.notify(f"Exporting to {path}…", timeout=2)
    app.run_worker(work, thread=True, exclusive=True, group="transfer", name="export")


def _show_failure(app: NetplanApp, title: str, message: str) -> None:
    app.push_screen(ResultScreen(title, message, [], failed=True))


# -- the summary ---------------------------------------------------------------------


class ResultScreen(Dialog[None]):
    """What an import created, updated and skipped (and why), or why it failed."""

    BINDINGS = [
        Binding("escape", "close", "Close", id="transfer-result.close"),
        Binding("enter", "close", "Close", show=False),
    ]
    DEFAULT_CSS = """
    ResultScreen > Vertical {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
    }
    ResultScreen.failed > Vertical { border: round $error; }
    ResultScreen #result-title { text-style: bold; }
    ResultScreen #result-summary { margin-bottom: 1; }
    ResultScreen VerticalScroll { height: auto; max-height: 16; }
    ResultScreen .result-keys { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, title: str, summary: str, lines: list[str], *, failed: bool = False):
        super().__init__(classes="failed" if failed else "")
        self._title = title
        self._summary = summary
        self._lines = lines

    @classmethod
    def for_import(cls, result: ImportResult) -> ResultScreen:
        lines = list(result.report_lines(limit=RESULT_LINES))
        title = f"Import from {Path(result.source).name}"
        return cls(title + (" (dry run)" if result.dry_run else ""), result.summary(), lines)

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(literal(self._title), id="result-title")
            yield Static(literal(self._summary, multiline=True), id="result-summary")
            if self._lines:
                with VerticalScroll(id="result-lines"):
                    yield Static(literal("\n".join(ln.strip() for ln in self._lines),
                                         multiline=True))
            yield Static(Text("escape or enter closes"), classes="result-keys")

    def action_close(self) -> None:
        self.dismiss(None)


