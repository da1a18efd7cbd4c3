"""How the Contacts section lays out its list at a given terminal width."""

from __future__ import annotations

from functools import lru_cache

from rich.text import Text

from ..domain.contacts import Row
from ..widgets.row_list import columns

STACK_BELOW = 110  # narrower than this, the detail pane goes under the list


@lru_cache(maxsize=8)
def column_widths(width: int) -> tuple[int, ...]:
    """marker, name, company, stage, follow-up: the name takes 55% of what the fixed
    columns, the gaps between them and the indent leave."""
    rest = max(width - (1 + 10 + 10) - 4 * 2 - 1, 16)
    name = rest * 55 // 100
    return (1, name, rest - name, 10, 10)


def header(width: int) -> Text:
    return columns([(title, "") for title in ("", "Name", "Company", "Stage", "Follow-up")],
                   column_widths(width))


def contact_row(r: Row | None, width: int) -> Text:
    """A contact's line in the list; the `!` marks an overdue follow-up without colour, and
    `…` a follow-up that counts from a latest date not read yet. None: a contact gone
    since the list was made (it is made again at once)."""
    if r is None:
        return columns((("", ""),) * 5, column_widths(width))
    c, due, overdue = r.contact, r.next_follow_up, r.overdue
    return columns(
        (("!" if overdue else " ", "bold reverse" if overdue else ""),
         (c.name or "(no name)", ""),
         (c.company, ""), (c.stage, ""),
         ("…" if r.pending else due.isoformat() if due else "", "bold" if overdue else "")),
        column_widths(width),
    )
