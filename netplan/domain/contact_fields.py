"""A contact's typed fields as a person types them: lists, e-mails, tags, links, cadence.

Each parser takes what was typed in a form or on the command line and returns the
stored value, or raises ValueError with a message that says what works."""

from __future__ import annotations

import re

from ..support.sanitize import clean

_EMAIL = re.compile(r"^[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>.]+$")
LINK_KINDS = ("linkedin", "github", "x", "site")
MAX_CADENCE = 3650


def split_list(text: str | None) -> list[str]:
    """`a, b,,c` -> [a, b, c]: comma-separated fields (tags, e-mails, names)."""
    if not text:
        return []
    seen: list[str] = []
    for part in clean(text).split(","):
        part = part.strip()
        if part and part not in seen:
            seen.append(part)
    return seen


def parse_emails(text: str | None) -> tuple[str, ...]:
    emails = split_list(text)
    for e in emails:
        if not _EMAIL.match(e):
            raise ValueError(f"{e!r} is not an e-mail address (like ada@example.com)")
    return tuple(emails)


def parse_tags(text: str | None) -> tuple[str, ...]:
    return tuple(split_list(text))


def parse_cadence(text: str | int | None) -> int | None:
    """Keep-in-touch cadence in days: a whole number from 1; empty means none."""
    if text is None or str(text).strip() == "":
        return None
    s = str(text).strip().lower().removesuffix("days").removesuffix("d").strip()
    try:
        n = int(s)
    except ValueError:
        raise ValueError(f"{text!r} is not a number of days (like 30)") from None
    if n < 1 or n > MAX_CADENCE:
        raise ValueError(f"the cadence must be between 1 and {MAX_CADENCE} days")
    return n


def link_kind(url: str) -> str:
    """Which slot a bare URL belongs in: linkedin, github, x or site."""
    u = url.lower()
    if "linkedin.com" in u:
        return "linkedin"
    if "github.com" in u:
        return "github"
    if "twitter.com" in u or re.search(r"(^|//|\.)x\.com", u):
        return "x"
    return "site"


def add_link(links: dict[str, str], url: str) -> dict[str, str]:
    """Put a URL (or `kind=url`) into the links dict without overwriting another kind's."""
    url = clean(url).strip()
    if not url:
        return links
    out = dict(links)
    kind, sep, rest = url.partition("=")
    if sep and kind.strip().isidentifier() and rest.strip():
        out[kind.strip().lower()] = rest.strip()
        return out
    key = link_kind(url)
    n = 2
    base = key
    while key in out and out[key] != url:
        key = f"{base}{n}"
        n += 1
    out[key] = url
    return out


def format_links(links: dict[str, str]) -> str:
    return "\n".join(f"{k}={v}" for k, v in links.items())


def parse_links(text: str | None) -> dict[str, str]:
    """One link per line (or comma-separated): `linkedin=https://…` or a bare URL."""
    links: dict[str, str] = {}
    for raw in re.split(r"[\n,]", text or ""):
        raw = raw.strip()
        if raw:
            links = add_link(links, raw)
    return links


# -- phone numbers ----------------------------------------------------------------------

_PHONE_CHARS = re.compile(r"^\+?[0-9 ()./\-]*(?:\s*(?:x|ext\.?)\s*[0-9]+)?$", re.IGNORECASE)
# What people call a phone's type; the stored types are records.PHONE_TYPES.
PHONE_TYPE_WORDS = {
    "mobile": "mobile", "cell": "mobile", "cellphone": "mobile", "mob": "mobile",
    "work": "work", "office": "work", "home": "home", "other": "other", "voice": "other",
}
DEFAULT_PHONE_TYPE = "mobile"


def parse_phone(text: str) -> dict[str, str] | None:
    """`work:+44 20 7946 0000` or a bare number (a mobile) -> {type, number}; None for
    empty text; ValueError for a type netplan does not know or text that is no number."""
    text = " ".join(clean(text).split())
    if not text:
        return None
    kind, sep, number = text.partition(":")
    if sep:
        word = kind.strip().casefold()
        if word not in PHONE_TYPE_WORDS:
            raise ValueError(f"{kind.strip()!r} is not a phone type "
                             "(use mobile, work, home or other, like work:+44 20 7946 0000)")
        kind, number = PHONE_TYPE_WORDS[word], number.strip()
    else:
        kind, number = DEFAULT_PHONE_TYPE, text
    digits = sum(ch.isdigit() for ch in number)
    if not number or not _PHONE_CHARS.match(number) or digits < 3 or digits > 20:
        raise ValueError(f"{number!r} is not a phone number (like +44 7700 900123)")
    return {"type": kind, "number": number}


def parse_phones(texts: str | list[str] | None) -> tuple[dict[str, str], ...]:
    """Several numbers, comma-separated (a form) or one per item (the command line)."""
    items = split_list(texts) if isinstance(texts, str) or texts is None else list(texts)
    out: list[dict[str, str]] = []
    for item in items:
        phone = parse_phone(item)
        if phone is not None and phone not in out:
            out.append(phone)
    return tuple(out)


def format_phones(phones: tuple[dict[str, str], ...]) -> str:
    """What the form shows and parse_phones reads back: `mobile:+44 …, work:+1 …`."""
    return ", ".join(f"{p['type']}:{p['number']}" for p in phones)
