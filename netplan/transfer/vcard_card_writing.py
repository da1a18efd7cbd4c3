"""Writing an edited contact back into its kept vCard without losing what netplan has no
field for: unchanged values keep their line byte for byte, a changed value keeps its
line's group and parameters, an emptied field loses its lines (and their group's), a new
value gets a new line; a contact without a card gets a fresh 3.0 card."""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..store.records import Contact
from ..support.sanitize import clean
from .contentline import ContentLine, escape, fold, parse_line
from .files import TransferError
from .vcard_card import (
    ENVELOPE,
    PRODID,
    contact_values,
    email_of,
    link_kind,
    phone_from_tel,
    read_fields,
    same,
    template_of,
    text_of,
)

_TEL_TYPE_OUT = {"mobile": "CELL", "work": "WORK,VOICE", "home": "HOME,VOICE", "other": "VOICE"}
_PARAM_NEEDS_QUOTES = re.compile(r'[:;,]')


def format_line(group: str, name: str, params: dict[str, list[str]], value: str) -> str:
    out = [f"{group}.{name}" if group else name]
    for key, values in params.items():
        if values == [""]:
            out.append(f";{key}")
            continue
        shown = [f'"{v}"' if _PARAM_NEEDS_QUOTES.search(v) else v for v in values]
        out.append(f";{key}={','.join(shown)}")
    return "".join(out) + ":" + value


def _with_value(cl: ContentLine, value: str) -> ContentLine:
    """The same line (group, parameters) holding a new value; a quoted-printable line's
    encoding goes, since the new value is written plain."""
    params = {k: v for k, v in cl.params.items()
              if k not in ("ENCODING", "CHARSET", "QUOTED-PRINTABLE")}
    raw = format_line(cl.group, cl.name, params, value)
    return ContentLine(cl.name, params, value, cl.line, raw, cl.group)


def _new(name: str, value: str, params: dict[str, list[str]] | None = None) -> ContentLine:
    params = params or {}
    return ContentLine(name, params, value, 0, format_line("", name, params, value))


def n_value(name: str) -> str:
    words = name.split()
    if len(words) < 2:
        return f";{escape(name)};;;"
    return f"{escape(words[-1])};{escape(' '.join(words[:-1]))};;;"


def _value_for(prop: str, value: str) -> str:
    if prop == "ADR":
        return f";;;{escape(value)};;;"
    if prop == "N":
        return n_value(value)
    return escape(value)


class _Lines:
    """A card's lines being edited; dropping a grouped line drops its whole group."""

    def __init__(self, lines: Iterable[ContentLine]):
        self.lines: list[ContentLine | None] = list(lines)

    def of(self, prop: str) -> list[int]:
        return [i for i, cl in enumerate(self.lines) if cl is not None and cl.name == prop]

    def drop(self, i: int) -> None:
        cl = self.lines[i]
        if cl is None:
            return
        self.lines[i] = None
        if cl.group:
            group = cl.group.casefold()
            for j, other in enumerate(self.lines):
                if other is not None and other.group.casefold() == group:
                    self.lines[j] = None

    def insert_after(self, props: tuple[str, ...], new: list[ContentLine]) -> None:
        at = max((i for p in props for i in self.of(p)), default=len(self.lines) - 1)
        self.lines[at + 1:at + 1] = new

    def single(self, prop: str, value: str, formatted: str | None = None) -> None:
        """One value for `prop`: the first line gets it, the others go; empty: all go."""
        where = self.of(prop)
        if not value:
            for i in where:
                self.drop(i)
            return
        text = _value_for(prop, value) if formatted is None else formatted
        if where:
            self.lines[where[0]] = _with_value(self.lines[where[0]], text)
            for i in where[1:]:
                self.drop(i)
        else:
            self.insert_after(("FN", "N", "ORG", "TITLE"), [_new(prop, text)])

    def done(self) -> list[ContentLine]:
        return [cl for cl in self.lines if cl is not None]


def render_lines(c: Contact, lines: list[ContentLine]) -> list[ContentLine]:
    """The card's lines with the contact's values put in where they differ."""
    was = read_fields(lines)
    now = contact_values(c)
    card = _Lines(lines)
    if now["name"] != was.name:
        card.single("FN", now["name"] or "(no name)")
        card.single("N", now["name"] or "(no name)")
    if now["company"] != was.company:
        card.single("ORG", now["company"])
    if now["role"] != was.role:
        card.single("TITLE", now["role"])
    if now["location"] != was.location:
        card.single("ADR", now["location"])
    if now["notes"] != was.notes:
        card.single("NOTE", now["notes"])
    if now["tags"] != was.tags:
        # CATEGORIES is a list: its commas separate, each tag's own are escaped.
        card.single("CATEGORIES", ",".join(now["tags"]),
                    ",".join(escape(t) for t in now["tags"]))
    if not same("emails", now["emails"], was.emails):
        _emails(card, now["emails"])
    if not same("phones", now["phones"], was.phones):
        _phones(card, now["phones"])
    if now["links"] != was.links:
        _links(card, now["links"])
    return card.done()


