"""LinkedIn's data export in: Connections.csv as contacts met on LinkedIn, and with it
messages, invitations and notes (linkedin_activity.py).

The real file starts with a preamble (`Notes:` and a quoted paragraph about missing
e-mail addresses) before the header `First Name,Last Name,URL,Email Address,Company,
Position,Connected On`, written in the member's language; older exports have no URL
column. The header is found by its names and columns are mapped by name, so neither the
preamble, the order, the language nor the separator of an Excel re-save matters.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..domain.companies import moved
from ..store.records import Contact, now_iso
from ..support.sanitize import clean, snippet
from .csv_kinds import ADVICE, connection_columns, kind_of
from .files import TransferError
from .foreign_dates import parse_date
from .import_plan import ImportResult, Plan
from .linkedin_activity import (
    Activity,
    owner_from_profile,
    plan_activity,
    read_invitations,
    read_messages,
    read_notes,
)
from .linkedin_export import read_export
from .matching import Incoming, describe_change, merge_contacts
from .table_files import SEPARATOR_NAMES, RowsRead, Table, counted, read_table

if TYPE_CHECKING:
    from ..store.database import Store

HOW_MET = "LinkedIn"


def parse_connected_on(text: str) -> str | None:
    """`07 Dec 2025`, `8-Feb-26`, `12 Mär 2024`, `03/15/2024` … → ISO; None if unreadable."""
    return parse_date(text)


@dataclass
class LinkedInRows:
    """What one LinkedIn export holds (Connections, messages, Invitations, Notes), read
    but not yet compared with the store."""

    source: str
    people: list[Incoming] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)  # (line, label, reason)
    activity: Activity = field(default_factory=Activity)
    kind: str = "linkedin"

    def plan(self, store: Store) -> Plan:
        result = ImportResult(self.kind, self.source)
        before = store.all(Contact)
        saves = merge_contacts(self.people, before, result, merge_linkedin, use_email=True)
        for line, label, reason in self.skipped:
            result.add("skipped", label, reason, line)
        plan = Plan(result, saves=saves)
        if not self.activity.empty:
            plan_activity(self.activity, store, before, plan)
        result.outcomes.sort(key=lambda o: o.line or 0)
        return plan


def parse_file(path: str, on_rows: RowsRead | None = None) -> LinkedInRows:
    """The zip LinkedIn sends, the folder it unzips to, or any one file of it."""
    files = read_export(path)
    rows = LinkedInRows(files.source)
    readers = {"connections": lambda t, name: parse_connections(rows, t, name, on_rows),
               "messages": lambda t, name: read_messages(rows.activity, t, name),
               "invitations": lambda t, name: read_invitations(rows.activity, t, name),
               "notes": lambda t, name: read_notes(rows.activity, t, name)}
    for kind, (name, table) in files.tables.items():
        if kind == "profile":
            rows.activity.owner_name = owner_from_profile(table)
        else:
            readers[kind](table, name)
    return rows


def parse_text(text: str, *, source: str = "Connections.csv") -> LinkedInRows:
    rows = LinkedInRows(source)
    table = read_table(text.encode("utf-8"), source)
    parse_connections(rows, table, source)
    return rows


def parse_connections(rows: LinkedInRows, table: Table, source: str,
                      on_rows: RowsRead | None = None) -> None:
    """Add the people of a Connections.csv (its header in any language LinkedIn writes)
    to `rows`; a file that is some other export is refused, saying what it looks like."""
    columns: dict[str, int] | None = None
    width = 0
    for line, cells in counted(table.rows, on_rows):
        if columns is None:
            kind = kind_of(cells)
            if kind and kind != "linkedin-connections":
                raise TransferError(ADVICE[kind], path=source, line=line)
            columns = connection_columns(cells)
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
                f"(a {table.separator!r} inside a value that is not in quotes?)",
                path=source, line=line)
        _read_row(rows, columns, cells, line)
    if columns is None:
        raise TransferError(
            "no header row with First Name, Last Name (and URL, Company, Position, Connected On) "
            f"was found, reading it as {table.encoding} with "
            f"{SEPARATOR_NAMES[table.separator]} between values; is this LinkedIn's "
            "Connections.csv?", path=source, line=1)


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
