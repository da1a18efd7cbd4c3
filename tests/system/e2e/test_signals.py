"""A dropped SSH connection (the terminal hangs up) and SIGTERM end netplan cleanly.

netplan runs on a real pseudo-terminal that is its controlling terminal, as
under sshd; closing our end of it is what a dropped connection does: the kernel
sends SIGHUP and every later write to the terminal fails.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios

import pytest

from netplan.store.database import open_store
from netplan.store.records import Goal

from ...conftest import ROOT, netplan_cmd, subprocess_env
from .helpers import WAIT


def _controlling_tty() -> None:  # runs in the child, between fork and exec
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _start_on_pty(store_path):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen(
        netplan_cmd("--db", str(store_path)), stdin=slave, stdout=slave, stderr=slave,
        env=subprocess_env(TERM="xterm-256color"), preexec_fn=_controlling_tty,
    )
    os.close(slave)
    seen = b""
    while b"Board" not in seen:  # the first paint: the app is up and its handlers are set
        ready, _, _ = select.select([master], [], [], WAIT)
        if not ready:
            proc.kill()
            pytest.fail(f"netplan did not paint within {WAIT}s; it wrote {seen[-300:]!r}")
        try:
            seen += os.read(master, 65536)
        except OSError:
            pytest.fail(f"netplan exited early ({proc.wait()}); it wrote {seen[-300:]!r}")
    return proc, master


def _assert_store_clean(store_path):
    check = subprocess.run(netplan_cmd("check", "--db", str(store_path)), capture_output=True,
                           text=True, env=subprocess_env(), timeout=WAIT)
    assert check.returncode == 0, check.stdout + check.stderr
    assert not list(store_path.parent.glob(".*.tmp-*")), "a temporary file was left behind"


@pytest.fixture
def seeded(store, store_path):
    store.save(Goal(id="g1", week="2026-W48", title="Coffee with Ada"))
    return store_path


def test_dropped_connection_ends_netplan_cleanly(seeded):
    proc, master = _start_on_pty(seeded)
    os.close(master)  # the SSH connection drops: the terminal hangs up
    try:
        code = proc.wait(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert code == 128 + signal.SIGHUP
    _assert_store_clean(seeded)
    assert open_store(seeded).get(Goal, "g1").title == "Coffee with Ada"


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_signal_ends_netplan_cleanly_and_restores_the_terminal(seeded, sig):
    proc, master = _start_on_pty(seeded)
    try:
        os.kill(proc.pid, sig)
        code = proc.wait(timeout=WAIT)
        tail = b""
        while select.select([master], [], [], 0.5)[0]:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            tail += chunk
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert code == 128 + sig
    # The terminal still there gets its main screen and cursor back.
    assert b"\x1b[?1049l" in tail and b"\x1b[?25h" in tail
    _assert_store_clean(seeded)


WRITE_THEN_HANG_UP = """
import os, signal, sys
from netplan.store.records import Goal
from netplan.store.database import open_store
store = open_store(sys.argv[1])
with store.transaction():
    store.save(Goal(id="first", week="2026-W48", title="first"))
    os.kill(os.getpid(), signal.SIGHUP)  # the connection drops in the middle of the write
    store.save(Goal(id="second", week="2026-W48", title="second"))
print("not reached: SIGHUP is delivered once the write is done", flush=True)
"""


def test_hangup_during_a_write_is_delivered_after_it(seeded):
    proc = subprocess.run([sys.executable, "-c", WRITE_THEN_HANG_UP, str(seeded)],
                          capture_output=True, text=True, timeout=WAIT,
                          env=subprocess_env(PYTHONPATH=str(ROOT)))
    assert proc.returncode == -signal.SIGHUP  # the default action, but only after the write
    assert "not reached" not in proc.stdout
    store = open_store(seeded)
    assert {g.id for g in store.all(Goal)} == {"g1", "first", "second"}
    _assert_store_clean(seeded)
