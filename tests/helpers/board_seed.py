"""A seeded store for the Board and Review tests and snapshots (fixed ids and dates)."""

from __future__ import annotations

from netplan.store.records import Contact, Event, Goal, Interaction, Referral


def seed_week(store) -> None:
    """W48 (the frozen week) with a goal in every column, W47 all met (a streak of 1)."""
    store.save_many([
        Contact(id="c-ada", name="[bold]Ada[/] Lovelace", company="Analytical",
                created="2026-11-23T09:00:00", updated="2026-11-23T09:00:00"),
        Contact(id="c-bob", name="Bob", created="2026-10-01T09:00:00",
                updated="2026-10-01T09:00:00", next_follow_up="2026-11-20"),
        Interaction(id="i-1", date="2026-11-23", kind="dm", contacts=("c-ada",), outreach=True,
                    replied=True, summary="Said hello"),
        Interaction(id="i-2", date="2026-11-24", kind="coffee", contacts=("c-ada",)),
        Event(id="e-1", name="PyData meetup", date="2026-11-26", status="planned"),
        Event(id="e-2", name="[i]Hack[/i] night", date="2026-11-28", status="planned"),
        Referral(id="r-1", contact="c-bob", company="Acme", status="to_ask",
                 updated="2026-11-20T09:00:00"),
        Goal(id="g-reach", week="2026-W48", title="Reach out to 3 people", target=3,
             metric="outreach", template="starter-week"),
        Goal(id="g-post", week="2026-W48", title="Post 3 learnings", target=3, area="image"),
        Goal(id="g-markup", week="2026-W48", title="[bold]Read[/] the docs", target=2,
             progress=1, status="doing", area="performance"),
        Goal(id="g-help", week="2026-W48", title="Help someone", progress=1, status="done",
             area="image"),
        Goal(id="g-last", week="2026-W47", title="Attend 1 meetup", progress=1, status="done"),
    ])
