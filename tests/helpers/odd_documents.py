"""A store whose interactions hold values another tool stored (of any type), for the tests
that hold a quick look at the documents to the field-by-field read."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any


def interactions_stored_as(path: Path, fields: Sequence[dict[str, Any]]) -> None:
    """A store of interactions `i0`, `i1`… whose documents hold `fields[n]` as stored."""
    import orjson

    from netplan.store.database import open_store
    from netplan.store.records import Interaction

    store = open_store(path)
    store.save_many([Interaction(id=f"i{n}") for n in range(len(fields))])
    store.close()
    raw = orjson.loads(path.read_bytes())
    for doc in raw["interactions"].values():
        doc.update(fields[int(doc["id"][1:])])
    path.write_bytes(orjson.dumps(raw))
