"""Every rule of the next-actions list, at its edges, on hand-built records."""

from __future__ import annotations

import datetime as dt

from netplan.domain import next_actions as na
from netplan.domain.next_actions import Snapshot, compute
from netplan.store.records import Contact, Event, Goal, Interaction, Referral

D = dt.date
MON = D(2026, 11, 23)  # the frozen today of the suite (a Monday)


def kinds(actions, kind):
    return [a for a in actions if a.kind == kind]


def keys(actions):
    return {a.key for a in actions}


# -- dates ---------------------------------------------------------------------------


def test_business_days_skip_the_weekend():
    assert na.business_days_between(D(2026, 11, 23), D(2026, 11, 26)) == 3  # Mon → Thu
    assert na.business_days_between(D(2026, 11, 27), D(2026, 11, 30)) == 1  # Fri → Mon
    assert na.business_days_between(D(2026, 11, 26), D(2026, 12, 1)) == 3  # Thu → Tue
    assert na.business_days_between(D(2026, 11, 26), D(2026, 11, 26)) == 0
    assert na.add_business_days(D(2026, 11, 26), 3) == D(2026, 12, 1)
    assert na.next_week(MON) == D(2026, 11, 30) and na.next_week(D(2026, 11, 29)) == D(2026, 11, 30)


# -- follow-ups ----------------------------------------------------------------------


def test_follow_up_due_and_overdue_with_the_reason():
    ada = Contact(name="Ada", next_follow_up="2026-11-20")
    bob = Contact(name="Bob", cadence_days=14)
    later = Contact(name="Cy", next_follow_up="2026-12-20")
    snap = Snapshot(contacts=(ada, bob, later),
                    interactions=(Interaction(date="2026-11-12", kind="email",
                                              contacts=(bob.id,)),))
    found = kinds(compute(snap, MON), "follow_up")
    assert [a.title for a in found] == ["Follow up with Ada", "Follow up with Bob"]
    assert found[0].when(MON) == "3 days overdue"
    assert found[0].reason == "the follow-up you set for Fri 2026-11-20"
    assert found[1].when(MON) == "in 3 days"
    assert found[1].reason == "every 14 days; last in touch Thu 2026-11-12"
    assert not kinds(compute(snap, MON, within=2), "follow_up")[1:]


def test_a_dormant_contact_never_appears():
    sleepy = Contact(name="Sleepy", stage="dormant", next_follow_up="2026-11-01",
                     met_at="e1", introduced_by=None)
    event = Event(id="e1", name="PyMeetup", date="2026-11-22", status="attended")
    snap = Snapshot(
        contacts=(sleepy,), events=(event,),
        interactions=(Interaction(date="2026-11-17", kind="email", outreach=True,
                                  contacts=(sleepy.id,)),
                      Interaction(date="2026-11-22", kind="coffee", contacts=(sleepy.id,)),),
        referrals=(Referral(contact=sleepy.id, status="to_ask"),
                   Referral(contact=sleepy.id, status="agreed", updated="2026-11-20")))
    assert compute(snap, MON) == []


# -- prep -------------------------------------------------------------------------------


def test_planned_conversations_in_the_next_seven_days_with_their_prep():
    ada = Contact(name="Ada")
    ready = Interaction(date="2026-11-25", kind="coffee", contacts=(ada.id,), planned=True,
                        questions=({"question": "q1", "answer": ""},
                                   {"question": "q2", "answer": ""}))
    bare = Interaction(date="2026-11-30", kind="call", contacts=(ada.id,), planned=True)
    too_far = Interaction(date="2026-12-01", kind="call", contacts=(ada.id,), planned=True)
    found = kinds(compute(Snapshot(contacts=(ada,), interactions=(ready, bare, too_far)), MON),
                  "prep")
    assert [a.interaction_id for a in found] == [ready.id, bare.id]
    assert "prep sheet: 2 questions" in found[0].reason
    assert "no prep sheet yet" in found[1].reason


# -- after an event -----------------------------------------------------------------------


def _met_at_event(day: str, *, then: Interaction | None = None):
    ada = Contact(name="Ada", met_at="e1")
    event = Event(id="e1", name="PyMeetup", date=day, status="attended")
    its = (then,) if then else ()
    return Snapshot(contacts=(ada,), events=(event,), interactions=its), ada


def test_event_follow_up_through_exactly_48_hours_then_gone():
    snap, ada = _met_at_event("2026-11-21")  # Saturday; today is Monday: 48 h
    found = kinds(compute(snap, MON), "after_event")
    assert [a.contact_id for a in found] == [ada.id]
    assert found[0].template == "after-event" and "within 48 hours" in found[0].reason
    assert kinds(compute(snap, MON + dt.timedelta(days=1)), "after_event") == []
    snap, _ = _met_at_event("2026-11-24")  # not yet held
    assert kinds(compute(snap, MON), "after_event") == []


