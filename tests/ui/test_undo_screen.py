"""Undo (ctrl+z) and redo (ctrl+y) of each kind of change, pressed as a user presses
them, checked against what the store holds; and an undo refused because another
process changed the record since."""

from __future__ import annotations

import subprocess

from textual.widgets import OptionList

from netplan.screens.history_palette import history_commands
from netplan.store.database import open_store
from netplan.store.records import Contact, Goal, Interaction

from ..conftest import answer, make_app, netplan_cmd, subprocess_env
from ..helpers.board_seed import seed_week
from ..helpers.transfer_files import linkedin_csv, write
from ..helpers.waits import until
from .test_contacts_screen import open_contacts, select_row, tab_to
from .test_transfer_tui import palette, type_path, wait_for


def toasts(app) -> list[str]:
    return [f"{n.title}: {n.message}" for n in app._notifications]


def session(store_path):
    """The app on its own store object: its history holds only what this session does."""
    return make_app(open_store(store_path))


async def undo_redo(pilot, key: str) -> None:
    await pilot.press(key)
    await pilot.pause()


async def test_undo_and_redo_a_new_goal(store, store_path):
    app = session(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Go to PyLadies", "ctrl+s")
        await pilot.pause()
        assert [g.title for g in store.all(Goal)] == ["Go to PyLadies"]
        await undo_redo(pilot, "ctrl+z")
        assert store.all(Goal) == []
        label = "add goal “Go to PyLadies”"
        assert f"Undo {label}: Undone: {label}" in toasts(app)
        await undo_redo(pilot, "ctrl+y")
        assert [g.title for g in store.all(Goal)] == ["Go to PyLadies"]
        assert any(t.startswith("Redo add goal") for t in toasts(app))
        await undo_redo(pilot, "ctrl+y")
        assert "Nothing to redo." in toasts(app)[-1]


async def test_undo_and_redo_an_edit_and_a_card_move(store, store_path):
    seed_week(store)
    app = session(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("ctrl+a", "ctrl+k", *"Post 1 learning", "ctrl+s")
        await pilot.pause()
        assert store.get(Goal, "g-post").title == "Post 1 learning"
        await pilot.press("greater_than_sign")  # To do -> Doing
        await pilot.pause()
        assert store.get(Goal, "g-post").status == "doing"
        await undo_redo(pilot, "ctrl+z")
        assert "Undone: move “Post 1 learning” to Doing" in toasts(app)[-1]
        assert (store.get(Goal, "g-post").status, store.get(Goal, "g-post").title) == (
            "todo", "Post 1 learning")
        await undo_redo(pilot, "ctrl+z")
        assert store.get(Goal, "g-post").title == "Post 3 learnings"
        await undo_redo(pilot, "ctrl+y")
        await undo_redo(pilot, "ctrl+y")
        goal = store.get(Goal, "g-post")
        assert (goal.title, goal.status) == ("Post 1 learning", "doing")


async def test_undo_a_contact_delete_brings_back_its_links(store, store_path):
    ada = store.save(Contact(name="Ada"))
    bob = store.save(Contact(name="Bob", introduced_by=ada.id))
    it = store.save(Interaction(contacts=(ada.id, bob.id), summary="coffee"))
    app = session(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada")
        await pilot.press("d")
        await answer(pilot, "y")
        await pilot.pause()
        assert store.get(Contact, ada.id) is None
        assert store.get(Interaction, it.id).contacts == (bob.id,)
        await undo_redo(pilot, "ctrl+z")
        assert "Undone: delete contact Ada" in toasts(app)[-1]
        assert store.get(Contact, ada.id) == ada
        assert store.get(Interaction, it.id).contacts == (ada.id, bob.id)
        assert store.get(Contact, bob.id).introduced_by == ada.id
        await undo_redo(pilot, "ctrl+y")
        assert store.get(Contact, ada.id) is None
        assert store.get(Interaction, it.id).contacts == (bob.id,)
        assert store.get(Contact, bob.id).introduced_by is None


async def test_undo_and_redo_a_logged_coffee(store, store_path):
    ada = store.save(Contact(name="Ada", next_follow_up="2026-11-10"))
    app = session(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada")
        await pilot.press("l")
        await pilot.pause()
        await tab_to(pilot, "summary")
        await pilot.press(*"Coffee by mistake", "ctrl+s")
        await pilot.pause()
        [logged] = store.all(Interaction)
        assert store.get(Contact, ada.id).next_follow_up is None
        await undo_redo(pilot, "ctrl+z")
        assert store.all(Interaction) == []
        assert store.get(Contact, ada.id) == ada  # stage and follow-up date as they were
        assert "Undone: log coffee with Ada" in toasts(app)[-1]
        await undo_redo(pilot, "ctrl+y")
        assert store.all(Interaction) == [logged]
        assert store.get(Contact, ada.id).next_follow_up is None


async def test_undo_and_redo_a_carry_over(store, store_path):
    seed_week(store)
    app = session(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        goals_list = app.screen.query_one("#review-goals", OptionList)
        ids = [goals_list.get_option_at_index(i).id for i in range(goals_list.option_count)]
        goals_list.highlighted = ids.index("g-post")
        await pilot.press("c")
        await pilot.pause()
        assert [g.carried_from for g in store.all(Goal) if g.week == "2026-W49"] == ["g-post"]
        await undo_redo(pilot, "ctrl+z")
        assert [g for g in store.all(Goal) if g.week == "2026-W49"] == []
        assert "Undone: carry “Post 3 learnings” to 2026-W49" in toasts(app)[-1]
        await undo_redo(pilot, "ctrl+y")
        assert [g.carried_from for g in store.all(Goal) if g.week == "2026-W49"] == ["g-post"]


async def test_one_import_is_one_undo_step(store, store_path, tmp_path):
    path = write(tmp_path / "Connections.csv", linkedin_csv())
    app = session(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await palette(pilot, "import linkedin")
        await type_path(pilot, app, str(path))
        await pilot.press("enter")
        await wait_for(pilot, lambda: len(store.all(Contact)) == 4)
        assert len(store.all(Contact)) == 4
        await pilot.press("escape")  # the result screen
        await pilot.pause()
        await undo_redo(pilot, "ctrl+z")
        assert store.all(Contact) == []
        assert "Undone: import linkedin Connections.csv" in toasts(app)[-1]
        await undo_redo(pilot, "ctrl+y")
        assert len(store.all(Contact)) == 4


async def test_palette_names_the_change_it_undoes(store, store_path):
    ada = store.save(Contact(name="[bold]Ada[/]"))
    app = session(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "[bold]Ada[/]")
        await pilot.press("d")
        await answer(pilot, "y")
        await pilot.pause()
        assert store.get(Contact, ada.id) is None
        [(verb, title, _, _)] = history_commands(app)
        assert (verb, title) == ("Undo", "Undo delete contact \\[bold]Ada\\[/]")  # as typed
        await palette(pilot, "undo delete")
        assert store.get(Contact, ada.id) == ada
        assert [t[1] for t in history_commands(app)] == ["Redo delete contact \\[bold]Ada\\[/]"]


async def test_typing_a_name_in_the_palette_finds_the_contact_not_the_undo(store, store_path):
    app = session(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Zelda Zimmer", "ctrl+s")
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        await palette(pilot, "zelda")  # enter on the first hit: the jump, not "Undo add …"
        assert [c.name for c in store.all(Contact)] == ["Zelda Zimmer"]
        assert app.screen.selected_contact().name == "Zelda Zimmer"


async def test_undo_refused_after_a_second_store_changed_the_record(store, store_path):
    seed_week(store)
    app = session(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")  # "Post 3 learnings" 1/3
        await pilot.pause()
        other = open_store(store_path)  # another process edits the same goal meanwhile
        other.save(other.get(Goal, "g-post").replace(title="Post 3 learnings today"))
        assert await until(pilot, lambda: app.store.get(Goal, "g-post").title
                           == "Post 3 learnings today")
        await undo_redo(pilot, "ctrl+z")
        goal = store.get(Goal, "g-post")
        assert (goal.title, goal.progress) == ("Post 3 learnings today", 1)  # never forced
        assert "“Post 3 learnings” was changed elsewhere since; not undone." in toasts(app)[-1]


async def test_undo_refused_after_the_command_line_logged_with_the_same_person(
        store, store_path):
    app = session(store_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Ada", "ctrl+s")
        await pilot.pause()
        [ada] = store.all(Contact)
        done = subprocess.run(netplan_cmd("--db", str(store_path), "log", "Ada", "--kind", "call"),
                              env=subprocess_env(), capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        assert await until(pilot, lambda: app.store.get(Contact, ada.id).stage == "talked")
        await undo_redo(pilot, "ctrl+z")
        assert "Ada was changed elsewhere since; not undone." in toasts(app)[-1]
        assert store.get(Contact, ada.id).stage == "talked"  # the call the command line logged
        assert len(store.all(Interaction)) == 1
