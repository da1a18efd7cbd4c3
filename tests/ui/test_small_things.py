"""The small things of issue 17: identical toasts merged with a count, the header's week
follows the week on screen, --readonly refuses a form before it opens, carrying goals
out of a week that has not started asks first."""

from __future__ import annotations

from netplan import compat
from netplan.store.records import Goal

from ..conftest import answer, make_app
from ..helpers.waits import screen_is, until


def toasts(app) -> list[str]:
    return [str(n.message) for n in getattr(app, compat.APP_TOASTS)]


async def test_ten_identical_toasts_show_as_one_with_a_count(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for _ in range(10):
            app.notify("No goal selected: n adds one, T applies a template.")
        app.notify("Something else")
        assert await until(pilot, lambda: len(toasts(app)) == 2)
        await pilot.pause()
        assert sorted(toasts(app)) == [
            "No goal selected: n adds one, T applies a template. (×10)", "Something else"]


async def test_the_header_shows_the_week_on_screen_not_todays(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.sub_title.startswith("2026-W48")
        await pilot.press("right_square_bracket")
        await pilot.pause()
        assert app.screen.sub_title.startswith("2026-W49")
        await pilot.press("t")
        await pilot.pause()
        assert app.screen.sub_title.startswith("2026-W48")


async def test_readonly_refuses_a_form_before_it_opens(store, store_path):
    from netplan.store.database import open_store

    store.save(Goal(id="g1", week="2026-W48", title="Reach out"))
    before = store_path.read_bytes()
    app = make_app(open_store(store_path, readonly=True))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for section, key in (("1", "n"), ("1", "e"), ("2", "n"), ("4", "a")):
            await pilot.press(section)
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            assert not type(app.screen).__name__.endswith(("Dialog", "Form")), (section, key)
        assert any("read-only" in t and "nothing can be changed" in t for t in toasts(app))
    assert store_path.read_bytes() == before


async def test_carrying_out_of_a_week_not_started_asks_first(store):
    store.save(Goal(id="g-next", week="2026-W49", title="Meet Ada", target=2))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("5")
        await pilot.pause()
        await pilot.press("right_square_bracket")  # 2026-W49 starts next Monday
        await pilot.pause()
        await pilot.press("C")
        assert await until(pilot, screen_is(app, "ConfirmDialog"))
        await answer(pilot, "n")
        await pilot.pause()
        assert [g.week for g in store.all(Goal)] == ["2026-W49"]  # nothing carried
        await pilot.press("C")
        assert await until(pilot, screen_is(app, "ConfirmDialog"))
        await answer(pilot, "y")
        assert await until(pilot, lambda: len(store.all(Goal)) == 2)
        assert {g.week for g in store.all(Goal)} == {"2026-W49", "2026-W50"}


async def test_a_long_label_goes_above_its_field_which_takes_the_width(store):
    from netplan.dialogs.form import FormDialog, FormField

    question = "After hearing what I am working on, is there anyone you think I should meet?"
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(FormDialog("Answers", [FormField("short", "Date"),
                                               FormField("q0", question, kind="multiline")]))
        assert await until(pilot, screen_is(app, "FormDialog"))
        await pilot.pause()
        above = [str(label.render()) for label in app.screen.query(".form-label.above")]
        assert above == [question]  # whole, on its own line; "Date" stays beside its field
        short, answer_box = app.screen.query_one("#field-short"), app.screen.query_one("#field-q0")
        assert answer_box.region.x < short.region.x  # not squeezed right of a label column
        assert answer_box.region.width > short.region.width


async def test_the_contact_form_shows_the_usual_fields_first_and_the_rest_under_more(store):
    from textual.widgets import Collapsible

    from netplan.dialogs.contact_forms import USUAL_CONTACT_FIELDS

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("2")
        await pilot.pause()
        await pilot.press("n")
        assert await until(pilot, screen_is(app, "FormDialog"))
        form = app.screen
        usual = [f.name for f in form.fields if not f.more]
        assert usual == [n for n in USUAL_CONTACT_FIELDS if n in {f.name for f in form.fields}]
        assert usual[:5] == ["name", "company", "role", "how_met", "introduced_by"]
        more = form.query_one(Collapsible)
        assert more.collapsed and {f.name for f in form.fields if f.more} >= {"stage", "notes"}
        # a mistake in a folded field opens "More" and shows it
        form.query_one("#field-cadence_days").value = "often"
        await pilot.press(*"Ada", "ctrl+s")
        await pilot.pause()
        assert not more.collapsed and type(app.screen).__name__ == "FormDialog"
