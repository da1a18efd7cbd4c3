"""How records sit in the file: TinyDB's integer keys, the record id inside each document,
and the one document of the meta table."""

from __future__ import annotations

from typing import Any

from .packed_table import PackedTable, packed_ids

META_ID = "meta"


def document_id(table: str, key: str, doc: dict[str, Any]) -> str:
    """A document's record id: its `id`, or for a document some other tool inserted
    without one, an id made from its TinyDB key (stable while the document is kept)."""
    value = doc.get("id")
    return value if isinstance(value, str) and value else f"{table}-{key}"


def meta_document(meta: Any) -> dict[str, Any] | None:
    """The meta table's one document (the one whose id is "meta", else the first)."""
    if not isinstance(meta, dict):
        return None
    docs = [d for d in meta.values() if isinstance(d, dict)]
    for doc in docs:
        if doc.get("id") == META_ID:
            return doc
    return docs[0] if docs else None


def record_ids(table: str, docs: dict[str, Any]) -> dict[str, str]:
    """Each document's record id, by TinyDB key. A document whose id another document
    already holds (copied by hand or by another tool) is kept as a record of its own,
    under an id made from its key, rather than hidden behind the first."""
    if isinstance(docs, PackedTable):
        out = head_ids(docs)
        if out is not None:
            return out
    try:  # the usual table, as netplan writes it: every document a dict with its own id
        out = {key: doc["id"] for key, doc in docs.items()}
    except (KeyError, TypeError):
        pass
    else:
        if _usable(out):
            return out
    return _each_record_id(table, docs)


def head_ids(docs: PackedTable) -> dict[str, str] | None:
    """record_ids of a packed table when every document holds its own id at the head of
    its JSON, as netplan writes them (nothing parsed); None otherwise."""
    out = packed_ids(docs)
    return out if out is not None and _usable(out) else None


def _usable(ids: dict[str, Any]) -> bool:
    """Every id is text, not empty, and no two documents hold the same."""
    return all(rid.__class__ is str and rid for rid in ids.values()) and (
        len(set(ids.values())) == len(ids))


def _each_record_id(table: str, docs: dict[str, Any]) -> dict[str, str]:
    """record_ids, document by document (any table, however other tools left it)."""
    out: dict[str, str] = {}
    taken: set[str] = set()
    for key, doc in docs.items():
        if not isinstance(doc, dict):
            continue
        rid = document_id(table, key, doc)
        if rid in taken:
            rid = f"{table}-{key}"
        taken.add(rid)
        out[key] = rid
    return out
