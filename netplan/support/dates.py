"""Dates as people type them, and ISO weeks (the unit of the weekly habit)."""

from __future__ import annotations

import datetime as dt
import re

# dateutil is imported where a typed date needs it, not when netplan starts.
_WEEKDAYS = {  # name -> Monday 0 … Sunday 6
    name: n
    for n, names in enumerate((
        ("monday", "mon"), ("tuesday", "tue", "tues"), ("wednesday", "wed"),
        ("thursday", "thu", "thur", "thurs"), ("friday", "fri"), ("saturday", "sat"),
        ("sunday", "sun"),
    ))
    for name in names
}
_UNITS = {
    "d": "days", "day": "days", "days": "days",
    "w": "weeks", "wk": "weeks", "week": "weeks", "weeks": "weeks",
    "m": "months", "mo": "months", "month": "months", "months": "months",
    "y": "years", "year": "years", "years": "years",
}
_OFFSET = re.compile(r"^([+-])\s*(\d{1,4})\s*([a-z]+)?$")
_IN = re.compile(r"^in\s+(\d{1,4}|a|an|one|two|three)\s+([a-z]+)$")
_AGO = re.compile(r"^(\d{1,4}|a|an|one|two|three)\s+([a-z]+)\s+ago$")
_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3}
_WEEK = re.compile(r"^(\d{4})-?W(\d{2})$", re.IGNORECASE)


_frozen_today: dt.date | None = None


def today() -> dt.date:
    """Today's date; every module asks here so tests and snapshots can freeze time."""
    return _frozen_today or dt.date.today()


_current_day = today  # parse_date's `today` parameter hides the function


def freeze_today(day: dt.date | None) -> None:
    """Pin `today()` to a date (None unpins). For tests, demos and snapshots."""
    global _frozen_today
    _frozen_today = day


class DateError(ValueError):
    """A date the user typed that netplan cannot read; the message says what works."""


HINT = "try 2026-12-01, today, tomorrow, next friday, in 2 weeks or +3d"


def parse_date(text: str, today: dt.date | None = None) -> dt.date:
    """Read a date typed by a person: ISO dates, relative words and offsets.

    Accepted: `2026-12-01`, `today`, `tomorrow`, `yesterday`, `friday`,
    `next friday`, `last monday`, `in 2 weeks`, `3 days ago`, `+3d`, `-1w`,
    `next week`, `next month`, and what dateutil reads unambiguously
    (`1 Dec 2026`, `Dec 1`).
    """
    today = today or _current_day()
    raw = text
    s = " ".join(str(text).strip().lower().split())
    if not s:
        raise DateError(f"a date is needed ({HINT})")
    if len(s) > 64:
        raise DateError(f"{raw[:20]!r}… is not a date ({HINT})")
    if re.fullmatch(r"\d{4}-\d{1,2}-\d{1,2}", s):
        try:
            return dt.date.fromisoformat("-".join(p.zfill(2) for p in s.split("-")))
        except ValueError:
            raise DateError(f"{raw!r} is not a real date") from None
    simple = {"today": 0, "now": 0, "tomorrow": 1, "tmrw": 1, "yesterday": -1}
    if s in simple:
        return today + dt.timedelta(days=simple[s])
    if s in ("next week", "in a week"):
        return today + dt.timedelta(weeks=1)
    from dateutil.relativedelta import relativedelta, weekdays

    if s == "next month":
        return today + relativedelta(months=1)
    words = s.split()
    if len(words) in (1, 2) and words[-1] in _WEEKDAYS:
        wd = weekdays[_WEEKDAYS[words[-1]]]
        prefix = words[0] if len(words) == 2 else ""
        if prefix in ("", "this", "on"):
            return today + relativedelta(weekday=wd(+1))  # today or the coming one
        if prefix == "next":
            return today + relativedelta(days=1, weekday=wd(+1))
        if prefix == "last":
            return today + relativedelta(days=-1, weekday=wd(-1))
        raise DateError(f"{raw!r} is not a date ({HINT})")
    m = _OFFSET.match(s)
    if m:
        sign, n, unit = m.groups()
        return _shift(today, int(n) * (-1 if sign == "-" else 1), unit or "d", raw)
    m = _IN.match(s)
    if m:
        return _shift(today, _count(m.group(1)), m.group(2), raw)
    m = _AGO.match(s)
    if m:
        return _shift(today, -_count(m.group(1)), m.group(2), raw)
    return _dateutil_parse(s, raw, today)


