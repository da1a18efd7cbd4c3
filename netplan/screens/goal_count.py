"""Counting a goal by hand: what the card's `space` and its next action's `enter` share."""

from __future__ import annotations

from ..domain import goals as board
from ..store.records import Goal
from ..support.sanitize import one_line
from .base import SectionScreen


def count_by_hand(screen: SectionScreen, goal: Goal, delta: int) -> None:
    """One more (or one less) done on a goal counted by hand, from the card or its next
    action: counted on the goal as stored now (another session may have counted too)."""
    fresh = screen.store.get(Goal, goal.id) or goal
    after = board.bump(fresh, delta)
    if after == fresh:
        return
    done = " — done!" if after.status == "done" and fresh.status != "done" else ""
    screen.save_record(after, editing=True, success=f"{one_line(after.title, 40)}: "
                       f"{after.progress}/{after.target}{done}")
