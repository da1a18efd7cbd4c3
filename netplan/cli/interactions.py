"""Interaction commands: `interactions` (list), `interaction edit ID`, `interaction delete ID`."""

from __future__ import annotations

import argparse

from . import output
from .args import UsageError, store_path
from .contacts import KINDS_HELP


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("interactions", parents=[common],
                       help="list logged interactions, newest first, with their ids")
    p.add_argument("--contact", default=None, metavar="NAME", help="only those with this contact")
    p.add_argument("--week", default=None, metavar="W", help="only those in an ISO week (2026-W48)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_interactions)

    one = sub.add_parser("interaction", parents=[common], help="edit or delete an interaction")
    one_sub = one.add_subparsers(dest="what", metavar="ACTION", parser_class=type(one))
    one_sub.required = True
    p = one_sub.add_parser("edit", parents=[common],
                           help="change an interaction (the id or its first characters)")
    p.add_argument("id", metavar="ID")
    p.add_argument("--date", default=None, metavar="D")
    p.add_argument("--kind", default=None, metavar="K", help=KINDS_HELP)
    p.add_argument("--summary", default=None, metavar="S")
    p.add_argument("--notes", default=None, metavar="N")
    p.add_argument("--outreach", default=None, action=argparse.BooleanOptionalAction)
    p.add_argument("--replied", default=None, action=argparse.BooleanOptionalAction)
    p.add_argument("--json", action="store_true", help="print the interaction as JSON")
    p.set_defaults(func=cmd_edit)
    p = one_sub.add_parser("delete", parents=[common], help="delete an interaction")
    p.add_argument("id", metavar="ID")
    p.set_defaults(func=cmd_delete)


def _open(args):
    from ..store.database import open_store

    return open_store(store_path(args))


def _find(store, key: str):
    from ..domain.interactions import InteractionLookupError, find
    from ..store.records import Interaction

    try:
        return find(store.all(Interaction), key)
    except InteractionLookupError as exc:
        raise UsageError(str(exc)) from None


def _names(store, it) -> list[str]:
    from ..store.records import Contact

    return [c.name for c in (store.get(Contact, cid) for cid in it.contacts) if c]


def cmd_interactions(args: argparse.Namespace) -> int:
    from ..domain.contacts import ContactLookupError, resolve, timeline
    from ..domain.interactions import answers, short_ids
    from ..store.records import Contact, Interaction, Question
    from ..support.dates import week_of
    from .goals import _open as open_readonly
    from .goals import week_arg

    week = week_arg(args.week) if args.week else None
    store = open_readonly(args)
    every = store.all(Interaction)
    shown = sorted(every, key=lambda i: (str(i.date), i.id), reverse=True)
    if args.contact:
        try:
            shown = timeline(every, resolve(store.all(Contact), args.contact).id)
        except ContactLookupError as exc:
            raise UsageError(str(exc)) from None
    if week:
        shown = [i for i in shown if week_of(i.date) == week]
    if args.json:
        output.emit_json([{**i.to_dict(), "contact_names": _names(store, i)} for i in shown])
        return 0
    short = short_ids(every)
    texts = {q.id: q.text for q in store.all(Question)}
    for it in shown:
        flags = [f for f, on in (("planned", it.planned), ("outreach", it.outreach),
                                 ("replied", it.replied)) if on]
        line = f"{short[it.id]}  {it.date}  {it.kind}  {', '.join(_names(store, it))}"
        if flags:
            line += f"  [{', '.join(flags)}]"
        if it.summary:
            line += f"  — {it.summary}"
        output.line(" ".join(line.split("\n")))
        for qid, answer in answers(it):
            output.line(f"    {texts.get(qid, '(a deleted question)')} → {answer}"
                        .replace("\n", " "))
    if not shown:
        output.line("no interactions")
    return 0


def cmd_edit(args: argparse.Namespace) -> int:
    from ..domain.interactions import plan_note, update_interaction
    from ..store.records import INTERACTION_KINDS
    from ..support.sanitize import clean
    from .contacts import _date

    changes: dict = {}
    if args.date is not None:
        changes["date"] = _date(args.date, "--date").isoformat()
    if args.kind is not None:
        kind = args.kind.strip().lower().replace("-", "_").replace(" ", "_")
        if kind not in INTERACTION_KINDS:
            raise UsageError(f"unknown kind {args.kind!r} (use {', '.join(INTERACTION_KINDS)})")
        changes["kind"] = kind
    if args.summary is not None:
        changes["summary"] = clean(args.summary).strip()
    if args.notes is not None:
        changes["notes"] = clean(args.notes, multiline=True).strip()
    for flag in ("outreach", "replied"):
        if getattr(args, flag) is not None:
            changes[flag] = getattr(args, flag)
    if not changes:
        raise UsageError("nothing to change (give --date, --kind, --summary, --notes, "
                         "--outreach/--no-outreach or --replied/--no-replied)")
    store = _open(args)
    it = _find(store, args.id)
    edited = update_interaction(store, it.id, by_hand=True, **changes)
    if edited is None:
        raise UsageError(f"interaction {args.id!r} was deleted meanwhile")
    if args.json:
        output.emit_json(edited.to_dict())
    else:
        output.line(f"edited {edited.kind} on {edited.date} with "
                    + ", ".join(_names(store, edited))
                    + (f" ({plan_note(edited)})" if edited.planned else ""))
    return 0


def cmd_delete(args: argparse.Namespace) -> int:
    from ..domain.interactions import delete_interaction

    store = _open(args)
    it = _find(store, args.id)
    names = _names(store, it)
    if delete_interaction(store, it.id) is None:
        raise UsageError(f"interaction {args.id!r} was deleted meanwhile")
    output.line(f"deleted {it.kind} on {it.date} with {', '.join(names) or 'nobody'}")
    return 0
