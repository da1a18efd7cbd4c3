"""`netplan serve` argument handling, without starting a server."""

from __future__ import annotations

import shlex
import socket
import subprocess
import sys

import pytest

from netplan.cli import build_parser, main
from netplan.cli.serve import is_loopback, served_command

from ..conftest import netplan_cmd, subprocess_env


@pytest.mark.parametrize("host", ["127.0.0.1", "127.1.2.3", "localhost", "::1", "[::1]"])
def test_loopback_hosts(host):
    assert is_loopback(host)


@pytest.mark.parametrize("host", ["0.0.0.0", "::", "192.168.1.20", "homeserver.lan", ""])
def test_exposed_hosts(host):
    assert not is_loopback(host)


def test_the_served_command_runs_netplan_on_the_same_store_quoted(tmp_path):
    store = tmp_path / "it's $HOME; rm -rf ~" / "net plan.json"
    args = build_parser().parse_args(["serve", "--db", str(store)])
    expected = [sys.executable, "-m", "netplan", "--db", str(store)]
    assert shlex.split(served_command(args)) == expected


@pytest.mark.parametrize("argv", [["--readonly", "serve"], ["serve", "--readonly"]])
def test_readonly_reaches_the_served_command(tmp_path, argv):
    args = build_parser().parse_args([*argv, "--db", str(tmp_path / "s.json")])
    assert shlex.split(served_command(args))[-1] == "--readonly"


def test_missing_textual_serve_says_how_to_install(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    assert main(["serve", "--db", str(tmp_path / "s.json")]) == 2
    assert "pip install 'netplan[serve]'" in capsys.readouterr().err
    assert not (tmp_path / "s.json").exists()


def test_exposed_host_is_refused_without_yes_when_not_on_a_terminal(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "s.json")]) == 2
    err = capsys.readouterr().err
    assert "no password or other authentication" in err and "--yes" in err
    assert not (tmp_path / "s.json").exists()


def test_exposed_host_asks_on_a_terminal_and_no_means_no(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt: "n")
    assert main(["serve", "--host", "192.168.1.20", "--db", str(tmp_path / "s.json")]) == 2
    assert "not serving" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1", "80.5"])
def test_bad_ports_are_refused(port, capsys):
    with pytest.raises(SystemExit) as exit_:
        build_parser().parse_args(["serve", "--port", port])
    assert exit_.value.code == 2
    assert "port" in capsys.readouterr().err


def test_a_taken_port_is_a_clear_message(tmp_path):
    # In a subprocess: the server installs signal handlers on the event loop it runs.
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        argv = netplan_cmd("serve", "--port", str(port), "--db", str(tmp_path / "s.json"))
        proc = subprocess.run(argv,
                              capture_output=True, text=True, env=subprocess_env(), timeout=30)
    assert proc.returncode == 1
    assert f"cannot serve on 127.0.0.1:{port}" in proc.stderr
    assert "Traceback" not in proc.stderr
