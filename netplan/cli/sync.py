"""`netplan sync vcard DIR` and `netplan sync ics DIR`: two-way with a vdir, the folder
vdirsyncer then syncs with a CardDAV / CalDAV server (see `transfer/sync_vcard.py`)."""

from __future__ import annotations

import argparse
import sys

from . import output
from .args import UsageError, store_path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("sync", parents=[common], help="two-way sync with a vdir folder",
                       description="Sync contacts (vcard) or follow-ups and events (ics) both "
                       "ways with a folder of one item a file, the folder vdirsyncer syncs "
                       "with a server. Run `vdirsyncer sync` before it (the server's changes "
                       "down) and after it (netplan's up).")
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True, parser_class=type(p))
    v = kinds.add_parser("vcard", parents=[common], help="contacts with a folder of .vcf cards")
    v.add_argument("folder", metavar="DIR")
    v.add_argument("--yes", action="store_true",
                   help="delete contacts whose cards were deleted in the folder (their "
                   "interactions stay); without it they are kept and flagged")
    v.add_argument("--prefer", choices=("netplan", "folder"), default="netplan",
                   help="whose value wins a field changed on both sides (default: netplan)")
    v.add_argument("--json", action="store_true", help="print what changed as JSON")
    v.set_defaults(func=cmd_sync_vcard)
    i = kinds.add_parser("ics", parents=[common],
                         help="follow-ups (VTODO) and planned events (VEVENT), one .ics a file")
    i.add_argument("folder", metavar="DIR")
    i.add_argument("--json", action="store_true", help="print what changed as JSON")
    i.set_defaults(func=cmd_sync_ics)


def cmd_sync_vcard(args: argparse.Namespace) -> int:
    from ..store.database import open_store
    from ..transfer.files import TransferError
    from ..transfer.sync_vcard import cards_deleted_in_folder, sync_vcards

    store = open_store(store_path(args))
    try:
        gone = cards_deleted_in_folder(store, args.folder)
        delete = {c.id for c in gone} if args.yes else _ask(gone)
        report = sync_vcards(store, args.folder, prefer=args.prefer, delete=delete)
    except TransferError as exc:
        raise UsageError(str(exc)) from None
    return _show(report, args)


def _ask(gone: list) -> set[str]:
    """Ask once, on a terminal, before deleting contacts whose cards were deleted."""
    if not gone or not (sys.stdin.isatty() and sys.stdout.isatty()):
        return set()
    from ..support.words import counted

    names = ", ".join(c.name for c in gone[:5]) + (" …" if len(gone) > 5 else "")
    one = len(gone) == 1
    output.line(f"{counted(len(gone), 'card')} {'was' if one else 'were'} deleted in the "
                f"folder: {names}")
    try:
        answer = input(f"Delete {'this contact' if one else 'these contacts'} in netplan too "
                       "(their interactions stay)? [y/N] ")
    except EOFError:
        return set()
    return {c.id for c in gone} if answer.strip().lower() in ("y", "yes") else set()


def cmd_sync_ics(args: argparse.Namespace) -> int:
    from ..store.database import open_store
    from ..transfer.files import TransferError
    from ..transfer.sync_ics import sync_ics

    store = open_store(store_path(args))
    try:
        report = sync_ics(store, args.folder)
    except TransferError as exc:
        raise UsageError(str(exc)) from None
    return _show(report, args)


def _show(report, args: argparse.Namespace) -> int:
    if args.json:
        output.emit_json(report.to_json())
        return 0
    output.line(report.summary())
    for text in report.lines():
        output.line(text)
    return 0
