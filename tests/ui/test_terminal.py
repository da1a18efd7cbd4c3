"""The TUI as it is used over SSH and tmux: 80×24 in 16 colours, resizing with a form open,
--readonly, and two sessions on one store."""

from __future__ import annotations

import io

import pytest
from rich.color import ColorSystem
from rich.console import Console
from textual._context import active_app

from netplan.dialogs.form import FormDialog, FormField
from netplan.store.database import open_store
from netplan.store.records import Goal

from ..conftest import make_app
from ..helpers.waits import until

SECTIONS = {"1": "BoardScreen", "2": "ContactsScreen", "3": "QuestionsScreen",
            "4": "PieScreen", "5": "ReviewScreen"}


def board_has_new_goal_key() -> bool:
    """True once the Board's `n` (new goal dialog, title first) has landed."""
    from netplan.screens.board import BoardScreen

    for binding in BoardScreen.BINDINGS:
        keys = binding.key if hasattr(binding, "key") else binding[0]
        if "n" in [k.strip() for k in keys.split(",")]:
            return True
    return False


def notices(app) -> list[str]:
    return [str(n.message) for n in app._notifications]


def render_16_colours(app) -> tuple[list[str], list[str]]:
    """The screen as a 16-colour terminal shows it: (lines, text in its own background colour)."""
    width, height = app.size
    console = Console(width=width, height=height, file=io.StringIO(), force_terminal=True,
                      color_system="standard", record=True, legacy_windows=False, safe_box=False)
    console.print(app.screen._compositor.render_update(full=True))
    invisible = []
    for segment in console._record_buffer:
        style = segment.style
        if not segment.text.strip() or style is None or style.reverse:
            continue
        if all("\u2500" <= ch <= "\u259f" or ch == " " for ch in segment.text):
            continue  # box drawing: the footer's separator, borders; decoration, not text
        if style.color is not None and style.bgcolor is not None:
            fg = style.color.downgrade(ColorSystem.STANDARD)
            bg = style.bgcolor.downgrade(ColorSystem.STANDARD)
            if fg.number == bg.number and fg.triplet == bg.triplet:
                invisible.append(segment.text)
    return console.export_text().splitlines(), invisible


@pytest.fixture
def sixteen_colours(monkeypatch):
    # What TEXTUAL_COLOR_SYSTEM=standard does: the app's console is built from this.
    from textual import constants

    monkeypatch.setattr(constants, "COLOR_SYSTEM", "standard")


async def test_every_section_at_80x24_in_16_colours(store, sixteen_colours):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.console.color_system == "standard"
        for key, screen in SECTIONS.items():
            await pilot.press(key)
            await pilot.pause()
            assert type(app.screen).__name__ == screen
            lines, invisible = render_16_colours(app)
            assert len(lines) == 24
            assert app.screen.SECTION_TITLE in lines[0] and "2026-W48" in lines[0]
            assert "palette" in lines[-1]  # the footer, on the last row
            assert invisible == [], f"{screen}: text drawn in its own background colour"


