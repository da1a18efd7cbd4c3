"""The weekly review as plain data (no Textual): what the Review section and `netplan review` show.

`build_review(store, week)` gathers everything; `review_report.py` turns it into
text, Markdown or JSON. Follow-ups use the Contacts rule (`followups.py`) and the
PIE change the PIE section's scoring (`pie.py`), so every screen agrees.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from ..store.records import (
    AREAS,
    Assessment,
    Contact,
    Event,
    Goal,
    Interaction,
    Referral,
)
from ..support.dates import today, week_bounds, week_of
from . import due_dates, review_reads
from .due_dates import DueLine
from .goals import GoalView, goals_by_week, streak, week_views
from .metrics import (
    CONVERSATION_KINDS,
    Records,
    done_interactions,
    funnel,
    happened_in,
    store_counts,
)
from .pie import area_scores, percent, summarize
from .referrals import WAITING_ON_YOU
from .review_reads import Recent, figure, recent_for
from .trends import Trends, trends_of, window
from .vocabulary import HELP_KIND, THANKS_KIND

DUE_SOON_DAYS = 7

RECEIVED = ("agreed", "submitted", "interviewing", "offer")


# -- the PIE change: the PIE section's own rule ----------------------------------------


def pie_change(assessments: Iterable[Assessment]) -> dict | None:
    """Area scores (percent, as the PIE section shows them) at the last two assessments."""
    summary = summarize(assessments)
    if summary.previous is None or summary.latest is None:
        return None
    before = area_scores(summary.previous.ratings)
    areas = {}
    for area in AREAS:
        if summary.change.get(area) is not None:
            areas[area] = {"before": percent(before.get(area)),
                           "after": percent(summary.scores.get(area)),
                           "change": summary.change[area]}
    return {"from": str(summary.previous.date)[:10], "to": str(summary.latest.date)[:10],
            "areas": areas, "total_change": summary.total_change}


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
    overdue: list[DueLine] = field(default_factory=list)
    due_soon: list[DueLine] = field(default_factory=list)
    waiting_on_you: list[Referral] = field(default_factory=list)
    pie: dict | None = None
    outreach: int = 0  # people reached (metrics.funnel)
    replied: int = 0  # of them, people who replied
    met: int = 0  # of them, people who then had a conversation this week
    conversations: int = 0  # conversations logged (interactions)
    referrals_received: int = 0  # referrals agreed or beyond, updated this week
    help_given: int = 0
    thanks_given: int = 0  # thank-yous logged this week (kind thanks)
    thanks_owed: list = field(default_factory=list)  # next_actions.Action, as of today
    streak: int = 0
    names: dict[str, str] = field(default_factory=dict)  # contact id -> name
    trends: Trends | None = None  # the 12 weeks ending with this one

    @property
    def response_rate(self) -> float | None:
        return self.replied / self.outreach if self.outreach else None

    @property
    def meeting_conversion(self) -> float | None:
        return self.met / self.outreach if self.outreach else None


def thanks_owed(store, recent: Recent, read: Iterable[Interaction],
                referrals: Iterable[Referral], now: dt.date) -> list:
    """The thank-yous the next actions list as owed today (snoozed and dismissed ones
    left out, as there), from what the review reads: `read` the interactions
    next_actions.thanks_read(now) keeps, the recent contacts whole and the others named in
    them, as the rule reads them."""
    from .next_actions import Snapshot, states_of, thanks_due

    referrals = tuple(referrals)
    whole = {c.id: c for c in recent.contacts}
    named = {cid for i in read for cid in i.contacts} | {r.contact for r in referrals}
    named |= {c.introduced_by for c in recent.contacts}
    others = (recent.stand_in(cid) for cid in named - whole.keys() if cid)
    contacts = (*whole.values(), *(c for c in others if c is not None))
    snap = Snapshot(contacts, tuple(read), (), referrals, (), states_of(store))
    return thanks_due(snap, now)


def _read_for(recent: Recent, week: str, now: dt.date) -> tuple[list[Interaction],
                                                                 list[Interaction]]:
    """Of the recent interactions, those of the trends' twelve weeks that happened, and
    those the thank-yous read."""
    from .next_actions import thanks_read

    weeks = window(week)
    first, last = week_bounds(weeks[0])[0].isoformat(), week_bounds(weeks[-1])[1].isoformat()
    thanks, happened = thanks_read(now), happened_in(first, last)
    read = recent.interactions(
        lambda kind, date, planned: happened(planned, date) or thanks(kind, date, planned))
    return ([i for i in read if happened(i.planned, i.date)],
            [i for i in read if thanks(i.kind, i.date, i.planned)])


def review_figures(store) -> None:
    """Derive (or bring forward) the figures kept beside the store that a review reads."""
    figure(store, today())
    due_dates.follow_ups(store)
    store_counts(store)
    goals_by_week(store)


def figures_at_hand(store) -> bool:
    """Whether the review's large figures (the recent conversations and people, the
    follow-up list) are derived or kept: else building the review first reads every
    interaction and contact (a second at 50,000 contacts)."""
    return all(store.figure_at_hand(name) for name in (review_reads.NAME, due_dates.NAME))


def build_review(store, week: str) -> Review:
    monday, sunday = week_bounds(week)
    now = today()
    first, last = monday.isoformat(), sunday.isoformat()
    # The recent interactions and people as kept beside the store (review_reads.py), the
    # follow-ups from the kept list (due_dates.py): not every interaction and contact.
    kept = recent_for(store, week, now)
    recent, for_thanks = _read_for(kept, week, now)
    records = Records(tuple(i for i in recent if first <= str(i.date)[:10] <= last),
                      kept.contacts, tuple(store.all(Event)), tuple(store.all(Referral)))
    counts = store_counts(store)
    views = week_views(store, week, counts)
    all_goals = store.all(Goal)
    carried = {g.carried_from for g in all_goals if g.carried_from}
    review = Review(week=week, monday=monday, sunday=sunday, today=now,
                    streak=streak(all_goals, counts))
    review.goals_met = [v for v in views if v.met]
    review.goals_missed = [v for v in views if not v.met]
    review.carried_ids = {v.goal.id for v in views if v.goal.id in carried}
    review.names = dict(kept.names)

    happened = done_interactions(records.interactions)
    # A day's conversations as they were logged (the table's order, which the kept figure
    # keeps); kinds of equal count by name.
    review.interactions = sorted(happened, key=lambda i: str(i.date))
    review.interactions_by_kind = dict(sorted(Counter(i.kind for i in happened).items(),
                                              key=lambda kind_n: (-kind_n[1], kind_n[0])))
    reach = funnel(happened)
    review.outreach, review.replied, review.met = reach.reached, reach.replied, reach.met
    review.conversations = sum(1 for i in happened if i.kind in CONVERSATION_KINDS)
    review.help_given = sum(1 for i in happened if i.kind == HELP_KIND)
    review.thanks_given = sum(1 for i in happened if i.kind == THANKS_KIND)
    review.thanks_owed = thanks_owed(store, kept, for_thanks, records.referrals, now)

    review.new_contacts = sorted((c for c in records.contacts if week_of(c.created) == week),
                                 key=lambda c: (str(c.created), c.id))
    review.events_attended = sorted(
        (e for e in records.events if e.status == "attended" and week_of(e.date) == week),
        key=lambda e: str(e.date))
    due = due_dates.listed(store, DUE_SOON_DAYS, now)
    review.overdue = [d for d in due if d.overdue]
    review.due_soon = [d for d in due if not d.overdue]
    review.waiting_on_you = [r for r in records.referrals if r.status in WAITING_ON_YOU]
    review.referrals_received = sum(
        1 for r in records.referrals
        if r.status in RECEIVED and week_of(r.updated or r.asked_on) == week)
    review.pie = pie_change(store.all(Assessment))
    review.trends = trends_of(recent, window(week), counts, goals_by_week(store))
    return review
