"""`netplan serve` argument handling, without starting a server."""

from __future__ import annotations

import os
import shlex
import socket
import stat
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
    expected = ["env", "NETPLAN_SERVED=1", sys.executable, "-m", "netplan", "--db", str(store)]
    assert shlex.split(served_command(args)) == expected


@pytest.mark.parametrize("argv", [["--readonly", "serve"], ["serve", "--readonly"]])
def test_readonly_reaches_the_served_command(tmp_path, argv):
    args = build_parser().parse_args([*argv, "--db", str(tmp_path / "s.json")])
    assert shlex.split(served_command(args))[-1] == "--readonly"


def test_missing_textual_serve_says_how_to_install(monkeypatch, capsys, tmp_path):
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)  # import fails
    assert main(["serve", "--db", str(tmp_path / "s.json")]) == 2
    err = capsys.readouterr().err
    # The distribution is netplan-tui: "netplan" on PyPI is another project.
    assert "pipx install 'netplan-tui[serve]'" not in err  # pipx would stop at "already installed"
    assert "pipx install --force 'netplan-tui[serve]'" in err and "netplan[" not in err
    assert "pip install 'netplan-tui[serve]'" in err
    assert not (tmp_path / "s.json").exists()


def test_exposed_host_is_refused_without_yes_when_not_on_a_terminal(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(sys.stdin, "isatty", lambda: False)
    assert main(["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "s.json")]) == 2
    err = capsys.readouterr().err
    assert "unencrypted" in err and "--yes" in err
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


# -- the secret and who may present it (serve_auth) ----------------------------------

serve_auth = pytest.importorskip("netplan.cli.serve_auth", exc_type=ImportError)


def test_each_start_makes_a_fresh_long_secret():
    one, two = serve_auth.new_secret(), serve_auth.new_secret()
    assert one != two and len(one) >= 43  # 256 bits in token_urlsafe's alphabet


def test_a_token_file_is_made_private_and_read_back(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "umask", os.umask)  # restored whatever happens
    old = os.umask(0)
    try:
        path = tmp_path / "token"
        first = serve_auth.load_token_file(path)
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert serve_auth.load_token_file(path) == first


def test_a_token_file_that_others_can_read_is_refused(tmp_path):
    path = tmp_path / "token"
    path.write_text("a" * 40)
    path.chmod(0o640)
    with pytest.raises(serve_auth.TokenFileError, match="chmod 600"):
        serve_auth.load_token_file(path)


def test_a_token_file_that_is_a_link_or_a_fifo_is_refused(tmp_path):
    real = tmp_path / "real"
    real.write_text("a" * 40)
    real.chmod(0o600)
    (tmp_path / "link").symlink_to(real)
    with pytest.raises(serve_auth.TokenFileError, match="link"):
        serve_auth.load_token_file(tmp_path / "link")
    os.mkfifo(tmp_path / "fifo", 0o600)
    with pytest.raises(serve_auth.TokenFileError, match="not a regular file"):
        serve_auth.load_token_file(tmp_path / "fifo")  # and no hang


@pytest.mark.skipif(os.geteuid() != 0, reason="needs root to give a file to another user")
def test_a_token_file_of_another_user_is_refused(tmp_path):
    path = tmp_path / "token"
    path.write_text("a" * 40)
    path.chmod(0o600)
    os.chown(path, 65534, 65534)
    with pytest.raises(serve_auth.TokenFileError, match="someone else"):
        serve_auth.load_token_file(path)


def test_a_short_secret_in_the_token_file_is_refused(tmp_path):
    path = tmp_path / "token"
    path.write_text("short\n")
    path.chmod(0o600)
    with pytest.raises(serve_auth.TokenFileError, match="usable secret"):
        serve_auth.load_token_file(path)


def test_the_hosts_that_name_the_server():
    hosts = serve_auth.allowed_hosts("127.0.0.1", 8000, None)
    assert hosts == {"127.0.0.1:8000", "localhost:8000", "[::1]:8000"}
    assert serve_auth.allowed_hosts("127.0.0.1", 8000, "http://127.0.0.1:9000") >= {
        "127.0.0.1:9000"}
    guard = serve_auth.Guard("s" * 43, hosts, any_loopback_port=False, cookie="c", port=8000)
    assert guard.host_ok("LOCALHOST:8000")
    assert not guard.host_ok("evil.example:8000") and not guard.host_ok("127.0.0.1:8001")
    # An address (not a name: rebinding needs a name) on the port: a LAN IP for 0.0.0.0.
    assert guard.host_ok("192.168.1.20:8000") and guard.host_ok("[::1]:8000")
    assert not guard.host_ok("192.168.1.20:8001") and not guard.host_ok("homeserver.lan:8000")
    on_socket = serve_auth.Guard("s" * 43, set(), any_loopback_port=True, cookie="c")
    assert on_socket.host_ok("localhost:9123") and on_socket.host_ok("127.0.0.1:80")
    assert not on_socket.host_ok("evil.example:9123") and not on_socket.host_ok("localhost")


def test_secrets_compare_whole():
    assert serve_auth.same_secret("abc", "abc")
    assert not serve_auth.same_secret("ab", "abc") and not serve_auth.same_secret(None, "abc")
    assert not serve_auth.same_secret("ä", "abc")  # not ASCII: refused, no exception
