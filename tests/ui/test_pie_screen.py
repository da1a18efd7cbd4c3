"""The PIE section as a user drives it: keys in, then what the store holds."""

from __future__ import annotations

from netplan.dialogs.pie_form import AssessmentForm
from netplan.domain import pie
from netplan.store.records import Assessment, Contact, Event, Goal, Interaction

from ..conftest import answer, make_app
from ..helpers.waits import until

STATEMENTS = pie.statements()


def keys_for(values: list[int]) -> list[str]:
    return [str(v) for v in values]


def row_text(app, key: str, part: str) -> str:
    return str(app.screen.query_one(f"#pie-row-{key} .{part}").render())


def seed_two(store) -> None:
    """Two assessments with fixed ids and dates, and a little of the record."""
    first = {s.id: 2 for s in STATEMENTS}
    second = {s.id: {"performance": 4, "image": 3, "exposure": 2}[s.area] for s in STATEMENTS}
    second["exposure.community"] = 3
    store.save(Assessment(id="a1", date="2026-10-12", ratings=first, note="first go"))
    store.save(Assessment(id="a2", date="2026-11-16", ratings=second,
                          note="[bold]shipped[/] the portfolio"))
    ada = Contact(id="c1", name="Ada", created="2026-11-20T10:00:00")
    store.save(ada)
    store.save(Contact(id="c2", name="Old friend", created="2025-01-01T10:00:00"))
    store.save(Interaction(id="i1", date="2026-11-18", kind="coffee", contacts=("c1",),
                           outreach=True, replied=True))
    store.save(Interaction(id="i2", date="2026-11-19", kind="email", contacts=("c1",),
                           outreach=True))
    store.save(Interaction(id="i3", date="2026-11-25", kind="call", contacts=("c1",),
                           planned=True))
    store.save(Event(id="e1", name="PyLadies", date="2026-11-10", status="attended"))


async def test_take_two_assessments_with_keys_and_see_the_change(store):
    app = make_app(store)
    first = [1, 2, 3, 4, 5, 3, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 1]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "a")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentForm)
        await pilot.press(*keys_for(first), "tab", *"Met 2 people", "enter")
        await pilot.pause()
        saved = store.all(Assessment)
        assert len(saved) == 1
        assert saved[0].ratings == {s.id: v for s, v in zip(STATEMENTS, first, strict=True)}
        assert saved[0].note == "Met 2 people"  # digits typed in the note stay text
        assert saved[0].date == "2026-11-23"
        assert row_text(app, "exposure", "pie-score") == "0%"
        assert row_text(app, "exposure", "pie-change") == "new"

        # The second time: Exposure all 3s, set with right-arrow presses instead of digits.
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*keys_for(first[:12]))
        for _ in range(6):
            await pilot.press("right", "right", "right", "down")
        await pilot.press("ctrl+s")
        await pilot.pause()
        saved = store.all(Assessment)
        assert len(saved) == 2
        second = pie.ordered(saved)[-1]
        assert [second.ratings[s.id] for s in STATEMENTS] == first[:12] + [3] * 6
        assert second.note == ""
        assert row_text(app, "exposure", "pie-score") == "50%"
        assert row_text(app, "exposure", "pie-change") == "+50"
        assert row_text(app, "performance", "pie-change") == "±0"
        assert "0→50" in row_text(app, "exposure", "pie-history")
        total = str(app.screen.query_one("#pie-total").render())
        assert "+30 since 23 Nov" in total  # 0.6 × 50 = 30 points more


async def test_saving_with_unrated_statements_names_them_and_saves_nothing(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "a", "3", "4", "enter")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentForm)
        error = str(app.screen.query_one("#pie-form-error").render())
        assert "Performance 3, 4, 5, 6" in error and "Image (all)" in error
        assert store.all(Assessment) == []
        # Two ratings given: escape asks first; n keeps them, y throws them away.
        await pilot.press("escape")
        assert await until(pilot, lambda: type(app.screen).__name__ == "ConfirmDialog")
        await answer(pilot, "n")
        assert await until(pilot, lambda: isinstance(app.screen, AssessmentForm))
        assert len(app.screen.query_one("#pie-form-list").ratings) == 2
        await pilot.press("escape")
        await answer(pilot, "y")
        assert await until(pilot, lambda: type(app.screen).__name__ == "PieScreen")
        assert store.all(Assessment) == []


async def test_escape_on_an_untouched_assessment_closes_at_once(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "a")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentForm)
        await pilot.press("escape")
        await pilot.pause()
        assert type(app.screen).__name__ == "PieScreen"


async def test_digits_rate_inside_the_form_instead_of_switching_sections(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "a", "2", "1", "5")
        await pilot.pause()
        assert isinstance(app.screen, AssessmentForm)
        assert app.current_mode == "pie"
        ratings = app.screen.query_one("#pie-form-list").ratings
        assert [ratings[s.id] for s in STATEMENTS[:3]] == [2, 1, 5]
        # Up moves back; left lowers the rating under the cursor.
        await pilot.press("up", "left", "k", "k", "j")
        await pilot.pause()
        assert ratings[STATEMENTS[2].id] == 4
        # `?` lists the form's own keys (app keys do not reach a modal).
        await pilot.press("question_mark")
        await pilot.pause()
        keys = str(app.screen.query_one("#keys-table").render())
        assert "Rate 5" in keys and "Cancel" in keys


