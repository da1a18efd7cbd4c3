"""The store: records, persistence, caching, permissions, backups and damaged files."""

from __future__ import annotations

import datetime as dt
import errno
import json
import os
import stat

import pytest

from netplan.store import storage as storage_mod
from netplan.store.backups import list_backups
from netplan.store.database import open_store
from netplan.store.records import SCHEMA_VERSION, Contact, Goal, Interaction
from netplan.store.storage import StoreDamaged, StoreWriteError


def test_new_store_has_meta_and_every_table(store, store_path):
    data = json.loads(store_path.read_text())
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION
    for table in ("contacts", "interactions", "goals", "events", "referrals",
                  "questions", "assessments", "pitches"):
        assert data[table] == {}


def test_documents_are_keyed_the_tinydb_way_and_carry_their_uuid(store, store_path):
    ada = store.save(Contact(name="Ada Lovelace", tags=("mentor",)))
    grace = store.save(Contact(name="Grace Hopper"))
    store.save(ada.replace(company="Analytical Engines"))  # a replace keeps its key
    data = json.loads(store_path.read_text())
    assert data["contacts"]["1"]["id"] == ada.id
    assert data["contacts"]["1"]["tags"] == ["mentor"]
    assert data["contacts"]["1"]["company"] == "Analytical Engines"
    assert data["contacts"]["2"]["id"] == grace.id
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION


def test_plain_tinydb_opens_the_store_and_finds_every_record(store, store_path):
    from tinydb import Query, TinyDB

    ada = store.save(Contact(name="Ada Lovelace"))
    store.save(Interaction(kind="coffee", contacts=(ada.id,), summary="Coffee"))
    store.delete(Contact, store.save(Contact(name="Gone")).id)
    with TinyDB(store_path) as plain:
        assert [d["name"] for d in plain.table("contacts").all()] == ["Ada Lovelace"]
        assert plain.table("contacts").get(Query().id == ada.id)["name"] == "Ada Lovelace"
        assert plain.table("interactions").all()[0]["contacts"] == [ada.id]
        assert plain.table("meta").all()[0]["schema"] == SCHEMA_VERSION


def test_netplan_reads_what_plain_tinydb_inserted(store, store_path):
    from tinydb import TinyDB

    ada = store.save(Contact(name="Ada Lovelace"))
    with TinyDB(store_path) as plain:
        plain.table("contacts").insert({"id": "from-a-script", "name": "Grace Hopper"})
        plain.table("contacts").insert({"name": "Linus Lee"})  # no id at all
    again = open_store(store_path)
    names = {c.name: c.id for c in again.all(Contact)}
    assert set(names) == {"Ada Lovelace", "Grace Hopper", "Linus Lee"}
    assert names["Grace Hopper"] == "from-a-script"
    linus = again.get(Contact, names["Linus Lee"])  # an id made from its TinyDB key
    again.save(linus.replace(company="Initech"))
    assert [c.company for c in open_store(store_path).all(Contact) if c.name == "Linus Lee"] == [
        "Initech"]
    again.save(Contact(name="Sofia"))  # and new keys follow TinyDB's counter
    assert set(json.loads(store_path.read_text())["contacts"]) == {"1", "2", "3", "4"}
    assert names["Ada Lovelace"] == ada.id


def test_a_version_1_store_is_rekeyed_after_a_backup(store_path):
    store_path.parent.mkdir(parents=True)
    old = {"meta": {"meta": {"id": "meta", "schema": 1, "created": "2026-01-01T00:00:00"}},
           "contacts": {"a-uuid": {"id": "a-uuid", "name": "Ada"}},
           "interactions": {"i-uuid": {"id": "i-uuid", "kind": "coffee", "contacts": ["a-uuid"],
                                       "date": "2026-11-20"}}}
    store_path.write_text(json.dumps(old))
    store = open_store(store_path)
    data = json.loads(store_path.read_text())
    assert data["contacts"] == {"1": {"id": "a-uuid", "name": "Ada"}}
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION
    assert data["meta"]["1"]["created"] == "2026-01-01T00:00:00"
    assert store.get(Contact, "a-uuid").name == "Ada"
    assert json.loads(store_path.with_name("netplan.json.schema1.bak").read_text()) == old


def test_save_replaces_and_delete_removes(store, store_path):
    ada = store.save(Contact(name="Ada"))
    store.save(ada.replace(company="Analytical Engines"))
    again = open_store(store_path)
    assert again.get(Contact, ada.id).company == "Analytical Engines"
    assert len(again.all(Contact)) == 1
    assert again.delete(Contact, ada.id) is True
    assert again.delete(Contact, ada.id) is False
    assert open_store(store_path).all(Contact) == []


def test_unknown_fields_survive_a_round_trip(store, store_path):
    data = json.loads(store_path.read_text())
    data["contacts"]["c1"] = {"id": "c1", "name": "Grace", "x_pronouns": "she/her"}
    store_path.write_text(json.dumps(data))
    again = open_store(store_path)
    grace = again.get(Contact, "c1")
    again.save(grace.replace(company="Navy"))
    saved = json.loads(store_path.read_text())["contacts"]["c1"]
    assert saved["x_pronouns"] == "she/her" and saved["company"] == "Navy"


