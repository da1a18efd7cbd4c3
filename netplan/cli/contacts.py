"""Contact commands: `add contact`, `log`, `due` (for cron) and `contacts`."""

from __future__ import annotations

import argparse

from . import output
from .args import UsageError, store_path

KINDS_HELP = (
    "coffee, call, informational_interview, email, dm, meetup, conference, comment, intro, "
    "help, thanks, other"
)


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    add = sub.add_parser("add", parents=[common], help="add a record (add contact NAME …)")
    add_sub = add.add_subparsers(dest="what", metavar="WHAT", parser_class=type(add))
    add_sub.required = True
    p = add_sub.add_parser("contact", parents=[common], help="add a contact")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--company", default="")
    p.add_argument("--role", default="")
    p.add_argument("--location", default="")
    p.add_argument("--email", action="append", default=[], metavar="E", help="repeat for several")
    p.add_argument(
        "--phone",
        action="append",
        default=[],
        metavar="N",
        help="a phone number, mobile unless typed as work:N, home:N or other:N; "
        "repeat for several",
    )
    p.add_argument(
        "--link",
        action="append",
        default=[],
        metavar="URL",
        help="a profile or site URL (or kind=URL); repeat for several",
    )
    p.add_argument("--tag", action="append", default=[], metavar="T", help="repeat for several")
    p.add_argument("--how-met", default="", metavar="TEXT")
    p.add_argument("--met-on", default=None, metavar="DATE")
    p.add_argument(
        "--introduced-by",
        default=None,
        metavar="NAME",
        help="the contact who introduced you (part of a name is enough)",
    )
    p.add_argument("--stage", default="identified")
    p.add_argument(
        "--cadence", default=None, metavar="DAYS",
        help="keep-in-touch cadence in days (default: default_cadence in config.toml, else 30; "
        "none when a tag has a cadence: netplan cadence set TAG DAYS)",
    )
    p.add_argument("--notes", default="")
    p.add_argument("--json", action="store_true", help="print the new contact as JSON")
    p.set_defaults(func=cmd_add_contact)

    p = sub.add_parser("log", parents=[common], help="log an interaction with one or more contacts")
    p.add_argument("names", nargs="+", metavar="NAME")
    p.add_argument("--kind", required=True, help=KINDS_HELP)
    p.add_argument(
        "--date",
        default="today",
        metavar="DATE",
        help="2026-11-23, yesterday, last friday … (default today)",
    )
    p.add_argument("--summary", default="")
    p.add_argument("--notes", default="")
    p.add_argument("--outreach", action="store_true", help="you reached out first")
    p.add_argument("--replied", action="store_true", help="they replied")
    p.add_argument("--json", action="store_true", help="print the interaction as JSON")
    p.set_defaults(func=cmd_log)

    p = sub.add_parser("due", parents=[common], help="follow-ups overdue and due soon (for cron)")
    p.add_argument(
        "--within",
        type=_non_negative,
        default=7,
        metavar="DAYS",
        help="include follow-ups due in the next DAYS days (default 7)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_due)

    p = sub.add_parser("contacts", parents=[common], help="list contacts")
    p.add_argument(
        "--filter",
        default="",
        metavar="TEXT",
        help="words that the name, company, role, tags or notes contain, and fields: "
        "stage:talked tag:mentor company:acme is:overdue is:due (within 7 days) met:EVENT; "
        "all must match",
    )
    p.add_argument("--sort", choices=("name", "follow_up", "last"), default="name")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_contacts)


