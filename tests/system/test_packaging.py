"""The built wheel works on its own: both console scripts, package data, styles.

The wheel is built as a release is (`python -m build --wheel`, in an isolated build
environment) and installed with the venv's own pip, so the commands run are the launchers
pip writes from the wheel's entry points, not this checkout's editable install."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from ..conftest import ROOT


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    built = subprocess.run([sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
                           timeout=600, capture_output=True, text=True)
    assert built.returncode == 0, built.stdout[-2000:] + built.stderr[-2000:]
    # The distribution is netplan-tui ("netplan" on PyPI is another project).
    (found,) = out.glob("netplan_tui-*.whl")
    return found


def test_wheel_declares_both_commands_and_the_free_name(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        (metadata,) = [n for n in names if n.endswith(".dist-info/METADATA")]
        scripts = zf.read(entry_points).decode()
        meta = zf.read(metadata).decode()
    assert "netplan = netplan.__main__:main" in scripts
    assert "netplan-tui = netplan.__main__:main" in scripts
    assert "\nName: netplan-tui\n" in meta


def test_wheel_ships_the_data_and_styles(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for yaml_file in (ROOT / "data").glob("*.yaml"):
        assert f"netplan/data/{yaml_file.name}" in names, f"{yaml_file.name} missing from the wheel"
    for tcss in ROOT.joinpath("netplan").rglob("*.tcss"):
        rel = tcss.relative_to(ROOT).as_posix()
        assert rel in names, f"{rel} missing from the wheel"


def test_wheel_installs_and_runs_in_a_fresh_venv(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    py = venv / "bin" / "python"
    target = Path(subprocess.run(
        [py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True, text=True, check=True).stdout.strip())
    # The venv's own pip installs the wheel, so the console script is the one the wheel
    # declares; its dependencies come from the test environment (a .pth after the venv's
    # own site-packages, so the wheel's netplan wins).
    subprocess.run([py, "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                   check=True, timeout=300)
    deps = sysconfig.get_paths()["purelib"]
    (target / "zz_test_deps.pth").write_text(deps + "\n")
    script = venv / "bin" / "netplan"
    alias = venv / "bin" / "netplan-tui"
    for launcher in (script, alias):
        assert launcher.read_text().startswith(f"#!{py}"), "pip wrote the wheel's own launcher"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg"),
           "XDG_CONFIG_HOME": str(tmp_path / "cfg")}
    helped = subprocess.run([script, "--help"], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert helped.returncode == 0 and helped.stdout.startswith("usage: netplan"), helped.stderr
    assert "completion" in helped.stdout and "config" in helped.stdout
    alias_help = subprocess.run([alias, "--help"], capture_output=True, text=True, env=env,
                                timeout=60, cwd=tmp_path)
    assert alias_help.stdout.startswith("usage: netplan-tui "), alias_help.stderr  # its own name
    version = subprocess.run([alias, "--version"], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("netplan "), version.stderr
    # A command that reads the shipped data (data/questions.yaml as netplan.data).
    added = subprocess.run([script, "add", "contact", "Ada", "--db", str(tmp_path / "s.json")],
                           capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert added.returncode == 0, added.stderr
    questions = subprocess.run([script, "questions", "--json", "--db", str(tmp_path / "s.json")],
                               capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert questions.returncode == 0, questions.stderr
    assert len(json.loads(questions.stdout)) >= 35  # the built-in bank
    completion = subprocess.run([alias, "completion", "bash"], capture_output=True, text=True, env=env,
                                timeout=60, cwd=tmp_path)
    assert "complete -F _netplan_tui netplan netplan-tui" in completion.stdout
    where = subprocess.run([script, "where"], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert where.stdout.strip() == str(tmp_path / "xdg" / "netplan" / "netplan.json")
    located = subprocess.run(
        [py, "-c", "import netplan, importlib.resources as r; print(netplan.__file__);"
                   "print(sorted(p.name for p in r.files('netplan.data').iterdir()))"],
        capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert located.returncode == 0, located.stderr
    assert str(target) in located.stdout.splitlines()[0]
    for yaml_file in (ROOT / "data").glob("*.yaml"):
        assert yaml_file.name in located.stdout
