"""What the end-to-end tests share: free ports, bounded waits, a private tmux server."""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from ...conftest import TODAY, netplan_cmd

WAIT = 15.0  # seconds; generous for a loaded 2-core machine, still far under 30


def wait_until(check: Callable[[], object], timeout: float = WAIT, step: float = 0.1):
    """Poll `check` until it returns something truthy; return it, or None at the timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > deadline:
            return None
        time.sleep(step)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


def netplan_shell(store: Path, *extra: str) -> str:
    """A shell command line that runs this checkout's netplan on `store`, day frozen."""
    return shlex.join(["env", f"NETPLAN_TODAY={TODAY.isoformat()}",
                       *netplan_cmd("--db", str(store), *extra)])


class Tmux:
    """A tmux server of our own (its socket in a temp dir), so tests never meet a user's."""

    def __init__(self, socket_path: Path):
        self.socket = str(socket_path)
        self.exe = shutil.which("tmux")

    def __call__(self, *args: str, check: bool = True) -> str:
        proc = subprocess.run([self.exe, "-S", self.socket, "-f", "/dev/null", *args],
                              capture_output=True, text=True, timeout=10, env=child_env())
        if check and proc.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {proc.stderr.strip()}")
        return proc.stdout

    def new_session(self, name: str, command: str, width: int = 80, height: int = 24) -> None:
        self("new-session", "-d", "-s", name, "-x", str(width), "-y", str(height), command)
        # Keep a dead pane visible, so a crash leaves its message to read.
        self("set-option", "-t", name, "remain-on-exit", "on")

    def screen(self, target: str) -> str:
        return self("capture-pane", "-t", target, "-p", check=False)

    def pane(self, target: str, fmt: str) -> str:
        # list-panes, not display-message: it needs no attached client, and right after
        # a detach display-message can answer with nothing.
        # A tmux server busy with a client that just left can answer with nothing:
        # ask again for a moment before taking "nothing" for an answer.
        out = wait_until(lambda: self("list-panes", "-t", target, "-F", fmt, check=False).strip(),
                         timeout=3)
        return out.splitlines()[0] if out else ""

    def wait_for_text(self, target: str, text: str, timeout: float = WAIT) -> str:
        def shown():
            screen = self.screen(target)
            return screen if text in screen else None

        screen = wait_until(shown, timeout)
        if screen is None:
            raise AssertionError(f"{text!r} never appeared; the pane shows:\n{self.screen(target)}")
        return screen

    def kill(self) -> None:
        subprocess.run([self.exe, "-S", self.socket, "kill-server"], capture_output=True,
                       timeout=10)


def child_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.pop("TMUX", None)  # a test run inside tmux must not talk to the user's server
    # pytest's environment pins COLUMNS/LINES, and Textual prefers them to the real
    # terminal size: a resize would never be seen.
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env.update(extra)
    return env
