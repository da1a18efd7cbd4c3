"""Snapshots at 80×24 of the Board's next-actions panel and the draft editor."""

from __future__ import annotations

import pytest

from netplan.store.records import Contact, Event, Interaction, Referral

from ..conftest import make_app
from ..helpers.board_seed import seed_week


@pytest.fixture
def app(store):
    seed_week(store)
    sam = store.save(Contact(id="c-sam2", name="Sam Okafor", created="2026-10-01T09:00:00"))
    dana = store.save(Contact(id="c-dana", name="Dana Lovelace", company="Acme", role="Engineer",
                             introduced_by=sam.id, met_on="2026-11-20", met_at="e-py",
                             created="2026-11-20T09:00:00"))
    store.save(Event(id="e-py", name="PyLadies night", date="2026-11-21", status="attended"))
    store.save(Interaction(id="i-1", date="2026-11-18", kind="email", outreach=True,
                           contacts=(sam.id,), summary="asked about the data team"))
    store.save(Referral(id="r-1", contact=dana.id, company="Acme", role="Junior Developer",
                        url="https://acme.example/jobs/7", status="to_ask",
                        updated="2026-11-22T10:00:00"))
    return make_app(store)


def test_next_actions_panel(snap_compare, app):
    assert snap_compare(app, terminal_size=(80, 24), press=["_", "a", "_"])


def test_draft_dialog(snap_compare, app):
    # the third action: follow up with Dana after the event (a gap where no topic is known)
    assert snap_compare(app, terminal_size=(80, 24),
                        press=["_", "a", "_", "down", "down", "enter", "_"])
