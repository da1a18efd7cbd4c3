"""Each metric means its label: outreach counts people, the rates are shares of them
(never over 100%), and a goal is Done exactly when its progress reaches its target."""

from __future__ import annotations

from netplan.domain import goals as board
from netplan.domain.metrics import Records, count_week, funnel
from netplan.domain.review import build_review
from netplan.domain.review_report import to_text
from netplan.store.records import Contact, Goal, Interaction

from ...conftest import make_app
from ...helpers.board_seed import seed_week

W48 = "2026-W48"


def outreach(*ids, day="2026-11-23", replied=False, kind="dm"):
    return Interaction(date=day, kind=kind, contacts=ids, outreach=True, replied=replied)


def chat(*ids, day="2026-11-25", kind="coffee"):
    return Interaction(date=day, kind=kind, contacts=ids)


def test_a_dm_to_two_people_is_two_outreach_and_the_same_person_twice_is_one():
    week = [outreach("ada", "bo"), outreach("ada", day="2026-11-24")]
    assert count_week(Records(interactions=tuple(week)), W48)["outreach"] == 2
    assert funnel(week).reached == 2
    # An outreach goal counts people: a third person makes "Reach out to 3 people" 3/3, Done.
    week.append(outreach("cy", kind="email"))
    goal = Goal(week=W48, title="Reach out to 3 people", target=3, metric="outreach")
    v = board.view(goal, _counts(week))
    assert (v.progress, v.status, v.met) == (3, "done", True)


def _counts(interactions):
    from netplan.domain.metrics import count_all_weeks

    return count_all_weeks(Records(interactions=tuple(interactions)))


def test_a_reply_from_one_of_two_is_a_50_percent_response_rate():
    # One DM to Ada and Bo; Ada answers and they have coffee: one of two replied and met.
    f = funnel([outreach("ada", "bo"), chat("ada")])
    assert (f.reached, f.replied, f.met) == (2, 1, 1)
    assert f.response_rate == 0.5 and f.meeting_conversion == 0.5
    # Two separate messages, one marked replied: the same 50%.
    f = funnel([outreach("ada", replied=True), outreach("bo")])
    assert (f.reached, f.replied, f.response_rate) == (2, 1, 0.5)
    assert f.met == 0 and f.meeting_conversion == 0.0
    # A reply logged on its own (an email marked replied) after the outreach counts too.
    f = funnel([outreach("ada", "bo"), Interaction(date="2026-11-24", kind="email",
                                                   contacts=("bo",), replied=True)])
    assert (f.reached, f.replied, f.met) == (2, 1, 0)


def test_more_conversations_than_outreach_keeps_conversion_at_most_100_percent():
    week = [outreach("ada"), chat("ada"), chat("ada", day="2026-11-26", kind="call"),
            chat("bo"), chat("cy", kind="informational_interview"),
            # a conversation before the outreach is not one it led to
            chat("dee", day="2026-11-23"), outreach("dee", day="2026-11-24")]
    f = funnel(week)
    assert (f.reached, f.met) == (2, 1)  # Ada then met; Dee met before being reached
    assert f.meeting_conversion == 0.5 <= 1
    assert f.replied >= f.met  # who then met also replied


def test_no_outreach_gives_no_rates_not_zero_percent():
    f = funnel([chat("ada")])
    assert (f.reached, f.response_rate, f.meeting_conversion) == (0, None, None)


def test_the_review_reports_people_with_their_definitions(store):
    ada, bo = Contact(name="Ada"), Contact(name="Bo")
    store.save_many([ada, bo, outreach(ada.id, bo.id), chat(ada.id), chat(ada.id, kind="call"),
                     chat(ada.id, kind="informational_interview")])
    review = build_review(store, W48)
    assert (review.outreach, review.replied, review.met, review.conversations) == (2, 1, 1, 3)
    assert review.response_rate == 0.5 and review.meeting_conversion == 0.5
    text = to_text(review)
    assert "Outreach: 2 people reached, 1 replied (response rate 50%)" in text
    assert "meeting conversion 50%: 1 of 2 then met" in text
    assert "reached = people an outreach message went to this week, each once" in text
    assert "meeting conversion = reached, then had a coffee/call/interview ÷ reached" in text


# -- a card never says Done short of its target ------------------------------------------


def test_a_manual_card_moved_to_done_at_1_of_3_is_filled_and_moving_back_restores_it():
    goal = Goal(week=W48, title="Post 3 learnings", target=3, progress=1, status="doing")
    done = board.move(goal, 1)
    assert (done.status, done.progress, done.progress_before_done) == ("done", 3, 1)
    assert board.view(done, _counts([])).met
    back = board.move(done, -1)
    assert (back.status, back.progress, back.progress_before_done) == ("doing", 1, None)
    # Met by counting (3/3), with no progress to go back to: it stays in Done.
    counted = Goal(week=W48, title="x", target=3, progress=3, status="done")
    assert board.move(counted, -1) == counted


def test_a_stored_done_below_target_is_shown_in_doing_and_is_not_met():
    manual = Goal(week=W48, title="Hand-edited", target=3, progress=1, status="done")
    auto = Goal(week=W48, title="Reach out", target=3, metric="outreach", status="done")
    for goal, progress in ((manual, 1), (auto, 1)):
        v = board.view(goal, _counts([outreach("ada")]))
        assert (v.progress, v.status, v.met) == (progress, "doing", False)
    # The streak and the review use the same rule: W47's only goal at 1/3 breaks the streak.
    last = Goal(week="2026-W47", title="Hand-edited", target=3, progress=1, status="done")
    assert board.streak([last], _counts([]), this_week=W48) == 0


async def test_board_moves_a_manual_card_to_done_and_back(store):
    seed_week(store)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("space")  # "Post 3 learnings" 1/3, in Doing
        await pilot.pause()
        await pilot.press("greater_than_sign")
        await pilot.pause()
        goal = store.get(Goal, "g-post")
        assert (goal.status, goal.progress, goal.progress_before_done) == ("done", 3, 1)
        await pilot.press("less_than_sign")
        await pilot.pause()
        goal = store.get(Goal, "g-post")
        assert (goal.status, goal.progress, goal.progress_before_done) == ("doing", 1, None)
        review = build_review(store, W48)
        assert "g-post" in {v.goal.id for v in review.goals_missed}


def test_follow_ups_count_people_so_follow_up_with_2_people_means_two():
    """Three messages to one person and a thank-you to another, each after an earlier
    interaction with them: two people followed up with, not four (a board read 36/2)."""
    earlier = [chat("ada", day="2026-11-16"), chat("bo", day="2026-11-17")]
    week = [Interaction(date=d, kind="email", contacts=("ada",))
            for d in ("2026-11-23", "2026-11-24", "2026-11-25")]
    week += [Interaction(date="2026-11-26", kind="thanks", contacts=("bo",)),
             chat("cy", day="2026-11-26")]  # the first time with Cy: not a follow-up
    assert _counts(earlier + week).count(W48, "follow_ups") == 2
    goal = Goal(week=W48, title="Follow up with 2 people", target=2, metric="follow_ups")
    assert board.view(goal, _counts(earlier + week)).progress == 2
