"""vCard 2.1 / 3.0 / 4.0 in, vCard 3.0 out (one `.vcf` per contact, UID = contact id).

Hand-written over `contentline` rather than vobject: netplan needs only a dozen
properties, must keep every other line verbatim for the round trip, and must report
errors with line numbers, which vobject does not do.

What netplan has no field for is kept on the contact in `extra` (the store keeps
unknown fields) and written back on export:
- `vcard_extra`: the other lines as read (TEL, BDAY, PHOTO, X-…), unfolded;
- `vcard_mapped`: for N, ORG and ADR, which hold more than netplan keeps, the raw line
  and the value it was read into; the raw line is written back while netplan's value
  is still that one (so an edited company is not overwritten by the old ORG);
- `vcard_uid`: a UID that is not a UUID (netplan's ids are), so re-imports still match.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import __version__
from ..domain.companies import moved
from ..store.records import Contact, now_iso
from ..support.sanitize import clean, snippet
from .contentline import (
    ContentLine,
    escape,
    fold,
    parse_line,
    split_unescaped,
    unescape,
    unfold,
)
from .files import TransferError, read_text
from .import_plan import ImportResult, Plan
from .matching import Incoming, describe_change, merge_contacts

if TYPE_CHECKING:
    from ..store.database import Store

PRODID = f"-//netplan//netplan {__version__}//EN"
VERSIONS = ("2.1", "3.0", "4.0")
DROPPED = {"BEGIN", "END", "VERSION", "PRODID", "REV"}  # rewritten on export
LINK_KINDS = {"linkedin.com": "linkedin", "github.com": "github", "twitter.com": "x",
              "x.com": "x"}
GENERIC_TYPES = {"work", "home", "pref", "internet", "x-internet", "other"}
_SAFE_FILE = re.compile(r"[^A-Za-z0-9._-]")


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
            _read_card(cards, current, begin)
            current = None
        elif current is None:
            raise TransferError(f"{cl.name} outside BEGIN:VCARD … END:VCARD",
                                path=source, line=number)
        else:
            current.append(cl)
    if current is not None:
        raise TransferError(f"the card that starts at line {begin} has no END:VCARD",
                            path=source, line=begin)
    if not cards.people and not cards.skipped:
        raise TransferError("holds no vCards (BEGIN:VCARD … END:VCARD)", path=source, line=1)
    return cards


def _text(cl: ContentLine, *, multiline: bool = False) -> str:
    return clean(unescape(cl.decoded()), multiline=multiline).strip()


def _parts(cl: ContentLine, sep: str = ";") -> list[str]:
    return [clean(unescape(p)).strip() for p in split_unescaped(cl.decoded(), sep)]


def name_from_n(parts: list[str]) -> str:
    # N is family;given;additional;prefix;suffix; a name reads prefix given … family suffix.
    parts = (parts + [""] * 5)[:5]
    family, given, additional, prefix, suffix = parts
    return " ".join(p for p in (prefix, given, additional, family, suffix) if p)


def location_from_adr(parts: list[str]) -> str:
    # ADR is pobox;extended;street;locality;region;code;country: netplan keeps the place.
    parts = (parts + [""] * 7)[:7]
    return ", ".join(p for p in (parts[3], parts[4], parts[6]) if p)


def link_kind(url: str, cl: ContentLine | None = None) -> str:
    if cl is not None:
        for t in sorted(cl.types() - GENERIC_TYPES):
            if re.fullmatch(r"[a-z0-9_-]{1,20}", t):
                return t
    host = re.sub(r"^[a-z]+://", "", url.lower()).split("/", 1)[0].removeprefix("www.")
    for domain, kind in LINK_KINDS.items():
        if host == domain or host.endswith("." + domain):
            return kind
    return "site"


def _read_card(cards: VCards, lines: list[ContentLine], begin: int) -> None:
    version = next((cl.value.strip() for cl in lines if cl.name == "VERSION"), "3.0")
    if version not in VERSIONS:
        cards.skipped.append(
            (begin, "(a card)", f"vCard version {snippet(version, 20)!r} is not supported"))
        return
    fn = name = company = role = location = ""
    emails: list[str] = []
    links: dict[str, str] = {}
    tags: list[str] = []
    notes: list[str] = []
    extra_lines: list[str] = []
    mapped: dict[str, list[str]] = {}
    uid: str | None = None
    for cl in lines:
        kind = cl.name
        if kind in DROPPED:
            continue
        if kind == "FN" and not fn:
            fn = _text(cl)
        elif kind == "N" and "N" not in mapped:
            name = name_from_n(_parts(cl))
            mapped["N"] = [name, clean(cl.raw)]
        elif kind == "EMAIL":
            email = _text(cl).removeprefix("mailto:")
            if email and email.casefold() not in {e.casefold() for e in emails}:
                emails.append(email)
        elif kind == "URL" and _text(cl) and link_kind(_text(cl), cl) not in links:
            links[link_kind(_text(cl), cl)] = _text(cl)
        elif kind == "ORG" and "ORG" not in mapped:
            company = next((p for p in _parts(cl) if p), "")
            mapped["ORG"] = [company, clean(cl.raw)]
        elif kind == "TITLE" and not role:
            role = _text(cl)
        elif kind == "NOTE":
            notes.append(_text(cl, multiline=True))
        elif kind == "CATEGORIES":
            for tag in _parts(cl, ","):
                if tag and tag not in tags:
                    tags.append(tag)
        elif kind == "ADR" and "ADR" not in mapped:
            location = location_from_adr(_parts(cl))
            mapped["ADR"] = [location, clean(cl.raw)]
        elif kind == "UID" and uid is None:
            uid = _text(cl) or None
        else:
            extra_lines.append(clean(cl.raw))
    display = fn or name
    if not display:
        cards.skipped.append((begin, "(a card)", "the card has no FN or N (no name)"))
        return
    # A raw N stands for the name netplan shows; keep raw lines only where they say
    # more than what export would write anyway.
    if "N" in mapped:
        mapped["N"][0] = display
    generated = {"N": "N:" + _n_for(display), "ORG": f"ORG:{escape(company)}",
                 "ADR": f"ADR:;;;{escape(location)};;;"}
    mapped = {k: v for k, v in mapped.items() if v[1] != generated[k]}
    extra: dict[str, Any] = {}
    if extra_lines:
        extra["vcard_extra"] = extra_lines
    if mapped:
        extra["vcard_mapped"] = mapped
    contact_id, uid_key = _id_for(uid)
    if uid_key:
        extra["vcard_uid"] = uid_key
    contact = Contact(
        id=contact_id, name=display, company=company, role=role, location=location,
        emails=tuple(emails), links=links, tags=tuple(tags),
        notes="\n\n".join(n for n in notes if n), extra=extra,
    )
    cards.people.append(Incoming(begin, contact, uid=uid_key or contact_id if uid else None))


def _id_for(uid: str | None) -> tuple[str, str | None]:
    """netplan's ids are UUIDs: a UUID UID becomes the id, any other is kept beside it."""
    if not uid:
        return str(uuid.uuid4()), None
    bare = uid.removeprefix("urn:uuid:")
    try:
        return str(uuid.UUID(bare)), None
    except ValueError:
        return str(uuid.uuid4()), uid


