"""iCalendar (RFC 5545) out: a VTODO per contact follow-up, a VEVENT per planned event
and per planned conversation, for todoman, khal and any calendar app.

Each item is built on its own (`calendar_items`), so the same items make one `.ics`
file (`calendar_text`) or a vdir of one item a file (`item_files`), the layout
todoman, khal and vdirsyncer read and write.

An event with a start time is a timed VEVENT in floating local time (DTSTART and DTEND
without a zone: "18:30 wherever you are", as netplan stores it) lasting its duration, or
DEFAULT_MINUTES without one; an event without a start time is all-day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from .. import __version__
from ..domain.followups import NO_TAG_CADENCES, TagCadences, last_interactions, next_follow_up
from ..store.records import Contact, Event, Interaction
from ..support.dates import to_date
from ..support.sanitize import clean
from .contentline import escape, fold

PRODID = f"-//netplan//netplan {__version__}//EN"
UID_DOMAIN = "netplan"


DEFAULT_MINUTES = 60


def stamp_of(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def day_text(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


@dataclass
class CalendarItem:
    """One VTODO or VEVENT: what it is about (`key`: followup-<contact id>,
    event-<event id>, planned-<interaction id>), its UID and its lines."""

    key: str
    uid: str
    kind: str  # VTODO | VEVENT
    day: dt.date
    status: str  # NEEDS-ACTION | CONFIRMED
    lines: list[str] = field(default_factory=list)

    @property
    def file_name(self) -> str:
        return self.uid.split("@", 1)[0] + ".ics"


def follow_up_item(c: Contact, due: dt.date, stamp: str, uid_key: str | None = None
                   ) -> CalendarItem:
    key = f"followup-{c.id}"
    uid = f"{uid_key or key}@{UID_DOMAIN}"
    about = " · ".join(p for p in (c.role, c.company) if p)
    lines = ["BEGIN:VTODO", f"UID:{uid}", f"DTSTAMP:{stamp}",
             f"SUMMARY:{escape('Follow up with ' + clean(c.name))}",
             f"DUE;VALUE=DATE:{day_text(due)}", "STATUS:NEEDS-ACTION"]
    if about:
        lines.append(f"DESCRIPTION:{escape(clean(about))}")
    lines.append("END:VTODO")
    return CalendarItem(key, uid, "VTODO", due, "NEEDS-ACTION", lines)


def calendar_items(
    contacts: Iterable[Contact], interactions: Iterable[Interaction], events: Iterable[Event],
    *, now: dt.datetime | None = None, uid_keys: dict[str, str] | None = None,
    by_tag: TagCadences = NO_TAG_CADENCES,
) -> list[CalendarItem]:
    """Every follow-up, planned event and planned conversation, as items.
    `uid_keys` names the UID of a follow-up whose earlier one was completed."""
    stamp = stamp_of(now or dt.datetime.now(dt.UTC))
    interactions = list(interactions)
    contacts = list(contacts)
    names = {c.id: c.name for c in contacts}
    last = last_interactions(interactions)
    items = []
    for c in sorted(contacts, key=lambda c: (c.name.casefold(), c.id)):
        due = next_follow_up(c, last.get(c.id), by_tag)
        if due is not None:
            items.append(follow_up_item(c, due, stamp, (uid_keys or {}).get(f"followup-{c.id}")))
    for e in events:
        day = to_date(e.date)
        if e.status != "planned" or day is None:
            continue
        items.append(_event(f"event-{e.id}", stamp, day, e.name or "Event", e.place, e.url,
                            e.notes, when=_when(day, e)))
    for i in interactions:
        day = to_date(i.date)
        if not i.planned or day is None:
            continue
        who = ", ".join(names.get(cid, "someone") for cid in i.contacts) or "someone"
        title = f"{i.kind.replace('_', ' ').capitalize()} with {who}"
        items.append(_event(f"planned-{i.id}", stamp, day, title, "", "", i.summary))
    return items


def wrap(item_lines: Iterable[str]) -> str:
    """A VCALENDAR around components, CRLF line ends, lines folded at 75 octets."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             *item_lines, "END:VCALENDAR"]
    return "".join(fold(line) for line in lines)


def calendar_text(
    contacts: Iterable[Contact], interactions: Iterable[Interaction], events: Iterable[Event],
    *, now: dt.datetime | None = None, by_tag: TagCadences = NO_TAG_CADENCES,
) -> str:
    """The whole VCALENDAR in one file."""
    items = calendar_items(contacts, interactions, events, now=now, by_tag=by_tag)
    return wrap(["X-WR-CALNAME:netplan", *(line for item in items for line in item.lines)])


def item_files(items: Iterable[CalendarItem]) -> dict[str, bytes]:
    """One `.ics` a component (a vdir): file name → bytes."""
    return {item.file_name: wrap(item.lines).encode("utf-8") for item in items}


def _all_day(day: dt.date) -> list[str]:
    return [f"DTSTART;VALUE=DATE:{day_text(day)}",
            f"DTEND;VALUE=DATE:{day_text(day + dt.timedelta(days=1))}"]


def _when(day: dt.date, event: Event) -> list[str]:
    """DTSTART and DTEND of an event: timed when it has a (valid) start time."""
    try:
        start = dt.time.fromisoformat(event.start_time) if event.start_time else None
    except ValueError:  # a hand-edited "7pm": netplan check names it; export it all-day
        start = None
    if start is None:
        return _all_day(day)
    begin = dt.datetime.combine(day, start.replace(second=0, microsecond=0, tzinfo=None))
    end = begin + dt.timedelta(minutes=event.duration_minutes or DEFAULT_MINUTES)
    return [f"DTSTART:{begin:%Y%m%dT%H%M%S}", f"DTEND:{end:%Y%m%dT%H%M%S}"]


def _event(key: str, stamp: str, day: dt.date, summary: str, place: str, url: str,
           notes: str, when: list[str] | None = None) -> CalendarItem:
    uid = f"{key}@{UID_DOMAIN}"
    out = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp}", *(when or _all_day(day)),
           f"SUMMARY:{escape(clean(summary))}", "STATUS:CONFIRMED"]
    if place:
        out.append(f"LOCATION:{escape(clean(place))}")
    if url and "\n" not in url:
        out.append(f"URL:{clean(url)}")
    if notes:
        out.append(f"DESCRIPTION:{escape(clean(notes, multiline=True))}")
    out.append("END:VEVENT")
    return CalendarItem(key, uid, "VEVENT", day, "CONFIRMED", out)
