"""Soak: netplan started again and again in tmux and ended, at a random moment of its first
seconds, the ways a terminal goes away — `tmux kill-session`, SIGHUP, SIGTERM. Every
process must be gone within 2 s, and the store must still pass `netplan check`.

`make test` runs a short version; `make soak` (NETPLAN_SOAK=1) runs 500 starts.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time

import pytest

from netplan.model import Goal

from ..conftest import netplan_cmd, subprocess_env
from ..e2e.helpers import WAIT, Tmux, netplan_shell, wait_until

STARTS = int(os.environ.get("NETPLAN_SOAK_STARTS", 500 if os.environ.get("NETPLAN_SOAK") else 20))
AT_ONCE = 4  # sessions running side by side
ENDINGS = ("kill-session", "SIGHUP", "SIGTERM")
GONE_WITHIN = 2.0

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as fh:
            state = fh.read().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")  # a zombie has ended; its parent reaps it


def test_every_start_ends_within_two_seconds(store, store_path, tmp_path):
    store.save(Goal(id="g1", week="2026-W48", title="Coffee with Ada"))
    tmux = Tmux(tmp_path / "tmux.sock")
    command = "exec " + netplan_shell(store_path)  # the pane's process is netplan itself
    rng = random.Random(int(os.environ.get("NETPLAN_SOAK_SEED", "15")))
    slow: list[str] = []
    tmux("start-server", ";", "set-option", "-g", "exit-empty", "off", check=False)
    try:
        for batch in range(0, STARTS, AT_ONCE):
            started = []
            for k in range(batch, min(batch + AT_ONCE, STARTS)):
                name = f"s{k}"
                tmux("new-session", "-d", "-s", name, "-x", "80", "-y", "24", command)
                pid = int(tmux.pane(name, "#{pane_pid}"))
                started.append((name, pid, rng.choice(ENDINGS), rng.uniform(0.0, 2.5)))
            began = time.monotonic()
            for name, pid, ending, at in sorted(started, key=lambda s: s[3]):
                time.sleep(max(0.0, began + at - time.monotonic()))
                sent = time.monotonic()
                if ending == "kill-session":
                    tmux("kill-session", "-t", name, check=False)
                else:
                    os.kill(pid, signal.SIGHUP if ending == "SIGHUP" else signal.SIGTERM)
                gone = wait_until(lambda pid=pid: not _alive(pid), timeout=GONE_WITHIN + 3,
                                  step=0.02)
                took = time.monotonic() - sent
                if not gone or took > GONE_WITHIN:
                    slow.append(f"{name} ({ending} at {at:.2f}s): {took:.2f}s")
                    if _alive(pid):
                        os.kill(pid, signal.SIGKILL)
                tmux("kill-session", "-t", name, check=False)
    finally:
        tmux.kill()
    assert slow == [], f"{len(slow)} of {STARTS} starts outlived their terminal: {slow}"
    check = subprocess.run(netplan_cmd("check", "--db", str(store_path)), capture_output=True,
                           text=True, env=subprocess_env(), timeout=WAIT)
    assert check.returncode == 0, check.stdout + check.stderr
    assert not list(store_path.parent.glob(".*.tmp-*")), "a temporary file was left behind"