def _emails(card: _Lines, emails: tuple[str, ...]) -> None:
    """The EMAIL lines in netplan's order: a kept address keeps its line (TYPE, PREF,
    group), a removed one loses it, a new one gets a plain line."""
    where = card.of("EMAIL")
    by_address: dict[str, ContentLine] = {}
    for i in where:
        by_address.setdefault(email_of(card.lines[i]).casefold(), card.lines[i])
    wanted = [by_address.get(e.casefold()) or _new("EMAIL", escape(e)) for e in emails]
    if not where:
        card.insert_after(("FN", "N", "ORG", "TITLE"), wanted)
        return
    keep = {id(cl) for cl in wanted}
    for i in where:
        if id(card.lines[i]) not in keep:
            card.drop(i)  # with its group's label
        else:
            card.lines[i] = None  # placed again below, in netplan's order
    card.lines[where[0]:where[0] + 1] = wanted


def _phones(card: _Lines, phones: tuple[dict[str, str], ...]) -> None:
    """The TEL lines that are phones, in netplan's order: a kept number of the same type
    keeps its line (group, PREF), a removed one loses it, a new one gets a typed line.
    A fax or pager line is not a phone to netplan and stays as it is."""
    where = [i for i in card.of("TEL") if phone_from_tel(card.lines[i]) is not None]
    by_phone: dict[tuple[str, str], ContentLine] = {}
    for i in where:
        got = phone_from_tel(card.lines[i])
        by_phone.setdefault((got["type"], got["number"]), card.lines[i])
    wanted = [by_phone.get((p["type"], p["number"]))
              or _new("TEL", escape(p["number"]),
                      {"TYPE": _TEL_TYPE_OUT.get(p["type"], "VOICE").split(",")})
              for p in phones]
    if not where:
        card.insert_after(("EMAIL", "FN", "N", "ORG", "TITLE"), wanted)
        return
    keep = {id(cl) for cl in wanted}
    for i in where:
        if id(card.lines[i]) not in keep:
            card.drop(i)
        else:
            card.lines[i] = None
    card.lines[where[0]:where[0] + 1] = wanted


def _links(card: _Lines, links: dict[str, str]) -> None:
    where = card.of("URL")
    found: dict[str, int] = {}
    for i in where:
        url = text_of(card.lines[i])
        kind = link_kind(url, card.lines[i])
        if url and kind not in found:
            found[kind] = i
    for kind, i in found.items():
        if kind not in links:
            card.drop(i)
        elif links[kind] != text_of(card.lines[i]):
            card.lines[i] = _with_value(card.lines[i], links[kind])
    new = []
    for kind, url in links.items():
        if kind not in found and url and "\n" not in url:
            label = re.sub(r"[^a-z0-9_-]", "", kind.lower())[:20] or "site"
            new.append(_new("URL", url, {"TYPE": [label]}))
    if new:
        card.insert_after(("URL", "EMAIL", "TITLE", "ORG", "FN"), new)


def fresh_lines(c: Contact, uid: str) -> list[ContentLine]:
    """The lines of a card netplan writes for a contact it has no card of."""
    name = c.name or "(no name)"
    lines = [_new("UID", uid), _new("FN", escape(name)), _new("N", n_value(name))]
    return render_lines(c, lines)


def card_text(c: Contact, template: tuple[str, list[ContentLine]] | None = None) -> str:
    """One vCard for a contact, CRLF line ends, folded at 75 octets: its kept card (or
    `template`, the card in the folder) with netplan's values put in, else a new 3.0 card."""
    template = template or template_of(c) or legacy_template(c)
    version, lines = template
    lines = [cl for cl in lines if cl.name not in ENVELOPE]
    body = render_lines(c, lines) if lines else fresh_lines(c, c.id)
    if not any(cl.name == "UID" for cl in body):
        body.insert(0, _new("UID", c.id))
    if version != "4.0" and not any(cl.name == "N" for cl in body):
        body.insert(1, _new("N", n_value(c.name or "(no name)")))  # 2.1 and 3.0 need N
    out = ["BEGIN:VCARD", f"VERSION:{version}", f"PRODID:{PRODID}",
           *(clean(cl.raw) for cl in body), "END:VCARD"]
    return "".join(fold(line) for line in out)


def legacy_template(c: Contact) -> tuple[str, list[ContentLine]]:
    """The card of a contact imported before cards were kept whole: the lines netplan
    kept then (`vcard_extra`, and `vcard_mapped` for N, ORG and ADR), or none."""
    lines: list[ContentLine] = []
    uid = c.extra.get("vcard_uid")
    if isinstance(uid, str) and uid:
        lines.append(_new("UID", uid))
    mapped = c.extra.get("vcard_mapped")
    mapped = mapped if isinstance(mapped, dict) else {}
    extra = c.extra.get("vcard_extra")
    raws = [str(v[1]) for k, v in mapped.items()
            if isinstance(v, list) and len(v) == 2 and v[0] == contact_values(c).get(
                {"N": "name", "ORG": "company", "ADR": "location"}.get(k, ""))]
    raws += [x for x in extra if isinstance(x, str)] if isinstance(extra, list) else []
    for n, raw in enumerate(raws, 1):
        try:
            lines.append(parse_line(raw, n))
        except TransferError:
            continue
    if not lines:
        return "3.0", []
    have = {cl.name for cl in lines}
    # The kept lines say what they say; netplan's values fill in the rest.
    return "3.0", [cl for cl in fresh_lines(c, uid or c.id) if cl.name not in have] + lines
