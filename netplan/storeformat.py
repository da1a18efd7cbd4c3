"""How the store's JSON is laid out on disk: one table per line, parsed a table at a time.

The file is ordinary JSON (`jq`, `json.load` and TinyDB read it as before):

    {
    "meta":{"meta":{...}},
    "contacts":{"<id>":{...},...},
    "interactions":{...}
    }

Why: orjson builds a parse tree of its input before it makes Python objects, so
parsing the whole 27 MB file of a 10,000-contact / 50,000-interaction store at
once put ~50 MB on top of the data at the moment of opening it, the peak of the
TUI's memory. Parsing line by line holds only the biggest table's tree.

Reading is exact, not a guess: the fast path is taken only when every line is
`"name":VALUE` with a comma after all but the last, and each VALUE parses on its
own. JSON strings cannot hold a raw newline, so such a file means exactly the
object of those members; anything else (a file from jq, from an older netplan,
hand-edited) is parsed whole, as before.
"""

from __future__ import annotations

import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson

_MEMBER = re.compile(rb'"([^"\\\n]*)":')


def dump_chunks(data: dict[str, Any]) -> Iterator[bytes]:
    """The file's bytes, chunk by chunk, a table at a time: written as they come, only one
    table's JSON exists at once (the 27 MB of a large store would sit on top of the data)."""
    yield b"{\n"
    last = len(data) - 1
    for n, (name, value) in enumerate(data.items()):
        yield orjson.dumps(name) + b":"
        yield orjson.dumps(value)
        yield b"\n" if n == last else b",\n"
    yield b"}\n"


def loads(raw: bytes | bytearray) -> Any:
    """Parse a store file; raises orjson.JSONDecodeError like orjson.loads."""
    with _no_gc():
        data = _by_line(raw)
        return data if data is not None else orjson.loads(raw)


def _by_line(raw: bytes | bytearray) -> dict[str, Any] | None:
    """The members line by line, or None when the file is not in the one-table-a-line form."""
    end = len(raw)
    while end and raw[end - 1:end] in (b" ", b"\t", b"\r", b"\n"):
        end -= 1
    if not raw.startswith(b"{\n") or raw[end - 2:end] != b"\n}":
        return None
    last = end - 2  # the lines lie between "{\n" and "\n}"
    if last < 2:
        return {} if end == 3 else None  # "{\n}": an empty store
    out: dict[str, Any] = {}
    view = memoryview(raw)
    try:
        pos = 2
        while True:
            nl = raw.find(b"\n", pos, last)
            if nl >= 0 and raw[nl - 1:nl] != b",":
                return None  # every line but the last ends with a comma
            value_end = last if nl < 0 else nl - 1
            m = _MEMBER.match(raw, pos, value_end)
            if m is None:
                return None
            try:
                out[m.group(1).decode()] = orjson.loads(view[m.end():value_end])
            except (orjson.JSONDecodeError, UnicodeDecodeError):
                return None
            if nl < 0:
                return out
            pos = nl + 1
    finally:
        view.release()


@contextmanager
def _no_gc() -> Iterator[None]:
    # Parsing makes hundreds of thousands of dicts and lists, none in a cycle; the
    # cyclic collector ran over and over meanwhile (a third of the parse time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
