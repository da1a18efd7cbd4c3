"""Merging two contacts into one (no Textual): the kept contact takes, field by field,
the value the user chose; lists are united; everything that pointed at the other
contact (interactions and prep sheets, referral requests, introductions) points at the
kept one; both vCard UIDs are kept. One transaction, so one step of undo.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..store import Store
from ..store.records import STAGES, Contact, Interaction, Referral, now_iso
from ..support.words import counted
from .companies import moved
from .duplicates import phone_key

# The fields the user picks between, in the form's order, with their labels.
CHOICE_FIELDS: tuple[tuple[str, str], ...] = (
    ("name", "Name"), ("company", "Company"), ("role", "Role"), ("location", "Location"),
    ("how_met", "How met"), ("met_on", "Met on"), ("met_at", "Met at"),
    ("introduced_by", "Introduced by"), ("stage", "Stage"), ("cadence_days", "Cadence"),
    ("next_follow_up", "Follow-up"), ("personal", "Personal"), ("notes", "Notes"),
)
# Lists are united (the kept contact's items first), never chosen between.
UNITED_FIELDS = ("emails", "tags", "past_companies", "phones")
_WARMTH = ("identified", "contacted", "replied", "talked", "ally")


class MergeError(ValueError):
    """The two contacts cannot be merged (the same one, or one is gone)."""


def _empty(value: object) -> bool:
    return value in (None, "", (), [])


def default_choices(keep: Contact, other: Contact) -> dict[str, str]:
    """For each field, the side a person would most likely pick: the kept contact's
    value unless it is empty and the other's is not; the stage further along."""
    out = {}
    for name, _ in CHOICE_FIELDS:
        mine, theirs = getattr(keep, name), getattr(other, name)
        out[name] = "other" if _empty(mine) and not _empty(theirs) else "keep"
    if keep.stage in _WARMTH and other.stage in _WARMTH:
        if _WARMTH.index(other.stage) > _WARMTH.index(keep.stage):
            out["stage"] = "other"
    return out


def differing(keep: Contact, other: Contact) -> list[tuple[str, str]]:
    """The choice fields whose values differ (the ones worth asking about)."""
    return [(n, label) for n, label in CHOICE_FIELDS if getattr(keep, n) != getattr(other, n)]


def _text_key(item: object) -> str:
    return item.strip().casefold() if isinstance(item, str) else ""


def _phone_key(item: object) -> str:
    """One number written two ways (+44 20 7946 0958, 020 7946 0958) is one phone."""
    number = item.get("number") if isinstance(item, dict) else None
    if not isinstance(number, str) or not number.strip():
        return ""
    return phone_key(number) or number.strip()


def united(keep: Contact, other: Contact, name: str) -> tuple:
    """A list field (UNITED_FIELDS) as the merge leaves it: the kept contact's items
    first, then the other's that are not already there; empty items dropped."""
    key = _phone_key if name == "phones" else _text_key
    out: dict[str, object] = {}
    for item in (*(getattr(keep, name) or ()), *(getattr(other, name) or ())):
        if k := key(item):
            out.setdefault(k, item)
    return tuple(out.values())


def merged_contact(keep: Contact, other: Contact, choices: Mapping[str, str]) -> Contact:
    """The kept contact as it is after the merge (not saved)."""
    fields: dict[str, object] = {}
    for name, _ in CHOICE_FIELDS:
        side = choices.get(name, "keep")
        fields[name] = getattr(other if side == "other" else keep, name)
    if fields["introduced_by"] in (keep.id, other.id):
        fields["introduced_by"] = None  # nobody introduced you to themselves
    if fields["stage"] not in STAGES:
        fields["stage"] = keep.stage
    for name in UNITED_FIELDS:
        fields[name] = united(keep, other, name)
    fields["links"] = {**other.links, **keep.links}  # keep's link wins where both have one
    uids = [other.id, other.extra.get("vcard_uid"), *other.other_uids, *keep.other_uids]
    mine = {keep.id, keep.extra.get("vcard_uid")}
    fields["other_uids"] = tuple(dict.fromkeys(
        u for u in uids if isinstance(u, str) and u and u not in mine))
    extra = {**other.extra, **keep.extra}
    extra.pop("vcard_uid", None)
    if keep.extra.get("vcard_uid"):
        extra["vcard_uid"] = keep.extra["vcard_uid"]
    fields["extra"] = extra
    fields["created"] = min(str(keep.created), str(other.created))
    fields["updated"] = now_iso()
    merged = keep.replace(**fields)
    # The company not chosen was one of theirs too (a merge after a job change): it is kept
    # among their past companies, as an edit of the company keeps the old one.
    for side in (other, keep):
        merged = moved(side, merged)
    return merged


def what_moves(store: Store, other_id: str) -> str:
    """What merging `other_id` away moves to the kept contact, in words."""
    its = [i for i in store.all(Interaction) if other_id in i.contacts]
    planned = sum(1 for i in its if i.planned)
    refs = sum(1 for r in store.all(Referral) if r.contact == other_id)
    intros = sum(1 for c in store.all(Contact) if c.introduced_by == other_id)
    parts = [counted(len(its) - planned, "interaction"), counted(planned, "prep sheet"),
             counted(refs, "referral request"), counted(intros, "introduction")]
    return ", ".join(p for p in parts if not p.startswith("0 ")) or "nothing else"


@dataclass(frozen=True)
class MergeResult:
    contact: Contact
    interactions: int = 0
    referrals: int = 0
    introductions: int = 0


def merge_contacts(store: Store, keep_id: str, other_id: str,
                   choices: Mapping[str, str] | None = None, *,
                   only_asked: bool = False) -> MergeResult:
    """Merge the contact `other_id` into `keep_id` and delete it, in one transaction.

    A field without a choice keeps the kept contact's value; with `only_asked` (the
    dialog asked only about the fields that differed when it opened) it takes the likely
    side of the records as they are now, so a value another process wrote meanwhile is
    not lost."""
    if keep_id == other_id:
        raise MergeError("a contact cannot be merged into itself")
    with store.transaction() as tx:
        keep, other = store.get(Contact, keep_id), store.get(Contact, other_id)
        if keep is None or other is None:
            raise MergeError("one of the two contacts was deleted meanwhile")
        tx.name_change(f"merge {other.name} into {keep.name}")
        if choices is None or only_asked:
            choices = {**default_choices(keep, other), **(choices or {})}
        merged = merged_contact(keep, other, choices)
        moved = referrals = introductions = 0
        for it in store.all(Interaction):
            if other_id not in it.contacts:
                continue
            people = tuple(dict.fromkeys(keep_id if c == other_id else c for c in it.contacts))
            changes = dict(it.contact_changes)
            if other_id in changes:
                changes.setdefault(keep_id, changes[other_id])
                del changes[other_id]
            store.save(it.replace(contacts=people, contact_changes=changes))
            moved += 1
        for ref in store.all(Referral):
            if ref.contact == other_id:
                store.save(ref.replace(contact=keep_id, updated=now_iso()))
                referrals += 1
        for c in store.all(Contact):
            if c.introduced_by == other_id and c.id not in (keep_id, other_id):
                store.save(c.replace(introduced_by=keep_id, updated=now_iso()))
                introductions += 1
        store.save(merged)
        store.delete(Contact, other_id)
    return MergeResult(merged, moved, referrals, introductions)
