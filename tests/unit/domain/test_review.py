"""The weekly review as data, and its text / Markdown / JSON forms."""

from __future__ import annotations

import datetime as dt

from netplan.domain.followups import NO_TAG_CADENCES, due_within
from netplan.domain.followups import next_follow_up as follow_up_date
from netplan.domain.review import DUE_SOON_DAYS, build_review, pie_change
from netplan.domain.review_report import to_json, to_markdown, to_text
from netplan.store.records import Assessment, Contact, Event, Goal, Interaction, Referral

W48 = "2026-W48"
TODAY = dt.date(2026, 11, 23)


def follow_ups(contacts, interactions, on, *, by_tag=NO_TAG_CADENCES):
    """The Contacts section's rule (followups.due_within) as the review splits it:
    (overdue, due in the next DUE_SOON_DAYS)."""
    due = due_within(contacts, interactions, DUE_SOON_DAYS, ref=on, by_tag=by_tag)
    return [d for d in due if d.overdue], [d for d in due if not d.overdue]


def seed(store):
    ada = store.save(Contact(id="ada", name="[bold]Ada[/]", company="Analytical",
                             created="2026-11-23T09:00:00", cadence_days=14))
    bob = store.save(Contact(id="bob", name="Bob", created="2026-10-01T09:00:00",
                             next_follow_up="2026-11-20"))
    store.save(Contact(id="cy", name="Cy", created="2026-10-01T09:00:00",
                       next_follow_up="2026-11-27"))
    store.save(Contact(id="dee", name="Dee", created="2026-10-01T09:00:00",
                       next_follow_up="2026-11-01", stage="dormant"))
    store.save_many([
        Interaction(date="2026-11-23", kind="dm", contacts=(ada.id,), outreach=True, replied=True),
        Interaction(date="2026-11-24", kind="email", contacts=(bob.id,), outreach=True),
        Interaction(date="2026-11-25", kind="coffee", contacts=(ada.id,), summary="Talked \x1b[31mred"),
        Interaction(date="2026-11-26", kind="help", contacts=(bob.id,)),
        Interaction(date="2026-11-27", kind="call", contacts=(bob.id,), planned=True),
        Interaction(date="2026-11-16", kind="call", contacts=(bob.id,)),
    ])
    store.save(Event(name="PyData", date="2026-11-26", status="attended"))
    store.save(Referral(contact=bob.id, company="Acme", role="Dev", status="to_ask"))
    store.save(Referral(contact=ada.id, company="Initech", status="agreed",
                        updated="2026-11-25T10:00:00"))
    store.save(Referral(contact=ada.id, company="Old", status="asked"))
    store.save(Goal(id="g-met", week=W48, title="Reach out to 2", target=2, metric="outreach"))
    store.save(Goal(id="g-open", week=W48, title="Post 3 learnings", target=3, progress=1,
                    status="doing"))
    store.save(Assessment(date="2026-11-01", ratings={"exposure.insiders": 2, "exposure.known": 2, "image.go-to": 3}))
    store.save(Assessment(date="2026-11-22", ratings={"exposure.insiders": 4, "exposure.known": 3, "image.go-to": 3}))


def test_review_gathers_the_week(store):
    seed(store)
    r = build_review(store, W48)
    assert [v.goal.id for v in r.goals_met] == ["g-met"]
    assert [v.goal.id for v in r.goals_missed] == ["g-open"]
    assert len(r.interactions) == 4  # the planned call and last week's call are left out
    assert [c.id for c in r.new_contacts] == ["ada"]
    assert [e.name for e in r.events_attended] == ["PyData"]
    assert (r.outreach, r.replied, r.conversations, r.help_given) == (2, 1, 1, 1)
    assert r.response_rate == 0.5 and r.meeting_conversion == 0.5
    assert r.referrals_received == 1
    assert sorted(x.company for x in r.waiting_on_you) == ["Acme", "Initech"]
    assert [f.id for f in r.overdue] == ["bob"]  # Dee is dormant
    # Cy explicitly on the 27th; Ada from the coffee on the 25th + 14 days is too far off.
    assert [(f.id, f.due.isoformat()) for f in r.due_soon] == [("cy", "2026-11-27")]
    assert r.pie["areas"]["exposure"] == {"before": 25, "after": 63, "change": 38}
    assert r.pie["areas"]["image"]["change"] == 0


