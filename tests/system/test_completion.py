"""`netplan completion bash|zsh|fish` and `netplan man`, in the real shells and in groff.

The bash script is sourced in bash and asked to complete as bash asks it; installed in
the user's bash-completion folder it must win over a system completion for `netplan`
(Canonical's netplan.io ships one in /usr/share/bash-completion/completions/).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ..conftest import ROOT

BASH_COMPLETION = Path("/usr/share/bash-completion/bash_completion")


def netplan(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "netplan", *args], capture_output=True,
                          text=True, cwd=ROOT, timeout=60, env=env)


@pytest.fixture(scope="module")
def bash_script(tmp_path_factory) -> Path:
    run = netplan("completion", "bash")
    assert run.returncode == 0, run.stderr
    path = tmp_path_factory.mktemp("completion") / "netplan"
    path.write_text(run.stdout)
    return path


def complete_in_bash(script: Path, *words: str) -> list[str]:
    """What bash offers for the command line `words` (the last one being typed)."""
    line = " ".join(f"'{w}'" for w in words)
    program = (f"source '{script}'\n"
               f"COMP_WORDS=({line}); COMP_CWORD={len(words) - 1}\n"
               "func=$(complete -p netplan | sed -E 's/.*-F ([^ ]+) .*/\\1/')\n"
               '"$func" netplan "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"\n'
               'printf "%s\\n" "${COMPREPLY[@]}"\n')
    run = subprocess.run(["bash", "--norc", "--noprofile", "-c", program], capture_output=True,
                         text=True, timeout=30)
    assert run.returncode == 0 and not run.stderr, run.stderr
    return [w for w in run.stdout.splitlines() if w]


def test_bash_registers_the_completion_for_both_names(bash_script):
    run = subprocess.run(["bash", "--norc", "--noprofile", "-c",
                          f"source '{bash_script}'; complete -p netplan; complete -p netplan-tui"],
                         capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["complete -F _netplan_tui netplan",
                                       "complete -F _netplan_tui netplan-tui"]


def test_bash_completes_subcommands_options_and_values(bash_script, tmp_path):
    assert complete_in_bash(bash_script, "netplan", "ex") == ["export"]
    assert complete_in_bash(bash_script, "netplan", "co") == [
        "contacts", "companies", "company", "config", "completion"]
    assert complete_in_bash(bash_script, "netplan", "--db", "x.json", "wh") == ["where"]
    assert complete_in_bash(bash_script, "netplan", "import", "") == ["linkedin", "csv", "vcard", "yaml"]
    assert complete_in_bash(bash_script, "netplan", "export", "--format", "v") == ["vcard"]
    assert complete_in_bash(bash_script, "netplan", "completion", "") == ["bash", "zsh", "fish"]
    assert "lock_wait" in complete_in_bash(bash_script, "netplan", "config", "set", "")
    assert "--stage" in complete_in_bash(bash_script, "netplan", "add", "contact", "--st")
    (tmp_path / "contacts.csv").write_text("")
    assert complete_in_bash(bash_script, "netplan", "import", "linkedin",
                            str(tmp_path / "cont")) == [str(tmp_path / "contacts.csv")]
    # Never Canonical's words.
    assert "apply" not in complete_in_bash(bash_script, "netplan", "")


@pytest.mark.skipif(not BASH_COMPLETION.exists(), reason="bash-completion is not installed "
                    "(.ci/run installs it)")
def test_the_users_completion_wins_over_the_systems_netplan(bash_script, tmp_path):
    # A system folder with a netplan.io-like completion, and the user's folder with ours.
    system = tmp_path / "system" / "bash-completion" / "completions"
    system.mkdir(parents=True)
    (system / "netplan").write_text(
        "_netplan_io() { COMPREPLY=(apply generate get ip set try); }\n"
        "complete -F _netplan_io netplan\n")
    user = tmp_path / "data" / "bash-completion" / "completions"
    program = (f"source {BASH_COMPLETION}\n__load_completion netplan\ncomplete -p netplan\n")

    def loaded() -> str:
        env = {"PATH": os.environ["PATH"], "HOME": str(tmp_path),
               "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_DATA_DIRS": str(tmp_path / "system")}
        run = subprocess.run(["bash", "--norc", "--noprofile", "-c", program],
                             capture_output=True, text=True, timeout=30, env=env)
        return run.stdout.strip()

    assert loaded() == "complete -F _netplan_io netplan"  # the system's, until ours is there
    user.mkdir(parents=True)
    shutil.copy(bash_script, user / "netplan")
    assert loaded() == "complete -F _netplan_tui netplan"


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed (.ci/run installs it)")
def test_fish_completes_in_fish(tmp_path):
    script = tmp_path / "netplan.fish"
    script.write_text(netplan("completion", "fish").stdout)
    run = subprocess.run(
        ["fish", "--no-config", "-c",
         f"source {script}; complete -C'netplan ex'; echo SPLIT; complete -C'netplan-tui export --format '"],
        capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    first, second = run.stdout.split("SPLIT\n")
    assert [line.split("\t")[0] for line in first.splitlines()] == ["export"]
    assert sorted(second.split()) == ["csv", "ics", "json", "vcard", "yaml"]


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed (.ci/run installs it)")
def test_zsh_reads_the_script_and_registers_it(tmp_path):
    script = tmp_path / "_netplan"
    script.write_text(netplan("completion", "zsh").stdout)
    assert script.read_text().startswith("#compdef netplan netplan-tui\n")
    run = subprocess.run(
        ["zsh", "-f", "-c", f"autoload -U compinit; compinit -u -d {tmp_path}/dump; "
         f"source {script}; print -r -- $_comps[netplan] $_comps[netplan-tui]; "
         "print -r -- ${_netplan_tui_subs[netplan import]}"],
        capture_output=True, text=True, timeout=30, env={**os.environ, "HOME": str(tmp_path)})
    assert run.returncode == 0, run.stderr
    assert run.stdout.splitlines() == ["_netplan_tui _netplan_tui", "linkedin csv vcard yaml"]


def test_completion_costs_other_commands_nothing():
    # The scripts are made only when asked: `netplan where` imports none of it.
    code = ("import sys; from netplan.cli import main; main(['where']); "
            "print(sorted(m for m in sys.modules if m.startswith('netplan.cli.')))")
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                         timeout=60)
    assert "netplan.cli.parser_model" not in run.stdout
    assert "tomllib" not in run.stdout
    start = time.monotonic()
    assert netplan("completion", "bash").returncode == 0
    assert time.monotonic() - start < 5


def test_unknown_shell_is_a_usage_error():
    run = netplan("completion", "powershell")
    assert run.returncode == 2 and "invalid choice" in run.stderr


def test_man_page_names_every_command_and_renders_cleanly(tmp_path):
    run = netplan("man")
    assert run.returncode == 0, run.stderr
    page = run.stdout
    assert page.startswith(".TH NETPLAN 1 ")
    for section in ("NAME", "SYNOPSIS", "DESCRIPTION", "OPTIONS", "COMMANDS", "FILES",
                    "ENVIRONMENT", "EXIT STATUS", "SEE ALSO"):
        assert f"\n.SH {section}\n" in page
    for command in ("where", "check", "add contact", "log", "due", "export", "import linkedin",
                    "config set", "completion", "man", "serve", "demo"):
        assert f".SS \\fBnetplan {command.replace('-', chr(92) + '-')}\\fR" in page, command
    assert not any(line.startswith((".", "'")) and line.split()[0] not in (
        ".TH", ".SH", ".SS", ".TP", ".br") for line in page.splitlines() if line), \
        "a line of text would be read as a roff request"
    if shutil.which("groff") is None:
        pytest.skip("groff is not installed (.ci/run installs it)")
    # Plain text (-P-cbou: no overstrike), long lines and no hyphenation, to read words back.
    rendered = subprocess.run(["groff", "-man", "-Tutf8", "-ww", "-P-cbou", "-rLL=300n", "-rHY=0"],
                              input=page, capture_output=True, text=True, timeout=60)
    assert rendered.returncode == 0
    assert rendered.stderr == "", rendered.stderr  # no warning: every escape is right
    text = rendered.stdout.replace("\u2010", "-").replace("\u2212", "-")
    assert "netplan, netplan-tui - a terminal planner" in text
    assert "~/.config/netplan/config.toml" in text
    assert "netplan import linkedin PATH" in text
