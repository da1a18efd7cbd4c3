"""The one validator of a stored field: what type each field holds, and how a wrong one
is read.

`fix(kind, value)` gives the value netplan reads for a stored value and, when the stored
value is not of the field's type, a short problem ("should be text, not null"). The
store reads records through it (model.from_dict: the repair, with a warning), and
`netplan check` and `netplan import yaml` report the same problems (check.py), so what
`check` passes is exactly what reads back unchanged.
"""

from __future__ import annotations

import math
from typing import Any

# Bounds of the whole numbers netplan keeps (the forms enforce the same: goals.MAX_TARGET,
# contact_fields.MAX_CADENCE, event_fields.MAX_MINUTES, the PIE scale).
INT_BOUNDS: dict[str, tuple[int, int]] = {
    "target": (1, 999),
    "progress": (0, 999),
    "cadence_days": (1, 3650),
    "duration_minutes": (1, 7 * 24 * 60),
}
# The types of a contact's phone number (vCard TEL;TYPE=…); anything else is read as other.
PHONE_TYPES = ("mobile", "work", "home", "other")
RATING_BOUNDS = (1, 5)


def describe(value: Any) -> str:
    """A stored value as a person reads it in a message: null, a list, 1e400."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, float):
        return repr(value) if math.isfinite(value) else "a number too large to hold"
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…'"


def _scalar_text(value: Any) -> str | None:
    """Text for a number stored where text belongs (name: 123 → "123"); None otherwise."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float) and math.isfinite(value):
        return str(int(value)) if value.is_integer() else str(value)
    return None


def fix_text(value: Any, optional: bool) -> tuple[Any, str | None]:
    if value.__class__ is str or (optional and value is None):
        return value, None
    text = _scalar_text(value)
    problem = f"should be text, not {describe(value)}"
    if text is not None:
        return text, problem
    return (None if optional else ""), problem


def fix_int(value: Any, name: str, optional: bool, default: Any) -> tuple[Any, str | None]:
    low, high = INT_BOUNDS.get(name, (0, 10**9))
    if value is None and optional:
        return None, None
    if value.__class__ is int:
        if low <= value <= high:
            return value, None
        return max(low, min(value, high)), f"should be between {low} and {high}, not {value}"
    problem = f"should be a whole number, not {describe(value)}"
    candidate = value
    if isinstance(candidate, list) and len(candidate) == 1:
        candidate = candidate[0]  # target: [1] → 1
    if isinstance(candidate, str):
        try:
            candidate = int(candidate.strip())
        except ValueError:
            candidate = None
    if isinstance(candidate, float) and math.isfinite(candidate) and candidate.is_integer():
        candidate = int(candidate)
    if candidate.__class__ is int:
        return max(low, min(candidate, high)), problem
    return default, problem


def fix_bool(value: Any) -> tuple[bool, str | None]:
    if value.__class__ is bool:
        return value, None
    if isinstance(value, str):
        truth = value.strip().lower() in ("true", "yes", "1")
    else:
        truth = isinstance(value, int | float) and value == 1
    return truth, f"should be true or false, not {describe(value)}"


def fix_texts(value: Any) -> tuple[tuple[str, ...], str | None]:
    """A list of text (emails, tags, an interaction's contact ids)."""
    if value.__class__ is list and all(v.__class__ is str for v in value):
        return tuple(value), None
    items = value if isinstance(value, list) else ([] if value in (None, "") else [value])
    out = []
    for item in items:
        text = item if item.__class__ is str else _scalar_text(item)
        if text:
            out.append(text)
    return tuple(out), f"should be a list of text, not {describe(value)}"


def fix_links(value: Any) -> tuple[dict[str, str], str | None]:
    """A contact's links: label → URL, both text."""
    if value.__class__ is dict and all(v.__class__ is str for v in value.values()):
        return dict(value), None
    out = {}
    if isinstance(value, dict):
        for key, item in value.items():
            text = item if item.__class__ is str else _scalar_text(item)
            if text is not None:
                out[str(key)] = text
        bad = next(k for k, v in value.items() if v.__class__ is not str)
        return out, f"{bad} should be text, not {describe(value[bad])}"
    return out, f"should be an object of links, not {describe(value)}"


