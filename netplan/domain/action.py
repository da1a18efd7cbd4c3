"""Action: one next thing to do (write to someone, thank them, move a goal), and why."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .followups import describe_days


@dataclass(frozen=True)
class Action:
    """One thing to do, and why. `key` is stable while the reason holds (a snooze or a
    dismissal is kept under it), and changes when the reason is a new one."""

    key: str
    kind: str
    title: str
    reason: str
    due: dt.date  # act by this day; earlier days sort first
    contact_id: str | None = None  # whom it is about (the one a draft is addressed to)
    template: str | None = None  # the message template that does it, if one does
    referral_id: str | None = None
    interaction_id: str | None = None  # the conversation, prep sheet or outreach
    subject_id: str | None = None  # the introduced contact (thank / tell an introducer)
    goal_id: str | None = None
    topic: str = ""  # what a draft's {last_topic} should say, when not their last talk

    def days(self, today: dt.date) -> int:
        return (self.due - today).days

    def when(self, today: dt.date) -> str:
        return describe_days(self.days(today))

    def to_json(self, today: dt.date) -> dict:
        return {"key": self.key, "kind": self.kind, "title": self.title, "reason": self.reason,
                "due": self.due.isoformat(), "when": self.when(today),
                "contact": self.contact_id, "template": self.template,
                "referral": self.referral_id, "interaction": self.interaction_id,
                "goal": self.goal_id}
