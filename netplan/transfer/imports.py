"""Reading an import file by kind; the CLI and the TUI both start here."""

from __future__ import annotations

from pathlib import Path

from . import IMPORT_KINDS
from .files import TransferError
from .import_plan import Parsed
from .table_files import RowsRead


def parse(kind: str, path: str | Path, mapping: list[str] | None = None,
          on_rows: RowsRead | None = None) -> Parsed:
    """Read and check the whole file (pure; safe in a worker thread). Raises TransferError.
    `mapping` (`COLUMN=FIELD` pairs) names the columns of a contacts CSV; `on_rows(done,
    total)` hears how far a spreadsheet has been read."""
    path = str(Path(path).expanduser())
    if kind == "linkedin":
        from .linkedin import parse_file

        return parse_file(path, on_rows)
    if kind == "csv":
        from .contacts_csv import parse_file as parse_csv
        from .contacts_csv import parse_mapping

        return parse_csv(path, parse_mapping(mapping or []), on_rows)
    if kind == "vcard":
        from .vcard import parse_path

        return parse_path(path)
    if kind == "yaml":
        from .yamljson import parse_file as parse_yaml

        return parse_yaml(path)
    raise TransferError(f"unknown import kind {kind!r} (use {', '.join(IMPORT_KINDS)})")
