"""Rows of a table's stored values, read as its records would hold them, by a function made
for the fields asked for.

`Store.values` reads a few fields of every document (each interaction's date, planned and
contacts for everyone's latest date: 250,000 rows). Read by a loop over the names, a row cost
a zip, a list and three membership tests per field; the function made here reads each field
in a line of its own, as record_reading makes a record class's reader, and calls out only
for a value not of a class taken as stored (a list of text, an empty list, anything to be
repaired), which reads it as `from_dict` does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from .record_reading import _plan as record_plan
from .records import Record

# Kinds a record holds as a tuple, which an empty list in the file is read as: ().
_READ_AS_TUPLES = frozenset({"texts", "answers", "phones", "postings"})
_MISSING = object()

Rows = Callable[[Iterable[dict[str, Any]]], Iterator[tuple[Any, ...]]]


@cache
def row_reader(kind: type[Record], names: tuple[str, ...], stored: str | None) -> Rows:
    """A function from documents to rows of the named fields (`stored`: only documents
    that store that field with a value)."""
    plan = record_plan(kind)
    env: dict[str, Any] = {"MISSING": _MISSING}
    lines = ["def rows(docs):", "    for doc in docs:"]
    if stored is not None:
        lines.append(f"        if not doc.get({stored!r}):")
        lines.append("            continue")
    for n, name in enumerate(names):
        ok = plan.kinds[name][0] if name in plan.kinds else ()
        env[f"other{n}"] = _other(kind, name)
        lines.append(f"        v{n} = doc.get({name!r}, MISSING)")
        taken = []
        for i, klass in enumerate(ok):
            env[f"ok{n}_{i}"] = klass
            taken.append(f"v{n}.__class__ is not ok{n}_{i}")
        if taken:
            lines.append(f"        if {' and '.join(taken)}:")
            lines.append(f"            v{n} = other{n}(doc, v{n})")
        else:
            lines.append(f"        v{n} = other{n}(doc, v{n})")
    lines.append(f"        yield ({''.join(f'v{n}, ' for n in range(len(names)))})")
    exec("\n".join(lines), env)  # noqa: S102 - our own field names, written by repr()
    return env["rows"]


def _other(kind: type[Record], name: str) -> Callable[[dict[str, Any], Any], Any]:
    """A value not of a class taken as stored, as the record would hold it."""
    plan = record_plan(kind)
    field_kind = plan.kinds[name][1] if name in plan.kinds else None
    read = kind.stored_value

    def other(doc: dict[str, Any], value: Any) -> Any:
        if value.__class__ is list:
            if field_kind == "texts" and all(v.__class__ is str for v in value):
                return tuple(value)  # a list of text, as netplan writes it
            if not value and field_kind in _READ_AS_TUPLES:
                return ()  # an empty list, read as from_dict reads it
        return read(doc, name)
    return other
