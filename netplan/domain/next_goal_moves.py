"""For a goal of this week still short: the one next action that would move it (whom to
write to, and with which message template), read from the record (no Textual)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from ..store.records import Contact, Event, Goal
from ..support.dates import iso_week, to_date
from .metrics import METRIC_LABELS

if TYPE_CHECKING:
    from .action import Action


def _on(day: dt.date) -> str:
    return f"{day:%a} {day.isoformat()}"


def goal_move(goal: Goal, contacts: Sequence[Contact], events: Sequence[Event],
              actions: Sequence[Action], name_of: Callable[[str | None], str],
              today: dt.date) -> tuple[str, str | None, str | None]:
    """The one action that would move a goal: (what to do, whom, which draft). `actions`
    are the other next actions already found; `name_of` names a contact by id."""
    def first(stage: str) -> Contact | None:
        found = [c for c in contacts if c.stage == stage]
        return min(found, key=lambda c: (str(c.created), c.name)) if found else None

    metric = goal.metric
    if metric == "outreach":
        c = first("identified")
        if c is not None:
            return (f"reach out to {c.name}", c.id,
                    "info-warm" if c.introduced_by else "info-cold")
        return "add someone to reach out to (Contacts, n)", None, None
    if metric == "conversations":
        c = first("replied") or first("contacted")
        if c is not None:
            return f"ask {c.name} for a coffee chat", c.id, "info-warm" if c.introduced_by \
                else "info-cold"
        return "reach out to someone for a coffee chat", None, None
    if metric == "follow_ups":
        due = next((a for a in actions if a.kind == "follow_up"), None)
        if due is not None:
            return f"follow up with {name_of(due.contact_id)}", due.contact_id, None
        c = first("talked") or first("ally")
        if c is not None:
            return f"check in with {c.name}", c.id, None
        return "follow up with someone you talked to before", None, None
    if metric == "help_given":
        owed = next((a for a in actions if a.kind == "thank"), None)
        if goal.counts_thanks and owed is not None:
            return f"{owed.title[0].lower()}{owed.title[1:]}", owed.contact_id, "thanks"
        c = first("ally") or first("talked")
        if c is not None:
            return f"offer {c.name} your help", c.id, "offer-help"
        return "answer a newcomer's question in a community", None, None
    if metric == "referrals":
        ask = next((a for a in actions if a.key.startswith("referral:") and
                    a.key.endswith(":to_ask")), None)
        if ask is not None:
            return f"ask {name_of(ask.contact_id)} for the referral", ask.contact_id, \
                "referral-ask"
        return "add a referral request to someone who knows your work (Contacts, r)", None, None
    if metric == "events":
        week = iso_week(today)
        planned = sorted((e for e in events if e.status == "planned"
                          and (d := to_date(e.date)) and iso_week(d) == week and d >= today),
                         key=lambda e: str(e.date))
        if planned:
            return f"go to {planned[0].name} on {_on(to_date(planned[0].date))}", None, None
        return "find a meetup to attend this week (Contacts, v events)", None, None
    if metric == "new_contacts":
        return "add someone you met (Contacts, n)", None, None
    if metric == "manual":
        return ("counted by hand: enter here (or space on its card) when you have done one",
                None, None)
    return f"{METRIC_LABELS.get(metric, metric)}: log one on Contacts", None, None
