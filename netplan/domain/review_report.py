"""The weekly review as sections of lines, plain text, Markdown and JSON (no Textual).

`sections(review)` is the one description of what a review says; the text and
Markdown renderers and the Review screen all draw from it, so they cannot drift.
Every string from the store is passed through `clean()` so nothing a user typed
or imported can put escape codes in a cron mail.
"""

from __future__ import annotations

from typing import Any

from ..support.dates import week_label
from ..support.markdown import escape
from ..support.sanitize import one_line
from ..support.words import counted
from .goals import AREA_LABELS, GoalView
from .metrics import DEFINITIONS, METRIC_LABELS
from .review import Review
from .trends import RATES, SERIES
from .trends import table as trend_table

TRENDS_HEADING = "Last 12 weeks"
# Lines a list of the text review shows (a cron mail, the Review section); the JSON keeps
# every item. 11,000 overdue follow-ups listed one a line made a 13,000-line mail.
SHOWN = 20
# Where each capped list is seen whole.
WHOLE = {
    "due": "netplan due lists them all",
    "referrals": "R in Contacts lists them all",
    "thanks": "netplan next lists them all",
}


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.0f}%"


def goal_line(v: GoalView, *, carried: bool = False) -> str:
    g = v.goal
    how = "" if g.metric == "manual" else f", {METRIC_LABELS.get(g.metric, g.metric)}"
    suffix = " (carried to next week)" if carried else ""
    return f"{one_line(g.title, 60)} — {v.progress}/{g.target}{how}{suffix}"


def _names(review: Review, ids) -> str:
    names = [one_line(review.names.get(c, "someone removed"), 30) for c in ids]
    return ", ".join(names) or "no one"


def sections(review: Review) -> list[tuple[str, list[str]]]:
    """(heading, lines) in reading order; an empty section says so in one line."""
    out: list[tuple[str, list[str]]] = []
    met = [goal_line(v) for v in review.goals_met]
    missed = [goal_line(v, carried=v.goal.id in review.carried_ids) for v in review.goals_missed]
    total = len(met) + len(missed)
    out.append((f"Goals met ({len(met)} of {total})", met or ["none"]))
    # A week still under way has goals "open", not "missed".
    missed_heading = "Goals missed" if review.sunday < review.today else "Goals still open"
    out.append((f"{missed_heading} ({len(missed)})", missed or ["none"]))
    # Each figure with its one definition on the line under it (metrics.DEFINITIONS).
    out.append(("Metrics", [
        f"Outreach: {counted(review.outreach, 'person', 'people')} "
        f"reached, {review.replied} replied (response rate {percent(review.response_rate)})",
        f"  reached = {DEFINITIONS['outreach']}",
        f"  response rate = {DEFINITIONS['response_rate']}",
        f"Conversations: {review.conversations} (meeting conversion "
        f"{percent(review.meeting_conversion)}: {review.met} of {review.outreach} then met)",
        f"  meeting conversion = {DEFINITIONS['meeting_conversion']}",
        f"Referrals received: {review.referrals_received}",
        f"  referrals = {DEFINITIONS['referrals_received']}",
        f"Help given: {review.help_given}, and {counted(review.thanks_given, 'thank-you')}",
        f"Streak: {counted(review.streak, 'week')} of goals met",
        f"  streak = {DEFINITIONS['streak']}",
    ]))
    if review.trends is not None:
        out.append((TRENDS_HEADING, trend_table(review.trends)))
    kinds = ", ".join(f"{n} {k.replace('_', ' ')}" for k, n in review.interactions_by_kind.items())
    lines = [f"{len(review.interactions)} logged" + (f": {kinds}" if kinds else "")]
    if review.interactions:  # ("0 logged" says there are none)
        lines += _shown(review.interactions, lambda i: (
            f"{i.date[:10]} {i.kind.replace('_', ' ')} with {_names(review, i.contacts)}"
            + (f" — {one_line(i.summary, 50)}" if i.summary else "")), "")
    out.append(("Interactions", lines))
    out.append((f"New contacts ({len(review.new_contacts)})", _shown(
        review.new_contacts,
        lambda c: one_line(c.name, 40) + (f" ({one_line(c.company, 30)})" if c.company else ""),
        "")))
    out.append((f"Events attended ({len(review.events_attended)})",
                _shown(review.events_attended,
                       lambda e: f"{(e.date or '')[:10]} {one_line(e.name, 50)}", "")))
    def due(f) -> str:
        return f"{f.due.isoformat()} {one_line(f.name, 40)}"

    out.append((f"Follow-ups overdue ({len(review.overdue)})",
                _shown(review.overdue, due, WHOLE["due"])))
    out.append((f"Follow-ups due in the next 7 days ({len(review.due_soon)})",
                _shown(review.due_soon, due, WHOLE["due"])))
    out.append((f"Referral requests waiting on you ({len(review.waiting_on_you)})", _shown(
        review.waiting_on_you, lambda r: (
            f"{'ask' if r.status == 'to_ask' else 'send what they need'}: "
            f"{_names(review, [r.contact]) if r.contact else 'someone'}"
            + (f" at {one_line(r.company, 30)}" if r.company else "")
            + (f" for {one_line(r.role, 30)}" if r.role else "")), WHOLE["referrals"])))
    out.append((f"Thank-yous owed ({len(review.thanks_owed)})",
                _shown(review.thanks_owed, lambda a: one_line(a.title, 70), WHOLE["thanks"])))
    out.append(("PIE change", _pie_lines(review.pie)))
    return out


