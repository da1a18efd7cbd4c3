"""The rest of LinkedIn's data export: messages.csv (whom you wrote to and who answered),
Invitations.csv (connection requests and their message) and Notes.csv (your notes on
connections), read into interactions and notes on the contacts they are about.

- A conversation you started is outreach (a `dm` on the day of its first message); a
  message from them after it marks it replied. One they started is logged as a `dm`.
- A sent invitation is outreach with its message; a received one is only reported.
- A note is added to the contact's notes once.
People are found by their profile URL, else by a name only one contact has. Each
interaction keeps the key of what it came from (`import_key`: the conversation id and
its first date, or the invitation's profile and date), so importing again adds nothing."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..store.records import Contact, Interaction, now_iso
from ..support.sanitize import clean, snippet
from ..support.urls import normalise_url, profile_url
from .files import TransferError
from .foreign_dates import parse_date
from .import_plan import Plan
from .table_files import Table, header_key

if TYPE_CHECKING:
    from ..store.database import Store


@dataclass(frozen=True)
class Party:
    name: str
    url: str  # normalised profile URL, or ""


@dataclass(frozen=True)
class Message:
    line: int
    conversation: str
    stamp: str  # as written: "2024-03-15 10:22:33 UTC" sorts in time order
    date: str  # ISO
    sender: Party
    recipients: tuple[Party, ...]
    subject: str


@dataclass(frozen=True)
class Invitation:
    line: int
    date: str
    outgoing: bool
    other: Party
    message: str


@dataclass(frozen=True)
class NoteRow:
    line: int
    person: Party
    text: str


@dataclass
class Activity:
    messages: list[Message] = field(default_factory=list)
    invitations: list[Invitation] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    owner_name: str = ""  # from Profile.csv, when the export has it

    @property
    def empty(self) -> bool:
        return not (self.messages or self.invitations or self.notes or self.skipped)


# -- reading --------------------------------------------------------------------------


def _columns(table: Table, wanted: dict[str, tuple[str, ...]], source: str,
             what: str) -> tuple[int, dict[str, int]]:
    for n, (_, cells) in enumerate(table.rows[:12]):
        keys = [header_key(c) for c in cells]
        found = {field_: keys.index(name) for field_, names in wanted.items()
                 for name in names if name in keys}
        if all(f in found for f in list(wanted)[:2]):
            return n, found
    raise TransferError(f"no header row of {what} was found", path=source, line=1)


def _cell(cells: list[str], columns: dict[str, int], key: str) -> str:
    i = columns.get(key)
    return clean(cells[i]).strip() if i is not None and i < len(cells) else ""


def _parties(names: str, urls: str) -> tuple[Party, ...]:
    url_list = [u.strip() for u in urls.replace(";", ",").split(",") if u.strip()]
    name_list = [n.strip() for n in names.split(",") if n.strip()]
    if len(name_list) != len(url_list):  # a name with a comma in it: trust the URLs
        name_list = name_list if not url_list else [""] * len(url_list)
    return tuple(Party(n, normalise_url(u) if u else "")
                 for n, u in zip(name_list, url_list or [""] * len(name_list), strict=False))


def read_messages(activity: Activity, table: Table, source: str) -> None:
    start, col = _columns(table, {
        "conversation": ("conversation id",), "date": ("date",), "from": ("from",),
        "sender_url": ("sender profile url",), "to": ("to",),
        "recipient_urls": ("recipient profile urls",), "subject": ("subject",),
        "content": ("content",), "title": ("conversation title",)}, source, "messages.csv")
    for line, cells in table.rows[start + 1:]:
        if not any(c.strip() for c in cells):
            continue
        stamp = _cell(cells, col, "date")
        date = parse_date(stamp)
        conversation = _cell(cells, col, "conversation")
        if not conversation or date is None:
            activity.skipped.append((line, "(message)", f"no conversation id or date "
                                     f"({snippet(stamp)!r})"))
            continue
        sender_url = _cell(cells, col, "sender_url")
        subject = (_cell(cells, col, "subject") or _cell(cells, col, "title")
                   or snippet(_cell(cells, col, "content"), 60))
        activity.messages.append(Message(
            line, conversation, stamp, date,
            Party(_cell(cells, col, "from"), normalise_url(sender_url) if sender_url else ""),
            _parties(_cell(cells, col, "to"), _cell(cells, col, "recipient_urls")), subject))


def read_invitations(activity: Activity, table: Table, source: str) -> None:
    start, col = _columns(table, {
        "from": ("from",), "to": ("to",), "sent": ("sent at",), "message": ("message",),
        "direction": ("direction",), "inviter": ("inviterprofileurl", "inviter profile url"),
        "invitee": ("inviteeprofileurl", "invitee profile url")}, source, "Invitations.csv")
    for line, cells in table.rows[start + 1:]:
        if not any(c.strip() for c in cells):
            continue
        outgoing = _cell(cells, col, "direction").casefold().startswith("out")
        who = "to" if outgoing else "from"
        url = _cell(cells, col, "invitee" if outgoing else "inviter")
        date = parse_date(_cell(cells, col, "sent"))
        if date is None:
            activity.skipped.append((line, "(invitation)", "its date cannot be read "
                                     f"({snippet(_cell(cells, col, 'sent'))!r})"))
            continue
        activity.invitations.append(Invitation(
            line, date, outgoing, Party(_cell(cells, col, who), normalise_url(url) if url else ""),
            _cell(cells, col, "message")))


def read_notes(activity: Activity, table: Table, source: str) -> None:
    start, col = _columns(table, {
        "note": ("note", "notes", "content", "text"),
        "url": ("profile url", "url", "member profile url"),
        "name": ("name", "full name", "member name")}, source, "Notes.csv")
    for line, cells in table.rows[start + 1:]:
        text, url = _cell(cells, col, "note"), _cell(cells, col, "url")
        if text:
            activity.notes.append(NoteRow(line, Party(_cell(cells, col, "name"),
                                                      normalise_url(url) if url else ""), text))


def owner_from_profile(table: Table) -> str:
    """Your name, from Profile.csv's first row."""
    for n, (_, cells) in enumerate(table.rows[:5]):
        keys = [header_key(c) for c in cells]
        if "first name" in keys and "last name" in keys and n + 1 < len(table.rows):
            row = table.rows[n + 1][1]
            parts = [clean(row[i]).strip() for i in (keys.index("first name"),
                                                      keys.index("last name")) if i < len(row)]
            return " ".join(p for p in parts if p)
    return ""


