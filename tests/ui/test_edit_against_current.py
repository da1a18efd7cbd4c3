"""Edit forms save against the record as it is now: a change made elsewhere while the
form was open survives the save, and a field changed on both sides is asked about."""

from __future__ import annotations

import subprocess

from netplan.store.database import open_store
from netplan.store.records import Contact, Goal

from ..conftest import answer, make_app, netplan_cmd, subprocess_env
from ..helpers.waits import screen_is, until
from .test_contacts_screen import open_contacts, select_row, tab_to


async def test_a_contact_edit_keeps_the_stage_a_cron_log_moved(store, store_path):
    store.save(Contact(name="Ada Lovelace"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada Lovelace")
        await pilot.press("e")
        await pilot.pause()
        # meanwhile, cron logs a coffee: the stage moves to talked
        done = subprocess.run(netplan_cmd("log", "Ada Lovelace", "--kind", "coffee", "--db",
                                          str(store_path)), env=subprocess_env(),
                              capture_output=True, text=True, timeout=60)
        assert done.returncode == 0, done.stderr
        await tab_to(pilot, "company")
        await pilot.press(*"Analytical Engines")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: open_store(store_path).all(Contact)[0].company)
    (ada,) = open_store(store_path).all(Contact)
    assert (ada.company, ada.stage) == ("Analytical Engines", "talked")


async def test_goal_progress_counted_elsewhere_survives_a_title_edit(store, store_path):
    store.save(Goal(id="g", week="2026-W48", title="Post learnings", target=10, progress=0))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        other = open_store(store_path)  # a second session counts 3 meanwhile
        other.save(other.get(Goal, "g").replace(progress=3, status="doing"))
        await pilot.press("end", *" on the blog")
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: open_store(store_path).get(Goal, "g").title != "Post learnings")
    goal = open_store(store_path).get(Goal, "g")
    assert (goal.title, goal.progress) == ("Post learnings on the blog", 3)


async def test_a_field_changed_on_both_sides_is_asked_about(store, store_path):
    store.save(Contact(name="Ada Lovelace", company="Engines"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada Lovelace")
        await pilot.press("e")
        await pilot.pause()
        other = open_store(store_path)
        (ada,) = other.all(Contact)
        other.save(ada.replace(company="Babbage Ltd"))
        await tab_to(pilot, "company")
        await pilot.press(*" and Co")
        await pilot.press("ctrl+s")
        assert await until(pilot, screen_is(app, "ConfirmDialog"))  # both values shown, asked
        assert [c.company for c in open_store(store_path).all(Contact)] == ["Babbage Ltd"]
        await answer(pilot, "n")  # take the stored one
        assert await until(pilot, lambda: not app.screen.is_modal)
    assert [c.company for c in open_store(store_path).all(Contact)] == ["Babbage Ltd"]
