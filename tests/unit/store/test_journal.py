"""The write-ahead journal: a save costs its own size, every netplan process reads it on top
of the file, checkpoints bring the file up to date, and what a crash cuts short is dropped."""

from __future__ import annotations

import json
import os

import orjson
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.store import journal
from netplan.store.database import open_for_reading, open_store
from netplan.store.records import Contact, Interaction


def _journalling(path):
    store = open_store(path)
    store.defer_checkpoints()
    return store


def _names_in_file(path) -> set[str]:
    return {d["name"] for d in json.loads(path.read_text())["contacts"].values()}


def test_a_deferred_save_appends_one_entry_and_leaves_the_file_alone(store_path):
    store = _journalling(store_path)
    store.save(Contact(id="ada", name="Ada"))
    before = store_path.read_bytes()
    size = store_path.with_name("netplan.json.journal").stat().st_size
    store.save(Contact(id="grace", name="Grace"))
    assert store_path.read_bytes() == before  # the 130 MB file is not rewritten
    grown = store_path.with_name("netplan.json.journal").stat().st_size - size
    assert 0 < grown < 600  # one entry: the contact's document and its framing
    # Every netplan process reads the journal on top of the file ...
    other = open_for_reading(store_path)
    assert {c.name for c in other.all(Contact)} == {"Ada", "Grace"}
    # ... plain TinyDB and jq read the file, which catches up at the checkpoint.
    assert "Grace" not in _names_in_file(store_path)
    assert store.checkpoint_due
    assert store.checkpoint() is True
    assert _names_in_file(store_path) == {"Ada", "Grace"}
    assert not store.checkpoint_due
    assert store.checkpoint() is False  # nothing left to write


def test_close_checkpoints_what_this_process_appended(store_path):
    store = _journalling(store_path)
    store.save(Contact(id="ada", name="Ada"))
    assert "Ada" not in _names_in_file(store_path)
    store.close()
    assert _names_in_file(store_path) == {"Ada"}


def test_an_open_session_applies_another_process_entries_without_reading_the_store(store_path):
    tui = _journalling(store_path)
    tui.save(Contact(id="ada", name="Ada"))
    assert {c.name for c in tui.all(Contact)} == {"Ada"}
    reloads = tui._storage.reloads
    cron = _journalling(store_path)
    cron.save(Contact(id="grace", name="Grace"))
    cron.save(Interaction(id="i1", kind="email", contacts=("grace",), summary="Hello"))
    assert tui.refresh() is True
    assert {c.name for c in tui.all(Contact)} == {"Ada", "Grace"}
    assert [i.summary for i in tui.all(Interaction)] == ["Hello"]
    assert tui._storage.reloads == reloads  # applied, not read again
    # The other process checkpoints (its exit): the file is the one in memory already.
    cron.close()
    assert tui.refresh() is False
    assert tui._storage.reloads == reloads
    tui.save(Contact(id="linus", name="Linus"))
    assert {c.name for c in open_for_reading(store_path).all(Contact)} == {
        "Ada", "Grace", "Linus"}


def test_a_command_line_write_reaches_an_open_session_through_the_journal_tail(store_path):
    tui = _journalling(store_path)
    tui.all(Contact)
    reloads = tui._storage.reloads
    for n in range(3):  # three `netplan add contact`: each rewrites the file at once
        cli = open_store(store_path)
        cli.save(Contact(id=f"c{n}", name=f"Person {n}"))
        assert _names_in_file(store_path) >= {f"Person {n}"}
    tui.refresh()
    assert {c.name for c in tui.all(Contact)} == {"Person 0", "Person 1", "Person 2"}
    assert tui._storage.reloads == reloads


def test_a_session_too_far_behind_reads_the_store_again(store_path, monkeypatch):
    monkeypatch.setattr(journal, "TAIL_BYTES", 600)  # the tail keeps about one entry
    tui = _journalling(store_path)
    tui.all(Contact)
    reloads = tui._storage.reloads
    for n in range(4):
        open_store(store_path).save(Contact(id=f"c{n}", name=f"Person {n} " + "x" * 200))
    tui.refresh()
    assert len(tui.all(Contact)) == 4
    assert tui._storage.reloads == reloads + 1


def test_an_entry_cut_short_is_dropped_and_the_next_save_cuts_it_off(store_path):
    store = _journalling(store_path)
    store.save(Contact(id="ada", name="Ada"))
    store.save(Contact(id="grace", name="Grace"))
    jpath = store_path.with_name("netplan.json.journal")
    raw = jpath.read_bytes()
    jpath.write_bytes(raw[:-25])  # the last entry torn, as by a crash mid-append
    reader = open_for_reading(store_path)
    assert {c.name for c in reader.all(Contact)} == {"Ada"}
    assert "torn" in reader._storage.journal_problem
    writer = _journalling(store_path)
    writer.save(Contact(id="linus", name="Linus"))
    found = journal.read(jpath)
    assert found.problem is None
    assert {c.name for c in open_for_reading(store_path).all(Contact)} == {"Ada", "Linus"}


