"""An edit made against a record as it is now, not as it was when the form opened.

A form shows a record; meanwhile another session, a cron `netplan log` or an import may
change it. On save, each field the user left alone takes the stored value, each field
only the user changed takes the user's, and a field changed on both sides is a clash for
the user to settle. Nothing is ever saved over a newer record in silence.
"""

from __future__ import annotations

from typing import Any

# Fields that say when a record last changed: never a clash, the newer save stamps them.
_STAMPS = frozenset({"updated"})


def merge_edit(shown: dict[str, Any], edited: dict[str, Any], current: dict[str, Any]
               ) -> tuple[dict[str, Any], dict[str, tuple[Any, Any]]]:
    """(merged document, clashes): clashes maps a field to (the user's value, the stored
    one); in the merged document a clashing field holds the user's value."""
    merged = dict(current)
    clashes: dict[str, tuple[Any, Any]] = {}
    for name in set(edited) | set(shown):
        mine, before, now = edited.get(name), shown.get(name), current.get(name)
        if mine == before:
            continue  # left alone here: the stored value stands
        merged[name] = mine
        if now != before and now != mine and name not in _STAMPS:
            clashes[name] = (mine, now)
    return merged, clashes
