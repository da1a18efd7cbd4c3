"""Refilling an OptionList without losing the user's place."""

from __future__ import annotations

from collections.abc import Sequence

from textual.widgets import OptionList
from textual.widgets.option_list import Option


def highlighted_id(options: OptionList) -> str | None:
    index = options.highlighted
    if index is None or index >= options.option_count:
        return None
    return options.get_option_at_index(index).id


def refill(options: OptionList, items: Sequence[Option], prefer: Sequence[str | None] = ()) -> None:
    """Replace the options and highlight the first id of `prefer` still present
    (else the first enabled option), so a refresh does not send the cursor home."""
    index_before = options.highlighted
    options.set_options(items)
    positions = {o.id: i for i, o in enumerate(items) if o.id is not None and not o.disabled}
    for wanted in prefer:
        if wanted in positions:
            options.highlighted = positions[wanted]
            return
    enabled = sorted(positions.values())
    if not enabled:
        return
    # Nothing preferred survived (it was deleted): stay near where the cursor was.
    if index_before is not None:
        after = [i for i in enabled if i >= index_before]
        options.highlighted = after[0] if after else enabled[-1]
    else:
        options.highlighted = enabled[0]


def heading(text: str) -> Option:
    """A category heading in a list: shown, never selectable."""
    from .literal import literal

    return Option(literal(text, style="bold underline"), disabled=True)
