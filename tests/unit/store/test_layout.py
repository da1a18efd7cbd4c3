"""The store file's layout: plain JSON in runs of records, tables parsed lazily and exactly."""

from __future__ import annotations

import json

import orjson
import pytest

from netplan.store import layout as storeformat
from netplan.store.database import StoreDamaged, open_store
from netplan.store.records import Contact, Goal, Interaction

TRICKY = {
    "meta": {"meta": {"id": "meta", "schema": 1}},
    "contacts": {
        "a": {"id": "a", "name": "Zoë 李 نور [bold]x[/]", "notes": '}\n"b":{\n,\r\t\u2028\x1b[31m'},
        "b": {"id": "b", "links": {"contacts": {"x": 1}}, "tags": []},
        "c": {"id": "c", "notes": "ends like a run },"},
    },
    "interactions": {},
    "goals": {"g": {"id": "g", "progress": 2, "ratio": 0.5, "ok": True, "none": None}},
}
MANY = {
    "meta": {"meta": {"id": "meta", "schema": 1}},
    "interactions": {f"i{n}": {"id": f"i{n}", "summary": f"chat {n}"}
                     for n in range(2 * storeformat.RUN + 3)},
    "odd": [1, 2, 3],  # not a table of records: written on one line
}


def dumped(data) -> bytes:
    return b"".join(storeformat.dump_chunks(data))


def by_layout(raw: bytes) -> dict:
    found = storeformat.layout(raw)
    return {name: found.table(name) for name in found.names}


@pytest.mark.parametrize("data", [{}, {"meta": {}}, TRICKY, MANY])
def test_round_trip_and_plain_json(data):
    raw = dumped(data)
    assert json.loads(raw) == data  # any JSON reader (jq, TinyDB) reads it
    assert by_layout(raw) == data  # and the lazy path takes it
    assert storeformat.loads(bytearray(raw)) == data


def test_records_come_in_runs_a_line():
    lines = dumped(MANY).decode().rstrip("\n").split("\n")
    assert lines[:3] == ["{", '"meta":{', '"meta":{"id":"meta","schema":1}']
    start = lines.index('"interactions":{')
    runs = lines[start + 1:lines.index("},", start)]
    assert [len(json.loads("{" + run.rstrip(",") + "}")) for run in runs] == [
        storeformat.RUN, storeformat.RUN, 3]
    assert all(run.endswith(",") for run in runs[:-1]) and not runs[-1].endswith(",")
    assert lines[-2:] == ['"odd":[1,2,3]', "}"]


def test_the_older_one_table_a_line_form_is_read_lazily_too():
    raw = b"{\n" + b",\n".join(
        orjson.dumps(name) + b":" + orjson.dumps(value) for name, value in TRICKY.items()
    ) + b"\n}\n"
    found = storeformat.layout(raw)
    assert found.names == list(TRICKY)
    assert found.table("contacts") == TRICKY["contacts"]


def test_only_the_table_asked_for_is_parsed():
    raw = dumped(TRICKY).replace(b'"progress":2', b'"progress":2,,')  # goals damaged
    found = storeformat.layout(raw)
    assert found.table("contacts") == TRICKY["contacts"]
    with pytest.raises(storeformat.NotTheLayout):
        found.table("goals")


@pytest.mark.parametrize("raw", [
    orjson.dumps(TRICKY),  # compact, from an older netplan
    json.dumps(TRICKY, indent=2).encode(),  # pretty, from jq
    b'{\n"a":1\n"b":2\n}',  # a missing comma: not the layout (and not JSON)
    b'{\n"a":1,\n}',  # a trailing comma
    b'{\n"a":{"x":\n1}\n}',  # a value broken over lines
    b'{\n"a":1,\n"b":[1,\n2]\n}',
    b'{\n"t":{\n"a":{"b":1,\n"c":2}\n}\n}',  # runs framed right, one record over two lines
    b'{\n"t":{\n"a":1,\n}\n}',  # a trailing comma in the runs
    b'{\n"t":{\n"a":1\n\n}\n}',  # an empty line
    b'{\r\n"t":{}\r\n}',
])
def test_anything_else_is_parsed_whole_or_refused(raw):
    try:
        expected = orjson.loads(raw)
    except orjson.JSONDecodeError:
        with pytest.raises(orjson.JSONDecodeError):
            storeformat.loads(raw)
    else:
        assert storeformat.loads(raw) == expected


def test_duplicate_members_last_wins_like_orjson():
    for raw in (b'{\n"a":1,\n"a":2\n}', b'{\n"t":{\n"x":1,"x":2,\n"x":3\n}\n}'):
        assert storeformat.loads(raw) == orjson.loads(raw)


def test_store_writes_the_layout_and_reads_old_compact_files(store_path):
    store = open_store(store_path)
    store.save(Contact(name="Ada"))
    raw = store_path.read_bytes()
    assert raw.startswith(b"{\n") and b'\n"contacts":{\n' in raw
    # a compact file (older netplan, or `jq -c`) opens the same
    store_path.write_bytes(orjson.dumps(json.loads(raw)))
    assert [c.name for c in open_store(store_path).all(Contact)] == ["Ada"]


def test_opening_parses_only_what_is_asked_for(store_path):
    store = open_store(store_path)
    store.save_many([Contact(name="Ada"), Goal(title="Reach out", week="2026-W48"),
                     Interaction(kind="coffee", summary="coffee with Ada")])
    again = open_store(store_path)
    assert [g.title for g in again.all(Goal)] == ["Reach out"]
    assert not again._storage.fully_parsed  # the interactions were not needed
    again.load_all()
    assert again._storage.fully_parsed
    assert [i.summary for i in again.all(Interaction)] == ["coffee with Ada"]


