"""`netplan import linkedin|csv|vcard|yaml PATH [--dry-run]` and `netplan export --format F`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import output
from .args import UsageError, store_path

IMPORT_HELP = {
    "linkedin": ("PATH", "LinkedIn's data export (Settings → Data privacy → Get a copy): the zip, "
                 "its folder, or one of Connections.csv, messages.csv, Invitations.csv, "
                 "Notes.csv"),
    "csv": ("FILE", "contacts from a Google Contacts or Outlook CSV, or any CSV with --map"),
    "vcard": ("FILE_OR_DIR", "a .vcf file with any number of cards, or a folder of .vcf files"),
    "yaml": ("FILE", "a netplan export (YAML or JSON) from `netplan export`"),
}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("import", parents=[common], help="import contacts or a netplan export")
    kinds = p.add_subparsers(dest="kind", metavar="KIND", required=True,
                             parser_class=type(p))
    for kind, (metavar, text) in IMPORT_HELP.items():
        k = kinds.add_parser(kind, parents=[common], help=text, description=f"Import {text}.")
        k.add_argument("path", metavar=metavar)
        k.add_argument("--dry-run", action="store_true",
                       help="show what would be created, updated and skipped; change nothing")
        k.add_argument("--json", action="store_true", help="print the full result as JSON")
        if kind == "csv":
            k.add_argument("--map", action="append", default=[], metavar="COLUMN=FIELD",
                           help="which netplan field a column fills (repeatable): name, first, "
                           "middle, last, email, phone, company, role, notes, tags, link, "
                           "location, how_met, met_on")
        k.set_defaults(func=cmd_import)

    p = sub.add_parser("export", parents=[common], help="export to json, yaml, csv, vcard or ics",
                       description="Write the store out. json and yaml hold everything (read back "
                       "with `netplan import yaml`); csv the contacts; vcard one .vcf per contact "
                       "in a folder; ics the follow-ups and planned events.")
    from ..transfer import EXPORT_FORMATS

    p.add_argument("--format", "-f", required=True, choices=EXPORT_FORMATS)
    p.add_argument("-o", "--output", metavar="PATH", default="-",
                   help="file to write; for vcard a folder (one .vcf a contact) or FILE.vcf "
                   "(every card in one file); for ics a folder ending in / writes one "
                   ".ics an item; - or nothing: standard output")
    p.add_argument("--force", action="store_true", help="overwrite files that already exist")
    p.set_defaults(func=cmd_export)


def cmd_import(args: argparse.Namespace) -> int:
    from ..store.database import open_store
    from ..transfer.files import TransferError
    from ..transfer.import_plan import apply_import
    from ..transfer.imports import parse

    try:
        parsed = parse(args.kind, args.path, getattr(args, "map", None))
    except TransferError as exc:
        raise UsageError(str(exc)) from None
    store = open_store(store_path(args))
    result = apply_import(store, parsed, dry_run=args.dry_run)
    if args.json:
        output.emit_json(result.to_json())
        return 0
    output.line(f"{args.kind} import from {result.source}: {result.summary()}")
    for text in result.report_lines():
        output.line(text)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from ..transfer import FOLDER_FORMATS
    from ..transfer.exports import export_to, render, writes_one_file
    from ..transfer.files import TransferError, check_writable

    to_stdout = args.output in ("-", "")
    if to_stdout and args.format in FOLDER_FORMATS:
        raise UsageError("vCard export writes one file per contact: give a folder with -o DIR, "
                         "or one file of every card with -o FILE.vcf")
    from .args import open_for_reading

    store = open_for_reading(args)
    try:
        if to_stdout and args.format == "yaml":  # written as it is made
            from ..transfer.yamljson import yaml_export

            for chunk in yaml_export(store)[0]:  # (each chunk is whole records' UTF-8)
                sys.stdout.write(chunk.decode("utf-8"))
            sys.stdout.flush()
            return 0
        if to_stdout:
            text, _ = render(store, args.format)
            sys.stdout.write(text)
            sys.stdout.flush()
            return 0
        if writes_one_file(args.format, args.output):  # refuse before doing the work
            check_writable(Path(args.output).expanduser(), force=args.force)
        report = export_to(store, args.format, args.output, force=args.force)
    except TransferError as exc:
        raise UsageError(str(exc)) from None
    output.line(report.summary())
    return 0
