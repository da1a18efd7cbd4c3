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
