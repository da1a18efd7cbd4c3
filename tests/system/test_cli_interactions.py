"""`netplan interactions`, `interaction edit` and `interaction delete` as a shell runs them;
and the domain under them: what an edit or a delete puts back on the contacts."""

from __future__ import annotations

import json
import subprocess

import pytest

from netplan.domain.interactions import delete_interaction, update_interaction
from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction, Question

from ..conftest import netplan_cmd, subprocess_env


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        netplan_cmd(*args), capture_output=True, text=True, env=subprocess_env(), timeout=60
    )


@pytest.fixture
def db(store_path):
    return ["--db", str(store_path)]


def _stored(store_path):
    return open_store(store_path)


def test_list_edit_delete_round_trip(db, store_path):
    assert run("add", "contact", "Priya Raman", "--cadence", "14", *db).returncode == 0
    assert run("add", "contact", "Marcus Lee", *db).returncode == 0
    logged = run("log", "Priya", "Marcus", "--kind", "coffee", "--summary", "oops", *db)
    assert logged.returncode == 0
    store = _stored(store_path)
    (it,) = store.all(Interaction)
    assert {c.stage for c in store.all(Contact)} == {"talked"}

    listed = run("interactions", *db)
    assert listed.returncode == 0
    assert it.id[:8] in listed.stdout and "coffee" in listed.stdout
    assert "Priya Raman, Marcus Lee" in listed.stdout
    as_json = json.loads(run("interactions", "--contact", "marcus", "--json", *db).stdout)
    assert [i["id"] for i in as_json] == [it.id]
    assert json.loads(run("interactions", "--week", "2026-W47", "--json", *db).stdout) == []
    assert len(json.loads(run("interactions", "--week", "2026-W48", "--json", *db).stdout)) == 1

    edited = run("interaction", "edit", it.id[:8], "--kind", "email", "--date", "yesterday",
                 "--replied", "--summary", "a reply", *db)
    assert edited.returncode == 0, edited.stderr
    store = _stored(store_path)
    (it2,) = store.all(Interaction)
    assert (it2.id, it2.kind, it2.date, it2.replied, it2.summary) == (
        it.id, "email", "2026-11-22", True, "a reply")
    # The coffee had moved both to "talked"; as a replied e-mail it shows "replied".
    assert {c.stage for c in store.all(Contact)} == {"replied"}
    priya = next(c for c in store.all(Contact) if c.name == "Priya Raman")
    due = json.loads(run("contacts", "--json", *db).stdout)
    assert {d["name"]: d["next_follow_up_due"] for d in due}["Priya Raman"] == "2026-12-06"
    assert priya.stage == "replied"

    assert run("interaction", "edit", it.id, "--no-replied", *db).returncode == 0
    assert _stored(store_path).get(Interaction, it.id).replied is False

    deleted = run("interaction", "delete", it.id, *db)
    assert deleted.returncode == 0 and "deleted email" in deleted.stdout
    store = _stored(store_path)
    assert store.all(Interaction) == []
    assert {c.stage for c in store.all(Contact)} == {"identified"}  # as before the mistake
    due = json.loads(run("contacts", "--json", *db).stdout)
    assert all(d["next_follow_up_due"] is None for d in due)


def test_unknown_id_and_bad_input_exit_2(db, store_path):
    assert run("add", "contact", "Ada", *db).returncode == 0
    assert run("log", "Ada", "--kind", "call", *db).returncode == 0
    (it,) = _stored(store_path).all(Interaction)
    for args in (("interaction", "delete", "ffffffff"), ("interaction", "edit", "ffffffff",
                                                         "--kind", "call"),
                 ("interaction", "edit", it.id, "--kind", "séance"),
                 ("interaction", "edit", it.id, "--date", "blursday"),
                 ("interaction", "edit", it.id),
                 ("interactions", "--contact", "nobody"),
                 ("interactions", "--week", "W99")):
        done = run(*args, *db)
        assert done.returncode == 2, args
        assert done.stderr.startswith("netplan: ") and "Traceback" not in done.stderr
    assert _stored(store_path).all(Interaction) == [it]  # nothing changed


def test_damaged_store_exits_1(db, store_path):
    store_path.parent.mkdir(parents=True, exist_ok=True)
    store_path.write_text("{ not json")
    for args in (("interactions",), ("interaction", "delete", "abcdefgh")):
        done = run(*args, *db)
        assert done.returncode == 1 and str(store_path) in done.stderr


def test_listing_shows_answers(db, store_path):
    store = open_store(store_path)
    ada = store.save(Contact(name="Ada"))
    q = store.save(Question(text="Who else should I meet?"))
    store.save(Interaction(kind="coffee", contacts=(ada.id,), date="2026-11-20",
                           questions=({"question": q.id, "answer": "Talk to Grace Hopper"},)))
    out = run("interactions", *db).stdout
    assert "Who else should I meet? → Talk to Grace Hopper" in out


