"""Counting the automatic goal metrics per ISO week."""

from __future__ import annotations

from netplan.domain.metrics import Records, count_all_weeks, count_week
from netplan.store.records import Contact, Event, Interaction, Referral

W48, W49 = "2026-W48", "2026-W49"


def counts(**records) -> dict:
    return count_week(Records(**{k: tuple(v) for k, v in records.items()}), W48)


def test_each_metric_counts_what_the_spec_says():
    ada = Contact(id="ada", name="Ada", created="2026-11-24T10:00:00")
    old = Contact(id="old", name="Old friend", created="2026-01-05T09:00:00")
    interactions = [
        Interaction(date="2026-10-01", kind="coffee", contacts=("old",)),  # W40, earlier
        Interaction(date="2026-11-23", kind="dm", contacts=("ada",), outreach=True, replied=True),
        Interaction(date="2026-11-24", kind="email", contacts=("old",), outreach=True),
        Interaction(date="2026-11-25", kind="coffee", contacts=("ada",)),
        Interaction(date="2026-11-26", kind="call", contacts=()),
        Interaction(date="2026-11-27", kind="informational_interview", contacts=()),
        Interaction(date="2026-11-27", kind="help", contacts=()),
    ]
    events = [Event(name="Meetup", date="2026-11-26", status="attended"),
              Event(name="Skipped", date="2026-11-26", status="skipped"),
              Event(name="Planned", date="2026-11-28", status="planned")]
    referrals = [Referral(asked_on="2026-11-25", status="asked"),
                 Referral(asked_on="2026-11-10", status="agreed"), Referral(status="to_ask")]
    got = counts(interactions=interactions, contacts=[ada, old], events=events, referrals=referrals)
    assert got == {
        "outreach": 2, "conversations": 3, "new_contacts": 1, "events": 1,
        # email to "old" (talked in October) and coffee with Ada (dm'd on Monday)
        "follow_ups": 2, "referrals": 1, "help_given": 1,
    }


def test_planned_interactions_never_count():
    planned = [Interaction(date="2026-11-24", kind="coffee", outreach=True, contacts=("a",),
                           planned=True),
               Interaction(date="2026-11-25", kind="help", contacts=("a",), planned=True)]
    # A planned one earlier does not make a later one a follow-up either.
    later = Interaction(date="2026-11-26", kind="dm", contacts=("a",))
    got = counts(interactions=[*planned, later])
    assert got["outreach"] == 0 and got["conversations"] == 0 and got["help_given"] == 0
    assert got["follow_ups"] == 0


def test_sunday_2359_belongs_to_its_week_and_monday_0000_to_the_next():
    interactions = [
        Interaction(date="2026-11-29T23:59:59", kind="dm", outreach=True),
        Interaction(date="2026-11-30T00:00:00", kind="dm", outreach=True),
        Interaction(date="2026-11-22T23:59", kind="dm", outreach=True),  # Sunday of W47
        Interaction(date="2026-11-23", kind="dm", outreach=True),  # Monday of W48
    ]
    weekly = count_all_weeks(Records(interactions=tuple(interactions)))
    assert weekly.count(W48, "outreach") == 2
    assert weekly.count(W49, "outreach") == 1
    assert weekly.count("2026-W47", "outreach") == 1


def test_iso_week_spanning_new_year():
    # 2026-12-31 (Thursday) and 2027-01-03 (Sunday) are both in 2026-W53.
    interactions = [Interaction(date="2026-12-31", kind="call"),
                    Interaction(date="2027-01-03T23:59", kind="call")]
    weekly = count_all_weeks(Records(interactions=tuple(interactions)))
    assert weekly.count("2026-W53", "conversations") == 2


def test_same_day_second_message_is_not_a_follow_up():
    interactions = [Interaction(date="2026-11-24", kind="dm", contacts=("a",)),
                    Interaction(date="2026-11-24", kind="email", contacts=("a",)),
                    Interaction(date="2026-11-25", kind="email", contacts=("a", "b"))]
    assert counts(interactions=interactions)["follow_ups"] == 1


def test_damaged_dates_are_skipped_not_fatal():
    interactions = [Interaction(date="not a date", kind="dm", outreach=True),
                    Interaction(date="", kind="dm", outreach=True),
                    Interaction(date="2026-11-24", kind="dm", outreach=True)]
    contacts = [Contact(name="x", created="garbage"), Contact(name="y", created="")]
    events = [Event(name="e", date=None, status="attended")]
    got = counts(interactions=interactions, contacts=contacts, events=events)
    assert got["outreach"] == 1 and got["new_contacts"] == 0 and got["events"] == 0


def test_counts_from_a_real_store(store):
    store.save(Interaction(date="2026-11-24", kind="dm", outreach=True))
    # Created on the Monday of W48, the tests' frozen today: `created` defaults to the real
    # clock (model.now_iso), which left W48 on 2026-11-30 and broke this test.
    store.save(Contact(name="Ada", created="2026-11-23T09:00:00"))
    got = count_week(Records.from_store(store), W48)
    assert got["outreach"] == 1 and got["new_contacts"] == 1
