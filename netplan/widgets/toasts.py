"""Toasts that say the same thing again merge into one, with a count: ten `+1` presses on a
goal that counts itself gave ten identical toasts stacked over the screen."""

from __future__ import annotations

import time
from dataclasses import dataclass

from textual.notifications import Notification, Notify


@dataclass
class _Shown:
    notification: Notification
    count: int
    until: float  # time.monotonic() when it goes away by itself


class ToastMerger:
    def __init__(self, app) -> None:
        self.app = app
        self._shown: dict[tuple[str, str, str], _Shown] = {}

    def show(self, message: str, title: str, severity: str, timeout: float) -> Notification:
        """Post the toast; one identical to a toast still showing replaces it, counted."""
        now = time.monotonic()
        key = (title, message, severity)
        previous = self._shown.get(key)
        count = 1
        if previous is not None and now < previous.until:
            count = previous.count + 1
            from ..compat import withdraw_toast

            # Later, not now: the earlier one may still be on its way to the screen.
            self.app.call_later(withdraw_toast, self.app, previous.notification)
        text = message if count == 1 else f"{message} (×{count})"
        notification = Notification(text, title, severity, timeout, markup=False)  # type: ignore[arg-type]
        self.app.post_message(Notify(notification))
        self._shown = {k: v for k, v in self._shown.items() if now < v.until}
        self._shown[key] = _Shown(notification, count, now + timeout)
        return notification
