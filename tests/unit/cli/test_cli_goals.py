"""`netplan goals`, `netplan goal add`, `netplan review` as a user or cron runs them."""

from __future__ import annotations

import json
import subprocess

import pytest

from netplan.store.database import open_store
from netplan.store.records import Goal, Interaction

from ...conftest import netplan_cmd, subprocess_env


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(netplan_cmd(*args), capture_output=True, text=True,
                          env=subprocess_env(), timeout=60)


def test_goal_add_then_goals_lists_it(store_path):
    out = run("goal", "add", "Reach out to 3 people", "--target", "3", "--metric", "outreach",
              "--db", str(store_path))
    assert out.returncode == 0, out.stderr
    assert "2026-W48" in out.stdout
    store = open_store(store_path)
    [goal] = store.all(Goal)
    assert (goal.week, goal.target, goal.metric, goal.area) == ("2026-W48", 3, "outreach", "exposure")
    store.save(Interaction(date="2026-11-29T23:59", kind="dm", outreach=True))
    listing = run("goals", "--db", str(store_path))
    assert listing.returncode == 0
    assert "1/3" in listing.stdout and "Reach out to 3 people" in listing.stdout
    assert "\x1b" not in listing.stdout
    data = json.loads(run("goals", "--json", "--db", str(store_path)).stdout)
    assert data["goals"][0]["progress"] == 1 and data["goals"][0]["status"] == "doing"


def test_goal_add_to_another_week_and_relative_weeks(store_path):
    assert run("goal", "add", "Later", "--week", "2026-W50", "--area", "image",
               "--db", str(store_path)).returncode == 0
    assert run("goal", "add", "Next", "--week", "next", "--db", str(store_path)).returncode == 0
    weeks = sorted(g.week for g in open_store(store_path).all(Goal))
    assert weeks == ["2026-W49", "2026-W50"]


@pytest.mark.parametrize("args, message", [
    (["--target", "0"], "at least 1"),
    (["--target", "lots"], "whole number"),
    (["--metric", "likes"], "unknown metric"),
    (["--area", "fame"], "unknown area"),
    (["--week", "2026-W60"], "no week 60"),
    (["--week", "soon"], "not an ISO week"),
])
def test_bad_goal_input_exits_2_with_one_line(store_path, args, message):
    out = run("goal", "add", "Go", *args, "--db", str(store_path))
    assert out.returncode == 2
    assert len(out.stderr.strip().splitlines()) == 1 and message in out.stderr
    assert not store_path.exists() or open_store(store_path).all(Goal) == []


def test_empty_title_is_refused(store_path):
    out = run("goal", "add", "   ", "--db", str(store_path))
    assert out.returncode == 2 and "title" in out.stderr


def test_review_formats_for_cron(store, store_path):
    store.save(Goal(week="2026-W48", title="\x1b[2J[red]Wipe[/red]", target=1))
    text = run("review", "--db", str(store_path))
    assert text.returncode == 0
    assert "\x1b" not in text.stdout and "[red]Wipe[/red]" in text.stdout
    assert text.stdout.startswith("Weekly review 2026-W48")
    md = run("review", "--format", "markdown", "--week", "2026-W48", "--db", str(store_path))
    assert md.stdout.startswith("# Weekly review") and "## Metrics" in md.stdout
    data = json.loads(run("review", "--format", "json", "--db", str(store_path)).stdout)
    assert data["goals_missed"][0]["title"] == "\x1b[2J[red]Wipe[/red]"  # JSON keeps the data
    last = run("review", "--week", "last", "--db", str(store_path))
    assert "2026-W47" in last.stdout


def test_review_bad_week_and_missing_store(tmp_path):
    out = run("review", "--week", "W48", "--db", str(tmp_path / "s.json"))
    assert out.returncode == 2 and len(out.stderr.strip().splitlines()) == 1
    out = run("review", "--db", str(tmp_path / "none.json"))
    assert out.returncode == 1 and out.stdout == ""
    assert "no store at" in out.stderr
    assert not (tmp_path / "none.json").exists()  # a review never creates the store
