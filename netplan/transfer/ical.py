"""iCalendar (RFC 5545) out: a VTODO per contact follow-up, a VEVENT per planned event
and per planned conversation, for todoman, khal and any calendar app.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from .. import __version__
from ..domain.followups import last_interactions, next_follow_up
from ..store.records import Contact, Event, Interaction
from ..support.dates import to_date
from ..support.sanitize import clean
from .contentline import escape, fold

PRODID = f"-//netplan//netplan {__version__}//EN"
UID_DOMAIN = "netplan"


def _stamp(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _day(day: dt.date) -> str:
    return day.strftime("%Y%m%d")


def calendar_text(
    contacts: Iterable[Contact], interactions: Iterable[Interaction], events: Iterable[Event],
    *, now: dt.datetime | None = None,
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
        due = next_follow_up(c, last.get(c.id))
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
        lines += _event(f"event-{e.id}", stamp, day, e.name or "Event", e.place, e.url, e.notes)
    for i in interactions:
        day = to_date(i.date)
        if not i.planned or day is None:
            continue
        who = ", ".join(names.get(cid, "someone") for cid in i.contacts) or "someone"
        title = f"{i.kind.replace('_', ' ').capitalize()} with {who}"
        lines += _event(f"planned-{i.id}", stamp, day, title, "", "", i.summary)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) for line in lines)


def _event(uid: str, stamp: str, day: dt.date, summary: str, place: str, url: str,
           notes: str) -> list[str]:
    out = ["BEGIN:VEVENT", f"UID:{uid}@{UID_DOMAIN}", f"DTSTAMP:{stamp}",
           f"DTSTART;VALUE=DATE:{_day(day)}",
           f"DTEND;VALUE=DATE:{_day(day + dt.timedelta(days=1))}",
           f"SUMMARY:{escape(clean(summary))}"]
    if place:
        out.append(f"LOCATION:{escape(clean(place))}")
    if url and "\n" not in url:
        out.append(f"URL:{clean(url)}")
    if notes:
        out.append(f"DESCRIPTION:{escape(clean(notes, multiline=True))}")
    out.append("END:VEVENT")
    return out
