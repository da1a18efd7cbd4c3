"""Next actions: what to do this week, computed from the record each time (no Textual).

Nothing here is stored but the user's answers to an action: snoozed until a day, or
dismissed for good (the store's setting "next_actions", keyed by the action's stable
key). Each action says why it is there. The rules, with `today` passed in:

- follow_up: a follow-up overdue or due within `within` days (domain.followups).
- prep: a planned conversation in the next `within` days, with its prep sheet's
  questions, or "no prep sheet yet" when none are picked.
- after_event: someone met at an event (their `met_at`, or an interaction there) held
  in the last 2 days — shown through the second day after it, "exactly 48 hours" —
  with no interaction with them since the event's day.
- thank: a conversation in the last 7 days, an introduction in the last 30 days, or a
  referral that moved (agreed or further, or declined: thank them regardless of
  outcome), with no thank-you since: no interaction of kind `thanks` with that person
  on or after it, and (introductions, referrals) not marked thanked.
- tell_introducer: you talked with someone in the last 30 days who was introduced by a
  contact you have not been in touch with since that conversation.
- referral: a request waiting on you — still to ask; or agreed, and you have not sent
  them anything (resume, talking points) since it moved.
- bump: your last outreach to someone got no reply and nothing happened with them
  since; from the third business day after it (weekends do not count) until 30 days.
  At most one bump per person: an outreach that itself followed an unanswered one
  within 30 days is the bump, and is not bumped again. A bump goes the way the
  outreach went (a direct message is bumped by direct message).
- goal: each goal of this week still short, with the one action that would move it.

Dormant contacts are resting: no action is about them (a planned conversation with one
still shows: you planned it).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from ..store.records import Contact, Event, Goal, Interaction, Referral
from ..support.dates import (
    add_business_days,
    business_days_between,
    iso_week,
    to_date,
    week_bounds,
)
from .action import Action
from .followups import due_within
from .goals import view as goal_view
from .metrics import Records, count_all_weeks
from .next_action_answers import (  # noqa: F401 (the answers are part of this module's face)
    STATES_KEY,
    complete,
    dismiss,
    hidden,
    next_week,
    snooze,
    states_of,
    thank_you,
    tomorrow,
)
from .next_goal_moves import goal_move
from .vocabulary import CONVERSATION_KINDS, TALKED_KINDS, THANKS_KIND

KINDS = ("follow_up", "prep", "after_event", "thank", "tell_introducer", "referral", "bump",
         "goal")
KIND_LABELS = {
    "follow_up": "follow-up", "prep": "conversation", "after_event": "after an event",
    "thank": "thank-you", "tell_introducer": "close the loop", "referral": "referral",
    "bump": "bump", "goal": "goal",
}
EVENT_DAYS = 2  # follow up within 48 hours of meeting someone
THANK_CONVERSATION_DAYS = 7
RECENT_DAYS = 30  # introductions to thank, introducers to tell, bumps still worth sending
BUMP_BUSINESS_DAYS = 3
MOVED_REFERRALS = ("agreed", "submitted", "interviewing", "offer", "declined")
BUMP_TEMPLATES = {"dm": "bump-dm"}  # by the kind of the outreach bumped; else an e-mail


@dataclass(frozen=True)
class Snapshot:
    """The records the rules read (one read of the store)."""

    contacts: tuple[Contact, ...] = ()
    interactions: tuple[Interaction, ...] = ()
    events: tuple[Event, ...] = ()
    referrals: tuple[Referral, ...] = ()
    goals: tuple[Goal, ...] = ()
    states: Mapping[str, dict] = field(default_factory=dict)

    @classmethod
    def from_store(cls, store) -> Snapshot:
        return cls(tuple(store.all(Contact)), tuple(store.all(Interaction)),
                   tuple(store.all(Event)), tuple(store.all(Referral)), tuple(store.all(Goal)),
                   states_of(store))


# -- dates ---------------------------------------------------------------------------


def _day(value: object) -> dt.date | None:
    return to_date(str(value)[:10]) if value else None


def _on(day: dt.date) -> str:
    return f"{day:%a} {day.isoformat()}"


# -- the rules -----------------------------------------------------------------------


class _Facts:
    """Indexes the rules share: people by id, each person's real interactions by date."""

    def __init__(self, snap: Snapshot):
        self.people = {c.id: c for c in snap.contacts}
        self.by_person: dict[str, list[tuple[dt.date, Interaction]]] = defaultdict(list)
        for it in snap.interactions:
            day = _day(it.date)
            if it.planned or day is None:
                continue
            for cid in it.contacts:
                self.by_person[cid].append((day, it))
        for items in self.by_person.values():
            items.sort(key=lambda pair: (pair[0], pair[1].id))

    def active(self, cid: str | None) -> Contact | None:
        """The contact, unless unknown or dormant (resting: never nagged about)."""
        c = self.people.get(cid or "")
        return c if c is not None and c.stage != "dormant" else None

    def name(self, cid: str | None) -> str:
        c = self.people.get(cid or "")
        return c.name if c is not None else "someone"

    def since(self, cid: str, day: dt.date, *, after: bool = False) -> list[Interaction]:
        return [it for d, it in self.by_person.get(cid, ()) if d > day or (d == day and not after)]

    def thanked_since(self, cid: str, day: dt.date) -> bool:
        return any(it.kind == THANKS_KIND for it in self.since(cid, day))


