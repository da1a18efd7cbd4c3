"""Hundreds of real `netplan` commands killed with SIGKILL in the middle of their writes.

Afterwards `netplan check` passes and every command that exited 0 left its record.
`make soak` (NETPLAN_SOAK=1) runs ten times as many.
"""

from __future__ import annotations

import os
import random
import signal
import statistics
import subprocess
import time

from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction

from ...conftest import netplan_cmd, subprocess_env

KILLS = 2000 if os.environ.get("NETPLAN_SOAK") else 200
PARALLEL = 2


def _realistic_store(path) -> None:
    store = open_store(path)
    with store.transaction():
        people = [Contact(name=f"Person {i}", company=f"Company {i % 97}", notes="met at a meetup " * 4)
                  for i in range(1500)]
        for c in people:
            store.save(c)
        for i in range(6000):
            store.save(Interaction(kind="coffee", contacts=(people[i % 1500].id,),
                                   summary=f"chat {i}", notes="talked about the job search " * 3))


def _add(path, name: str) -> subprocess.Popen:
    return subprocess.Popen(netplan_cmd("add", "contact", name, "--db", str(path)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=subprocess_env())


def test_killed_cli_writers_never_tear_the_store_or_lose_a_reported_write(tmp_path, record_property):
    path = tmp_path / "netplan.json"
    _realistic_store(path)
    timings = []
    for i in range(3):  # how long one whole command takes here, to aim the kills at its write
        start = time.monotonic()
        proc = _add(path, f"Warm-up {i}")
        assert proc.wait(timeout=60) == 0, proc.stderr.read().decode()
        timings.append(time.monotonic() - start)
    duration = statistics.median(timings)
    rng = random.Random(2026)
    done: set[str] = {f"Warm-up {i}" for i in range(3)}
    killed_while_running = 0
    n = 0
    while n < KILLS:
        batch = []
        for _ in range(PARALLEL):
            name = f"Killed {n}"
            batch.append((name, _add(path, name), time.monotonic() + rng.uniform(0.35, 1.0) * duration))
            n += 1
        for name, proc, kill_at in batch:
            time.sleep(max(0.0, kill_at - time.monotonic()))
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
                killed_while_running += 1
            code = proc.wait(timeout=60)
            proc.stderr.close()
            if code == 0:
                done.add(name)
    check = subprocess.run(netplan_cmd("check", "--db", str(path)), capture_output=True, text=True,
                           env=subprocess_env(), timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    names = {c.name for c in open_store(path).all(Contact)}
    missing = done - names
    assert not missing, f"reported done but missing: {sorted(missing)[:5]}"
    assert not list(tmp_path.glob(".netplan.json.tmp-*"))
    record_property("kills", killed_while_running)
    record_property("writes_checked", len(done))
    print(f"\n{killed_while_running} of {KILLS} commands killed while running; "
          f"{len(done)} reported writes all present")
    assert killed_while_running >= KILLS // 3
