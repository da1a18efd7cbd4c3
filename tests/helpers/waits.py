"""Waiting for what a test expects instead of for a fixed time: a loaded machine gets as
long as it needs (up to the limit), an idle one does not wait at all."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable

LIMIT = 5.0  # seconds: far beyond any wait on an idle machine


async def until(pilot, condition: Callable[[], object], seconds: float = LIMIT) -> bool:
    """Let the app handle its pending messages until `condition()` holds; False when it
    still does not after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        await pilot.pause()
        if condition():
            return True
        if time.monotonic() > deadline:
            return False
        await asyncio.sleep(0.02)


def screen_is(app, name: str) -> Callable[[], bool]:
    """A condition: the app shows the screen class called `name`."""
    return lambda: type(app.screen).__name__ == name


async def tab_to(pilot, app, field_id: str, limit: int = 40) -> bool:
    """Press tab, as a user does, until the field `field_id` has the focus; a folded
    "More" section on the way is opened with enter. False when it never gets it."""
    for _ in range(limit):
        focused = app.focused
        if focused is not None and focused.id == field_id:
            return True
        if type(focused).__name__ == "CollapsibleTitle" and focused.parent.collapsed:
            await pilot.press("enter")
        await pilot.press("tab")
        await pilot.pause()
    return False