def test_a_damaged_entry_in_the_middle_is_never_applied(store_path):
    store = _journalling(store_path)
    for name in ("Ada", "Grace", "Linus"):
        store.save(Contact(id=name.lower(), name=name))
    jpath = store_path.with_name("netplan.json.journal")
    raw = bytearray(jpath.read_bytes())
    where = raw.index(b"Grace")
    raw[where:where + 5] = b"Gracf"
    jpath.write_bytes(bytes(raw))
    reader = open_for_reading(store_path)
    assert {c.name for c in reader.all(Contact)} == {"Ada"}  # nothing after the bad one
    assert "checksum" in reader._storage.journal_problem


def test_a_file_replaced_from_outside_is_used_as_it_is(store_path, tmp_path):
    store = _journalling(store_path)
    store.save(Contact(id="ada", name="Ada"))
    store.checkpoint()
    copy = tmp_path / "copy.json"
    copy.write_bytes(store_path.read_bytes())  # yesterday's copy, put back by a sync tool
    store.save(Contact(id="grace", name="Grace"))  # in the journal only
    os.replace(copy, store_path)
    reader = open_for_reading(store_path)
    assert {c.name for c in reader.all(Contact)} == {"Ada"}  # the journal is stale: ignored
    assert store.refresh() is True
    assert {c.name for c in store.all(Contact)} == {"Ada"}


def test_two_journalling_sessions_keep_both_changes(store_path):
    a, b = _journalling(store_path), _journalling(store_path)
    a.save(Contact(id="ada", name="Ada"))
    b.save(Contact(id="grace", name="Grace"))
    a.save(Contact(id="linus", name="Linus"))
    b.checkpoint()
    a.save(Contact(id="ada", name="Ada L."))
    for store in (a, b, open_for_reading(store_path)):
        store.refresh()
        assert {c.name for c in store.all(Contact)} == {"Ada L.", "Grace", "Linus"}
    a.close()
    assert _names_in_file(store_path) == {"Ada L.", "Grace", "Linus"}


def test_undo_of_a_deferred_save_goes_through_the_journal(store_path):
    store = _journalling(store_path)
    store.save(Contact(id="ada", name="Ada"))
    store.delete(Contact, "ada")
    store.history.undo(store)
    assert {c.name for c in open_for_reading(store_path).all(Contact)} == {"Ada"}
    store.history.undo(store)
    assert open_for_reading(store_path).all(Contact) == []


def test_a_journal_that_is_not_ours_is_neither_read_nor_replaced(store_path, tmp_path):
    store = open_store(store_path)
    store.save(Contact(id="ada", name="Ada"))
    elsewhere = tmp_path / "planted"
    elsewhere.write_bytes(journal.header_frame((1, 2, 3), "x", 0, 0))
    jpath = store_path.with_name("netplan.json.journal")
    jpath.unlink()
    jpath.symlink_to(elsewhere)
    reader = open_for_reading(store_path)
    assert [c.name for c in reader.all(Contact)] == ["Ada"]
    assert "symbolic link" in reader._storage.journal_problem
    store.save(Contact(id="grace", name="Grace"))  # saved in the file itself
    assert jpath.is_symlink()
    assert _names_in_file(store_path) == {"Ada", "Grace"}


# -- a model: any interleaving of saves, deletes, checkpoints and reads ---------------------

_ops = st.lists(st.tuples(st.integers(0, 2),  # which process
                          st.sampled_from(["save", "save", "delete", "checkpoint", "refresh",
                                           "reopen", "look"]),
                          st.integers(0, 7)),  # which record: even contacts, odd interactions
                min_size=1, max_size=30)


def _record(rid: str, step: int):
    if int(rid[1:]) % 2:
        return Interaction(id=rid, kind="email", summary=f"{rid} v{step}")
    return Contact(id=rid, name=f"{rid} v{step}")


def _seen(store, kind) -> dict[str, str]:
    field = "name" if kind is Contact else "summary"
    built = {r.id: getattr(r, field) for r in store.all(kind)}
    assert dict(store.values(kind, "id", field)) == built  # read without the records too
    return built


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(ops=_ops, deferred=st.tuples(st.booleans(), st.booleans(), st.booleans()),
       packed=st.tuples(st.booleans(), st.booleans(), st.booleans()))