def test_transaction_writes_once_and_rolls_back_on_error(store, store_path):
    before = store._storage.writes
    with store.transaction():
        for i in range(5):
            store.save(Goal(title=f"g{i}", week="2026-W48"))
    assert store._storage.writes == before + 1
    assert len(open_store(store_path).all(Goal)) == 5
    with pytest.raises(RuntimeError), store.transaction():
        store.save(Goal(title="never", week="2026-W48"))
        raise RuntimeError("boom")
    assert len(open_store(store_path).all(Goal)) == 5
    assert len(store.all(Goal)) == 5


def test_cache_notices_a_change_made_by_another_writer(store, store_path):
    store.save(Contact(name="Ada"))
    assert [c.name for c in store.all(Contact)] == ["Ada"]
    other = open_store(store_path)
    other.save(Contact(name="Grace"))
    assert sorted(c.name for c in store.all(Contact)) == ["Ada", "Grace"]


def test_unchanged_file_is_not_parsed_again(store):
    store.save(Contact(name="Ada"))
    reloads = store._storage.reloads
    for _ in range(50):
        store.all(Contact)
    assert store._storage.reloads == reloads


def test_modes_are_private_even_with_a_permissive_umask(tmp_path):
    old = os.umask(0)
    try:
        path = tmp_path / "new" / "netplan.json"
        s = open_store(path)
        s.save(Contact(name="Ada"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert stat.S_IMODE((path.parent / "netplan.json.lock").stat().st_mode) == 0o600


def test_daily_backups_keep_the_newest_seven(store, store_path, monkeypatch):
    from netplan.support import dates

    store.save(Contact(name="day 0"))
    for day in range(1, 11):
        dates.freeze_today(dt.date(2026, 12, day))
        store.save(Contact(name=f"day {day}"))
        store.save(Contact(name=f"day {day}, later"))
    backups = list_backups(store_path)
    assert len(backups) == 7
    assert backups[-1].name == "netplan.json.2026-12-10.bak"
    # a backup holds the file as it was before that day's first write
    held = json.loads(backups[-1].read_text())
    assert "day 10" not in {c["name"] for c in held["contacts"].values()}
    assert all(stat.S_IMODE(b.stat().st_mode) == 0o600 for b in backups)


def _assert_untouched(path, before: bytes):
    assert path.read_bytes() == before


def test_truncated_store_is_refused_and_left_alone(store, store_path):
    for i in range(20):
        store.save(Contact(name=f"c{i}"))
    whole = store_path.read_bytes()
    store_path.write_bytes(whole[: len(whole) // 2])
    cut = store_path.read_bytes()
    with pytest.raises(StoreDamaged) as err:
        open_store(store_path)
    assert str(store_path) in str(err.value) and "not valid JSON" in str(err.value)
    _assert_untouched(store_path, cut)


def test_damaged_store_message_names_the_newest_backup(store, store_path):
    store.save(Contact(name="Ada"))  # first write of the day keeps a backup
    store_path.write_text("{ not json")
    with pytest.raises(StoreDamaged) as err:
        open_store(store_path)
    assert "netplan.json.2026" in str(err.value) and ".bak" in str(err.value)


@pytest.mark.parametrize("content", ["[1, 2, 3]", '{"people": {}}', '{"contacts": []}'])
def test_json_that_is_not_a_netplan_store_is_refused(store_path, content):
    store_path.parent.mkdir(parents=True)
    store_path.write_text(content)
    with pytest.raises(StoreDamaged) as err:
        open_store(store_path)
    assert "not a netplan store" in str(err.value)
    assert store_path.read_text() == content


def test_store_from_a_newer_netplan_is_refused(store, store_path):
    data = json.loads(store_path.read_text())
    data["meta"]["1"]["schema"] = SCHEMA_VERSION + 1
    store_path.write_text(json.dumps(data))
    before = store_path.read_bytes()
    with pytest.raises(StoreDamaged) as err:
        open_store(store_path)
    assert "newer netplan" in str(err.value)
    _assert_untouched(store_path, before)


def test_version_0_store_is_backed_up_and_migrated(store_path):
    store_path.parent.mkdir(parents=True)
    v0 = {"contacts": {"1": {"name": "Ada"}, "2": {"name": "Grace", "id": "g-1"}},
          "interactions": {}}
    store_path.write_text(json.dumps(v0))
    s = open_store(store_path)
    names = sorted(c.name for c in s.all(Contact))
    assert names == ["Ada", "Grace"]
    assert s.get(Contact, "g-1").name == "Grace"
    assert all(len(c.id) == 36 for c in s.all(Contact) if c.name == "Ada")
    assert s.meta()["schema"] == SCHEMA_VERSION
    kept = store_path.with_name("netplan.json.schema0.bak")
    assert json.loads(kept.read_text()) == v0


def test_read_only_folder_gives_a_clear_message_and_keeps_the_file(store, store_path):
    if os.geteuid() == 0:
        # root ignores folder permissions; make the write itself fail the same way
        def deny(*a, **k):
            raise PermissionError(errno.EACCES, "Permission denied")
    store.save(Contact(name="Ada"))
    before = store_path.read_bytes()
    os.chmod(store_path.parent, 0o500)
    try:
        if os.geteuid() == 0:
            real_open = os.open

            def guarded_open(path, flags, *a, **k):
                if ".tmp-" in str(path):
                    deny()
                return real_open(path, flags, *a, **k)

            import unittest.mock as mock

            with mock.patch.object(storage_mod.os, "open", guarded_open), \
                    pytest.raises(StoreWriteError) as err:
                store.save(Contact(name="Grace"))
        else:
            with pytest.raises(StoreWriteError) as err:
                store.save(Contact(name="Grace"))
    finally:
        os.chmod(store_path.parent, 0o700)
    assert "Permission denied" in str(err.value) and "not saved" in str(err.value)
    _assert_untouched(store_path, before)
    # the failed write left nothing behind in memory either
    assert [c.name for c in store.all(Contact)] == ["Ada"]


def test_symlinked_store_is_refused(store, store_path, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(store_path)
    with pytest.raises(StoreDamaged) as err:
        open_store(link)
    assert "symbolic link" in str(err.value)


def test_store_path_that_is_a_folder_is_refused(tmp_path):
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(StoreDamaged) as err:
        open_store(folder)
    assert "folder" in str(err.value)


def test_leftover_temp_files_are_removed_on_open(store, store_path):
    leftover = store_path.parent / ".netplan.json.tmp-999-abcd"
    leftover.write_text("half a write")
    open_store(store_path)
    assert not leftover.exists()


@pytest.mark.parametrize("fail_on", ["write", "fsync", "replace"])
@pytest.mark.parametrize("code", [errno.ENOSPC, errno.EIO, errno.EACCES])
def test_failed_write_step_leaves_the_store_unchanged(store, store_path, monkeypatch, fail_on, code):
    store.save(Contact(name="Ada"))
    before = store_path.read_bytes()

    def fail(*a, **k):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(storage_mod.os, fail_on, fail)
    with pytest.raises(StoreWriteError) as err:
        store.save(Interaction(summary="lost"))
    monkeypatch.undo()
    assert os.strerror(code) in str(err.value)
    _assert_untouched(store_path, before)
    assert not list(store_path.parent.glob(".netplan.json.tmp-*"))
    assert store.all(Interaction) == []


def test_readonly_store_refuses_writes(store, store_path):
    ro = open_store(store_path, readonly=True)
    with pytest.raises(StoreWriteError):
        ro.save(Contact(name="Ada"))


def test_derived_results_are_kept_until_their_tables_change(store, store_path):
    calls = []

    def compute():
        calls.append(1)
        return len(store.all(Contact))

    assert store.derived("n", (Contact,), compute) == 0
    assert store.derived("n", (Contact,), compute) == 0
    store.save(Goal(title="another table", week="2026-W48"))
    assert store.derived("n", (Contact,), compute) == 0 and len(calls) == 1
    store.save(Contact(name="Ada"))
    assert store.derived("n", (Contact,), compute) == 1 and len(calls) == 2
    open_store(store_path).save(Contact(name="Grace"))  # another process
    assert store.derived("n", (Contact,), compute) == 2 and len(calls) == 3


def test_the_record_cache_follows_saves_and_deletes_in_place(store):
    from netplan.store.database import open_store

    a, b, c = (Contact(name=n) for n in ("A", "B", "C"))
    store.save_many([a, b, c])
    assert [x.name for x in store.all(Contact)] == ["A", "B", "C"]  # the cache is built
    store.save_many([b.replace(name="B2"), Contact(name="D"), a.replace(name="A2")])
    store.delete(Contact, c.id)
    store.save(Contact(name="E"))
    seen = [x.name for x in store.all(Contact)]
    assert seen == ["A2", "B2", "D", "E"]
    # What a fresh reader of the file finds is the same.
    assert sorted(x.name for x in open_store(store.path).all(Contact)) == sorted(seen)


def test_the_record_cache_stays_right_past_the_bulk_threshold(store):
    people = [Contact(name=f"P{i:03d}") for i in range(80)]
    store.save_many(people[:10])
    store.all(Contact)  # the cache is built
    for p in people[10:]:  # one by one: scans first, then kept places
        store.save(p)
    store.save_many([people[3].replace(name="Third"), people[70].replace(name="Seventieth")])
    store.delete(Contact, people[5].id)
    store.save(Contact(name="Last"))
    names = [c.name for c in store.all(Contact)]
    assert len(names) == 80 and names[3] == "Third" and names[69] == "Seventieth"
    assert names[-1] == "Last" and "P005" not in names
