"""Killing the TUI (SIGKILL) while a dialog saves leaves a store that passes `netplan check`."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time

import pytest

from netplan.model import Goal
from netplan.store import open_store

from ..conftest import netplan_cmd, subprocess_env

ROUNDS = 100 if os.environ.get("NETPLAN_SOAK") else 12

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def _tmux(sock: str, *args: str) -> str:
    return subprocess.run(["tmux", "-L", sock, *args], capture_output=True, text=True,
                          timeout=20).stdout


def _wait_for(sock: str, text: str, seconds: float = 15.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if text in _tmux(sock, "capture-pane", "-t", "np", "-p"):
            return True
        time.sleep(0.1)
    return False


def test_kill_the_tui_while_a_dialog_saves(store, store_path, tmp_path):
    sock = f"np-kill-{os.getpid()}"
    env = subprocess_env(TEXTUAL_ANIMATIONS="none")
    command = " ".join(map(repr, netplan_cmd("--db", str(store_path))))
    rng = random.Random(7)
    saved_before_kill = []
    try:
        _tmux(sock, "new-session", "-d", "-s", "np", "-x", "80", "-y", "24",
              "-e", f"NETPLAN_TODAY={env['NETPLAN_TODAY']}", "-e", f"PYTHONPATH={env.get('PYTHONPATH', '')}",
              command)
        for k in range(ROUNDS):
            assert _wait_for(sock, "Board"), _tmux(sock, "capture-pane", "-t", "np", "-p")
            pid = int(_tmux(sock, "display", "-p", "-t", "np", "#{pane_pid}").strip())
            _tmux(sock, "send-keys", "-t", "np", "n")
            time.sleep(0.3)
            _tmux(sock, "send-keys", "-t", "np", "-l", f"killed {k}")
            _tmux(sock, "send-keys", "-t", "np", "Enter")
            if k % 4 == 0:  # a control: let this save finish before the kill
                time.sleep(1.0)
                saved_before_kill.append(f"killed {k}")
            else:
                time.sleep(rng.uniform(0.0, 0.05))
            os.kill(pid, signal.SIGKILL)
            time.sleep(0.2)
            _tmux(sock, "respawn-pane", "-k", "-t", "np", command)
    finally:
        _tmux(sock, "kill-server")
    check = subprocess.run(netplan_cmd("check", "--db", str(store_path)), capture_output=True,
                           text=True, env=env, timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    titles = {g.title for g in open_store(store_path).all(Goal)}
    assert set(saved_before_kill) <= titles
    assert titles <= {f"killed {k}" for k in range(ROUNDS)}
    assert not list(store_path.parent.glob(".netplan.json.tmp-*"))
