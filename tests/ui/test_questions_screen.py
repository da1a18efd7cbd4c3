"""The Questions section, driven by keys as a user would; every test checks the store."""

from __future__ import annotations

import stat

import pytest

from netplan.domain.questions import shipped_bank
from netplan.store.records import Contact, Interaction, Pitch, Question

from ..conftest import answer, make_app

GRACE = Contact(id="c-grace", name="Grace Hopper", company="Navy Labs", role="Staff engineer")
MARKUP = Contact(id="c-markup", name="[bold]Ada[/]", company="Analytical")


@pytest.fixture
def people(store):
    store.save_many([GRACE, MARKUP])
    return store


async def open_tab(pilot, key: str = "b"):
    await pilot.press("3")
    await pilot.pause()
    if key != "b":
        await pilot.press(key)
        await pilot.pause()


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector).render())


async def test_opening_the_section_loads_the_builtin_bank_once(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        assert len(store.all(Question)) == len(shipped_bank().questions)
        await pilot.press("1", "3")
        await pilot.pause()
    assert len(store.all(Question)) == len(shipped_bank().questions)


async def test_star_a_question_and_unstar_it(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert store.get(Question, "first-job").starred
        await pilot.press("S")  # starred only
        await pilot.pause()
        assert "★" in str(app.screen.query_one("#bank-list").get_option("first-job").prompt)
        assert app.screen.query_one("#bank-list").option_count == 2  # heading + the one
        await pilot.press("s")
        await pilot.pause()
        assert not store.get(Question, "first-job").starred


async def test_search_as_you_type_finds_first_job(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("slash")
        await pilot.pause()
        await pilot.press(*"first job")
        await pilot.pause()
        options = app.screen.query_one("#bank-list")
        assert options.option_count == 2
        assert options.get_option_at_index(1).id == "first-job"
        assert "1 of" in text_of(app, "#bank-filters")
        await pilot.press("enter", "s")  # back to the list; s stars instead of typing
        await pilot.pause()
        assert store.get(Question, "first-job").starred


async def test_add_an_own_question_and_refuse_bad_ones(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        count = len(store.all(Question))
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("ctrl+s")  # empty: refused, named under the field
        await pilot.pause()
        assert "required" in text_of(app, "#error-text")
        await pilot.press(*"Where do you work?", "ctrl+s")  # already in the bank
        await pilot.pause()
        assert "already in the bank" in text_of(app, "#error-text")
        assert len(store.all(Question)) == count
        app.screen.query_one("#field-text").value = "What is [b]your[/b] on-call like? 🙂"
        await pilot.press("ctrl+s")
        await pilot.pause()
        own = [q for q in store.all(Question) if not q.builtin]
        assert len(own) == 1
        assert own[0].text == "What is [b]your[/b] on-call like? 🙂"
        assert own[0].category == "My questions"
        prompt = str(app.screen.query_one("#bank-list").get_option(own[0].id).prompt)
        assert "[b]your[/b]" in prompt  # shown literally


async def test_builtins_refuse_edit_and_delete_but_hide(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        await pilot.press("e")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionsScreen"  # no form opened
        await pilot.press("d")
        await pilot.pause()
        assert type(app.screen).__name__ == "QuestionsScreen"
        assert store.get(Question, "first-job") is not None
        await pilot.press("h")
        await pilot.pause()
        assert store.get(Question, "first-job").hidden
        assert "first-job" not in [o.id for o in app.screen.query_one("#bank-list").options]
        await pilot.press("H")
        await pilot.pause()
        assert "first-job" in [o.id for o in app.screen.query_one("#bank-list").options]


async def test_edit_and_delete_an_own_question(store):
    own = store.save(Question(id="own-1", text="Mine?", category="Zeta"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        app.screen.query_one("#bank-list").highlighted = (
            app.screen.query_one("#bank-list").get_option_index(own.id))
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one("#field-text").value = "Mine, edited?"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert store.get(Question, own.id).text == "Mine, edited?"
        await pilot.press("d")
        await answer(pilot, "y")
        await pilot.pause()
        assert store.get(Question, own.id) is None


async def test_build_a_prep_sheet_export_it_and_record_two_answers(people, store_path):
    store = people
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "p")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"grace", "enter")
        await pilot.pause()
        assert "Grace Hopper" in text_of(app, "#prep-contact")
        # the cursor stays on a question picked: down goes on to the next one in the bank
        await pilot.press("space", "down", "space", "down", "space")
        await pilot.pause()
        sheet = [i for i in store.all(Interaction) if i.planned]
        assert len(sheet) == 1
        assert sheet[0].contacts == (GRACE.id,) and sheet[0].kind == "informational_interview"
        ids = [e["question"] for e in sheet[0].questions]
        assert ids == ["first-job", "path-to-role", "self-taught"]
        await pilot.press("home", "J")  # first question one place down
        await pilot.pause()
        sheet = store.get(Interaction, sheet[0].id)
        assert [e["question"] for e in sheet.questions] == ["path-to-role", "first-job",
                                                             "self-taught"]
        await pilot.press("x")
        await pilot.pause()
        exported = store_path.parent / "prep" / "grace-hopper-2026-11-23.md"
        markdown = exported.read_text()
        assert markdown.index("1. What path") < markdown.index("2. How did you land")
        assert stat.S_IMODE(exported.stat().st_mode) == 0o600

        await pilot.press("a")
        await pilot.pause()
        await pilot.press("tab", *"A referral", "tab", *"Self-taught")
        await pilot.press("ctrl+s")
        await pilot.pause()
        logged = store.get(Interaction, sheet.id)
        assert not logged.planned and logged.date == "2026-11-23"
        assert logged.questions == (
            {"question": "path-to-role", "answer": "A referral"},
            {"question": "first-job", "answer": "Self-taught"},
        )
        # logged like any conversation: Grace has now talked with you
        assert store.get(Contact, GRACE.id).stage == "talked"
        # the sheet is done; the questions now show as asked of Grace
        assert "no sheet yet" in text_of(app, "#prep-contact")
        assert "✓" in str(app.screen.query_one("#prep-list").get_option("first-job").prompt)
        await pilot.press("b")
        await pilot.pause()
        assert "Asked 1×" in text_of(app, "#bank-detail")
        assert "Grace Hopper" in text_of(app, "#bank-detail")


async def test_answers_refuse_a_future_date_and_an_empty_record(people):
    store = people
    sheet = store.save(Interaction(id="plan-1", date="2026-11-25", contacts=(GRACE.id,),
                                   planned=True, kind="informational_interview",
                                   questions=({"question": "first-job", "answer": ""},)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "p")
        assert "Grace Hopper" in text_of(app, "#prep-contact")  # the waiting sheet opens
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "at least one answer" in text_of(app, "#error-q0")
        app.screen.query_one("#field-date").value = "in 3 days"
        app.screen.query_one("#field-q0").text = "Heard it"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "future" in text_of(app, "#error-date")
        assert store.get(Interaction, sheet.id).planned
        app.screen.query_one("#field-date").value = "yesterday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        logged = store.get(Interaction, sheet.id)
        assert not logged.planned and logged.date == "2026-11-22"


async def test_contact_names_with_markup_show_literally(people):
    app = make_app(people)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "p")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"ada", "enter")
        await pilot.pause()
        assert "[bold]Ada[/]" in text_of(app, "#prep-contact")


async def test_prep_keys_need_a_contact_first(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "p")
        await pilot.press("space", "x", "a")
        await pilot.pause()
    assert [i for i in store.all(Interaction)] == []


async def test_write_a_pitch_and_see_the_word_count(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "i")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")  # keep the suggested title
        await pilot.pause()
        await pilot.press(*"I'm Sam, a dev.")
        await pilot.pause()
        assert "4 words · about 2 s spoken" in text_of(app, "#pitch-stats")
        await pilot.press("escape")  # leaving the editor saves at once
        await pilot.pause()
        [pitch] = store.all(Pitch)
        assert pitch.title == "Pitch 1"
        assert pitch.text == "I'm Sam, a dev."
        app.screen.query_one("#pitch-text").text = "word " * 80
        await pilot.pause()
        assert "over 30 s" in text_of(app, "#pitch-stats")
        await pilot.pause(1.0)  # typing pauses long enough: saved without leaving
        assert store.get(Pitch, pitch.id).text == "word " * 80
        await pilot.press("escape", "d")
        await answer(pilot, "y")
        await pilot.pause()
        assert store.all(Pitch) == []


async def test_quitting_right_after_typing_keeps_the_pitch(store):
    store.save(Pitch(id="p1", title="Meetups", updated="2026-11-20T10:00:00"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "i")
        await pilot.press("e", *"Hi all")
        await pilot.pause()
        app.exit()
    assert store.get(Pitch, "p1").text == "Hi all"


async def test_the_cursor_stays_on_a_picked_question_so_space_again_takes_it_back(people):
    store = people
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "p")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"grace", "enter")
        await pilot.pause()
        options = app.screen.query_one("#prep-list")
        first = options.get_option_at_index(options.highlighted).id
        await pilot.press("space")
        await pilot.pause()
        assert options.get_option_at_index(options.highlighted).id == first
        (sheet,) = [i for i in store.all(Interaction) if i.planned]
        assert [e["question"] for e in sheet.questions] == [first]
        await pilot.press("space")
        await pilot.pause()
        assert store.get(Interaction, sheet.id).questions == ()


async def test_slash_on_the_sheet_searches_the_bank_and_enter_picks_from_what_it_found(people):
    store = people
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "p")
        await pilot.press("c")
        await pilot.pause()
        await pilot.press(*"grace", "enter")
        await pilot.pause()
        await pilot.press("slash", *"stack", "enter")
        await pilot.pause()
        options = app.screen.query_one("#prep-list")
        found = [options.get_option_at_index(i) for i in range(options.option_count)]
        texts = [str(o.prompt) for o in found if o.id]
        assert texts and all("stack" in t.casefold() for t in texts)
        await pilot.press("space")
        await pilot.pause()
        (sheet,) = [i for i in store.all(Interaction) if i.planned]
        picked = store.get(Question, sheet.questions[0]["question"])
        assert "stack" in picked.text.casefold()
        await pilot.press("escape")  # the whole bank again
        await pilot.pause()
        assert options.option_count > len(found)
        # With a question on the sheet, enter after a search still lands on what was found.
        await pilot.press("slash", *"meetup", "enter")
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        (sheet,) = [i for i in store.all(Interaction) if i.planned]
        assert len(sheet.questions) == 2
        second = store.get(Question, sheet.questions[1]["question"])
        assert "meetup" in second.text.casefold()


async def test_an_empty_pitch_tab_says_that_n_asks_for_a_name_first(store):
    """A first-timer read "press n to write your pitch" and typed the pitch into the title."""
    from netplan.store.records import Pitch

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot, "i")
        assert "name a draft" in text_of(app, "#pitch-title")
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Meetups", "enter")
        await pilot.pause()
        await pilot.press(*"I'm Ada.")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        (pitch,) = store.all(Pitch)
        assert (pitch.title, pitch.text) == ("Meetups", "I'm Ada.")


async def test_a_large_store_shows_the_bank_first_and_whom_it_was_asked_once_read(
        people, monkeypatch):
    """On a large store the bank shows before the conversations are read (a worker reads
    them); meanwhile it does not say "Not asked yet", and the prep sheet's keys change
    nothing (a question picked then would start a second sheet for Grace)."""
    from ..helpers.held_reading import hold_readings
    from ..helpers.waits import until

    store = people
    store.save(Interaction(id="chat", date="2026-11-20", kind="coffee", contacts=(GRACE.id,),
                           questions=({"question": "first-job", "answer": "Answered an ad"},)))
    store.save(Interaction(id="plan-1", date="2026-11-25", contacts=(GRACE.id,), planned=True,
                           kind="informational_interview",
                           questions=({"question": "path-to-role", "answer": ""},)))
    gate = hold_readings(monkeypatch)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        assert app.screen.query_one("#bank-list").highlighted_option.id == "first-job"
        assert "reading the logged conversations" in text_of(app, "#bank-detail")
        assert "Not asked yet" not in text_of(app, "#bank-detail")
        await pilot.press("p")
        await pilot.pause()
        assert "reading the logged conversations" in text_of(app, "#prep-contact")
        await pilot.press("space", "c", "x", "a", "w")
        await pilot.pause()
        assert len(app.screen_stack) == 1  # no dialog opened
        assert [i.id for i in store.all(Interaction) if i.planned] == ["plan-1"]
        assert store.get(Interaction, "plan-1").questions == (
            {"question": "path-to-role", "answer": ""},)
        gate.set()
        assert await until(pilot, lambda: "Grace Hopper" in text_of(app, "#prep-contact"))
        await pilot.press("b")
        await pilot.pause()
        detail = text_of(app, "#bank-detail")
        assert "Asked 1×" in detail and "Answered an ad" in detail and "Grace Hopper" in detail


async def test_whom_a_question_was_asked_names_the_first_eight_and_counts_the_rest(store):
    from netplan.screens.questions.bank import NAMES_SHOWN

    store.save_many([Contact(id=f"p{n}", name=f"Person {n}") for n in range(NAMES_SHOWN + 2)])
    store.save_many([Interaction(id=f"i{n}", date=f"2026-11-{n + 1:02d}", kind="coffee",
                                 contacts=(f"p{n}",),
                                 questions=({"question": "first-job", "answer": ""},))
                     for n in range(NAMES_SHOWN + 2)])
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_tab(pilot)
        detail = " ".join(text_of(app, "#bank-detail").split())
        assert f"Asked {NAMES_SHOWN + 2}×" in detail
        assert ", ".join(f"Person {n}" for n in range(NAMES_SHOWN)) + " and 2 more" in detail
        assert f"Person {NAMES_SHOWN}" not in detail
