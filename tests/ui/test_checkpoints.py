"""The TUI saves into the journal and brings the store file up to date a moment later, off
its screen's thread; another process's change reaches an open session as applied entries."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from netplan.store import journal
from netplan.store.database import open_for_reading, open_store
from netplan.store.records import Contact

from ..conftest import ROOT, make_app
from ..helpers.waits import until
from .test_contacts_screen import open_contacts, table_text


def _names_in_file(path) -> set[str]:
    return {d["name"] for d in json.loads(path.read_text())["contacts"].values()}


async def _new_contact(pilot, name: str) -> None:
    await pilot.press("n")
    await pilot.pause()
    await pilot.press(*name)
    await pilot.press("ctrl+s")
    await pilot.pause()


async def test_a_save_is_in_the_journal_at_once_and_in_the_file_after_a_quiet_moment(
        store, store_path):
    store.save(Contact(name="Ada Lovelace"))
    app = make_app(store)
    app.checkpoints.after = 0.5
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await _new_contact(pilot, "Grace Hopper")
        # Saved: every netplan process reads it at once ...
        assert {c.name for c in open_for_reading(store_path).all(Contact)} == {
            "Ada Lovelace", "Grace Hopper"}
        # ... plain TinyDB and jq once the file is rewritten, off the screen's thread.
        assert "Grace Hopper" not in _names_in_file(store_path)
        assert await until(pilot, lambda: "Grace Hopper" in _names_in_file(store_path))
        assert app.checkpoints.done == 1
        # Idle afterwards: nothing more is written.
        mtime = store_path.stat().st_mtime_ns, journal.disk_signature(
            journal.journal_path(store_path))
        await pilot.pause(1.0)
        assert (store_path.stat().st_mtime_ns,
                journal.disk_signature(journal.journal_path(store_path))) == mtime


async def test_saves_in_a_burst_are_written_into_the_file_once(store, store_path):
    app = make_app(store)
    app.checkpoints.after = 5.0  # well past three saves, even on a loaded machine
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        for name in ("Ada", "Grace", "Linus"):
            await _new_contact(pilot, name)
        assert app.checkpoints.done == 0
        assert await until(pilot, lambda: _names_in_file(store_path) == {"Ada", "Grace", "Linus"},
                           seconds=15)
        await pilot.pause(0.5)
        assert app.checkpoints.done == 1


def test_quitting_writes_the_journal_into_the_file(store_path):
    """The TUI in a real process: a save, then `q`; plain JSON readers find the contact."""
    open_store(store_path).close()
    script = (
        "import sys\n"
        "from netplan.store.database import open_store\n"
        "from netplan.store.records import Contact\n"
        "from netplan.app import NetplanApp\n"
        "store = open_store(sys.argv[1])\n"
        "app = NetplanApp(store)\n"
        "app.checkpoints.after = 60\n"  # only the end of the session writes the file
        "async def drive(pilot):\n"
        "    await pilot.pause()\n"
        "    store.save(Contact(name='Grace Hopper'))\n"
        "    assert 'Grace' not in open(sys.argv[1]).read()\n"
        "    await pilot.press('q')\n"
        "app.run(headless=True, auto_pilot=drive)\n"
        "store.close()\n"
    )
    subprocess.run([sys.executable, "-c", script, str(store_path)], check=True, timeout=60,
                   env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert _names_in_file(store_path) == {"Grace Hopper"}


async def test_another_process_change_is_applied_not_read_again(store, store_path):
    for n in range(30):
        store.save(Contact(name=f"Person {n:02d}"))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        reloads = store._storage.reloads
        cli = subprocess.run(
            [sys.executable, "-m", "netplan", "--db", str(store_path), "add", "contact",
             "Aaron From Cron"], capture_output=True, text=True, timeout=60,
            env=dict(os.environ, PYTHONPATH=str(ROOT)))
        assert cli.returncode == 0, cli.stderr
        assert await until(pilot, lambda: "Aaron From Cron" in table_text(app))
        assert store._storage.reloads == reloads  # the table was changed, not rebuilt
        assert len(store.all(Contact)) == 31


async def test_another_process_change_changes_the_index_instead_of_building_it(
        store, store_path, monkeypatch):
    """What the Contacts list derives from whole tables (10,000 contacts: ~100 ms, 50,000:
    seconds) is changed by another process's change, not built again; keys go on being
    answered meanwhile."""
    from netplan.domain.contacts import ContactIndex
    from netplan.store.records import Interaction

    ada = store.save(Contact(name="Ada Lovelace"))
    built = []
    original = ContactIndex.from_store.__func__
    monkeypatch.setattr(ContactIndex, "from_store",
                        classmethod(lambda cls, s, **kw: built.append(1) or original(cls, s, **kw)))
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        assert built == [1]  # the first visit
        other = open_store(store_path)  # `netplan log` from cron, as it writes
        other.save(Interaction(date="2026-11-20", kind="call", contacts=(ada.id,)))
        other.save(other.get(Contact, ada.id).replace(stage="talked"))
        other.save(Contact(name="Grace Hopper"))
        assert await until(pilot, lambda: "Grace Hopper" in table_text(app)
                           and "talked" in table_text(app))
        assert built == [1]
