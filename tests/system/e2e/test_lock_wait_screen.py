"""A save waiting for another process's lock, seen in a real terminal (issue 15): the
holder is named on screen while the save waits, and Ctrl-C stops the wait at once."""

from __future__ import annotations

import shutil
import time

import pytest

from netplan.store.database import open_store
from netplan.store.records import Contact
from tests.helpers.lock_holder import lock_held

from .helpers import WAIT, netplan_shell, wait_until

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (.ci/run installs it)")


def _flat(screen: str) -> str:
    return " ".join(screen.split())


def _open_new_contact_form(tmux, store_path, seconds: int) -> None:
    tmux.new_session("np", f"env NETPLAN_LOCK_TIMEOUT={seconds} {netplan_shell(store_path)}")
    tmux.wait_for_text("np", "Board")
    tmux("send-keys", "-t", "np", "2")
    tmux.wait_for_text("np", "Contacts")
    tmux("send-keys", "-t", "np", "n")
    tmux.wait_for_text("np", "New contact")
    tmux("send-keys", "-t", "np", "-l", "Grace Hopper")
    tmux.wait_for_text("np", "Grace Hopper")


def test_the_holder_is_named_while_the_save_waits_and_ctrl_c_stops_it(tmux, store_path):
    open_store(store_path)
    with lock_held(store_path) as holder:
        _open_new_contact_form(tmux, store_path, seconds=30)
        tmux("send-keys", "-t", "np", "C-s")
        # Shown during the wait, not after it: the wait lasts up to 30 s.
        screen = _flat(tmux.wait_for_text("np", "Waiting to save", timeout=10))
        assert f"the store is held by pid {holder.pid} (netplan edit" in screen
        assert "up to 30 s; ctrl+c stops waiting" in screen
        pressed = time.monotonic()
        tmux("send-keys", "-t", "np", "C-c")
        stopped = wait_until(lambda: "stopped waiting" in _flat(tmux.screen("np")), timeout=WAIT)
        assert stopped, tmux.screen("np")
        assert time.monotonic() - pressed < 5  # not the 30 s limit
        # The notice line is painted over, the app still runs, and nothing was saved.
        assert "Waiting to save" not in tmux.screen("np")
        assert tmux.pane("np", "#{pane_dead}") == "0"
    assert open_store(store_path).all(Contact) == []


def test_a_save_that_waits_a_moment_is_saved_and_the_notice_goes(tmux, store_path):
    open_store(store_path)
    with lock_held(store_path) as holder:
        _open_new_contact_form(tmux, store_path, seconds=30)
        tmux("send-keys", "-t", "np", "C-s")
        tmux.wait_for_text("np", "Waiting to save", timeout=10)
        holder.kill()  # the other process finishes its write
    saved = wait_until(lambda: [c.name for c in open_store(store_path).all(Contact)])
    assert saved == ["Grace Hopper"]
    assert wait_until(lambda: "Waiting to save" not in tmux.screen("np"))
