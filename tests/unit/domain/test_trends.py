"""The review's 12 weeks, on a hand-built store: every series, the rates, the window."""

from __future__ import annotations

from netplan.domain.review import build_review
from netplan.domain.review_report import to_json, to_markdown, to_text
from netplan.domain.trends import table, trends, window
from netplan.store.records import Contact, Event, Goal, Interaction

W48 = "2026-W48"


def seed(store):
    store.save_many([
        Contact(id="a", name="A", created="2026-11-23T09:00:00"),
        Contact(id="b", name="B", created="2026-11-16T09:00:00"),
        Contact(id="c", name="C", created="2026-09-01T09:00:00"),  # W36: before the window
        # W47: two people reached, one replied, nobody met.
        Interaction(date="2026-11-16", kind="email", contacts=("a", "b"), outreach=True),
        Interaction(date="2026-11-17", kind="email", contacts=("a",), outreach=True,
                    replied=True),
        # W48: one reached, then a coffee with them, and a call with someone else.
        Interaction(date="2026-11-23", kind="dm", contacts=("b",), outreach=True),
        Interaction(date="2026-11-25", kind="coffee", contacts=("b",)),
        Interaction(date="2026-11-26", kind="call", contacts=("c",)),
        Interaction(date="2026-11-27", kind="call", contacts=("c",), planned=True),  # not yet
        Interaction(date="2026-09-10", kind="coffee", contacts=("c",)),  # W37: first week
        Interaction(date="2026-09-01", kind="coffee", contacts=("c",)),  # W36: outside
        Event(name="Meetup", date="2026-11-19", status="attended"),
        Event(name="Skipped", date="2026-11-26", status="skipped"),
        Goal(week="2026-W47", title="Reach 2", target=2, metric="outreach"),
        Goal(week="2026-W47", title="By hand", target=1, progress=1),
        Goal(week=W48, title="Reach 3", target=3, metric="outreach"),
    ])


def test_the_window_is_twelve_weeks_ending_with_the_week():
    weeks = window(W48)
    assert len(weeks) == 12 and weeks[0] == "2026-W37" and weeks[-1] == W48
    assert window("2027-W02", 3) == ("2026-W53", "2027-W01", "2027-W02")


def test_each_series_week_by_week(store):
    seed(store)
    t = trends(store, W48)
    assert t.counts["outreach"][-2:] == (2, 1)
    assert t.counts["replies"][-2:] == (1, 1)  # W48: b met after being reached
    assert t.counts["conversations"] == (1,) + (0,) * 9 + (0, 2)
    assert t.counts["new_contacts"][-2:] == (1, 1)
    assert t.counts["events"][-2:] == (1, 0)
    assert t.counts["goals_met"][-2:] == (2, 0)
    assert t.rates["response_rate"][-2:] == (0.5, 1.0)
    assert t.rates["meeting_conversion"][-2:] == (0.0, 1.0)
    assert t.rates["response_rate"][0] is None  # no outreach: no rate, not 0%


def test_a_column_equals_that_week_s_review(store):
    seed(store)
    for week, column in (("2026-W47", -2), (W48, -1)):
        review = build_review(store, week)
        t = review.trends
        assert t.weeks[-1] == week
        assert t.counts["outreach"][-1] == review.outreach
        assert t.counts["replies"][-1] == review.replied
        assert t.counts["conversations"][-1] == review.conversations
        assert t.counts["goals_met"][-1] == len(review.goals_met)
        assert t.counts["events"][-1] == len(review.events_attended)
        assert t.counts["new_contacts"][-1] == len(review.new_contacts)
        assert trends(store, W48).counts["outreach"][column] == review.outreach


def test_moving_the_window_back_a_week(store):
    seed(store)
    assert trends(store, "2026-W47").counts["outreach"][-1] == 2
    assert trends(store, "2026-W47").weeks[0] == "2026-W36"
    assert trends(store, "2026-W47").counts["conversations"][0] == 1  # W36 now inside


def test_the_text_review_has_the_table_in_80_columns(store):
    seed(store)
    text = to_text(build_review(store, W48))
    assert "Last 12 weeks" in text
    lines = table(trends(store, W48))
    assert lines[0].split() == [f"W{n}" for n in range(37, 49)]
    assert lines[1].split()[-2:] == ["2", "1"] and lines[1].startswith("Outreach (people)")
    assert lines[-2].split()[-2:] == ["50%", "100%"]
    assert all(len("  " + line) <= 80 for line in lines)
    assert "```" in to_markdown(build_review(store, W48))
    assert to_json(build_review(store, W48))["trends"]["outreach"][-1] == 1


def test_twelve_weeks_read_the_interactions_once(store):
    from netplan.domain.goals import goals_by_week
    from netplan.domain.metrics import store_counts
    from netplan.domain.trends import trends_of

    seed(store)

    class Once:
        """Interactions that can be read one time only."""

        def __init__(self, items):
            self.items, self.reads = list(items), 0

        def __iter__(self):
            self.reads += 1
            assert self.reads == 1, "the interactions were read more than once"
            return iter(self.items)

    source = Once(store.all(Interaction))
    t = trends_of(source, window(W48), store_counts(store), goals_by_week(store))
    assert source.reads == 1 and t.counts["outreach"][-1] == 1
