"""`netplan config path|show|set` as a user runs it, and a bad config.toml that every
command survives (named with its line on stderr)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

from ..conftest import ROOT


def run(tmp_path, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NETPLAN_DB", "NETPLAN_LOCK_TIMEOUT")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-m", "netplan", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60, env=env, stdin=subprocess.DEVNULL)


def test_path_set_show(tmp_path):
    config = tmp_path / "cfg" / "netplan" / "config.toml"
    assert run(tmp_path, "config", "path").stdout == f"{config}\n"
    done = run(tmp_path, "config", "set", "theme", "nord")
    assert done.returncode == 0 and done.stdout == "theme = nord\n"
    assert run(tmp_path, "config", "set", "default_cadence", "21").returncode == 0
    assert run(tmp_path, "config", "set", "week_start", "Sun").stdout == "week_start = sunday\n"
    assert stat.S_IMODE(config.stat().st_mode) == 0o600
    assert stat.S_IMODE(config.parent.stat().st_mode) == 0o700
    shown = run(tmp_path, "config", "show")
    assert "theme = nord\n" in shown.stdout and "default_cadence = 21\n" in shown.stdout
    assert "lock_wait = 10.0  # default" in shown.stdout
    data = json.loads(run(tmp_path, "config", "show", "--json").stdout)
    assert data["settings"]["theme"] == "nord" and data["settings"]["week_start"] == "sunday"
    assert data["problems"] == []


def test_a_bad_value_is_refused_and_the_file_kept(tmp_path):
    assert run(tmp_path, "config", "set", "theme", "nord").returncode == 0
    config = tmp_path / "cfg" / "netplan" / "config.toml"
    before = config.read_text()
    done = run(tmp_path, "config", "set", "lock_wait", "forever")
    assert done.returncode == 2
    assert done.stderr == "netplan: lock_wait takes seconds from 0 to 600; 'forever' is not one\n"
    assert run(tmp_path, "config", "set", "colour", "red").returncode == 2
    assert config.read_text() == before


def test_a_bad_line_is_named_and_every_command_still_runs(tmp_path):
    config = tmp_path / "cfg" / "netplan" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text(f'# settings\nstore = "{tmp_path}/elsewhere.json"\nlock_wait = "soon"\n'
                      'default_cadence = "\\u001b[31mred"\n')
    where = run(tmp_path, "where")
    assert where.returncode == 0
    assert where.stdout == f"{tmp_path}/elsewhere.json\n"  # the good line counts
    assert f"{config} line 3: lock_wait" in where.stderr
    assert f"{config} line 4: default_cadence" in where.stderr
    assert "\x1b" not in where.stderr  # the value is shown escaped, never raw
    added = run(tmp_path, "add", "contact", "Ada", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout)["cadence_days"] == 30  # the wrong cadence is not used
    shown = run(tmp_path, "config", "show")
    assert shown.returncode == 0 and "line 3" in shown.stderr


def test_a_broken_file_is_ignored_whole(tmp_path):
    config = tmp_path / "cfg" / "netplan" / "config.toml"
    config.parent.mkdir(parents=True)
    config.write_text('theme = "nord\n')
    where = run(tmp_path, "where")
    assert where.returncode == 0
    assert where.stdout == f"{tmp_path}/data/netplan/netplan.json\n"
    assert "not valid TOML" in where.stderr and "line 1" in where.stderr


def test_default_cadence_applies_to_new_contacts(tmp_path):
    assert run(tmp_path, "config", "set", "default_cadence", "14").returncode == 0
    added = run(tmp_path, "add", "contact", "Grace", "--json")
    assert json.loads(added.stdout)["cadence_days"] == 14
