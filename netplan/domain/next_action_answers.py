"""What the user answered to a next action: snoozed until a day, dismissed for good
(both kept in the store's setting "next_actions", by the action's stable key), or done
(`complete`, which logs the interaction and marks what the record keeps about it)."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from ..store.records import Contact, Interaction, Referral, now_iso
from ..support.dates import to_date
from .vocabulary import THANKS_KIND

if TYPE_CHECKING:
    from .action import Action

STATES_KEY = "next_actions"


# -- snooze and dismiss ----------------------------------------------------------------


def states_of(store) -> dict[str, dict]:
    raw = store.setting(STATES_KEY)
    return {str(k): v for k, v in raw.items() if isinstance(v, dict)} \
        if isinstance(raw, dict) else {}


def hidden(state: dict | None, today: dt.date) -> bool:
    if not state:
        return False
    if state.get("dismissed"):
        return True
    until = to_date(state.get("until"))
    return until is not None and today < until


def _set_state(store, key: str, state: dict, today: dt.date) -> None:
    with store.transaction():
        states = states_of(store)
        # Snoozes that have run out are forgotten; dismissals are kept.
        states = {k: v for k, v in states.items() if hidden(v, today)}
        states[key] = state
        store.set_setting(STATES_KEY, states)


def snooze(store, action: Action, until: dt.date, today: dt.date) -> None:
    """Hide the action until `until` (it is back on that day, if it still holds)."""
    _set_state(store, action.key, {"until": until.isoformat()}, today)


def dismiss(store, action: Action, today: dt.date) -> None:
    """Hide the action for good (a new reason is a new key, and shows)."""
    _set_state(store, action.key, {"dismissed": today.isoformat()}, today)


def tomorrow(today: dt.date) -> dt.date:
    return today + dt.timedelta(days=1)


def next_week(today: dt.date) -> dt.date:
    """Monday of next week."""
    return today + dt.timedelta(days=7 - today.weekday())


# -- doing it --------------------------------------------------------------------------


def complete(store, action: Action, interaction: Interaction | None, today: dt.date) -> None:
    """Record that the action was done: log `interaction` (a sent draft, a thank-you, the
    follow-up itself), and mark what the record keeps about it (a referral thanked or
    asked, an introduction thanked), in one write. The action then no longer holds.

    A follow-up logged from its action is that follow-up, even ahead of the day set for
    it: the explicit date is cleared, and the cadence counts again from the interaction
    (an ordinary log leaves a date set for later than the interaction)."""
    from . import interactions

    with store.transaction():
        if interaction is not None:
            answering = (action.contact_id,) if action.kind == "follow_up" else ()
            interactions.log(store, interaction, answering)
        thanked = interaction is None or interaction.kind == THANKS_KIND
        if action.key.startswith("thank_referral:") and thanked:
            ref = store.get(Referral, action.referral_id or "")
            if ref is not None:
                store.save(ref.replace(thanked=True, thanked_on=today.isoformat()))
        elif action.key.startswith("thank_intro:") and thanked:
            c = store.get(Contact, action.subject_id or "")
            if c is not None:
                store.save(c.replace(intro_thanked_on=today.isoformat()))
        elif action.key.startswith("referral:") and action.key.endswith(":to_ask"):
            ref = store.get(Referral, action.referral_id or "")
            if ref is not None and ref.status == "to_ask":
                store.save(ref.replace(status="asked", asked_on=today.isoformat(),
                                       updated=now_iso()))


def thank_you(action: Action, today: dt.date) -> Interaction:
    """The `thanks` interaction that marks an action's thank-you as sent."""
    what = action.topic or action.title.removeprefix("Thank ")
    return Interaction(date=today.isoformat(), kind=THANKS_KIND,
                       contacts=(action.contact_id,) if action.contact_id else (),
                       summary=f"Thanked for {what}"[:200] if action.topic
                       else f"Thanked: {what}"[:200])