def test_follow_up_rule_explicit_date_wins_else_cadence():
    c = Contact(name="x", cadence_days=7)
    last = dt.date(2026, 11, 20)
    assert follow_up_date(c, last) == dt.date(2026, 11, 27)
    assert follow_up_date(c.replace(next_follow_up="2026-12-01"), last) == dt.date(2026, 12, 1)
    assert follow_up_date(c, None) is None
    assert follow_up_date(Contact(name="y"), last) is None


def test_planned_interactions_do_not_reset_the_follow_up_clock():
    c = Contact(id="c", name="x", cadence_days=7)
    interactions = [Interaction(date="2026-11-10", contacts=("c",)),
                    Interaction(date="2026-11-24", contacts=("c",), planned=True)]
    overdue, soon = follow_ups([c], interactions, TODAY)
    assert [f.due for f in overdue] == [dt.date(2026, 11, 17)] and soon == []


def test_pie_change_needs_two_assessments():
    assert pie_change([Assessment(date="2026-11-01", ratings={"performance.craft": 3})]) is None


def test_dormant_contacts_are_not_nagged():
    c = Contact(id="c", name="x", cadence_days=7, stage="dormant")
    overdue, soon = follow_ups([c], [Interaction(date="2026-11-01", contacts=("c",))], TODAY)
    assert overdue == [] and soon == []


def test_text_report_is_plain_and_literal(store):
    seed(store)
    text = to_text(build_review(store, W48))
    assert "\x1b" not in text
    assert "[bold]Ada[/]" in text  # shown as typed
    assert "response rate 50%" in text and "meeting conversion 50%" in text
    assert "Goals still open (1)" in text  # the week is not over on its Monday
    assert "Bob" in text.split("Follow-ups overdue")[1]


def test_markdown_escapes_what_markdown_would_eat(store):
    seed(store)
    md = to_markdown(build_review(store, W48))
    assert md.startswith("# Weekly review 2026-W48")
    assert r"\[bold\]Ada\[/\]" in md


def test_json_report(store):
    seed(store)
    data = to_json(build_review(store, W48))
    assert data["week"] == W48 and data["from"] == "2026-11-23" and data["to"] == "2026-11-29"
    assert data["metrics"]["response_rate"] == 0.5
    assert data["follow_ups_overdue"] == [{"contact": "bob", "name": "Bob", "due": "2026-11-20"}]


def test_review_of_an_empty_store(store):
    r = build_review(store, W48)
    text = to_text(r)
    assert "response rate —" in text and "fewer than two self-assessments" in text


def test_review_shows_thank_yous_owed_and_help_given(store):
    from netplan.domain.review_report import sections

    ada = store.save(Contact(name="Ada"))
    bob = store.save(Contact(name="Bob"))
    store.save(Interaction(date="2026-11-23", kind="coffee", contacts=(ada.id,)))
    store.save(Interaction(date="2026-11-23", kind="help", contacts=(bob.id,)))
    store.save(Interaction(date="2026-11-23", kind="thanks", contacts=(bob.id,)))
    review = build_review(store, "2026-W48")
    assert (review.help_given, review.thanks_given) == (1, 1)
    assert [a.title for a in review.thanks_owed] == ["Thank Ada for the coffee"]
    text = dict(sections(review))
    assert text["Thank-yous owed (1)"] == ["Thank Ada for the coffee"]
    assert "Help given: 1, and 1 thank-you" in text["Metrics"]


