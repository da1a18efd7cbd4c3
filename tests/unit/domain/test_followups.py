"""Follow-up arithmetic and the dates people type for it."""

from __future__ import annotations

import datetime as dt

import pytest

from netplan.domain import followups
from netplan.domain.contacts import log_interaction
from netplan.store.records import Contact, Interaction
from netplan.support.dates import DateError, parse_date

from ...conftest import TODAY

D = dt.date


def test_explicit_date_wins_over_cadence():
    c = Contact(name="Ada", cadence_days=30, next_follow_up="2026-12-01")
    assert followups.next_follow_up(c, D(2026, 11, 20)) == D(2026, 12, 1)


def test_cadence_counts_from_last_interaction():
    c = Contact(name="Ada", cadence_days=14)
    assert followups.next_follow_up(c, D(2026, 11, 20)) == D(2026, 12, 4)


def test_no_cadence_or_no_interaction_means_no_follow_up():
    assert followups.next_follow_up(Contact(name="Ada"), D(2026, 11, 20)) is None
    assert followups.next_follow_up(Contact(name="Ada", cadence_days=7), None) is None


def test_last_interactions_skips_planned_and_bad_dates():
    its = [
        Interaction(date="2026-11-01", contacts=("a", "b")),
        Interaction(date="2026-11-10", contacts=("a",)),
        Interaction(date="2026-12-24", contacts=("a",), planned=True),
        Interaction(date="2026-02-30", contacts=("b",)),
    ]
    assert followups.last_interactions(its) == {"a": D(2026, 11, 10), "b": D(2026, 11, 1)}


def test_logging_clears_an_answered_explicit_date_but_keeps_a_later_one():
    due = Contact(name="Ada", next_follow_up="2026-11-20")
    assert followups.after_logging(due, D(2026, 11, 23)).next_follow_up is None
    later = Contact(name="Ada", next_follow_up="2026-12-20")
    assert followups.after_logging(later, D(2026, 11, 23)).next_follow_up == "2026-12-20"
    # a back-dated log still clears a date that is already past
    past = Contact(name="Ada", next_follow_up="2026-11-21")
    assert followups.after_logging(past, D(2026, 11, 1)).next_follow_up is None


def test_logging_resets_the_clock_of_everyone_on_it(store):
    ada = store.save(Contact(name="Ada", cadence_days=30, next_follow_up="2026-11-01"))
    bob = store.save(Contact(name="Bob", cadence_days=10))
    store.save(Interaction(date="2026-09-01", contacts=(bob.id,)))
    log_interaction(store, Interaction(date="2026-11-23", kind="coffee", contacts=(ada.id, bob.id)))
    last = followups.last_interactions(store.all(Interaction))
    assert store.get(Contact, ada.id).next_follow_up is None
    assert followups.next_follow_up(store.get(Contact, ada.id), last[ada.id]) == D(2026, 12, 23)
    assert followups.next_follow_up(store.get(Contact, bob.id), last[bob.id]) == D(2026, 12, 3)


def test_planned_interaction_does_not_reset(store):
    ada = store.save(Contact(name="Ada", cadence_days=30, next_follow_up="2026-11-01"))
    log_interaction(store, Interaction(date="2026-11-30", contacts=(ada.id,), planned=True))
    assert store.get(Contact, ada.id).next_follow_up == "2026-11-01"


def test_snooze_and_clear():
    c = followups.snooze(Contact(name="Ada"), D(2026, 12, 4))
    assert c.next_follow_up == "2026-12-04"
    assert followups.clear_follow_up(c).next_follow_up is None


def test_overdue_and_words():
    assert followups.is_overdue(D(2026, 11, 22)) and not followups.is_overdue(TODAY)
    assert followups.describe_days(-3) == "3 days overdue"
    assert followups.describe_days(0) == "today"
    assert followups.describe_days(1) == "tomorrow"
    assert followups.describe_days(9) == "in 9 days"


def test_due_within_orders_most_urgent_first():
    late = Contact(name="Late", next_follow_up="2026-11-01")
    soon = Contact(name="Soon", next_follow_up="2026-11-27")
    far = Contact(name="Far", next_follow_up="2027-01-01")
    due = followups.due_within([far, soon, late], [], within=7)
    assert [(d.contact.name, d.days, d.overdue) for d in due] == [
        ("Late", -22, True),
        ("Soon", 4, False),
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("tomorrow", D(2026, 11, 24)),
        ("next friday", D(2026, 11, 27)),
        ("friday", D(2026, 11, 27)),
        ("in 2 weeks", D(2026, 12, 7)),
        ("+3d", D(2026, 11, 26)),
        ("+1w", D(2026, 11, 30)),
        ("2026-12-01", D(2026, 12, 1)),
        ("  Next   FRIDAY ", D(2026, 11, 27)),
        ("3 days ago", D(2026, 11, 20)),
    ],
)
def test_follow_up_dates_people_type(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "next blursday",
        "2026-02-30",
        "+3 fortnights",
        "x" * 1000,
        "🙂",
        "[bold]tomorrow[/]",
        "\x1b[31mtomorrow",
    ],
)
def test_refused_dates_say_what_works(text):
    with pytest.raises(DateError) as err:
        parse_date(text)
    assert str(err.value)
