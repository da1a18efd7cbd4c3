"""Writing an export: one file (json, yaml, csv, ics, a `.vcf` of every card) or a
folder of one item a file (vCards; iCalendar when the target ends in `/` or is a folder).

The CLI and the TUI both call `export_to`; it refuses to overwrite without `force`
and writes every file atomically with mode 0600 (see `files.py`); missing folders are
made 0700.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from ..store.data_view import DataView
from ..store.records import Contact, Event, Interaction, Record, TagCadence
from . import EXPORT_FORMATS, FOLDER_FORMATS
from .files import TransferError, make_private_folder, sync_folder, write_private

if TYPE_CHECKING:
    from ..store.database import Store

R = TypeVar("R", bound=Record)


@dataclass
class ExportReport:
    fmt: str
    target: str  # a path, or "-" for stdout
    written: int  # files (vcard) or records (other formats)
    removed: int = 0  # vCards of contacts deleted since an earlier export (with force)

    def summary(self) -> str:
        if self.fmt == "vcard-file":
            return f"{self.written} vCards written to {self.target}"
        if self.fmt == "ics-folder":
            return f"{self.written} calendar items written to {self.target}, one a file"
        if self.fmt == "vcard":
            text = f"{self.written} vCards written to {self.target}"
            return text + (f"; {self.removed} of deleted contacts removed" if self.removed else "")
        return f"{self.fmt} export of {self.written} records written to {self.target}"


def render(store: Store | DataView, fmt: str) -> tuple[str, int]:
    """A single-file export as text, and how many records it holds."""
    if fmt in ("json", "yaml"):
        from .yamljson import dump_json, export_data, yaml_export

        if fmt == "yaml":
            chunks, tally = yaml_export(store)
            return b"".join(chunks).decode("utf-8"), tally.records
        data = export_data(store)
        count = sum(len(v) for v in data.values() if isinstance(v, list))
        return dump_json(data), count
    if fmt == "csv":
        from .csvout import contacts_csv

        contacts = store.all(Contact)
        return contacts_csv(contacts, store.all(Interaction), _by_tag(store)), len(contacts)
    if fmt == "ics":
        from .ical import calendar_text

        text = calendar_text(store.all(Contact), store.all(Interaction), store.all(Event),
                             by_tag=_by_tag(store))
        return text, text.count("BEGIN:VTODO") + text.count("BEGIN:VEVENT")
    raise TransferError(f"unknown export format {fmt!r} (use {', '.join(EXPORT_FORMATS)})")


def _by_tag(store: Store | DataView) -> dict[str, int]:
    from ..domain.followups import tag_cadences

    return tag_cadences(store.all(TagCadence))


def export_to(
    store: Store | DataView, fmt: str, target: str | Path, *, force: bool = False,
) -> ExportReport:
    """Write an export to a file (or a folder for vCards)."""
    if fmt in FOLDER_FORMATS and not is_single_vcf(target):
        return export_vcards(store, target, force=force)
    if fmt == "ics" and is_folder_target(target):
        return export_ics_folder(store, target, force=force)
    if fmt == "vcard":
        from .vcard import cards_file

        contacts = store.all(Contact)
        write_private(target, cards_file(contacts), force=force)
        return ExportReport("vcard-file", str(target), len(contacts))
    if fmt == "yaml":
        from .yamljson import yaml_export

        chunks, tally = yaml_export(store)
        write_private(target, chunks, force=force)
        return ExportReport(fmt, str(target), tally.records)
    text, count = render(store, fmt)
    # A spreadsheet only reads UTF-8 CSV as UTF-8 when it starts with a BOM.
    data = (("\ufeff" if fmt == "csv" else "") + text).encode("utf-8")
    write_private(target, data, force=force)
    return ExportReport(fmt, str(target), count)


def export_vcards(
    store: Store | DataView, target: str | Path, *, force: bool = False,
) -> ExportReport:
    """One `<id>.vcf` per contact; with force, netplan's cards of deleted contacts go too."""
    from .vcard import cards_for, written_by_netplan

    folder = make_private_folder(target)
    cards = cards_for(store.all(Contact))
    write_files(folder, cards, force=force, what="vCards")
    removed = 0
    if force:
        for stale in folder.glob("*.vcf"):
            if stale.name not in cards and written_by_netplan(stale):
                with contextlib.suppress(OSError):
                    stale.unlink()
                    removed += 1
    sync_folder(folder)
    return ExportReport("vcard", str(folder), len(cards), removed)


def write_files(folder: Path, files: dict[str, bytes], *, force: bool, what: str) -> None:
    """Write many files into a folder, none of them over an existing one unless forced."""
    if not force:
        clashes = [name for name in files if (folder / name).exists()]
        if clashes:
            raise TransferError(
                f"{len(clashes)} of the {what} already exist there (e.g. {clashes[0]}); "
                "use --force to overwrite them", path=folder)
    for name, data in files.items():
        write_private(folder / name, data, force=force, durable=False)


def export_ics_folder(
    store: Store | DataView, target: str | Path, *, force: bool = False,
) -> ExportReport:
    """One `.ics` per follow-up, event and planned conversation (todoman's, khal's layout)."""
    from .ical import calendar_items, item_files

    folder = make_private_folder(target)
    items = calendar_items(store.all(Contact), store.all(Interaction), store.all(Event),
                           by_tag=_by_tag(store))
    write_files(folder, item_files(items), force=force, what="calendar items")
    sync_folder(folder)
    return ExportReport("ics-folder", str(folder), len(items))


def writes_one_file(fmt: str, target: str | Path) -> bool:
    """The export is one file (not a folder of items) for this format and target."""
    if fmt in FOLDER_FORMATS:
        return is_single_vcf(target)
    return not (fmt == "ics" and is_folder_target(target))


def is_single_vcf(target: str | Path) -> bool:
    """`-o contacts.vcf`: one file of every card (a folder of that name stays a folder)."""
    path = Path(target).expanduser()
    return path.suffix.lower() == ".vcf" and not path.is_dir()


def is_folder_target(target: str | Path) -> bool:
    """`-o calendar/` or an existing folder: one file an item."""
    return str(target).endswith(("/", "\\")) or Path(target).expanduser().is_dir()
