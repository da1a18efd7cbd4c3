"""The records netplan keeps, as plain frozen dataclasses with to_dict / from_dict.

Field names are the public file format (SPEC §3). Records are immutable: change
one with `dataclasses.replace(record, field=value)` and save it through the
store. Fields the file holds but this version does not know are kept in
`extra` and written back unchanged.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import uuid
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from ..support.dates import today
from . import fieldtypes
from .record_reading import _NO_EXTRA, Note, _fixed, _plan, field_kinds

__all__ = ["Note", "field_kinds"]  # part of the records' face: validate.py reads them here

SCHEMA_VERSION = 3  # 3: the cadences table (a cadence per tag) and the companies table

STAGES = ("identified", "contacted", "replied", "talked", "ally", "dormant")
INTERACTION_KINDS = (
    "coffee", "call", "informational_interview", "email", "dm", "meetup",
    "conference", "comment", "intro", "help", "thanks", "other",
)
EVENT_KINDS = ("meetup", "conference", "hackathon", "career_fair", "talk", "other")
EVENT_STATUSES = ("planned", "attended", "skipped")
PHONE_TYPES = fieldtypes.PHONE_TYPES
REFERRAL_STATUSES = (
    "to_ask", "asked", "agreed", "submitted", "interviewing", "offer", "declined", "closed",
)
GOAL_STATUSES = ("todo", "doing", "done")
AREAS = ("performance", "image", "exposure")
COMPANY_PRIORITIES = ("dream", "target", "maybe")
COMPANY_STATUSES = (
    "researching", "networking", "applied", "interviewing", "offer", "not_now",
)
METRICS = (
    "manual", "outreach", "conversations", "new_contacts", "events",
    "follow_ups", "referrals", "help_given",
)


def new_id() -> str:
    return str(uuid.uuid4())


def now_iso() -> str:
    """Now, to the second, on `today()`'s date (so a frozen day stamps records with it)."""
    now = dt.datetime.now().replace(microsecond=0)
    return dt.datetime.combine(today(), now.time()).isoformat()


R = TypeVar("R", bound="Record")


@dataclass(frozen=True, slots=True)
class Record:
    """Base of every stored record: a stable string id and the table it lives in."""

    TABLE: ClassVar[str] = ""
    id: str = field(default_factory=new_id)
    extra: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def from_dict(cls: type[R], data: dict[str, Any], notes: list[Note] | None = None) -> R:
        """Build a record from stored JSON, tolerating missing, unknown and wrong fields.

        A value of the wrong type is read as fieldtypes.fix reads it (`name: null` → "",
        `target: [1]` → 1) and, when `notes` is given, noted there as (table, id, field,
        problem) so the reader can warn; the file is not changed by reading.

        This runs for every record of a 60,000-record store, so it fills the instance's
        slots directly instead of going through the dataclass __init__ (which cost 22 µs
        a record), and a value of the expected class is taken without a call."""
        plan = _plan(cls)
        if data.keys() == plan.stored and data["id"].__class__ is str:
            # The usual case, a document netplan wrote: every field, nothing else.
            return plan.usual(data, notes)
        record = object.__new__(cls)
        values = dict(plan.defaults)
        extra: dict[str, Any] = {}
        kinds = plan.kinds
        for key, value in data.items():
            if key in kinds:
                ok, kind = kinds[key]
                if value.__class__ not in ok:
                    value = _fixed(cls, data, key, kind, value, plan.defaults.get(key), notes)
                values[key] = value
            else:  # ("extra" is not a field key: a stored "extra" key stays extra)
                extra[key] = value
        for name, factory in plan.factories:
            if name not in values:
                values[name] = factory()
        if values["id"].__class__ is not str:
            values["id"] = str(values["id"])
        values["extra"] = extra or _NO_EXTRA
        for name, set_slot in plan.slots:  # frozen: no __setattr__, but the slots are ours
            set_slot(record, values[name])
        return record

    @classmethod
    def stored_value(cls, data: dict[str, Any], name: str) -> Any:
        """What `from_dict(data).<name>` would be, without building the record."""
        plan = _plan(cls)
        if name in data and name in plan.kinds:
            ok, kind = plan.kinds[name]
            value = data[name]
            if value.__class__ in ok:
                return value
            return _fixed(cls, data, name, kind, value, plan.defaults.get(name), None)
        if name in plan.defaults:
            return plan.defaults[name]
        return getattr(cls.from_dict(data), name)  # a default made by a factory

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = dict(self.extra)
        for name in field_kinds(type(self)):  # cached: dataclasses.fields() is slow per call
            value = getattr(self, name)
            if isinstance(value, tuple):
                value = [dict(v) if isinstance(v, dict) else v for v in value]
            elif isinstance(value, dict):
                value = dict(value)
            out[name] = value
        return out

    def replace(self: R, **changes: Any) -> R:
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True, slots=True)
class Contact(Record):
    """A person in the network (SPEC §3 `contact`)."""

    TABLE: ClassVar[str] = "contacts"
    name: str = ""
    company: str = ""
    role: str = ""
    location: str = ""
    emails: tuple[str, ...] = ()
    # [{"type": "mobile" | "work" | "home" | "other", "number": "+44 7700 900123"}]
    phones: tuple[dict[str, str], ...] = ()
    links: dict[str, str] = field(default_factory=dict)
    tags: tuple[str, ...] = ()
    how_met: str = ""
    met_on: str | None = None
    met_at: str | None = None  # event id
    introduced_by: str | None = None  # contact id
    stage: str = "identified"
    cadence_days: int | None = None
    next_follow_up: str | None = None  # an explicit date; else derived from cadence
    # When you thanked the person who introduced you to this contact (introduced_by).
    intro_thanked_on: str | None = None
    personal: str = ""
    notes: str = ""
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)
    # The companies they worked at before `company` (as they were written), newest last:
    # a move keeps where they were, so a company still shows who once worked there.
    past_companies: tuple[str, ...] = ()
    # vCard UIDs (and ids) of contacts merged into this one: an import or sync that
    # meets the other card again finds this contact instead of re-creating the other.
    other_uids: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Company(Record):
    """A company you may want to work at: why, how much, where the search stands, postings.

    People are linked by their free-text `company` matching `name` or one of `aliases`
    (any case, domain.companies), so a contact needs no second field to keep in step."""

    TABLE: ClassVar[str] = "companies"
    name: str = ""
    aliases: tuple[str, ...] = ()
    website: str = ""
    why: str = ""  # why I want to work there
    priority: str = "target"
    status: str = "researching"
    # Job postings: [{"title": …, "url": …, "date": "2026-11-23"}]
    postings: tuple[dict[str, Any], ...] = field(default=(), metadata={"kind": "postings"})
    notes: str = ""
    created: str = field(default_factory=now_iso)
    updated: str = field(default_factory=now_iso)


