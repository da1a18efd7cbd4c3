"""`netplan check`: validate a store's contents beyond "it parses".

The field types are checked by the same rules the store reads records with
(fieldtypes.fix): a store `check` passes reads back exactly as stored.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from . import fieldtypes
from .documents import document_id, meta_document
from .records import (
    AREAS,
    BY_TABLE,
    COMPANY_PRIORITIES,
    COMPANY_STATUSES,
    EVENT_KINDS,
    EVENT_STATUSES,
    GOAL_STATUSES,
    INTERACTION_KINDS,
    METRICS,
    REFERRAL_STATUSES,
    SCHEMA_VERSION,
    STAGES,
    TABLES,
    field_kinds,
)

# Fields that hold another record's id, and the table that id must be in.
REFERENCES: dict[str, dict[str, str]] = {
    "contacts": {"met_at": "events", "introduced_by": "contacts"},
    "interactions": {"contacts": "contacts", "event": "events"},
    "goals": {"carried_from": "goals"},
    "referrals": {"contact": "contacts"},
}
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": ("met_on", "next_follow_up", "intro_thanked_on"),
    "interactions": ("date",),
    "events": ("date",),
    "referrals": ("asked_on", "thanked_on"),
    "assessments": ("date",),
}
TIME_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": ("created", "updated"),
    "referrals": ("updated",),
    "pitches": ("updated",),
    "companies": ("created", "updated"),
}
# Times of day, "18:30".
CLOCK_FIELDS: dict[str, tuple[str, ...]] = {
    "events": ("start_time",),
}
CHOICES: dict[str, dict[str, tuple[str, ...]]] = {
    "contacts": {"stage": STAGES},
    "interactions": {"kind": INTERACTION_KINDS},
    "events": {"kind": EVENT_KINDS, "status": EVENT_STATUSES},
    "referrals": {"status": REFERRAL_STATUSES},
    "goals": {"status": GOAL_STATUSES, "area": AREAS, "metric": METRICS},
    "companies": {"priority": COMPANY_PRIORITIES, "status": COMPANY_STATUSES},
}
LIST_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": ("emails", "tags", "past_companies", "other_uids"),
    "companies": ("aliases", "postings"),
    "interactions": ("contacts", "questions"),
}
_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
_CLOCK = re.compile(r"^\d{2}:\d{2}$")


@dataclass
class Problem:
    table: str
    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.table}/{self.record}: {self.message}"


def is_date(value: Any) -> bool:
    """An ISO date (2026-11-23), or a date and time."""
    if not isinstance(value, str):
        return False
    try:
        dt.date.fromisoformat(value)
        return True
    except ValueError:
        pass
    try:
        dt.datetime.fromisoformat(value)
        return True
    except ValueError:
        return False


def is_clock(value: Any) -> bool:
    """A time of day as netplan stores it: 18:30 (24-hour clock)."""
    if not isinstance(value, str) or not _CLOCK.match(value):
        return False
    try:
        dt.time.fromisoformat(value)
        return True
    except ValueError:
        return False


def is_week(value: Any) -> bool:
    match = _WEEK.match(value) if isinstance(value, str) else None
    if not match:
        return False
    try:
        dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        return True
    except ValueError:
        return False


def field_problems(table: str, doc: dict[str, Any]) -> list[tuple[str, str]]:
    """(field, problem) for each field of one record that netplan would not read as stored:
    the one validator of a record, for `check`, `import yaml` and the store."""
    out: list[tuple[str, str]] = []
    kinds = field_kinds(BY_TABLE[table])
    rid = doc.get("id")
    if not isinstance(rid, str) or not rid:
        out.append(("id", f"should be text, not {fieldtypes.describe(rid)}"))
    for name, kind in kinds.items():
        if name == "id" or name not in doc:
            continue
        value = doc[name]
        _, problem = fieldtypes.fix(kind, name, value)
        if problem is not None:
            out.append((name, problem))
            continue
        choices = CHOICES.get(table, {}).get(name)
        if choices is not None and value not in choices:
            out.append((name, f"{value!r} is not one of {', '.join(choices)}"))
        elif name in DATE_FIELDS.get(table, ()) or name in TIME_FIELDS.get(table, ()):
            if value not in (None, "") and not is_date(value):
                out.append((name, f"is not a date like 2026-11-23: {value!r}"))
        elif name in CLOCK_FIELDS.get(table, ()):
            if value not in (None, "") and not is_clock(value):
                out.append((name, f"is not a time of day like 18:30: {value!r}"))
        elif table == "goals" and name == "week" and value and not is_week(value):
            out.append((name, f"is not an ISO week like 2026-W48: {value!r}"))
    return out


def check_data(data: dict[str, Any]) -> list[Problem]:
    """Every problem found in a parsed store: schema, ids, types, references, dates."""
    problems: list[Problem] = []
    meta = meta_document(data.get("meta"))
    schema = meta.get("schema") if isinstance(meta, dict) else None
    if schema != SCHEMA_VERSION or schema.__class__ is not int:
        problems.append(
            Problem("meta", "meta", f"schema is {schema!r}, expected {SCHEMA_VERSION}")
        )
    ids = {
        t: {document_id(t, k, d) for k, d in (data.get(t) or {}).items() if isinstance(d, dict)}
        for t in TABLES if isinstance(data.get(t) or {}, dict)
    }
    for table in TABLES:
        docs = data.get(table)
        if docs is None:
            continue
        if not isinstance(docs, dict):
            problems.append(Problem(table, "-", "the table is not an object"))
            continue
        keys_of: dict[Any, list[str]] = {}
        for key, doc in docs.items():
            if not isinstance(doc, dict):
                problems.append(Problem(table, key, "the record is not an object"))
                continue
            if not (key.isdigit() and int(key) > 0):
                problems.append(Problem(table, key, "its key is not a TinyDB document number"))
            rid = doc.get("id")
            if isinstance(rid, str) and rid:
                keys_of.setdefault(rid, []).append(key)
            key = document_id(table, key, doc)
            for name, problem in field_problems(table, doc):
                problems.append(Problem(table, key, f"{name} {problem}"))
            for name, target in REFERENCES.get(table, {}).items():
                value = doc.get(name)
                refs = value if isinstance(value, list) else [value]
                for ref in refs:
                    if ref and isinstance(ref, str) and ref not in ids.get(target, ()):
                        problems.append(
                            Problem(table, key, f"{name} points to a missing {target[:-1]} {ref}")
                        )
        for rid, keys in keys_of.items():
            if len(keys) > 1:
                problems.append(Problem(table, str(rid), "the id is used by more than one "
                                        f"record (under the keys {', '.join(keys)})"))
    return problems


def summary(data: dict[str, Any]) -> dict[str, int]:
    return {t: len(d) if isinstance(d := data.get(t), dict) else 0 for t in TABLES}
