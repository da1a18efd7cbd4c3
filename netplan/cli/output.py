"""Printing for the command line: plain text for pipes and cron, JSON for scripts.

Nothing read from a store reaches the terminal raw: text lines and table cells are
cleaned of control characters and escape sequences, and JSON writes every control
character (C1 and bidi controls included) as a `\\uXXXX` escape.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from typing import Any

from ..support.json_out import pretty_json
from ..support.sanitize import clean


def json_text(data: Any) -> str:
    return pretty_json(data)


def emit_json(data: Any) -> None:
    sys.stdout.write(json_text(data) + "\n")


def line(text: str = "") -> None:
    """Print one line of store text with control characters and escapes removed."""
    sys.stdout.write(clean(text, multiline=True) + "\n")


def width(text: str) -> int:
    """Terminal cells: emoji and CJK take two (ASCII, most cells, one a character)."""
    if text.isascii():
        return len(text)
    from rich.cells import cell_len  # plain Rich, not Textual; a few ms

    return cell_len(text)


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str] | None = None) -> None:
    """Plain aligned columns; no colour, so the output is the same in cron mail."""
    cells = [[clean(c) for c in r] for r in rows]
    if headers:
        cells.insert(0, list(headers))
    if not cells:
        return
    sized = [[(c, width(c)) for c in r] for r in cells]
    widths = [max(r[i][1] for r in sized) for i in range(len(sized[0]))]
    sys.stdout.write("".join(
        "  ".join(c + " " * (w - n) for (c, n), w in zip(r, widths, strict=False)).rstrip()
        + "\n" for r in sized))
