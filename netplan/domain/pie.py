"""PIE self-assessment: statements, area scores, the weighted total, gaps, history, evidence.

The PIE career model from the seeds splits career success into Performance (the
work you do and how well, 10 %), Image (what others think of you, 30 %) and
Exposure (who you know and who knows you and your work, 60 %).

Scoring, used everywhere (screen, review, tests):
- a statement is rated 1–5; an area's score is `(mean rating − 1) / 4 × 100`, so
  all 1s is 0 % and all 5s is 100 %; statements not rated (or no longer in
  `data/pie.yaml`) are left out of the mean;
- the weighted total is `Σ weight × score / Σ weight` over the areas that have a
  score (with every area rated that is `0.1 P + 0.3 I + 0.6 E`);
- an area's weighted gap is `weight × (100 − score) / 100`: the points of the
  total it loses, so `total = 100 − Σ gaps`. The largest gap is where an hour
  of effort moves the total most; ties go to the heavier area.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..store.records import AREAS, Assessment, Contact, Event, Goal, Interaction
from ..support.dates import iso_week, to_date, today
from .shipped_content import load_yaml
from .templates import TemplateGoal, builtin_templates, templates_for_area
from .vocabulary import CONVERSATION_KINDS

WEIGHTS: dict[str, int] = {"performance": 10, "image": 30, "exposure": 60}
EVIDENCE_DAYS = 30


@dataclass(frozen=True)
class Statement:
    id: str
    area: str
    text: str
    five: str  # what a 5 looks like, one line


@dataclass(frozen=True)
class Area:
    key: str
    name: str
    about: str
    weight: int
    statements: tuple[Statement, ...]


class PieDataError(ValueError):
    """`data/pie.yaml` is malformed (a packaging bug, caught by the tests)."""


def parse_areas(raw: Any) -> tuple[Area, ...]:
    """Read the statements document; refuse duplicate ids and unknown areas."""
    if not isinstance(raw, dict) or not isinstance(raw.get("areas"), dict):
        raise PieDataError("pie.yaml needs an `areas` mapping")
    unknown = set(raw["areas"]) - set(AREAS)
    if unknown:
        raise PieDataError(f"pie.yaml: unknown areas {sorted(unknown)}")
    seen: set[str] = set()
    out = []
    for key in AREAS:
        body = raw["areas"].get(key) or {}
        statements = []
        for item in body.get("statements") or ():
            sid = str(item.get("id") or "").strip()
            if not sid or sid in seen:
                raise PieDataError(f"pie.yaml: statement id {sid!r} is empty or repeated")
            seen.add(sid)
            statements.append(Statement(sid, key, str(item["text"]).strip(),
                                        str(item.get("five", "")).strip()))
        if not statements:
            raise PieDataError(f"pie.yaml: area {key!r} has no statements")
        out.append(Area(key, str(body.get("name") or key.title()), str(body.get("about", "")),
                        WEIGHTS[key], tuple(statements)))
    return tuple(out)


@cache
def areas() -> tuple[Area, ...]:
    """The built-in areas and statements, in P, I, E order."""
    return parse_areas(load_yaml("pie.yaml"))


def statements(source: Sequence[Area] | None = None) -> tuple[Statement, ...]:
    return tuple(s for area in (source or areas()) for s in area.statements)


def area_name(key: str) -> str:
    return {a.key: a.name for a in areas()}.get(key, key.title())


# -- scoring -----------------------------------------------------------------------


def rating_value(value: Any) -> int | None:
    """A stored rating as 1..5, or None when it is missing or not a rating."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 5:
        return None
    return value


def area_scores(ratings: Mapping[str, Any], source: Sequence[Area] | None = None,
                ) -> dict[str, float | None]:
    """Each area's score in percent (0–100), None for an area with no valid rating."""
    out: dict[str, float | None] = {}
    for area in source or areas():
        values = [v for s in area.statements if (v := rating_value(ratings.get(s.id))) is not None]
        out[area.key] = (sum(values) / len(values) - 1) / 4 * 100 if values else None
    return out


