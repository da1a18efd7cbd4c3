"""vCard 2.1 / 3.0 / 4.0 in and out: one `.vcf` per contact, or one file of many.

Hand-written over `contentline` rather than vobject: netplan needs only a dozen
properties, must keep every other line verbatim for the round trip, and must report
errors with line numbers, which vobject does not do.

A card read in is kept whole on the contact (`extra["vcard"]`, see `vcard_card.py`) and
written back from there: its UID as spelled (upper case, `urn:uuid:`, khard's and
Google's own), its version, groups and parameters. The UID is also kept beside the
contact (`vcard_uid`) when it is not exactly the contact's id, so re-imports match.
Cards that are not people (`KIND:org`, Apple's company cards) are skipped and reported.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..domain.companies import moved
from ..domain.contact_fields import format_phones
from ..store.records import Contact, now_iso
from ..support.sanitize import snippet
from .contentline import ContentLine, parse_line, unfold
from .files import TransferError, read_text
from .import_plan import ImportResult, Plan
from .matching import Incoming, canonical_uuid, describe_change, merge_contacts
from .vcard_card import PRODID, kept_card, read_fields, same, template_of
from .vcard_card_writing import card_text

if TYPE_CHECKING:
    from ..store.database import Store

__all__ = ["PRODID", "card_text", "parse_path", "parse_text", "merge_vcard", "cards_for"]
VERSIONS = ("2.1", "3.0", "4.0")


# -- reading -------------------------------------------------------------------------


@dataclass
class VCards:
    source: str
    people: list[Incoming] = field(default_factory=list)
    skipped: list[tuple[int, str, str]] = field(default_factory=list)
    kind: str = "vcard"

    def plan(self, store: Store) -> Plan:
        result = ImportResult(self.kind, self.source)
        saves = merge_contacts(self.people, store.all(Contact), result, merge_vcard,
                               use_email=True)
        for line, label, reason in self.skipped:
            result.add("skipped", label, reason, line)
        return Plan(result, saves=saves)


def parse_path(path: str | Path) -> VCards:
    """One `.vcf` with any number of cards, or a folder of them (vdirsyncer, khard)."""
    p = Path(path).expanduser()
    if not p.is_dir():
        return parse_text(read_text(p), source=str(p))
    files = sorted(f for f in p.iterdir() if f.suffix.lower() == ".vcf" and f.is_file())
    if not files:
        raise TransferError("holds no .vcf files", path=p)
    cards = VCards(str(p))
    for f in files:
        one = parse_text(read_text(f), source=str(f))
        cards.people.extend(one.people)
        cards.skipped.extend((line, f"{f.name}: {label}", reason)
                             for line, label, reason in one.skipped)
    return cards


def parse_text(text: str, *, source: str = "contacts.vcf") -> VCards:
    cards = VCards(source)
    for begin, lines in card_blocks(text, source):
        _read_card(cards, lines, begin)
    if not cards.people and not cards.skipped:
        raise TransferError("holds no vCards (BEGIN:VCARD … END:VCARD)", path=source, line=1)
    return cards


def card_blocks(text: str, source: str) -> Iterable[tuple[int, list[ContentLine]]]:
    """Each card of a file: the line it begins on and its lines (BEGIN/END left out)."""
    current: list[ContentLine] | None = None
    begin = 0
    for number, raw in unfold(text):
        if not raw.strip():
            continue
        cl = parse_line(raw, number, source)
        value = cl.value.strip().upper()
        if cl.name == "BEGIN" and value == "VCARD":
            if current is not None:
                raise TransferError(f"BEGIN:VCARD inside the card that starts at line {begin}",
                                    path=source, line=number)
            current, begin = [], number
        elif cl.name == "END" and value == "VCARD":
            if current is None:
                raise TransferError("END:VCARD without BEGIN:VCARD", path=source, line=number)
            yield begin, current
            current = None
        elif current is None:
            raise TransferError(f"{cl.name} outside BEGIN:VCARD … END:VCARD",
                                path=source, line=number)
        else:
            current.append(cl)
    if current is not None:
        raise TransferError(f"the card that starts at line {begin} has no END:VCARD",
                            path=source, line=begin)


def card_version(lines: list[ContentLine]) -> str:
    return next((cl.value.strip() for cl in lines if cl.name == "VERSION"), "3.0")


def contact_from_card(lines: list[ContentLine]) -> tuple[Contact | None, str]:
    """The contact a card describes, or None and why it is not one."""
    version = card_version(lines)
    if version not in VERSIONS:
        return None, f"vCard version {snippet(version, 20)!r} is not supported"
    got = read_fields(lines)
    if got.not_a_person:
        return None, got.not_a_person
    if not got.name:
        return None, "the card has no FN or N (no name)"
    contact_id = _id_for(got.uid or None)
    kept = kept_card(version, lines)
    if not got.uid:  # the card is given the contact's id as its UID, once
        kept["lines"].insert(0, f"UID:{contact_id}")
    extra: dict[str, Any] = {"vcard": kept}
    if got.uid and got.uid != contact_id:
        extra["vcard_uid"] = got.uid
    contact = Contact(
        id=contact_id, name=got.name, company=got.company, role=got.role,
        location=got.location, emails=got.emails, phones=got.phones, links=dict(got.links),
        tags=got.tags,
        notes=got.notes, extra=extra,
    )
    return contact, ""


def _read_card(cards: VCards, lines: list[ContentLine], begin: int) -> None:
    contact, why = contact_from_card(lines)
    if contact is None:
        label = read_fields(lines).name or "(a card)"
        cards.skipped.append((begin, label, why))
        return
    uid = read_fields(lines).uid or None
    cards.people.append(Incoming(begin, contact, uid=uid))


def _id_for(uid: str | None) -> str:
    """netplan's ids are UUIDs: a UUID UID in any spelling gives the id, any other a new one."""
    if not uid:
        return str(uuid.uuid4())
    return canonical_uuid(uid) or str(uuid.uuid4())


