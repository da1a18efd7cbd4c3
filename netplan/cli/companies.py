"""Company and duplicate commands: `companies`, `company add`, `duplicates`, `merge`."""

from __future__ import annotations

import argparse
import sys

from . import output
from .args import UsageError, open_for_reading, store_path


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("companies", parents=[common],
                       help="target companies: people known there, referrals, postings")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_companies)

    company = sub.add_parser("company", parents=[common], help="add a target company")
    company_sub = company.add_subparsers(dest="what", metavar="WHAT", parser_class=type(company))
    company_sub.required = True
    p = company_sub.add_parser("add", parents=[common], help="add a company (or find it)")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--priority", default="target", metavar="P", help="dream, target or maybe")
    p.add_argument("--why", default="", metavar="TEXT", help="why you want to work there")
    p.add_argument("--json", action="store_true", help="print the company as JSON")
    p.set_defaults(func=cmd_company_add)

    p = sub.add_parser("duplicates", parents=[common],
                       help="contacts that may be the same person")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_duplicates)

    p = sub.add_parser("merge", parents=[common],
                       help="merge the contact OTHER into KEEP (OTHER is deleted)")
    p.add_argument("keep", metavar="KEEP")
    p.add_argument("other", metavar="OTHER")
    p.add_argument("--yes", action="store_true", help="do not ask before merging")
    p.add_argument("--json", action="store_true", help="print the kept contact as JSON")
    p.set_defaults(func=cmd_merge)


def cmd_companies(args: argparse.Namespace) -> int:
    from ..domain.companies import overview_of

    rows = overview_of(open_for_reading(args))
    if args.json:
        output.emit_json([{
            **r.company.to_dict(),
            "people": [{"id": c.id, "name": c.name, "stage": c.stage} for c in r.people],
            "former": [{"id": c.id, "name": c.name} for c in r.former],
            "could_refer": [c.id for c in r.could_refer],
            "open_referrals": [ref.id for ref in r.open_referrals],
            "last_interaction": r.last_interaction.isoformat() if r.last_interaction else None,
        } for r in rows])
        return 0
    if not rows:
        output.line("no companies yet; `netplan company add NAME` adds one")
        return 0
    output.table(
        [(r.company.name, r.company.priority, r.company.status.replace("_", " "),
          str(len(r.people)), r.warmth(), str(len(r.open_referrals)),
          r.last_interaction.isoformat() if r.last_interaction else "",
          str(len(r.company.postings)))
         for r in rows],
        headers=("COMPANY", "PRIORITY", "STATUS", "PEOPLE", "WARMTH", "REFERRALS", "LAST",
                 "POSTINGS"),
    )
    return 0


def cmd_company_add(args: argparse.Namespace) -> int:
    from ..domain.companies import check_name, check_priority, find_or_create
    from ..store.database import open_store
    from ..support.sanitize import clean

    try:
        name = check_name(args.name)
        priority = check_priority(args.priority.strip().lower())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    why = clean(args.why, multiline=True).strip()
    store = open_store(store_path(args))
    company, created = find_or_create(store, name, priority=priority, why=why)
    if args.json:
        output.emit_json(company.to_dict())
    elif created:
        output.line(f"added {company.name} ({company.priority})")
    else:
        output.line(f"{company.name} is already there ({company.priority}); nothing changed")
    return 0


def cmd_duplicates(args: argparse.Namespace) -> int:
    from ..domain.duplicates import store_duplicates

    pairs = store_duplicates(open_for_reading(args))
    if args.json:
        output.emit_json([{
            "first": {"id": p.first.id, "name": p.first.name, "company": p.first.company},
            "second": {"id": p.second.id, "name": p.second.name, "company": p.second.company},
            "reasons": list(p.reasons),
        } for p in pairs])
        return 0
    if not pairs:
        output.line("no possible duplicates")
        return 0
    output.table([(p.first.name, p.first.company, p.second.name, p.second.company,
                   p.describe()) for p in pairs],
                 headers=("CONTACT", "COMPANY", "MAYBE THE SAME AS", "COMPANY", "WHY"))
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from ..domain.contacts import ContactLookupError, resolve
    from ..domain.merge import MergeError, merge_contacts
    from ..store.database import open_store
    from ..store.records import Contact

    store = open_store(store_path(args))
    contacts = store.all(Contact)
    try:
        keep, other = resolve(contacts, args.keep), resolve(contacts, args.other)
    except ContactLookupError as exc:
        raise UsageError(str(exc)) from None
    if keep.id == other.id:
        raise UsageError(f"{args.keep!r} and {args.other!r} are the same contact")
    if not args.yes:
        if not sys.stdin.isatty():
            raise UsageError("merging deletes a contact: add --yes to merge without asking")
        output.line(f"merge {other.name} ({other.company or 'no company'}) into "
                    f"{keep.name} ({keep.company or 'no company'})? [y/N] ")
        if input().strip().lower() not in ("y", "yes"):
            output.line("nothing merged")
            return 1
    try:
        result = merge_contacts(store, keep.id, other.id)
    except MergeError as exc:
        raise UsageError(str(exc)) from None
    if args.json:
        output.emit_json(result.contact.to_dict())
    else:
        output.line(f"merged {other.name} into {result.contact.name}: "
                    f"{result.interactions} interactions, {result.referrals} referral "
                    f"requests and {result.introductions} introductions moved")
    return 0
