"""The committed locks agree with pyproject.toml's bounds, so `make` installs what the
package declares and an upgrade that breaks a bound fails here, by name."""

from __future__ import annotations

import re
import tomllib

import pytest
from packaging.requirements import Requirement

from ..conftest import ROOT


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text())


def _locked(name: str) -> dict[str, str]:
    pins = {}
    for line in (ROOT / name).read_text().splitlines():
        m = re.match(r"^([A-Za-z0-9_.-]+)==([^ \\;]+)", line)
        if m:
            pins[m.group(1).lower().replace("_", "-")] = m.group(2)
    return pins


def _runtime() -> list[Requirement]:
    return [Requirement(r) for r in _pyproject()["project"]["dependencies"]]


@pytest.mark.parametrize("lock", ["requirements.lock", "requirements-test.lock"])
def test_every_runtime_dependency_is_locked_within_its_bounds(lock):
    pins = _locked(lock)
    for req in _runtime():
        name = req.name.lower().replace("_", "-")
        assert name in pins, f"{req.name} is not in {lock}"
        assert req.specifier.contains(pins[name]), f"{lock} pins {name}=={pins[name]}, outside {req}"


def test_every_runtime_dependency_has_an_upper_bound():
    for req in _runtime():
        assert any(s.operator in ("<", "<=", "==", "~=") for s in req.specifier), req


def test_the_test_lock_holds_every_test_extra():
    pins = _locked("requirements-test.lock")
    for raw in _pyproject()["project"]["optional-dependencies"]["test"]:
        req = Requirement(raw)
        name = req.name.lower().replace("_", "-")
        assert name in pins and req.specifier.contains(pins[name]), raw


def test_the_lock_pins_the_textual_the_snapshots_were_made_with():
    import textual

    assert _locked("requirements-test.lock")["textual"] == textual.__version__
