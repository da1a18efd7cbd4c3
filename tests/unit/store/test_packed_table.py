"""A table held as each document's JSON reads, writes and is written to the file as the
parsed table it stands for, and takes the memory of its JSON."""

from __future__ import annotations

import tracemalloc

import orjson
from hypothesis import given, settings
from hypothesis import strategies as st

from netplan.store import layout
from netplan.store.documents import record_ids
from netplan.store.packed_table import PackedTable, dumps, packed_ids

_text = st.text(max_size=12)
_json = st.recursive(
    st.none() | st.booleans() | st.integers(-10**6, 10**6) | _text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(_text, inner, max_size=3),
    max_leaves=8)
_docs = st.dictionaries(_text, _json, max_size=4)
_keys = st.sampled_from([str(n) for n in range(6)])
_ops = st.lists(st.one_of(
    st.tuples(st.just("set"), _keys, _docs),
    st.tuples(st.just("pop"), _keys, st.none()),
    st.tuples(st.just("del"), _keys, st.none()),
    st.tuples(st.just("setdefault"), _keys, _docs),
    st.tuples(st.just("update"), _keys, _docs),
    st.tuples(st.just("update_packed"), _keys, _docs),
    st.tuples(st.just("copy"), _keys, st.none()),
), max_size=25)


@settings(max_examples=200, deadline=None)
@given(_ops)
def test_a_packed_table_reads_and_writes_as_the_parsed_table(ops):
    packed, plain = PackedTable(), {}
    for op, key, doc in ops:
        if op == "set":
            packed[key], plain[key] = doc, doc
        elif op == "pop":
            assert packed.pop(key, "gone") == plain.pop(key, "gone")
        elif op == "del":
            if key in plain:
                del packed[key], plain[key]
        elif op == "setdefault":
            assert packed.setdefault(key, doc) == plain.setdefault(key, doc)
        elif op == "update":
            packed.update({key: doc}), plain.update({key: doc})
        elif op == "update_packed":
            other = PackedTable.of([(key, doc)])
            packed.update(other), plain.update({key: doc})
        else:
            packed = packed.copy()
        assert packed == plain and len(packed) == len(plain)
        assert list(packed) == list(plain) and list(packed.items()) == list(plain.items())
        assert list(packed.values()) == list(plain.values())
        assert all(packed.get(k) == plain.get(k) for k in ("0", "1", "9"))
        assert dumps({"t": packed}) == orjson.dumps({"t": plain})


def test_a_document_read_is_the_reader_s_own():
    table = PackedTable.of([("1", {"id": "a", "tags": ["x"]})])
    doc = table["1"]
    doc["tags"].append("y")
    doc["id"] = "b"
    assert table["1"] == {"id": "a", "tags": ["x"]}


def test_a_packed_document_takes_the_memory_of_its_json():
    """orjson's result holds the 4 KiB it was written into; a packed document does not."""
    doc = {"id": "df8ce341-b858-491e-9e9f-0c4ce0b95012", "date": "2016-12-27",
           "kind": "email", "summary": "Emailed to ask about code reviews", "questions": []}
    size = len(orjson.dumps(doc))
    tracemalloc.start()
    try:
        table = PackedTable.of((str(n), doc) for n in range(2000))
        table["2000"] = doc
        used = tracemalloc.get_traced_memory()[0]
    finally:
        tracemalloc.stop()
    assert used < 2001 * (size + 200)


@settings(max_examples=100, deadline=None)
@given(st.lists(_docs, max_size=12))
def test_a_packed_table_is_written_and_read_back_as_the_parsed_one(docs):
    """The file written from a packed table is byte for byte the one written from the
    parsed table, and the table read from it packed equals the one read parsed."""
    plain = {str(n): doc for n, doc in enumerate(docs, 1)}
    data = {"meta": {"1": {"id": "meta"}}, "interactions": plain}
    packed = {"meta": data["meta"], "interactions": PackedTable.of(plain.items())}
    written = b"".join(layout.dump_chunks(data))
    assert b"".join(layout.dump_chunks(packed)) == written
    found = layout.layout(written)
    back = found.table("interactions", packed=True)
    assert isinstance(back, PackedTable) and back == found.table("interactions") == plain


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(_text, st.integers(-2**63, 2**63 - 1)), max_size=6), st.booleans())
def test_ids_read_from_the_head_of_each_document_are_the_parsed_ids(ids, id_first):
    """An id read from `{"id":"…",` is the id parsed; a document not written so (another
    key first, an id that is not text, an escape in it) has every id read by parsing."""
    docs = [({"id": rid, "n": n} if id_first else {"n": n, "id": rid})
            for n, rid in enumerate(ids)]
    table = PackedTable.of((str(n), doc) for n, doc in enumerate(docs, 1))
    quick = packed_ids(table)
    if quick is not None:
        assert quick == {key: doc["id"] for key, doc in table.items()}
    else:
        assert not id_first or any(not isinstance(r, str) or '"' in r or "\\" in r
                                   or any(ord(c) < 32 for c in r) for r in ids)
    assert record_ids("interactions", table) == record_ids("interactions", dict(table.items()))


_values = st.one_of(st.just([]), st.just({}), st.none(), st.just(""), st.just(False),
                    st.just(0), st.just(0.0), st.just(-0), st.just(0.5), st.just(10),
                    st.just([{"question": "q", "answer": "a"}]), st.just("x"), st.just(True))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.one_of(st.none(), _values),
                          st.one_of(st.none(), st.dictionaries(
                              st.sampled_from(["questions", "other"]), _values, max_size=2)),
                          st.booleans()), max_size=8))
def test_documents_skipped_unparsed_store_no_value_of_the_field(rows):
    """A document passed over unparsed (`storing`) has the field empty or missing at the
    top, whatever the same key holds inside other values or where it stands."""
    from netplan.store.packed_table import Parsed, pack

    docs = []
    for n, (top, nested, first) in enumerate(rows):
        doc = {"id": f"i{n}"}
        if nested is not None:
            doc["contact_changes"] = {"c": nested}
        if top is not None:
            doc = {"questions": top, **doc} if first else {**doc, "questions": top}
        docs.append(doc)
    kept = list(Parsed([pack(d) for d in docs]).storing("questions"))
    assert [d for d in docs if d.get("questions")] == [d for d in kept if d.get("questions")]
