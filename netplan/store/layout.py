"""How the store's JSON is laid out on disk, and how it is read a table at a time, lazily.

The file is ordinary JSON (`jq`, `json.load` and TinyDB read it as before):

    {
    "meta":{
    "meta":{...}
    },
    "contacts":{
    "<id>":{...},"<id>":{...},…         ← a run of up to RUN records on one line
    "<id>":{...}
    },
    "interactions":{
    }
    }

Why, measured on a 10,000-contact / 50,000-interaction store (27 MB; bench/README.md):

- orjson builds a parse tree of its whole input before it makes Python objects, so
  one 25 MB table parsed at once put ~50 MB on top of the data: the TUI's memory peak.
  A run of records at a time keeps that tree small. Writing a run at a time likewise
  holds a few hundred kilobytes of JSON rather than the 25 MB of the biggest table.
- Opening the store only finds where each table lies (a few `bytes.find` calls);
  a table is parsed when it is first asked for. The board's first paint needs the
  goals and events, not the 50,000 interactions.

Reading is exact, not a guess. The layout is recognised only when every line is
framed as above (a table's runs each start with `"` and all but the last end with
a comma); JSON strings cannot hold a raw newline, so such lines are the members of
their table. A table line in the older one-line form (`"name":{...},`) is read too.
Anything else (a file from jq, hand-edited) is parsed whole, as is the whole file
whenever one table's lines do not parse on their own.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from itertools import islice
from typing import Any, NamedTuple

import orjson

from ..support.gc_pause import gc_paused
from .packed_table import PackedTable, pack
from .packed_table import dumps as packed_dumps

RUN = 500  # records per line: small parse trees and write buffers, few Python-level calls
BLOCK = 1 << 20  # bytes read from the file at a time
_MEMBER = re.compile(rb'"([^"\\\n]*)":')


class NotTheLayout(Exception):
    """The bytes are not in the layout above: parse the file whole instead."""


Span = tuple[bool, int, int, bool]  # in runs?, start, end, is an object?


class Copied(NamedTuple):
    """A table written as the bytes it has in the file being replaced (not parsed)."""

    span: Span


def dump_chunks(data: dict[str, Any], spans: dict[str, Span] | None = None,
                copy: Reader | None = None) -> Iterator[bytes]:
    """The file's bytes, chunk by chunk: written as they come, so only a run of records'
    JSON exists at once. `spans`, when given, is filled with where each table lies, as
    layout() would find it (the journal's header keeps it: the next reader of this file
    need not scan 130 MB for it). A `Copied` table is read with `copy` from the file
    it lies in, a block at a time, and written as it is."""
    found: dict[str, Span] = {} if spans is None else spans
    pos = 0

    def out(chunk: bytes) -> bytes:
        nonlocal pos
        pos += len(chunk)
        return chunk

    yield out(b"{\n")
    last = len(data) - 1
    for n, (name, value) in enumerate(data.items()):
        yield out(orjson.dumps(name) + b":")
        if isinstance(value, Copied):
            assert copy is not None
            runs, start, end, is_object = value.span
            if runs:
                yield out(b"{\n")
            body = pos
            for at in range(start, end, BLOCK):
                chunk = copy(at, min(end, at + BLOCK))
                if len(chunk) != min(end, at + BLOCK) - at:
                    raise OSError("the store was cut short while it was copied")
                yield out(chunk)
            if runs:
                if end > start:
                    yield out(b"\n")
                found.pop(name, None)
                found[name] = (True, body, max(body, pos - 1), True)
                yield out(b"}")
            else:
                found.pop(name, None)
                found[name] = (False, body, pos, is_object)
        elif isinstance(value, dict):
            yield out(b"{\n")
            body = pos
            # (A packed table's documents are written as the JSON they are held as.)
            items = iter(value.packed() if isinstance(value, PackedTable) else value.items())
            run = dict(islice(items, RUN))
            while run:
                after = dict(islice(items, RUN))
                yield out(packed_dumps(run)[1:-1] + (b",\n" if after else b"\n"))
                run = after
            found.pop(name, None)
            found[name] = (True, body, max(body, pos - 1), True)
            yield out(b"}")
        else:
            start = pos
            chunk = orjson.dumps(value)
            yield out(chunk)
            found.pop(name, None)
            found[name] = (False, start, pos, chunk[:1] == b"{")
        yield out(b"\n" if n == last else b",\n")
    yield out(b"}\n")


Reader = Callable[[int, int], bytes]  # the file's bytes from start to end


class Layout:
    """Where each table lies in a file; `table(name)` reads and parses one on demand.

    `read(start, end)` gives the file's bytes: a slice of the bytes in memory, or (the
    store) a read from the open file, so that the 27 MB of a large store need not stay
    in memory beside what was parsed from them. A table in runs is read a block at a
    time and parsed a line at a time."""

    def __init__(self, read: Reader, spans: dict[str, tuple[bool, int, int, bool]],
                 own: bool = False):
        self.read = read
        self.spans = spans  # name -> (in runs?, start, end, is an object?)
        # Where the tables lie came from the checkpoint that wrote this very file (its
        # bytes are what netplan wrote): a table not parsed may be copied as it is.
        self.own = own

    @property
    def names(self) -> list[str]:
        return list(self.spans)

    def is_object(self, name: str) -> bool:
        """Whether the table's value is a JSON object (without parsing it)."""
        return self.spans[name][3]

    def table(self, name: str, packed: bool = False) -> Any:
        """The parsed value of one table; NotTheLayout when its lines do not parse alone.
        `packed`: a table of documents is held as each one's JSON (PackedTable)."""
        with gc_paused():
            if not self.spans[name][0]:
                value = self._value(name)
                return PackedTable.of(value.items()) if packed and isinstance(value, dict) \
                    else value
            out: dict[str, Any] = PackedTable() if packed else {}
            add = out.update if not packed else lambda run: dict.update(
                out, ((key, pack(doc)) for key, doc in run.items()))
            for run in self._runs(name):
                add(run)
            return out

    def documents(self, name: str) -> Iterator[Any]:
        """The values of one table a run at a time, none kept (an export of 250,000
        interactions holds 500 of them at once); NotTheLayout as in table()."""
        if not self.spans[name][0]:
            value = self._value(name)
            yield from value.values() if isinstance(value, dict) else ()
            return
        for run in self._runs(name):
            yield from run.values()

    def _value(self, name: str) -> Any:
        """A table on one line, parsed."""
        _, start, end, _ = self.spans[name]
        try:
            return orjson.loads(self.read(start, end))
        except (orjson.JSONDecodeError, UnicodeDecodeError):
            raise NotTheLayout(name) from None

    def _runs(self, name: str) -> Iterator[dict[str, Any]]:
        """A table in runs, each run's records parsed as they are read."""
        _, start, end, _ = self.spans[name]
        for line, last in self._lines(start, end):
            if line[:1] != b'"':
                raise NotTheLayout(name)
            if not last:  # every run but the last ends with a comma
                if line[-1:] != b",":
                    raise NotTheLayout(name)
                line = line[:-1]
            try:
                yield orjson.loads(b"{%b}" % line)
            except (orjson.JSONDecodeError, UnicodeDecodeError):
                raise NotTheLayout(name) from None

    def _lines(self, start: int, end: int) -> Iterator[tuple[bytes, bool]]:
        """The lines between start and end, each with whether it is the last."""
        if start >= end:
            return
        carry, pos = b"", start
        while pos < end:
            block = self.read(pos, min(end, pos + BLOCK))
            if not block:
                raise NotTheLayout("short")  # the file is shorter than its layout said
            pos += len(block)
            lines = (carry + block).split(b"\n") if carry else block.split(b"\n")
            carry = lines.pop()
            for line in lines:
                yield line, False
        yield carry, True