def test_a_table_damaged_inside_its_lines_is_refused_when_reached(store_path):
    store = open_store(store_path)
    store.save_many([Goal(title="Reach out", week="2026-W48"),
                     Interaction(kind="coffee", summary="coffee with Ada")])
    raw = store_path.read_bytes().replace(b'"summary":"coffee', b'"summary":coffee')
    store_path.write_bytes(raw)
    opened = open_store(store_path)  # the frame is whole: it opens, and the goals read
    assert [g.title for g in opened.all(Goal)] == ["Reach out"]
    with pytest.raises(StoreDamaged, match="not valid JSON"):
        opened.all(Interaction)
    with pytest.raises(StoreDamaged, match="not valid JSON"):
        opened.save(Contact(name="Bea"))  # and nothing is written over it
    assert store_path.read_bytes() == raw


def test_a_store_let_go_of_closes_the_file_it_kept_open(store_path):
    import gc
    import os

    store = open_store(store_path)
    store.save_many([Contact(name="Ada"), Interaction(kind="coffee", summary="coffee")])
    store.close()
    before = len(os.listdir("/proc/self/fd"))
    for _ in range(40):
        lazy = open_store(store_path)
        lazy.all(Contact)  # the interactions stay unparsed: the file stays open meanwhile
        assert not lazy._storage.fully_parsed
        del lazy
    gc.collect()
    assert len(os.listdir("/proc/self/fd")) <= before


def test_the_writer_knows_where_each_table_lies_as_the_reader_finds_it():
    """dump_chunks' spans (kept in the journal's header) are exactly what layout() finds by
    reading the file; given them, layout() takes them without reading the tables."""
    from netplan.store import layout as storeformat

    big = {str(n): {"id": f"c{n}", "name": f"Person {n}"} for n in range(1, 1203)}
    for data in ({"meta": {"1": {"schema": 3}}, "contacts": big, "goals": {}},
                 {"meta": {"1": {"schema": 3}}, "list": [1, 2], "n": 5, "s": "x", "o": {}},
                 {"only": {}}, {"a": {"1": {"x": "\\u2028 }\\n{"}}}):
        spans: dict = {}
        raw = b"".join(storeformat.dump_chunks(data, spans))
        assert storeformat.layout(raw).spans == spans
        taken = storeformat.layout(raw, known=spans)
        assert {name: taken.table(name) for name in taken.names} == data
        moved = {name: (r, s + 1, e + 1, o) for name, (r, s, e, o) in spans.items()}
        assert storeformat.layout(raw, known=moved).spans == spans  # wrong spans: scanned


def test_copied_tables_are_written_as_they_lie_and_found_where_the_writer_says():
    """A table given as Copied is the old file's bytes; the spans are what layout() finds."""
    for data in (MANY, TRICKY, {"only": {}}, {"a": {}, "n": 5, "l": [1, {"x": "}\n"}]}):
        old_spans: dict = {}
        old = b"".join(storeformat.dump_chunks(data, old_spans))
        found = storeformat.layout(old)
        copied = {name: storeformat.Copied(span) for name, span in found.spans.items()}
        new_spans: dict = {}
        new = b"".join(storeformat.dump_chunks(copied, new_spans, found.read))
        assert new == old and new_spans == old_spans
        assert by_layout(new) == data == json.loads(new)
        # beside a table that changed, before and after it
        changed = dict(copied) | {next(iter(data)): {"x": {"id": "x", "name": "Ada"}}}
        spans: dict = {}
        raw = b"".join(storeformat.dump_chunks(changed, spans, found.read))
        assert storeformat.layout(raw).spans == spans
        assert json.loads(raw) == data | {next(iter(data)): {"x": {"id": "x", "name": "Ada"}}}


def test_a_write_copies_the_tables_it_did_not_parse_from_the_file_netplan_wrote(store_path):
    """A command that adds a contact to a store of 250,000 interactions writes them as they
    lie in the file the last checkpoint wrote, without parsing them (seconds, and their
    size in memory); a file netplan did not write as it is now is parsed to be rewritten."""
    store = open_store(store_path)
    store.save_many([Interaction(kind="coffee", summary=f"chat {n}")
                     for n in range(2 * storeformat.RUN + 3)] + [Goal(title="Reach out")])
    store.close()
    before = json.loads(store_path.read_bytes())
    again = open_store(store_path)
    assert again._storage._layout.own  # the journal said where the tables lie
    again.save(Contact(name="Ada"))
    again.save(Contact(name="Bea"))  # a second write copies from the file first read
    assert "interactions" not in again._storage.parsed_tables
    after = json.loads(store_path.read_bytes())
    assert after["interactions"] == before["interactions"]
    assert after["goals"] == before["goals"]
    assert sorted(c["name"] for c in after["contacts"].values()) == ["Ada", "Bea"]
    third = open_store(store_path)
    assert len(third.all(Interaction)) == 2 * storeformat.RUN + 3
    assert sorted(c.name for c in third.all(Contact)) == ["Ada", "Bea"]
    third.close()
    # The same bytes put back by another tool: not netplan's file as it is now.
    store_path.write_bytes(store_path.read_bytes())
    fourth = open_store(store_path)
    assert not fourth._storage._layout.own
    fourth.save(Contact(name="Cy"))
    assert "interactions" in fourth._storage.parsed_tables
    assert json.loads(store_path.read_bytes())["interactions"] == before["interactions"]
