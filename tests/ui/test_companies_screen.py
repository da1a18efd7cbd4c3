"""Companies and merging, driven with keys; every test checks what the store then holds."""

from __future__ import annotations

import pytest

from netplan.dialogs.merge import DuplicatesDialog, MergeDialog
from netplan.screens.companies import CompaniesScreen
from netplan.store.records import Company, Contact, Event, Interaction, Referral

from ..conftest import make_app
from ..helpers.palette import from_palette
from ..helpers.waits import until
from .test_contacts_screen import open_contacts, select_row, tab_to

STAMP = "2026-11-01T09:00:00"


def seed_people(store):
    store.save_many([
        Contact(id="ada", name="Ada Lovelace", company="Analytical Engines", stage="talked",
                created=STAMP, updated=STAMP),
        Contact(id="bob", name="Bob Babbage", company="analytical engines inc",
                stage="identified", created=STAMP, updated=STAMP),
        Contact(id="cy", name="Cy Ally", company="Analytical Engines", stage="ally",
                created=STAMP, updated=STAMP),
        Contact(id="dee", name="Dee Elsewhere", company="Initech", stage="talked",
                created=STAMP, updated=STAMP),
    ])


def detail(app) -> str:
    return str(app.screen.query_one("#companies-info").render())


async def test_create_a_company_from_a_contact_s_company(store):
    seed_people(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await select_row(pilot, "Ada Lovelace")
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, CompaniesScreen)
        assert "No target companies yet" in detail(app)
        await pilot.press("n")  # the form comes with Ada's company as its name
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        (company,) = store.all(Company)
        assert company.name == "Analytical Engines" and company.priority == "target"
        shown = detail(app)
        assert "People: Ada Lovelace (talked); Bob Babbage (identified); Cy Ally (ally)" in shown
        assert "Who could refer me: Ada Lovelace; Cy Ally" in shown
        assert "Dee" not in shown
        await pilot.press("escape")
        await pilot.pause()
        assert not isinstance(app.screen, CompaniesScreen)