class _Blocks:
    """The file seen through `read`, a block at a time: the layout is found without
    holding (or even copying at once) the 27 MB of a large store."""

    def __init__(self, read: Reader, size: int):
        self.read, self.size = read, size
        self.start, self.data = 0, b""

    def get(self, start: int, stop: int) -> bytes:
        if self.start <= start and stop <= self.start + len(self.data):
            return self.data[start - self.start:stop - self.start]
        if stop - start > BLOCK:
            return self.read(start, stop)
        self.start, self.data = start, self.read(start, min(self.size, start + BLOCK))
        return self.data[:stop - start]

    def find_newline(self, start: int, stop: int) -> int:
        while start < stop:
            self.get(start, min(stop, start + 1))  # the block holding start
            at = self.data.find(b"\n", start - self.start, stop - self.start)
            if at >= 0:
                return self.start + at
            if not self.data:
                return -1
            start = self.start + len(self.data)
        return -1


def layout(source: bytes | bytearray | Reader, size: int | None = None,
           known: dict[str, Span] | None = None) -> Layout:
    """Find the tables of a file in the layout (nothing is parsed); NotTheLayout otherwise.

    `source` is the file's bytes, or a Reader with the file's `size`; the tables are
    read with it later, when they are parsed. `known`: where the writer of this very file
    said the tables lie (dump_chunks' spans): taken after a look at the frame and at each
    table's first bytes, without reading the rest; a table whose lines then do not parse
    sends the file to the whole parse, as always."""
    if isinstance(source, bytes | bytearray):
        raw = source

        def read(start: int, stop: int) -> bytes:
            return bytes(raw[start:stop])

        size = len(raw)
    else:
        read = source
    assert size is not None
    blocks = _Blocks(read, size)
    end = size
    while True:  # the end, less trailing white space
        tail = blocks.get(max(0, end - 64), end)
        stripped = tail.rstrip(b" \t\r\n")
        end -= len(tail) - len(stripped)
        if stripped or end <= 0:
            break
    if blocks.get(0, 2) != b"{\n" or blocks.get(end - 2, end) != b"\n}":
        raise NotTheLayout("frame")
    if known and _fits(blocks, known, end - 2):
        return Layout(read, dict(known), own=True)
    last = end - 2  # the members lie between "{\n" and "\n}"
    spans: dict[str, tuple[bool, int, int, bool]] = {}
    if last < 2:
        if end == 3:  # "{\n}": an empty store
            return Layout(read, spans)
        raise NotTheLayout("frame")
    pos = 2
    while True:
        m = _MEMBER.match(blocks.get(pos, min(last, pos + 4096)))
        if m is None:
            raise NotTheLayout("member")
        try:
            name = m.group(1).decode()
        except UnicodeDecodeError:
            raise NotTheLayout("member") from None
        value = pos + m.end()
        if blocks.get(value, value + 2) == b"{\n":  # a table in runs, up to a line "}"
            body = value + 2
            close_at = body  # the line "}" that ends the table: found newline by newline
            while blocks.get(close_at, close_at + 1) != b"}":  # (runs are long: few lines)
                nl = blocks.find_newline(close_at, last)
                if nl < 0:
                    raise NotTheLayout(name)
                close_at = nl + 1
            spans.pop(name, None)  # a repeated name: the last one wins, as in JSON
            spans[name] = (True, body, max(body, close_at - 1), True)
            after = close_at + 1
        else:  # a one-line value
            nl = blocks.find_newline(value, last)
            after = last if nl < 0 else nl
            if nl >= 0:
                if blocks.get(nl - 1, nl) != b",":
                    raise NotTheLayout(name)
                after = nl - 1
            spans.pop(name, None)
            spans[name] = (False, value, after, blocks.get(value, value + 1) == b"{")
        if after >= last:
            if after > last:
                raise NotTheLayout(name)
            return Layout(read, spans)
        if blocks.get(after, after + 2) != b",\n":
            raise NotTheLayout(name)
        pos = after + 2


def _fits(blocks: _Blocks, known: dict[str, Span], last: int) -> bool:
    """Whether the spans a writer gave look right in this file: each table begins where
    said, right after its name, and none runs past the end."""
    try:
        for name, (runs, start, end, _) in known.items():
            head = orjson.dumps(name) + (b":{\n" if runs else b":")
            if not (0 < start <= end <= last + 1) or \
                    blocks.get(start - len(head), start) != head:
                return False
            if runs and blocks.get(end, end + 2) not in (b"\n}", b"}\n", b"},", b"}\n"):
                return False
    except (TypeError, ValueError):
        return False
    return True


def loads(raw: bytes | bytearray) -> Any:
    """Parse a store file whole; raises orjson.JSONDecodeError like orjson.loads."""
    try:
        found = layout(raw)
        return {name: found.table(name) for name in found.names}
    except NotTheLayout:
        return load_whole(raw)


def load_whole(raw: bytes | bytearray) -> Any:
    with gc_paused():
        return orjson.loads(raw)
