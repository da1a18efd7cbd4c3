"""Printing for the command line: plain text for pipes and cron, JSON for scripts."""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from typing import Any

from ..support.sanitize import clean


def emit_json(data: Any) -> None:
    json.dump(data, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")


def line(text: str = "") -> None:
    """Print one line of store text with control characters and escapes removed."""
    sys.stdout.write(clean(text, multiline=True) + "\n")


def table(rows: Sequence[Sequence[Any]], headers: Sequence[str] | None = None) -> None:
    """Plain aligned columns; no colour, so the output is the same in cron mail."""
    cells = [[clean(c) for c in r] for r in rows]
    if headers:
        cells.insert(0, list(headers))
    if not cells:
        return
    widths = [max(len(r[i]) for r in cells) for i in range(len(cells[0]))]
    for r in cells:
        sys.stdout.write(
            "  ".join(c.ljust(w) for c, w in zip(r, widths, strict=False)).rstrip() + "\n"
        )
