"""`netplan check`: validate a store's contents beyond "it parses"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from .documents import document_id, meta_document
from .records import SCHEMA_VERSION, TABLES

# Fields that hold another record's id, and the table that id must be in.
REFERENCES: dict[str, dict[str, str]] = {
    "contacts": {"met_at": "events", "introduced_by": "contacts"},
    "interactions": {"contacts": "contacts", "event": "events"},
    "goals": {"carried_from": "goals"},
    "referrals": {"contact": "contacts"},
}
DATE_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": ("met_on", "next_follow_up"),
    "interactions": ("date",),
    "events": ("date",),
    "referrals": ("asked_on",),
    "assessments": ("date",),
}
LIST_FIELDS: dict[str, tuple[str, ...]] = {
    "contacts": ("emails", "tags"),
    "interactions": ("contacts", "questions"),
}


@dataclass
class Problem:
    table: str
    record: str
    message: str

    def __str__(self) -> str:
        return f"{self.table}/{self.record}: {self.message}"


def check_data(data: dict[str, Any]) -> list[Problem]:
    """Every problem found in a parsed store: schema, ids, types, references, dates."""
    problems: list[Problem] = []
    meta = meta_document(data.get("meta")) or {}
    if meta.get("schema") != SCHEMA_VERSION:
        problems.append(
            Problem("meta", "meta", f"schema is {meta.get('schema')!r}, expected {SCHEMA_VERSION}")
        )
    ids = {
        t: {document_id(t, k, d) for k, d in (data.get(t) or {}).items() if isinstance(d, dict)}
        for t in TABLES if isinstance(data.get(t) or {}, dict)
    }
    for table in TABLES:
        docs = data.get(table) or {}
        if not isinstance(docs, dict):
            problems.append(Problem(table, "-", "the table is not an object"))
            continue
        seen: dict[str, str] = {}
        for key, doc in docs.items():
            if not isinstance(doc, dict):
                problems.append(Problem(table, key, "the record is not an object"))
                continue
            if not (key.isdigit() and int(key) > 0):
                problems.append(Problem(table, key, "its key is not a TinyDB document number"))
            record_id = document_id(table, key, doc)
            if record_id in seen:
                twice = f"the id is used twice (documents {seen[record_id]} and {key})"
                problems.append(Problem(table, record_id, twice))
            seen.setdefault(record_id, key)
            key = record_id
            for name in LIST_FIELDS.get(table, ()):
                if name in doc and not isinstance(doc[name], list):
                    problems.append(Problem(table, key, f"{name} should be a list"))
            for name, target in REFERENCES.get(table, {}).items():
                value = doc.get(name)
                refs = value if isinstance(value, list) else [value]
                for ref in refs:
                    if ref and isinstance(ref, str) and ref not in ids.get(target, ()):
                        problems.append(
                            Problem(table, key, f"{name} points to a missing {target[:-1]} {ref}")
                        )
            for name in DATE_FIELDS.get(table, ()):
                value = doc.get(name)
                if value in (None, ""):
                    continue
                try:
                    dt.date.fromisoformat(str(value)[:10])
                except ValueError:
                    problems.append(Problem(table, key, f"{name} is not a date: {value!r}"))
    return problems


def summary(data: dict[str, Any]) -> dict[str, int]:
    return {t: len(data.get(t) or {}) for t in TABLES}