def test_every_process_sees_what_was_saved_whatever_the_order(tmp_path_factory, ops, deferred,
                                                              packed):
    """Three processes' stores, any of them deferring checkpoints or holding its tables as
    each document's JSON (the TUI's), in any order of saves, deletes, checkpoints,
    reopenings and reads of one table or the other (so entries arrive for tables not
    parsed yet): each reads what a single store would hold."""
    path = tmp_path_factory.mktemp("model") / "netplan.json"

    def opened(n):
        store = open_store(path)
        if deferred[n]:
            store.defer_checkpoints()
        if packed[n]:
            store.hold_packed(Contact, Interaction)
        return store

    stores = [opened(n) for n in range(3)]
    model: dict[type, dict[str, str]] = {Contact: {}, Interaction: {}}
    for step, (who, op, which) in enumerate(ops):
        store, rid = stores[who], f"r{which}"
        kind = Interaction if which % 2 else Contact
        if op == "save":
            record = _record(rid, step)
            store.save(record)
            model[kind][rid] = f"{rid} v{step}"
        elif op == "delete":
            assert store.delete(kind, rid) == (rid in model[kind])
            model[kind].pop(rid, None)
        elif op == "checkpoint":
            store.checkpoint()
        elif op == "refresh":
            store.refresh()
        elif op == "reopen":
            store.close()
            stores[who] = opened(who)
        else:
            assert _seen(store, kind) == model[kind]
    for each in stores:
        for kind in (Contact, Interaction):
            assert _seen(each, kind) == model[kind]
        each.close()
    plain = orjson.loads(path.read_bytes())
    assert {d["id"]: d["name"] for d in plain["contacts"].values()} == model[Contact]
    assert {d["id"]: d["summary"] for d in plain["interactions"].values()} == model[Interaction]
    assert journal.read(path.with_name("netplan.json.journal")).problem is None


@pytest.mark.parametrize("packed", [True, False])
@pytest.mark.parametrize("deferred", [True, False])
def test_keys_stay_tinydb_keys_through_the_journal(store_path, deferred, packed):
    store = open_store(store_path)
    if deferred:
        store.defer_checkpoints()
    if packed:
        store.hold_packed(Contact)
    for n in range(3):
        store.save(Contact(id=f"c{n}", name=f"P{n}"))
    store.delete(Contact, "c1")
    store.save(Contact(id="c3", name="P3"))
    store.close()
    keys = json.loads(store_path.read_text())["contacts"]
    assert {k: d["id"] for k, d in keys.items()} == {"1": "c0", "3": "c2", "4": "c3"}


@pytest.mark.parametrize("tail_bytes", [600, journal.TAIL_BYTES])
def test_an_import_too_large_for_the_tail_is_read_from_the_file(store_path, monkeypatch,
                                                                 tail_bytes):
    """An open session never takes a checkpoint as up to date when the change it missed
    is not in the journal (too large for its tail: an import of thousands of rows)."""
    monkeypatch.setattr(journal, "TAIL_BYTES", tail_bytes)
    tui = _journalling(store_path)
    tui.save(Contact(id="ada", name="Ada"))
    tui.checkpoint()
    assert [c.name for c in tui.all(Contact)] == ["Ada"]
    importer = open_store(store_path)  # `netplan import linkedin`: one transaction
    importer.save_many(Contact(id=f"c{n}", name=f"Person {n}", notes="x" * 50)
                       for n in range(2500))
    tui.refresh()
    assert len(tui.all(Contact)) == 2501