VCARD_FIELDS = ("name", "company", "role", "location", "notes")


def _card_uid(c: Contact) -> str:
    card = template_of(c)
    return read_fields(card[1]).uid if card else ""


def is_its_card(old: Contact, uid: str) -> bool:
    """The card is this contact's own (an export of it, edited in khard or on a phone):
    its UID is the contact's id, in any spelling, or one the contact keeps."""
    if not uid:
        return False
    return (uid in (old.id, old.extra.get("vcard_uid"), *old.other_uids)
            or canonical_uuid(uid) == old.id)


def merge_vcard(old: Contact, new: Contact) -> tuple[Contact, list[str]]:
    """Bring a card's word into a contact it matched.

    The contact's own card (matched by its UID) is the newer word on what it holds: its
    values replace netplan's, and what it leaves empty is kept. Another tool's card about
    the same person (matched by profile URL, e-mail or name) only adds: it fills empty
    fields and adds e-mails, phones, tags and links netplan lacks, and never renames or
    moves anyone (a phone's "Kate Lee" or a typo does not replace "Katherine Lee")."""
    uid = _card_uid(new)
    own = is_its_card(old, uid)
    # The card as netplan last read it: a field the card still has as it was is not news
    # (netplan's own edit since then stands); only what changed on the card is taken.
    kept = template_of(old) if own else None
    base = read_fields(kept[1]).values() if kept else None

    def news(name: str, value: Any) -> bool:
        return base is None or not same(name, value, base[name])

    changes: list[str] = []
    fields: dict[str, Any] = {}
    for name in VCARD_FIELDS:
        value, before = getattr(new, name), getattr(old, name)
        if value and value != before and (not before or own and news(name, value)):
            changes.append(describe_change(name, before, value))
            fields[name] = value
    for name in ("emails", "tags", "phones"):
        value, before = tuple(getattr(new, name)), tuple(getattr(old, name))
        if not own:
            value = before + tuple(v for v in value if v not in before)
        elif not news(name, value):
            continue
        if value and value != before:
            changes.append(describe_change(name, _shown(name, before), _shown(name, value)))
            fields[name] = value
    links = {**old.links, **new.links} if own else {**new.links, **old.links}
    if links != old.links:
        changed = [k for k in links if old.links.get(k) != links[k]]
        changes.append("links " + ", ".join(changed) + " set")
        fields["links"] = links
    extra = {**old.extra}
    for key in ("vcard_extra", "vcard_mapped"):  # what older versions kept of a card
        extra.pop(key, None)
    if own or "vcard" not in old.extra:
        if "vcard" in new.extra:
            extra["vcard"] = new.extra["vcard"]
        if uid and uid != old.id:
            extra["vcard_uid"] = uid
    elif uid and uid not in old.other_uids:  # its own card stays; this one's UID matches next time
        fields["other_uids"] = (*old.other_uids, uid)
    if extra != old.extra:
        if not changes:
            changes.append("other vCard fields changed")
        fields["extra"] = extra
    if not changes:
        return old, []
    return moved(old, old.replace(**fields, updated=now_iso())), changes


def _shown(name: str, values: tuple) -> tuple:
    """Values for a change line: phones as the form shows them."""
    return tuple(format_phones((v,)) for v in values) if name == "phones" else values


# -- writing -------------------------------------------------------------------------


def file_name(c: Contact) -> str:
    return safe_file_name(c.id) + ".vcf"


def safe_file_name(text: str) -> str:
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "._-") else "_"
                   for ch in text)[:120] or "card"


def written_by_netplan(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return b"PRODID:-//netplan//" in fh.read(4096)
    except OSError:
        return False


def cards_for(contacts: Iterable[Contact]) -> dict[str, bytes]:
    return {file_name(c): card_text(c).encode("utf-8") for c in contacts}


def cards_file(contacts: Iterable[Contact]) -> bytes:
    """Every card in one `.vcf`, the file a phone's "import contacts" takes."""
    return "".join(card_text(c) for c in contacts).encode("utf-8")
