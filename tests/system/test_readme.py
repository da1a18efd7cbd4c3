"""The README against the program: every command is in it, and `netplan config show` looks
the way it says."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from netplan.cli import build_parser

from ..conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def commands() -> list[str]:
    (sub,) = [a for a in build_parser()._actions if a.dest == "command"]
    return list(sub.choices)


def test_the_readme_names_every_command():
    names = commands()
    assert "interactions" in names and "interaction" in names
    missing = [name for name in names if not re.search(rf"netplan {name}(?![\w-])", README)]
    assert missing == []


def test_config_show_prints_what_the_readme_shows(tmp_path):
    block = README.split("`netplan config show` with\n", 1)[1].split("\n\n", 2)[1]
    shown_in_readme = [line.strip() for line in block.splitlines()]
    env = {k: v for k, v in os.environ.items() if k not in ("NETPLAN_DB", "NETPLAN_LOCK_TIMEOUT")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"), NETPLAN_LOCK_TIMEOUT="5")
    netplan = [sys.executable, "-m", "netplan", "config"]
    assert subprocess.run([*netplan, "set", "theme", "nord"], env=env, cwd=ROOT,
                          capture_output=True, timeout=60).returncode == 0
    shown = subprocess.run([*netplan, "show"], env=env, cwd=ROOT, capture_output=True,
                           text=True, timeout=60).stdout.splitlines()
    assert shown[0] == f"# {tmp_path}/cfg/netplan/config.toml"
    assert shown[1:] == shown_in_readme[1:]
