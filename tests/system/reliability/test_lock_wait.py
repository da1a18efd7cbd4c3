"""A process holding the store's lock: reads answer at once, a write gives up after the
limit naming the holder, and Ctrl-C ends the wait at once (issue 15)."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact
from netplan.store.storage import StoreBusy
from tests.conftest import netplan_cmd, subprocess_env
from tests.helpers.lock_holder import lock_held


@pytest.fixture
def held(store_path):
    open_store(store_path)  # the store exists
    with lock_held(store_path) as proc:
        yield proc


def run(*args, **env):
    return subprocess.run(netplan_cmd(*args), capture_output=True, text=True, timeout=30,
                          env=subprocess_env(**env))


@pytest.mark.parametrize("command", [["contacts"], ["due"]])
def test_reads_answer_at_once_while_another_process_holds_the_lock(store_path, held, command):
    started = time.monotonic()
    done = run(*command, "--db", str(store_path), NETPLAN_LOCK_TIMEOUT="20")
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 5


def test_a_write_gives_up_after_the_limit_naming_the_holder(store_path, held):
    started = time.monotonic()
    done = run("add", "contact", "Ada", "--db", str(store_path), NETPLAN_LOCK_TIMEOUT="1")
    took = time.monotonic() - started
    assert done.returncode == 1
    assert f"held by pid {held.pid} (netplan edit" in done.stderr
    # The holder's text is sanitised.
    assert "\x1b" not in done.stderr and "[red]" not in done.stderr
    assert 1 <= took < 8
    assert [c.name for c in open_store(store_path).all(Contact)] == []


def _has_open(pid: int, path: str) -> bool:
    fds = Path(f"/proc/{pid}/fd")
    try:
        return any(os.readlink(fd) == path for fd in fds.iterdir())
    except OSError:
        return False


def test_ctrl_c_ends_the_wait_for_the_lock_at_once(store_path, held):
    proc = subprocess.Popen(netplan_cmd("add", "contact", "Ada", "--db", str(store_path)),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env=subprocess_env(NETPLAN_LOCK_TIMEOUT="30"))
    # Started and waiting: it has the lock file open (on a loaded machine the start alone
    # can take longer than any fixed pause).
    lock = str(store_path.with_name(store_path.name + ".lock"))
    deadline = time.monotonic() + 30
    while not _has_open(proc.pid, lock) and time.monotonic() < deadline:
        assert proc.poll() is None
        time.sleep(0.05)
    time.sleep(0.3)
    assert proc.poll() is None
    proc.send_signal(signal.SIGINT)
    sent = time.monotonic()
    proc.wait(timeout=5)
    assert time.monotonic() - sent < 1
    assert proc.returncode != 0
    assert [c.name for c in open_store(store_path).all(Contact)] == []


def test_the_storage_tells_who_holds_the_lock_and_gives_up(store_path, held):
    store = open_store(store_path)
    heard = []
    store.on_lock_wait(heard.append)
    store._storage.lock_timeout = 0.8
    with pytest.raises(StoreBusy) as err:
        store.save(Contact(name="Ada"))
    assert heard and heard[0].startswith(f"pid {held.pid} ")
    assert f"pid {held.pid}" in str(err.value)


def test_lock_timeout_from_the_environment(monkeypatch):
    from netplan.store import lockfile

    monkeypatch.setenv("NETPLAN_LOCK_TIMEOUT", "2.5")
    assert lockfile.timeout(None) == 2.5
    assert lockfile.timeout(0.3) == 0.3
    monkeypatch.setenv("NETPLAN_LOCK_TIMEOUT", "soon")
    assert lockfile.timeout(None) == 10
    monkeypatch.delenv("NETPLAN_LOCK_TIMEOUT")
    assert lockfile.timeout(None) == 10
    assert os.environ.get("NETPLAN_LOCK_TIMEOUT") is None


async def test_the_app_names_the_holder_and_gives_up_instead_of_freezing(store_path, held):
    from tests.conftest import make_app
    from tests.ui.test_contacts_screen import open_contacts

    store = open_store(store_path)
    store._storage.lock_timeout = 1.5
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_contacts(pilot)
        await pilot.press("n")
        await pilot.pause()
        await pilot.press(*"Grace Hopper")
        started = time.monotonic()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert time.monotonic() - started < 5
        messages = [str(n.message) for n in app._notifications]
        assert any(f"pid {held.pid} (netplan edit" in m and "waiting" in m for m in messages)
        assert any("the store is busy" in m and "try again" in m for m in messages)
    assert open_store(store_path).all(Contact) == []
