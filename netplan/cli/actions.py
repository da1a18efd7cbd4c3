"""`netplan next` (the week's next actions, for cron and scripts) and `netplan draft`
(a filled outreach message)."""

from __future__ import annotations

import argparse

from . import output
from .args import UsageError, open_for_reading


def _non_negative(text: str) -> int:
    try:
        n = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of days") from None
    if not 0 <= n <= 3650:
        raise argparse.ArgumentTypeError(f"{n} is not between 0 and 3650")
    return n


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("next", parents=[common],
                       help="next actions: follow-ups, thank-yous, bumps, prep (for cron)")
    p.add_argument("--within", type=_non_negative, default=7, metavar="DAYS",
                   help="include follow-ups and conversations in the next DAYS days (default 7)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_next)

    p = sub.add_parser("draft", parents=[common], help="print a filled outreach message")
    p.add_argument("template", metavar="TEMPLATE",
                   help="a message template id (info-warm, info-cold, thanks, referral-ask, "
                        "referral-send, bump, bump-dm, after-event, tell-introducer, "
                        "offer-help, or your own)")
    p.add_argument("name", metavar="NAME", help="the contact (part of a name)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_draft)


def cmd_next(args: argparse.Namespace) -> int:
    from ..domain.next_actions import KIND_LABELS, for_store
    from ..support.dates import today

    store = open_for_reading(args)
    now = today()
    actions = for_store(store, now, args.within)
    if args.json:
        output.emit_json([a.to_json(now) for a in actions])
        return 0
    if not actions:
        output.line(f"nothing to do in the next {args.within} days ({now})")
        return 0
    output.line(f"Next actions as of {now}: {len(actions)}")
    for a in actions:  # two lines each, so a cron mail reads in 80 columns
        output.line(f"{a.when(now):>16}  {KIND_LABELS[a.kind]}: {a.title}")
        output.line(f"{'':>16}  {a.reason}")
    return 0


def cmd_draft(args: argparse.Namespace) -> int:
    from ..domain import messages
    from ..domain.contacts import ContactLookupError, resolve
    from ..store.records import Contact

    store = open_for_reading(args)
    try:
        template = messages.find_template(messages.all_templates(store), args.template)
    except messages.UnknownTemplate as exc:
        raise UsageError(str(exc)) from None
    try:
        contact = resolve(store.all(Contact), args.name)
    except ContactLookupError as exc:
        raise UsageError(str(exc)) from None
    draft = messages.draft(store, template, contact, messages.open_referral(store, contact))
    if args.json:
        output.emit_json({"template": template.id, "contact": contact.id, "text": draft.text,
                          "gaps": draft.gaps, "kind": template.kind,
                          "outreach": template.outreach})
        return 0
    output.line(draft.text.rstrip("\n"))
    return 0
