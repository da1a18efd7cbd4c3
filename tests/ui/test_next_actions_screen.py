"""The Board's next actions with the keys a user presses, checked against the store:
draft → the editor shows the filled template → `l` logs it and the action is gone;
snooze and dismiss survive a restart; `y` sends the OSC 52 sequence to the driver."""

from __future__ import annotations

import base64

from netplan.compat import driver_of
from netplan.dialogs.draft import DraftDialog
from netplan.domain import next_actions as na
from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction, Referral
from netplan.widgets.next_actions_panel import NextActionsPanel

from ..conftest import TODAY, make_app
from ..helpers.palette import from_palette
from ..helpers.waits import screen_is, until


def panel(app) -> NextActionsPanel:
    return app.screen.query_one(NextActionsPanel)


def seed_bump(store) -> Contact:
    ada = store.save(Contact(name="Ada Lovelace", company="Acme", stage="contacted"))
    store.save(Interaction(date="2026-11-18", kind="email", outreach=True, contacts=(ada.id,),
                           summary="asked about the data team"))
    return ada


async def open_panel(app, pilot) -> None:
    await pilot.press("a")
    assert await until(pilot, lambda: panel(app).display and panel(app).actions)


async def test_panel_is_hidden_at_80_columns_until_a_and_shown_when_wide(store):
    seed_bump(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not panel(app).display
        await open_panel(app, pilot)
        assert [a.kind for a in panel(app).actions] == ["bump"]
        # At 80 columns it takes the columns' place (three 12-column cards broke words).
        columns = list(app.screen.query(".board-column"))
        assert not any(c.display for c in columns)
        assert await until(pilot, lambda: panel(app).size.width >= 70)
        await pilot.press("a")  # and away again
        assert await until(pilot, lambda: not panel(app).display)
        assert all(c.display for c in columns)
    app = make_app(store)
    async with app.run_test(size=(140, 30)) as pilot:
        assert await until(pilot, lambda: panel(app).display and panel(app).actions)
        assert all(c.display for c in app.screen.query(".board-column"))  # side by side


async def test_draft_shows_the_filled_template_and_l_logs_it(store):
    ada = seed_bump(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        await pilot.press("enter")
        assert await until(pilot, screen_is(app, "DraftDialog"))
        text = app.screen.text
        assert text.startswith("Hi Ada, just bringing my note")
        await pilot.press("l", "l")  # twice, as a burst: logged once
        assert await until(pilot, lambda: len(store.all(Interaction)) == 2)
        await pilot.pause()
        sent = max(store.all(Interaction), key=lambda i: i.date)
        assert (sent.kind, sent.outreach, sent.contacts, sent.date) == (
            "email", True, (ada.id,), TODAY.isoformat())
        assert sent.notes == text
        assert await until(pilot, lambda: screen_is(app, "BoardScreen")()
                           and panel(app).actions == [])
        assert len(store.all(Interaction)) == 2


async def test_a_dm_bump_says_when_and_is_logged_as_a_dm(store):
    ada = store.save(Contact(name="Ada Lovelace", stage="contacted"))
    store.save(Interaction(date="2026-10-26", kind="dm", outreach=True, contacts=(ada.id,)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        await pilot.press("enter")
        assert await until(pilot, screen_is(app, "DraftDialog"))
        text = app.screen.text
        assert text.startswith("Hi Ada, just following up on my message of 26 October")
        assert "inbox" not in text and "last week" not in text
        assert "l log as dm, outreach" in str(app.screen.query_one("#draft-keys").content)
        await pilot.press("l")
        assert await until(pilot, lambda: len(store.all(Interaction)) == 2)
        sent = max(store.all(Interaction), key=lambda i: i.date)
        assert (sent.kind, sent.outreach, sent.date) == ("dm", True, TODAY.isoformat())


async def test_edited_draft_is_logged_as_edited(store):
    seed_bump(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        await pilot.press("m")
        assert await until(pilot, screen_is(app, "DraftDialog"))
        await pilot.press("e", "ctrl+home", *"P.S. ", "escape", "l")
        assert await until(pilot, lambda: len(store.all(Interaction)) == 2)
        sent = max(store.all(Interaction), key=lambda i: i.date)
        assert sent.notes.startswith("P.S. Hi Ada")


async def test_y_copies_the_draft_through_osc_52(store):
    seed_bump(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        written: list[str] = []
        driver = driver_of(app)
        real_write = driver.write
        driver.write = lambda data: (written.append(data), real_write(data))
        await open_panel(app, pilot)
        await pilot.press("enter")
        assert await until(pilot, screen_is(app, "DraftDialog"))
        text = app.screen.text
        await pilot.press("y")
        expected = "\x1b]52;c;" + base64.b64encode(text.encode()).decode() + "\a"
        assert await until(pilot, lambda: expected in written)
        assert isinstance(app.screen, DraftDialog)  # copying does not close it
        assert len(store.all(Interaction)) == 1  # nor log anything


async def test_snooze_and_dismiss_survive_a_restart(store_path):
    store = open_store(store_path)
    store.save(Contact(name="Ada", next_follow_up="2026-11-20"))
    store.save(Contact(name="Bob", next_follow_up="2026-11-21"))
    store.save(Contact(name="Cy", next_follow_up="2026-11-22"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        assert [a.title for a in panel(app).actions] == [
            "Follow up with Ada", "Follow up with Bob", "Follow up with Cy"]
        await pilot.press("z")  # Ada: tomorrow
        assert await until(pilot, lambda: len(panel(app).actions) == 2)
        await pilot.press("x")  # Bob: for good
        assert await until(pilot, lambda: len(panel(app).actions) == 1)
        await pilot.press("Z")  # Cy: next week
        assert await until(pilot, lambda: panel(app).actions == [])
    store.close()

    again = open_store(store_path)
    app = make_app(again)
    async with app.run_test(size=(140, 30)) as pilot:
        assert await until(pilot, lambda: panel(app).display)
        await pilot.pause()
        assert panel(app).actions == []
    later = [a.title for a in na.for_store(again, TODAY.replace(day=24))]
    assert later == ["Follow up with Ada"]
    next_monday = [a.title for a in na.for_store(again, TODAY.replace(day=30))]
    assert next_monday == ["Follow up with Ada", "Follow up with Cy"]


async def test_logging_a_follow_up_from_its_action_clears_the_date_set_ahead(store):
    ada = store.save(Contact(name="Ada Lovelace", cadence_days=30, next_follow_up="2026-11-26"))
    store.save(Contact(name="Bob", next_follow_up="2026-11-20"))  # first in the list
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        while panel(app).current().contact_id != ada.id:
            await pilot.press("down")
        await pilot.press("enter")  # do it: the log form
        assert await until(pilot, screen_is(app, "FormDialog"))
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: len(store.all(Interaction)) == 1)
        assert store.all(Interaction)[0].contacts == (ada.id,)
        # A follow-up starts as a message: not a coffee that would owe a thank-you.
        assert store.all(Interaction)[0].kind == "email"
        assert store.get(Contact, ada.id).next_follow_up is None
        assert await until(pilot, lambda: [a.title for a in panel(app).actions
                                           if a.kind == "follow_up"] == ["Follow up with Bob"])
        assert not [a for a in panel(app).actions if a.kind == "thank"]


async def test_an_agreed_referral_drafts_the_resume_and_talking_points(store):
    liam = store.save(Contact(name="Liam Ng"))
    store.save(Referral(contact=liam.id, company="Acme", role="Junior Dev", status="agreed",
                        url="https://acme/jobs/7", thanked=True,
                        updated="2026-11-20T09:00:00"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        assert [a.title for a in panel(app).actions] == [
            "Send Liam Ng your resume and talking points (Junior Dev at Acme)"]
        await pilot.press("enter")
        assert await until(pilot, screen_is(app, "DraftDialog"))
        text = app.screen.text
        assert "Thank you so much for agreeing to refer me" in text
        assert "Would you be comfortable referring me" not in text
        await pilot.press("l")
        assert await until(pilot, lambda: len(store.all(Interaction)) == 1)
        [sent] = store.all(Interaction)
        assert (sent.kind, sent.outreach, sent.notes) == ("email", False, text)


async def test_the_draft_counts_the_gaps_left_until_they_are_filled(store):
    ada = store.save(Contact(name="Ada Lovelace"))
    store.save(Referral(contact=ada.id, company="Acme", role="Dev", url="https://acme/jobs/7",
                        status="to_ask"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        await pilot.press("enter")
        assert await until(pilot, screen_is(app, "DraftDialog"))

        def note() -> str:
            return str(app.screen.query_one("#draft-gaps").content)

        assert note() == ("2 gaps to fill before sending: [talking point 1…], "
                          "[talking point 2…] (e edits)")
        await pilot.press("e", "f7", *"Hi Ada, two points: I ship; I test.")  # all of it
        assert await until(pilot, lambda: note() == "Every field is filled from your record.")


async def test_h_marks_a_referral_thanked(store):
    ada = store.save(Contact(name="Ada"))
    ref = store.save(Referral(contact=ada.id, company="Acme", status="agreed",
                              updated="2026-11-22T09:00:00"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        [thank] = [a for a in panel(app).actions if a.kind == "thank"]
        while panel(app).current() != thank:
            await pilot.press("down")
        await pilot.press("h")
        assert await until(pilot, lambda: store.get(Referral, ref.id).thanked)
        assert store.get(Referral, ref.id).thanked_on == TODAY.isoformat()
        [thanks] = [i for i in store.all(Interaction) if i.kind == "thanks"]
        assert thanks.contacts == (ada.id,)


async def test_palette_opens_the_next_actions(store):
    seed_bump(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        assert await until(pilot, screen_is(app, "ContactsScreen"))
        await from_palette(pilot, app, "Next actions")
        assert await until(pilot, lambda: screen_is(app, "BoardScreen")()
                           and panel(app).display and panel(app).has_focus_within)


async def test_hostile_names_in_the_panel_and_the_draft(store):
    eve = store.save(Contact(name="[bold red]Eve\x1b[2J\u009b", company="[link]x",
                             next_follow_up="2026-11-20"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        assert panel(app).actions[0].contact_id == eve.id
        await pilot.press("m")
        assert await until(pilot, screen_is(app, "MessagePicker"))
        await pilot.press("enter")
        assert await until(pilot, screen_is(app, "DraftDialog"))
        text = app.screen.text
        assert "[bold" in text and "\x1b" not in text and "\u009b" not in text


async def test_enter_on_a_goal_counted_by_hand_counts_one(store):
    """"Post 3 learnings" took tab, arrows to its card, space and `a` back; enter on its
    line now counts one, as space does on the card. A goal that counts itself only says
    what would move it."""
    from netplan.store.records import Goal

    posts = store.save(Goal(week="2026-W48", title="Post 3 learnings", target=3, progress=1,
                            metric="manual"))
    store.save(Goal(week="2026-W48", title="Attend 1 meetup", target=1, metric="events"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_panel(app, pilot)
        while panel(app).current().goal_id != posts.id:
            await pilot.press("down")
        await pilot.press("enter")
        assert await until(pilot, lambda: store.get(Goal, posts.id).progress == 2)
        meetup = next(g for g in store.all(Goal) if g.metric == "events")
        while panel(app).current().goal_id != meetup.id:
            await pilot.press("down")
        await pilot.press("enter")
        await pilot.pause()
        assert store.get(Goal, meetup.id).progress in (None, 0)
        assert store.get(Goal, posts.id).progress == 2
