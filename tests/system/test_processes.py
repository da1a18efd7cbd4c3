"""Several processes on one store: concurrent writers, and writers killed mid-write."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from netplan.store.database import open_for_reading, open_store
from netplan.store.journalled import APPEND_STEPS, CHECKPOINT_STEPS
from netplan.store.records import Contact, Goal
from netplan.support.private_files import WRITE_STEPS

from ..conftest import ROOT

WRITER = """
import sys
from netplan.store.database import open_store
from netplan.store.records import Contact
store = open_store(sys.argv[1])
prefix, start, count = sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
for i in range(start, start + count):
    store.save(Contact(id=f"{prefix}-{i}", name=f"{prefix} {i}", notes="x" * 200))
    print(i, flush=True)
"""

COUNTER = """
import sys
from netplan.store.database import open_store
from netplan.store.records import Goal
store = open_store(sys.argv[1])
for _ in range(int(sys.argv[2])):
    with store.transaction():
        goal = store.get(Goal, "shared")
        store.save(goal.replace(progress=goal.progress + 1))
"""


def _python(code: str, *args: str, **kw) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen([sys.executable, "-c", code, *args], env=env, **kw)


def test_two_processes_inserting_200_each_lose_nothing(store, store_path):
    procs = [_python(WRITER, str(store_path), name, "0", "200", stdout=subprocess.DEVNULL)
             for name in ("left", "right")]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    ids = {c.id for c in open_store(store_path).all(Contact)}
    assert len(ids) == 400
    assert {f"left-{i}" for i in range(200)} <= ids and {f"right-{i}" for i in range(200)} <= ids


def test_two_processes_updating_one_record_lose_no_update(store, store_path):
    store.save(Goal(id="shared", title="count", week="2026-W48"))
    procs = [_python(COUNTER, str(store_path), "150") for _ in range(2)]
    assert [p.wait(timeout=120) for p in procs] == [0, 0]
    assert open_store(store_path).get(Goal, "shared").progress == 300


def test_writer_killed_at_random_moments_200_times(store, store_path):
    """SIGKILL a writing process 200 times; every reported write must survive."""
    rng = random.Random(48)
    for i in range(300):
        store.save(Contact(id=f"base-{i}", name=f"base {i}", notes="y" * 300))
    reported: set[str] = set()
    next_i = 0
    kills = 0
    while kills < 200:
        proc = _python(WRITER, str(store_path), "w", str(next_i), "100000",
                       stdout=subprocess.PIPE, text=True)
        # let it start and write a few records, then kill it at a random moment
        first = proc.stdout.readline()
        assert first, "writer did not start"
        reported.add(f"w-{int(first)}")
        time.sleep(rng.uniform(0, 0.03))
        os.kill(proc.pid, signal.SIGKILL)
        rest, _ = proc.communicate()
        for line in rest.split():
            reported.add(f"w-{int(line)}")
        kills += 1
        next_i = max(int(r[2:]) for r in reported) + 1
        data = json.loads(store_path.read_text())  # parses every time, never torn
        assert {d["id"] for d in data["contacts"].values()} >= reported
    final = open_store(store_path)
    assert len(final.all(Contact)) >= 300 + len(reported)


JOURNALLING_WRITER = (
    "import sys; from netplan.store.database import open_store;"
    "from netplan.store.records import Contact;"
    "s = open_store(sys.argv[1]); s.defer_checkpoints();"
    "s.save(Contact(id='new', name='New')); s.checkpoint()")


@pytest.mark.parametrize("step", APPEND_STEPS + WRITE_STEPS + CHECKPOINT_STEPS)
def test_killed_at_each_step_of_an_append_or_checkpoint_leaves_old_or_new(store_path, step):
    """A save appended to the journal, then checkpointed, killed at every step of both: every
    reader finds the store before the save or after it, never between; once the append is
    written (before its fsync: the process died, not the machine) it is never lost; and
    the next writer carries on from whatever was left."""
    first = open_store(store_path)
    first.defer_checkpoints()
    first.save(Contact(id="old", name="Old"))  # in the journal, not yet in the file
    env = dict(os.environ, PYTHONPATH=str(ROOT), NETPLAN_CRASH_AT=step)
    proc = subprocess.run([sys.executable, "-c", JOURNALLING_WRITER, str(store_path)], env=env)
    assert proc.returncode == -signal.SIGKILL
    ids = {c.id for c in open_for_reading(store_path).all(Contact)}
    assert "old" in ids
    if step not in ("journal-half-appended",):
        assert ids == {"old", "new"}
    else:
        assert ids == {"old"}
    again = open_store(store_path)
    again.defer_checkpoints()
    again.save(Contact(id="later", name="Later"))
    again.close()
    assert not list(store_path.parent.glob(".*.tmp-*"))
    in_file = {d["id"] for d in json.loads(store_path.read_text())["contacts"].values()}
    assert in_file == ids | {"later"}


@pytest.mark.parametrize("step", WRITE_STEPS)
def test_killed_at_each_step_of_a_write_leaves_old_or_new(store, store_path, step):
    store.save(Contact(id="old", name="Old"))
    before = json.loads(store_path.read_text())
    env = dict(os.environ, PYTHONPATH=str(ROOT), NETPLAN_CRASH_AT=step)
    code = ("import sys; from netplan.store.database import open_store; from netplan.store.records import Contact;"
            "open_store(sys.argv[1]).save(Contact(id='new', name='New'))")
    proc = subprocess.run([sys.executable, "-c", code, str(store_path)], env=env)
    assert proc.returncode == -signal.SIGKILL
    after = json.loads(store_path.read_text())
    if step in ("replaced", "dir-fsynced"):
        assert "new" in {d["id"] for d in after["contacts"].values()}
    else:
        assert after == before
    # the next open cleans up what the dead writer left and works normally
    again = open_store(store_path)
    assert not list(store_path.parent.glob(".netplan.json.tmp-*"))
    again.save(Contact(id="later", name="Later"))
    assert again.get(Contact, "old") is not None
