"""The real khard and todoman on the folders `netplan sync` keeps, read back by the sync:
a field edited and a field emptied in khard, a contact made with `khard new`; a todo
marked done and a due date moved in todoman."""

from __future__ import annotations

import json
import subprocess

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction

from ...conftest import netplan_cmd, subprocess_env
from ...helpers.sync_tools import have, run, tool


def netplan(store, *args: str) -> str:
    proc = subprocess.run(netplan_cmd("--db", str(store), *args), capture_output=True,
                          text=True, timeout=60, env=subprocess_env())
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def contacts(store) -> dict[str, Contact]:
    db = open_store(store)
    try:
        return {c.name: c for c in db.all(Contact)}
    finally:
        db.close()


@pytest.mark.skipif(not have("khard"), reason="khard is in the test extras")
def test_khard_edits_empties_and_new_cards_come_back(tmp_path):
    store, cards = tmp_path / "data" / "netplan.json", tmp_path / "cards"
    netplan(store, "add", "contact", "Ada Lovelace", "--company", "Engines", "--role",
            "Engineer", "--email", "ada@example.org")
    db = open_store(store)
    ada = db.all(Contact)[0]
    db.save(ada.replace(notes="Met at PyCon"))
    db.close()
    netplan(store, "sync", "vcard", str(cards))
    config = tmp_path / "khard.conf"
    config.write_text(f"[addressbooks]\n[[netplan]]\npath = {cards}\n")
    khard = [tool("khard"), "-c", str(config)]

    shown = run([*khard, "show", "--format", "yaml", "Ada"], tmp_path).stdout
    edited = shown.replace("Title: Engineer", "Title: Countess").replace(
        "Note: Met at PyCon", "Note:")
    assert edited != shown
    (tmp_path / "ada.yaml").write_text(edited)
    run([*khard, "edit", "-i", str(tmp_path / "ada.yaml"), "Ada"], tmp_path, stdin="yes\n")
    template = run([*khard, "show", "--format", "yaml", "Ada"], tmp_path).stdout
    new = (template.replace("Formatted name: Ada Lovelace", "Formatted name: Grace Hopper")
           .replace("First name: Ada", "First name: Grace")
           .replace("Last name: Lovelace", "Last name: Hopper")
           .replace("Organisation: Engines", "Organisation: US Navy")
           .replace("internet: ada@example.org", "internet: grace@example.org")
           .replace("Title: Countess", "Title:"))
    (tmp_path / "grace.yaml").write_text(new)
    run([*khard, "new", "-i", str(tmp_path / "grace.yaml")], tmp_path)

    out = netplan(store, "sync", "vcard", str(cards))
    people = contacts(store)
    assert people["Ada Lovelace"].role == "Countess"
    assert people["Ada Lovelace"].notes == ""  # emptied in khard, emptied in netplan
    assert people["Grace Hopper"].company == "US Navy", out
    assert people["Grace Hopper"].emails == ("grace@example.org",)
    # And the next sync has nothing to do: both sides agree.
    assert "nothing to do" in netplan(store, "sync", "vcard", str(cards))
    assert len(list(cards.glob("*.vcf"))) == 2


@pytest.mark.skipif(not have("todo"), reason="todoman is in the test extras")
def test_todoman_done_and_a_moved_due_date_come_back(tmp_path):
    store, calendar = tmp_path / "data" / "netplan.json", tmp_path / "calendar"
    netplan(store, "add", "contact", "Ada Lovelace", "--cadence", "30")
    netplan(store, "add", "contact", "Bob Builder")
    db = open_store(store)
    for c in db.all(Contact):
        db.save(c.replace(next_follow_up="2026-11-20" if c.name.startswith("Ada")
                          else "2026-11-25"))
    db.close()
    netplan(store, "sync", "ics", str(calendar))
    config = tmp_path / "todoman.py"
    config.write_text(f'path = "{calendar}"\ndate_format = "%Y-%m-%d"\ntime_format = "%H:%M"\n'
                      f'cache_path = "{tmp_path}/todoman-cache.sqlite3"\n')
    todo = [tool("todo"), "--config", str(config)]
    listed = json.loads(run([*todo, "--porcelain", "list"], tmp_path).stdout)
    ids = {t["summary"]: t["id"] for t in listed}
    run([*todo, "done", str(ids["Follow up with Ada Lovelace"])], tmp_path)
    run([*todo, "edit", str(ids["Follow up with Bob Builder"]), "--due", "2026-12-10"], tmp_path)

    netplan(store, "sync", "ics", str(calendar))
    people = contacts(store)
    assert people["Bob Builder"].next_follow_up == "2026-12-10"
    ada = people["Ada Lovelace"]
    assert ada.next_follow_up is None
    db = open_store(store)
    logged = [i for i in db.all(Interaction) if ada.id in i.contacts]
    db.close()
    assert [i.kind for i in logged] == ["other"]
    # The done todo stays done; Ada's next follow-up (cadence 30) is a new todo.
    listed = json.loads(run([*todo, "--porcelain", "list", "--status", "ANY"], tmp_path).stdout)
    ada_todos = sorted((t["completed"], t["due"] is not None) for t in listed
                       if t["summary"] == "Follow up with Ada Lovelace")
    assert ada_todos == [(False, True), (True, True)], listed
