"""A table held as each document's JSON bytes: the TUI's interactions.

A parsed interaction is a dict of thirteen entries, each value an object of its own: about
1,400 bytes in memory for the 285 of its JSON. At 10,000 contacts and 50,000 interactions
the parsed table was 71 of the session's 210 MiB, though after a session's first reads
(the counts, each person's latest date, the timelines, which keep what they need) a
document is read again only when one conversation is opened, edited or undone. Held as
its JSON bytes it takes a quarter of that, and is parsed when it is read.

`PackedTable` is a dict (every check that a table is an object holds) whose values are
bytes; the mapping methods netplan reads tables with give parsed documents (each read
parses again: the dict given is the caller's own), and storing a document keeps its JSON.
Code that reaches the dict's own slots (`dict.values(t)`, C functions such as orjson)
sees bytes: `dumps` writes them as the JSON they are (`orjson.Fragment`), so a checkpoint
copies each document's bytes rather than serialising it again.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

import orjson

_MISSING = object()


def pack(doc: Any) -> bytes:
    """A document's JSON, in a bytes object of its own size (orjson's result keeps the
    4 KiB it was written into: 50,000 of them took 197 MiB rather than 16)."""
    return memoryview(orjson.dumps(doc)).tobytes()


def _fragment(value: Any) -> Any:
    if value.__class__ is bytes:
        return orjson.Fragment(value)
    raise TypeError(f"Type is not JSON serializable: {type(value).__name__}")


def dumps(value: Any) -> bytes:
    """orjson.dumps of data that may hold packed tables (their documents as they are)."""
    return orjson.dumps(value, default=_fragment)


class PackedTable(dict):
    """A table (TinyDB key -> document) whose documents are kept as JSON bytes."""

    __slots__ = ()

    @classmethod
    def of(cls, docs: Iterable[tuple[str, Any]]) -> PackedTable:
        """Packed from (key, document) pairs, in their order."""
        table = cls()
        put = dict.__setitem__
        for key, doc in docs:
            put(table, key, pack(doc))
        return table

    # -- reading: parsed documents, the caller's own ---------------------------------

    def __getitem__(self, key: str) -> Any:
        return orjson.loads(dict.__getitem__(self, key))

    def get(self, key: str, default: Any = None) -> Any:
        raw = dict.get(self, key, _MISSING)
        return default if raw is _MISSING else orjson.loads(raw)

    def values(self) -> _Values:  # type: ignore[override]
        return _Values(self)

    def items(self) -> _Items:  # type: ignore[override]
        return _Items(self)

    def packed(self) -> Iterable[tuple[str, bytes]]:
        """(key, JSON bytes) of each document, in order, nothing parsed."""
        return dict.items(self)

    # -- writing: the document's JSON is kept -----------------------------------------

    def __setitem__(self, key: str, doc: Any) -> None:
        dict.__setitem__(self, key, pack(doc))

    def pop(self, key: str, *default: Any) -> Any:
        raw = dict.pop(self, key, _MISSING)
        if raw is _MISSING:
            if default:
                return default[0]
            raise KeyError(key)
        return orjson.loads(raw)

    def setdefault(self, key: str, default: Any = None) -> Any:
        if key not in self:
            self[key] = default
        return self[key]

    def update(self, *args: Any, **kwargs: Any) -> None:
        if len(args) == 1 and isinstance(args[0], PackedTable) and not kwargs:
            dict.update(self, args[0].packed())
            return
        for key, doc in dict(*args, **kwargs).items():
            self[key] = doc

    def copy(self) -> PackedTable:
        table = PackedTable()
        dict.update(table, self.packed())
        return table

    def __eq__(self, other: object) -> bool:
        if isinstance(other, dict):
            return len(self) == len(other) and all(
                key in other and other[key] == self[key] for key in self)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def popitem(self) -> tuple[str, Any]:
        key, raw = dict.popitem(self)
        return key, orjson.loads(raw)


def packed_ids(table: PackedTable) -> dict[str, str] | None:
    """Each document's id by key, read from the head of its JSON as netplan writes a
    document (`{"id":"…",`, no escape in it); None when one is not written so."""
    out = {}
    for key, raw in table.packed():
        if raw[:7] != b'{"id":"':
            return None
        end = raw.find(b'"', 7)
        rid = raw[7:end]
        if end < 0 or b"\\" in rid:
            return None
        try:
            out[key] = rid.decode()
        except UnicodeDecodeError:  # pragma: no cover - orjson wrote it from text
            return None
    return out


_EMPTIES = (b"[]", b"null", b'""', b"false", b"{}", b"0,", b"0}")


@functools.lru_cache(maxsize=16)
def _valued(name: str) -> Callable[[bytes], re.Match | None]:
    """A search for `"name":` followed by anything but an empty value."""
    empty = b"|".join(re.escape(e) for e in _EMPTIES)
    return re.compile(re.escape(orjson.dumps(name) + b":") + b"(?!" + empty + b")").search


class Parsed:
    """A packed table's documents as a list of their JSON, parsed as they are iterated:
    what `Store._docs` gives for it (read again by each figure derived from it, never
    kept parsed)."""

    __slots__ = ("held",)

    def __init__(self, held: list[bytes]):
        self.held = held

    def __len__(self) -> int:
        return len(self.held)

    def __iter__(self) -> Iterator[Any]:
        loads = orjson.loads
        for raw in self.held:
            yield loads(raw)

    def storing(self, name: str) -> Parsed:
        """Those that may store field `name` with a value, found without parsing: a
        document in whose JSON every `"name":` is followed by an empty value (or that has
        none) stores none, wherever the key sits (inside a string it would be escaped).
        Of 250,000 interactions, the 25,000 that asked questions are parsed, not all."""
        valued = _valued(name)
        return Parsed([raw for raw in self.held if valued(raw)])

    def pairs(self) -> Iterator[tuple[bytes, Any]]:
        """(JSON, parsed) of each document."""
        loads = orjson.loads
        for raw in self.held:
            yield raw, loads(raw)


def unpacked(held: Any) -> Any:
    """A document as a Grouped holds it (its JSON, or the document), parsed."""
    return orjson.loads(held) if held.__class__ is bytes else held


class _Values:
    """The parsed documents, parsed as they are iterated (none kept)."""

    __slots__ = ("_table",)

    def __init__(self, table: PackedTable):
        self._table = table

    def __len__(self) -> int:
        return len(self._table)

    def __iter__(self) -> Iterator[Any]:
        loads = orjson.loads
        for raw in dict.values(self._table):
            yield loads(raw)


class _Items(_Values):
    __slots__ = ()

    def __iter__(self) -> Iterator[tuple[str, Any]]:  # type: ignore[override]
        loads = orjson.loads
        for key, raw in dict.items(self._table):
            yield key, loads(raw)