def _shown(items, line, whole: str) -> list[str]:
    """The first SHOWN items as lines, then how many more (and where they are all
    seen); "none" for no items. Only the lines shown are made."""
    if not items:
        return ["none"]
    lines = [line(item) for item in items[:SHOWN]]
    if len(items) > SHOWN:
        lines.append(f"… and {len(items) - SHOWN} more" + (f" ({whole})" if whole else ""))
    return lines


def _pie_lines(pie: dict | None) -> list[str]:
    if not pie:
        return ["fewer than two self-assessments so far"]
    lines = [f"from {pie['from']} to {pie['to']} (area scores)"]
    for area, d in pie["areas"].items():
        lines.append(f"{AREA_LABELS[area]}: {d['before']}% → {d['after']}% ({d['change']:+d})")
    if pie.get("total_change") is not None:
        lines.append(f"Weighted total: {pie['total_change']:+d} points")
    return lines


def title(review: Review) -> str:
    return f"Weekly review {week_label(review.week)}"


def to_text(review: Review) -> str:
    parts = [title(review), ""]
    for heading, lines in sections(review):
        parts.append(heading)
        parts += [f"  {line}" for line in lines]
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def to_markdown(review: Review) -> str:
    parts = [f"# {escape(title(review))}", ""]
    for heading, lines in sections(review):
        parts += [f"## {escape(heading)}", ""]
        if heading == TRENDS_HEADING:  # a table of figures: kept aligned, as it is
            parts += ["```", *lines, "```"]
        else:
            parts += [f"- {escape(line)}" for line in lines]
        parts.append("")
    return "\n".join(parts).rstrip() + "\n"


def _goal_json(v: GoalView, review: Review) -> dict[str, Any]:
    g = v.goal
    return {"id": g.id, "title": g.title, "progress": v.progress, "target": g.target,
            "metric": g.metric, "area": g.area, "status": v.status,
            "carried_from": g.carried_from, "carried": g.id in review.carried_ids}


def to_json(review: Review) -> dict[str, Any]:
    def follow(f):
        return {"contact": f.id, "name": f.name, "due": f.due.isoformat()}

    return {
        "week": review.week, "from": review.monday.isoformat(), "to": review.sunday.isoformat(),
        "goals_met": [_goal_json(v, review) for v in review.goals_met],
        "goals_missed": [_goal_json(v, review) for v in review.goals_missed],
        "interactions": len(review.interactions),
        "interactions_by_kind": review.interactions_by_kind,
        "new_contacts": [{"id": c.id, "name": c.name} for c in review.new_contacts],
        "events_attended": [{"id": e.id, "name": e.name, "date": e.date}
                            for e in review.events_attended],
        "follow_ups_overdue": [follow(f) for f in review.overdue],
        "follow_ups_due_soon": [follow(f) for f in review.due_soon],
        "referrals_waiting_on_you": [
            {"id": r.id, "contact": r.contact, "company": r.company, "role": r.role,
             "status": r.status} for r in review.waiting_on_you],
        "pie_change": review.pie,
        "metrics": {
            "outreach": review.outreach, "replied": review.replied,
            "response_rate": review.response_rate, "conversations": review.conversations,
            "meeting_conversion": review.meeting_conversion, "met_after_outreach": review.met,
            "referrals_received": review.referrals_received, "help_given": review.help_given,
            "thanks_given": review.thanks_given,
        },
        "thanks_owed": [{"key": a.key, "title": a.title, "contact": a.contact_id,
                         "reason": a.reason} for a in review.thanks_owed],
        "streak": review.streak,
        "trends": None if review.trends is None else {
            "weeks": list(review.trends.weeks),
            **{key: list(review.trends.counts[key]) for key, _ in SERIES},
            **{key: list(review.trends.rates[key]) for key, _ in RATES},
        },
    }
