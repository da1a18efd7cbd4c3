"""Exports: iCalendar read by the real icalendar package, CSV for spreadsheets, the YAML
and JSON round trip, and safe writing (no overwrite, mode 0600, atomic)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import icalendar
import pytest

from netplan.domain.followups import next_follow_up as follow_up_date
from netplan.store.database import open_store
from netplan.store.records import (
    Assessment,
    Contact,
    Event,
    Goal,
    Interaction,
    Pitch,
    Question,
    Referral,
)
from netplan.transfer.csvout import contacts_csv, guard
from netplan.transfer.exports import DataView, export_to, render
from netplan.transfer.files import TransferError, write_private
from netplan.transfer.ical import calendar_text
from netplan.transfer.import_plan import apply_import
from netplan.transfer.yamljson import dump_yaml, export_data, parse_text

ADA = "00000000-0000-4000-8000-00000000000a"
BOB = "00000000-0000-4000-8000-00000000000b"
CY = "00000000-0000-4000-8000-00000000000c"


def seed(store):
    """One of every record, with the awkward text users really have."""
    meetup = Event(id="e1", name="PyLadies Berlin, December", date="2026-12-03",
                   place="Berlin; Mitte", url="https://example.org/pyladies",
                   notes="Bring stickers\nand a laptop")
    past = Event(id="e2", name="Old meetup", date="2026-10-01", status="attended")
    store.save_many([
        Contact(id=ADA, name="Ada Lovelace", company="Engines", role="Engineer", cadence_days=14,
                emails=("ada@example.org",), links={"linkedin": "https://linkedin.com/in/ada"},
                tags=("mentor", "python"), notes="Loves\nengines", met_at="e1",
                extra={"vcard_extra": ["BDAY:1815-12-10"], "custom": {"nested": [1, 2]}}),
        Contact(id=BOB, name="Bob =SUM(A1) " + "x" * 80, company="-Minus Co", role="@handle",
                next_follow_up="2026-12-01", personal="Kids: 2; dog: 🐕"),
        Contact(id=CY, name="Cy Without Followup"),
        Interaction(id="i1", date="2026-11-10", kind="coffee", contacts=(ADA,),
                    summary="Coffee", questions=({"question": "q1", "answer": "Yes"},)),
        Interaction(id="i2", date="2026-11-30", kind="informational_interview",
                    contacts=(ADA, CY), planned=True, summary="Prep: ask about roles"),
        Goal(id="g1", week="2026-W48", title="Reach out to 3 people", target=3, progress=1),
        meetup, past,
        Referral(id="r1", contact=ADA, company="Engines", role="Dev", asked_on="2026-11-20"),
        Question(id="q1", text="How did you land your first job?", category="story"),
        Assessment(id="a1", date="2026-11-23", ratings={"p1": 3, "i1": 5}, note="ok"),
        Pitch(id="p1", title="Short", text="I build things.\nWith Python."),
    ])
    store.set_setting("theme", "dark")


def test_ics_is_valid_and_holds_every_follow_up_and_planned_event(store):
    seed(store)
    text = calendar_text(store.all(Contact), store.all(Interaction), store.all(Event),
                         now=dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC))
    assert all(line.endswith("\r") or line == "" for line in text.split("\n"))
    assert all(len(line.encode()) <= 76 for line in text.split("\n"))  # 75 + the CR
    cal = icalendar.Calendar.from_ical(text)
    todos = {str(t["UID"]): t for t in cal.walk("VTODO")}
    assert set(todos) == {f"followup-{ADA}@netplan", f"followup-{BOB}@netplan"}
    ada = todos[f"followup-{ADA}@netplan"]
    assert ada["DUE"].dt == dt.date(2026, 11, 24)  # last coffee 11-10 + 14 days; planned ignored
    assert str(ada["SUMMARY"]) == "Follow up with Ada Lovelace"
    assert str(ada["STATUS"]) == "NEEDS-ACTION"
    assert ada["DTSTAMP"].dt == dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC)
    bob = todos[f"followup-{BOB}@netplan"]
    assert bob["DUE"].dt == dt.date(2026, 12, 1)
    assert str(bob["SUMMARY"]).startswith("Follow up with Bob =SUM(A1) xxx")  # unfolded whole
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    assert set(events) == {"event-e1@netplan", "planned-i2@netplan"}
    meetup = events["event-e1@netplan"]
    assert str(meetup["SUMMARY"]) == "PyLadies Berlin, December"
    assert str(meetup["LOCATION"]) == "Berlin; Mitte"
    assert str(meetup["DESCRIPTION"]) == "Bring stickers\nand a laptop"
    assert meetup["DTSTART"].dt == dt.date(2026, 12, 3)
    assert "Ada Lovelace, Cy Without Followup" in str(events["planned-i2@netplan"]["SUMMARY"])


def test_follow_up_rule():
    c = Contact(name="x", cadence_days=7)
    assert follow_up_date(c, dt.date(2026, 11, 1)) == dt.date(2026, 11, 8)
    assert follow_up_date(c, None) is None
    assert follow_up_date(c.replace(next_follow_up="2026-12-24"), dt.date(2026, 11, 1)) == \
        dt.date(2026, 12, 24)
    assert follow_up_date(Contact(name="y"), dt.date(2026, 11, 1)) is None


def test_csv_guards_formulas_and_reads_back(store):
    seed(store)
    text = contacts_csv(store.all(Contact), store.all(Interaction))
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert [r["name"][:6] for r in rows] == ["Ada Lo", "Bob =S", "Cy Wit"]
    bob = rows[1]
    assert bob["company"] == "'-Minus Co" and bob["role"] == "'@handle"
    assert bob["next_follow_up"] == "2026-12-01"
    ada = rows[0]
    assert ada["emails"] == "ada@example.org" and ada["linkedin"] == "https://linkedin.com/in/ada"
    assert ada["notes"] == "Loves\nengines" and ada["last_interaction"] == "2026-11-10"
    assert ada["tags"] == "mentor; python"


@pytest.mark.parametrize("cell, out", [
    ("=1+2", "'=1+2"), ("+49 30 1234", "'+49 30 1234"), ("-5", "'-5"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=x", "'\t=x"), ("Ada", "Ada"), ("a=b", "a=b"), ("", ""), (None, ""),
])
def test_guard(cell, out):
    assert guard(cell) == out


def test_yaml_round_trip_gives_an_equal_store(store, tmp_path):
    seed(store)
    first = export_data(store)
    path = tmp_path / "export.yaml"
    path.write_text(dump_yaml(first), encoding="utf-8")
    other = open_store(tmp_path / "empty" / "netplan.json")
    result = apply_import(other, parse_text(path.read_text(encoding="utf-8"), source=str(path)))
    assert result.counts()["created"] == 12
    assert export_data(other) == first
    # And once more: importing it again changes nothing.
    again = apply_import(other, parse_text(path.read_text(encoding="utf-8")))
    assert again.counts() == {"created": 0, "updated": 0, "skipped": 12}


def test_json_export_is_read_by_import_yaml(store, tmp_path):
    seed(store)
    text, count = render(store, "json")
    assert count == 12 and json.loads(text)["format"] == "netplan-export"
    other = open_store(tmp_path / "o.json")
    apply_import(other, parse_text(text.replace("/", "\\/")))  # JSON escapes PyYAML rejects
    assert export_data(other) == export_data(store)


def test_yaml_import_replaces_changed_records_and_keeps_others(store, tmp_path):
    seed(store)
    data = export_data(store)
    data["contacts"][0]["company"] = "New Co"
    data["contacts"] = data["contacts"][:1]
    store.save(Contact(name="Only in the store"))
    result = apply_import(store, parse_text(dump_yaml(data)))
    assert result.counts()["updated"] == 1
    names = {c.name: c for c in store.all(Contact)}
    assert names["Ada Lovelace"].company == "New Co" and "Only in the store" in names


@pytest.mark.parametrize("text, line, words", [
    ("format: netplan-export\nschema: 1\ncontacts:\n  - id: a\n    name: [unclosed\n", 6,
     "not valid YAML"),
    ("format: netplan-export\nschema: 1\ncontacts:\n  - name: Ada\n", 4, "no usable `id`"),
    ("format: netplan-export\nschema: 1\ncontacts:\n  - id: a\n  - id: a\n", 5, "appears twice"),
    ("format: netplan-export\nschema: 1\ncontacts:\n  - id: a\n    met_on: soon\n", 5,
     "met_on is not a date like 2026-11-23: 'soon'"),
    ("format: netplan-export\nschema: 1\ngoals:\n  - id: g\n    title: t\n    target: [1]\n",
     6, "goal g: target should be a whole number, not a list"),
    ("format: netplan-export\nschema: 1\ngoals:\n  - id: g\n    target: 1e400\n", 5,
     "goal g: target should be a whole number"),
    ("format: netplan-export\nschema: 1\ncontacts:\n  - id: c\n    name: null\n", 5,
     "contact c: name should be text, not null"),
    ("format: netplan-export\nschema: 1\ninteractions:\n  - id: i\n    kind: null\n", 5,
     "interaction i: kind should be text, not null"),
    ("format: netplan-export\nschema: 1\nquestions:\n  - id: q\n    text: 123\n", 5,
     "question q: text should be text, not 123"),
    ("format: netplan-export\nschema: 1\nfriends: []\n", 3, "unknown table 'friends'"),
    ("format: netplan-export\nschema: 99\n", 2, "newer netplan"),
    ("name: not an export\n", 1, "not a netplan export"),
    ('{"format": "netplan-export",\n "schema": 1,\n "contacts": [}\n', 3, "not valid JSON"),
    ("format: netplan-export\nschema: 1\ncontacts:\n  - id: a\n"
     "    name: !!python/object/apply:os.system ['true']\n", 4, "cannot read this record"),
])
def test_malformed_yaml_names_the_line_and_leaves_the_store(store, store_path, text, line,
                                                             words):
    seed(store)
    before = store_path.read_bytes()
    with pytest.raises(TransferError) as info:
        apply_import(store, parse_text(text, source="bad.yaml"))
    assert info.value.line == line and words in str(info.value), str(info.value)
    assert store_path.read_bytes() == before


def test_yaml_import_strips_escape_sequences(store):
    text = ('format: netplan-export\nschema: 1\ncontacts:\n'
            '  - id: a1\n    name: "Eve \\e[31mRed\\a"\n    notes: "two\\nlines\\e]0;x\\a"\n')
    apply_import(store, parse_text(text))
    eve = store.get(Contact, "a1")
    assert eve.name == "Eve Red" and eve.notes == "two\nlines"


def test_a_failure_in_the_middle_leaves_the_store_as_it_was(store, store_path, monkeypatch):
    seed(store)
    before = store_path.read_bytes()
    text = dump_yaml({**export_data(store), "meta": {"settings": {"a": 1}}})
    parsed = parse_text(text.replace("Ada Lovelace", "Ada Changed"))

    def broken(key, value):
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "set_setting", broken)  # after save_many, inside the transaction
    with pytest.raises(RuntimeError):
        apply_import(store, parsed)
    assert store_path.read_bytes() == before
    assert store.get(Contact, ADA).name == "Ada Lovelace"


def test_exports_refuse_to_overwrite_and_are_private(store, tmp_path):
    seed(store)
    target = tmp_path / "out.yaml"
    target.write_text("precious")
    with pytest.raises(TransferError, match="already exists; use --force"):
        export_to(store, "yaml", target)
    assert target.read_text() == "precious"
    export_to(store, "yaml", target, force=True)
    assert target.stat().st_mode & 0o777 == 0o600
    assert target.read_text(encoding="utf-8").startswith("# netplan export")
    fresh = tmp_path / "new.csv"
    export_to(store, "csv", fresh)
    assert fresh.stat().st_mode & 0o777 == 0o600
    assert fresh.read_bytes().startswith(b"\xef\xbb\xbfname,company")
    assert not [p for p in tmp_path.iterdir() if ".tmp-" in p.name]
    with pytest.raises(TransferError, match="does not exist"):
        write_private(tmp_path / "nowhere" / "x.ics", b"x", force=False)


def test_data_view_exports_like_the_store(store):
    seed(store)
    view = DataView.of(store)
    for fmt in ("yaml", "json", "csv"):
        assert render(view, fmt) == render(store, fmt)
