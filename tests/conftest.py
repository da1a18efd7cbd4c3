"""Shared fixtures: a real store on tmp_path, a frozen 'today', an app on that store."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path

import pytest

from netplan.store.database import Store, open_store
from netplan.support import config as settings
from netplan.support import dates

# Every test sees the same Monday, so weeks, follow-ups and snapshots are stable.
TODAY = dt.date(2026, 11, 23)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _frozen_today():
    dates.freeze_today(TODAY)
    yield
    dates.freeze_today(None)


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path_factory, monkeypatch):
    # No test may touch the real ~/.local/share/netplan.
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    # ... nor the real ~/.config/netplan/config.toml; each test reads its own.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.delenv("NETPLAN_DB", raising=False)
    monkeypatch.delenv("NETPLAN_CRASH_AT", raising=False)
    monkeypatch.delenv("NETPLAN_LOCK_TIMEOUT", raising=False)
    settings.forget()
    yield
    settings.forget()


@pytest.fixture
def store_path(tmp_path) -> Path:
    return tmp_path / "data" / "netplan.json"


@pytest.fixture
def store(store_path) -> Store:
    return open_store(store_path)


def make_app(store: Store, **kwargs):
    """The app as tests and snapshots build it: fixed identity, fast polling."""
    from netplan.app import NetplanApp

    kwargs.setdefault("poll_seconds", 0.2)
    app = NetplanApp(store, **kwargs)
    app.identity = "ada@homeserver"
    return app


def netplan_cmd(*args: str) -> list[str]:
    """The real command line, as a subprocess runs it."""
    return [sys.executable, "-m", "netplan", *args]


def subprocess_env(**extra: str) -> dict[str, str]:
    env = dict(os.environ)
    env.update(extra)
    env.setdefault("NETPLAN_TODAY", TODAY.isoformat())
    return env


async def answer(pilot, key: str) -> None:
    """Answer a y/n question as a person does: after it is on screen (it ignores keys
    that arrive with the burst that opened it)."""
    from netplan.dialogs.form import ConfirmDialog

    await pilot.pause(ConfirmDialog.SETTLE_SECONDS + 0.05)
    await pilot.press(key)


def pytest_collection_modifyitems(items):
    # Snapshot tests share one xdist worker (`--dist loadgroup` in the Makefile): they are
    # the tests most sensitive to a loaded machine, and one worker keeps them in step.
    for item in items:
        if "snap_compare" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.xdist_group("snapshots"))
