"""The Contacts filter's language: free words plus fields, all of which must hold.

    priya stage:talked tag:mentor company:acme is:overdue is:due met:pycon
    company:"big co"        (quotes keep a value with spaces together)

Free words match the name, company, role, tags, notes and answers (ContactIndex). Each field
narrows further: `stage:` the stage (a unique prefix is enough), `tag:` one of the tags
(any case), `company:` part of the company, `is:overdue` a follow-up before today, `is:due`
one within DUE_WITHIN days (overdue included), `met:` part of the name of the event met at
or of "how we met". The TUI and `netplan contacts --filter` both parse with `parse`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..store.records import STAGES
from ..support.sanitize import clean

DUE_WITHIN = 7
FIELDS = ("stage", "tag", "company", "is", "met")
IS_VALUES = ("overdue", "due")
EXAMPLE = "priya stage:talked tag:mentor is:overdue"
# key:"a value", key:value or a plain word; a key is letters only, so a URL's "https:"
# followed by "//" is a word, not a field.
_TOKEN = re.compile(r'([A-Za-z]+):(?:"([^"]*)"?|(?!//)(\S*))|"([^"]*)"?|(\S+)')


class FilterError(ValueError):
    """A filter that cannot be read: an unknown field or value. The message says what works."""


@dataclass(frozen=True)
class Term:
    """One `field:value` of a filter (value casefolded; for stage, the full stage name)."""

    name: str
    value: str


@dataclass(frozen=True)
class ContactFilter:
    words: tuple[str, ...] = ()  # casefolded free words
    terms: tuple[Term, ...] = ()
    problems: tuple[str, ...] = field(default=())  # what could not be read, for a message

    @property
    def words_text(self) -> str:
        return " ".join(self.words)

    def check(self) -> ContactFilter:
        """Itself, or FilterError with the first problem (the command line's strict use)."""
        if self.problems:
            raise FilterError(self.problems[0])
        return self


def parse(text: str) -> ContactFilter:
    """Read a filter. What cannot be read is left out and named in `problems`, so a list
    can go on filtering by the rest while the message is shown."""
    words: list[str] = []
    terms: list[Term] = []
    problems: list[str] = []
    for match in _TOKEN.finditer(clean(text)):
        key, quoted, bare, quoted_word, word = match.groups()
        if key is None:
            words.extend((quoted_word if quoted_word is not None else word).casefold().split())
            continue
        value = " ".join((quoted if quoted is not None else bare).split()).casefold()
        try:
            term = _term(key.casefold(), value)
        except FilterError as exc:
            problems.append(str(exc))
            continue
        if term is not None:
            terms.append(term)
    return ContactFilter(tuple(words), tuple(terms), tuple(problems))


def _term(key: str, value: str) -> Term | None:
    if key not in FIELDS:
        raise FilterError(f"unknown filter field {key + ':'!r}; use "
                          + ", ".join(f + ":" for f in FIELDS) + f" (like {EXAMPLE})")
    if not value:
        return None  # still being typed: `stage:` narrows nothing yet
    if key == "stage":
        found = [s for s in STAGES if s.startswith(value)]
        if len(found) != 1:
            raise FilterError(f"stage:{value} is not a stage; use one of {', '.join(STAGES)}")
        value = found[0]
    elif key == "is" and value not in IS_VALUES:
        raise FilterError(f"is:{value} is not known; use is:overdue or is:due "
                          f"(due within {DUE_WITHIN} days)")
    return Term(key, value)


def matches(term: Term, contact, next_follow_up: dt.date | None, ref: dt.date,
            event_names: dict[str, str]) -> bool:
    """Whether one contact (with its next follow-up) satisfies one term."""
    name, value = term.name, term.value
    if name == "stage":
        return contact.stage == value
    if name == "tag":
        return any(t.casefold() == value for t in contact.tags)
    if name == "company":
        return value in contact.company.casefold()
    if name == "is":
        if next_follow_up is None:
            return False
        if value == "overdue":
            return next_follow_up < ref
        return (next_follow_up - ref).days <= DUE_WITHIN
    if name == "met":
        event = event_names.get(contact.met_at or "", "")
        return value in event or value in contact.how_met.casefold()
    return False  # pragma: no cover - _term admits only FIELDS
