"""How the Contacts section lays out its list at a given terminal width."""

from __future__ import annotations

from functools import lru_cache

STACK_BELOW = 110  # narrower than this, the detail pane goes under the list


@lru_cache(maxsize=8)
def column_widths(width: int) -> tuple[int, ...]:
    """marker, name, company, stage, follow-up: the name takes 55% of what the fixed
    columns, the gaps between them and the indent leave."""
    rest = max(width - (1 + 10 + 10) - 4 * 2 - 1, 16)
    name = rest * 55 // 100
    return (1, name, rest - name, 10, 10)
