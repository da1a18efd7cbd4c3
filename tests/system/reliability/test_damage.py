"""Damaged and odd stores: each gives a clear message, a non-zero exit, and an untouched file."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction
from netplan.store.storage import StoreDamaged, StoreError, StoreWriteError
from netplan.store.validate import check_data

from ...conftest import netplan_cmd, subprocess_env


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(netplan_cmd(*args), capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)


def test_wrong_types_inside_records_are_read_and_reported(store, store_path):
    data = json.loads(store_path.read_text())
    data["contacts"]["c1"] = {"id": "c1", "name": "Ada", "tags": "mentor", "emails": None,
                              "cadence_days": "often", "links": ["x"]}
    data["interactions"]["i1"] = {"id": "i1", "contacts": "c1", "date": 20261123}
    store_path.write_text(json.dumps(data))
    s = open_store(store_path)
    ada = s.get(Contact, "c1")
    assert ada.tags == ("mentor",) and ada.emails == () and ada.cadence_days is None
    assert s.get(Interaction, "i1").contacts == ("c1",)
    problems = [str(p) for p in check_data(s.raw())]
    assert any("tags should be a list" in p for p in problems)
    assert any("contacts should be a list" in p for p in problems)
    out = run("check", "--db", str(store_path))
    assert out.returncode == 1 and "problem" in out.stdout


def test_missing_reference_is_reported_by_check(store, store_path):
    store.save(Contact(name="Ada", introduced_by="nobody"))
    out = run("check", "--db", str(store_path))
    assert out.returncode == 1
    assert "introduced_by points to a missing contact nobody" in out.stdout


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give the file to another user")
def test_store_owned_by_another_user_is_refused(store, store_path):
    os.chown(store_path, 65534, 65534)
    with pytest.raises(StoreDamaged) as err:
        open_store(store_path)
    assert "belongs to another user" in str(err.value)
    out = run("check", "--db", str(store_path))
    assert out.returncode == 1 and "another user" in out.stderr


def test_store_whose_folder_is_a_file_gives_a_message(tmp_path):
    blocker = tmp_path / "notafolder"
    blocker.write_text("x")
    with pytest.raises(StoreError) as err:
        open_store(blocker / "netplan.json")
    assert str(blocker) in str(err.value) and "Not a directory" in str(err.value)
    assert blocker.read_text() == "x"


def test_empty_file_with_backups_is_treated_as_damage(store, store_path):
    store.save(Contact(name="Ada"))  # makes today's backup
    store_path.write_bytes(b"")
    with pytest.raises(StoreDamaged) as err:
        open_store(store_path)
    assert "empty" in str(err.value) and ".bak" in str(err.value)
    assert store_path.read_bytes() == b""


def test_a_full_disk_leaves_the_store_as_it_was(tmp_path):
    """A real full disk: a tiny tmpfs. Skipped where mounting is not allowed."""
    mnt = tmp_path / "tiny"
    mnt.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mnt)],
                             capture_output=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.decode().strip()}")
    try:
        path = mnt / "netplan.json"
        store = open_store(path)
        store.save(Contact(name="Ada"))
        before = path.read_bytes()
        with pytest.raises(StoreWriteError) as err:
            store.save(Interaction(notes="x" * 400_000))
        assert "No space left" in str(err.value)
        assert path.read_bytes() == before
        assert not list(mnt.glob(".netplan.json.tmp-*"))
        again = open_store(path)
        assert again.get(Contact, store.all(Contact)[0].id).name == "Ada"
        # A store reads its tables from the open file until all are parsed: let go of it,
        # or the tmpfs stays busy.
        again.close()
        store.close()
    finally:
        unmounted = subprocess.run(["umount", str(mnt)], capture_output=True)
    assert unmounted.returncode == 0, unmounted.stderr
