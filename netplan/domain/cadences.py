"""Keep-in-touch cadences by tag ("every contact tagged close every 90 days"): setting,
clearing and listing them. How they count toward a follow-up is followups.cadence_of."""

from __future__ import annotations

from ..store import Store
from ..store.records import TagCadence
from ..support.sanitize import clean
from .contact_fields import parse_cadence


class CadenceError(ValueError):
    """A tag or a number of days that cannot be used; the message says what works."""


def normal_tag(text: str) -> str:
    """A tag as typed, cleaned; CadenceError for an empty one or one with a comma."""
    tag = " ".join(clean(text).split())
    if not tag:
        raise CadenceError("a tag is needed (like close)")
    if "," in tag:
        raise CadenceError(f"{tag!r} is more than one tag; set one tag at a time")
    return tag


def listed(store: Store) -> list[TagCadence]:
    """The tag cadences, by tag."""
    return sorted(store.all(TagCadence), key=lambda r: r.tag.casefold())


def find(store: Store, tag: str) -> TagCadence | None:
    key = tag.casefold()
    return next((r for r in store.all(TagCadence) if r.tag.casefold() == key), None)


def set_cadence(store: Store, tag: str, days: str | int) -> TagCadence:
    """Set (or change) the cadence of a tag, in one write; any record of the same tag in
    another case is replaced by this one."""
    tag = normal_tag(tag)
    try:
        n = parse_cadence(days)
    except ValueError as exc:
        raise CadenceError(str(exc)) from None
    if n is None:
        raise CadenceError("a number of days is needed (like 90)")
    with store.transaction(f"Cadence for {tag}"):
        same = [r for r in store.all(TagCadence) if r.tag.casefold() == tag.casefold()]
        record = (same[0] if same else TagCadence()).replace(tag=tag, cadence_days=n)
        for other in same[1:]:
            store.delete(TagCadence, other.id)
        store.save(record)
    return record


def clear_cadence(store: Store, tag: str) -> bool:
    """Drop a tag's cadence; False when it had none."""
    tag = normal_tag(tag)
    with store.transaction(f"Cadence for {tag} cleared"):
        same = [r for r in store.all(TagCadence) if r.tag.casefold() == tag.casefold()]
        for r in same:
            store.delete(TagCadence, r.id)
    return bool(same)


def covers(store: Store, tags: tuple[str, ...]) -> bool:
    """Whether one of these tags has a cadence (a new contact then needs none of its own)."""
    wanted = {t.casefold() for t in tags}
    return any(r.tag.casefold() in wanted for r in store.all(TagCadence))