async def test_a_second_company_by_the_same_name_or_alias_is_refused(store):
    seed_people(store)
    store.save(Company(name="Initech", aliases=("Initrode",)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"INITRODE")
        await pilot.press("ctrl+s", "ctrl+s")  # twice, as a burst arrives
        await pilot.pause()
        assert [c.name for c in store.all(Company)] == ["Initech"]
        assert "already a company" in str(app.screen.query_one("#error-name").render())


async def test_companies_are_in_the_palette(store):
    seed_people(store)
    store.save(Company(name="Initech", priority="dream"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await from_palette(pilot, app, "Companies")
        assert isinstance(app.screen, CompaniesScreen)
        assert "Who could refer me: Dee Elsewhere" in detail(app)


async def test_enter_on_a_company_opens_it_and_a_change_is_saved(store):
    store.save(Company(name="Initech", priority="maybe"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await from_palette(pilot, app, "Companies")
        await pilot.press("enter")
        assert await until(pilot, lambda: type(app.screen).__name__ == "FormDialog")
        assert app.screen.query_one("#field-name").value == "Initech"
        app.screen.query_one("#field-website").value = "https://initech.example"
        await pilot.press("ctrl+s")
        assert await until(pilot, lambda: store.all(Company)[0].website
                           == "https://initech.example")


def seed_twins(store):
    store.save_many([
        Event(id="ev", name="PyCon"),
        Contact(id="ada", name="Ada Lovelace", company="Analytical", role="",
                emails=("ada@a.test",), tags=("mentor",), stage="contacted",
                created=STAMP, updated=STAMP),
        Contact(id="ada2", name="Ada A. Lovelace", company="Analytical Engines", role="CTO",
                emails=("countess@b.test",), tags=("python",), stage="talked", met_at="ev",
                created="2026-11-10T09:00:00", updated=STAMP, extra={"vcard_uid": "card-7"}),
        Contact(id="bob", name="Bob", introduced_by="ada2", created=STAMP, updated=STAMP),
        Interaction(id="i1", kind="coffee", contacts=("ada2",), date="2026-11-12"),
        Interaction(id="prep", kind="informational_interview", contacts=("ada2", "bob"),
                    planned=True, date="2026-12-01"),
        Referral(id="r1", contact="ada2", company="Analytical", status="asked"),
    ])


async def open_merge(pilot, keep: str, other_typed: str) -> MergeDialog:
    """On `keep`'s row, `m`, type the other's name in the picker, enter: the dialog."""
    await open_contacts(pilot)
    await select_row(pilot, keep)
    await pilot.press("m")
    await pilot.pause()
    await pilot.press(*other_typed)
    await pilot.press("enter")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, MergeDialog)
    return dialog


async def merge_ada2_into_ada(pilot):
    return await open_merge(pilot, "Ada Lovelace", "ada a")


async def test_merge_two_contacts_with_field_choices(store):
    seed_twins(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await merge_ada2_into_ada(pilot)
        fields = [name for name, _ in dialog.fields]
        assert fields[:3] == ["name", "company", "role"]
        await pilot.press("down", "right")  # company: the other's
        await pilot.press("down", "left")  # role: keep mine (empty), not the default CTO
        await pilot.press("enter")
        await pilot.pause()
        assert store.get(Contact, "ada2") is None
        ada = store.get(Contact, "ada")
        assert ada.name == "Ada Lovelace" and ada.company == "Analytical Engines"
        assert ada.role == "" and ada.stage == "talked" and ada.met_at == "ev"
        assert ada.emails == ("ada@a.test", "countess@b.test")
        assert ada.tags == ("mentor", "python")
        assert set(ada.other_uids) == {"ada2", "card-7"}
        assert store.get(Interaction, "i1").contacts == ("ada",)
        assert store.get(Interaction, "prep").contacts == ("ada", "bob")
        assert store.get(Referral, "r1").contact == "ada"
        assert store.get(Contact, "bob").introduced_by == "ada"
        assert store.get(Event, "ev") is not None
        assert len(store.all(Contact)) == 2


MOBILE = {"type": "mobile", "number": "+1 212 555 0123"}
HOME = {"type": "home", "number": "+1 718 555 0199"}


@pytest.mark.parametrize(("keep", "other_typed", "phones"), [
    ("Ada Lovelace", "ada k", (MOBILE, HOME)),
    ("Ada King", "ada l", (HOME, MOBILE)),
])
async def test_merging_keeps_the_phones_of_both(store, keep, other_typed, phones):
    store.save_many([
        Contact(id="lovelace", name="Ada Lovelace", phones=(MOBILE,), created=STAMP,
                updated=STAMP),
        Contact(id="king", name="Ada King", phones=(HOME,), created=STAMP, updated=STAMP),
    ])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = await open_merge(pilot, keep, other_typed)
        united = str(dialog.query_one("#merge-united").render())
        assert "Phones united: " + ", ".join(
            f"{p['type']}:{p['number']}" for p in phones) in united
        await pilot.press("enter")
        await pilot.pause()
        (kept,) = store.all(Contact)
        assert kept.name == keep and kept.phones == phones


async def test_undo_the_merge(store):
    seed_twins(store)
    before = {c.id: c for c in store.all(Contact)}
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await merge_ada2_into_ada(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert store.get(Contact, "ada2") is None
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert {c.id: c for c in store.all(Contact)} == before
        assert store.get(Interaction, "i1").contacts == ("ada2",)
        assert store.get(Interaction, "prep").contacts == ("ada2", "bob")
        assert store.get(Referral, "r1").contact == "ada2"
        assert store.get(Contact, "bob").introduced_by == "ada2"


async def test_escape_in_the_merge_dialog_merges_nothing(store):
    seed_twins(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await merge_ada2_into_ada(pilot)
        await pilot.press("escape", "enter")  # a burst: the enter must not merge
        await pilot.pause()
        assert store.get(Contact, "ada2") is not None


async def test_possible_duplicates_lead_to_the_merge(store):
    store.save_many([
        Contact(id="old", name="Grace Hopper", company="Navy", created=STAMP, updated=STAMP),
        Contact(id="new", name="grace hopper", company="NAVY", emails=("g@navy.test",),
                created="2026-11-20T09:00:00", updated=STAMP),
    ])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        assert await until(pilot, lambda: "1 possible duplicate (D)" in str(
            app.screen.query_one("#contacts-status").render()))
        await pilot.press("D")
        await pilot.pause()
        assert isinstance(app.screen, DuplicatesDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, MergeDialog)
        await pilot.press("enter")
        await pilot.pause()
        (kept,) = store.all(Contact)
        assert kept.id == "old" and kept.emails == ("g@navy.test",)


def test_two_people_of_one_name_at_a_company_are_told_apart_by_their_roles():
    from netplan.domain.companies import CompanyRow
    from netplan.screens.companies import detail_text
    from netplan.store.records import Company

    jordans = [Contact(name="Jordan Smith", role="Engineer"),
               Contact(name="Jordan Smith", role="Recruiter")]
    shown = detail_text(CompanyRow(Company(name="Acme"), people=tuple(jordans)), jordans).plain
    assert "People: Jordan Smith (Engineer, identified); Jordan Smith (Recruiter, identified)" \
        in shown
    assert "Who could refer me: nobody yet: someone you have had a conversation with" in shown


async def test_a_note_written_elsewhere_while_the_merge_dialog_is_open_is_kept(store):
    """Another session writes the other contact's notes while the dialog is open (it
    showed no notes row: both were empty); enter merges, and those notes are there."""
    from netplan.store.database import open_store

    store.save_many([
        Contact(id="lovelace", name="Ada Lovelace", created=STAMP, updated=STAMP),
        Contact(id="king", name="Ada King", created=STAMP, updated=STAMP),
    ])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_merge(pilot, "Ada Lovelace", "king")
        other = open_store(store.path)  # the second session
        other.save(other.get(Contact, "king").replace(notes="met at PyCon, loves Rust"))
        await pilot.press("enter")
        assert await until(pilot, lambda: len(store.all(Contact)) == 1)
        (kept,) = store.all(Contact)
        assert (kept.name, kept.notes) == ("Ada Lovelace", "met at PyCon, loves Rust")


async def test_the_list_is_shown_before_the_duplicates_are_looked_for(store, monkeypatch):
    """Looking for duplicates takes seconds at 50,000 contacts: the first visit lists the
    contacts without waiting for it, and the status line gains the count when it is found
    (and keeps it, not blinking, while a save has it looked for again)."""
    import threading

    from netplan.domain import duplicates
    from netplan.domain.duplicates import known_duplicates

    store.save_many([
        Contact(id="old", name="Grace Hopper", company="Navy", created=STAMP, updated=STAMP),
        Contact(id="new", name="grace hopper", company="NAVY", created="2026-11-20T09:00:00",
                updated=STAMP),
    ])
    go = threading.Event()
    slow = duplicates.find_duplicates

    def held(*args, **kwargs):
        go.wait(10)
        return slow(*args, **kwargs)

    monkeypatch.setattr(duplicates, "find_duplicates", held)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        status = app.screen.query_one("#contacts-status")
        assert "2 contacts" in str(status.render())
        assert "duplicate" not in str(status.render())
        go.set()
        assert await until(pilot, lambda: "1 possible duplicate (D)" in str(status.render()))
        go.clear()
        await select_row(pilot, "Grace Hopper")
        await pilot.press("e")
        await pilot.pause()
        await tab_to(pilot, "company")
        await pilot.press(*"Reserve", "ctrl+s")  # a compared field: looked for again
        await pilot.pause()
        assert {c.company for c in store.all(Contact)} == {"Reserve", "NAVY"}
        assert known_duplicates(app.store) is None  # still looking …
        assert "1 possible duplicate (D)" in str(status.render())  # … the count stays
        go.set()
        assert await until(pilot, lambda: known_duplicates(app.store) is not None)
