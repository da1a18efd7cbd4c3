"""Text made safe to put into Markdown: control codes gone, Markdown's own characters escaped."""

from __future__ import annotations

import re

from .sanitize import clean

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")
_LINE_START = re.compile(r"(?m)^(\s*)([>+-]|\d+\.)(?=\s)")


def escape(text: object) -> str:
    """`*Ada*` or `[x](y)` stays text in a Markdown viewer, and a line starting with `-`,
    `>` or `1.` does not turn into a list or a quote."""
    return _LINE_START.sub(r"\1\\\2", _SPECIAL.sub(r"\\\1", clean(text, multiline=True)))
