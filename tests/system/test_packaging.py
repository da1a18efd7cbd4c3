"""The built wheel works on its own: console script, package data, styles."""

from __future__ import annotations

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
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
                   check=True, timeout=300, capture_output=True)
    (found,) = out.glob("netplan-*.whl")
    return found


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
    assert script.read_text().startswith(f"#!{py}"), "pip wrote the wheel's own launcher"
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "XDG_DATA_HOME": str(tmp_path / "xdg")}
    version = subprocess.run([script, "--version"], capture_output=True, text=True, env=env, timeout=60, cwd=tmp_path)
    assert version.returncode == 0 and version.stdout.startswith("netplan "), version.stderr
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
