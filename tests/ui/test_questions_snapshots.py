"""What the Questions section and its dialogs look like at 80×24, from a seeded store."""

from __future__ import annotations

import pytest

from netplan.domain.questions import sync_builtins
from netplan.store.records import Contact, Interaction, Pitch, Question

from ..conftest import make_app

SIZE = (80, 24)


@pytest.fixture
def seeded(store):
    sync_builtins(store)
    store.save_many([
        Contact(id="c-grace", name="Grace Hopper", company="Navy Labs", role="Staff engineer",
                created="2026-11-01T09:00:00", updated="2026-11-01T09:00:00"),
        Contact(id="c-ada", name="[bold]Ada[/] Lovelace", company="Analytical",
                created="2026-11-01T09:00:00", updated="2026-11-01T09:00:00"),
        store.get(Question, "first-job").replace(starred=True),
        store.get(Question, "self-taught").replace(hidden=True),
        Question(id="own-1", text="How do you pick [which] meetups to go to? 🙂",
                 category="My questions", why="I keep going to the wrong ones."),
        Interaction(id="talk-1", date="2026-11-10", kind="coffee", contacts=("c-grace",),
                    questions=({"question": "first-job", "answer": "Through a meetup"},)),
        Interaction(id="plan-1", date="2026-11-26", kind="informational_interview",
                    contacts=("c-grace",), planned=True,
                    questions=({"question": "who-else", "answer": ""},
                               {"question": "first-job", "answer": ""},
                               {"question": "typical-day", "answer": ""})),
        Pitch(id="p-1", title="Meetups", updated="2026-11-20T10:00:00",
              text="I'm Sam. I spent ten years in landscaping and taught myself web "
                   "development in an off-grid cabin. I build small sites for local "
                   "businesses. In a year I want to be a junior developer on a product team."),
        Pitch(id="p-2", title="Career fair (long)", updated="2026-11-19T10:00:00",
              text="word " * 90),
    ])
    return store


def keys(*presses: str):
    """Press keys with a pause after each (a "_" in `press` would be typed into a field)."""

    async def run(pilot) -> None:
        for key in presses:
            await pilot.press(key)
            await pilot.pause()

    return run


def test_bank(snap_compare, seeded):
    assert snap_compare(make_app(seeded), terminal_size=SIZE, run_before=keys("3"))


def test_bank_search(snap_compare, seeded):
    assert snap_compare(make_app(seeded), terminal_size=SIZE,
                        run_before=keys("3", "slash", *"meet"))


def test_new_question_form(snap_compare, seeded):
    assert snap_compare(make_app(seeded), terminal_size=SIZE, run_before=keys("3", "n"))


def test_prep_sheet(snap_compare, seeded):
    assert snap_compare(make_app(seeded), terminal_size=SIZE, run_before=keys("3", "p"))


def test_prep_contact_picker(snap_compare, seeded):
    assert snap_compare(make_app(seeded), terminal_size=SIZE, run_before=keys("3", "p", "c"))


def test_answers_dialog(snap_compare, seeded):
    assert snap_compare(make_app(seeded), terminal_size=SIZE, run_before=keys("3", "p", "a"))


def test_pitch(snap_compare, seeded):
    assert snap_compare(make_app(seeded), terminal_size=SIZE, run_before=keys("3", "i"))


def test_pitch_over_thirty_seconds(snap_compare, seeded):
    assert snap_compare(make_app(seeded), terminal_size=SIZE,
                        run_before=keys("3", "i", "down"))
