"""Killing the TUI (SIGKILL) while a dialog saves leaves a store that passes `netplan check`."""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import time

import pytest

from netplan.store.database import open_store
from netplan.store.records import Goal

from ...conftest import netplan_cmd, subprocess_env
from ..e2e.helpers import Tmux, netplan_shell

ROUNDS = 100 if os.environ.get("NETPLAN_SOAK") else 12

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def test_kill_the_tui_while_a_dialog_saves(store, store_path, tmp_path):
    tmux = Tmux(tmp_path / "tmux.sock")
    command = netplan_shell(store_path)
    rng = random.Random(7)
    saved_before_kill = []
    try:
        tmux.new_session("np", command)
        for k in range(ROUNDS):
            tmux.wait_for_text("np", "To do")
            pid = int(tmux.pane("np", "#{pane_pid}"))
            tmux("send-keys", "-t", "np", "n")
            tmux.wait_for_text("np", "New goal")
            tmux("send-keys", "-t", "np", "-l", f"killed {k}")
            tmux("send-keys", "-t", "np", "Enter")
            if k % 4 == 0:  # a control: let this save finish before the kill
                tmux.wait_for_text("np", f"killed {k}")
                time.sleep(0.3)
                saved_before_kill.append(f"killed {k}")
            else:
                time.sleep(rng.uniform(0.0, 0.05))
            os.kill(pid, signal.SIGKILL)
            time.sleep(0.2)
            tmux("respawn-pane", "-k", "-t", "np", command)
    finally:
        tmux.kill()
    check = subprocess.run(netplan_cmd("check", "--db", str(store_path)), capture_output=True,
                           text=True, env=subprocess_env(), timeout=60)
    assert check.returncode == 0, check.stdout + check.stderr
    titles = {g.title for g in open_store(store_path).all(Goal)}
    assert set(saved_before_kill) <= titles
    assert titles <= {f"killed {k}" for k in range(ROUNDS)}
    assert not list(store_path.parent.glob(".netplan.json.tmp-*"))
