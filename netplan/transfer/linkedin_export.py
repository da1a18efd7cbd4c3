"""Finding the files of LinkedIn's data export: the zip it sends
(`Basic_LinkedInDataExport_MM-DD-YYYY.zip`), the folder it unzips to, or any one file
of it. Each file is told by its header, so a renamed file is still read, and a file
that is not LinkedIn's (Google or Outlook contacts, your own Profile.csv alone) is
refused saying what it looks like."""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from .csv_kinds import ADVICE, kind_of
from .files import MAX_IMPORT_BYTES, TransferError, read_bytes
from .table_files import Table, read_table

# The files netplan reads, by the name LinkedIn gives them (any case, any folder).
NAMES = {"connections.csv": "connections", "messages.csv": "messages",
         "invitations.csv": "invitations", "notes.csv": "notes", "profile.csv": "profile"}
READ = ("connections", "messages", "invitations", "notes")
HEADER_SEARCH = 12  # Connections.csv has a preamble of a few lines before its header


@dataclass
class ExportFiles:
    source: str
    tables: dict[str, tuple[str, Table]] = field(default_factory=dict)  # kind -> (name, rows)


def read_export(path: str) -> ExportFiles:
    p = Path(path).expanduser()
    if p.is_dir():
        members = {f.name.casefold(): f for f in sorted(p.rglob("*.csv"))
                   if len(f.relative_to(p).parts) <= 3}
        found = ExportFiles(str(p))
        for name, kind in NAMES.items():
            if name in members:
                found.tables[kind] = (str(members[name]),
                                      read_table(read_bytes(members[name]), str(members[name])))
        return _checked(found, "folder", sorted(members))
    data = read_bytes(p)
    if data[:4] == b"PK\x03\x04":
        return _from_zip(p, data)
    table = read_table(data, str(p))
    kind = _kind_of_table(table)
    if kind in ADVICE and kind not in ("linkedin-connections", "linkedin-messages",
                                       "linkedin-invitations", "linkedin-notes"):
        raise TransferError(ADVICE[kind], path=str(p))
    kind = (kind or "linkedin-connections").removeprefix("linkedin-")
    return ExportFiles(str(p), {kind: (str(p), table)})


def _kind_of_table(table: Table) -> str | None:
    for _, cells in table.rows[:HEADER_SEARCH]:
        kind = kind_of(cells)
        if kind:
            return kind
    return None


def _from_zip(p: Path, data: bytes) -> ExportFiles:
    import io

    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise TransferError("looks like a zip archive but cannot be opened (cut short?)",
                            path=str(p)) from None
    found = ExportFiles(str(p))
    names = []
    with archive:
        for info in archive.infolist():
            if info.is_dir():
                continue
            base = info.filename.rsplit("/", 1)[-1]
            names.append(base)
            kind = NAMES.get(base.casefold())
            if kind is None or kind in found.tables:
                continue
            if info.file_size > MAX_IMPORT_BYTES:
                raise TransferError(f"{base} in it is {info.file_size // 2**20} MiB; that is too "
                                    "big to import", path=str(p))
            try:
                member = archive.read(info)
            except (zipfile.BadZipFile, RuntimeError, OSError) as exc:
                raise TransferError(f"{base} in it cannot be read ({exc})", path=str(p)) from None
            found.tables[kind] = (f"{p}:{base}", read_table(member, f"{p}:{base}"))
    return _checked(found, "zip archive", names)


def _checked(found: ExportFiles, what: str, names: list[str]) -> ExportFiles:
    if not any(kind in found.tables for kind in READ):
        shown = ", ".join(sorted(names)[:8]) or "nothing"
        raise TransferError(
            f"this {what} holds no Connections.csv, messages.csv, Invitations.csv or Notes.csv "
            f"from LinkedIn's data export (it holds: {shown})", path=found.source)
    return found
