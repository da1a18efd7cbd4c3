"""How a stored document becomes a record, fast and forgiving: per record class, a plan
of each field's kind, default and slot (built once), and the repair of a value of the
wrong type (`name: null` is read as "", and noted for a warning; the file is unchanged)."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from . import fieldtypes

# The `extra` of a record read without unknown fields: one shared, read-only empty
# mapping rather than an empty dict per record (4 MB of a 60,000-record store).
_NO_EXTRA: Mapping[str, Any] = MappingProxyType({})


# (table, record id, field, problem): a wrong value read from the store, for a warning.
Note = tuple[str, str, str, str]


@dataclass(frozen=True)
class _Plan:
    """How from_dict builds one kind of record: per field, the classes taken as stored
    (anything else goes through fieldtypes.fix) and the field's kind."""

    kinds: dict[str, tuple[tuple[type, ...], str]]
    defaults: dict[str, Any]
    factories: tuple[tuple[str, Any], ...]
    required: frozenset[str]  # text fields with a made default (created: now)
    slots: tuple[tuple[str, Any], ...]  # each field's name and its slot's setter
    stored: frozenset[str]  # the fields a document holds (all but extra)
    # name, slot setter, classes taken as stored, kind, default, and the check of a value
    # of another class (value -> (value read, problem or None))
    fields: tuple[tuple[str, Any, tuple[type, ...], str, Any, Any], ...]
    set_extra: Any
    # from_dict for a document netplan wrote (every field, nothing else): _usual_reader
    usual: Any = None


_PLANS: dict[type, _Plan] = {}
# The classes a value of each kind may have to be taken as stored, without a check; the
# kinds with an empty tuple are always checked (bounds, the items of a list).
_TAKEN: dict[str, tuple[type, ...]] = {
    "str": (str,), "optstr": (str, type(None)), "bool": (bool,), "optint": (type(None),),
    "int": (), "texts": (), "links": (), "ratings": (), "answers": (), "object": (dict,),
    "phones": (),
    "postings": (),
}


def _plan(cls: type) -> _Plan:
    plan = _PLANS.get(cls)
    if plan is None:
        kinds = field_kinds(cls)
        taken = {name: (_TAKEN[kind], kind) for name, kind in kinds.items()}
        defaults, factories = {}, []
        for f in dataclasses.fields(cls):
            if f.name == "extra":
                continue
            if f.default is not dataclasses.MISSING:
                defaults[f.name] = f.default
            elif f.default_factory is not dataclasses.MISSING:
                factories.append((f.name, f.default_factory))
        required = frozenset(n for n, _ in factories if kinds.get(n) == "str")
        # Records have slots, not a __dict__: 128 bytes a record instead of 520, which is
        # 24 MB of a 60,000-record store (bench/README.md).
        slots = tuple((f.name, _slot_setter(cls, f.name)) for f in dataclasses.fields(cls))
        fields = tuple((name, setter, *taken[name], defaults.get(name),
                        _checker(taken[name][1], name, defaults.get(name)))
                       for name, setter in slots if name != "extra")
        plan = _Plan(taken, defaults, tuple(factories), required, slots, frozenset(taken),
                     fields, _slot_setter(cls, "extra"))
        plan = _PLANS[cls] = dataclasses.replace(plan, usual=_usual_reader(cls, plan))
    return plan


# The kinds checked item by item (fieldtypes.fix_*): the class of their empty value as
# stored, and what it is read as (a contact's links: a new dict, as fix_links gives).
_EMPTY_READ_AS: dict[str, tuple[str, str]] = {
    "texts": ("list", "()"), "answers": ("list", "()"), "phones": ("list", "()"),
    "postings": ("list", "()"), "links": ("dict", "{}")}


