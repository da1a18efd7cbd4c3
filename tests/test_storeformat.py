"""The store file's one-table-a-line layout: plain JSON, parsed exactly, with a safe fallback."""

from __future__ import annotations

import json

import orjson
import pytest

from netplan import storeformat
from netplan.model import Contact
from netplan.store import open_store

TRICKY = {
    "meta": {"meta": {"id": "meta", "schema": 1}},
    "contacts": {
        "a": {"id": "a", "name": "Zoë 李 نور [bold]x[/]", "notes": '}\n"b":{\n,\r\t\u2028\x1b[31m'},
        "b": {"id": "b", "links": {"contacts": {"x": 1}}, "tags": []},
    },
    "interactions": {},
    "goals": {"g": {"id": "g", "progress": 2, "ratio": 0.5, "ok": True, "none": None}},
}


def dumped(data) -> bytes:
    return b"".join(storeformat.dump_chunks(data))


@pytest.mark.parametrize("data", [{}, {"meta": {}}, TRICKY])
def test_round_trip_and_plain_json(data):
    raw = dumped(data)
    assert json.loads(raw) == data  # any JSON reader (jq, TinyDB) reads it
    assert storeformat._by_line(raw) == data  # and the fast path takes it
    assert storeformat.loads(bytearray(raw)) == data


def test_one_table_a_line():
    lines = dumped(TRICKY).decode().rstrip("\n").split("\n")
    assert lines[0] == "{" and lines[-1] == "}"
    assert [line.split('":')[0].strip('"') for line in lines[1:-1]] == list(TRICKY)


@pytest.mark.parametrize("raw", [
    orjson.dumps(TRICKY),  # compact, from an older netplan
    json.dumps(TRICKY, indent=2).encode(),  # pretty, from jq
    b'{\n"a":1\n"b":2\n}',  # a missing comma: not the layout (and not JSON)
    b'{\n"a":1,\n}',  # a trailing comma
    b'{\n"a":{"x":\n1}\n}',  # a value broken over lines
    b'{\n"a":1,\n"b":[1,\n2]\n}',
])
def test_anything_else_is_parsed_whole_or_refused(raw):
    assert storeformat._by_line(raw) is None
    try:
        expected = orjson.loads(raw)
    except orjson.JSONDecodeError:
        with pytest.raises(orjson.JSONDecodeError):
            storeformat.loads(raw)
    else:
        assert storeformat.loads(raw) == expected


def test_duplicate_members_last_wins_like_orjson():
    raw = b'{\n"a":1,\n"a":2\n}'
    assert storeformat.loads(raw) == orjson.loads(raw) == {"a": 2}


def test_store_writes_the_layout_and_reads_old_compact_files(store_path):
    store = open_store(store_path)
    store.save(Contact(name="Ada"))
    raw = store_path.read_bytes()
    assert raw.startswith(b"{\n") and b'\n"contacts":{' in raw
    # a compact file (older netplan, or `jq -c`) opens the same
    store_path.write_bytes(orjson.dumps(json.loads(raw)))
    assert [c.name for c in open_store(store_path).all(Contact)] == ["Ada"]