def _follow_ups(snap: Snapshot, facts: _Facts, today: dt.date, within: int) -> list[Action]:
    out = []
    for d in due_within(snap.contacts, snap.interactions, within, today):
        c = d.contact
        if to_date(c.next_follow_up):
            why = f"the follow-up you set for {_on(d.due)}"
        else:
            last = d.due - dt.timedelta(days=c.cadence_days or 0)
            why = f"every {c.cadence_days} days; last in touch {_on(last)}"
        out.append(Action(f"follow_up:{c.id}:{d.due.isoformat()}", "follow_up",
                          f"Follow up with {c.name}", why, d.due, contact_id=c.id))
    return out


def _prep(snap: Snapshot, facts: _Facts, today: dt.date, within: int) -> list[Action]:
    out = []
    for it in snap.interactions:
        day = _day(it.date)
        if not it.planned or day is None or not today <= day <= today + dt.timedelta(within):
            continue
        names = ", ".join(facts.name(cid) for cid in it.contacts) or "someone"
        picked = sum(1 for q in it.questions if isinstance(q, dict) and q.get("question"))
        sheet = (f"prep sheet: {picked} question{'s' if picked != 1 else ''}" if picked
                 else "no prep sheet yet")
        out.append(Action(f"prep:{it.id}", "prep", f"Conversation with {names} {_on(day)}",
                          sheet, day,
                          contact_id=it.contacts[0] if it.contacts else None,
                          interaction_id=it.id))
    return out


def _after_events(snap: Snapshot, facts: _Facts, today: dt.date) -> list[Action]:
    out = []
    for event in snap.events:
        day = _day(event.date)
        if day is None or event.status == "skipped" or not 0 <= (today - day).days <= EVENT_DAYS:
            continue
        met = {c.id for c in snap.contacts if c.met_at == event.id}
        met |= {cid for it in snap.interactions if it.event == event.id and not it.planned
                for cid in it.contacts}
        for cid in sorted(met):
            c = facts.active(cid)
            if c is None or facts.since(cid, day, after=True):
                continue
            deadline = day + dt.timedelta(EVENT_DAYS)
            out.append(Action(f"after_event:{cid}:{event.id}", "after_event",
                              f"Follow up with {c.name} from {event.name}",
                              f"met at {event.name} on {_on(day)}; follow up within 48 hours "
                              f"(by {_on(deadline)})", deadline, contact_id=cid,
                              template="after-event"))
    return out


