"""The reader made for documents netplan wrote reads every value as the general one does."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from netplan.store.records import BY_TABLE

anything = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**12) | st.text(max_size=8)
    | st.floats(allow_nan=False),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=3),
    max_leaves=6)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(BY_TABLE)), data=st.data())
def test_the_usual_reader_reads_as_the_general_one(kind, data):
    """A document with exactly the stored fields takes the made reader; the same document
    with one unknown key more takes the general loop: every field, and every note of a
    repaired value, are the same."""
    cls = BY_TABLE[kind]
    names = [f.name for f in dataclasses.fields(cls) if f.name != "extra"]
    doc = {name: data.draw(anything | st.just([]) | st.just({}), label=name) for name in names}
    doc["id"] = data.draw(st.text(min_size=1, max_size=6), label="id")
    usual_notes: list = []
    general_notes: list = []
    usual = cls.from_dict(doc, usual_notes)
    general = cls.from_dict({**doc, "zz unknown": 1}, general_notes)
    for name in names:
        if name in ("created", "updated") and not getattr(usual, name):
            continue  # (a made default: now)
        assert getattr(usual, name) == getattr(general, name), name
        assert type(getattr(usual, name)) is type(getattr(general, name)), name
    assert usual_notes == general_notes
    assert dict(usual.extra) == {} and dict(general.extra) == {"zz unknown": 1}


def test_values_of_the_records_that_store_a_field_skip_only_empty_ones(store_path):
    """values(..., stored=field) skips the records whose field is stored empty (an empty
    list, "", null, 0, {}), which are read as empty; a wrong value is read, as empty."""
    import orjson

    from netplan.store.database import open_store
    from netplan.store.records import Interaction

    store = open_store(store_path)
    odd = [[], "", None, 0, {}, [{"question": "q", "answer": "a"}], "text", 5, [1], {"a": 1}]
    store.save_many([Interaction(id=f"i{n}", contacts=(f"c{n}",)) for n in range(len(odd))])
    store.close()
    raw = orjson.loads(store_path.read_bytes())
    for doc in raw["interactions"].values():
        doc["questions"] = odd[int(doc["id"][1:])]
    store_path.write_bytes(orjson.dumps(raw))
    again = open_store(store_path)
    every = list(again.values(Interaction, "questions", "contacts"))
    some = list(again.values(Interaction, "questions", "contacts", stored="questions"))
    assert [row for row in some if row[0]] == [row for row in every if row[0]]
    assert len([row for row in every if row[0]]) == 1  # only the list of answers is read so
    skipped = [row for row in every if row not in some]
    assert len(skipped) == 5 and not any(row[0] for row in skipped)  # [] "" null 0 {}


@settings(max_examples=60, deadline=None)
@given(planned=st.lists(anything | st.just([]), min_size=1, max_size=6),
       questions=st.lists(anything | st.just([{"question": "q", "answer": "a"}]),
                          min_size=6, max_size=6))
def test_the_records_with_a_field_set_are_those_read_field_by_field(
        tmp_path_factory, planned, questions):
    """records_with(kind, names) reads only the documents that store one of the fields
    with a value, and gives the records whose field reads as set, whatever was stored."""
    from netplan.store.database import open_store
    from netplan.store.records import Interaction

    from ...helpers.odd_documents import interactions_stored_as

    path = tmp_path_factory.mktemp("with") / "netplan.json"
    interactions_stored_as(path, [{"planned": p, "questions": q}
                                  for p, q in zip(planned, questions, strict=False)])
    quick = open_store(path).records_with(Interaction, ("planned", "questions"))
    every = open_store(path).records_where(Interaction, ("planned", "questions"),
                                           lambda p, q: bool(p or q))
    assert [r.id for r in quick] == [r.id for r in every]


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(BY_TABLE)), data=st.data())
def test_a_row_of_values_is_what_the_record_holds(kind, data):
    """Store.values' made reader gives, for any document, each field as the record built
    from it holds it (a list of text as a tuple, an empty list as (), a wrong value
    repaired), and skips only documents that do not store the `stored` field."""
    from netplan.store.value_rows import row_reader

    cls = BY_TABLE[kind]
    names = [f.name for f in dataclasses.fields(cls)
             if f.name not in ("extra", "created", "updated")]
    doc = {name: data.draw(anything | st.just([]) | st.just({}) | st.just(["a", "b"]),
                           label=name) for name in names if data.draw(st.booleans())}
    doc["id"] = data.draw(st.text(min_size=1, max_size=6), label="id")
    asked = tuple(data.draw(st.lists(st.sampled_from(names), min_size=1, max_size=3,
                                     unique=True), label="asked"))
    record = cls.from_dict(doc)
    assert list(row_reader(cls, asked, None)([doc])) == [
        tuple(getattr(record, n) for n in asked)]
    stored = asked[0]
    rows = list(row_reader(cls, asked, stored)([doc]))
    assert rows == ([tuple(getattr(record, n) for n in asked)] if doc.get(stored) else [])