def test_event_follow_up_gone_once_anything_was_logged_since():
    snap, ada = _met_at_event("2026-11-22")
    assert kinds(compute(snap, MON), "after_event")
    done = Interaction(date="2026-11-23", kind="dm", contacts=(ada.id,))
    snap2 = Snapshot(contacts=snap.contacts, events=snap.events, interactions=(done,))
    assert kinds(compute(snap2, MON), "after_event") == []
    # the meeting itself, logged on the event's day, is not a follow-up
    there = Interaction(date="2026-11-22", kind="meetup", contacts=(ada.id,), event="e1")
    snap3 = Snapshot(contacts=snap.contacts, events=snap.events, interactions=(there,))
    assert kinds(compute(snap3, MON), "after_event")


# -- thank-yous ---------------------------------------------------------------------------


def test_a_conversation_owes_a_thank_you_until_one_is_logged():
    ada = Contact(name="Ada")
    talk = Interaction(date="2026-11-22", kind="coffee", contacts=(ada.id,), summary="Rust")
    snap = Snapshot(contacts=(ada,), interactions=(talk,))
    [owed] = kinds(compute(snap, MON), "thank")
    assert owed.title == "Thank Ada for the coffee" and "within 24 hours" in owed.reason
    assert owed.template == "thanks"
    later = kinds(compute(snap, D(2026, 11, 25)), "thank")
    assert "no thank-you yet" in later[0].reason
    thanks = Interaction(date="2026-11-23", kind="thanks", contacts=(ada.id,))
    snap2 = Snapshot(contacts=(ada,), interactions=(talk, thanks))
    assert kinds(compute(snap2, MON), "thank") == []
    # a week later it has gone stale and is not nagged about
    assert kinds(compute(snap, D(2026, 11, 30)), "thank") == []


def test_an_introduction_owes_the_introducer_thanks_until_marked():
    sam = Contact(name="Sam")
    dana = Contact(name="Dana", introduced_by=sam.id, met_on="2026-11-20")
    [owed] = kinds(compute(Snapshot(contacts=(sam, dana)), MON), "thank")
    assert owed.title == "Thank Sam for the intro to Dana" and owed.contact_id == sam.id
    marked = dana.replace(intro_thanked_on="2026-11-21")
    assert kinds(compute(Snapshot(contacts=(sam, marked)), MON), "thank") == []


def test_a_referral_that_moved_is_thanked_regardless_of_outcome():
    ada = Contact(name="Ada")
    asked = Referral(contact=ada.id, company="Acme", status="asked", updated="2026-11-20")
    declined = Referral(contact=ada.id, company="Acme", status="declined", updated="2026-11-20")
    thanked = declined.replace(id="r3", thanked=True)
    found = kinds(compute(Snapshot(contacts=(ada,), referrals=(asked, declined, thanked)), MON),
                  "thank")
    assert [a.referral_id for a in found] == [declined.id]
    assert "regardless of outcome" in found[0].reason


def test_tell_the_introducer_how_it_went():
    sam = Contact(name="Sam")
    dana = Contact(name="Dana", introduced_by=sam.id, met_on="2026-10-01")
    talk = Interaction(date="2026-11-20", kind="call", contacts=(dana.id,), summary="hiring")
    snap = Snapshot(contacts=(sam, dana), interactions=(talk,))
    [tell] = kinds(compute(snap, MON), "tell_introducer")
    assert tell.title == "Tell Sam how it went with Dana" and tell.contact_id == sam.id
    assert tell.topic == "hiring"
    told = Interaction(date="2026-11-21", kind="email", contacts=(sam.id,))
    snap2 = Snapshot(contacts=(sam, dana), interactions=(talk, told))
    assert kinds(compute(snap2, MON), "tell_introducer") == []


# -- referrals -----------------------------------------------------------------------------


def test_referrals_waiting_on_you():
    ada = Contact(name="Ada")
    to_ask = Referral(contact=ada.id, company="Acme", role="Dev", status="to_ask")
    agreed = Referral(contact=ada.id, company="Beta", status="agreed", updated="2026-11-20")
    theirs = Referral(contact=ada.id, company="Gamma", status="submitted")
    found = kinds(compute(Snapshot(contacts=(ada,), referrals=(to_ask, agreed, theirs)), MON),
                  "referral")
    assert {a.key for a in found} == {f"referral:{to_ask.id}:to_ask", f"referral:{agreed.id}:agreed"}
    assert any("(Dev at Acme)" in a.title for a in found)
    templates = {a.key.rsplit(":", 1)[1]: a.template for a in found}
    assert templates == {"to_ask": "referral-ask", "agreed": "referral-send"}
    sent = Interaction(date="2026-11-21", kind="email", contacts=(ada.id,))
    found = kinds(compute(Snapshot(contacts=(ada,), referrals=(agreed,), interactions=(sent,)),
                          MON), "referral")
    assert found == []  # the resume went after they agreed


