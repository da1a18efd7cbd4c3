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
