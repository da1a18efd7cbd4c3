"""Possible duplicates among the contacts (no Textual): pairs that look like one person.

Two contacts are listed together when they share an e-mail address, a LinkedIn
profile, or a phone number, or when their names differ only by case, accents, middle
names or a nickname (Bill / William) and they work at the same company (now, or one
was there before: the same person after a job change). The same first and last name at
other companies is listed too, as the weaker reason (a move the records do not show: a
LinkedIn import at the new job, a phone's card from the old one); a lone first name is
too common for that. Two contacts with different
profile URLs are two people whatever else they share (two Ada Lovelaces), and are
never listed. Each rule buckets the contacts by a key, so finding the pairs is one
pass over the contacts, not a comparison of every pair.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import combinations

from ..store.records import Company, Contact
from ..support.gc_pause import gc_paused
from ..support.urls import profile_url
from .companies import CompanyIndex, company_key

# Short forms people go by, each to one full form (a small list of the common ones).
NICKNAMES = {
    "al": "albert", "alex": "alexander", "andy": "andrew", "bill": "william",
    "billy": "william", "bob": "robert", "bobby": "robert", "rob": "robert",
    "chris": "christopher", "dan": "daniel", "danny": "daniel", "dave": "david",
    "ed": "edward", "eddie": "edward", "fred": "frederick", "jim": "james",
    "jimmy": "james", "jamie": "james", "joe": "joseph", "john": "john", "jon": "jonathan",
    "kate": "katherine", "katie": "katherine", "kathy": "katherine", "liz": "elizabeth",
    "beth": "elizabeth", "betty": "elizabeth", "maggie": "margaret", "meg": "margaret",
    "matt": "matthew", "mike": "michael", "mick": "michael", "nick": "nicholas",
    "pat": "patrick", "peggy": "margaret", "sam": "samuel", "steve": "steven",
    "stephen": "steven", "sue": "susan", "tom": "thomas", "tommy": "thomas",
    "tony": "anthony", "will": "william", "ben": "benjamin", "jen": "jennifer",
    "jenny": "jennifer", "greg": "gregory", "ted": "edward", "abby": "abigail",
    "gus": "augustus", "ada": "ada",
}
_NOT_LETTERS = re.compile(r"[^\w\s-]")

RULES = ("email", "profile", "phone", "name", "name_elsewhere")
REASONS = {
    "email": "same e-mail", "profile": "same LinkedIn profile", "phone": "same phone",
    "name": "same name and company", "name_elsewhere": "same name (another company: a move?)",
}
# A reason left unsaid when the stronger one beside it holds.
_OUTRANKED_BY = {"name_elsewhere": "name"}


def name_key(name: str) -> str:
    """`Dr. Ada  Augusta LOVELACE` → `ada lovelace`: no accents, case or middle names, and
    a nickname read as its full form."""
    if name.isascii():  # (nothing to decompose: a third of the time at 50,000 contacts)
        text = name.casefold()
    else:
        text = unicodedata.normalize("NFKD", name)
        text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    words = _NOT_LETTERS.sub(" ", text).replace("-", " ").split()
    words = [w for w in words if w not in ("dr", "mr", "mrs", "ms", "prof", "jr", "sr")]
    if not words:
        return ""
    first = NICKNAMES.get(words[0], words[0])
    return first if len(words) == 1 else f"{first} {words[-1]}"


def phone_key(number: str) -> str:
    """The last nine digits: +44 20 7946 0958 and 020 7946 0958 are one number."""
    digits = "".join(ch for ch in number if ch.isdigit())
    return digits[-9:] if len(digits) >= 7 else ""


def _phones(c: Contact) -> tuple[str, ...]:
    """A contact's phone numbers (the `phones` field: {type, number} each)."""
    return tuple(str(p.get("number", "")) for p in c.phones if isinstance(p, dict))


def _companies(c: Contact, index: CompanyIndex) -> set[str]:
    """The companies a contact is or was at, as keys: a company record's id where one
    matches (so `US Navy` and `Navy` are one when the record has both names)."""
    keys = set()
    for text in (c.company, *c.past_companies):
        record = index.match(text)
        key = f"#{record.id}" if record is not None else company_key(text)
        if key:
            keys.add(key)
    return keys or {""}


