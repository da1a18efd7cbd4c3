"""The command line's core: --version, where, check, and its exit statuses."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from netplan.cli import program_name
from netplan.store.records import Contact, Interaction

from ...conftest import ROOT, netplan_cmd, subprocess_env


def run(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(netplan_cmd(*args), capture_output=True, text=True,
                          env=subprocess_env(**env), timeout=60)


def test_version():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("netplan ")


@pytest.mark.parametrize(("argv0", "name"), [
    ("/home/you/.local/bin/netplan-tui", "netplan-tui"),
    ("netplan-tui", "netplan-tui"),
    ("/home/you/.local/bin/netplan", "netplan"),
    ("/src/netplan/__main__.py", "netplan"),  # python -m netplan
    ("/usr/bin/netplan-tui-old", "netplan"),
])
def test_help_and_errors_use_the_name_netplan_was_run_by(argv0, name):
    assert program_name(argv0) == name


def test_the_netplan_tui_script_says_netplan_tui(tmp_path):
    """The console script this environment installed, run on this checkout's code."""
    script = Path(sys.executable).with_name("netplan-tui")
    if not script.exists():
        pytest.skip("no netplan-tui console script beside this Python")
    env = subprocess_env(PYTHONPATH=os.pathsep.join(filter(None, [
        str(ROOT), os.environ.get("PYTHONPATH")])))
    helped = subprocess.run([script, "--help"], capture_output=True, text=True, env=env,
                            timeout=60, cwd=tmp_path)
    assert helped.returncode == 0 and helped.stdout.startswith("usage: netplan-tui "), helped.stderr
    wrong = subprocess.run([script, "config", "set", "colour", "red"], capture_output=True,
                           text=True, env=env, timeout=60, cwd=tmp_path)
    assert wrong.returncode == 2 and wrong.stderr.startswith("netplan-tui config set: ")
    assert run("--help").stdout.startswith("usage: netplan ")  # python -m netplan


def test_where_follows_db_then_env_then_xdg(tmp_path):
    assert run("where", "--db", str(tmp_path / "a.json")).stdout.strip() == str(tmp_path / "a.json")
    assert run("--db", str(tmp_path / "b.json"), "where").stdout.strip() == str(tmp_path / "b.json")
    assert run("where", NETPLAN_DB=str(tmp_path / "c.json")).stdout.strip() == str(tmp_path / "c.json")
    xdg = run("where", XDG_DATA_HOME=str(tmp_path / "xdg"))
    assert xdg.stdout.strip() == str(tmp_path / "xdg" / "netplan" / "netplan.json")


def test_bad_arguments_exit_2_with_one_line():
    out = run("frobnicate")
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1


def test_check_passes_a_good_store(store, store_path):
    store.save(Contact(name="Ada"))
    out = run("check", "--db", str(store_path))
    assert out.returncode == 0, out.stderr
    assert "1 contact, 0 interactions" in out.stdout and out.stdout.strip().endswith("ok")


def test_check_reports_dangling_references_and_bad_dates(store, store_path):
    store.save(Interaction(contacts=("ghost",), date="2026-02-30"))
    out = run("check", "--db", str(store_path), "--json")
    assert out.returncode == 1
    report = json.loads(out.stdout)
    assert not report["ok"]
    assert any("missing contact ghost" in p for p in report["problems"])
    assert any("not a date" in p for p in report["problems"])


def test_check_reports_the_journal(store_path, tmp_path):
    from netplan.store.database import open_store

    session = open_store(store_path)
    session.defer_checkpoints()  # as the TUI saves
    session.save(Contact(id="ada", name="Ada"))
    out = run("check", "--db", str(store_path))
    assert out.returncode == 0, out.stdout
    assert "1 change(s) not yet written into the store file" in out.stdout
    session.checkpoint()
    copy = tmp_path / "yesterday.json"
    copy.write_bytes(store_path.read_bytes())
    session.save(Contact(id="grace", name="Grace"))  # in the journal only
    os.replace(copy, store_path)  # the file put back from a copy: the journal is stale
    report = json.loads(run("check", "--db", str(store_path), "--json").stdout)
    assert not report["ok"]
    assert any("were made to an earlier version of the store file" in p
               for p in report["problems"])
    journal = store_path.with_name("netplan.json.journal")
    open_store(store_path).save(Contact(id="linus", name="Linus"))  # a fresh journal
    journal.write_bytes(journal.read_bytes()[:-7])  # its last entry torn by a crash
    out = run("check", "--db", str(store_path))
    assert out.returncode == 0, out.stdout  # a save never confirmed: a note, not a problem
    assert "an entry cut short (torn write)" in out.stdout


def run_in_terminal(*args: str) -> subprocess.CompletedProcess:
    """As run, with stdin and stdout a terminal (a pty), as the TUI needs; stderr a pipe."""
    import os
    import pty

    leader, follower = pty.openpty()
    try:
        return subprocess.run(netplan_cmd(*args), stdin=follower, stdout=follower,
                              stderr=subprocess.PIPE, text=True, env=subprocess_env(), timeout=60)
    finally:
        os.close(follower)
        os.close(leader)


def test_damaged_store_exits_1_naming_the_file(store_path):
    store_path.parent.mkdir(parents=True)
    store_path.write_text('{"contacts": {"a": ')
    # `check`, and opening the TUI (in a terminal): the message comes before any screen.
    for out in (run("check", "--db", str(store_path)), run_in_terminal("--db", str(store_path))):
        assert out.returncode == 1
        assert str(store_path) in out.stderr and "not valid JSON" in out.stderr
    assert store_path.read_text() == '{"contacts": {"a": '


def test_future_store_exits_1(store, store_path):
    data = json.loads(store_path.read_text())
    data["meta"]["1"]["schema"] = 99
    store_path.write_text(json.dumps(data))
    out = run("check", "--db", str(store_path))
    assert out.returncode == 1 and "newer netplan" in out.stderr


def test_opening_the_tui_parses_its_options_without_the_commands():
    from netplan.cli import _opens_the_tui, build_parser

    assert _opens_the_tui([]) and _opens_the_tui(["--db", "x.json", "--readonly"])
    assert _opens_the_tui(["--db=x.json"])
    for argv in (["where"], ["--db", "x.json", "due"], ["-h"], ["--help"], ["--bogus"]):
        assert not _opens_the_tui(argv), argv
    args = build_parser(commands=False).parse_args(["--db", "x.json", "--readonly"])
    assert args.db == "x.json" and args.readonly and getattr(args, "func", None) is None


def test_command_line_tables_line_up_wide_names_and_print_no_control_codes(capsys):
    """Each column is as wide as its widest cell in terminal cells (a CJK name or an emoji
    takes two a character); escape sequences and control characters stored by another
    tool never reach the terminal, and a missing value is an empty cell."""
    from netplan.cli import output

    output.table([("Ada", "2026-11-20", None), ("李小龙", "2026-11-21", "Acme 🎉"),
                  ("Eve\x1b[31m", "2026-11-22", "C1\x85here")], headers=["Name", "Due", "At"])
    lines = capsys.readouterr().out.splitlines()
    assert lines == ["Name    Due         At",
                     "Ada     2026-11-20",
                     "李小龙  2026-11-21  Acme 🎉",
                     "Eve     2026-11-22  C1 here"]