async def test_resizing_keeps_the_form_being_edited(store):
    app = make_app(store)
    returned = []
    async with app.run_test(size=(80, 24)) as pilot:
        form = FormDialog("New goal", [FormField("title", "Title", required=True),
                                       FormField("notes", "Notes", kind="multiline")])
        app.push_screen(form, returned.append)
        await pilot.pause()
        await pilot.press(*"Coffee with Ada")
        await pilot.press("tab", *"Ask about", "enter", *"the bootcamp")
        for size in ((60, 20), (80, 24), (40, 12), (80, 24)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.screen is form
            assert form.raw_value("title") == "Coffee with Ada"
            assert form.raw_value("notes") == "Ask about\nthe bootcamp"
        assert app.focused is form.query_one("#field-notes")
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert returned == [{"title": "Coffee with Ada", "notes": "Ask about\nthe bootcamp"}]


async def test_readonly_says_so_and_a_write_changes_nothing(store, store_path):
    store.save(Goal(id="g1", week="2026-W48", title="Reach out to 3 people"))
    before = store_path.read_bytes()
    readonly = open_store(store_path, readonly=True)
    app = make_app(readonly)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "read-only" in app.screen.sub_title
        opening = [n for n in notices(app) if "read-only" in n]
        assert opening
        lines, _ = render_16_colours(app)
        assert "read-only" in lines[0]  # in the header, on every section
        await pilot.press("2")
        await pilot.pause()
        assert "read-only" in app.screen.sub_title

        await pilot.press("1")
        await pilot.pause()
        if board_has_new_goal_key():  # the real path once the Board has landed
            await pilot.press("n")
            await pilot.pause()
            if isinstance(app.screen, FormDialog):  # a board may also refuse to open it
                await pilot.press(*"Should not be saved", "enter")
                await pilot.pause()
        else:
            saved = app.screen.save_record(Goal(week="2026-W48", title="Should not be saved"),
                                           editing=False, success="Goal saved")
            assert saved is False
        await pilot.pause()
        refused = [n for n in notices(app) if "read-only" in n and n not in opening]
        assert refused, notices(app)
        assert not any(n == "Goal saved" for n in notices(app))
    assert store_path.read_bytes() == before
    assert [g.title for g in open_store(store_path).all(Goal)] == ["Reach out to 3 people"]


async def test_two_sessions_on_one_store(store_path):
    """Two logins: a goal added in one shows in the other; an edit of a record the other
    deleted is refused instead of writing a ghost back."""
    left = make_app(open_store(store_path))
    right = make_app(open_store(store_path), poll_seconds=1.0)  # the real polling rate
    seen: list = []
    async with left.run_test(size=(80, 24)) as lp, right.run_test(size=(80, 24)) as rp:
        right.store_changed.subscribe(right.screen, seen.append)
        title = "Coffee with Grace"
        if board_has_new_goal_key():
            await lp.press("n")
            await lp.pause()
            await lp.press(*title, "enter")
            await lp.pause()
        else:
            # Test code runs in the context of the app entered last (right): name the app
            # whose screen acts, as its own event handlers would.
            token = active_app.set(left)
            try:
                assert left.screen.save_record(Goal(week="2026-W48", title=title), editing=False)
            finally:
                active_app.reset(token)
        assert await until(rp, lambda: "outside" in [c.origin for c in seen]), \
            "the other session never noticed"
        origins = lambda: [c.origin for c in seen]  # noqa: E731
        assert "local" not in origins()  # it came through the file, as from another process
        goals = [g for g in right.store.all(Goal) if g.title == title]
        assert len(goals) == 1 and goals[0].week == "2026-W48"
        if board_has_new_goal_key():
            assert await until(rp, lambda: title in "\n".join(render_16_colours(right)[0]))

        # The right session edits the goal while the left one deletes it.
        goal = goals[0]
        assert left.store.delete(Goal, goal.id)
        assert await until(rp, lambda: origins().count("outside") == 2)
        saved = right.screen.save_record(goal.replace(title="Ghost"), editing=True)
        await rp.pause()
        assert saved is False
        assert any("deleted in another session" in n for n in notices(right))
    assert open_store(store_path).all(Goal) == []


async def test_an_error_in_a_screen_ends_the_app_with_status_1_and_its_traceback(
        store, store_path, monkeypatch):
    from netplan.dialogs.help import KeysScreen

    store.save(Goal(id="g1", week="2026-W48", title="Reach out to 3 people"))
    before = store_path.read_bytes()

    def broken(self):
        raise KeyError("a bug in the keys screen")

    monkeypatch.setattr(KeysScreen, "compose", broken)
    app = make_app(store)
    with pytest.raises(KeyError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("question_mark")
            await pilot.pause()
    assert app.return_code == 1
    report = app.crash_report()
    assert report is not None
    assert "KeyError: 'a bug in the keys screen'" in report and "in broken" in report
    assert store_path.read_bytes() == before  # the error wrote nothing


async def test_a_clean_quit_is_no_crash(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert app.crash_report() is None
