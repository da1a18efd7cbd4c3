"""`netplan questions`: the bank on the command line, for scripts and a quick look."""

from __future__ import annotations

import json

from netplan.cli import main
from netplan.domain.questions import shipped_bank, sync_builtins
from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction, Question


def test_lists_the_bank_by_category_and_writes_nothing(store_path, capsys):
    open_store(store_path).close()
    before = (store_path.read_bytes(), store_path.stat().st_mtime_ns)
    assert main(["questions", "--db", str(store_path)]) == 0
    out = capsys.readouterr().out
    assert "Their path into tech" in out and "[first-job]" in out
    assert out.count("[first-job]") == 1
    assert (store_path.read_bytes(), store_path.stat().st_mtime_ns) == before
    store = open_store(store_path)
    sync_builtins(store)  # what the app does on start
    assert len(store.all(Question)) == len(shipped_bank().questions)
    assert main(["questions", "--db", str(store_path)]) == 0
    assert capsys.readouterr().out == out


def test_search_starred_and_json_with_asked_counts(store_path, capsys):
    store = open_store(store_path)
    main(["questions", "--db", str(store_path), "zzz-nothing"])
    assert "No question matches." in capsys.readouterr().out
    sync_builtins(store)
    store.save(store.get(Question, "first-job").replace(starred=True))
    store.save(Contact(id="g", name="Grace \x1b[31mHopper"))
    store.save(Interaction(contacts=("g",), questions=({"question": "first-job", "answer": "x"},)))
    assert main(["questions", "--db", str(store_path), "--starred", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [q["id"] for q in data] == ["first-job"]
    assert data[0]["asked"] == 1 and data[0]["asked_of"] == ["Grace \x1b[31mHopper"]
    assert main(["questions", "--db", str(store_path), "first", "job"]) == 0
    out = capsys.readouterr().out
    assert "(asked 1x)" in out and "\x1b" not in out