@dataclass(frozen=True, slots=True)
class Interaction(Record):
    """Something that happened with one or more contacts: a coffee, a message, a talk."""

    TABLE: ClassVar[str] = "interactions"
    date: str = field(default_factory=lambda: today().isoformat())
    kind: str = "other"
    contacts: tuple[str, ...] = ()  # contact ids
    summary: str = ""
    notes: str = ""
    outreach: bool = False
    replied: bool = False
    event: str | None = None  # event id
    questions: tuple[dict[str, Any], ...] = ()  # {"question": id, "answer": text}
    # A planned conversation (a prep sheet waiting for its date): shown, never counted
    # by metrics or follow-up clocks until it happens and planned becomes False.
    planned: bool = False
    # What logging it changed on its contacts, so an edit or a delete can put exactly that
    # back: {contact id: {"stage": [before, after], "next_follow_up": before}}.
    contact_changes: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Goal(Record):
    """One networking goal of an ISO week."""

    TABLE: ClassVar[str] = "goals"
    week: str = ""  # ISO week, "2026-W48"
    title: str = ""
    target: int = 1
    progress: int = 0
    metric: str = "manual"
    area: str = "exposure"
    status: str = "todo"
    carried_from: str | None = None  # goal id
    template: str | None = None
    # A manual goal moved to Done by hand is filled to its target; this keeps the progress
    # it had, so moving it back out of Done restores it.
    progress_before_done: int | None = None
    # A help_given goal whose template says thank-yous count as giving back too.
    counts_thanks: bool = False


@dataclass(frozen=True, slots=True)
class Event(Record):
    """A meetup, conference or other event, planned or attended."""

    TABLE: ClassVar[str] = "events"
    name: str = ""
    kind: str = "meetup"
    date: str | None = None
    # A time of day ("18:30") and a length in minutes; without a start time the event
    # is all-day (and the duration is not used).
    start_time: str | None = None
    duration_minutes: int | None = None
    place: str = ""
    url: str = ""
    status: str = "planned"
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Referral(Record):
    """A referral request: who, for which role, and how far it got."""

    TABLE: ClassVar[str] = "referrals"
    contact: str | None = None  # contact id
    company: str = ""
    role: str = ""
    url: str = ""
    status: str = "to_ask"
    asked_on: str | None = None
    updated: str = field(default_factory=now_iso)
    thanked: bool = False
    # The status it had before it was declined or closed, so a step back restores it.
    status_before: str | None = None
    thanked_on: str | None = None


@dataclass(frozen=True, slots=True)
class Question(Record):
    """An informational-interview question (built in, or the user's own)."""

    TABLE: ClassVar[str] = "questions"
    text: str = ""
    category: str = ""
    why: str = ""
    builtin: bool = False
    starred: bool = False
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Assessment(Record):
    """One PIE self-assessment: a rating per statement, and a note."""

    TABLE: ClassVar[str] = "assessments"
    date: str = field(default_factory=lambda: today().isoformat())
    ratings: dict[str, int] = field(default_factory=dict)  # statement id -> 1..5
    note: str = ""


@dataclass(frozen=True, slots=True)
class Pitch(Record):
    """An elevator pitch."""

    TABLE: ClassVar[str] = "pitches"
    title: str = ""
    text: str = ""
    updated: str = field(default_factory=now_iso)


@dataclass(frozen=True, slots=True)
class TagCadence(Record):
    """A keep-in-touch cadence for everyone with a tag ("close" every 90 days); a contact's
    own cadence_days wins over it (domain.followups)."""

    TABLE: ClassVar[str] = "cadences"
    tag: str = ""
    cadence_days: int = 90


RECORD_TYPES: tuple[type[Record], ...] = (
    Contact, Interaction, Goal, Event, Referral, Question, Assessment, Pitch, TagCadence,
    Company,
)
TABLES = tuple(t.TABLE for t in RECORD_TYPES)
BY_TABLE: dict[str, type[Record]] = {t.TABLE: t for t in RECORD_TYPES}
