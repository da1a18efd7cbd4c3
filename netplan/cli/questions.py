"""`netplan questions`: list the question bank (built-ins are loaded on first use)."""

from __future__ import annotations

import argparse

from . import output


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    p = sub.add_parser("questions", parents=[common],
                       help="list the informational-interview question bank")
    p.add_argument("search", nargs="*", help="only questions containing every word")
    p.add_argument("--starred", action="store_true", help="only starred questions")
    p.add_argument("--all", action="store_true", help="include hidden questions")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(func=cmd_questions)


def cmd_questions(args: argparse.Namespace) -> int:
    from ..domain.questions import SETTING, asked_counts, ordered, search, shipped_bank
    from ..store.records import Contact, Interaction, Question
    from .args import open_for_reading

    store = open_for_reading(args)
    questions = store.all(Question)
    bank = shipped_bank()
    if (store.setting(SETTING) or {}).get("fingerprint") != bank.fingerprint:
        # Listing writes nothing: the shipped bank is shown as the app would store it
        # (the app, or any writing command, brings the store's copy up to date).
        have = {q.id for q in questions}
        questions += [q for q in bank.questions if q.id not in have]
    shown = search(ordered(questions), " ".join(args.search),
                   show_hidden=args.all, starred_only=args.starred)
    asked = asked_counts(store.all(Interaction))
    contacts = {c.id: c for c in store.all(Contact)}
    if args.json:
        output.emit_json([
            {**q.to_dict(), "asked": asked[q.id].times if q.id in asked else 0,
             "asked_of": asked[q.id].names(contacts) if q.id in asked else []}
            for q in shown
        ])
        return 0
    category = None
    for q in shown:
        if q.category != category:
            if category is not None:
                output.line()
            category = q.category
            output.line(category or "My questions")
        marks = ("*" if q.starred else " ") + ("h" if q.hidden else " ")
        times = f"  (asked {asked[q.id].times}x)" if q.id in asked else ""
        output.line(f"  {marks} {q.text}{times}  [{q.id}]")
    if not shown:
        output.line("No question matches." if args.search or args.starred else "The bank is empty.")
    return 0