def _non_negative(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if n < 0 or n > 36500:
        raise argparse.ArgumentTypeError("must be between 0 and 36500")
    return n


def _open(args):
    from ..store.database import open_store

    return open_store(store_path(args))


def _open_reading(args):
    from .args import open_for_reading

    return open_for_reading(args)


def _date(text: str | None, what: str):
    from ..support.dates import DateError, parse_optional_date

    try:
        return parse_optional_date(text)
    except DateError as exc:
        raise UsageError(f"{what}: {exc}") from None


def _resolve(contacts, name: str):
    from ..domain.contacts import ContactLookupError, resolve

    try:
        return resolve(contacts, name)
    except ContactLookupError as exc:
        raise UsageError(str(exc)) from None


def cmd_add_contact(args: argparse.Namespace) -> int:
    from ..domain.cadences import covers
    from ..domain.contact_fields import add_link, parse_cadence, parse_emails, parse_phones
    from ..domain.followups import default_cadence_days
    from ..store.records import STAGES, Contact
    from ..support.sanitize import clean

    name = " ".join(clean(args.name).split())
    if not name:
        raise UsageError("a contact needs a name")
    if args.stage not in STAGES:
        raise UsageError(f"unknown stage {args.stage!r} (use {', '.join(STAGES)})")
    try:
        emails = parse_emails(",".join(args.email))
        phones = parse_phones(args.phone)
        cadence = parse_cadence(args.cadence) if args.cadence is not None else None
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    met_on = _date(args.met_on, "--met-on")
    links: dict[str, str] = {}
    for url in args.link:
        links = add_link(links, url)
    tags = tuple(dict.fromkeys(t for t in (clean(t).strip() for t in args.tag) if t))
    store = _open(args)
    if args.cadence is None and not covers(store, tags):
        cadence = default_cadence_days()  # a tag's cadence applies only when they have none
    introduced_by = None
    if args.introduced_by:
        introduced_by = _resolve(store.all(Contact), args.introduced_by).id
    contact = Contact(
        name=name,
        company=clean(args.company).strip(),
        role=clean(args.role).strip(),
        location=clean(args.location).strip(),
        emails=emails,
        phones=phones,
        links=links,
        tags=tags,
        how_met=clean(args.how_met).strip(),
        met_on=met_on.isoformat() if met_on else None,
        introduced_by=introduced_by,
        stage=args.stage,
        cadence_days=cadence,
        notes=clean(args.notes, multiline=True).strip(),
    )
    store.save(contact)
    if args.json:
        output.emit_json(contact.to_dict())
    else:
        output.line(f"added {contact.name}" + (f" ({contact.company})" if contact.company else ""))
    return 0


def cmd_log(args: argparse.Namespace) -> int:
    from ..domain.contacts import log_interaction
    from ..domain.interactions import plan_note
    from ..store.records import INTERACTION_KINDS, Contact, Interaction
    from ..support.sanitize import clean

    kind = args.kind.strip().lower().replace("-", "_").replace(" ", "_")
    if kind not in INTERACTION_KINDS:
        raise UsageError(f"unknown kind {args.kind!r} (use {', '.join(INTERACTION_KINDS)})")
    day = _date(args.date, "--date")
    store = _open(args)
    contacts = store.all(Contact)
    people = []
    for name in args.names:
        c = _resolve(contacts, name)
        if c not in people:
            people.append(c)
    interaction = Interaction(
        date=day.isoformat(),
        kind=kind,
        contacts=tuple(c.id for c in people),
        summary=clean(args.summary).strip(),
        notes=clean(args.notes, multiline=True).strip(),
        outreach=args.outreach,
        replied=args.replied,
    )
    interaction = log_interaction(store, interaction)
    if args.json:
        output.emit_json(interaction.to_dict())
    elif interaction.planned:
        output.line(f"planned {kind} on {day} with " + ", ".join(c.name for c in people)
                    + f" ({plan_note(interaction)})")
    else:
        output.line(f"logged {kind} on {day} with " + ", ".join(c.name for c in people))
    return 0


def cmd_due(args: argparse.Namespace) -> int:
    from ..domain.due_dates import listed
    from ..domain.followups import describe_days
    from ..support.dates import today

    store = _open_reading(args)
    # Neither contacts nor interactions are read when the TUI kept the list (due_dates.py).
    due = listed(store, args.within, today())
    if args.json:
        output.emit_json(
            [
                {
                    "id": d.id,
                    "name": d.name,
                    "company": d.company,
                    "due": d.due.isoformat(),
                    "days": d.days,
                    "overdue": d.overdue,
                }
                for d in due
            ]
        )
        return 0
    if not due:
        output.line(f"nothing due in the next {args.within} days ({today()})")
        return 0
    overdue = sum(d.overdue for d in due)
    output.line(
        f"Follow-ups as of {today()}: {overdue} overdue, "
        f"{len(due) - overdue} due in the next {args.within} days"
    )
    output.table(
        [
            (
                "!" if d.overdue else "",
                d.due.isoformat(),
                describe_days(d.days),
                d.name,
                d.company,
            )
            for d in due
        ],
    )
    return 0


def cmd_contacts(args: argparse.Namespace) -> int:
    from ..domain.contact_filter import FilterError, parse
    from ..domain.contacts import ContactIndex
    from ..domain.followups import days_until, describe_days

    try:
        parse(args.filter).check()
    except FilterError as exc:
        raise UsageError(f"--filter: {exc}") from None
    store = _open_reading(args)
    rows = ContactIndex.from_store(store).filter(args.filter, args.sort)
    if args.json:
        output.emit_json(
            [
                {
                    **r.contact.to_dict(),
                    "next_follow_up_due": r.next_follow_up.isoformat()
                    if r.next_follow_up
                    else None,
                    "last_interaction": r.last.isoformat() if r.last else None,
                }
                for r in rows
            ]
        )
        return 0
    output.table(
        [
            (
                r.contact.name or "(no name)",
                r.contact.company,
                r.contact.stage,
                r.next_follow_up.isoformat() if r.next_follow_up else "",
                describe_days(days_until(r.next_follow_up)) if r.next_follow_up else "",
            )
            for r in rows
        ],
        headers=("NAME", "COMPANY", "STAGE", "FOLLOW-UP", ""),
    )
    return 0
