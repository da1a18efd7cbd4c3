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
import stat
import struct
import subprocess
import sys
import termios
import time

import pytest

from netplan.store.database import open_store
from netplan.store.records import Goal

from ...conftest import ROOT, netplan_cmd, subprocess_env
from .helpers import WAIT


def _controlling_tty() -> None:  # runs in the child, between fork and exec
    os.setsid()
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)


def _start_on_pty(store_path, script: str | None = None, until: bytes = b"Board",
                  controlling: bool = True):
    """netplan on a pty; with `script`, Python code run first in the same process (to
    inject a fault), then netplan's own entry point."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    if script is None:
        command = netplan_cmd("--db", str(store_path))
    else:
        command = [sys.executable, "-c", script + FAULT_MAIN, "--db", str(store_path)]
    proc = subprocess.Popen(
        command, stdin=slave, stdout=slave, stderr=slave,
        env=subprocess_env(TERM="xterm-256color", PYTHONPATH=str(ROOT)),
        preexec_fn=_controlling_tty if controlling else os.setsid,
    )
    os.close(slave)
    seen = b""
    while until not in seen:  # the first paint: the app is up and its handlers are set
        ready, _, _ = select.select([master], [], [], WAIT)
        if not ready:
            proc.kill()
            pytest.fail(f"netplan did not paint within {WAIT}s; it wrote {seen[-300:]!r}")
        try:
            seen += os.read(master, 65536)
        except OSError:
            pytest.fail(f"netplan exited early ({proc.wait()}); it wrote {seen[-300:]!r}")
    proc.seen = seen  # what came with `until` (a test may want the rest of that read)
    return proc, master


FAULT_MAIN = """
import sys
from netplan.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def _read_until_closed(master, seconds: float = WAIT) -> bytes:
    out = b""
    while select.select([master], [], [], seconds)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        out += chunk
    return out


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


def test_a_terminal_gone_without_a_hang_up_still_ends_netplan(seeded):
    # Not its controlling terminal: closing it sends no SIGHUP, every write just fails.
    proc, master = _start_on_pty(seeded, controlling=False)
    os.close(master)
    try:
        code = proc.wait(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
    assert code == 128 + signal.SIGHUP
    assert not seeded.with_name(seeded.name + ".log").exists()  # a hang-up, not a crash
    _assert_store_clean(seeded)


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


STUCK_MAIN_THREAD = """
import os, time
from netplan.app import NetplanApp
def stuck(self):
    os.write(2, b"STUCK")  # Textual captures print()
    time.sleep(60)  # the main thread, and with it the event loop, answers nothing
NetplanApp.on_ready = stuck
"""


@pytest.mark.parametrize("sig", [signal.SIGHUP, signal.SIGTERM], ids=["SIGHUP", "SIGTERM"])
def test_a_stuck_app_still_ends_within_two_seconds(seeded, sig):
    proc, master = _start_on_pty(seeded, STUCK_MAIN_THREAD, until=b"STUCK")
    try:
        sent = time.monotonic()
        os.kill(proc.pid, sig)
        code = proc.wait(timeout=WAIT)
        took = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert code == 128 + sig
    assert took < 2.0, f"it took {took:.1f}s to end"
    _assert_store_clean(seeded)


CRASHING_SCREEN = """
from netplan.screens.board import BoardScreen
def broken(self):
    raise RuntimeError("injected: the board cannot count")
BoardScreen.on_mount = broken
"""


def test_an_error_ends_with_a_status_and_a_private_log(seeded):
    proc, master = _start_on_pty(seeded, CRASHING_SCREEN, until=b"injected")
    try:
        # The line naming the log may come in the same read as "injected".
        out = proc.seen + _read_until_closed(master)
        code = proc.wait(timeout=WAIT)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    log = seeded.with_name(seeded.name + ".log")
    assert code == 1
    assert log.exists()
    assert stat.S_IMODE(log.stat().st_mode) == 0o600
    text = log.read_text()
    assert "Traceback" in text and "RuntimeError: injected: the board cannot count" in text
    assert "broken" in text  # where it happened
    lines = [line for line in out.decode(errors="replace").splitlines() if str(log) in line]
    assert len(lines) == 1 and "ended on an error" in lines[0], out[-600:]
    _assert_store_clean(seeded)


def test_a_planted_link_at_the_log_is_replaced_not_followed(seeded, tmp_path):
    from netplan.ending import write_crash_log

    target = tmp_path / "elsewhere.txt"
    target.write_text("someone else's file\n")
    log = seeded.with_name(seeded.name + ".log")
    log.symlink_to(target)
    assert write_crash_log(seeded, "Traceback: first") == log
    assert target.read_text() == "someone else's file\n"
    assert not log.is_symlink() and stat.S_IMODE(log.stat().st_mode) == 0o600
    write_crash_log(seeded, "Traceback: second")
    text = log.read_text()
    assert text.index("first") < text.index("second")  # earlier crashes are kept


WRITE_WHEN_ARMED = """
import os, sys, threading, time
from pathlib import Path
from netplan.ending import Watchdog
from netplan.store.records import Goal
from netplan.store.database import open_store
store = open_store(sys.argv[1])
watchdog = Watchdog(Path(sys.argv[1] + ".lock"), grace=0.1)
with store.transaction():
    store.save(Goal(id="slow", week="2026-W48", title="slow"))
    watchdog.arm(143)  # the watchdog fires while this write is still going on
    time.sleep(0.4)
    # Still inside the write, past the watchdog's grace: it is waiting. (Printed after
    # the write, this raced the exit the watchdog rightly makes once the lock is free.)
    print("written", flush=True)
time.sleep(30)
"""


def test_the_watchdog_lets_a_store_write_finish(seeded):
    proc = subprocess.run([sys.executable, "-c", WRITE_WHEN_ARMED, str(seeded)],
                          capture_output=True, text=True, timeout=WAIT,
                          env=subprocess_env(PYTHONPATH=str(ROOT)))
    assert proc.returncode == 143
    assert "written" in proc.stdout
    assert open_store(seeded).get(Goal, "slow").title == "slow"
    _assert_store_clean(seeded)