def weighted_total(scores: Mapping[str, float | None]) -> float | None:
    """The weighted total in percent over the areas that have a score."""
    present = [(WEIGHTS[k], s) for k, s in scores.items() if s is not None and k in WEIGHTS]
    weight = sum(w for w, _ in present)
    if not weight:
        return None
    return sum(w * s for w, s in present) / weight


def weighted_gaps(scores: Mapping[str, float | None]) -> dict[str, float]:
    """Points of the total each scored area loses: weight × (100 − score) / 100."""
    return {k: WEIGHTS[k] * (100 - s) / 100 for k, s in scores.items()
            if s is not None and k in WEIGHTS}


def largest_gap(scores: Mapping[str, float | None]) -> str | None:
    """The area whose gap costs the most points; a tie goes to the heavier area."""
    gaps = weighted_gaps(scores)
    if not gaps:
        return None
    return max(gaps, key=lambda k: (round(gaps[k], 9), WEIGHTS[k]))


def percent(value: float | None) -> int | None:
    """A score as a whole percent, halves rounded up (62.5 → 63, not Python's 62)."""
    if value is None:
        return None
    return int(value + 0.5)


def missing(ratings: Mapping[str, Any], source: Sequence[Area] | None = None,
            ) -> list[Statement]:
    """The statements not yet given a 1–5 rating, in form order."""
    return [s for s in statements(source) if rating_value(ratings.get(s.id)) is None]


def lowest_rated(ratings: Mapping[str, Any], area: str, limit: int = 2,
                 source: Sequence[Area] | None = None) -> list[tuple[Statement, int]]:
    """An area's lowest-rated statements (lowest first, form order among equals):
    the concrete things behind a low score."""
    rated = [(s, v) for s in statements(source)
             if s.area == area and (v := rating_value(ratings.get(s.id))) is not None]
    return sorted(rated, key=lambda sv: sv[1])[:limit]


# -- history -------------------------------------------------------------------------


def ordered(assessments: Iterable[Assessment]) -> list[Assessment]:
    """Oldest first by date. Two on one day keep the order the store holds them in,
    which is the order they were taken (the store appends new records). An
    unreadable date counts as oldest, so it never hides the real latest one."""
    return sorted(assessments, key=lambda a: to_date(a.date) or dt.date.min)


@dataclass(frozen=True)
class PieSummary:
    """What the PIE screen (and the weekly review) show about the assessments so far."""

    count: int = 0
    latest: Assessment | None = None
    previous: Assessment | None = None
    scores: dict[str, float | None] = field(default_factory=dict)
    total: float | None = None
    # Changes are taken between the whole percents shown, so "70% +5" always
    # agrees with the "65%" the user saw last time.
    change: dict[str, int | None] = field(default_factory=dict)
    total_change: int | None = None
    history: dict[str, list[float | None]] = field(default_factory=dict)  # oldest → newest
    total_history: list[float | None] = field(default_factory=list)
    dates: list[str] = field(default_factory=list)  # each assessment's day, oldest → newest
    gaps: dict[str, float] = field(default_factory=dict)
    gap_area: str | None = None


def _diff(now: float | None, before: float | None) -> int | None:
    a, b = percent(now), percent(before)
    return None if a is None or b is None else a - b


def summarize(assessments: Iterable[Assessment], source: Sequence[Area] | None = None,
              ) -> PieSummary:
    history_of = ordered(assessments)
    if not history_of:
        return PieSummary(history={k: [] for k in AREAS})
    scored = [area_scores(a.ratings, source) for a in history_of]
    scores = scored[-1]
    prev = scored[-2] if len(scored) > 1 else None
    total = weighted_total(scores)
    return PieSummary(
        count=len(history_of),
        latest=history_of[-1],
        previous=history_of[-2] if len(history_of) > 1 else None,
        scores=scores,
        total=total,
        change={k: _diff(scores.get(k), prev.get(k)) if prev else None for k in AREAS},
        total_change=_diff(total, weighted_total(prev)) if prev else None,
        history={k: [s.get(k) for s in scored] for k in AREAS},
        total_history=[weighted_total(s) for s in scored],
        dates=[str(a.date)[:10] for a in history_of],
        gaps=weighted_gaps(scores),
        gap_area=largest_gap(scores),
    )


