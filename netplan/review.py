"""The weekly review as plain data (no Textual): what the Review section and `netplan review` show.

`build_review(store, week)` gathers everything; `review_report.py` turns it into
text, Markdown or JSON. Follow-up dates and the PIE change are computed by small
local functions (`follow_up_date`, `pie_change`) that the Contacts and PIE
modules may replace: each is one function with a plain signature.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from .dates import to_date, today, week_bounds, week_of
from .goals import GoalView, streak, week_views
from .metrics import CONVERSATION_KINDS, Records, count_all_weeks, done_interactions
from .model import AREAS, Assessment, Contact, Event, Goal, Interaction, Referral

DUE_SOON_DAYS = 7
WAITING_ON_YOU = ("to_ask", "agreed")  # your move: ask, or send what they need to refer you
RECEIVED = ("agreed", "submitted", "interviewing", "offer")


# -- follow-ups (to be unified with the Contacts section's rule) ----------------------


def last_interaction_days(interactions: Iterable[Interaction]) -> dict[str, dt.date]:
    """Each contact's most recent interaction that happened (planned ones do not count)."""
    latest: dict[str, str] = {}  # ISO day strings compare like dates
    for i in done_interactions(interactions):
        day = str(i.date)[:10]
        for c in i.contacts:
            if latest.get(c, "") < day:
                latest[c] = day
    parsed = {day: to_date(day) for day in set(latest.values())}
    return {c: parsed[day] for c, day in latest.items()}


def follow_up_date(contact: Contact, last_day: dt.date | None) -> dt.date | None:
    """The explicit next follow-up if set, else the last interaction plus the cadence."""
    explicit = to_date(contact.next_follow_up)
    if explicit is not None:
        return explicit
    if last_day is not None and contact.cadence_days and contact.cadence_days > 0:
        return last_day + dt.timedelta(days=contact.cadence_days)
    return None


@dataclass(frozen=True)
class FollowUp:
    contact: Contact
    due: dt.date


def follow_ups(contacts: Iterable[Contact], interactions: Iterable[Interaction],
               on: dt.date, within: int = DUE_SOON_DAYS) -> tuple[list[FollowUp], list[FollowUp]]:
    """(overdue, due within `within` days from `on`), soonest first. Dormant contacts rest."""
    last = last_interaction_days(interactions)
    overdue, soon = [], []
    for c in contacts:
        if c.stage == "dormant":
            continue
        due = follow_up_date(c, last.get(c.id))
        if due is None:
            continue
        if due < on:
            overdue.append(FollowUp(c, due))
        elif due <= on + dt.timedelta(days=within):
            soon.append(FollowUp(c, due))
    key = lambda f: (f.due, f.contact.name.casefold())  # noqa: E731
    return sorted(overdue, key=key), sorted(soon, key=key)


# -- PIE change (to be unified with the PIE section's scoring) ------------------------


_STATEMENT_PREFIX = re.compile(r"^(performance|image|exposure|p|i|e)(?:[._:/-]|\d)", re.IGNORECASE)
_LETTER = {"p": "performance", "i": "image", "e": "exposure"}


def area_of_statement(statement_id: str) -> str | None:
    """The PIE area of a statement id, read from its prefix (`exposure.3`, `image-2`, `p1`)."""
    s = str(statement_id).casefold()
    if s in AREAS:
        return s
    m = _STATEMENT_PREFIX.match(s)
    return _LETTER.get(m.group(1), m.group(1)) if m else None


def area_averages(assessment: Assessment,
                  area_of: Callable[[str], str | None] = area_of_statement) -> dict[str, float]:
    sums: dict[str, list[int]] = {}
    for statement, rating in (assessment.ratings or {}).items():
        area = area_of(statement)
        if area and isinstance(rating, int) and 1 <= rating <= 5:
            sums.setdefault(area, []).append(rating)
    return {area: sum(v) / len(v) for area, v in sums.items()}