# -- bumps ----------------------------------------------------------------------------------


def _outreach(day: str, who: Contact, **kw) -> Interaction:
    return Interaction(date=day, kind="email", outreach=True, contacts=(who.id,), **kw)


def test_bump_on_the_third_business_day_not_before():
    ada = Contact(name="Ada")
    snap = Snapshot(contacts=(ada,), interactions=(_outreach("2026-11-18", ada),))  # Wed
    assert kinds(compute(snap, D(2026, 11, 20)), "bump") == []  # Fri: 2 business days
    assert kinds(compute(snap, D(2026, 11, 22)), "bump") == []  # Sun: still 2
    [bump] = kinds(compute(snap, MON), "bump")  # Mon: the third, across a weekend
    assert bump.due == MON and bump.template == "bump" and "let it rest" in bump.reason


def test_a_bump_goes_the_way_the_outreach_went():
    ada = Contact(name="Ada")
    dm = Interaction(date="2026-11-18", kind="dm", outreach=True, contacts=(ada.id,))
    [bump] = kinds(compute(Snapshot(contacts=(ada,), interactions=(dm,)), MON), "bump")
    assert bump.template == "bump-dm" and "no reply to your dm of" in bump.reason


def test_no_bump_after_a_reply_or_a_conversation():
    ada = Contact(name="Ada")
    replied = Snapshot(contacts=(ada,), interactions=(_outreach("2026-11-16", ada, replied=True),))
    assert kinds(compute(replied, MON), "bump") == []
    talked = Snapshot(contacts=(ada,), interactions=(
        _outreach("2026-11-16", ada), Interaction(date="2026-11-17", kind="call",
                                                  contacts=(ada.id,))))
    assert kinds(compute(talked, MON), "bump") == []


def test_never_more_than_one_bump_per_person():
    ada = Contact(name="Ada")
    first = _outreach("2026-11-09", ada)
    bumped = _outreach("2026-11-16", ada)  # the bump, a week later, also unanswered
    snap = Snapshot(contacts=(ada,), interactions=(first, bumped))
    assert kinds(compute(snap, MON), "bump") == []
    # ... but a new outreach after they answered an old one may be bumped again
    answered = _outreach("2026-11-02", ada, replied=True)
    fresh = _outreach("2026-11-16", ada)
    snap2 = Snapshot(contacts=(ada,), interactions=(answered, fresh))
    assert [a.interaction_id for a in kinds(compute(snap2, MON), "bump")] == [fresh.id]


# -- goals ----------------------------------------------------------------------------------


def test_goals_still_short_say_the_one_action_that_moves_them():
    new = Contact(name="Newbie", stage="identified")
    reach = Goal(week="2026-W48", title="Reach out to 3 people", target=3, metric="outreach")
    done = Goal(week="2026-W48", title="Post", target=1, metric="manual", progress=1)
    other_week = Goal(week="2026-W47", title="Old", target=1, metric="manual")
    found = kinds(compute(Snapshot(contacts=(new,), goals=(reach, done, other_week)), MON), "goal")
    assert [a.goal_id for a in found] == [reach.id]
    assert found[0].title == "Goal: Reach out to 3 people (0/3)"
    assert found[0].reason == "reach out to Newbie" and found[0].template == "info-cold"


def test_help_goal_counts_thanks_only_where_its_template_says_so():
    ada = Contact(name="Ada")
    thanks = Interaction(date="2026-11-23", kind="thanks", contacts=(ada.id,))
    plain = Goal(week="2026-W48", title="Help", metric="help_given")
    both = Goal(week="2026-W48", title="Help or thank", metric="help_given", counts_thanks=True)
    found = kinds(compute(Snapshot(contacts=(ada,), interactions=(thanks,), goals=(plain, both)),
                          MON), "goal")
    assert [a.goal_id for a in found] == [plain.id]


# -- snooze, dismiss, done -----------------------------------------------------------------


