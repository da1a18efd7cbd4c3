"""`netplan cadence set|list|clear`: keep-in-touch cadences by tag."""

from __future__ import annotations

import argparse

from . import output
from .args import Parser, UsageError, open_for_reading, store_path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    cadence = sub.add_parser(
        "cadence", parents=[common],
        help="keep-in-touch cadences by tag (a contact's own cadence wins)")
    actions = cadence.add_subparsers(dest="cadence_command", metavar="ACTION",
                                     parser_class=Parser)
    actions.required = True
    p = actions.add_parser("set", parents=[common],
                           help="follow up with everyone tagged TAG every DAYS days")
    p.add_argument("tag", metavar="TAG")
    p.add_argument("days", metavar="DAYS")
    p.set_defaults(func=cmd_set)
    p = actions.add_parser("list", parents=[common], help="the cadences set for tags")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    p = actions.add_parser("clear", parents=[common], help="drop a tag's cadence")
    p.add_argument("tag", metavar="TAG")
    p.set_defaults(func=cmd_clear)


def _open(args):
    from ..store.database import open_store

    return open_store(store_path(args))


def cmd_set(args: argparse.Namespace) -> int:
    from ..domain.cadences import CadenceError, set_cadence

    store = _open(args)
    try:
        record = set_cadence(store, args.tag, args.days)
    except CadenceError as exc:
        raise UsageError(str(exc)) from None
    output.line(f"contacts tagged {record.tag} are due every {record.cadence_days} days "
                "(unless they have a cadence of their own)")
    return 0


def cmd_list(args: argparse.Namespace) -> int:
    from ..domain.cadences import listed

    records = listed(open_for_reading(args))
    if args.json:
        output.emit_json([{"tag": r.tag, "days": r.cadence_days} for r in records])
        return 0
    if not records:
        output.line("no cadences by tag (netplan cadence set close 90 sets one)")
        return 0
    output.table([(r.tag, r.cadence_days) for r in records], headers=("TAG", "DAYS"))
    return 0


def cmd_clear(args: argparse.Namespace) -> int:
    from ..domain.cadences import CadenceError, clear_cadence

    try:
        gone = clear_cadence(_open(args), args.tag)
    except CadenceError as exc:
        raise UsageError(str(exc)) from None
    if not gone:
        raise UsageError(f"no cadence is set for the tag {args.tag!r}")
    output.line(f"cleared the cadence of {args.tag}")
    return 0
