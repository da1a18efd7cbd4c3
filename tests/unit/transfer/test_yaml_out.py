"""The streamed YAML export reads back equal, whatever the records hold (the safe loader
netplan imports with is the judge), and stays a readable block of records."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from netplan.domain.demo import fill
from netplan.transfer.yaml_out import scalar, yaml_chunks
from netplan.transfer.yamljson import dump_yaml, export_data, parse_text, yaml_export

LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text()
    | st.floats(allow_nan=False, allow_infinity=True),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=4),
    max_leaves=12,
)
records = st.lists(st.dictionaries(st.text(min_size=1, max_size=12), values, max_size=6),
                   max_size=4)


def _load(text: str):
    return yaml.load(text, Loader=LOADER)


@settings(max_examples=300, deadline=None)
@given(records)
def test_any_records_read_back_equal(docs):
    text = b"".join(yaml_chunks({"format": "netplan-export", "schema": 3},
                                [("contacts", docs), ("events", [])])).decode("utf-8")
    assert _load(text) == {"format": "netplan-export", "schema": 3, "contacts": docs,
                           "events": []}


def test_strings_yaml_would_read_as_something_else_are_quoted():
    for text in ("yes", "No", "on", "OFF", "null", "~", "true", "2026-11-23", "12", "1e3",
                 "0x1f", ".inf", "a: b", "a #b", "- x", "[x]", "{x}", "x,y", "", " x", "x ",
                 "*x", "&x", "!x", "%x", "@x", "`x", "|", ">", "'x", '"x', "\u0085", "\u2028",
                 "a\nb", "tab\there", "\x1b[2J", "\ufeffx", "=", "<<"):
        assert _load(f"v: {scalar(text)}\n") == {"v": text}, text
    # Nothing that moves a terminal's cursor or reorders its line is written raw.
    for text in ("\x1b]52;c;x\x07", "\x9b2J", "evil\u202eexe.txt", "\u2066x\u2069"):
        written = scalar(text)
        assert not any(ch in written for ch in "\x1b\x07\x9b\u202e\u2066\u2069"), written
        assert _load(f"v: {written}\n") == {"v": text}
    assert scalar("Ada Lovelace") == "Ada Lovelace"  # plain where it reads the same
    assert scalar("next_follow_up") == "next_follow_up"


def test_a_demo_store_exports_readably_and_imports_back_equal(store):
    fill(store, contacts=40, interactions=200, weeks=8, seed=5)
    data = export_data(store)
    text = dump_yaml(data)
    assert _load(text) == data
    assert "\n- id: " in text and "\n  name: " in text  # a block per record
    snap = parse_text(text)
    assert sum(len(v) for v in snap.tables.values()) == sum(
        len(v) for v in data.values() if isinstance(v, list))


def test_the_export_reads_the_store_a_run_at_a_time_and_writes_what_a_full_read_holds(
        store_path, tmp_path):
    """`netplan export --format yaml` of a store netplan wrote reads the tables it has not
    parsed a run of records at a time (72 MiB at 50,000 contacts instead of 595): the same
    text as from the whole data, the interaction a session logged a moment before
    included, and the store's birthday (meta.created) in its head."""
    from netplan.store import layout as storeformat
    from netplan.store.data_view import DataView
    from netplan.store.database import open_store
    from netplan.store.records import Interaction
    from netplan.transfer.exports import export_to

    seed = open_store(store_path)
    fill(seed, contacts=2 * storeformat.RUN + 7, interactions=40, weeks=8, seed=3)
    seed.close()
    session = open_store(store_path)
    session.defer_checkpoints()  # as the TUI: the coffee is in the journal, not the file
    session.save(Interaction(id="fresh-coffee", kind="coffee", summary="logged just now"))
    command = open_store(store_path)
    report = export_to(command, "yaml", tmp_path / "out.yaml")
    # contacts streamed, not kept; the interactions, which the journal changes, parsed
    assert command._storage.parsed_tables == {"meta", "interactions"}
    text = (tmp_path / "out.yaml").read_text()
    whole = DataView.of(open_store(store_path))
    assert text == b"".join(yaml_export(whole)[0]).decode()
    data = _load(text)
    assert "fresh-coffee" in {i["id"] for i in data["interactions"]}
    assert report.written == sum(len(v) for v in data.values() if isinstance(v, list))
    assert data["meta"]["created"] == session.raw()["meta"]["1"]["created"]
    snap = parse_text(text)
    assert snap.created == data["meta"]["created"]  # a restore keeps the store's birthday
