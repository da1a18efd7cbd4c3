"""The complete, human-readable export (YAML or JSON) and its import.

Layout: `format: netplan-export`, `schema`, `meta` (created, settings), then one list
per table, each record with its `id` first and fields in the file format's order.
Importing it into an empty store gives the same store; into a used one, records are
matched by id (same → skipped, different → replaced, new → created) and nothing else
is touched. YAML is read with the safe loader only; JSON is YAML, so both are read.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import yaml

from ..store.documents import meta_document
from ..store.records import BY_TABLE, SCHEMA_VERSION, TABLES, Record
from ..store.validate import field_problems
from ..support.json_out import pretty_json
from ..support.sanitize import clean, snippet
from .files import TransferError, read_text
from .import_plan import ImportResult, Plan
from .yaml_out import yaml_chunks

if TYPE_CHECKING:
    from ..store.data_view import DataView
    from ..store.database import Store

FORMAT = "netplan-export"
_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:@-]{0,127}$")
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the C loader is 10× faster


# -- export --------------------------------------------------------------------------


@functools.cache
def _field_order(table: str) -> tuple[str, ...]:
    """A table's fields in the record's order (looked up once, not once per record)."""
    return tuple(f.name for f in dataclasses.fields(BY_TABLE[table]) if f.name != "extra")


def _ordered(table: str, doc: dict[str, Any]) -> dict[str, Any]:
    out = {k: doc[k] for k in _field_order(table) if k in doc}
    out.update((k, v) for k, v in doc.items() if k not in out)
    return out


def _head(raw: dict[str, Any]) -> dict[str, Any]:
    meta = dict(meta_document(raw.get("meta")) or {})
    return {
        "format": FORMAT,
        "schema": meta.get("schema", SCHEMA_VERSION),
        "meta": {k: v for k, v in meta.items() if k not in ("id", "schema")},
    }


def _docs(raw: dict[str, Any], table: str) -> Iterator[dict[str, Any]]:
    docs = raw.get(table) or {}
    return (_ordered(table, d) for d in docs.values() if isinstance(d, dict))


def export_data(store: Store | DataView) -> dict[str, Any]:
    """Everything the store holds, as plain data (lists of records per table)."""
    raw = store.raw()
    out = _head(raw)
    for table in TABLES:
        out[table] = list(_docs(raw, table))
    return out


@dataclass
class Tally:
    """How many records an export wrote, counted as they are written."""

    records: int = 0


def yaml_export(store: Store | DataView) -> tuple[Iterator[bytes], Tally]:
    """The YAML export as chunks written a record at a time (never the whole document in
    memory, nor a node per value: the tables are read a run of records at a time), and
    the tally of records, complete once the chunks are."""
    tally = Tally()

    def tables() -> Iterator[tuple[str, Iterator[dict[str, Any]]]]:
        for table, docs in store.streamed(TABLES):
            yield table, _counted(table, docs)

    def _counted(table: str, docs: Iterable[Any]) -> Iterator[dict[str, Any]]:
        for doc in docs:
            if isinstance(doc, dict):
                tally.records += 1
                yield _ordered(table, doc)

    meta = dict(store.streamed(["meta"]))
    return yaml_chunks(_head({"meta": _keyed(meta.get("meta", ()))}), tables()), tally


def _keyed(docs: Iterable[Any]) -> dict[str, Any]:
    """A table's documents as the file holds them (keyed), for _head."""
    return {str(n): d for n, d in enumerate(docs)}


def dump_yaml(data: dict[str, Any]) -> str:
    """`export_data`'s result as the YAML export's text."""
    head = {k: v for k, v in data.items() if k not in TABLES}
    tables = [(k, v) for k, v in data.items() if k in TABLES]
    return b"".join(yaml_chunks(head, tables)).decode("utf-8")


def dump_json(data: dict[str, Any]) -> str:
    return pretty_json(data) + "\n"


# -- import --------------------------------------------------------------------------