def pie_change(assessments: Iterable[Assessment],
               area_of: Callable[[str], str | None] = area_of_statement) -> dict | None:
    """The last two assessments' average rating per area, and the change; None if fewer."""
    dated = sorted((a for a in assessments if to_date(a.date)), key=lambda a: str(a.date)[:10])
    if len(dated) < 2:
        return None
    before, after = area_averages(dated[-2], area_of), area_averages(dated[-1], area_of)
    areas = {}
    for area in AREAS:
        if area in before and area in after:
            areas[area] = {"before": round(before[area], 2), "after": round(after[area], 2),
                           "change": round(after[area] - before[area], 2)}
    return {"from": str(dated[-2].date)[:10], "to": str(dated[-1].date)[:10], "areas": areas}


# -- the review -----------------------------------------------------------------------


@dataclass
class Review:
    week: str
    monday: dt.date
    sunday: dt.date
    today: dt.date
    goals_met: list[GoalView] = field(default_factory=list)
    goals_missed: list[GoalView] = field(default_factory=list)
    carried_ids: set[str] = field(default_factory=set)  # goals of this week already carried
    interactions: list[Interaction] = field(default_factory=list)
    interactions_by_kind: dict[str, int] = field(default_factory=dict)
    new_contacts: list[Contact] = field(default_factory=list)
    events_attended: list[Event] = field(default_factory=list)
    overdue: list[FollowUp] = field(default_factory=list)
    due_soon: list[FollowUp] = field(default_factory=list)
    waiting_on_you: list[Referral] = field(default_factory=list)
    pie: dict | None = None
    outreach: int = 0
    replied: int = 0
    conversations: int = 0
    referrals_received: int = 0  # referrals agreed or beyond, updated this week
    help_given: int = 0
    streak: int = 0
    names: dict[str, str] = field(default_factory=dict)  # contact id -> name

    @property
    def response_rate(self) -> float | None:
        return self.replied / self.outreach if self.outreach else None

    @property
    def meeting_conversion(self) -> float | None:
        return self.conversations / self.outreach if self.outreach else None


def build_review(store, week: str) -> Review:
    monday, sunday = week_bounds(week)
    now = today()
    records = Records.from_store(store)
    counts = count_all_weeks(records)
    views = week_views(store, week, counts)
    all_goals = store.all(Goal)
    carried = {g.carried_from for g in all_goals if g.carried_from}
    review = Review(week=week, monday=monday, sunday=sunday, today=now,
                    streak=streak(all_goals, counts))
    review.goals_met = [v for v in views if v.met]
    review.goals_missed = [v for v in views if not v.met]
    review.carried_ids = {v.goal.id for v in views if v.goal.id in carried}
    review.names = {c.id: c.name for c in records.contacts}

    first, last = monday.isoformat(), sunday.isoformat()
    happened = [i for i in done_interactions(records.interactions)
                if first <= str(i.date)[:10] <= last]
    review.interactions = sorted(happened, key=lambda i: str(i.date))
    review.interactions_by_kind = dict(Counter(i.kind for i in happened).most_common())
    review.outreach = sum(1 for i in happened if i.outreach)
    review.replied = sum(1 for i in happened if i.outreach and i.replied)
    review.conversations = sum(1 for i in happened if i.kind in CONVERSATION_KINDS)
    review.help_given = sum(1 for i in happened if i.kind == "help")

    review.new_contacts = sorted((c for c in records.contacts if week_of(c.created) == week),
                                 key=lambda c: str(c.created))
    review.events_attended = sorted(
        (e for e in records.events if e.status == "attended" and week_of(e.date) == week),
        key=lambda e: str(e.date))
    review.overdue, review.due_soon = follow_ups(records.contacts, records.interactions, now)
    review.waiting_on_you = [r for r in records.referrals if r.status in WAITING_ON_YOU]
    review.referrals_received = sum(
        1 for r in records.referrals
        if r.status in RECEIVED and week_of(r.updated or r.asked_on) == week)
    review.pie = pie_change(store.all(Assessment))
    return review
