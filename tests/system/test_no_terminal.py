"""Started where it cannot work: no terminal (cron, a pipe, a file), no fcntl (Windows).

Each case ends at once with one line on stderr and exit status 2, never a screen drawn
into a file, a run until killed, or a traceback.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

from ..conftest import ROOT

ESCAPE = re.compile(r"\x1b|\x9b")


def _env(tmp_path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "TEXTUAL_DRIVER"}
    env.update(HOME=str(tmp_path), XDG_DATA_HOME=str(tmp_path / "data"),
               XDG_CONFIG_HOME=str(tmp_path / "config"))
    return env


def test_no_terminal_exits_2_at_once_with_one_line(tmp_path):
    out = tmp_path / "out.txt"
    start = time.monotonic()
    with open(os.devnull) as stdin, out.open("w") as stdout:
        run = subprocess.run([sys.executable, "-m", "netplan", "--db", str(tmp_path / "s.json")],
                             stdin=stdin, stdout=stdout, stderr=subprocess.PIPE, text=True,
                             env=_env(tmp_path), cwd=ROOT, timeout=30)
    took = time.monotonic() - start
    assert run.returncode == 2
    assert took < 1.0, f"took {took:.2f} s"
    assert run.stderr == ("netplan needs a terminal; for scripts use the subcommands "
                          "(netplan --help)\n")
    text = out.read_bytes().decode("utf-8", "replace")
    assert not ESCAPE.search(text), repr(text[:200])
    assert text == ""
    assert not (tmp_path / "s.json").exists()  # nothing was opened or created


def test_output_to_a_file_from_a_terminal_is_refused_too(tmp_path):
    # stdin a terminal (a pty), stdout a file: `netplan > screen.txt`.
    import pty

    leader, follower = pty.openpty()
    out = tmp_path / "out.txt"
    try:
        with out.open("w") as stdout:
            run = subprocess.run([sys.executable, "-m", "netplan", "--db", str(tmp_path / "s.json")],
                                 stdin=follower, stdout=stdout, stderr=subprocess.PIPE, text=True,
                                 env=_env(tmp_path), cwd=ROOT, timeout=30)
    finally:
        os.close(follower)
        os.close(leader)
    assert run.returncode == 2
    assert "needs a terminal" in run.stderr and out.read_text() == ""


def test_subcommands_still_work_without_a_terminal(tmp_path):
    run = subprocess.run([sys.executable, "-m", "netplan", "where", "--db", str(tmp_path / "s.json")],
                         stdin=subprocess.DEVNULL, capture_output=True, text=True,
                         env=_env(tmp_path), cwd=ROOT, timeout=30)
    assert run.returncode == 0 and run.stdout.strip() == str(tmp_path / "s.json")


BLOCK_FCNTL = """
import sys
sys.modules["fcntl"] = None  # `import fcntl` now raises ImportError, as on Windows
from netplan.__main__ import main
sys.exit(main(sys.argv[1:]))
"""


def test_without_fcntl_one_line_names_posix(tmp_path):
    for argv in (["--help"], ["where"], []):
        run = subprocess.run([sys.executable, "-c", BLOCK_FCNTL, *argv], capture_output=True,
                             text=True, env=_env(tmp_path), cwd=ROOT, timeout=30,
                             stdin=subprocess.DEVNULL)
        assert run.returncode == 2, (argv, run.stderr)
        assert run.stdout == ""
        lines = run.stderr.splitlines()
        assert len(lines) == 1 and "needs a POSIX system" in lines[0], run.stderr
        assert "Traceback" not in run.stderr