def test_snoozed_until_a_day_and_dismissed_for_good(store):
    ada = store.save(Contact(name="Ada", next_follow_up="2026-11-20"))
    bob = store.save(Contact(name="Bob", next_follow_up="2026-11-21"))
    a_ada, a_bob = kinds(na.for_store(store, MON), "follow_up")
    na.snooze(store, a_ada, na.tomorrow(MON), MON)
    na.dismiss(store, a_bob, MON)
    assert na.for_store(store, MON) == []
    assert [a.contact_id for a in na.for_store(store, na.tomorrow(MON))] == [ada.id]
    assert all(a.contact_id != bob.id for a in na.for_store(store, D(2027, 1, 1)))
    # a new reason (a new due date) is a new action
    store.save(store.get(Contact, bob.id).replace(next_follow_up="2026-11-22"))
    assert [a.contact_id for a in na.for_store(store, D(2026, 11, 24))] == [ada.id, bob.id]


def test_expired_snoozes_are_forgotten_when_another_is_written(store):
    store.save(Contact(name="Ada", next_follow_up="2026-11-20"))
    store.save(Contact(name="Bob", next_follow_up="2026-11-21"))
    a, b = na.for_store(store, MON)
    na.snooze(store, a, na.tomorrow(MON), MON)
    na.snooze(store, b, D(2026, 12, 1), D(2026, 11, 25))  # written after a's ran out
    assert set(na.states_of(store)) == {b.key}


def test_marking_a_referral_thanked_logs_a_thank_you_and_keeps_the_day(store):
    from netplan.store.records import Interaction as I

    ada = store.save(Contact(name="Ada"))
    ref = store.save(Referral(contact=ada.id, company="Acme", status="agreed",
                              updated="2026-11-20T10:00:00"))
    [owed] = [a for a in na.for_store(store, MON) if a.key.startswith("thank_referral:")]
    na.complete(store, owed, na.thank_you(owed, MON), MON)
    saved = store.get(Referral, ref.id)
    assert saved.thanked and saved.thanked_on == "2026-11-23"
    [logged] = store.all(I)
    assert logged.kind == "thanks" and logged.contacts == (ada.id,)
    assert not [a for a in na.for_store(store, MON) if a.kind == "thank"]


def test_asking_for_a_referral_moves_it_to_asked(store):
    ada = store.save(Contact(name="Ada"))
    ref = store.save(Referral(contact=ada.id, company="Acme", status="to_ask"))
    [ask] = [a for a in na.for_store(store, MON) if a.kind == "referral"]
    na.complete(store, ask, Interaction(kind="email", outreach=True, contacts=(ada.id,)), MON)
    saved = store.get(Referral, ref.id)
    assert saved.status == "asked" and saved.asked_on == "2026-11-23"
    assert not [a for a in na.for_store(store, MON) if a.kind == "referral"]


def test_a_follow_up_logged_from_its_action_clears_the_date_set_ahead(store):
    from netplan.domain import interactions

    ada = store.save(Contact(name="Ada", cadence_days=30, next_follow_up="2026-11-26"))
    [follow_up] = kinds(na.for_store(store, MON), "follow_up")
    done = Interaction(date="2026-11-23", kind="email", contacts=(ada.id,), summary="caught up")
    na.complete(store, follow_up, done, MON)
    assert store.get(Contact, ada.id).next_follow_up is None  # the cadence counts again
    assert na.for_store(store, MON) == []
    assert kinds(na.for_store(store, D(2026, 12, 23)), "follow_up")[0].due == D(2026, 12, 23)
    # editing that log keeps it the follow-up; deleting it brings the date back
    [logged] = store.all(Interaction)
    interactions.update_interaction(store, logged.id, summary="caught up on Rust")
    assert store.get(Contact, ada.id).next_follow_up is None
    interactions.delete_interaction(store, logged.id)
    assert store.get(Contact, ada.id).next_follow_up == "2026-11-26"


def test_an_ordinary_log_keeps_a_follow_up_set_for_later(store):
    from netplan.domain.contacts import log_interaction

    ada = store.save(Contact(name="Ada", next_follow_up="2026-11-26"))
    log_interaction(store, Interaction(date="2026-11-23", kind="email", contacts=(ada.id,)))
    assert store.get(Contact, ada.id).next_follow_up == "2026-11-26"
    assert [a.kind for a in na.for_store(store, MON)] == ["follow_up"]


def test_hostile_states_in_the_store_are_ignored(store):
    store.set_setting(na.STATES_KEY, {"x": None, "y": "dismissed", "z": {"until": "soon"}})
    store.save(Contact(name="Ada", next_follow_up="2026-11-20"))
    assert len(na.for_store(store, MON)) == 1
    store.set_setting(na.STATES_KEY, ["not", "a", "mapping"])
    assert len(na.for_store(store, MON)) == 1
