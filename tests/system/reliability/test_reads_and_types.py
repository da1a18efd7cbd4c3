"""Reading never writes; wrong types in a store are named by `check` and never crash a
reader; a store moved away under an open app is never overwritten (issue 15)."""

from __future__ import annotations

import json
import subprocess

import pytest

from netplan.cli import main
from netplan.store.database import StoreVanished, open_store
from netplan.store.records import Contact, Goal

from ...conftest import make_app, netplan_cmd, subprocess_env

READERS = (["contacts"], ["due"], ["goals"], ["review"], ["questions"], ["check"],
           ["export", "-f", "json"])


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(netplan_cmd(*args), capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)


def write_store(path, data) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data))


def test_a_reader_of_a_store_without_meta_changes_nothing(tmp_path):
    path = tmp_path / "old.json"
    write_store(path, {"contacts": {"1": {"name": "Ada Lovelace", "company": "Engines"},
                                    "2": {"name": "Grace Hopper"}}})
    before = (path.read_bytes(), path.stat().st_mtime_ns)
    out = run("contacts", "--db", str(path))
    assert out.returncode == 0, out.stderr
    assert "Ada Lovelace" in out.stdout and "Grace Hopper" in out.stdout
    for args in READERS[1:-2]:
        assert run(*args, "--db", str(path)).returncode == 0, args
    check = run("check", "--db", str(path))
    assert check.returncode == 1 and "schema is None" in check.stdout
    assert (path.read_bytes(), path.stat().st_mtime_ns) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.json"]  # no lock, no backup


@pytest.mark.parametrize("args", READERS, ids=lambda a: a[0])
def test_a_reader_on_a_missing_path_exits_1_and_creates_nothing(tmp_path, args):
    path = tmp_path / "no" / "such" / "dir" / "x.json"
    out = run("--db", str(path), *args)
    assert out.returncode == 1
    assert out.stderr == f"netplan: no store at {path} (create one with `netplan` or --db)\n"
    assert out.stdout == ""
    assert list(tmp_path.iterdir()) == []


def test_a_writer_still_creates_the_store(tmp_path):
    path = tmp_path / "new" / "s.json"
    assert run("add", "contact", "Ada", "--db", str(path)).returncode == 0
    assert [c.name for c in open_store(path).all(Contact)] == ["Ada"]


def base_store() -> dict:
    return {
        "meta": {"meta": {"id": "meta", "schema": 1, "created": "2026-11-01T09:00:00"}},
        "contacts": {"c1": {"id": "c1", "name": "Ada", "company": "Engines", "stage": "talked",
                            "met_on": "2026-11-02", "cadence_days": 14}},
        "interactions": {"i1": {"id": "i1", "date": "2026-11-20", "kind": "coffee",
                                "contacts": ["c1"], "summary": "Talked about Rust"}},
        "goals": {"g1": {"id": "g1", "week": "2026-W48", "title": "Meet two people",
                         "target": 2, "progress": 1}},
        "questions": {"q1": {"id": "q1", "text": "How did you start?", "category": ""}},
    }


BAD = [
    ("goals", "g1", "target", None),
    ("goals", "g1", "target", [1]),
    ("goals", "g1", "target", 1e300),
    ("goals", "g1", "target", True),
    ("goals", "g1", "progress", -4),
    ("contacts", "c1", "name", None),
    ("contacts", "c1", "name", 123),
    ("contacts", "c1", "emails", "ada@example.org"),
    ("interactions", "i1", "kind", None),
    ("interactions", "i1", "contacts", "c1"),
    ("questions", "q1", "text", None),
    ("goals", "g1", "week", "next week"),
    ("contacts", "c1", "stage", "friend"),
]


@pytest.mark.parametrize("table,rid,name,value", BAD, ids=lambda v: repr(v)[:20])
def test_check_names_the_field_and_readers_do_not_crash(tmp_path, capsys, table, rid, name,
                                                        value):
    path = tmp_path / "s.json"
    data = base_store()
    data[table][rid][name] = value
    write_store(path, data)
    before = path.read_bytes()
    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert f"problem: {table}/{rid}: {name} " in out
    for args in (["contacts"], ["contacts", "--json"], ["due"], ["goals"], ["review"],
                 ["review", "--format", "json"], ["questions"], ["export", "-f", "json"],
                 ["export", "-f", "csv"], ["export", "-f", "ics"], ["export", "-f", "yaml"]):
        assert main([*args, "--db", str(path)]) == 0, args
    capsys.readouterr()
    assert path.read_bytes() == before  # repaired in memory only


def test_a_wrong_type_is_read_with_a_warning(tmp_path):
    path = tmp_path / "s.json"
    data = base_store()
    data["goals"]["g1"]["target"] = [3]
    data["contacts"]["c1"]["name"] = None
    write_store(path, data)
    out = run("goals", "--week", "2026-W48", "--db", str(path))
    assert out.returncode == 0 and "1/3" in out.stdout
    assert "warning: goals/g1: target should be a whole number, not a list" in out.stderr
    out = run("contacts", "--db", str(path))
    assert out.returncode == 0 and "warning: contacts/c1: name should be text" in out.stderr


def test_a_duplicated_id_is_reported_and_keeps_both_records(tmp_path, capsys):
    path = tmp_path / "s.json"
    data = base_store()
    data["contacts"]["c2"] = {**data["contacts"]["c1"], "name": "Grace"}  # id "c1" again
    write_store(path, data)
    assert main(["check", "--db", str(path)]) == 1
    out = capsys.readouterr().out
    assert "contacts/c1: the id is used by more than one record (under the keys c1, c2)" in out
    assert main(["contacts", "--json", "--db", str(path)]) == 0
    names = sorted(c["name"] for c in json.loads(capsys.readouterr().out))
    assert names == ["Ada", "Grace"]


async def test_every_screen_opens_on_a_store_with_wrong_types(tmp_path):
    path = tmp_path / "s.json"
    data = base_store()
    for table, rid, name, value in BAD:
        data[table][rid][name] = value
    write_store(path, data)
    store = open_store(path)
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("2", "enter")
        await pilot.pause()
        assert app.is_running
        from netplan.widgets.contact_detail import TimelineList

        detail = str(app.screen.query_one("#detail-body").render())
        timeline = app.screen.query_one(TimelineList)
        entries = " ".join(str(timeline.get_option_at_index(i).prompt)
                           for i in range(timeline.option_count))
        assert "123" in detail and "Talked about Rust" in entries  # name: 123 read as text
    assert app.return_code in (None, 0)


async def test_the_store_deleted_under_the_app_is_not_overwritten(store_path):
    store = open_store(store_path)
    store.save(Goal(week="2026-W48", title="Meet two people", target=2))
    app = make_app(store)
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        await pilot.pause()
        store_path.unlink()
        await pilot.pause(0.5)  # the poll notices
        shown = [n.message for n in app._notifications]
        assert any("was moved or deleted" in m for m in shown), shown
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Another goal", "ctrl+s")
        await pilot.pause()
        assert not store_path.exists()  # no store holding one goal and no meta
        shown = [n.message for n in app._notifications]
        assert sum("was moved or deleted" in m for m in shown) >= 2, shown
        assert [g.title for g in store.all(Goal)] == ["Meet two people"]  # still shown


def test_a_writer_on_a_vanished_store_stops_with_a_message(store_path):
    store = open_store(store_path)
    store.save(Contact(name="Ada"))
    store_path.unlink()
    with pytest.raises(StoreVanished, match="was moved or deleted"):
        store.save(Contact(name="Bob"))
    assert not store_path.exists()
