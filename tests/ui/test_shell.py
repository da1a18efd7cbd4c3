"""The app shell: sections on 1-5, keys help, refresh on outside change, quit."""

from __future__ import annotations

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact

from ..conftest import make_app
from ..helpers.palette import from_palette

SECTIONS = {"1": "BoardScreen", "2": "ContactsScreen", "3": "QuestionsScreen",
            "4": "PieScreen", "5": "ReviewScreen"}


async def test_number_keys_switch_sections(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert type(app.screen).__name__ == "BoardScreen"
        for key in "2345121":
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == SECTIONS[key]
            assert app.screen.title == app.screen.SECTION_TITLE
            assert "2026-W48" in app.screen.sub_title and "ada@homeserver" in app.screen.sub_title


async def test_command_palette_switches_sections(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await from_palette(pilot, app, "go to review")
        assert app.current_mode == "review"


async def test_question_mark_lists_the_keys(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        await pilot.pause()
        text = str(app.screen.query_one("#keys-table").render())
        assert "Contacts" in text and "Quit" in text
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "BoardScreen"


async def test_outside_write_is_noticed_and_published(store, store_path):
    app = make_app(store)
    seen: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.store_changed.subscribe(app.screen, seen.append)
        open_store(store_path).save(Contact(name="Written by cron"))
        for _ in range(20):
            await pilot.pause(0.1)
            if seen:
                break
        assert [(c.origin, c.tables) for c in seen] == [("outside", None)]
        assert [c.name for c in app.store.all(Contact)] == ["Written by cron"]


async def test_q_quits(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


async def test_a_table_damaged_inside_ends_the_session_with_the_store_message(store, store_path):
    # The board needs goals and events; the questions table is parsed just after the
    # first paint, and its damage must end the session with the message, not later.
    from netplan.store.records import Question

    store.save(Question(text="What does a week look like for you?"))
    raw = store_path.read_bytes().replace(b'"text":"What', b'"text":What')
    store_path.write_bytes(raw)
    app = make_app(open_store(store_path))
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(30):
            await pilot.pause(0.1)
            if app.fatal is not None:
                break
    assert "not valid JSON" in str(app.fatal) and str(store_path) in str(app.fatal)
    assert app.return_code == 1
    assert store_path.read_bytes() == raw  # nothing written over it


@pytest.mark.parametrize("key", ["1", "2", "3", "4", "5"])
async def test_a_change_refreshes_only_the_sections_that_show_its_tables(store, key):
    # A PIE assessment is not on the Contacts or Questions screen: saving one must not
    # rebuild them; a new contact rebuilds every section once (not twice: a section's
    # own on_mount once also ran its base's, which subscribed a second time).
    from netplan.store.records import Assessment

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(key)
        await pilot.pause()
        section = app.screen
        refreshed = []
        original = section.refresh_data
        section.refresh_data = lambda: (refreshed.append(1), original())[1]
        seen: list = []
        app.store_changed.subscribe(section, seen.append)
        app.store.save(Assessment(ratings={"p1": 3}))
        await pilot.pause()
        assert [c.tables for c in seen] == [{"assessments"}]
        shows_assessments = type(section).__name__ in ("PieScreen", "ReviewScreen")
        assert refreshed == ([1] if shows_assessments else [])
        refreshed.clear()
        app.store.save(Contact(name="Grace"))
        await pilot.pause()
        assert [c.tables for c in seen][-1] == {"contacts"} and refreshed == [1]
