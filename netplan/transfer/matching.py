"""Finding the contact an imported person already is, so re-imports never duplicate.

Keys, strongest first: the record id (a vCard UID netplan wrote) or a UID kept from
another address book, the normalised LinkedIn profile URL, an e-mail address, then
name + company (case-insensitive). An e-mail or name match never joins two different
profile URLs, a name match never joins two sets of e-mail addresses with none in common
(two Sam Parks at one company), and name + company must fit exactly one contact; several
fits are reported, never guessed.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..store.records import Contact, now_iso
from ..support.urls import normalise_url, profile_url
from .import_plan import ImportResult

__all__ = ["normalise_url", "ContactIndex", "Incoming", "merge_contacts"]


def name_key(name: str, company: str) -> tuple[str, str]:
    return (" ".join(name.casefold().split()), " ".join(company.casefold().split()))


@dataclass
class Incoming:
    """One person read from a file, as netplan would create them."""

    line: int
    contact: Contact
    uid: str | None = None  # a vCard UID
    note: str = ""  # something the report should say about this person


@dataclass
class ContactIndex:
    by_id: dict[str, Contact] = field(default_factory=dict)
    by_uid: dict[str, str] = field(default_factory=dict)
    by_url: dict[str, str] = field(default_factory=dict)
    by_email: dict[str, str] = field(default_factory=dict)
    by_name: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    use_email: bool = False

    @classmethod
    def of(cls, contacts: Iterable[Contact], *, use_email: bool = False) -> ContactIndex:
        index = cls(use_email=use_email)
        for c in contacts:
            index.add(c, keep_first=True)
        return index

    def add(self, c: Contact, *, keep_first: bool = False) -> None:
        put: Callable[[dict, object], None]
        if keep_first:
            def put(d, k):
                d.setdefault(k, c.id)
        else:
            def put(d, k):
                d[k] = c.id
        self.by_id[c.id] = c
        uid = c.extra.get("vcard_uid")
        if isinstance(uid, str) and uid:
            put(self.by_uid, uid)
        for uid in c.other_uids:  # cards of contacts merged into this one
            put(self.by_uid, uid)
        url = _url_of(c)
        if url:
            put(self.by_url, url)
        if self.use_email:
            for e in c.emails:
                put(self.by_email, str(e).casefold())
        ids = self.by_name.setdefault(name_key(c.name, c.company), [])
        if c.id not in ids:
            ids.append(c.id)

    def find(self, item: Incoming) -> Contact | list[Contact] | None:
        """The one contact this person already is, None for a new person, or the
        candidates when name + company fits more than one (ambiguous: never guessed)."""
        new = item.contact
        if item.uid:
            hit = (self.by_id.get(item.uid) or self.by_id.get(self.by_uid.get(item.uid, ""))
                   or self.by_id.get(canonical_uuid(item.uid)))
            if hit:
                return hit
        url = _url_of(new)
        if url:
            hit = self.by_id.get(self.by_url.get(url, ""))
            if hit:
                return hit
        if self.use_email:
            for e in new.emails:
                hit = self.by_id.get(self.by_email.get(e.casefold(), ""))
                if hit and not _other_url(url, hit):
                    return hit
        key = name_key(new.name, new.company)
        candidates = []
        for cid in self.by_name.get(key, ()):
            c = self.by_id[cid]
            if name_key(c.name, c.company) != key:
                continue  # renamed since it was indexed
            if _other_url(url, c):
                continue  # a distinct profile URL is a distinct person
            if _other_emails(new, c):
                continue  # so are two sets of addresses with none in common
            candidates.append(c)
        if len(candidates) == 1:
            return candidates[0]
        return candidates or None


def canonical_uuid(uid: str) -> str:
    """A UUID UID as netplan spells ids (`urn:uuid:` and upper case gone), else ""."""
    try:
        return str(uuid.UUID(uid.strip().lower().removeprefix("urn:uuid:")))
    except ValueError:
        return ""


def _other_url(url: str, c: Contact) -> bool:
    """Both have a profile URL and they differ: two people, whatever else they share."""
    theirs = _url_of(c)
    return bool(url and theirs and theirs != url)


def _other_emails(a: Contact, b: Contact) -> bool:
    """Both have e-mail addresses and share none: two Sam Parks at Acme, not one."""
    mine = {str(e).strip().casefold() for e in a.emails if str(e).strip()}
    theirs = {str(e).strip().casefold() for e in b.emails if str(e).strip()}
    return bool(mine and theirs and not mine & theirs)


def _url_of(c: Contact) -> str:
    return profile_url(c.links)


Merge = Callable[[Contact, Contact], tuple[Contact, list[str]]]


def merge_contacts(
    incoming: Iterable[Incoming], existing: Iterable[Contact], result: ImportResult,
    merge: Merge, *, use_email: bool = False,
) -> list[Contact]:
    """Create or update a contact per incoming person; return the records to save.

    `merge(old, new)` returns the updated contact and a description of each change
    (empty: already up to date). People met twice in the same file merge into one.
    A name + company that fits several contacts creates nothing and is reported
    with its candidates, so the user decides.
    """
    index = ContactIndex.of(existing, use_email=use_email)
    created_here: dict[str, int] = {}  # id -> line, for people created by this import
    saves: dict[str, Contact] = {}
    for item in incoming:
        old = index.find(item)
        if isinstance(old, list):
            result.add("skipped", item.contact.name,
                       "ambiguous: same name and company as "
                       + ", ".join(_describe_candidate(c, created_here) for c in old)
                       + "; nothing created (add a profile URL or e-mail to tell them apart)",
                       item.line)
            continue
        if old is None:
            new = item.contact
            index.add(new)
            saves[new.id] = new
            created_here[new.id] = item.line
            result.add("created", new.name, item.note, item.line)
            continue
        merged, changes = merge(old, item.contact)
        if old.id in created_here:
            if changes:
                saves[old.id] = merged
                index.add(merged)
            result.add("skipped", item.contact.name,
                       f"same person as line {created_here[old.id]}"
                       + (" (merged: " + "; ".join(changes) + ")" if changes else ""),
                       item.line)
        elif not changes:
            result.add("skipped", item.contact.name, "already up to date", item.line)
        else:
            merged = merged.replace(updated=now_iso())
            saves[old.id] = merged
            index.add(merged)
            result.add("updated", merged.name, "; ".join(changes), item.line)
    return list(saves.values())


def _describe_candidate(c: Contact, created_here: dict[str, int]) -> str:
    if c.id in created_here:
        return f"line {created_here[c.id]}"
    return f"{c.name} ({c.id[:8]})"


def describe_change(field_name: str, old: object, new: object) -> str:
    def show(v: object) -> str:
        if isinstance(v, tuple | list):
            return ", ".join(map(str, v)) or "—"
        text = str(v) if v not in (None, "") else "—"
        return text if len(text) <= 40 else text[:39] + "…"

    return f"{field_name.replace('_', ' ')} {show(old)} → {show(new)}"
