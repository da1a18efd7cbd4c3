"""Realistic sample data for `netplan demo` and the benchmark, reproducible from a seed.

Everything is drawn from one `random.Random(seed)`, ids included, and dated
relative to `dates.today()`, so the same seed on the same day gives the same
store. The records are built in memory and saved in one durable write
(`Store.save_many`), which keeps a 10,000-contact store to a few seconds.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..store.records import (
    Assessment,
    Contact,
    Event,
    Goal,
    Interaction,
    Pitch,
    Question,
    Record,
    Referral,
)
from ..support import dates
from ..support.slugs import ascii_slug
from . import demo_words as words

DEFAULT_CONTACTS = 120
DEFAULT_INTERACTIONS = 600
DEFAULT_WEEKS = 26
DEFAULT_SEED = 2026

# The stage a contact has reached, with how often it occurs in a real list.
_STAGE_WEIGHTS = {"identified": 20, "contacted": 22, "replied": 15, "talked": 23, "ally": 10,
                  "dormant": 10}
# How many interactions a contact at each stage attracts, relatively.
_ACTIVITY = {"identified": 0, "contacted": 1, "replied": 2, "talked": 4, "ally": 8, "dormant": 2}
_CONVERSATION_KINDS = {"coffee": 6, "call": 4, "informational_interview": 4, "meetup": 3,
                       "conference": 1, "comment": 3, "intro": 1, "help": 2, "other": 1}
_OUTREACH_KINDS = {"email": 5, "dm": 5}
_REFERRAL_WEIGHTS = {"to_ask": 3, "asked": 4, "agreed": 2, "submitted": 2, "interviewing": 1,
                     "offer": 1, "declined": 1, "closed": 1}
@dataclass
class DemoData:
    """The generated records, table by table, in the order they are saved."""

    contacts: list[Contact] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    referrals: list[Referral] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    assessments: list[Assessment] = field(default_factory=list)
    pitches: list[Pitch] = field(default_factory=list)

    def records(self) -> Iterator[Record]:
        for table in self.counts():
            yield from getattr(self, table)

    def counts(self) -> dict[str, int]:
        return {name: len(getattr(self, name)) for name in (
            "contacts", "interactions", "goals", "events", "referrals", "questions",
            "assessments", "pitches")}


def generate(contacts: int = DEFAULT_CONTACTS, interactions: int = DEFAULT_INTERACTIONS,
             weeks: int = DEFAULT_WEEKS, seed: int = DEFAULT_SEED,
             today: dt.date | None = None) -> DemoData:
    """Build the sample records in memory (nothing is written)."""
    if contacts < 0 or interactions < 0 or weeks < 1:
        raise ValueError("counts must not be negative and weeks must be at least 1")
    if interactions and not contacts:
        raise ValueError("interactions need at least one contact")
    return _Generator(random.Random(seed), today or dates.today(), weeks).run(
        contacts, interactions)


def fill(store, **options: Any) -> dict[str, int]:
    """Generate sample data and save it into `store` in one durable write; return the counts."""
    data = generate(**options)
    store.save_many(data.records())
    return data.counts()


class _Generator:
    def __init__(self, rng: random.Random, today: dt.date, weeks: int):
        self.rng = rng
        self.today = today
        self.weeks = weeks
        # The span covered: from the Monday `weeks - 1` weeks ago to today.
        monday = today - dt.timedelta(days=today.weekday())
        self.start = monday - dt.timedelta(weeks=weeks - 1)
        self.span_days = (today - self.start).days + 1
        self.data = DemoData()

    # -- small helpers -----------------------------------------------------------

    def uid(self) -> str:
        """A random (version 4) UUID drawn from the seeded generator, so ids repeat too.
        Formatted by hand: str(uuid.UUID(...)) was a tenth of building a large store."""
        n = self.rng.getrandbits(128)
        n = (n & ~(0xF000 << 64) | 0x4000 << 64) & ~(0xC000 << 48) | 0x8000 << 48
        h = f"{n:032x}"
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"

    def day(self, lo: int = 0, hi: int | None = None) -> dt.date:
        """A date in the span, `lo`..`hi` days after its start (recent days a little likelier)."""
        hi = self.span_days - 1 if hi is None else hi
        offset = int(lo + (hi - lo) * self.rng.random() ** 0.8)
        return self.start + dt.timedelta(days=offset)

    def stamp(self, day: dt.date) -> str:
        return f"{day.isoformat()}T{self.rng.randint(8, 21):02d}:{self.rng.randint(0, 59):02d}:00"

    def pick(self, weights: dict[str, int]) -> str:
        return self.rng.choices(tuple(weights), tuple(weights.values()))[0]

    # -- the tables --------------------------------------------------------------

    def run(self, n_contacts: int, n_interactions: int) -> DemoData:
        self.make_events()
        self.make_questions()
        people = self.make_people(n_contacts)
        self.make_interactions(people, n_interactions)
        self.finish_contacts(people)
        self.make_goals()
        self.make_referrals()
        self.make_assessments()
        self.make_pitches()
        return self.data

    def make_events(self) -> None:
        past = max(2, min(self.weeks // 2, 400))
        for i in range(past + 4):
            kind = self.pick({"meetup": 8, "conference": 2, "hackathon": 1, "career_fair": 1,
                              "talk": 2})
            if i < past:
                when = self.day(0, self.span_days - 2)
                status = "attended" if self.rng.random() < 0.75 else "skipped"
            else:  # a few coming up, the first one this week
                when = self.today + dt.timedelta(days=(i - past) * 9 + self.rng.randint(1, 4))
                status = "planned"
            name = self.rng.choice(words.EVENT_NAMES[kind])
            if kind == "conference":
                name = f"{name} {when.year}"
            place = self.rng.choice(words.PLACES)
            slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
            self.data.events.append(Event(
                id=self.uid(), name=name, kind=kind, date=when.isoformat(), place=place,
                url=f"https://events.example.org/{slug}/{when.isoformat()}", status=status,
                notes="Bring business cards; ask about their junior programme."
                if status == "planned" and kind == "career_fair" else "",
            ))
        self.data.events.sort(key=lambda e: e.date or "")
        attended = [e for e in self.data.events if e.status == "attended"]
        self.attended = attended
        self.attended_dates = [e.date for e in attended]

    def make_questions(self) -> None:
        for text, category in words.USER_QUESTIONS:
            self.data.questions.append(Question(
                id=self.uid(), text=text, category=category, why="", builtin=False,
                starred=self.rng.random() < 0.5))
        # Prep sheets and answers point at the built-in bank, as in a real store.
        from .questions import shipped_bank

        self.question_ids = [q.id for q in shipped_bank().questions]

    def make_people(self, n: int) -> list[dict[str, Any]]:
        people = []
        for i in range(n):
            if i % 97 == 13:
                name = self.rng.choice(words.NATIVE_NAMES)
            else:
                name = f"{self.rng.choice(words.FIRST_NAMES)} {self.rng.choice(words.LAST_NAMES)}"
            company, domain = self.rng.choice(words.COMPANIES)
            stage = self.pick(_STAGE_WEIGHTS)
            person: dict[str, Any] = {
                "id": self.uid(), "name": name, "company": company, "domain": domain,
                "stage": stage, "dates": [],
                "introduced_by": people[self.rng.randrange(i)]["id"]
                if i > 5 and self.rng.random() < 0.08 else None,
            }
            people.append(person)
        self.active = [p for p in people if _ACTIVITY[p["stage"]]]
        # Cumulative weights, computed once: choices() would re-sum them on every call.
        self.active_weights = list(itertools.accumulate(_ACTIVITY[p["stage"]] for p in self.active))
        return people

    def make_interactions(self, people: list[dict[str, Any]], n: int) -> None:
        if not n:
            return
        pool = self.active or people
        weights = self.active_weights or list(range(1, len(people) + 1))
        planned = 1  # the prep sheet for a coming informational interview
        for _ in range(n - planned):
            person = self.rng.choices(pool, cum_weights=weights)[0]
            self.data.interactions.append(self.interaction(person, pool, weights))
        self.data.interactions.sort(key=lambda r: r.date)
        self.data.interactions.append(self.prep_sheet(pool))

    def interaction(self, person: dict[str, Any], pool, weights) -> Interaction:
        stage = person["stage"]
        outreach_only = stage == "contacted" or (stage == "replied" and self.rng.random() < 0.6)
        kind = self.pick(_OUTREACH_KINDS if outreach_only or self.rng.random() < 0.25
                         else _CONVERSATION_KINDS)
        when = self.day()
        event = None
        if kind in ("meetup", "conference") and self.attended:
            # Meetups and conferences happened at an event: the last one before that day.
            at = max(0, bisect.bisect_right(self.attended_dates, when.isoformat()) - 1)
            event = self.attended[at].id
            when = dt.date.fromisoformat(self.attended[at].date or when.isoformat())
        who = [person["id"]]
        if kind in ("coffee", "meetup", "intro") and self.rng.random() < 0.15:
            other = self.rng.choices(pool, cum_weights=weights)[0]["id"]
            if other != person["id"]:
                who.append(other)
        outreach = kind in _OUTREACH_KINDS
        questions: tuple[dict[str, Any], ...] = ()
        if kind == "informational_interview" and self.question_ids:
            asked = self.rng.sample(self.question_ids, min(3, len(self.question_ids)))
            questions = tuple({"question": q, "answer": self.rng.choice(_ANSWERS)} for q in asked)
        person["dates"].append(when)
        topic = self.rng.choice(words.TOPICS)
        return Interaction(
            id=self.uid(), date=when.isoformat(), kind=kind, contacts=tuple(who),
            summary=self.rng.choice(words.SUMMARIES[kind]).format(topic=topic),
            notes=self.rng.choice(words.NOTES), outreach=outreach,
            replied=outreach and stage != "contacted" and self.rng.random() < 0.55,
            event=event, questions=questions,
        )

    def prep_sheet(self, pool) -> Interaction:
        replied = [p for p in pool if p["stage"] in ("replied", "talked")] or pool
        person = self.rng.choice(replied)
        asked = self.question_ids[:4]
        return Interaction(
            id=self.uid(), date=(self.today + dt.timedelta(days=3)).isoformat(),
            kind="informational_interview", contacts=(person["id"],),
            summary=f"Informational interview with {person['name']}",
            notes="Ask about their first year; mention my testing project.",
            questions=tuple({"question": q, "answer": ""} for q in asked), planned=True,
        )

    def finish_contacts(self, people: list[dict[str, Any]]) -> None:
        for person in people:
            first = min(person["dates"]) if person["dates"] else self.day()
            last = max(person["dates"]) if person["dates"] else None
            met_at = None
            how_met = self.rng.choice(words.HOW_MET)
            if person["introduced_by"]:
                how_met = "Introduced by a friend"
            elif self.attended and self.rng.random() < 0.3:
                at = bisect.bisect_right(self.attended_dates, first.isoformat()) - 1
                if at >= 0:
                    met_at = self.attended[at].id
                    first = dt.date.fromisoformat(self.attended[at].date or first.isoformat())
                    how_met = f"At {self.attended[at].name}"
            cadence = None
            if person["stage"] in ("talked", "ally"):
                cadence = self.rng.choice((14, 30, 30, 60, 90, None))
            follow_up = None
            if person["stage"] in ("replied", "talked", "ally") and self.rng.random() < 0.12:
                follow_up = (self.today + dt.timedelta(days=self.rng.randint(-10, 21))).isoformat()
                if last is not None and follow_up <= last.isoformat():
                    follow_up = None  # logging the last interaction would have cleared it
            local = ascii_slug(person["name"]) or "hello"
            tags = tuple(sorted(set(self.rng.sample(words.TAGS, self.rng.randint(0, 3)))))
            links = {"linkedin": f"https://www.linkedin.com/in/{local}-{person['id'][:6]}"}
            if "python" in tags or "open-source" in tags or self.rng.random() < 0.3:
                links["github"] = f"https://github.com/{local.replace('.', '')}"
            self.data.contacts.append(Contact(
                id=person["id"], name=person["name"], company=person["company"],
                role=self.rng.choice(words.ROLES), location=self.rng.choice(words.LOCATIONS),
                emails=(f"{local}@{person['domain']}",) if self.rng.random() < 0.7 else (),
                links=links, tags=tags, how_met=how_met, met_on=first.isoformat(),
                met_at=met_at, introduced_by=person["introduced_by"], stage=person["stage"],
                cadence_days=cadence, next_follow_up=follow_up,
                personal=self.rng.choice(words.PERSONAL), notes=self.rng.choice(words.NOTES),
                created=self.stamp(first), updated=self.stamp(last or first),
            ))
        self.people = people

    def make_goals(self) -> None:
        from .templates import builtin_templates

        templates = builtin_templates()
        starter = next((t for t in templates if t.id == "starter-week"), templates[0])
        others = [t for t in templates if t is not starter] or [starter]
        this_week = dates.iso_week(self.today)
        previous: list[Goal] = []
        for n in range(self.weeks - 1, -1, -1):
            week = dates.iso_week(self.today - dt.timedelta(weeks=n))
            template = starter if self.rng.random() < 0.7 else self.rng.choice(others)
            chosen = [g for g in template.goals if self.rng.random() < 0.85] or list(template.goals)
            week_goals = []
            for tg in chosen:
                if week == this_week:
                    progress = self.rng.randint(0, tg.target)
                elif n <= 3:  # the last three weeks were all met: a streak to show
                    progress = tg.target
                elif self.rng.random() < 0.75:
                    progress = tg.target
                else:
                    progress = self.rng.randint(0, tg.target - 1)
                week_goals.append(self._goal(week, tg.title, tg.target, progress, tg.metric,
                                             tg.area, template.id))
            unmet = [g for g in previous if g.progress < g.target]
            if unmet and n > 3 and self.rng.random() < 0.3:
                old = self.rng.choice(unmet)
                week_goals.append(self._goal(week, old.title, old.target,
                                             self.rng.randint(0, old.target), old.metric,
                                             old.area, None, carried_from=old.id))
            self.data.goals.extend(week_goals)
            previous = week_goals

    def _goal(self, week, title, target, progress, metric, area, template, carried_from=None):
        status = "done" if progress >= target else "doing" if progress else "todo"
        if metric != "manual" and week == dates.iso_week(self.today):
            # This week's auto-counted goals count themselves from the log: a stored
            # status ahead of that count would put a 0/1 card in Done.
            progress, status = 0, "todo"
        return Goal(id=self.uid(), week=week, title=title, target=target, progress=progress,
                    metric=metric, area=area, status=status, template=template,
                    carried_from=carried_from)

    def make_referrals(self) -> None:
        warm = [p for p in self.people if p["stage"] in ("talked", "ally")]
        for _ in range(min(len(warm), max(1, len(self.people) // 25)) if warm else 0):
            person = self.rng.choice(warm)
            status = self.pick(_REFERRAL_WEIGHTS)
            asked = None if status == "to_ask" else self.day(self.span_days // 2)
            self.data.referrals.append(Referral(
                id=self.uid(), contact=person["id"], company=person["company"],
                role=self.rng.choice(("Junior Software Engineer", "Graduate Developer",
                                      "Associate Data Engineer", "Frontend Developer")),
                url=f"https://jobs.{person['domain']}/{self.rng.randint(1000, 9999)}",
                status=status, asked_on=asked.isoformat() if asked else None,
                updated=self.stamp(asked or self.today),
                thanked=status in ("submitted", "interviewing", "offer")
                and self.rng.random() < 0.8,
            ))

    def make_assessments(self) -> None:
        from .pie import statements as pie_statements

        statements: dict[str, list[str]] = {}
        for statement in pie_statements():
            statements.setdefault(statement.area, []).append(statement.id)
        base = {"performance": 3.0, "image": 2.2, "exposure": 1.6}
        count = max(1, min(self.weeks // 4, 130))
        for i in range(count):
            when = self.today - dt.timedelta(weeks=(count - 1 - i) * 4)
            growth = i / max(1, count - 1)  # people get better at this over the months
            ratings = {}
            for area, ids in statements.items():
                for sid in ids:
                    value = base.get(area, 2.5) + growth * 1.6 + self.rng.uniform(-0.8, 0.8)
                    ratings[sid] = max(1, min(5, round(value)))
            self.data.assessments.append(Assessment(
                id=self.uid(), date=max(when, self.start).isoformat(), ratings=ratings,
                note="First honest look at my balance." if i == 0 else ""))

    def make_pitches(self) -> None:
        for title, text in words.PITCHES:
            self.data.pitches.append(Pitch(id=self.uid(), title=title, text=text,
                                           updated=self.stamp(self.today)))


_ANSWERS = (
    "Through a referral from someone at a meetup; job boards never answered.",
    "Small team, lots of code review; juniors pair for the first month.",
    "When you can finish a small project end to end and explain your choices.",
    "Talk to their tech lead, and to the organiser of the Python meetup.",
    "Keep posting what you learn; it is how they noticed me.",
    "Python and Postgres, deployed on Kubernetes; tests are non-negotiable.",
)
