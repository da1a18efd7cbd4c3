"""Counts said the way people say them."""

from __future__ import annotations

# The few plurals netplan's tables and nouns need that are not noun + "s".
_PLURALS = {"entry": "entries", "company": "companies", "summary": "summaries"}


def counted(n: int, noun: str, plural: str | None = None) -> str:
    """`counted(1, "contact")` -> "1 contact", `counted(3, "goal")` -> "3 goals"."""
    if n == 1:
        return f"{n} {noun}"
    return f"{n} {plural or _PLURALS.get(noun, noun + 's')}"