async def test_add_the_chosen_suggestion_to_this_weeks_board(store):
    seed_two(store)
    ideas = pie.suggestions("exposure")
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        box = app.screen.query_one("#pie-ideas")
        assert "Largest gap: Exposure" in str(box.border_title)
        await pilot.press("down", "g")
        await pilot.pause()
        goals = store.all(Goal)
        assert [(g.week, g.title, g.status, g.area) for g in goals] == [
            ("2026-W48", ideas[1].title, "todo", "exposure")]
        assert goals[0].metric == ideas[1].metric and goals[0].target == ideas[1].target
        # The same idea twice is refused, and the list marks it as on the board.
        await pilot.press("g")
        await pilot.pause()
        assert len(store.all(Goal)) == 1
        assert "on this week's board" in str(box.render())
        await pilot.press("up", "g")
        await pilot.pause()
        assert sorted(g.title for g in store.all(Goal)) == sorted([ideas[0].title,
                                                                   ideas[1].title])


async def test_without_an_assessment_g_adds_nothing(store):
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4", "g")
        await pilot.pause()
        assert store.all(Goal) == []
        assert "No assessment yet" in str(app.screen.query_one("#pie-total").render())


async def test_evidence_and_note_shown_from_the_store(store):
    seed_two(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        evidence = str(app.screen.query_one("#pie-evidence").render())
        lines = {line.rsplit(" ", 1)[0].strip(): line.split()[-1]
                 for line in evidence.splitlines()}
        assert lines == {"Events attended": "1", "Conversations": "1", "New contacts": "1",
                         "Outreach sent": "2", "Replies to it": "1"}
        total = str(app.screen.query_one("#pie-total").render())
        assert "[bold]shipped[/] the portfolio" in total  # markup shown literally


async def test_another_sessions_assessment_shows_up(store, store_path):
    from netplan.store.database import open_store

    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        open_store(store_path).save(Assessment(date="2026-11-23",
                                               ratings={s.id: 5 for s in STATEMENTS}))
        assert await until(pilot, lambda: row_text(app, "total", "pie-score") == "100%")


# -- snapshots ------------------------------------------------------------------------------


def test_snapshot_pie_section(store, snap_compare):
    seed_two(store)
    assert snap_compare(make_app(store), press=["4"], terminal_size=(80, 24))


def test_snapshot_assessment_form(store, snap_compare):
    seed_two(store)
    assert snap_compare(make_app(store), press=["4", "a", "4", "3", "5", "2"],
                        terminal_size=(80, 24))


async def test_damaged_and_odd_assessments_do_not_break_the_screen(store):
    # Hand-edited or imported data: unknown statements, non-numbers, a bad date,
    # escape sequences, right-to-left text, emoji and a 1 MB note.
    store.save(Assessment(id="bad", date="garbage", ratings={"x": "high", "image.pitch": 9},
                          note="\x1b[31mred\x1b[0m שלום 🚀 " + "x" * 1_000_000))
    store.save(Assessment(id="ok", date="2026-11-20", ratings={"exposure.known": 5}))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert row_text(app, "exposure", "pie-score") == "100%"
        assert row_text(app, "image", "pie-score") == "—"
        assert row_text(app, "total", "pie-score") == "100%"  # only Exposure is scored
        await pilot.press("g")  # the largest gap is Exposure's (0 points): still offered
        await pilot.pause()
        assert [g.area for g in store.all(Goal)] == ["exposure"]
    # The older, damaged one is the baseline and its note is not the latest.
    summary = pie.summarize(store.all(Assessment))
    assert summary.latest.id == "ok" and summary.change["exposure"] is None


async def test_note_with_escape_sequences_is_shown_cleaned(store):
    store.save(Assessment(id="n", date="2026-11-20", ratings={s.id: 3 for s in STATEMENTS},
                          note="\x1b[31mred\x1b[0m שלום 🚀"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        total = str(app.screen.query_one("#pie-total").render())
        assert "\x1b" not in total and "red שלום 🚀" in total


async def test_a_large_store_shows_the_areas_first_and_the_30_days_once_read(
        store, monkeypatch):
    """On a large store whose review figure is not kept, the areas show at once and the
    30 days' counts once a worker has read them; they are the counts every record gives."""
    from ..helpers.held_reading import hold_readings

    seed_two(store)
    expected = pie.evidence(store.all(Contact), store.all(Interaction), store.all(Event))
    gate = hold_readings(monkeypatch)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("4")
        await pilot.pause()
        assert "Reading" in str(app.screen.query_one("#pie-evidence").render())
        assert "Weighted total" in str(app.screen.query_one("#pie-total").render())
        gate.set()

        def evidence() -> str:
            return str(app.screen.query_one("#pie-evidence").render())

        assert await until(pilot, lambda: "Conversations" in evidence())
        lines = {line.rsplit(" ", 1)[0].strip(): int(line.split()[-1])
                 for line in evidence().splitlines()}
        assert lines == {"Events attended": expected.events_attended,
                         "Conversations": expected.conversations,
                         "New contacts": expected.new_contacts,
                         "Outreach sent": expected.outreach, "Replies to it": expected.replies}