def test_delete_restores_only_what_nothing_since_built_on(store):
    ada = store.save(Contact(name="Ada", stage="identified", next_follow_up="2026-11-20",
                             cadence_days=30))
    bob = store.save(Contact(name="Bob", stage="identified"))
    from netplan.domain.contacts import log_interaction

    coffee = log_interaction(store, Interaction(kind="coffee", date="2026-11-22",
                                                contacts=(ada.id, bob.id)))
    assert store.get(Contact, ada.id).next_follow_up is None  # answered by the coffee
    assert coffee.contact_changes[ada.id] == {"next_follow_up": "2026-11-20",
                                              "stage": ["identified", "talked"]}
    # A later e-mail with Ada; Bob was moved to "ally" by hand since.
    log_interaction(store, Interaction(kind="email", date="2026-11-23", contacts=(ada.id,)))
    store.save(store.get(Contact, bob.id).replace(stage="ally"))
    delete_interaction(store, coffee.id)
    ada_now, bob_now = store.get(Contact, ada.id), store.get(Contact, bob.id)
    assert ada_now.stage == "contacted"  # back from talked, forward for the e-mail
    assert ada_now.next_follow_up is None  # the e-mail on the 23rd answers the 20th too
    assert bob_now.stage == "ally"  # a hand-made change is never undone


def test_edit_takes_newer_fields_and_derives_again(store):
    ada = store.save(Contact(name="Ada", stage="identified", next_follow_up="2026-11-21"))
    from netplan.domain.contacts import log_interaction

    it = log_interaction(store, Interaction(kind="dm", date="2026-11-22", contacts=(ada.id,)))
    assert store.get(Contact, ada.id).stage == "contacted"
    store.save(store.get(Interaction, it.id).replace(notes="typed elsewhere"))
    edited = update_interaction(store, it.id, date="2026-11-10", kind="call")
    assert edited.notes == "typed elsewhere"
    ada_now = store.get(Contact, ada.id)
    assert ada_now.stage == "talked"
    # Dated before the explicit follow-up (and that is now past): cleared again by logging.
    assert ada_now.next_follow_up is None
    assert update_interaction(store, "gone", kind="call") is None


def test_prep_export_says_what_they_answered_before():
    from netplan.domain import prep

    ada = Contact(id="c1", name="Ada")
    q = Question(id="q1", text="How did you land your first job?")
    past = Interaction(kind="coffee", contacts=("c1",), date="2026-11-02",
                       questions=({"question": "q1", "answer": "Through a *meetup*"},))
    sheet = Interaction(kind="informational_interview", contacts=("c1",), planned=True,
                        questions=({"question": "q1", "answer": ""},))
    heard = prep.answers_of("c1", [past, sheet])
    lines = prep.sheet_lines(["q1"], {"q1": q}, {"q1": "2026-11-02"}, heard)
    text = prep.prep_markdown(ada, sheet, lines)
    assert "Already asked them on 2026-11-02: Through a \\*meetup\\*" in text


def test_a_log_dated_ahead_is_planned_and_a_calendar_move_keeps_it_planned(db, store_path):
    """`netplan log --date friday` on a Monday: the coffee has not happened, so it is kept
    as planned (stage and weekly count untouched) and the command says so; a calendar that
    moves the plan to a day gone by only moves it; the user's edit to that day records it."""
    from netplan.domain.next_actions import Snapshot, compute
    from netplan.support.dates import today

    assert run("add", "contact", "Priya Raman", *db).returncode == 0
    out = run("log", "Priya", "--kind", "coffee", "--date", "2026-11-27", *db)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == ("planned coffee on 2026-11-27 with Priya Raman "
                                  "(it counts once it has happened)")
    store = _stored(store_path)
    (it,) = store.all(Interaction)
    (priya,) = store.all(Contact)
    assert it.planned and priya.stage == "identified"
    actions = compute(Snapshot.from_store(store), today())
    assert [a.title for a in actions if a.kind == "prep"] == [
        "Conversation with Priya Raman Fri 2026-11-27"]

    moved = update_interaction(store, it.id, date="2026-11-20")  # as `sync ics` does
    assert moved.planned and store.get(Contact, priya.id).stage == "identified"
    recorded = update_interaction(store, it.id, by_hand=True, date="2026-11-20")
    assert not recorded.planned and store.get(Contact, priya.id).stage == "talked"


def test_a_plan_with_prep_questions_edited_to_today_says_how_to_record_it(db, store_path):
    """A coffee planned for Friday with questions picked, then edited to today: it stays a
    plan (its answers record it), and the command says so instead of "it counts once it
    has happened"."""
    assert run("add", "contact", "Cy Dee", *db).returncode == 0
    assert run("log", "Cy", "--kind", "coffee", "--date", "2026-11-27", *db).returncode == 0
    store = _stored(store_path)
    (it,) = store.all(Interaction)
    store.save(it.replace(questions=({"question": "q1", "answer": ""},)))
    out = run("interaction", "edit", it.id[:8], "--date", "2026-11-23", *db)
    assert out.returncode == 0, out.stderr
    assert "still a plan: record it with the answers on its prep sheet" in out.stdout
    assert "counts once it has happened" not in out.stdout
    (still,) = _stored(store_path).all(Interaction)
    assert still.planned and still.date == "2026-11-23"
