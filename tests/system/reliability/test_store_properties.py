"""Property (issue 15): a store with any JSON value in any field is either refused by
`netplan check` naming the field, or opens every screen and runs every reading command
without a traceback. Wrong values are read as netplan repairs them, so the reading
commands must also run on the stores `check` refuses."""

from __future__ import annotations

import asyncio
import contextlib
import io
import json
import os
import subprocess

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from netplan.cli import main
from netplan.store.database import open_store
from netplan.store.records import BY_TABLE, PHONE_TYPES, SCHEMA_VERSION, field_kinds
from netplan.store.validate import CHOICES, CLOCK_FIELDS, DATE_FIELDS, REFERENCES, TIME_FIELDS

from ...conftest import make_app, netplan_cmd, subprocess_env


def base_store() -> dict:
    return {
        "meta": {"meta": {"id": "meta", "schema": SCHEMA_VERSION,
                          "created": "2026-11-01T09:00:00"}},
        "contacts": {
            "c1": {"id": "c1", "name": "Ada", "company": "Engines", "stage": "talked",
                   "emails": ["ada@example.org"], "links": {"web": "https://ada.example"},
                   "phones": [{"type": "work", "number": "+44 20 7946 0000"}],
                   "tags": ["rust"], "met_on": "2026-11-02", "met_at": "e1",
                   "cadence_days": 14, "created": "2026-11-02T10:00:00"},
            "c2": {"id": "c2", "name": "Grace", "introduced_by": "c1",
                   "next_follow_up": "2026-11-25"},
        },
        "interactions": {"i1": {"id": "i1", "date": "2026-11-20", "kind": "coffee",
                                "contacts": ["c1", "c2"], "summary": "Rust jobs",
                                "outreach": True, "event": "e1",
                                "questions": [{"question": "q1", "answer": "by luck"}]}},
        "goals": {"g1": {"id": "g1", "week": "2026-W48", "title": "Meet two people",
                         "target": 2, "progress": 1, "metric": "conversations"}},
        "events": {"e1": {"id": "e1", "name": "RustConf", "kind": "conference",
                          "date": "2026-11-10", "status": "attended",
                          "start_time": "18:30", "duration_minutes": 90}},
        "referrals": {"r1": {"id": "r1", "contact": "c1", "company": "Engines",
                             "status": "asked", "asked_on": "2026-11-21"}},
        "questions": {"q1": {"id": "q1", "text": "How did you start?", "category": "Path"}},
        "assessments": {"a1": {"id": "a1", "date": "2026-11-15", "ratings": {"p1": 3}}},
        "pitches": {"p1": {"id": "p1", "title": "Short", "text": "I build things."}},
        "cadences": {"t1": {"id": "t1", "tag": "rust", "cadence_days": 90}},
        "companies": {"k1": {"id": "k1", "name": "Engines", "aliases": ["AE"],
                             "priority": "dream", "status": "networking",
                             "postings": [{"title": "Dev", "url": "https://e.test",
                                           "date": "2026-11-20"}],
                             "created": "2026-11-01T09:00:00"}},
    }


RECORDS = [(table, rid) for table, docs in base_store().items() if table != "meta"
           for rid in docs]


def keyed_the_tinydb_way(data: dict) -> dict:
    """The store as netplan writes it: each table's documents keyed 1, 2, 3 …"""
    return {table: {str(n): doc for n, doc in enumerate(docs.values(), start=1)}
            for table, docs in data.items()}


def key_of(table: str, rid: str) -> str:
    return str(list(base_store()[table]).index(rid) + 1)
PLAUSIBLE = st.sampled_from([
    "", "2026-11-23", "2026-W48", "c1", "e1", "coffee", "talked", "done", "manual", 0, 1, 5,
    999, 1000, -1, True, False, None, [], {}, ["c1"], "1e400", 1e300, 2.5,
])
JSON = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=12) | PLAUSIBLE,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=4), inner,
                                                                 max_size=3),
    max_leaves=5,
)


