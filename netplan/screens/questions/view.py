"""What the Questions tabs show, read from the store once per refresh (no Textual here)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...domain.prep import Heard
from ...domain.questions import Asked
from ...store.records import Contact, Interaction, Question


@dataclass
class QuestionsView:
    """What the three tabs show, read from the store once per refresh."""

    questions: list[Question] = field(default_factory=list)  # bank order
    by_id: dict[str, Question] = field(default_factory=dict)
    contacts: dict[str, Contact] = field(default_factory=dict)
    # The interactions the tabs read: those that asked questions, and the planned ones
    # (domain.questions.questioned), not all 250,000.
    interactions: list[Interaction] = field(default_factory=list)
    asked: dict[str, Asked] = field(default_factory=dict)
    heard: dict[str, list[Heard]] = field(default_factory=dict)  # newest answers, per question
    # On a large store's first visit, the bank is shown before the conversations are read
    # (on a worker): `interactions`, `asked` and `contacts` are then empty, not known.
    reading: bool = False
