"""An event's time of day and length as a person types them ("18:30", "6:30pm", "1h30").

Each parser returns the stored value (None for empty text) or raises ValueError with a
message that says what works."""

from __future__ import annotations

import re

_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?$")
_LENGTH = re.compile(
    r"^(?:(\d+(?:\.\d+)?)\s*h(?:ours?|rs?)?)?\s*(?:(\d+)\s*(?:m|min|mins|minutes?)?)?$"
)
MAX_MINUTES = 7 * 24 * 60  # a week: the store's bound too (fieldtypes.INT_BOUNDS)


def parse_clock(text: str | None) -> str | None:
    """A start time: 18:30, 9:05, 6pm, 6:30 pm, 18h30 -> "18:30"; empty -> None."""
    s = (text or "").strip().lower()
    if not s:
        return None
    match = _CLOCK.match(s)
    if match:
        hour, minute = int(match[1]), int(match[2] or 0)
        half = (match[3] or "").replace(".", "")
        if half and 1 <= hour <= 12:
            hour = hour % 12 + (12 if half == "pm" else 0)
        elif half:
            hour = 99
        if hour < 24 and minute < 60:
            return f"{hour:02d}:{minute:02d}"
    raise ValueError(f"{text!r} is not a time of day (like 18:30 or 6:30pm)")


def parse_minutes(text: str | int | None) -> int | None:
    """A length: 90, 90m, 1h30, 1.5h, 2 hours -> minutes; empty -> None."""
    s = str(text if text is not None else "").strip().lower()
    if not s:
        return None
    match = _LENGTH.match(s)
    if match and (match[1] or match[2]):
        minutes = round(float(match[1] or 0) * 60) + int(match[2] or 0)
        if 1 <= minutes <= MAX_MINUTES:
            return minutes
        raise ValueError(f"the length must be between 1 minute and {MAX_MINUTES // 60} hours")
    raise ValueError(f"{text!r} is not a length (like 90, 45m or 1h30)")


def describe_time(start_time: str | None, duration_minutes: int | None) -> str:
    """`18:30–20:00` or `18:30` for a shown event; "" for an all-day one."""
    if not start_time:
        return ""
    if not duration_minutes:
        return start_time
    try:
        hour, minute = (int(p) for p in start_time.split(":"))
    except ValueError:
        return start_time
    end = (hour * 60 + minute + duration_minutes) % (24 * 60)
    return f"{start_time}–{end // 60:02d}:{end % 60:02d}"
