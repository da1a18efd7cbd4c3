"""Doing a next action from the Board's panel: one key each — log the follow-up, open
the prep sheet, draft the message, mark thanked, snooze (tomorrow, next week), dismiss.
Every write goes through the section's guarded save; the panel refreshes from the store
change, and the action is gone because its reason no longer holds (or it is snoozed)."""

from __future__ import annotations

from functools import partial

from ..domain import next_actions as na
from ..store.records import Contact
from ..support.dates import today
from ..support.sanitize import one_line
from .base import SectionScreen

# What enter does, by kind (the rest draft the action's message).
DO = {"follow_up": "log", "prep": "prep"}


def act(screen: SectionScreen, action: na.Action, verb: str) -> None:
    if verb == "do":
        verb = DO.get(action.kind, "draft")
        if action.kind == "goal" and action.template is None:
            if not _count_one(screen, action):
                screen.notify(f"{one_line(action.title, 50)}: {action.reason}", timeout=5)
            return
    contact = screen.store.get(Contact, action.contact_id) if action.contact_id else None
    now = today()
    if verb in ("tomorrow", "next_week"):
        until = na.tomorrow(now) if verb == "tomorrow" else na.next_week(now)
        screen.save_guarded(partial(na.snooze, screen.store, action, until, now),
                            f"Snoozed until {until:%a %d %b}: {one_line(action.title, 40)}")
    elif verb == "dismiss":
        screen.save_guarded(partial(na.dismiss, screen.store, action, now),
                            f"Dismissed: {one_line(action.title, 50)}")
    elif contact is None:
        screen.notify("This action is not about one person; z snoozes it, x dismisses it.",
                      timeout=4)
    elif verb == "thanked":
        if action.kind != "thank":
            screen.notify("h marks a thank-you as sent; this one is not a thank-you.", timeout=3)
            return
        screen.save_guarded(partial(na.complete, screen.store, action,
                                    na.thank_you(action, now), now),
                            f"Thanked {one_line(contact.name, 40)}")
    elif verb == "draft":
        from .drafting import open_draft

        open_draft(screen, contact, action.template, action)
    elif verb == "prep":
        from .questions.section import open_prep_sheet

        open_prep_sheet(screen.app, contact.id)
    elif verb == "log":
        # Logged from a follow-up, the interaction is that follow-up (it is done).
        log_with(screen, contact, action if action.kind == "follow_up" else None)


def log_with(screen: SectionScreen, contact: Contact, done_action: na.Action | None = None
             ) -> None:
    """The log form for `contact`; logging resets their follow-up clock (and, given
    `done_action`, records that action as done)."""
    from ..dialogs import contact_forms
    from ..domain.contacts import log_interaction

    def done(values) -> None:
        if values is not None:
            interaction = contact_forms.interaction_from_values(values, contact)
            save = (partial(na.complete, screen.store, done_action, interaction, today())
                    if done_action is not None
                    else partial(log_interaction, screen.store, interaction))
            screen.save_guarded(save, f"Logged {interaction.kind.replace('_', ' ')} with "
                                      f"{one_line(contact.name, 30)}")

    # A follow-up is mostly a message: starting it as a coffee had it counted as a meeting
    # and asked for a thank-you for it.
    kind = "email" if done_action is not None else "coffee"
    screen.app.push_screen(contact_forms.log_form(screen.store, contact, kind=kind), done)


def _count_one(screen: SectionScreen, action: na.Action) -> bool:
    """Enter on a goal counted by hand ("Post 3 learnings") counts one, as space does on
    its card; False for a goal that counts itself (its line says what would move it)."""
    from ..domain.goals import is_auto
    from ..store.records import Goal
    from .goal_count import count_by_hand

    goal = screen.store.get(Goal, action.goal_id or "")
    if goal is None or is_auto(goal):
        return False
    count_by_hand(screen, goal, 1)
    return True
