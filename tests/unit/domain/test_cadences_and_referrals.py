"""Cadences by tag (a contact's own cadence wins) and referral statuses stepping back."""

from __future__ import annotations

import datetime as dt

import pytest

from netplan.domain import cadences, followups, referrals
from netplan.domain.contacts import log_interaction
from netplan.store.records import Contact, Interaction, Referral, TagCadence

D = dt.date


def test_a_tag_cadence_makes_a_contact_due(store):
    ada = store.save(Contact(name="Ada", tags=("close",)))  # no cadence of her own
    log_interaction(store, Interaction(date="2026-08-01", kind="coffee", contacts=(ada.id,)))
    assert followups.due_within(store.all(Contact), store.all(Interaction)) == []
    cadences.set_cadence(store, "Close", "90")
    by_tag = followups.tag_cadences(store.all(TagCadence))
    assert by_tag == {"close": 90}
    due = followups.due_within(store.all(Contact), store.all(Interaction), by_tag=by_tag)
    assert [(d.contact.name, d.due) for d in due] == [("Ada", D(2026, 10, 30))]
    assert due[0].overdue


def test_a_contacts_own_cadence_wins_and_the_shortest_tag_cadence_counts():
    by_tag = {"close": 90, "mentor": 30}
    assert followups.cadence_of(Contact(tags=("close",), cadence_days=14), by_tag) == 14
    assert followups.cadence_of(Contact(tags=("CLOSE", "mentor")), by_tag) == 30
    assert followups.cadence_of(Contact(tags=("other",)), by_tag) is None
    last = D(2026, 11, 1)
    assert followups.next_follow_up(Contact(tags=("close",)), last, by_tag) == D(2027, 1, 30)
    # An explicit date still wins over everything.
    explicit = Contact(tags=("close",), next_follow_up="2026-12-24")
    assert followups.next_follow_up(explicit, last, by_tag) == D(2026, 12, 24)


def test_set_change_and_clear_a_tag_cadence(store):
    cadences.set_cadence(store, "close", 90)
    cadences.set_cadence(store, "CLOSE", "60d")  # the same tag in another case: changed
    assert [(r.tag, r.cadence_days) for r in cadences.listed(store)] == [("CLOSE", 60)]
    assert cadences.clear_cadence(store, "close") is True
    assert store.all(TagCadence) == []
    assert cadences.clear_cadence(store, "close") is False


@pytest.mark.parametrize("tag, days, words", [
    ("", "90", "a tag is needed"),
    ("a, b", "90", "more than one tag"),
    ("close", "0", "between 1 and"),
    ("close", "often", "not a number of days"),
])
def test_bad_cadences_are_refused_and_nothing_is_written(store, tag, days, words):
    with pytest.raises(cadences.CadenceError, match=words):
        cadences.set_cadence(store, tag, days)
    assert store.all(TagCadence) == []


def test_referral_steps_back_down_the_ladder_and_out_of_declined():
    ref = referrals.advance_referral(Referral(company="Acme"))  # asked, dated
    assert ref.status == "asked" and ref.asked_on == "2026-11-23"
    agreed = referrals.advance_referral(ref)
    assert referrals.step_back_referral(agreed).status == "asked"
    back = referrals.step_back_referral(ref)
    assert back.status == "to_ask" and back.asked_on is None  # not asked after all
    assert referrals.step_back_referral(back) == back  # nothing before to_ask
    declined = referrals.advance_referral(agreed, "declined")
    assert declined.status_before == "agreed"
    undone = referrals.step_back_referral(declined)
    assert (undone.status, undone.status_before) == ("agreed", None)
    # A request declined before netplan remembered where it was goes back to to_ask.
    assert referrals.step_back_referral(Referral(status="closed")).status == "to_ask"


def test_request_rows_put_what_waits_on_you_first(store):
    ada = store.save(Contact(name="Ada"))
    store.save_many([
        Referral(contact=ada.id, company="Acme", status="asked", asked_on="2026-11-01"),
        Referral(contact=ada.id, company="Initech", status="agreed", asked_on="2026-11-13"),
        Referral(contact="gone", company="Navy", status="declined", asked_on="2026-10-01"),
        Referral(contact=ada.id, company="Big Co", status="to_ask", updated="2026-11-20T09:00:00"),
    ])
    rows = referrals.request_rows(store.all(Referral), store.all(Contact))
    assert [(r.referral.company, r.who, r.age_days, r.waiting_on_you) for r in rows] == [
        ("Initech", "Ada", 10, True), ("Big Co", "Ada", 3, True),
        ("Acme", "Ada", 22, False), ("Navy", "", 53, False),
    ]