def _thanks(snap: Snapshot, facts: _Facts, today: dt.date) -> list[Action]:
    out = []
    # Conversations: the latest with each person in the last week.
    latest: dict[str, tuple[dt.date, Interaction]] = {}
    for it in snap.interactions:
        day = _day(it.date)
        if (it.planned or it.kind not in CONVERSATION_KINDS or day is None
                or not 0 <= (today - day).days <= THANK_CONVERSATION_DAYS):
            continue
        for cid in it.contacts:  # (two on one day: the one of the higher id, however read)
            if cid not in latest or (latest[cid][0], latest[cid][1].id) < (day, it.id):
                latest[cid] = (day, it)
    for cid, (day, it) in latest.items():
        c = facts.active(cid)
        if c is None or facts.thanked_since(cid, day):
            continue
        kind = it.kind.replace("_", " ")
        late = "a thank-you within 24 hours" if (today - day).days <= 1 else "no thank-you yet"
        out.append(Action(f"thank:{it.id}:{cid}", "thank", f"Thank {c.name} for the {kind}",
                          f"{kind} on {_on(day)}; {late}", day + dt.timedelta(1),
                          contact_id=cid, template="thanks", interaction_id=it.id))
    # Introductions: thank the introducer.
    for c in snap.contacts:
        introducer = facts.active(c.introduced_by)
        day = _day(c.met_on) or _day(c.created)
        if (introducer is None or day is None or c.intro_thanked_on
                or not 0 <= (today - day).days <= RECENT_DAYS
                or facts.thanked_since(introducer.id, day)):
            continue
        out.append(Action(f"thank_intro:{c.id}", "thank",
                          f"Thank {introducer.name} for the intro to {c.name}",
                          f"introduced {_on(day)}; always close the loop",
                          day + dt.timedelta(1), contact_id=introducer.id, template="thanks",
                          subject_id=c.id, topic=f"the introduction to {c.name}"))
    # Referrals that moved: thank them regardless of outcome.
    for r in snap.referrals:
        c = facts.active(r.contact)
        day = _day(r.updated) or _day(r.asked_on)
        if c is None or r.thanked or r.status not in MOVED_REFERRALS or day is None:
            continue
        if facts.thanked_since(c.id, day):
            continue
        what = f" ({r.company})" if r.company else ""
        out.append(Action(f"thank_referral:{r.id}", "thank",
                          f"Thank {c.name} for the referral{what}",
                          f"referral {r.status.replace('_', ' ')} on {_on(day)}; thank them "
                          "regardless of outcome", day + dt.timedelta(1), contact_id=c.id,
                          template="thanks", referral_id=r.id,
                          topic=f"the referral{' at ' + r.company if r.company else ''}"))
    return out


def _tell_introducers(snap: Snapshot, facts: _Facts, today: dt.date) -> list[Action]:
    out = []
    for c in snap.contacts:
        introducer = facts.active(c.introduced_by)
        if introducer is None or c.stage == "dormant":
            continue
        talks = [(d, it) for d, it in facts.by_person.get(c.id, ())
                 if it.kind in TALKED_KINDS and 0 <= (today - d).days <= RECENT_DAYS]
        if not talks:
            continue
        day, talk = talks[-1]
        if facts.since(introducer.id, day):
            continue
        out.append(Action(f"tell:{c.id}:{day.isoformat()}", "tell_introducer",
                          f"Tell {introducer.name} how it went with {c.name}",
                          f"you talked with {c.name} on {_on(day)}; {introducer.name} "
                          "introduced you", day + dt.timedelta(2), contact_id=introducer.id,
                          template="tell-introducer", subject_id=c.id,
                          interaction_id=talk.id,
                          topic=talk.summary or f"my conversation with {c.name}"))
    return out


def _referrals(snap: Snapshot, facts: _Facts, today: dt.date) -> list[Action]:
    out = []
    for r in snap.referrals:
        c = facts.active(r.contact)
        if c is None:
            continue
        role = " at ".join(x for x in (r.role, r.company) if x)
        role = f" ({role})" if role else ""
        if r.status == "to_ask":
            day = _day(r.updated) or today
            out.append(Action(f"referral:{r.id}:to_ask", "referral",
                              f"Ask {c.name} for a referral{role}",
                              "a request waiting on you; give the role, the link and two "
                              "talking points", max(day, today), contact_id=c.id,
                              template="referral-ask", referral_id=r.id))
        elif r.status == "agreed":
            day = _day(r.updated) or _day(r.asked_on) or today
            if facts.since(c.id, day, after=True):
                continue  # something went to them after they agreed
            out.append(Action(f"referral:{r.id}:agreed", "referral",
                              f"Send {c.name} your resume and talking points{role}",
                              f"agreed on {_on(day)}; make it easy for them", day,
                              contact_id=c.id, template="referral-send", referral_id=r.id))
    return out


