"""Contacts as CSV for a spreadsheet, safe to open in Excel or LibreOffice.

A cell that starts with `=`, `+`, `-`, `@` (or a tab or carriage return) would be
run as a formula by a spreadsheet (CSV injection, OWASP); it gets a leading `'`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from ..domain.followups import NO_TAG_CADENCES, TagCadences, last_interactions, next_follow_up
from ..store.records import Contact, Interaction
from ..support.sanitize import clean

COLUMNS = ("name", "company", "role", "location", "emails", "linkedin", "github", "x", "site",
           "other_links", "tags", "stage", "how_met", "met_on", "cadence_days", "next_follow_up",
           "last_interaction", "personal", "notes", "id")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
MAIN_LINKS = ("linkedin", "github", "x", "site")


def guard(cell: object) -> str:
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(_FORMULA_START) else text


def contacts_csv(contacts: Iterable[Contact], interactions: Iterable[Interaction],
                 by_tag: TagCadences = NO_TAG_CADENCES) -> str:
    last = last_interactions(interactions)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for c in sorted(contacts, key=lambda c: (c.name.casefold(), c.id)):
        links = c.links or {}
        due = next_follow_up(c, last.get(c.id), by_tag)
        seen = last.get(c.id)
        row = {
            "name": c.name, "company": c.company, "role": c.role, "location": c.location,
            "emails": "; ".join(c.emails), "tags": "; ".join(c.tags), "stage": c.stage,
            "how_met": c.how_met, "met_on": c.met_on or "",
            "cadence_days": "" if c.cadence_days is None else c.cadence_days,
            "next_follow_up": due.isoformat() if due else "",
            "last_interaction": seen.isoformat() if seen else "",
            "personal": c.personal, "notes": c.notes, "id": c.id,
            "other_links": "; ".join(f"{k}: {v}" for k, v in links.items()
                                     if k not in MAIN_LINKS),
            **{k: links.get(k, "") for k in MAIN_LINKS},
        }
        writer.writerow([guard(clean(row[col], multiline=True)) for col in COLUMNS])
    return out.getvalue()