@pytest.mark.parametrize("fail_on", ["pwrite", "fdatasync", "ftruncate"])
@pytest.mark.parametrize("code", [28, 5])  # ENOSPC, EIO
def test_an_append_that_fails_saves_nothing_and_the_next_one_works(store_path, monkeypatch,
                                                                   fail_on, code):
    from netplan.store.storage import StoreWriteError

    store = _journalling(store_path)
    store.save(Contact(id="ada", name="Ada"))

    def fail(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    monkeypatch.setattr(os, fail_on, fail)
    with pytest.raises(StoreWriteError) as err:
        store.save(Contact(id="lost", name="Lost"))
    monkeypatch.undo()
    assert os.strerror(code) in str(err.value) and "was not saved" in str(err.value)
    for reader in (store, open_for_reading(store_path)):
        assert {c.id for c in reader.all(Contact)} == {"ada"}
    store.save(Contact(id="grace", name="Grace"))
    assert {c.id for c in open_for_reading(store_path).all(Contact)} == {"ada", "grace"}
    assert journal.read(store_path.with_name("netplan.json.journal")).problem is None


def test_a_reader_that_saw_an_entry_taken_back_reads_the_store_again(store_path):
    """An append whose flush failed is cut off again; a session that read it meanwhile
    does not keep it."""
    writer = _journalling(store_path)
    writer.save(Contact(id="ada", name="Ada"))
    jpath = store_path.with_name("netplan.json.journal")
    good = jpath.stat().st_size
    reader = _journalling(store_path)
    assert {c.id for c in reader.all(Contact)} == {"ada"}
    writer.save(Contact(id="lost", name="Lost"))
    reader.refresh()
    assert {c.id for c in reader.all(Contact)} == {"ada", "lost"}
    os.truncate(jpath, good)  # what _append does when the flush fails
    reader.refresh()
    assert {c.id for c in reader.all(Contact)} == {"ada"}


def test_a_save_waiting_for_this_session_own_checkpoint_says_so(store_path):
    """The TUI's checkpoint runs on a worker thread and holds the lock while it writes;
    a save made meanwhile waits for it, and the notice names this session, not a stranger."""
    from netplan.store import lockfile

    store = _journalling(store_path)
    lock = os.open(store_path.with_name("netplan.json.lock"), os.O_RDWR)
    try:
        lockfile.write_holder(lock)
        assert lockfile.holder(lock).startswith("this session, in the background")
    finally:
        os.close(lock)
    store.close()


def test_a_session_waits_a_moment_for_a_checkpoint_between_its_two_steps(store_path,
                                                                         monkeypatch):
    """Another process rewrote the file and, still holding the lock, has yet to replace the
    journal: a session does not read 130 MB again for that moment; if the journal never
    comes, it reads the file, which holds everything; with the lock free (the writer died
    there, or the file was put back from outside) and for a save, at once."""
    import subprocess
    import sys

    from netplan.store import journal_reading

    from ...conftest import ROOT

    monkeypatch.setattr(journal_reading, "MID_CHECKPOINT_SECONDS", 0.5)
    tui = _journalling(store_path)
    tui.save(Contact(id="ada", name="Ada"))
    tui.checkpoint()
    assert [c.name for c in tui.all(Contact)] == ["Ada"]
    code = ("import sys; from netplan.store.database import open_store;"
            "from netplan.store.records import Contact;"
            "open_store(sys.argv[1]).save(Contact(id='grace', name='Grace'))")
    proc = subprocess.run([sys.executable, "-c", code, str(store_path)],
                          env=dict(os.environ, PYTHONPATH=str(ROOT),
                                   NETPLAN_CRASH_AT="checkpoint-file-replaced"))
    assert proc.returncode == -9  # died between the file and the journal
    import fcntl
    import time

    # As if it were still writing its journal: it holds the lock.
    lock = os.open(store_path.with_name("netplan.json.lock"), os.O_RDWR)
    fcntl.flock(lock, fcntl.LOCK_EX)
    reloads = tui._storage.reloads
    assert tui.refresh() is False and tui._storage.reloads == reloads
    assert [c.name for c in tui.all(Contact)] == ["Ada"]
    time.sleep(0.6)  # it never finishes: after the wait, the file is read
    assert tui.refresh() is True
    assert {c.name for c in tui.all(Contact)} == {"Ada", "Grace"}
    os.close(lock)
    # A writer never waits: under the lock the state is final.
    other = _journalling(store_path)
    other.all(Contact)
    subprocess.run([sys.executable, "-c", code.replace("grace", "linus").replace(
        "Grace", "Linus"), str(store_path)], env=dict(
        os.environ, PYTHONPATH=str(ROOT), NETPLAN_CRASH_AT="checkpoint-file-replaced"))
    other.save(Contact(id="bo", name="Bo"))
    assert {c.name for c in other.all(Contact)} == {"Ada", "Grace", "Linus", "Bo"}


def test_a_command_writing_copies_no_table_with_entries_it_has_not_applied(store_path):
    """A command's write copies the tables it did not parse from the file, except those
    the journal has changes for: those are parsed and changed first, so the session's
    interaction logged a moment before is in the file the command writes."""
    seed = open_store(store_path)
    seed.save_many([Interaction(id=f"i{n}", kind="email") for n in range(1200)])
    seed.close()
    command = open_store(store_path)  # opened: the tables lie where the checkpoint said
    assert command._storage._layout.own
    tui = _journalling(store_path)
    tui.save(Interaction(id="coffee", kind="coffee", summary="logged in the session"))
    command.save(Contact(id="ada", name="Ada"))
    stored = json.loads(store_path.read_text())
    assert {d["id"] for d in stored["interactions"].values()} >= {"coffee", "i0", "i1199"}
    assert len(stored["interactions"]) == 1201
    assert _names_in_file(store_path) == {"Ada"}
    assert {i.id for i in tui.all(Interaction)} >= {"coffee"} and tui.get(Contact, "ada")
