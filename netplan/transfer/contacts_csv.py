"""`netplan import csv`: contacts from a Google Contacts or Outlook export, known by their
headers, or from any CSV whose columns you name with `--map COLUMN=FIELD`.

Names, e-mails, phones (with their type), organisation and title, notes, labels or
categories as tags, and websites are read; the rest of a row is left out. People are
matched as every import matches them (a kept UID, the profile URL, an e-mail, then name
+ company when unique); a match only fills what the contact lacks or adds to its lists."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..domain.companies import moved
from ..store.records import Contact, now_iso
from ..support.sanitize import clean
from .csv_kinds import ADVICE, kind_of
from .files import TransferError, read_bytes
from .foreign_dates import parse_date
from .import_plan import ImportResult, Plan
from .matching import Incoming, describe_change, merge_contacts
from .table_files import SEPARATOR_NAMES, RowsRead, Table, counted, header_key, read_table

if TYPE_CHECKING:
    from ..store.database import Store

FIELDS = ("name", "first", "middle", "last", "email", "phone", "company", "role", "notes",
          "tags", "link", "location", "how_met", "met_on")
# Headers of Google Contacts (both of its formats) and Outlook, and the obvious ones.
KNOWN = {
    "name": "name", "full name": "name", "display name": "name",
    "first name": "first", "given name": "first", "middle name": "middle",
    "additional name": "middle", "last name": "last", "family name": "last", "surname": "last",
    "e-mail address": "email", "e-mail 2 address": "email", "e-mail 3 address": "email",
    "email": "email", "email address": "email", "e-mail": "email",
    "company": "company", "organization name": "company", "organization 1 - name": "company",
    "organisation": "company", "job title": "role", "organization title": "role",
    "organization 1 - title": "role", "role": "role", "position": "role",
    "notes": "notes", "note": "notes", "labels": "tags", "group membership": "tags",
    "categories": "tags", "tags": "tags", "web page": "link", "website": "link",
    "linkedin": "link", "location": "location", "city": "location", "business city": "location",
}
_NUMBERED = re.compile(r"^(e-mail|email|phone|website) (\d+) - (value|label|type)$")
_OUTLOOK_PHONES = {"mobile phone": "mobile", "business phone": "work", "business phone 2": "work",
                   "home phone": "home", "home phone 2": "home", "other phone": "other",
                   "primary phone": "other"}
_GOOGLE_PHONE_TYPES = {"mobile": "mobile", "cell": "mobile", "work": "work", "home": "home"}


@dataclass
class ContactsCsv:
    """The people of one contacts CSV, read but not yet compared with the store."""

    source: str
    people: list[Incoming] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    kind: str = "csv"

    def plan(self, store: Store) -> Plan:
        result = ImportResult(self.kind, self.source)
        saves = merge_contacts(self.people, store.all(Contact), result, merge_csv,
                               use_email=True)
        for line, label, reason in self.skipped:
            result.add("skipped", label, reason, line)
        result.outcomes.sort(key=lambda o: o.line or 0)
        return Plan(result, saves=saves)


def parse_mapping(pairs: list[str]) -> dict[str, str]:
    """`--map "Full name=name"` … as {header: field}; a wrong pair is a TransferError."""
    out = {}
    for pair in pairs:
        column, sep, target = pair.rpartition("=")
        if not sep or not column.strip() or target.strip() not in FIELDS:
            raise TransferError(f"--map {pair!r}: give COLUMN=FIELD, FIELD one of "
                                + ", ".join(FIELDS))
        out[header_key(column)] = target.strip()
    return out


def parse_file(path: str, mapping: dict[str, str] | None = None,
               on_rows: RowsRead | None = None) -> ContactsCsv:
    table = read_table(read_bytes(path), str(path))
    return parse_table(table, str(path), mapping or {}, on_rows)


def parse_table(table: Table, source: str, mapping: dict[str, str],
                on_rows: RowsRead | None = None) -> ContactsCsv:
    if not table.rows:
        raise TransferError("is empty", path=source)
    if not mapping:  # LinkedIn's files (after their preamble) belong to its own import
        for line, cells in table.rows[:12]:
            kind = kind_of(cells)
            if kind and kind.startswith("linkedin"):
                raise TransferError(ADVICE[kind], path=source, line=line)
    line, header = table.rows[0]
    columns = _columns(header, mapping)
    if not any(f in ("name", "first", "last") for _, f, _ in columns):
        shown = ", ".join(repr(clean(c))[:40] for c in header[:12])
        raise TransferError(
            f"no column says whose row it is (read as {table.encoding} with "
            f"{SEPARATOR_NAMES[table.separator]} between values; its columns are {shown}); "
            "name them with --map COLUMN=FIELD, e.g. --map 'Full name=name' "
            f"(fields: {', '.join(FIELDS)})", path=source, line=line)
    out = ContactsCsv(source)
    for line, cells in counted(table.rows[1:], on_rows):
        if not any(c.strip() for c in cells):
            continue
        _read_row(out, columns, cells, line)
    return out


def _columns(header: list[str], mapping: dict[str, str]) -> list[tuple[int, str, str]]:
    """(column, field, phone type) for every column netplan reads."""
    keys = [header_key(c) for c in header]
    out = []
    for i, key in enumerate(keys):
        if key in mapping:
            out.append((i, mapping[key], "mobile"))
        elif key in KNOWN:
            out.append((i, KNOWN[key], ""))
        elif key in _OUTLOOK_PHONES:
            out.append((i, "phone", _OUTLOOK_PHONES[key]))
        elif (m := _NUMBERED.match(key)) and m.group(3) == "value":
            what = {"e-mail": "email", "email": "email", "phone": "phone",
                    "website": "link"}[m.group(1)]
            label_at = next((j for j, k in enumerate(keys)
                             if k in (f"{m.group(1)} {m.group(2)} - label",
                                      f"{m.group(1)} {m.group(2)} - type")), None)
            out.append((i, what, f"@{label_at}" if label_at is not None else ""))
    return out


def _split(value: str, field_: str) -> list[str]:
    if field_ == "tags":
        parts = re.split(r":::|;|,", value)
        return [p.strip().lstrip("*").strip() for p in parts
                if p.strip() and p.strip().lstrip("*").strip().casefold() != "mycontacts"]
    return [p.strip() for p in value.split(":::") if p.strip()]


def _read_row(out: ContactsCsv, columns, cells: list[str], line: int) -> None:
    got: dict[str, Any] = {"emails": [], "phones": [], "tags": [], "links": {}}
    for i, field_, phone_type in columns:
        value = clean(cells[i]).strip() if i < len(cells) else ""
        if not value:
            continue
        if field_ == "email":
            got["emails"] += [e for e in _split(value, field_) if "@" in e]
        elif field_ == "phone":
            if phone_type.startswith("@"):
                j = int(phone_type[1:])
                label = cells[j].casefold() if j < len(cells) else ""
                phone_type = next((v for k, v in _GOOGLE_PHONE_TYPES.items() if k in label),
                                  "other")
            got["phones"] += [{"type": phone_type or "mobile", "number": n}
                              for n in _split(value, field_)]
        elif field_ == "tags":
            got["tags"] += _split(value, field_)
        elif field_ == "link":
            for url in _split(value, field_):
                kind = "linkedin" if "linkedin.com" in url.casefold() else (
                    "github" if "github.com" in url.casefold() else "web")
                got["links"].setdefault(kind, url)
        else:
            got.setdefault(field_, value)
    name = got.get("name") or " ".join(
        p for p in (got.get("first"), got.get("middle"), got.get("last")) if p)
    if not name:
        name = got["emails"][0] if got["emails"] else ""
    if not name:
        out.skipped.append((line, "(no name)", "the row has no name or e-mail"))
        return
    met_on = parse_date(got["met_on"]) if got.get("met_on") else None
    contact = Contact(
        name=" ".join(name.split()), company=got.get("company", ""), role=got.get("role", ""),
        location=got.get("location", ""), emails=tuple(dict.fromkeys(got["emails"])),
        phones=tuple(got["phones"]), tags=tuple(dict.fromkeys(got["tags"])), links=got["links"],
        notes=got.get("notes", ""), how_met=got.get("how_met", ""), met_on=met_on)
    out.people.append(Incoming(line, contact))


def merge_csv(old: Contact, new: Contact) -> tuple[Contact, list[str]]:
    """A contacts export fills what the contact lacks and adds to its lists; it never
    overwrites what the contact already says."""
    changes: list[str] = []
    fields: dict[str, Any] = {}
    for name in ("company", "role", "location", "notes", "how_met", "met_on"):
        value = getattr(new, name)
        if value and not getattr(old, name):
            fields[name] = value
            changes.append(describe_change(name, getattr(old, name), value))
    for name in ("emails", "tags"):
        have = {str(v).casefold() for v in getattr(old, name)}
        more = [v for v in getattr(new, name) if str(v).casefold() not in have]
        if more:
            fields[name] = (*getattr(old, name), *more)
            changes.append(f"{name} {', '.join(more)} added")
    numbers = {re.sub(r"\D", "", p.get("number", "")) for p in old.phones}
    phones = [p for p in new.phones if re.sub(r"\D", "", p["number"]) not in numbers]
    if phones:
        fields["phones"] = (*old.phones, *phones)
        changes.append("phone " + ", ".join(p["number"] for p in phones) + " added")
    links = {**new.links, **old.links}
    if links != old.links:
        fields["links"] = links
        changes.append("links " + ", ".join(k for k in new.links if k not in old.links) + " added")
    if not changes:
        return old, []
    return moved(old, old.replace(**fields, updated=now_iso())), changes