VCARD_FIELDS = ("name", "company", "role", "location", "notes")


def merge_vcard(old: Contact, new: Contact) -> tuple[Contact, list[str]]:
    """The card is the newer word on what it holds; what it leaves empty is kept."""
    changes: list[str] = []
    fields: dict[str, Any] = {}
    for name in VCARD_FIELDS:
        value = getattr(new, name)
        if value and value != getattr(old, name):
            changes.append(describe_change(name, getattr(old, name), value))
            fields[name] = value
    for name in ("emails", "tags"):
        value = getattr(new, name)
        if value and tuple(value) != tuple(getattr(old, name)):
            changes.append(describe_change(name, getattr(old, name), value))
            fields[name] = tuple(value)
    links = {**old.links, **new.links}
    if links != old.links:
        changed = [k for k in new.links if old.links.get(k) != new.links[k]]
        changes.append("links " + ", ".join(changed) + " set")
        fields["links"] = links
    extra = {**old.extra}
    for key in ("vcard_extra", "vcard_mapped", "vcard_uid"):
        if key in new.extra:
            extra[key] = new.extra[key]
    if extra != old.extra:
        if not changes:
            changes.append("other vCard fields changed")
        fields["extra"] = extra
    if not changes:
        return old, []
    return moved(old, old.replace(**fields, updated=now_iso())), changes


# -- writing -------------------------------------------------------------------------


def card_text(c: Contact) -> str:
    """One vCard 3.0 for a contact, CRLF line ends, folded at 75 octets."""
    mapped = c.extra.get("vcard_mapped") if isinstance(c.extra.get("vcard_mapped"), dict) else {}

    def kept(prop: str, current: str) -> str | None:
        entry = mapped.get(prop)
        if isinstance(entry, list) and len(entry) == 2 and entry[0] == current and entry[1]:
            return str(entry[1])
        return None

    name = c.name or "(no name)"
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"PRODID:{PRODID}", f"UID:{c.id}",
             f"FN:{escape(name)}"]
    lines.append(kept("N", c.name) or "N:" + _n_for(name))
    if c.company:
        lines.append(kept("ORG", c.company) or f"ORG:{escape(c.company)}")
    if c.role:
        lines.append(f"TITLE:{escape(c.role)}")
    for email in c.emails:
        lines.append(f"EMAIL:{escape(str(email))}")
    for kind, url in (c.links or {}).items():
        if url:
            label = re.sub(r"[^a-z0-9_-]", "", str(kind).lower())[:20] or "site"
            lines.append(f"URL;TYPE={label}:{url}")
    if c.location:
        lines.append(kept("ADR", c.location) or f"ADR:;;;{escape(c.location)};;;")
    if c.tags:
        lines.append("CATEGORIES:" + ",".join(escape(str(t)) for t in c.tags))
    if c.notes:
        lines.append(f"NOTE:{escape(c.notes)}")
    extra = c.extra.get("vcard_extra")
    if isinstance(extra, list):
        lines.extend(str(x) for x in extra if isinstance(x, str) and ":" in x)
    lines.append("END:VCARD")
    return "".join(fold(clean(line)) for line in lines)


def _n_for(name: str) -> str:
    words = name.split()
    if len(words) < 2:
        return f";{escape(name)};;;"
    return f"{escape(words[-1])};{escape(' '.join(words[:-1]))};;;"


def file_name(c: Contact) -> str:
    return _SAFE_FILE.sub("_", c.id) + ".vcf"


def written_by_netplan(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return b"PRODID:-//netplan//" in fh.read(4096)
    except OSError:
        return False


def cards_for(contacts: Iterable[Contact]) -> dict[str, bytes]:
    return {file_name(c): card_text(c).encode("utf-8") for c in contacts}