# -- evidence from the record -----------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    """What the store knows about Exposure in a window of days (both ends included)."""

    since: dt.date
    until: dt.date
    events_attended: int = 0
    conversations: int = 0
    new_contacts: int = 0
    outreach: int = 0
    replies: int = 0  # outreach that got an answer


def evidence(contacts: Iterable[Contact], interactions: Iterable[Interaction],
             events: Iterable[Event], *, until: dt.date | None = None,
             days: int = EVIDENCE_DAYS) -> Evidence:
    """Count the last `days` days up to `until` (today). Planned conversations
    (prep sheets) have not happened yet and are never counted."""
    return _evidence(((i.planned, i.date, i.kind, i.outreach, i.replied) for i in interactions),
                     (c.created for c in contacts), events, until, days)


def evidence_at_hand(store) -> bool:
    """Whether store_evidence reads a kept figure (else every interaction)."""
    from . import review_reads

    return store.figure_at_hand(review_reads.NAME)


def read_evidence(store) -> None:
    """Derive (on a worker) the figure store_evidence then reads: the review's."""
    from . import review_reads

    review_reads.figure(store, today())


def store_evidence(store) -> Evidence:
    """`evidence` for the store, read without building its 250,000 interaction records:
    from the review's kept figure when it is at hand (its recent conversations and people
    reach back further than EVIDENCE_DAYS), else from the fields counted."""
    from . import review_reads

    if evidence_at_hand(store):
        now = today()
        recent = review_reads.recent_for(store, iso_week(now), now)
        happened = recent.interactions(lambda kind, date, planned: not planned)
        return _evidence(((i.planned, i.date, i.kind, i.outreach, i.replied) for i in happened),
                         (c.created for c in recent.contacts), store.all(Event), now,
                         EVIDENCE_DAYS)
    return _evidence(store.values(Interaction, "planned", "date", "kind", "outreach", "replied"),
                     (created for (created,) in store.values(Contact, "created")),
                     store.all(Event), None, EVIDENCE_DAYS)


def _evidence(interactions: Iterable[tuple], created: Iterable[str], events: Iterable[Event],
              until: dt.date | None, days: int) -> Evidence:
    until = until or today()
    since = until - dt.timedelta(days=days - 1)

    first, last = since.isoformat(), until.isoformat()

    def inside(value: str | None) -> bool:
        # ISO dates order as strings; comparing them first skips parsing the
        # 50,000 interactions of a large store, and only the ones in range are
        # checked to be real dates.
        head = str(value or "")[:10]
        return first <= head <= last and to_date(head) is not None

    conversations = outreach = replies = 0
    for planned, date, kind, reached, replied in interactions:
        if planned or not inside(date):
            continue
        conversations += kind in CONVERSATION_KINDS
        outreach += bool(reached)
        replies += bool(reached and replied)
    return Evidence(
        since=since, until=until,
        events_attended=sum(1 for e in events if e.status == "attended" and inside(e.date)),
        conversations=conversations,
        new_contacts=sum(1 for c in created if inside(c)),
        outreach=outreach,
        replies=replies,
    )


# -- suggestions ------------------------------------------------------------------------


def suggestions(area: str, limit: int = 3) -> list[TemplateGoal]:
    """Goal templates for an area (the built-in ones, in their file order)."""
    return templates_for_area(area)[:limit]


def goal_from(suggestion: TemplateGoal, week: str) -> Goal:
    """The goal a suggestion becomes on a week's board (status todo, progress 0)."""
    template = next((t.id for t in builtin_templates() if t.area == suggestion.area),
                    f"pie-{suggestion.area}")
    return suggestion.to_goal(week, template)
