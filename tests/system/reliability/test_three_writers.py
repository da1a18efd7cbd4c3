"""Three processes on one store: two command-line loops and a TUI adding goals with keys."""

from __future__ import annotations

import subprocess

from netplan.store.database import open_store
from netplan.store.records import Goal

from ...conftest import make_app, netplan_cmd, subprocess_env

LOOP = 25


def _cli_loop(path, label: str) -> subprocess.Popen:
    # one shell loop of real `netplan goal add` processes
    script = "; ".join(
        f"{' '.join(map(repr, netplan_cmd('goal', 'add', f'{label} {i}', '--db', str(path))))} || exit 1"
        for i in range(LOOP)
    )
    return subprocess.Popen(["sh", "-c", script], env=subprocess_env(), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE)


async def test_two_cli_loops_and_a_tui_lose_nothing(store, store_path):
    loops = [_cli_loop(store_path, "cli-a"), _cli_loop(store_path, "cli-b")]
    app = make_app(store)
    async with app.run_test(size=(80, 24)) as pilot:
        for i in range(LOOP):
            await pilot.press("n")
            await pilot.pause()
            await pilot.press(*f"tui {i}")
            await pilot.press("enter")
            await pilot.pause()
    for proc in loops:
        assert proc.wait(timeout=300) == 0, proc.stderr.read().decode()
    goals = open_store(store_path).all(Goal)
    titles = [g.title for g in goals]
    expected = {f"{who} {i}" for who in ("cli-a", "cli-b", "tui") for i in range(LOOP)}
    assert set(titles) == expected
    assert len(titles) == len(expected)  # nothing twice
    assert len({g.id for g in goals}) == len(goals)
