"""Property-based checks of what users type and import: the cadence parser and the importers.

Whatever the input, an importer either reads it or refuses it with a TransferError naming
the line; what it reads never carries control characters or escape sequences, and
applying it leaves a store that `check` finds clean.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from netplan.domain.contact_fields import parse_cadence
from netplan.store.database import open_store
from netplan.store.records import Contact
from netplan.store.validate import check_data
from netplan.transfer import linkedin, vcard, yamljson
from netplan.transfer.files import TransferError
from netplan.transfer.import_plan import apply_import

SETTINGS = settings(max_examples=120, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])
NASTY = st.sampled_from(["", "Ada", "[bold]Ada[/]", "\x1b]52;c;ZXZpbA==\x07", "\x1b[2J", "سارة",
                         "👩🏽‍💻", "a,b", '"quoted, comma"', "\x00", "line\nbreak", "x" * 5000])
CELL = st.one_of(NASTY, st.text(alphabet=st.characters(codec="utf-8"), max_size=40))
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\x1b]")

HEADER = "First Name,Last Name,URL,Email Address,Company,Position,Connected On"


def _csv_cell(value: str) -> str:
    return '"' + value.replace('"', '""') + '"'


@SETTINGS
@given(st.one_of(st.text(max_size=12), st.integers(-10**9, 10**9).map(str), NASTY))
def test_cadence_is_a_whole_number_of_days_or_a_message(text):
    try:
        days = parse_cadence(text)
    except ValueError as exc:
        assert str(exc)
    else:
        assert days is None or 1 <= days <= 10_000


def _assert_clean(people) -> None:
    for person in people:
        contact = getattr(person, "contact", person)
        for value in (contact.name, contact.company, contact.role, contact.location):
            assert not _CONTROL.search(value), repr(value)


@SETTINGS
@given(rows=st.lists(st.lists(CELL, min_size=7, max_size=7), max_size=6),
       preamble=st.sampled_from(["", "Notes:\n\"When exporting, some e-mails are hidden.\"\n\n"]))
def test_any_linkedin_file_is_read_or_refused_by_line(tmp_path_factory, rows, preamble):
    text = preamble + HEADER + "\r\n" + "".join(",".join(map(_csv_cell, r)) + "\r\n" for r in rows)
    try:
        parsed = linkedin.parse_text(text)
    except TransferError as exc:
        assert "line" in str(exc)
        return
    _assert_clean(parsed.people)
    store = open_store(tmp_path_factory.mktemp("li") / "s.json")
    apply_import(store, parsed)
    assert check_data(store.raw()) == []
    assert all(c.name.strip() for c in store.all(Contact))


@SETTINGS
@given(st.lists(st.tuples(CELL, CELL, CELL), max_size=4), st.sampled_from(["3.0", "4.0"]))
def test_any_vcard_file_is_read_or_refused(tmp_path_factory, cards, version):
    def esc(s: str) -> str:
        return s.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;").replace("\n", "\\n")

    text = "".join(
        f"BEGIN:VCARD\r\nVERSION:{version}\r\nFN:{esc(fn)}\r\nORG:{esc(org)}\r\nNOTE:{esc(note)}\r\n"
        "X-CUSTOM:kept\r\nEND:VCARD\r\n" for fn, org, note in cards)
    try:
        parsed = vcard.parse_text(text)
    except TransferError as exc:
        assert str(exc)
        return
    _assert_clean(parsed.people)
    store = open_store(tmp_path_factory.mktemp("vc") / "s.json")
    apply_import(store, parsed)
    assert check_data(store.raw()) == []


@SETTINGS
@given(st.text(max_size=300))
def test_any_yaml_text_is_read_or_refused(tmp_path_factory, text):
    try:
        parsed = yamljson.parse_text(text)
    except TransferError as exc:
        assert str(exc)
        return
    store = open_store(tmp_path_factory.mktemp("ym") / "s.json")
    try:
        apply_import(store, parsed)
    except TransferError as exc:  # a well-formed file with records that do not fit
        assert str(exc)
    assert check_data(store.raw()) == []


@pytest.mark.parametrize("blob", [b"\xff\xfe\x00bad", b"First Name\xc3\x28,Last"])
def test_invalid_utf8_files_are_refused_with_a_message(tmp_path, blob):
    path = tmp_path / "Connections.csv"
    path.write_bytes(blob)
    with pytest.raises(TransferError) as err:
        linkedin.parse_file(str(path))
    assert str(path) in str(err.value)
