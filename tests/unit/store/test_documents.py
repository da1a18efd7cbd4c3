"""Record ids by TinyDB key: the quick read of a table as netplan writes it gives what the
document-by-document read gives, for any table another tool may have left."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from netplan.store.documents import _each_record_id, record_ids

_doc = st.one_of(
    st.fixed_dictionaries({"id": st.sampled_from(["a", "b", "c", "contacts-1", ""])}),
    st.fixed_dictionaries({"id": st.one_of(st.none(), st.integers(0, 3), st.just(["a"]),
                                           st.just({"a": 1}))}),
    st.fixed_dictionaries({}, optional={"name": st.just("no id")}),
    st.just([1, 2]), st.just("a string"), st.none(),
)


@given(st.dictionaries(st.sampled_from([str(n) for n in range(8)]), _doc, max_size=6))
@example({"1": {"id": "a"}, "2": {"id": ["a"]}})  # every document a dict with an id
@example({"1": {"id": "a"}, "2": {"id": "a"}})
def test_any_table_reads_as_document_by_document(docs):
    assert record_ids("contacts", docs) == _each_record_id("contacts", docs)


def test_a_table_as_netplan_writes_it_and_one_with_a_copied_id():
    docs = {"1": {"id": "a"}, "2": {"id": "b"}}
    assert record_ids("contacts", docs) == {"1": "a", "2": "b"}
    docs["3"] = {"id": "a"}  # copied by hand: a record of its own, under its key
    assert record_ids("contacts", docs) == {"1": "a", "2": "b", "3": "contacts-3"}