def test_the_review_reads_the_week_and_says_what_every_record_says(store_path):
    """The review builds the week's interactions and the few the thank-yous read, and
    takes each contact's latest date as kept; on a demo store of many weeks it says what
    it says when every record is read (the thank-yous the next actions list, the
    follow-ups due_within gives, the week's interactions and the twelve weeks' trends)."""
    from netplan.domain.demo import fill
    from netplan.domain.followups import tag_cadences
    from netplan.domain.goals import goals_by_week
    from netplan.domain.metrics import done_interactions, store_counts
    from netplan.domain.next_actions import Snapshot, compute
    from netplan.domain.trends import trends_of, window
    from netplan.store.database import open_store
    from netplan.store.records import TagCadence
    from netplan.support.dates import iso_week, week_bounds

    store = open_store(store_path)
    fill(store, contacts=60, interactions=900, weeks=30, seed=11)
    week = iso_week(TODAY - dt.timedelta(days=7))  # (a whole week of the demo)
    again = open_store(store_path)
    review = build_review(again, week)
    assert not again._cache.holds("interactions")  # the week's and the thanks' alone
    everyone = open_store(store_path)
    every = everyone.all(Interaction)
    monday, sunday = week_bounds(week)
    assert [i.id for i in review.interactions] == [i.id for i in sorted(
        (i for i in done_interactions(every)
         if monday.isoformat() <= str(i.date)[:10] <= sunday.isoformat()),
        key=lambda i: str(i.date))]
    assert review.thanks_owed == [a for a in compute(Snapshot.from_store(everyone), TODAY)
                                  if a.kind == "thank"]
    overdue, soon = follow_ups(everyone.all(Contact), every, TODAY,
                               by_tag=tag_cadences(everyone.all(TagCadence)))
    def lines(dues):
        return [(d.contact.id, d.contact.name, d.contact.company, d.due, d.days) for d in dues]
    assert ([(d.id, d.name, d.company, d.due, d.days) for d in review.overdue + review.due_soon]
            == lines(overdue) + lines(soon))
    assert review.trends == trends_of(every, window(week), store_counts(everyone),
                                      goals_by_week(everyone))
    assert review.interactions and review.overdue and review.thanks_owed  # (all compared)
    # A thank-you logged today answers one: it is read (of any day), and the list agrees.
    owed = review.thanks_owed[0]
    store.save(Interaction(kind="thanks", date=TODAY.isoformat(), contacts=(owed.contact_id,)))
    after = build_review(open_store(store_path), week).thanks_owed
    assert owed not in after and after == [
        a for a in compute(Snapshot.from_store(open_store(store_path)), TODAY) if a.kind == "thank"]


def test_long_lists_show_their_first_lines_and_how_many_more(store):
    """45 people overdue: the text and Markdown reviews list the first SHOWN (most overdue
    first) and say how many more and where they are all; the JSON keeps all 45."""
    from netplan.domain.review_report import SHOWN, WHOLE

    store.save_many([Contact(id=f"p{n:02d}", name=f"Person {n:02d}",
                             next_follow_up=(TODAY - dt.timedelta(days=50 - n)).isoformat())
                     for n in range(45)])
    review = build_review(store, W48)
    text = to_text(review).split("Follow-ups overdue (45)\n")[1].split("\n\n")[0].splitlines()
    assert [line.split()[-1] for line in text[:SHOWN]] == [f"{n:02d}" for n in range(SHOWN)]
    assert text[SHOWN:] == [f"  … and {45 - SHOWN} more ({WHOLE['due']})"]
    assert f"- … and {45 - SHOWN} more" in to_markdown(review)
    assert [f["contact"] for f in to_json(review)["follow_ups_overdue"]] == \
        [f"p{n:02d}" for n in range(45)]
    assert "Follow-ups due in the next 7 days (0)\n  none" in to_text(review)
