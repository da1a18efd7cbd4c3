"""User text for display: always literal, never markup, never raw escape sequences."""

from __future__ import annotations

from rich.text import Text

from ..support.sanitize import clean, one_line


def literal(
    text: object, style: str = "", *, width: int | None = None, multiline: bool = False
) -> Text:
    """A Rich Text that shows `text` exactly (brackets and all), cleaned of control codes.

    Use it for every cell, label and option that holds text a user typed or
    imported: Textual reads plain `str` in DataTable cells, Static and Select
    prompts as markup, so `[bold]Ada[/]` would lose its brackets.
    """
    s = clean(text, multiline=True) if multiline else one_line(text, width)
    return Text(s, style=style, no_wrap=not multiline, overflow="ellipsis")