def _count(word: str) -> int:
    return _WORDS.get(word) or int(word)


def _shift(today: dt.date, n: int, unit: str, raw: str) -> dt.date:
    name = _UNITS.get(unit)
    if name is None:
        raise DateError(f"{raw!r}: unknown unit {unit!r} (use d, w, m or y)")
    from dateutil.relativedelta import relativedelta

    try:
        return today + relativedelta(**{name: n})
    except (OverflowError, ValueError):
        raise DateError(f"{raw!r} is too far away") from None


def _dateutil_parse(s: str, raw: str, today: dt.date) -> dt.date:
    from dateutil import parser

    # Only accept input that looks like a date with a month name or numbers,
    # so that typos ("next blursday") are refused instead of guessed at.
    if not re.search(r"\d", s):
        raise DateError(f"{raw!r} is not a date ({HINT})")
    try:
        default = dt.datetime(today.year, today.month, today.day)
        parsed = parser.parse(s, default=default, fuzzy=False, dayfirst=False)
    except (ValueError, OverflowError, parser.ParserError):
        raise DateError(f"{raw!r} is not a date ({HINT})") from None
    return parsed.date()


def parse_optional_date(text: str | None, today: dt.date | None = None) -> dt.date | None:
    """Like parse_date, but an empty field means no date."""
    if text is None or not str(text).strip():
        return None
    return parse_date(text, today)


# -- ISO weeks -----------------------------------------------------------------------


def iso_week(day: dt.date | None = None) -> str:
    """The ISO week of a date as `2026-W48`."""
    day = day or today()
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def parse_week(text: str) -> str:
    """Normalise `2026-W48` / `2026w48`; raise DateError for anything else."""
    m = _WEEK.match(str(text).strip())
    if not m:
        raise DateError(f"{text!r} is not an ISO week (write it as 2026-W48)")
    year, week = int(m.group(1)), int(m.group(2))
    try:
        dt.date.fromisocalendar(year, week, 1)
    except ValueError:
        raise DateError(f"{text!r}: {year} has no week {week}") from None
    return f"{year}-W{week:02d}"


def week_bounds(week: str) -> tuple[dt.date, dt.date]:
    """Monday and Sunday of an ISO week."""
    w = parse_week(week)
    year, num = int(w[:4]), int(w[6:])
    monday = dt.date.fromisocalendar(year, num, 1)
    return monday, monday + dt.timedelta(days=6)


def shift_week(week: str, n: int) -> str:
    monday, _ = week_bounds(week)
    return iso_week(monday + dt.timedelta(weeks=n))


def week_of(iso_date: str | None) -> str | None:
    """The ISO week a stored date (or datetime) string falls in; None if unreadable."""
    if not iso_date:
        return None
    try:
        return iso_week(dt.date.fromisoformat(str(iso_date)[:10]))
    except ValueError:
        return None


def week_label(week: str) -> str:
    """`2026-W48 · Mon 23 Nov – Sun 29 Nov 2026`."""
    monday, sunday = week_bounds(week)
    return f"{week} · {monday:%a %d %b} – {sunday:%a %d %b %Y}"


def to_date(value: str | None) -> dt.date | None:
    """A stored ISO date string as a date; None when empty or damaged."""
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Weekdays after `start` up to and including `end` (Mon → Thu is 3; Fri → Mon is 1)."""
    if end <= start:
        return 0
    days = (end - start).days
    weeks, rest = divmod(days, 7)
    count = weeks * 5
    for n in range(1, rest + 1):
        if (start + dt.timedelta(days=weeks * 7 + n)).weekday() < 5:
            count += 1
    return count


def add_business_days(start: dt.date, n: int) -> dt.date:
    day = start
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day