@dataclass
class Snapshot:
    source: str
    tables: dict[str, list[tuple[int, dict[str, Any]]]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    created: str | None = None
    kind: str = "yaml"

    def plan(self, store: Store) -> Plan:
        result = ImportResult(self.kind, self.source)
        saves: list[Record] = []
        was_empty = True
        for table, items in self.tables.items():
            cls = BY_TABLE[table]
            current = {r.id: r.to_dict() for r in store.all(cls)}
            was_empty = was_empty and not current
            for line, doc in items:
                label = _label(table, doc)
                old = current.get(doc["id"])
                if old == doc:
                    result.add("skipped", label, "already up to date", line)
                    continue
                saves.append(cls.from_dict(doc))
                result.add("updated" if old is not None else "created", label,
                           "replaced by the file's version" if old is not None else "", line)
        plan = Plan(result, saves=saves)
        current_settings = store.meta().get("settings") or {}
        plan.settings = {k: v for k, v in self.settings.items() if current_settings.get(k) != v}
        if plan.settings:
            result.add("updated", "settings", ", ".join(sorted(plan.settings)))
        if was_empty and self.created:
            plan.meta_created = self.created  # a restore: the store keeps its birthday
        return plan


def _label(table: str, doc: dict[str, Any]) -> str:
    for key in ("name", "title", "text", "summary", "date"):
        value = doc.get(key)
        if isinstance(value, str) and value:
            return f"{table[:-1]} {snippet(value)}"
    return f"{table[:-1]} {doc['id']}"


def parse_file(path: str) -> Snapshot:
    return parse_text(read_text(path), source=str(path))


def parse_text(text: str, *, source: str = "export.yaml") -> Snapshot:
    """Read an export; every problem names its line and nothing is half-read."""
    root = _compose(text, source)
    if not isinstance(root, yaml.MappingNode):
        raise TransferError("this is not a netplan export (expected a mapping at the top)",
                            path=source, line=_line(root))
    loader = _SafeLoader("")
    snap = Snapshot(source)
    top: dict[str, yaml.Node] = {}
    for key_node, value_node in root.value:
        top[str(key_node.value)] = value_node
    fmt = top.get("format")
    if fmt is None or fmt.value != FORMAT:
        raise TransferError(f"this is not a netplan export (no `format: {FORMAT}` line)",
                            path=source, line=_line(fmt or root))
    schema = loader.construct_object(top["schema"], deep=True) if "schema" in top else None
    if not isinstance(schema, int) or schema < 1:
        raise TransferError("`schema` must be a whole number", path=source,
                            line=_line(top.get("schema", root)))
    if schema > SCHEMA_VERSION:
        raise TransferError(f"this export comes from a newer netplan (schema {schema}; this one "
                            f"reads up to {SCHEMA_VERSION}); upgrade netplan to import it",
                            path=source, line=_line(top["schema"]))
    for key, node in top.items():
        if key in ("format", "schema"):
            continue
        if key == "meta":
            meta = _plain(loader.construct_object(node, deep=True))
            if not isinstance(meta, dict):
                raise TransferError("`meta` must be a mapping", path=source, line=_line(node))
            if isinstance(meta.get("settings"), dict):
                snap.settings = meta["settings"]
            if isinstance(meta.get("created"), str):
                snap.created = meta["created"]
            continue
        if key not in TABLES:
            raise TransferError(
                f"unknown table {snippet(key)!r} (netplan has {', '.join(TABLES)})",
                                path=source, line=_line(node))
        snap.tables[key] = _records(key, node, loader, source)
    return snap


def _compose(text: str, source: str) -> yaml.Node | None:
    try:
        return yaml.compose(text, Loader=_SafeLoader)
    except yaml.MarkedYAMLError as exc:
        if text.lstrip().startswith("{"):
            # JSON that PyYAML (YAML 1.1) trips on, such as "\/" or tab indents:
            # JSON's own parser gives the better message, or a text YAML reads.
            try:
                text = dump_json(json.loads(text))
            except json.JSONDecodeError as jexc:
                raise TransferError(f"not valid JSON ({jexc.msg})", path=source,
                                    line=jexc.lineno) from None
            return yaml.compose(text, Loader=_SafeLoader)
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = exc.problem or exc.context or "it does not parse"
        raise TransferError(f"not valid YAML or JSON ({problem})", path=source, line=line) from None
    except yaml.YAMLError as exc:
        raise TransferError(f"not valid YAML or JSON ({snippet(exc, 60)})", path=source) from None


def _line(node: yaml.Node | None) -> int | None:
    return node.start_mark.line + 1 if node is not None else None


def _records(table: str, node: yaml.Node, loader: Any, source: str) -> list[tuple[int, dict]]:
    if isinstance(node, yaml.ScalarNode) and node.value in ("", "~", "null"):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise TransferError(f"`{table}` must be a list of records", path=source, line=_line(node))
    out: list[tuple[int, dict]] = []
    seen: dict[str, int] = {}
    for item in node.value:
        line = _line(item) or 0
        try:
            doc = _plain(loader.construct_object(item, deep=True))
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or exc
            raise TransferError(f"cannot read this record ({snippet(problem, 60)})", path=source,
                                line=line) from None
        if not isinstance(doc, dict):
            raise TransferError(f"a {table} entry must be a mapping of fields",
                                path=source, line=line)
        rid = doc.get("id")
        if not isinstance(rid, str) or not _ID.match(rid):
            raise TransferError(f"this {table} record has no usable `id` (a UUID string)",
                                path=source, line=line)
        if rid in seen:
            raise TransferError(f"id {rid} appears twice in {table} (first at line {seen[rid]})",
                                path=source, line=line)
        seen[rid] = line
        # The store's own validator (check.py): what imports is what `check` passes.
        for name, problem in field_problems(table, doc):
            what = f"{table[:-1]} {snippet(rid)}: {name} {snippet(problem, 80)}"
            raise TransferError(what, path=source, line=_field_line(item, name) or line)
        # Round-trip through the record type so the stored shape is netplan's own.
        out.append((line, BY_TABLE[table].from_dict(doc).to_dict()))
    return out


def _field_line(item: yaml.Node, name: str) -> int | None:
    if isinstance(item, yaml.MappingNode):
        for key_node, value_node in item.value:
            if key_node.value == name:
                return _line(value_node)
    return None


def _plain(value: Any) -> Any:
    """YAML's dates become ISO strings and all text is cleaned of control codes."""
    if isinstance(value, dict):
        return {_plain(k) if isinstance(k, str) else str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, str):
        return clean(value, multiline=True)
    return value