def fix_ratings(value: Any) -> tuple[dict[str, int], str | None]:
    """An assessment's ratings: statement id → 1..5."""
    low, high = RATING_BOUNDS
    if value.__class__ is dict and all(
        v.__class__ is int and low <= v <= high for v in value.values()
    ):
        return dict(value), None
    if not isinstance(value, dict):
        return {}, f"should be an object of ratings, not {describe(value)}"
    out = {str(k): v for k, v in value.items() if v.__class__ is int and low <= v <= high}
    bad = next(k for k, v in value.items() if k not in out)
    return out, f"{bad} should be a rating from {low} to {high}, not {describe(value[bad])}"


def fix_answers(value: Any) -> tuple[tuple[dict[str, Any], ...], str | None]:
    """An interaction's questions: [{question: id, answer: text}]."""
    if value.__class__ is list:  # (a plain loop: this runs for 25,000 interactions)
        for item in value:
            if not (item.__class__ is dict and item.get("question").__class__ is str
                    and item.get("answer", "").__class__ is str):
                break
        else:
            return tuple(value), None
    out = []
    for item in value if isinstance(value, list) else ():
        if isinstance(item, dict) and isinstance(item.get("question"), str):
            answer, _ = fix_text(item.get("answer", ""), False)
            out.append({**item, "answer": answer})
    return tuple(out), f"should be a list of {{question, answer}}, not {describe(value)}"


def fix_phones(value: Any) -> tuple[tuple[dict[str, str], ...], str | None]:
    """A contact's phone numbers: [{type: mobile|work|home|other, number: text}]. A bare
    number (text) is read as {type: other}; an item without a number is dropped."""
    def good(item: Any) -> bool:
        return (item.__class__ is dict and item.keys() == {"type", "number"}
                and item["type"] in PHONE_TYPES and item["number"].__class__ is str
                and bool(item["number"]))

    if value.__class__ is list and all(good(item) for item in value):
        return tuple(value), None
    items = value if isinstance(value, list) else ([] if value in (None, "") else [value])
    out = []
    for item in items:
        if isinstance(item, dict):
            number = item.get("number")
            kind = item.get("type")
        else:
            number, kind = item, "other"
        number = number if number.__class__ is str else _scalar_text(number)
        if number:
            out.append({"type": kind if kind in PHONE_TYPES else "other", "number": number})
    return tuple(out), f"should be a list of {{type, number}}, not {describe(value)}"


_POSTING_KEYS = ("title", "url", "date")


def fix_postings(value: Any) -> tuple[tuple[dict[str, str], ...], str | None]:
    """A company's job postings: [{title, url, date}], each value text."""
    def good(item: Any) -> bool:
        return (item.__class__ is dict and item.keys() <= set(_POSTING_KEYS)
                and all(v.__class__ is str for v in item.values()))

    if value.__class__ is list and all(good(item) for item in value):
        return tuple(value), None
    out = []
    for item in value if isinstance(value, list) else ():
        if isinstance(item, dict):
            fixed = {k: fix_text(item.get(k, ""), False)[0] for k in _POSTING_KEYS}
            if any(fixed.values()):
                out.append(fixed)
    return tuple(out), f"should be a list of {{title, url, date}}, not {describe(value)}"


def fix(kind: str, name: str, value: Any, default: Any = None) -> tuple[Any, str | None]:
    """The value read for a stored one, and the problem with it (None: it is fine)."""
    if kind == "str":
        return fix_text(value, False)
    if kind == "optstr":
        return fix_text(value, True)
    if kind == "int":
        return fix_int(value, name, False, default)
    if kind == "optint":
        return fix_int(value, name, True, default)
    if kind == "bool":
        return fix_bool(value)
    if kind == "texts":
        return fix_texts(value)
    if kind == "links":
        return fix_links(value)
    if kind == "ratings":
        return fix_ratings(value)
    if kind == "answers":
        return fix_answers(value)
    if kind == "phones":
        return fix_phones(value)
    if kind == "postings":
        return fix_postings(value)
    if kind == "object":  # what netplan itself notes on a record (e.g. contact_changes)
        return (value, None) if isinstance(value, dict) else ({}, "should be an object")
    return value, None
