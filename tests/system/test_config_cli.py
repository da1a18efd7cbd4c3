"""`netplan config path|show|set` as a user runs it, and a bad config.toml that every
command survives (named with its line on stderr)."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

from ..conftest import ROOT


def run(tmp_path, *args: str, **extra: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k not in ("NETPLAN_DB", "NETPLAN_LOCK_TIMEOUT")}
    env.update(HOME=str(tmp_path), XDG_CONFIG_HOME=str(tmp_path / "cfg"),
               XDG_DATA_HOME=str(tmp_path / "data"), **extra)
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
    assert "theme = nord  # config.toml\n" in shown.stdout
    assert "default_cadence = 21  # config.toml\n" in shown.stdout
    assert "lock_wait = 10.0  # default" in shown.stdout
    data = json.loads(run(tmp_path, "config", "show", "--json").stdout)
    assert data["settings"]["theme"] == "nord" and data["settings"]["week_start"] == "sunday"
    assert data["problems"] == []


def test_show_names_the_variable_that_wins(tmp_path):
    assert run(tmp_path, "config", "set", "lock_wait", "20").returncode == 0
    store = tmp_path / "elsewhere.json"
    shown = run(tmp_path, "config", "show", NETPLAN_LOCK_TIMEOUT="3", NETPLAN_DB=str(store))
    assert "lock_wait = 3.0  # $NETPLAN_LOCK_TIMEOUT\n" in shown.stdout
    assert f"store = {store}  # $NETPLAN_DB\n" in shown.stdout
    data = json.loads(run(tmp_path, "config", "show", "--json", NETPLAN_LOCK_TIMEOUT="3").stdout)
    assert data["settings"]["lock_wait"] == 3.0
    assert data["from"]["lock_wait"] == "$NETPLAN_LOCK_TIMEOUT"
    assert data["from"]["store"] == "default" and data["from"]["week_start"] == "default"
    without = run(tmp_path, "config", "show").stdout
    assert "lock_wait = 20.0  # config.toml\n" in without and "store = (not set)  # default\n" in without


def test_an_unknown_theme_is_refused_with_a_few_that_exist(tmp_path):
    config = tmp_path / "cfg" / "netplan" / "config.toml"
    done = run(tmp_path, "config", "set", "theme", "nosuchtheme")
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "'nosuchtheme' is not one" in done.stderr
    assert "textual-dark" in done.stderr and "nord" in done.stderr
    assert not config.exists()  # nothing written, not even the folder's file
    assert run(tmp_path, "config", "set", "theme", "gruvbox").returncode == 0
    before = config.read_text()
    near = run(tmp_path, "config", "set", "theme", "nrod")
    assert near.returncode == 2 and "such as nord," in near.stderr  # the near miss first
    assert config.read_text() == before


def test_help_names_the_palette_command_as_the_palette_shows_it(tmp_path):
    helped = run(tmp_path, "config", "--help").stdout
    assert 'ctrl+p, then "Theme"' in " ".join(helped.split())
    assert "Change theme" not in helped


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
