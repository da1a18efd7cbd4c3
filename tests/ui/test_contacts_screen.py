"""The Contacts section driven with keys; every test checks what the store then holds."""

from __future__ import annotations

from netplan.dialogs.contact_picker import ContactPickerDialog
from netplan.screens.contacts import ContactsScreen
from netplan.store.records import Contact, Event, Interaction, Referral
from netplan.widgets.row_list import RowList

from ..conftest import answer, make_app
from ..helpers.palette import from_palette
from ..helpers.waits import tab_to as focus_by_tab
from ..helpers.waits import until


async def open_contacts(pilot):
    await pilot.press("2")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ContactsScreen)


async def tab_to(pilot, field: str):
    """Press tab until the form field has focus, as a user would."""
    assert await focus_by_tab(pilot, pilot.app, f"field-{field}"), f"tab never reached {field}"


async def select_row(pilot, name: str):
    screen = pilot.app.screen
    screen.select_contact(next(c.id for c in screen.store.all(Contact) if c.name == name))
    await pilot.pause()


def contact_list(app) -> RowList:
    return app.screen.query_one("#contacts-table", RowList)


def table_text(app) -> str:
    """The contact rows in view, one a line, as the list draws them."""
    return "\n".join(contact_list(app).visible_rows())


async def test_new_contact_through_the_dialog(store):
    ada = store.save(Contact(name="Ada Lovelace"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Grace Hopper")
        await tab_to(pilot, "company")
        await pilot.press(*"Navy")
        await tab_to(pilot, "emails")
        await pilot.press(*"grace@navy.mil, gh@example.org")
        await tab_to(pilot, "tags")
        await pilot.press(*"mentor, cobol")
        await tab_to(pilot, "met_on")
        await pilot.press(*"last friday")
        await tab_to(pilot, "introduced_by")
        await pilot.press(*"love")
        await tab_to(pilot, "cadence_days")
        await pilot.press("backspace", "backspace", "1", "4")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        grace = next(c for c in store.all(Contact) if c.name == "Grace Hopper")
        assert grace.company == "Navy"
        assert grace.emails == ("grace@navy.mil", "gh@example.org")
        assert grace.tags == ("mentor", "cobol")
        assert grace.met_on == "2026-11-20"
        assert grace.introduced_by == ada.id
        assert grace.cadence_days == 14 and grace.stage == "identified"
        assert app.screen.selected_contact().id == grace.id
        assert app.screen.query_text == ""  # selected in the full list, not by filtering
        assert "Grace Hopper" in table_text(app) and "Ada Lovelace" in table_text(app)


async def test_contact_form_refuses_bad_values_next_to_the_field(store):
    store.save_many([Contact(name="Grace Hopper"), Contact(name="Grace Kelly")])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        form = app.screen
        assert "Name is required" in str(form.query_one("#error-name").render())
        await pilot.press(*"Bob")
        for field, text, message in (
            ("emails", "bob-at-home", "not an e-mail"),
            ("met_on", "blursday", "not a date"),
            ("introduced_by", "grace", "matches 2 contacts"),
            ("cadence_days", "x", "not a number of days"),
        ):
            await tab_to(pilot, field)
            await pilot.press(*text)
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert message in str(form.query_one(f"#error-{field}").render())
            assert app.focused.id == f"field-{field}"
            form.query_one(f"#field-{field}").value = ""
        assert len(store.all(Contact)) == 2  # nothing saved while anything was wrong
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert sorted(c.name for c in store.all(Contact)) == ["Bob", "Grace Hopper", "Grace Kelly"]


async def test_log_an_interaction_with_two_contacts(store):
    ada = store.save(Contact(name="Ada", cadence_days=30, next_follow_up="2026-11-10"))
    bob = store.save(Contact(name="Bob Builder", cadence_days=7))
    ev = store.save(Event(name="PyCon", date="2026-11-20"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada")
        await pilot.press("l")
        await pilot.pause()
        await pilot.press("ctrl+u", *"yesterday")
        await tab_to(pilot, "others")
        await pilot.press(*"build")
        await tab_to(pilot, "summary")
        await pilot.press(*"Coffee about Rust jobs")
        await tab_to(pilot, "outreach")
        await pilot.press("space")
        app.screen.query_one("#field-event").value = ev.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        (it,) = store.all(Interaction)
        assert set(it.contacts) == {ada.id, bob.id} and it.contacts[0] == ada.id
        assert (it.date, it.kind, it.summary, it.outreach, it.replied, it.event) == (
            "2026-11-22",
            "coffee",
            "Coffee about Rust jobs",
            True,
            False,
            ev.id,
        )
        assert store.get(Contact, ada.id).next_follow_up is None  # the clock restarted
        detail = str(app.screen.query_one("#detail-body").render())
        assert "Next follow-up" in detail and "2026-12-22" in detail and "in 29 days" in detail
        timeline = app.screen.query_one("#detail-timeline").get_option_at_index(0).prompt
        assert "Coffee about Rust jobs" in str(timeline) and "with Bob Builder" in str(timeline)


async def test_snooze_a_follow_up_and_clear_it(store):
    ada = store.save(Contact(name="Ada", cadence_days=30))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("f")
        await pilot.pause()
        await pilot.press(*"in 2 weeks", "enter")
        await pilot.pause()
        assert store.get(Contact, ada.id).next_follow_up == "2026-12-07"
        assert "in 14 days" in str(app.screen.query_one("#detail-body").render())
        await pilot.press("f")
        await pilot.pause()
        await pilot.press("ctrl+u", *"yesterday", "enter")
        await pilot.pause()
        assert "in the past" in str(app.screen.query_one("#error-when").render())
        await pilot.press("ctrl+u", "enter")
        await pilot.pause()
        assert store.get(Contact, ada.id).next_follow_up is None


async def test_add_and_advance_a_referral_request(store):
    ada = store.save(Contact(name="Ada", company="Acme"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("r")
        await pilot.pause()
        await tab_to(pilot, "role")
        await pilot.press(*"Backend developer")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (ref,) = store.all(Referral)
        assert (ref.contact, ref.company, ref.role, ref.status, ref.asked_on) == (
            ada.id,
            "Acme",
            "Backend developer",
            "to_ask",
            None,
        )
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        assert store.get(Referral, ref.id).status == "asked"
        assert store.get(Referral, ref.id).asked_on == "2026-11-23"
        await pilot.press("enter", "t")
        await pilot.pause()
        assert (
            store.get(Referral, ref.id).status == "agreed" and store.get(Referral, ref.id).thanked
        )
        await pilot.press("x", "escape")
        await pilot.pause()
        assert store.get(Referral, ref.id).status == "declined"
        assert isinstance(app.screen, ContactsScreen)
        assert "declined" in str(app.screen.query_one("#detail-body").render())


async def test_delete_a_contact_keeps_their_interactions(store):
    ada = store.save(Contact(name="Ada"))
    bob = store.save(Contact(name="Bob", introduced_by=ada.id))
    it = store.save(Interaction(contacts=(ada.id, bob.id), summary="coffee"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("d")
        await answer(pilot, "n")  # no: nothing happens
        await pilot.pause()
        assert store.get(Contact, ada.id) is not None
        await pilot.press("d", "y")  # one burst: the "y" came before the question showed
        await pilot.pause()
        assert store.get(Contact, ada.id) is not None
        await answer(pilot, "y")
        await pilot.pause()
        assert store.get(Contact, ada.id) is None
        assert store.get(Interaction, it.id).contacts == (bob.id,)
        assert store.get(Contact, bob.id).introduced_by is None
        assert app.screen.selected_contact().id == bob.id


async def test_filter_as_you_type_and_sort(store):
    store.save_many(
        [
            Contact(name="Ada", company="Acme", notes="likes Rust"),
            Contact(name="Bob", company="Initech", next_follow_up="2026-11-01"),
            Contact(name="Cy", tags=("rustacean",)),
        ]
    )
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("slash", *"rust")
        await pilot.pause()
        text = table_text(app)
        assert "Ada" in text and "Cy" in text and "Bob" not in text
        await pilot.press("enter", "escape")
        await pilot.pause()
        assert "Bob" in table_text(app)
        await pilot.press("s")  # by next follow-up: the overdue one first, marked with !
        await pilot.pause()
        first = table_text(app).splitlines()[0]
        assert first.lstrip().startswith("!") and "Bob" in first


async def test_markup_in_names_shows_its_brackets(store):
    store.save(Contact(name="[bold]Ada[/]", company="[red]Acme[/red]", notes="[link=x]n[/link]"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        assert "[bold]Ada[/]" in table_text(app) and "[red]Acme[/red]" in table_text(app)
        detail = str(app.screen.query_one("#detail-body").render())
        assert "[bold]Ada[/]" in detail and "[link=x]n[/link]" in detail
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-name").value == "[bold]Ada[/]"


async def test_palette_jumps_to_a_contact(store):
    store.save_many([Contact(name=f"Person {i:03}") for i in range(400)])
    target = store.save(Contact(name="Zelda Zimmer"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await from_palette(pilot, app, "zelda")
        assert await until(pilot, lambda: isinstance(app.screen, ContactsScreen)
                           and app.screen.selected_contact() is not None
                           and app.screen.selected_contact().id == target.id)
        assert isinstance(app.screen, ContactsScreen)
        assert app.screen.selected_contact().id == target.id
        # The 401st of 401: listed and scrolled to, without filtering on the name.
        assert app.screen.query_text == "" and "Zelda Zimmer" in table_text(app)


async def test_events_new_with_people_met_there(store):
    ada = store.save(Contact(name="Ada"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("v")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"PyCon US")
        await tab_to(pilot, "date")
        await pilot.press(*"2026-12-05")
        await tab_to(pilot, "people")
        await pilot.press(*"ada")
        await pilot.press("ctrl+s")
        await pilot.pause()
        (ev,) = store.all(Event)
        assert (ev.name, ev.date, ev.status, ev.kind) == (
            "PyCon US",
            "2026-12-05",
            "planned",
            "meetup",
        )
        assert store.get(Contact, ada.id).met_at == ev.id
        await pilot.press("d")
        await answer(pilot, "y")
        await pilot.pause()
        assert store.all(Event) == [] and store.get(Contact, ada.id).met_at is None
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)


async def test_contact_picker_dialog_returns_an_id(store):
    store.save_many([Contact(name="Ada", company="Acme"), Contact(name="Bob")])
    app = make_app(store)
    chosen: list = []
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(ContactPickerDialog(store, title="Prep sheet for…"), chosen.append)
        await pilot.pause()
        await pilot.press(*"acm", "enter")
        await pilot.pause()
        app.push_screen(ContactPickerDialog(store), chosen.append)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    ada = next(c for c in store.all(Contact) if c.name == "Ada")
    assert chosen == [ada.id, None]


async def test_huge_notes_emoji_and_rtl_do_not_break_the_pane(store):
    store.save(Contact(name="سارة 🙂 أحمد", notes="word " * 200_000, personal="\x1b[2Jboom"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        assert "سارة 🙂 أحمد" in table_text(app)
        detail = str(app.screen.query_one("#detail-body").render())
        assert "سارة 🙂 أحمد" in detail and "\x1b" not in detail and "boom" in detail
        assert "more characters; e shows all" in detail


# -- the list: every contact reachable, cursor keys, filter then act ----------------------


def detail_text(app) -> str:
    return str(app.screen.query_one("#detail-body").render())


def screen_lines(app) -> list[str]:
    return ["".join(s.text for s in strip) for strip in app.screen._compositor.render_strips()]


async def test_end_and_pagedown_reach_contacts_beyond_the_first_screenful(store):
    store.save_many([Contact(name=f"Person {i:02}") for i in range(65)])
    names = {c.id: c.name for c in store.all(Contact)}
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        rows = contact_list(app)
        shown = table_text(app).splitlines()
        page = len(shown)
        assert 0 < page < 20 and "Person 00" in shown[0]
        assert len(rows.keys) == 65  # every one listed, not a first screenful
        assert str(app.screen.query_one("#contacts-status").render()).startswith("65 contacts")
        await pilot.press("end")
        await pilot.pause()
        assert names[rows.cursor_key] == "Person 64"
        assert "Person 64" in table_text(app).splitlines()[-1]
        assert "Person 00" not in table_text(app)
        assert app.screen.selected_contact().name == "Person 64"
        header = screen_lines(app)[1]  # under the title bar, still there at the end
        assert "Name" in header and "Company" in header and "Follow-up" in header
        assert "Person 64" in detail_text(app)
        await pilot.press("home", "pagedown", "pagedown")
        await pilot.pause()
        # Two pages down: a contact no DataTable of 30 rows held, shown and detailed.
        want = f"Person {2 * page:02}"
        assert app.screen.selected_contact().name == want
        assert want in table_text(app) and "Person 00" not in table_text(app)
        assert want in detail_text(app)
        await pilot.press("pageup", "up")
        await pilot.pause()
        assert app.screen.selected_contact().name == f"Person {page - 1:02}"
        top = rows.scroll_offset.y
        await pilot.click("#contacts-table", offset=(10, 3))  # under the header: 3rd row
        await pilot.pause()
        assert app.screen.selected_contact().name == f"Person {top + 2:02}"
        assert f"Person {top + 2:02}" in detail_text(app)


async def test_filter_then_e_edits_the_highlighted_contact(store):
    store.save_many([Contact(name="Grace Hopper", company="Navy"),
                     Contact(name="Grace Kelly", company="MGM"),
                     Contact(name="Ada Lovelace")]
                    + [Contact(name=f"Person {i:02}") for i in range(60)])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("slash", *"grace")
        await pilot.pause()
        assert [store.get(Contact, key).name for key in contact_list(app).keys] == [
            "Grace Hopper", "Grace Kelly"
        ]
        assert "Person" not in table_text(app) and "Grace Kelly" in table_text(app)
        await pilot.press("down", "down")  # the first leaves the filter, the second moves
        await pilot.pause()
        assert app.screen.selected_contact().name == "Grace Kelly"
        await pilot.press("e")
        await pilot.pause()
        assert app.screen.query_one("#field-name").value == "Grace Kelly"
        await tab_to(pilot, "company")
        await pilot.press("ctrl+u", *"Monaco", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ContactsScreen)
        by_name = {c.name: c for c in store.all(Contact)}
        assert by_name["Grace Kelly"].company == "Monaco"
        assert by_name["Grace Hopper"].company == "Navy"
        # Saved, the list still shows the filter's matches, the edited one selected.
        assert app.screen.query_text == "grace"
        assert app.screen.selected_contact().name == "Grace Kelly"
        assert "Monaco" in table_text(app)


async def test_cursor_row_is_visible_without_colour(store, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    store.save_many([Contact(name="Ada"), Contact(name="Bob", next_follow_up="2026-11-01"),
                     Contact(name="Cy")])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.no_color
        await open_contacts(pilot)
        await pilot.press("down")
        await pilot.pause()
        assert app.screen.selected_contact().name == "Bob"

        def name_cell(name: str):
            for strip in app.screen._compositor.render_strips():
                text = "".join(seg.text for seg in strip)
                if f"  {name} " in text:
                    return text, next(s for s in strip if name in s.text)
            raise AssertionError(f"{name} is not on screen")

        line, cell = name_cell("Bob")
        assert cell.style.reverse and line.lstrip().startswith("!")  # overdue, marked
        for other in ("Ada", "Cy"):
            line, cell = name_cell(other)
            assert not (cell.style and cell.style.reverse) and not line.lstrip().startswith("!")
        await pilot.press("slash")  # the cursor stays visible while the filter has focus
        await pilot.pause()
        assert name_cell("Bob")[1].style.reverse


async def test_the_detail_names_who_they_introduced_and_who_else_was_there(store):
    """The detail pane lists the people this contact introduced (by name, sorted) and, in
    the timeline, the others at each conversation; a change to an introduction shows."""
    store.save_many([
        Contact(id="ada", name="Ada Lovelace"),
        Contact(id="zoe", name="Zoe Zed", introduced_by="ada"),
        Contact(id="bea", name="Bea Beta", introduced_by="ada"),
        Contact(id="cy", name="Cy Gone"),
        Interaction(id="dinner", date="2026-11-20", kind="coffee", summary="Dinner",
                    contacts=("ada", "bea", "cy", "nobody")),
    ])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada Lovelace")
        detail = app.screen.query_one("#detail-body").render()
        shown = str(detail)
        assert "Introduced you to\n  Bea Beta\n  Zoe Zed" in shown
        entries = [str(o.prompt) for o in app.screen.query_one("#detail-timeline")._options]
        assert any("with Bea Beta, Cy Gone, ?" in e for e in entries), entries
        store.save(store.get(Contact, "cy").replace(introduced_by="ada"))
        await pilot.pause()
        await select_row(pilot, "Bea Beta")
        await select_row(pilot, "Ada Lovelace")
        assert "  Bea Beta\n  Cy Gone\n  Zoe Zed" in str(
            app.screen.query_one("#detail-body").render())


async def test_a_large_store_shows_the_list_first_and_its_conversations_when_read(
        store_path, monkeypatch):
    """On a large store the list and the pane show before the interactions are read (a
    worker reads them); a filter typed meanwhile finds, once they are read, who said it."""
    import asyncio
    import threading

    from netplan.domain import index_changes
    from netplan.domain.last_met import last_met
    from netplan.domain.timelines import grouped_before
    from netplan.screens.contact_reading import ReadsTheRest
    from netplan.screens.contacts import DETAIL_DELAY
    from netplan.store.database import open_store

    seeding = open_store(store_path)
    seeding.save_many([Contact(id="ada", name="Ada Lovelace"), Contact(id="bo", name="Bo")])
    seeding.save(Interaction(id="chat", date="2026-11-20", kind="coffee", contacts=("ada",),
                             questions=({"question": "q1", "answer": "grew tomatoes"},)))
    last_met(seeding)
    seeding.close()
    monkeypatch.setattr(index_changes, "READ_AT_ONCE", -1)  # every store counts as large
    gate, read = threading.Event(), ReadsTheRest._read_rest

    def slow_read(self):  # a large table takes a while
        gate.wait(10)
        read(self)

    monkeypatch.setattr(ReadsTheRest, "_read_rest", slow_read)
    store = open_store(store_path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        assert "Ada Lovelace" in table_text(app) and "Bo" in table_text(app)
        assert "Timeline (reading…)" in str(app.screen.query_one("#detail-body").render())
        assert not grouped_before(store) and not app.screen._index.complete
        await pilot.press("slash", "t")  # (in "grew tomatoes", in no name)
        assert "Ada" not in table_text(app)  # the answers are not read yet
        gate.set()  # (read before the pane would have followed the typing)
        assert await until(pilot, lambda: "Ada Lovelace" in table_text(app))
        assert "Bo" not in table_text(app)
        await asyncio.sleep(DETAIL_DELAY * 2)
        await pilot.pause()
        body = str(app.screen.query_one("#detail-body").render())
        assert body.startswith("Ada Lovelace") and "Timeline (1)" in body
