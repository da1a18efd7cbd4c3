"""One vCard's lines: what netplan reads from them, and the card a contact keeps
(vcard_card_writing.py writes an edited contact back into it).

A card read from a file is kept on the contact (`extra["vcard"]`: its version and its
lines, unfolded) and is the template every later write starts from: a line whose value
netplan did not change is written back byte for byte (its group, TYPE and PREF
parameters, its UID spelling); a changed value is put into the same line, keeping its
group and parameters; a field emptied in netplan loses its lines (and the lines of
their group, such as Apple's `item1.X-ABLabel`); a new value gets a new line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .. import __version__
from ..store.records import Contact
from ..support.sanitize import clean
from .contentline import (
    ContentLine,
    parse_line,
    split_unescaped,
    unescape,
)
from .files import TransferError

PRODID = f"-//netplan//netplan {__version__}//EN"
# Rewritten on every write: the envelope, who wrote it, and when.
ENVELOPE = {"BEGIN", "END", "VERSION", "PRODID", "REV"}
LINK_KINDS = {"linkedin.com": "linkedin", "github.com": "github", "twitter.com": "x",
              "x.com": "x"}
GENERIC_TYPES = {"work", "home", "pref", "internet", "x-internet", "other"}
# The contact fields a card carries, in the order a sync compares them.
CARD_FIELDS = ("name", "company", "role", "location", "emails", "phones", "links", "tags",
               "notes")


@dataclass
class CardFields:
    """What netplan reads from a card: the contact's fields, the UID as written, and
    whether the card is a person at all (`KIND:org`, Apple's company and group cards)."""

    name: str = ""
    company: str = ""
    role: str = ""
    location: str = ""
    emails: tuple[str, ...] = ()
    phones: tuple[dict[str, str], ...] = ()  # {type: mobile|work|home|other, number}
    links: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    notes: str = ""
    uid: str = ""
    not_a_person: str = ""  # why not: "a company card (KIND:org)"

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in CARD_FIELDS}


def contact_values(c: Contact) -> dict[str, Any]:
    """The contact's values of the fields a card carries, in the card's shape."""
    return {
        "name": c.name, "company": c.company, "role": c.role, "location": c.location,
        "emails": tuple(str(e) for e in c.emails),
        "phones": tuple({"type": str(p.get("type", "other")), "number": str(p.get("number", ""))}
                        for p in c.phones if isinstance(p, dict) and p.get("number")),
        "links": {str(k): str(v) for k, v in (c.links or {}).items() if v},
        "tags": tuple(str(t) for t in c.tags), "notes": c.notes,
    }


def same(name: str, a: Any, b: Any) -> bool:
    """Two values of a card field are the same (e-mail addresses ignore case)."""
    if name == "emails":
        return tuple(x.casefold() for x in a) == tuple(x.casefold() for x in b)
    if name == "links":
        return dict(a) == dict(b)
    if name == "phones":
        return [(p["type"], p["number"]) for p in a] == [(p["type"], p["number"]) for p in b]
    return a == b


# -- reading ---------------------------------------------------------------------------


def text_of(cl: ContentLine, *, multiline: bool = False) -> str:
    return clean(unescape(cl.decoded()), multiline=multiline).strip()


def parts_of(cl: ContentLine, sep: str = ";") -> list[str]:
    return [clean(unescape(p)).strip() for p in split_unescaped(cl.decoded(), sep)]


def name_from_n(parts: list[str]) -> str:
    # N is family;given;additional;prefix;suffix; a name reads prefix given … family suffix.
    family, given, additional, prefix, suffix = (parts + [""] * 5)[:5]
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


def email_of(cl: ContentLine) -> str:
    return text_of(cl).removeprefix("mailto:")


def read_fields(lines: Iterable[ContentLine]) -> CardFields:
    """The fields of one card (its lines between BEGIN and END)."""
    out = CardFields()
    fn = n_name = ""
    seen: set[str] = set()
    emails: list[str] = []
    phones: list[dict[str, str]] = []
    tags: list[str] = []
    notes: list[str] = []
    for cl in lines:
        kind = cl.name
        first = kind not in seen
        seen.add(kind)
        if kind == "FN" and first:
            fn = text_of(cl)
        elif kind == "N" and first:
            n_name = name_from_n(parts_of(cl))
        elif kind == "EMAIL":
            email = email_of(cl)
            if email and email.casefold() not in {e.casefold() for e in emails}:
                emails.append(email)
        elif kind == "TEL":
            phone = phone_from_tel(cl)
            if phone is not None and phone not in phones:
                phones.append(phone)
        elif kind == "URL":
            url = text_of(cl)
            if url and link_kind(url, cl) not in out.links:
                out.links[link_kind(url, cl)] = url
        elif kind == "ORG" and first:
            out.company = next((p for p in parts_of(cl) if p), "")
        elif kind == "TITLE" and first:
            out.role = text_of(cl)
        elif kind == "NOTE":
            notes.append(text_of(cl, multiline=True))
        elif kind == "CATEGORIES":
            tags.extend(t for t in parts_of(cl, ",") if t and t not in tags)
        elif kind == "ADR" and first:
            out.location = location_from_adr(parts_of(cl))
        elif kind == "UID" and first:
            out.uid = text_of(cl)
        elif kind in ("KIND", "X-ADDRESSBOOKSERVER-KIND") and first:
            value = text_of(cl).lower()
            if value in ("org", "group", "location"):
                out.not_a_person = f"a {'company' if value == 'org' else value} card " \
                                   f"({kind}:{value}), not a person"
        elif kind == "X-ABSHOWAS" and text_of(cl).upper() == "COMPANY":
            out.not_a_person = "a company card (X-ABShowAs:COMPANY), not a person"
    out.name = fn or n_name
    out.emails, out.tags, out.phones = tuple(emails), tuple(tags), tuple(phones)
    out.notes = "\n\n".join(n for n in notes if n)
    return out


# vCard TEL types and netplan's phone types, both ways (vCard 3.0 calls a mobile CELL).
_TEL_TYPES = (("cell", "mobile"), ("mobile", "mobile"), ("iphone", "mobile"), ("work", "work"),
              ("home", "home"))
_NOT_A_PHONE = frozenset({"fax", "pager", "textphone", "modem", "bbs", "isdn", "video"})


def phone_from_tel(cl: ContentLine) -> dict[str, str] | None:
    """A TEL line as a phone number {type, number}; None for a fax or pager (those lines
    stay in the card as they are) or an empty one."""
    types = cl.types()
    number = text_of(cl).removeprefix("tel:").strip()
    if not number or types & _NOT_A_PHONE:
        return None
    kind = next((ours for theirs, ours in _TEL_TYPES if theirs in types), "other")
    return {"type": kind, "number": number}


def template_of(c: Contact) -> tuple[str, list[ContentLine]] | None:
    """The card kept on the contact (version, lines), or None when it has none."""
    card = c.extra.get("vcard")
    if not isinstance(card, dict) or not isinstance(card.get("lines"), list):
        return None
    version = card.get("version") if card.get("version") in ("2.1", "3.0", "4.0") else "3.0"
    lines = []
    for n, raw in enumerate(card["lines"], 1):
        if isinstance(raw, str):
            try:
                lines.append(parse_line(raw, n))
            except TransferError:
                continue  # a hand-edited line that is not a content line
    return str(version), lines


def kept_card(version: str, lines: Iterable[ContentLine]) -> dict[str, Any]:
    """What a contact keeps of a card it was read from (`extra["vcard"]`)."""
    return {"version": version,
            "lines": [clean(cl.raw) for cl in lines if cl.name not in ENVELOPE]}
