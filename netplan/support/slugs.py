"""Names turned into pieces of file names and ids."""

from __future__ import annotations

import re
import unicodedata

from .sanitize import clean


def slug(text: object, *, limit: int = 48) -> str:
    """`Ada Lovelace!` -> `ada-lovelace`: letters and digits of any script, joined by `-`."""
    s = re.sub(r"[^\w]+", "-", clean(text).casefold()).strip("-_")
    return s[:limit].strip("-_")


def ascii_slug(name: str, sep: str = ".") -> str:
    """`Zoë Müller` -> `zoe.muller`: what an e-mail address or a profile URL would hold."""
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    return sep.join(p for p in re.split(r"[^a-z0-9]+", plain.lower()) if p)
