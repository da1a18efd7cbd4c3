"""Snapshots of the Contacts section and each of its dialogs at 80x24, from a seeded store."""

from __future__ import annotations

import pytest

from netplan.dialogs.contact_picker import ContactPickerDialog
from netplan.store.records import Contact, Event, Interaction, Referral

from ..conftest import make_app

STAMP = "2026-11-01T09:00:00"


@pytest.fixture
def seeded(store):
    ev = Event(
        id="e1",
        name="PyCon Berlin",
        kind="conference",
        date="2026-11-14",
        place="bcc Berlin",
        status="attended",
    )
    ada = Contact(
        id="c1",
        name="Ada Lovelace",
        company="Analytical Engines",
        role="Staff engineer",
        emails=("ada@example.com",),
        links={"linkedin": "https://linkedin.com/in/ada"},
        tags=("mentor", "python"),
        how_met="Hallway track",
        met_on="2026-11-14",
        met_at="e1",
        stage="talked",
        cadence_days=30,
        personal="Two cats",
        notes="Offered to review my CV",
        created=STAMP,
        updated=STAMP,
    )
    store.save_many(
        [
            ev,
            ada,
            Contact(
                id="c2",
                name="Grace Hopper",
                company="Navy",
                stage="contacted",
                introduced_by="c1",
                cadence_days=14,
                created=STAMP,
                updated=STAMP,
            ),
            Contact(
                id="c3",
                name="[bold]Ada[/]",
                company="Markup Inc",
                next_follow_up="2026-11-20",
                created=STAMP,
                updated=STAMP,
            ),
            Contact(
                id="c4",
                name="Linus Lee",
                company="Initech",
                stage="identified",
                created=STAMP,
                updated=STAMP,
            ),
            Interaction(
                id="i1",
                date="2026-11-14",
                kind="conference",
                contacts=("c1", "c2"),
                summary="Met at the sprint table",
                event="e1",
            ),
            Interaction(
                id="i2",
                date="2026-11-20",
                kind="coffee",
                contacts=("c1",),
                summary="Coffee about backend roles",
                outreach=True,
                replied=True,
            ),
            Referral(
                id="r1",
                contact="c1",
                company="Analytical Engines",
                role="Backend developer",
                status="asked",
                asked_on="2026-11-20",
                updated=STAMP,
            ),
        ]
    )
    return store


def shot(snap_compare, store, *keys: str, run_before=None) -> bool:
    """Open Contacts (unless run_before set the scene), press keys, compare."""
    press = list(keys) if run_before else ["2", *keys]
    return snap_compare(make_app(store), terminal_size=(80, 24), press=press, run_before=run_before)


def test_section(snap_compare, seeded):
    assert shot(snap_compare, seeded)


def test_section_filtered(snap_compare, seeded):
    assert shot(snap_compare, seeded, "slash", *"ada")


def test_new_contact_dialog(snap_compare, seeded):
    assert shot(snap_compare, seeded, "n")


def test_edit_contact_dialog(snap_compare, seeded):
    assert shot(snap_compare, seeded, "e")


def test_delete_confirm(snap_compare, seeded):
    assert shot(snap_compare, seeded, "d")


def test_log_dialog(snap_compare, seeded):
    assert shot(snap_compare, seeded, "l")


def test_follow_up_dialog(snap_compare, seeded):
    assert shot(snap_compare, seeded, "f")


def test_referral_dialog(snap_compare, seeded):
    assert shot(snap_compare, seeded, "r")


def test_referrals_manager(snap_compare, seeded):
    assert shot(snap_compare, seeded, "a")


def test_events_screen(snap_compare, seeded):
    assert shot(snap_compare, seeded, "v")


def test_event_dialog(snap_compare, seeded):
    assert shot(snap_compare, seeded, "v", "e")


def test_contact_picker(snap_compare, seeded):
    async def open_picker(pilot):
        await pilot.press("2")
        pilot.app.push_screen(ContactPickerDialog(seeded, title="Prep sheet for…"))
        await pilot.pause()

    assert shot(snap_compare, seeded, *"ad", run_before=open_picker)
