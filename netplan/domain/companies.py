"""Target companies: matching a contact's free-text company to a record, the list of
companies with the people known there, and "who could refer me" (no Textual).

A contact is at a company when their `company` text matches the company's name or one
of its aliases, ignoring case, accents, spacing and a legal suffix ("Initech Inc." is
Initech). Nothing is stored on the contact for it, so an edit of either side never
leaves a stale link; a contact's earlier companies are kept in `past_companies` when
their company changes (`moved`), so a company still shows who once worked there.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from ..store import Store
from ..store.records import (
    COMPANY_PRIORITIES,
    COMPANY_STATUSES,
    Company,
    Contact,
    Interaction,
    Referral,
    now_iso,
)
from ..support.dates import DateError, parse_optional_date
from ..support.sanitize import clean
from .followups import last_interactions

OPEN_REFERRAL = ("to_ask", "asked", "agreed", "submitted", "interviewing")
REFERRERS = ("talked", "ally")  # stages at which someone could refer you
# Warmest first, for "how warm" a company is: the best stage of anyone there.
WARMTH = ("ally", "talked", "replied", "contacted", "identified", "dormant")
_SUFFIXES = re.compile(
    r"[\s,]+(inc|incorporated|ltd|limited|llc|gmbh|ag|plc|corp|corporation|co|sa|bv|srl)\.?$"
)


@lru_cache(maxsize=8192)  # a few hundred companies, named by 10,000 contacts
def company_key(name: str) -> str:
    """The form two spellings of one company share: `ACME, Inc.` and `acme` → `acme`."""
    text = unicodedata.normalize("NFKD", clean(name))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = " ".join(text.split())
    text = _SUFFIXES.sub("", text).strip(" ,.")
    return text


class CompanyIndex:
    """The companies by every name they go by (name and aliases, as keys)."""

    def __init__(self, companies: Iterable[Company]):
        self.companies = list(companies)
        self._by_key: dict[str, Company] = {}
        # Names first, then aliases: an alias never hides another company's own name.
        for c in self.companies:
            key = company_key(c.name)
            if key:
                self._by_key.setdefault(key, c)
        for c in self.companies:
            for alias in c.aliases:
                key = company_key(alias)
                if key:
                    self._by_key.setdefault(key, c)

    def match(self, text: str) -> Company | None:
        """The company `text` names, or None."""
        key = company_key(text or "")
        return self._by_key.get(key) if key else None

    def people(self, company: Company, contacts: Iterable[Contact]) -> list[Contact]:
        """Contacts whose company is this one now, by name."""
        found = [c for c in contacts if self.match(c.company) is company]
        return sorted(found, key=lambda c: c.name.casefold())

    def former(self, company: Company, contacts: Iterable[Contact]) -> list[Contact]:
        """Contacts who worked there before (a past company matches) and have moved on."""
        found = [c for c in contacts if self.match(c.company) is not company
                 and any(self.match(p) is company for p in c.past_companies)]
        return sorted(found, key=lambda c: c.name.casefold())


# -- changing ---------------------------------------------------------------------------


def check_name(value: object) -> str:
    name = " ".join(clean(value).split())
    if not name:
        raise ValueError("a company needs a name")
    if len(name) > 200:
        raise ValueError("a company name is at most 200 characters")
    return name


def check_priority(value: str) -> str:
    if value not in COMPANY_PRIORITIES:
        raise ValueError(f"unknown priority {value!r} (use {', '.join(COMPANY_PRIORITIES)})")
    return value


def check_status(value: str) -> str:
    value = value.replace(" ", "_")
    if value not in COMPANY_STATUSES:
        raise ValueError(f"unknown status {value!r} (use {', '.join(COMPANY_STATUSES)})")
    return value


def parse_postings(text: str | None) -> tuple[dict[str, str], ...]:
    """Job postings typed one a line as `title | link | date` (link and date optional)."""
    out = []
    for n, line in enumerate((text or "").splitlines(), start=1):
        parts = [clean(p).strip() for p in line.split("|")]
        if not any(parts):
            continue
        if len(parts) > 3:
            raise ValueError(f"line {n}: at most title | link | date")
        title, url, day = (*parts, "", "")[:3]
        if len(parts) == 1 and title.lower().startswith(("http://", "https://")):
            title, url = "", title  # a bare link
        if not title and not url:
            raise ValueError(f"line {n}: a posting needs a title or a link")
        try:
            date = parse_optional_date(day)
        except DateError as exc:
            raise ValueError(f"line {n}: {exc}") from None
        out.append({"title": title, "url": url, "date": date.isoformat() if date else ""})
    return tuple(out)


def format_postings(postings: Iterable[dict[str, str]]) -> str:
    return "\n".join(" | ".join(p.get(k, "") for k in ("title", "url", "date")).rstrip(" |")
                     for p in postings)


def describe_posting(posting: dict[str, str]) -> str:
    parts = [posting.get("title") or "posting", posting.get("url", ""), posting.get("date", "")]
    return " · ".join(p for p in parts if p)


def unrecorded(companies: Iterable[Company], contacts: Iterable[Contact]) -> list[str]:
    """Companies contacts work at that have no record yet, most people first."""
    index = CompanyIndex(companies)
    counts: dict[str, tuple[int, str]] = {}
    for c in contacts:
        key = company_key(c.company)
        if key and index.match(c.company) is None:
            n, name = counts.get(key, (0, c.company.strip()))
            counts[key] = (n + 1, name)
    return [name for _, name in sorted(counts.values(), key=lambda t: (-t[0], t[1].casefold()))]


def find_or_create(store: Store, name: str, **fields) -> tuple[Company, bool]:
    """The company `name` names (by name or alias, any case), or a new one made with
    `fields`; True when it was created. One locked transaction, so two sessions adding
    the same company at once make one record."""
    name = check_name(name)
    with store.transaction(f"add company {name}"):
        found = CompanyIndex(store.all(Company)).match(name)
        if found is not None:
            return found, False
        company = Company(name=name, **fields)
        store.save(company)
        return company, True


def moved(before: Contact, after: Contact) -> Contact:
    """`after`, with `before`'s company added to its past companies when it changed (a
    different company, not a new spelling of the same one)."""
    old, new = before.company.strip(), after.company.strip()
    if not old or company_key(old) == company_key(new):
        return after
    past = [p for p in after.past_companies if company_key(p) not in (company_key(old),
                                                                        company_key(new))]
    return after.replace(past_companies=(*past, old))


# -- the list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class CompanyRow:
    """A company as the list and `netplan companies` show it."""

    company: Company
    people: tuple[Contact, ...] = ()
    former: tuple[Contact, ...] = ()
    open_referrals: tuple[Referral, ...] = ()
    last_interaction: dt.date | None = None
    stages: dict[str, int] = field(default_factory=dict)

    @property
    def warmest(self) -> str | None:
        return next((s for s in WARMTH if self.stages.get(s)), None)

    @property
    def could_refer(self) -> list[Contact]:
        """Anyone there you have talked to or who is an ally."""
        return [c for c in self.people if c.stage in REFERRERS]

    def warmth(self) -> str:
        """`2 talked, 1 contacted` — the people known there by stage, warmest first."""
        return ", ".join(f"{self.stages[s]} {s}" for s in WARMTH if self.stages.get(s))


def _rank(company: Company) -> tuple[int, str]:
    priority = company.priority
    order = COMPANY_PRIORITIES.index(priority) if priority in COMPANY_PRIORITIES else 9
    return order, company.name.casefold()


def overview(companies: Sequence[Company], contacts: Sequence[Contact],
             interactions: Iterable[Interaction], referrals: Iterable[Referral]
             ) -> list[CompanyRow]:
    """Every company, dream first, then target, then maybe (by name within each), with
    the people there, how warm they are, open referral requests, and the last
    interaction with anyone there. One pass over each table."""
    index = CompanyIndex(companies)
    at: dict[str, list[Contact]] = {}
    before: dict[str, list[Contact]] = {}
    company_of: dict[str, str] = {}  # contact id -> company id now
    for person in contacts:
        now = index.match(person.company)
        if now is not None:
            at.setdefault(now.id, []).append(person)
            company_of[person.id] = now.id
        for past in {p.id for p in map(index.match, person.past_companies) if p is not None}:
            if now is None or past != now.id:
                before.setdefault(past, []).append(person)
    last = last_interactions(interactions)
    refs: dict[str, list[Referral]] = {}
    for r in referrals:
        if r.status not in OPEN_REFERRAL:
            continue
        target = index.match(r.company) if r.company else None
        cid = target.id if target is not None else company_of.get(r.contact or "")
        if cid:
            refs.setdefault(cid, []).append(r)
    rows = []
    for company in sorted(companies, key=_rank):
        people = sorted(at.get(company.id, ()), key=lambda c: c.name.casefold())
        stages: dict[str, int] = {}
        for p in people:
            stages[p.stage] = stages.get(p.stage, 0) + 1
        dates = [last[p.id] for p in people if p.id in last]
        rows.append(CompanyRow(
            company, tuple(people),
            tuple(sorted(before.get(company.id, ()), key=lambda c: c.name.casefold())),
            tuple(refs.get(company.id, ())), max(dates) if dates else None, stages))
    return rows


def overview_of(store: Store) -> list[CompanyRow]:
    return overview(store.all(Company), store.all(Contact), store.all(Interaction),
                    store.all(Referral))


def touch(company: Company) -> Company:
    return company.replace(updated=now_iso())