# -- planning against the store -------------------------------------------------------


class _People:
    """Who a party is among the contacts: by profile URL, else by a name one contact has."""

    def __init__(self, contacts: dict[str, Contact]):
        self.by_url = {u: c.id for c in contacts.values() if (u := profile_url(c.links))}
        self.by_name: dict[str, list[str]] = defaultdict(list)
        for c in contacts.values():
            self.by_name[" ".join(c.name.casefold().split())].append(c.id)

    def find(self, party: Party) -> str | None:
        if party.url and party.url in self.by_url:
            return self.by_url[party.url]
        ids = self.by_name.get(" ".join(party.name.casefold().split()), [])
        return ids[0] if len(ids) == 1 else None


def _owner(activity: Activity) -> Party | None:
    """You: the party in the most conversations (or the one named in Profile.csv)."""
    seen: dict[str, set[str]] = defaultdict(set)
    names: dict[str, str] = {}
    for m in activity.messages:
        for p in (m.sender, *m.recipients):
            key = p.url or p.name.casefold()
            if key:
                seen[key].add(m.conversation)
                names[key] = p.name
    if activity.owner_name:
        for key, name in names.items():
            if name.casefold() == activity.owner_name.casefold():
                return Party(name, key if key.startswith("http") else "")
    ranked = sorted(seen.items(), key=lambda kv: -len(kv[1]))
    if not ranked or (len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1])):
        return None
    key = ranked[0][0]
    return Party(names.get(key, ""), key if key.startswith("http") else "")


def _is(party: Party, owner: Party) -> bool:
    if party.url and owner.url:
        return party.url == owner.url
    return bool(party.name) and party.name.casefold() == owner.name.casefold()


