"""netplan inside tmux: a client detaching leaves it running; resizing re-lays it out."""

from __future__ import annotations

import fcntl
import os
import shlex
import shutil
import struct
import subprocess
import termios
import threading

import pytest

from .helpers import WAIT, Tmux, child_env, netplan_shell, wait_until

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None,
                                reason="tmux is not installed (.ci/run installs it)")


def _attach(tmux: Tmux) -> subprocess.Popen:
    """A tmux client on a pseudo-terminal of its own, as a person's terminal would be."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    proc = subprocess.Popen([tmux.exe, "-S", tmux.socket, "attach", "-t", "np"],
                            stdin=slave, stdout=slave, stderr=slave, start_new_session=True,
                            env=child_env(TERM="xterm-256color"))
    os.close(slave)
    proc.master = master  # type: ignore[attr-defined]
    # Read what tmux draws, as a terminal would: a client whose output nobody reads
    # blocks once the pty buffer fills, and then never sees the detach.
    threading.Thread(target=_drain, args=(master,), daemon=True).start()
    return proc


def _drain(fd: int) -> None:
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def _drain_and_close(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait(timeout=WAIT)
    os.close(proc.master)  # type: ignore[attr-defined]


def _lines(screen: str) -> list[str]:
    return screen.rstrip("\n").split("\n")


def test_detach_and_reattach_keep_netplan_running_and_resize_relayouts(tmux, store_path):
    tmux.new_session("np", netplan_shell(store_path))
    tmux.wait_for_text("np", "Board")
    pid = tmux.pane("np", "#{pane_pid}")

    for _ in range(2):  # attach, detach, and again: a reattach finds it as it was
        client = _attach(tmux)
        try:
            assert wait_until(lambda: tmux("list-clients", check=False).strip()), "no client"
            tmux("detach-client", "-s", "np")
            assert client.wait(timeout=WAIT) == 0  # the client left ...
        finally:
            _drain_and_close(client)
        assert tmux.pane("np", "#{pane_dead}") == "0"  # ... and netplan did not
        assert tmux.pane("np", "#{pane_pid}") == pid
        os.kill(int(pid), 0)

    for width, height in ((100, 30), (60, 20), (80, 24)):
        tmux("resize-window", "-t", "np", "-x", str(width), "-y", str(height))

        def laid_out(width=width, height=height):
            lines = _lines(tmux.screen("np"))
            # The footer sits on the new last row and the header on the first.
            return (len(lines) == height and "palette" in lines[-1] and "Board" in lines[0]
                    and lines)

        lines = wait_until(laid_out)
        sizes = tmux.pane('np', '#{window_width}x#{window_height} #{pane_width}x#{pane_height}')
        assert lines, f"not re-laid out at {width}x{height} ({sizes}):\n{tmux.screen('np')}"
        assert max(len(line) for line in lines) <= width
    assert tmux.pane("np", "#{pane_dead}") == "0"


def test_a_table_damaged_inside_ends_netplan_with_a_message_and_status_1(tmux, store_path):
    from netplan.store.database import open_store
    from netplan.store.records import Goal, Question

    open_store(store_path).save_many([Goal(title="Reach out to 3 people", week="2026-W48"),
                                      Question(text="What does a week look like for you?")])
    raw = store_path.read_bytes().replace(b'"text":"What', b'"text":What')
    store_path.write_bytes(raw)
    # The shell stays after netplan, so the pane (and its status) cannot vanish first.
    inner = f"{netplan_shell(store_path)}; echo exit status $?; sleep 60"
    tmux.new_session("np", f"sh -c {shlex.quote(inner)}")
    screen = " ".join(tmux.wait_for_text("np", "exit status").split())  # unwrapped
    assert "exit status 1" in screen
    assert "not valid JSON" in screen and "netplan.json" in screen
    assert "Traceback" not in screen
    assert store_path.read_bytes() == raw
