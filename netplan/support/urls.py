"""Profile URLs as keys: the same page written two ways gives the same key."""

from __future__ import annotations

import re

_SCHEME = re.compile(r"^[a-z][a-z0-9+.-]*://")


def normalise_url(url: str) -> str:
    """`https://www.LinkedIn.com/in/ada/?trk=x` → `linkedin.com/in/ada`."""
    u = url.strip().lower()
    u = _SCHEME.sub("", u)
    u = u.split("#", 1)[0].split("?", 1)[0]
    if u.startswith("www."):
        u = u[4:]
    return u.rstrip("/")


def profile_url(links: object) -> str:
    """A contact's LinkedIn profile as a key ("" when there is none)."""
    url = links.get("linkedin") if isinstance(links, dict) else None
    return normalise_url(str(url)) if url else ""
