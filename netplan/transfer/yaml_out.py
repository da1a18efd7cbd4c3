"""The YAML export written a record at a time, without building a YAML document first.

PyYAML's representer builds a node per scalar (22.9 s of a 24.6 s export at 10,000
contacts, and gigabytes at 50,000); netplan's records are only strings, numbers, booleans,
nulls, lists and mappings, so they are written here directly: each record as a block
mapping under its table, a list or mapping inside a record in flow style. A string is
written plain only when YAML 1.1 (PyYAML's safe loader) reads it back as that same string;
anything else is double-quoted with every character outside YAML's printable set escaped,
so the file reads back equal (tested against the loader, any text included)."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Iterator
from typing import Any

import yaml

# Plain only: starts with a letter, then letters, digits and a few marks (no ":", "#" or
# "," that YAML reads as structure, in a block or inside [...] and {...}), and not a word
# YAML 1.1 reads as a bool or a null.
_PLAIN = re.compile(r"[A-Za-z][A-Za-z0-9 _.@/+'()-]*\Z")
_SPECIAL = frozenset(
    "y n yes no on off true false null".split()
)
# Characters YAML does not allow raw in a double-quoted scalar (outside its printable
# set, or line breaks it would fold), and bidi controls, which would reorder a line of the
# export shown in a terminal (`-o -`): written as escapes.
_UNPRINTABLE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029"
    "\ud800-\udfff\ufeff\ufffe\uffff]")


def _escape(match: re.Match[str]) -> str:
    ch = match.group()
    return {"\n": "\\n", "\t": "\\t", "\r": "\\r"}.get(ch, f"\\u{ord(ch):04x}")


_said: dict[str, str] = {}  # short strings already written: names, kinds, dates repeat


def _text(text: str) -> str:
    said = _said.get(text)
    if said is not None:
        return said
    if (_PLAIN.match(text) and text.casefold() not in _SPECIAL and not text.endswith(" ")
            and "  " not in text):
        out = text
    else:
        quoted = json.dumps(text, ensure_ascii=False)[1:-1]  # \" \\ and C0 escaped
        out = '"' + _UNPRINTABLE.sub(_escape, quoted) + '"'
    if len(text) <= 64:
        if len(_said) >= 200_000:
            _said.clear()
        _said[text] = out
    return out


def scalar(value: Any) -> str:
    """One value as YAML text that the safe loader reads back equal."""
    if type(value) is str:
        return _text(value)
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isfinite(value) and float(repr(value)) == value and "e" not in repr(value):
            return repr(value)
        return yaml.dump(value, Dumper=yaml.SafeDumper).split("\n", 1)[0]
    return _text(str(value))


def flow(value: Any) -> str:
    """A value inside a record: lists and mappings in flow style, nested as they come."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_text(str(k))}: {flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(flow(v) for v in value) + "]"
    return scalar(value)


def record_lines(doc: dict[str, Any]) -> str:
    """One record as an item of its table's list."""
    parts = []
    lead = "- "
    for k, v in doc.items():
        kind = type(v)
        shown = _text(v) if kind is str else flow(v) if kind in (dict, list) else scalar(v)
        parts.append(f"{lead}{_text(str(k))}: {shown}\n")
        lead = "  "
    return "".join(parts) if parts else "- {}\n"


def yaml_chunks(head: dict[str, Any],
                tables: Iterable[tuple[str, Iterable[dict[str, Any]]]]) -> Iterator[bytes]:
    """The export as UTF-8 chunks: the header values, then each table's records, a few
    hundred records a chunk."""
    first = "".join(f"{_text(str(k))}: {flow(v)}\n" for k, v in head.items())
    yield ("# netplan export: every table of the store. Read back with "
           "`netplan import yaml`.\n" + first).encode("utf-8")
    for table, docs in tables:
        parts = [f"{_text(table)}:\n"]
        empty = True
        for doc in docs:
            empty = False
            parts.append(record_lines(doc))
            if len(parts) >= 500:
                yield "".join(parts).encode("utf-8")
                parts = []
        if empty:
            parts = [f"{_text(table)}: []\n"]
        yield "".join(parts).encode("utf-8")
