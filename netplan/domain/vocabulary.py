"""The words the domain counts with: which kinds of interaction are conversations, and the
relationship ladder a contact climbs. (The stored values themselves are listed with the
records, in `netplan.store.records`.)"""

from __future__ import annotations

# A conversation: you talked with the person, one to one (metrics, PIE evidence, review).
CONVERSATION_KINDS = frozenset({"coffee", "call", "informational_interview"})
# The week's thank-yous, counted beside the metrics (metrics.py's docstring).
THANKS_COUNT = "thanks"
# Kinds where you talked with the person live, in a group too: they move the stage to talked.
TALKED_KINDS = frozenset({"coffee", "call", "informational_interview", "meetup", "conference"})
# The relationship ladder; `dormant` sits outside it.
LADDER = ("identified", "contacted", "replied", "talked", "ally")
# A thank-you: closing the loop with someone who helped (an intro, a referral, their time).
THANKS_KIND = "thanks"
# Giving back: what the review counts as help given (help, and thank-yous beside it).
HELP_KIND = "help"
