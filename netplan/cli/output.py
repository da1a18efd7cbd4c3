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
    """Plain aligned columns; no colour, so the output is the same in cron mail.

    Worked a column at a time: a column of printable ASCII (most, and every date) is
    cleaned and measured with one test of the whole column, not one a cell (12,000 lines
    of `netplan due` at 50,000 contacts)."""
    if not rows and not headers:
        return
    count = len(headers) if headers else len(rows[0])
    columns = [_column([("" if r[i] is None else str(r[i])) if i < len(r) else ""
                        for r in rows]) for i in range(count)]
    if headers:
        columns = [([h, *cells], [width(h), *sizes])
                   for h, (cells, sizes) in zip(headers, columns, strict=True)]
    padded = [[c + " " * (w - n) for c, n in zip(cells, sizes, strict=True)]
              for cells, sizes in columns for w in (max(sizes, default=0),)]
    sys.stdout.write("".join("  ".join(line).rstrip() + "\n" for line in zip(*padded, strict=True)))


def _column(cells: list[str]) -> tuple[list[str], list[int]]:
    """A column's cells, cleaned, and the terminal cells each takes."""
    joined = "".join(cells)
    if not (joined.isprintable() and "\x1b" not in joined):
        cells = [clean(c) for c in cells]
        joined = "".join(cells)
    if joined.isascii():
        return cells, [len(c) for c in cells]
    return cells, [width(c) for c in cells]