def _usual_reader(cls: type, plan: _Plan) -> Any:
    """A function made for this record class that builds a record from a document netplan
    wrote: each field read, its class compared with the classes taken as stored, checked
    (and repaired, as _fixed does) when it is another, and put in its slot; written out
    field by field, as dataclasses writes __init__, it costs half the loop it replaces
    (with an empty list read without a call: 250,000 interactions 0.94 → 0.69 s)."""
    env: dict[str, Any] = {"new": object.__new__, "cls": cls, "_fixed": _fixed,
                           "NO_EXTRA": _NO_EXTRA, "set_extra": plan.set_extra}
    lines = ["def read(data, notes):", "    record = new(cls)"]
    for n, (name, setter, ok, kind, default, check) in enumerate(plan.fields):
        env[f"set{n}"], env[f"check{n}"], env[f"default{n}"] = setter, check, default
        taken = []
        for i, klass in enumerate(ok):
            env[f"ok{n}_{i}"] = klass
            taken.append(f"v.__class__ is not ok{n}_{i}")
        lines.append(f"    v = data[{name!r}]")
        pad = "    "
        if taken:
            lines.append(f"    if {' and '.join(taken)}:")
            pad = "        "
        empty = _EMPTY_READ_AS.get(kind)
        if empty is not None and not taken:  # most are empty: read without a call
            lines += [f"    if v.__class__ is {empty[0]} and not v:", f"        v = {empty[1]}",
                      "    else:"]
            pad = "        "
        lines.append(f"{pad}v, problem = check{n}(v)")
        lines.append(f"{pad}if problem is not None:")
        lines.append(f"{pad}    v = _fixed(cls, data, {name!r}, {kind!r}, data[{name!r}], "
                     f"default{n}, notes)")
        lines.append(f"    set{n}(record, v)")
    lines += ["    set_extra(record, NO_EXTRA)", "    return record"]
    exec("\n".join(lines), env)  # noqa: S102 - our own field names, written by repr()
    return env["read"]


# The kinds whose values are always checked (a list's items), by the function that checks
# them: called straight from Record.from_dict's loop, it costs one call where fix() costs
# three (a contact has six such fields: a third of building 50,000 contacts).
_CHECKS = {"texts": fieldtypes.fix_texts, "links": fieldtypes.fix_links,
           "phones": fieldtypes.fix_phones, "answers": fieldtypes.fix_answers,
           "ratings": fieldtypes.fix_ratings, "postings": fieldtypes.fix_postings}


def _checker(kind: str, name: str, default: Any) -> Any:
    check = _CHECKS.get(kind)
    if check is not None:
        return check
    return lambda value: fieldtypes.fix(kind, name, value, default)


def _fixed(cls: type, data: dict[str, Any], name: str, kind: str, value: Any, default: Any,
           notes: list[Note] | None) -> Any:
    """A stored value that is not taken as it is: checked, repaired if wrong, and noted."""
    fixed, problem = fieldtypes.fix(kind, name, value, default)
    if problem is not None:
        plan = _plan(cls)
        if not fixed and name in plan.required:  # `created: null`, an interaction's date
            fixed = dict(plan.factories)[name]()
        elif fixed == "" and default:  # `kind: null` is read as the default kind
            fixed = default
        if notes is not None:
            notes.append((cls.TABLE, str(data.get("id")), name, problem))
    return fixed


def _slot_setter(cls: type, name: str) -> Any:
    for klass in cls.__mro__:  # the slot lives on the class that declared the field
        slot = klass.__dict__.get(name)
        if slot is not None and hasattr(slot, "__set__"):
            return slot.__set__
    raise TypeError(f"{cls.__name__}.{name} has no slot")


_SPECS: dict[type, dict[str, str]] = {}


def field_kinds(cls: type) -> dict[str, str]:
    """Each stored field of a record type and its kind (fieldtypes.fix): str, optstr, int,
    optint, bool, texts (list of text), links, ratings, answers."""
    specs = _SPECS.get(cls)
    if specs is None:
        specs = {}
        for f in dataclasses.fields(cls):
            if f.name == "extra":
                continue
            if "kind" in f.metadata:  # a kind the annotation does not tell (postings)
                specs[f.name] = f.metadata["kind"]
                continue
            t = str(f.type).replace(" ", "")
            if t.startswith("tuple[str"):
                specs[f.name] = "texts"
            elif t == "tuple[dict[str,str],...]":
                specs[f.name] = "phones"
            elif t.startswith("tuple[dict"):
                specs[f.name] = "answers"
            elif t == "dict[str,int]":
                specs[f.name] = "ratings"
            elif t == "dict[str,Any]":
                specs[f.name] = "object"
            elif t.startswith("dict"):
                specs[f.name] = "links"
            elif t == "bool":
                specs[f.name] = "bool"
            elif t.startswith("int"):
                specs[f.name] = "optint" if "None" in t else "int"
            elif t == "str":
                specs[f.name] = "str"
            else:
                specs[f.name] = "optstr"
        _SPECS[cls] = specs
    return specs