def _keys(c: Contact, index: CompanyIndex, url: str | None) -> dict[str, set[str]]:
    name = name_key(c.name)
    return {
        "email": {e.strip().casefold() for e in c.emails if e.strip()},
        "profile": {url} if url else set(),
        "phone": {k for k in map(phone_key, _phones(c)) if k},
        # Same name and company now; or one's company now is where the other was.
        "name": {f"{name}\n{k}" for k in _companies(c, index)} if name else set(),
        # Same first and last name, any company (name_key keeps just those two words).
        "name_elsewhere": {name} if " " in name else set(),
    }


@dataclass(frozen=True)
class Pair:
    """Two contacts that may be one person, and why (the rules they meet); `first` is the
    one added first, the one a merge keeps unless told otherwise."""

    first: Contact
    second: Contact
    reasons: tuple[str, ...]

    def describe(self) -> str:
        return ", ".join(REASONS[r] for r in self.reasons)


def _profile_urls(pool: list[Contact]) -> list[str | None]:
    """Each contact's profile URL, found once (a pair check per pair cost 1.8 s at 50,000
    contacts, where many share a first and last name)."""
    return [profile_url(c.links) for c in pool]


def find_duplicates(contacts: Iterable[Contact],
                    companies: Iterable[Company] = ()) -> list[Pair]:
    """Every pair of contacts meeting at least one rule, by name, those met only by a
    name at another company last (the weakest clue); `companies` (the records) make a
    company's aliases count as the same company."""
    with gc_paused():  # sets and lists by the hundred thousand, none in a cycle
        return _found(contacts, companies)


def _found(contacts: Iterable[Contact], companies: Iterable[Company]) -> list[Pair]:
    index = CompanyIndex(companies)
    pool = sorted(contacts, key=lambda c: (c.name.casefold(), c.id))
    urls = _profile_urls(pool)
    buckets: dict[tuple[str, str], list[int]] = {}
    for n, c in enumerate(pool):
        for rule, keys in _keys(c, index, urls[n]).items():
            for key in keys:
                buckets.setdefault((rule, key), []).append(n)
    found: dict[tuple[int, int], set[str]] = {}
    for (rule, _), members in buckets.items():
        if len(members) < 2 or len(members) > 50:  # 50 people on one key: a shared inbox
            continue
        for i, j in combinations(members, 2):
            if urls[i] and urls[j] and urls[i] != urls[j]:  # two profiles: two people
                continue
            found.setdefault((i, j), set()).add(rule)
    pairs = []
    for (i, j), rules in sorted(found.items()):
        a, b = sorted((pool[i], pool[j]), key=lambda c: (str(c.created), c.id))
        said = tuple(r for r in RULES if r in rules and _OUTRANKED_BY.get(r) not in rules)
        pairs.append(Pair(a, b, said))
    return sorted(pairs, key=lambda p: p.reasons == ("name_elsewhere",))


DUPLICATES = "duplicates"


def known_duplicates(store) -> list[Pair] | None:
    """The possible duplicates if they were found for the store as it is (None: not yet)."""
    return store.derived_current(DUPLICATES, (Contact, Company))


def duplicates_of(contacts: Iterable[Contact], contact_id: str) -> list[Pair]:
    """The pairs one contact is in."""
    return [p for p in find_duplicates(contacts) if contact_id in (p.first.id, p.second.id)]


def store_duplicates(store) -> list[Pair]:
    """The store's possible duplicates, found again only when a contact changed in a way
    that can make or break a pair (not its stage, notes or follow-up: `netplan log`)."""
    return store.derived(DUPLICATES, (Contact, Company),
                         lambda: find_duplicates(store.all(Contact), store.all(Company)),
                         update=_updated)


# What find_duplicates compares: a change to anything else keeps the pairs as they are.
_COMPARED = ("name", "emails", "phones", "company", "past_companies", "links", "created")


def _updated(pairs: list[Pair], changes) -> list[Pair] | None:
    latest: dict[str, Contact] = {}
    for table, after, before in changes:
        if table != Contact.TABLE or after is None or before is None:
            return None  # a company, or a contact added or deleted: look again
        if any(getattr(after, f) != getattr(before, f) for f in _COMPARED):
            return None
        latest[after.id] = after
    return [Pair(latest.get(p.first.id, p.first), latest.get(p.second.id, p.second), p.reasons)
            for p in pairs]
