"""`netplan demo`: realistic, reproducible sample data, and its refusal to mix with real data."""

from __future__ import annotations

import datetime as dt

import pytest

from netplan.cli import main
from netplan.domain.demo import generate
from netplan.store.database import open_store
from netplan.store.paths import default_store_path
from netplan.store.records import (
    Assessment,
    Contact,
    Event,
    Goal,
    Interaction,
    Pitch,
    Question,
    Referral,
)
from netplan.store.validate import check_data
from netplan.support import dates

from ...conftest import TODAY


def dump(data):
    return [r.to_dict() for r in data.records()]


def test_exact_counts_and_every_table_filled():
    data = generate(contacts=50, interactions=300, weeks=10, seed=3)
    counts = data.counts()
    assert counts["contacts"] == 50 and counts["interactions"] == 300
    for table in ("goals", "events", "referrals", "questions", "assessments", "pitches"):
        assert counts[table] > 0, table
    assert {g.week for g in data.goals} == {
        dates.iso_week(TODAY - dt.timedelta(weeks=n)) for n in range(10)}


def test_same_seed_same_data_other_seed_other_data():
    a = generate(contacts=40, interactions=150, weeks=6, seed=11)
    b = generate(contacts=40, interactions=150, weeks=6, seed=11)
    c = generate(contacts=40, interactions=150, weeks=6, seed=12)
    assert dump(a) == dump(b)
    assert dump(a) != dump(c)


def test_the_data_is_realistic_and_consistent():
    data = generate(contacts=200, interactions=800, weeks=26, seed=5)
    ids = {c.id for c in data.contacts}
    assert len(ids) == 200
    # diverse names: some outside ASCII, some in other scripts entirely
    assert any(not c.name.isascii() for c in data.contacts)
    assert {c.stage for c in data.contacts} >= {"identified", "contacted", "talked", "ally"}
    assert all(i.date <= TODAY.isoformat() for i in data.interactions if not i.planned)
    assert all(set(i.contacts) <= ids for i in data.interactions)
    assert any(i.outreach and i.replied for i in data.interactions)
    assert any(i.outreach and not i.replied for i in data.interactions)
    assert any(i.questions and any(q["answer"] for q in i.questions) for i in data.interactions)
    prep = [i for i in data.interactions if i.planned]
    assert len(prep) == 1 and prep[0].date > TODAY.isoformat() and prep[0].questions
    assert any(c.introduced_by in ids for c in data.contacts)
    events = {e.status for e in data.events}
    assert events == {"planned", "attended", "skipped"}
    assert all(e.date > TODAY.isoformat() for e in data.events if e.status == "planned")
    assert all(r.contact in ids for r in data.referrals)
    assert {g.status for g in data.goals} == {"todo", "doing", "done"}
    assert any(g.carried_from for g in data.goals)
    assert all(1 <= v <= 5 for a in data.assessments for v in a.ratings.values())
    assert all(a.ratings for a in data.assessments)


def test_bad_sizes_are_refused():
    with pytest.raises(ValueError):
        generate(contacts=-1)
    with pytest.raises(ValueError):
        generate(contacts=0, interactions=5)
    with pytest.raises(ValueError):
        generate(weeks=0)
    empty = generate(contacts=0, interactions=0, weeks=1)
    assert empty.counts()["contacts"] == 0 and empty.counts()["interactions"] == 0


def test_demo_command_fills_a_store_that_check_passes(tmp_path, capsys):
    path = tmp_path / "demo.json"
    args = ["demo", "--db", str(path), "--contacts", "60", "--interactions", "250",
            "--weeks", "8", "--seed", "4"]
    assert main(args) == 0
    assert "60 contacts, 250 interactions" in capsys.readouterr().out
    store = open_store(path)
    assert len(store.all(Contact)) == 60 and len(store.all(Interaction)) == 250
    for kind in (Goal, Event, Referral, Question, Assessment, Pitch):
        assert store.all(kind), kind.TABLE
    assert check_data(store.raw()) == []
    assert main(["check", "--db", str(path)]) == 0
    # the same seed into another file gives the same records
    other = tmp_path / "again.json"
    assert main([*args[:2], str(other), *args[3:]]) == 0
    raw_a, raw_b = open_store(path).raw(), open_store(other).raw()
    tables = [t for t in raw_a if t != "meta"]
    assert [raw_a[t] for t in tables] == [raw_b[t] for t in tables] and set(raw_a) == set(raw_b)


def test_demo_refuses_a_non_empty_default_store(capsys):
    path = default_store_path()
    assert main(["demo", "--contacts", "5", "--interactions", "10", "--weeks", "2"]) == 0
    before = path.read_bytes()
    capsys.readouterr()
    assert main(["demo", "--contacts", "5", "--interactions", "10"]) == 2
    err = capsys.readouterr().err
    assert "already holds" in err and "--db" in err and len(err.strip().splitlines()) == 1
    assert path.read_bytes() == before


def test_demo_writes_into_a_named_store_even_when_not_empty(store, store_path, monkeypatch):
    store.save(Contact(name="Ada"))
    monkeypatch.setenv("NETPLAN_DB", str(store_path))
    assert main(["demo", "--contacts", "5", "--interactions", "10", "--weeks", "2"]) == 0
    names = [c.name for c in open_store(store_path).all(Contact)]
    assert "Ada" in names and len(names) == 6


@pytest.mark.parametrize("args", [
    ["--contacts", "-1"], ["--contacts", "many"], ["--weeks", "0"],
    ["--interactions", "2000000"], ["--seed", "x"],
])
def test_demo_bad_arguments_exit_2(tmp_path, args, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["demo", "--db", str(tmp_path / "x.json"), *args])
    assert exc.value.code == 2
    assert not (tmp_path / "x.json").exists()


def test_demo_interactions_need_a_contact(tmp_path, capsys):
    assert main(["demo", "--db", str(tmp_path / "x.json"), "--contacts", "0"]) == 2
    assert "at least one contact" in capsys.readouterr().err


def test_no_demo_follow_up_date_is_one_a_later_interaction_answered():
    """Logging clears a set follow-up date on or before the interaction, so a demo contact
    never shows "8 days overdue" beside an interview logged after that date."""
    from netplan.domain.followups import last_interactions

    for seed in (1, 3):  # seeds whose stores had such dates
        data = generate(seed=seed)
        last = last_interactions(data.interactions)
        stale = [c.name for c in data.contacts if c.next_follow_up and (d := last.get(c.id))
                 and c.next_follow_up <= d.isoformat()]
        assert stale == []
        assert any(c.next_follow_up for c in data.contacts)  # some dates are still set