TEXT = st.text(max_size=12)
BY_KIND = {
    "str": TEXT, "optstr": st.none() | TEXT, "bool": st.booleans(),
    "int": st.integers(min_value=1, max_value=999), "optint": st.none()
    | st.integers(min_value=1, max_value=999), "texts": st.lists(TEXT, max_size=3),
    "links": st.dictionaries(TEXT, TEXT, max_size=2),
    "ratings": st.dictionaries(TEXT, st.integers(min_value=1, max_value=5), max_size=2),
    "answers": st.lists(st.fixed_dictionaries({"question": st.sampled_from(["q1", "x"]),
                                               "answer": TEXT}), max_size=2),
    "phones": st.lists(st.fixed_dictionaries({"type": st.sampled_from(PHONE_TYPES),
                                              "number": TEXT}), max_size=2),
    # what netplan notes on a record itself (contact_changes): any object
    "object": st.dictionaries(TEXT, st.dictionaries(TEXT, TEXT, max_size=2), max_size=2),
    "postings": st.lists(st.fixed_dictionaries({"title": TEXT, "url": TEXT, "date": TEXT}),
                         max_size=2),
}
DAYS = st.dates().map(lambda d: d.isoformat()) | st.sampled_from(["2026-11-23", ""])


def valid_value(table: str, name: str, kind: str):
    """A value of the field's own type (which `check` may still refuse: a dangling id)."""
    if name in CHOICES.get(table, {}):
        return st.sampled_from(CHOICES[table][name])
    if name in DATE_FIELDS.get(table, ()) or name in TIME_FIELDS.get(table, ()):
        return DAYS | st.none() if kind == "optstr" else DAYS
    if name in CLOCK_FIELDS.get(table, ()):
        return st.none() | st.sampled_from(["18:30", "09:05", "7pm", "25:00", ""])
    if table == "goals" and name == "week":
        return st.sampled_from(["2026-W48", "2026-W47", "2025-W01", ""])
    if name in REFERENCES.get(table, {}):
        ids = st.sampled_from(["c1", "c2", "e1", "g1", "nobody"])
        return st.lists(ids, max_size=3) if kind == "texts" else st.none() | ids
    return BY_KIND[kind]


@st.composite
def mutations(draw):
    out = []
    for _ in range(draw(st.integers(min_value=1, max_value=2))):
        table, rid = draw(st.sampled_from(RECORDS))
        kinds = field_kinds(BY_TABLE[table])
        name = draw(st.sampled_from(["id", *kinds]))
        valid = name != "id" and draw(st.integers(min_value=0, max_value=3)) > 0
        value = draw(valid_value(table, name, kinds[name]) if valid else JSON)
        out.append((table, rid, name, value))
    return out


READING = (["contacts"], ["contacts", "--json"], ["due", "--within", "30"], ["goals"],
           ["goals", "--json"], ["review"], ["review", "--format", "json"], ["questions"],
           ["questions", "--json"], ["export", "-f", "json"], ["export", "-f", "yaml"],
           ["export", "-f", "csv"], ["export", "-f", "ics"], ["companies"],
           ["companies", "--json"], ["duplicates"], ["duplicates", "--json"])


def quietly(argv: list[str]) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(argv)
    return status, out.getvalue() + err.getvalue()


async def tour(path) -> None:
    app = make_app(open_store(path))
    async with app.run_test(size=(80, 24)) as pilot:
        for key in "12345":
            await pilot.press(key)
            await pilot.pause()
        await pilot.press("2", "enter")
        await pilot.pause()
        for key in ("c", "escape", "D", "escape"):  # companies, possible duplicates
            await pilot.press(key)
            await pilot.pause()
        assert app.is_running, app.return_code


@settings(max_examples=int(os.environ.get("NETPLAN_PROPERTY_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(changes=mutations())
def test_check_names_the_field_or_everything_runs(tmp_path_factory, changes):
    path = tmp_path_factory.mktemp("prop") / "s.json"
    data = base_store()
    for table, rid, name, value in changes:
        data[table][rid][name] = value
    path.write_text(json.dumps(keyed_the_tinydb_way(data)))
    before = path.read_bytes()
    status, report = quietly(["check", "--db", str(path)])
    event("check passes" if status == 0 else "check refuses")
    if status != 0:
        named = [f"{t}/{r}: {n}" for t, r, n, _ in changes] + [
            f"{t}/{t}-{key_of(t, r)}: id" for t, r, n, _ in changes if n == "id"] + [
            f"{t}/{r}: the id is used" for t, r, n, _ in changes if n == "id"] + [
            f"points to a missing {t[:-1]} {r}" for t, r, n, _ in changes if n == "id"]
        assert "cannot read the store" in report or any(n in report for n in named), report
    for argv in READING:
        code, text = quietly([*argv, "--db", str(path)])
        if status == 0:
            assert code == 0, (argv, text)
    assert path.read_bytes() == before  # reading repairs in memory only
    if status == 0:
        out = subprocess.run(netplan_cmd("contacts", "--db", str(path)), capture_output=True,
                             text=True, env=subprocess_env(), timeout=60)
        assert out.returncode == 0 and "Traceback" not in out.stderr, out.stderr
        asyncio.run(tour(path))
