"""Reading an import file by kind; the CLI and the TUI both start here."""

from __future__ import annotations

from pathlib import Path

from . import IMPORT_KINDS
from .files import TransferError
from .import_plan import Parsed


def parse(kind: str, path: str | Path) -> Parsed:
    """Read and check the whole file (pure; safe in a worker thread). Raises TransferError."""
    path = str(Path(path).expanduser())
    if kind == "linkedin":
        from .linkedin import parse_file

        return parse_file(path)
    if kind == "vcard":
        from .vcard import parse_path

        return parse_path(path)
    if kind == "yaml":
        from .yamljson import parse_file as parse_yaml

        return parse_yaml(path)
    raise TransferError(f"unknown import kind {kind!r} (use {', '.join(IMPORT_KINDS)})")