def _bumps(snap: Snapshot, facts: _Facts, today: dt.date) -> list[Action]:
    out = []
    for cid, items in facts.by_person.items():
        c = facts.active(cid)
        outreach = [(d, it) for d, it in items if it.outreach]
        if c is None or not outreach:
            continue
        day, last = outreach[-1]
        answered = any(it.replied or not it.outreach for d, it in items
                       if d >= day and it is not last) or last.replied
        if answered or not 0 <= (today - day).days <= RECENT_DAYS:
            continue
        earlier = [(d, it) for d, it in outreach[:-1] if (day - d).days <= RECENT_DAYS]
        if earlier:
            first_day, first = earlier[-1]
            between = [it for d, it in items if first_day <= d <= day
                       and it is not first and it is not last]
            if not first.replied and not any(it.replied or not it.outreach for it in between):
                continue  # `last` is already the bump: let it rest
        if business_days_between(day, today) < BUMP_BUSINESS_DAYS:
            continue
        kind = last.kind.replace("_", " ")
        out.append(Action(f"bump:{last.id}", "bump", f"Bump {c.name} (once)",
                          f"no reply to your {kind} of {_on(day)}; one bump, then let it rest",
                          add_business_days(day, BUMP_BUSINESS_DAYS), contact_id=cid,
                          template=BUMP_TEMPLATES.get(last.kind, "bump"),
                          interaction_id=last.id))
    return out


def _goals(snap: Snapshot, facts: _Facts, today: dt.date, actions: list[Action]) -> list[Action]:
    week = iso_week(today)
    goals = [g for g in snap.goals if g.week == week]
    if not goals:
        return []
    counts = count_all_weeks(Records(snap.interactions, snap.contacts, snap.events,
                                     snap.referrals))
    sunday = week_bounds(week)[1]
    out = []
    for g in goals:
        v = goal_view(g, counts)
        if v.met:
            continue
        hint, cid, template = goal_move(g, snap.contacts, snap.events, actions,
                                        facts.name, today)
        out.append(Action(f"goal:{g.id}", "goal", f"Goal: {g.title} ({v.progress}/{g.target})",
                          hint, sunday, contact_id=cid, template=template, goal_id=g.id))
    return out


# -- the list -------------------------------------------------------------------------


def compute(snap: Snapshot, today: dt.date, within: int = 7, *,
            include_hidden: bool = False) -> list[Action]:
    """Every next action as of `today`, most urgent first, without those snoozed past
    today or dismissed (unless `include_hidden`)."""
    facts = _Facts(snap)
    actions: list[Action] = []
    actions += _follow_ups(snap, facts, today, within)
    actions += _prep(snap, facts, today, within)
    actions += _after_events(snap, facts, today)
    actions += _thanks(snap, facts, today)
    actions += _tell_introducers(snap, facts, today)
    actions += _referrals(snap, facts, today)
    actions += _bumps(snap, facts, today)
    actions += _goals(snap, facts, today, actions)
    return _listed(actions, snap, today, include_hidden)


def _listed(actions: list[Action], snap: Snapshot, today: dt.date,
            include_hidden: bool = False) -> list[Action]:
    if not include_hidden:
        actions = [a for a in actions if not hidden(snap.states.get(a.key), today)]
    order = {k: n for n, k in enumerate(KINDS)}
    actions.sort(key=lambda a: (a.due, order[a.kind], a.title.casefold(), a.key))
    return actions


def thanks_due(snap: Snapshot, today: dt.date) -> list[Action]:
    """The thank-yous alone, as compute() lists them (the weekly review shows them). The
    snapshot need hold only the interactions `thanks_read(today)` keeps."""
    return _listed(_thanks(snap, _Facts(snap), today), snap, today)


def thanks_read(today: dt.date) -> Callable[[str, object, bool], bool]:
    """Of an interaction's (kind, date, planned), whether the thank-you rule reads it: a
    conversation of the last THANK_CONVERSATION_DAYS, or a thank-you (of any day)."""
    first = (today - dt.timedelta(THANK_CONVERSATION_DAYS)).isoformat()
    last = today.isoformat()

    def read(kind: str, date: object, planned: bool) -> bool:
        return kind == THANKS_KIND or (
            not planned and kind in CONVERSATION_KINDS and first <= str(date)[:10] <= last)
    return read


def for_store(store, today: dt.date, within: int = 7) -> list[Action]:
    return compute(Snapshot.from_store(store), today, within)
