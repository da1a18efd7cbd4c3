"""iCalendar (RFC 5545) out: a VTODO per contact follow-up, a VEVENT per planned event
and per planned conversation, for todoman, khal and any calendar app.

An event with a start time is a timed VEVENT in floating local time (DTSTART and DTEND
without a zone: "18:30 wherever you are", as netplan stores it) lasting its duration, or
DEFAULT_MINUTES without one; an event without a start time is all-day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .. import __version__
from ..domain.followups import NO_TAG_CADENCES, TagCadences, last_interactions, next_follow_up
from ..store.records import Contact, Event, Interaction
from ..support.dates import to_date
from ..support.sanitize import clean
from .contentline import escape, fold

PRODID = f"-//netplan//netplan {__version__}//EN"
DEFAULT_MINUTES = 60
UID_DOMAIN = "netplan"


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _day(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def calendar_text(
    contacts: Iterable[Contact], interactions: Iterable[Interaction], events: Iterable[Event],
    *, now: dt.datetime | None = None, by_tag: TagCadences = NO_TAG_CADENCES,
) -> str:
    """The whole VCALENDAR, CRLF line ends, lines folded at 75 octets."""
    stamp = _stamp(now or dt.datetime.now(dt.UTC))
    interactions = list(interactions)
    contacts = list(contacts)
    names = {c.id: c.name for c in contacts}
    last = last_interactions(interactions)
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN",
             "X-WR-CALNAME:netplan"]
    for c in sorted(contacts, key=lambda c: (c.name.casefold(), c.id)):
        due = next_follow_up(c, last.get(c.id), by_tag)
        if due is None:
            continue
        about = " · ".join(p for p in (c.role, c.company) if p)
        lines += ["BEGIN:VTODO", f"UID:followup-{c.id}@{UID_DOMAIN}", f"DTSTAMP:{stamp}",
                  f"SUMMARY:{escape('Follow up with ' + clean(c.name))}",
                  f"DUE;VALUE=DATE:{_day(due)}", "STATUS:NEEDS-ACTION"]
        if about:
            lines.append(f"DESCRIPTION:{escape(clean(about))}")
        lines.append("END:VTODO")
    for e in events:
        day = to_date(e.date)
        if e.status != "planned" or day is None:
            continue
        lines += _event(f"event-{e.id}", stamp, _when(day, e), e.name or "Event", e.place,
                        e.url, e.notes)
    for i in interactions:
        day = to_date(i.date)
        if not i.planned or day is None:
            continue
        who = ", ".join(names.get(cid, "someone") for cid in i.contacts) or "someone"
        title = f"{i.kind.replace('_', ' ').capitalize()} with {who}"
        lines += _event(f"planned-{i.id}", stamp, _all_day(day), title, "", "", i.summary)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)


def _all_day(day: dt.date) -> list[str]:
    return [f"DTSTART;VALUE=DATE:{_day(day)}",
            f"DTEND;VALUE=DATE:{_day(day + dt.timedelta(days=1))}"]


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


def _event(uid: str, stamp: str, when: list[str], summary: str, place: str, url: str,
           notes: str) -> list[str]:
    out = ["BEGIN:VEVENT", f"UID:{uid}@{UID_DOMAIN}", f"DTSTAMP:{stamp}", *when,
           f"SUMMARY:{escape(clean(summary))}"]
    if place:
        out.append(f"LOCATION:{escape(clean(place))}")
    if url and "\n" not in url:
        out.append(f"URL:{clean(url)}")
    if notes:
        out.append(f"DESCRIPTION:{escape(clean(notes, multiline=True))}")
    out.append("END:VEVENT")
    return out