def plan_activity(activity: Activity, store: Store, before: list[Contact], plan: Plan) -> None:
    result = plan.result
    contacts = {c.id: c for c in before}
    contacts.update({c.id: c for c in plan.saves if isinstance(c, Contact)})
    people = _People(contacts)
    logged = {key: it for it in store.all(Interaction)
              if isinstance(key := it.extra.get("import_key"), str)}
    for line, label, reason in activity.skipped:
        result.add("skipped", label, reason, line)
    _plan_messages(activity, people, contacts, logged, plan)
    _plan_invitations(activity, people, contacts, logged, plan)
    _plan_notes(activity, people, contacts, plan)


def _names(ids: list[str], contacts: dict[str, Contact]) -> str:
    return ", ".join(contacts[i].name for i in ids)


def _plan_messages(activity, people, contacts, logged, plan) -> None:
    result = plan.result
    if not activity.messages:
        return
    owner = _owner(activity)
    if owner is None:
        result.add("skipped", "messages.csv", "cannot tell which side of the conversations "
                   "is you (import the whole export, with Profile.csv)")
        return
    threads: dict[str, list[Message]] = defaultdict(list)
    for m in activity.messages:
        threads[m.conversation].append(m)
    for conversation, messages in threads.items():
        messages.sort(key=lambda m: m.stamp)
        first = messages[0]
        mine = _is(first.sender, owner)
        others = [p for p in ((*first.recipients,) if mine else (first.sender,))
                  if not _is(p, owner)]
        ids = [cid for p in others if (cid := people.find(p))]
        who = ", ".join(p.name or p.url for p in others) or "(nobody)"
        if not ids:
            result.add("skipped", f"conversation with {who}",
                       "not among your contacts (import Connections.csv too)", first.line)
            continue
        replied = mine and any(not _is(m.sender, owner) for m in messages[1:])
        key = f"linkedin:message:{conversation}:{first.date}"
        if key in logged:
            old = logged[key]
            if replied and not old.replied:
                plan.saves.append(old.replace(replied=True))
                result.add("updated", f"conversation with {_names(ids, contacts)}",
                           "they replied since the last import", first.line)
            else:
                result.add("skipped", f"conversation with {_names(ids, contacts)}",
                           "already imported", first.line)
            continue
        what = "you wrote" if mine else "they wrote"
        plan.interactions.append(Interaction(
            date=first.date, kind="dm", contacts=tuple(dict.fromkeys(ids)),
            summary=f"LinkedIn message ({what}): {first.subject}"[:200],
            outreach=mine, replied=replied, extra={"import_key": key}))
        state = "outreach, replied" if replied else ("outreach" if mine else "they wrote first")
        result.add("created", f"message with {_names(ids, contacts)}", state, first.line)


def _plan_invitations(activity, people, contacts, logged, plan) -> None:
    result = plan.result
    for inv in activity.invitations:
        name = inv.other.name or inv.other.url
        if not inv.outgoing:
            result.add("skipped", f"invitation from {name}", "received (noted; nothing to log)",
                       inv.line)
            continue
        cid = people.find(inv.other)
        if cid is None:
            result.add("skipped", f"invitation to {name}",
                       "not among your contacts (import Connections.csv too)", inv.line)
            continue
        key = f"linkedin:invitation:{inv.other.url or name.casefold()}:{inv.date}"
        if key in logged:
            result.add("skipped", f"invitation to {contacts[cid].name}", "already imported",
                       inv.line)
            continue
        plan.interactions.append(Interaction(
            date=inv.date, kind="dm", contacts=(cid,), summary="LinkedIn connection request",
            notes=inv.message, outreach=True, extra={"import_key": key}))
        result.add("created", f"invitation to {contacts[cid].name}", "outreach", inv.line)


def _plan_notes(activity, people, contacts, plan) -> None:
    result = plan.result
    for note in activity.notes:
        cid = people.find(note.person)
        label = note.person.name or note.person.url or "(someone)"
        if cid is None:
            result.add("skipped", f"note on {label}", "not among your contacts", note.line)
            continue
        c = contacts[cid]
        if note.text in c.notes:
            result.add("skipped", f"note on {c.name}", "already in their notes", note.line)
            continue
        changed = c.replace(notes=f"{c.notes}\n\n{note.text}" if c.notes else note.text,
                            updated=now_iso())
        contacts[cid] = changed
        plan.saves[:] = [s for s in plan.saves if s.id != cid] + [changed]
        result.add("updated", f"note on {c.name}", "added to their notes", note.line)
