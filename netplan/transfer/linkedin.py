"""LinkedIn's `Connections.csv` export in, as contacts met on LinkedIn.

The real file starts with a preamble (`Notes:` and a quoted paragraph about missing
e-mail addresses) before the header `First Name,Last Name,URL,Email Address,Company,
Position,Connected On`; older exports have no URL column. The header is found by its
names and columns are mapped by name, so neither the preamble nor the order matters.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..domain.companies import moved
from ..store.records import Contact, now_iso
from ..support.sanitize import clean, snippet
from .files import TransferError, read_text
from .import_plan import ImportResult, Plan
from .matching import Incoming, describe_change, merge_contacts

if TYPE_CHECKING:
    from ..store.database import Store

HOW_MET = "LinkedIn"
# Header names (case-insensitive) -> the field they fill.
COLUMNS = {
    "first name": "first", "last name": "last", "url": "url", "profile url": "url",
    "email address": "email", "e-mail address": "email", "email": "email",
    "company": "company", "position": "position", "connected on": "connected",
}
REQUIRED = ("first", "last")
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DMY = re.compile(r"^(\d{1,2})[ -]([A-Za-z]{3})[A-Za-z]*\.?[ -,]*(\d{4})$")


def parse_connected_on(text: str) -> str | None:
    """`07 Dec 2025` (and ISO `2025-12-07`) → `2025-12-07`; None if unreadable.

    Month names are matched by hand: strptime's %b follows the locale.
    """
    s = text.strip()
    if not s:
        return None
    m = _DMY.match(s)
    if m:
        day, month, year = int(m.group(1)), _MONTHS.get(m.group(2).lower()), int(m.group(3))
        if month:
            try:
                return dt.date(year, month, day).isoformat()
            except ValueError:
                return None
        return None
    try:
        return dt.date.fromisoformat(s).isoformat()
    except ValueError:
        return None


@dataclass
class LinkedInRows:
    """The people read from one Connections.csv, not yet compared with the store."""

    source: str
    people: list[Incoming] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, label, reason)
    kind: str = "linkedin"

    def plan(self, store: Store) -> Plan:
        result = ImportResult(self.kind, self.source)
        saves = merge_contacts(self.people, store.all(Contact), result, merge_linkedin,
                               use_email=True)
        for line, label, reason in self.skipped:
            result.add("skipped", label, reason, line)
        result.outcomes.sort(key=lambda o: o.line or 0)
        return Plan(result, saves=saves)


def parse_file(path: str) -> LinkedInRows:
    return parse_text(read_text(path), source=str(path))


def parse_text(text: str, *, source: str = "Connections.csv") -> LinkedInRows:
    rows = LinkedInRows(source)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    columns: dict[str, int] | None = None
    width = 0
    start = 1
    try:
        for cells in reader:
            line, start = start, reader.line_num + 1
            if columns is None:
                columns = _header(cells)
                width = len(cells)
                continue
            if not any(c.strip() for c in cells):
                if cells:  # a row of bare commas: a deleted account
                    rows.skipped.append((line, "(empty row)",
                                         "no name or details (a deleted account?)"))
                continue
            if len(cells) > width:
                raise TransferError(
                    f"this row has {len(cells)} values but the header has {width} "
                    "(a comma inside a value that is not in quotes?)", path=source, line=line)
            _read_row(rows, columns, cells, line)
    except csv.Error as exc:
        problem = ("a quoted value is never closed" if "end of data" in str(exc)
                   else f"not valid CSV ({exc})")
        raise TransferError(f"{problem} in the row that starts here",
                            path=source, line=start) from None
    if columns is None:
        raise TransferError(
            "no header row with First Name, Last Name (and URL, Company, Position, Connected On) "
            "was found; is this LinkedIn's Connections.csv?", path=source, line=1)
    return rows


def _header(cells: list[str]) -> dict[str, int] | None:
    found: dict[str, int] = {}
    for i, cell in enumerate(cells):
        key = COLUMNS.get(" ".join(cell.strip().lower().split()))
        if key and key not in found:
            found[key] = i
    return found if all(k in found for k in REQUIRED) else None


def _read_row(rows: LinkedInRows, columns: dict[str, int], cells: list[str], line: int) -> None:
    def get(key: str) -> str:
        i = columns.get(key)
        return clean(cells[i]).strip() if i is not None and i < len(cells) else ""

    name = " ".join(p for p in (get("first"), get("last")) if p)
    if not name:
        rows.skipped.append((line, "(no name)", "the row has no first or last name"))
        return
    url, email, connected = get("url"), get("email"), get("connected")
    met_on = parse_connected_on(connected)
    # An unreadable date keeps the person; the report says what was not understood.
    note = f"Connected On {snippet(connected)!r} is not a date; met on left empty" if (
        connected and met_on is None) else ""
    contact = Contact(
        name=name,
        company=get("company"),
        role=get("position"),
        emails=(email,) if email else (),
        links={"linkedin": url} if url else {},
        how_met=HOW_MET,
        met_on=met_on,
    )
    rows.people.append(Incoming(line, contact, note=note))


def merge_linkedin(old: Contact, new: Contact) -> tuple[Contact, list[str]]:
    """LinkedIn knows company and position best; it only fills gaps elsewhere."""
    changes: list[str] = []
    fields: dict[str, object] = {}
    for name in ("company", "role"):
        value = getattr(new, name)
        if value and value != getattr(old, name):
            changes.append(describe_change(name, getattr(old, name), value))
            fields[name] = value
    missing_emails = [e for e in new.emails
                      if e.casefold() not in {x.casefold() for x in old.emails}]
    if missing_emails:
        fields["emails"] = (*old.emails, *missing_emails)
        changes.append("e-mail " + ", ".join(missing_emails) + " added")
    url = new.links.get("linkedin")
    if url and not old.links.get("linkedin"):
        fields["links"] = {**old.links, "linkedin": url}
        changes.append("LinkedIn profile added")
    if new.met_on and not old.met_on:
        fields["met_on"] = new.met_on
        changes.append(f"met on {new.met_on}")
    if not old.how_met:
        fields["how_met"] = HOW_MET
    if not fields or not changes:
        return old, []
    return moved(old, old.replace(**fields, updated=now_iso())), changes
