"""Outreach drafts: message templates (built in from data/messages.yaml, and the user's
own kept in the store's settings) filled from the record (no Textual).

A field the record does not have is left in the text as a visible gap, `[company?]`,
for the user to fill: a draft never invents a name, a company or a topic. What sending a
message means for the record (the interaction `l` logs) is the template's `kind` and
`outreach`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..store.records import INTERACTION_KINDS, Contact, Event, Interaction, Pitch, Referral
from ..support.dates import to_date, today
from ..support.sanitize import clean, one_line
from ..support.slugs import slug
from .shipped_content import load_yaml

FIELDS = ("first_name", "company", "role", "met_at", "introduced_by", "last_topic",
          "my_pitch", "job_link", "my_last_note")
USER_TEMPLATES_KEY = "message_templates"
MAX_TEXT = 5000
_FIELD = re.compile(r"\{(\w+)\}")
_FIELD_GAP = re.compile(r"\[(\w+)\?\]")  # a field the record lacked, left visible


class UnknownTemplate(ValueError):
    """A template id that names no template."""


@dataclass(frozen=True)
class MessageTemplate:
    id: str
    name: str
    text: str
    kind: str = "email"  # the interaction logged when it is sent
    outreach: bool = False
    why: str = ""
    builtin: bool = True

    def to_dict(self) -> dict:
        return {"id": self.id, "name": self.name, "text": self.text, "kind": self.kind,
                "outreach": self.outreach}


def unwrapped(text: str) -> str:
    """Paragraphs as one line each (the shipped YAML is wrapped to be read in an editor;
    a message is wrapped by whatever shows it). Lines starting with "- " stay lines."""
    out: list[str] = []
    for line in text.strip("\n").split("\n"):
        line = line.rstrip()
        if out and out[-1] and line and not line.startswith("- ") \
                and not out[-1].startswith("- "):
            out[-1] = f"{out[-1]} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out) + "\n"


def _template_from(raw: dict, builtin: bool) -> MessageTemplate:
    kind = raw.get("kind") if raw.get("kind") in INTERACTION_KINDS else "email"
    text = raw["text"]
    if not isinstance(text, str) or not str(raw["id"]).strip():
        raise ValueError("a template needs an id and a text")
    if builtin:
        text = unwrapped(text)
    return MessageTemplate(id=str(raw["id"]), name=str(raw.get("name") or raw["id"]),
                           text=text[:MAX_TEXT], kind=str(kind),
                           outreach=raw.get("outreach") is True, why=str(raw.get("why") or ""),
                           builtin=builtin)


def builtin_templates() -> list[MessageTemplate]:
    return [_template_from(t, True) for t in load_yaml("messages.yaml")["templates"]]


def user_templates(raw: object) -> list[MessageTemplate]:
    out = []
    for item in raw if isinstance(raw, list) else ():
        try:
            out.append(_template_from(item, False))
        except (KeyError, TypeError, ValueError, AttributeError):
            continue  # a damaged entry (hand-edited store) is skipped, not fatal
    return out


def all_templates(store) -> list[MessageTemplate]:
    """The built-in templates, each replaced by the user's own of the same id, then the
    user's new ones."""
    mine = {t.id: t for t in user_templates(store.setting(USER_TEMPLATES_KEY))}
    out = [mine.pop(t.id, t) for t in builtin_templates()]
    return out + list(mine.values())


def find_template(templates: Iterable[MessageTemplate], key: str) -> MessageTemplate:
    pool = list(templates)
    for t in pool:
        if t.id == key or slug(t.name) == slug(key):
            return t
    raise UnknownTemplate(f"no message template {key!r} (one of: "
                          f"{', '.join(t.id for t in pool)})")


def save_user_template(store, template: MessageTemplate) -> bool:
    """Keep a template of the user's (replacing one with the same id); True if replaced."""
    if not template.text.strip():
        raise ValueError("a template needs some text")
    with store.transaction():
        raw = store.setting(USER_TEMPLATES_KEY)
        items = [t for t in raw if isinstance(t, dict)] if isinstance(raw, list) else []
        kept = [t for t in items if t.get("id") != template.id]
        store.set_setting(USER_TEMPLATES_KEY, [*kept, template.to_dict()])
    return len(kept) != len(items)


def delete_user_template(store, template_id: str) -> bool:
    with store.transaction():
        raw = store.setting(USER_TEMPLATES_KEY)
        items = [t for t in raw if isinstance(t, dict)] if isinstance(raw, list) else []
        kept = [t for t in items if t.get("id") != template_id]
        if len(kept) != len(items):
            store.set_setting(USER_TEMPLATES_KEY, kept)
    return len(kept) != len(items)


# -- filling -----------------------------------------------------------------------------


def fields_for(store, contact: Contact, referral: Referral | None = None) -> dict[str, str]:
    """What the record says for each field ("" where it says nothing)."""
    event = store.get(Event, contact.met_at) if contact.met_at else None
    introducer = store.get(Contact, contact.introduced_by) if contact.introduced_by else None
    mine = [i for i in store.all(Interaction) if contact.id in i.contacts and not i.planned]
    theirs = [i for i in mine if i.summary.strip()]
    last = max(theirs, key=lambda i: (str(i.date), i.id)) if theirs else None
    sent = [i for i in mine if i.outreach]
    last_sent = max(sent, key=lambda i: (str(i.date), i.id)) if sent else None
    pitches = [p for p in store.all(Pitch) if p.text.strip()]
    pitch = max(pitches, key=lambda p: str(p.updated)) if pitches else None
    values = {
        "first_name": contact.name.split()[0] if contact.name.split() else "",
        "company": (referral.company if referral else "") or contact.company,
        "role": (referral.role if referral else "") or contact.role,
        "met_at": event.name if event else "",
        "introduced_by": introducer.name if introducer else "",
        "last_topic": last.summary if last else "",
        "my_pitch": pitch.text if pitch else "",
        "job_link": referral.url if referral else "",
        "my_last_note": my_last_note(last_sent, today()),
    }
    # One line each, without control characters: a field is a phrase in a sentence.
    return {k: one_line(v) if k != "my_pitch" else clean(v).strip() for k, v in values.items()}


def my_last_note(outreach: Interaction | None, on: dt.date) -> str:
    """How a bump speaks of the outreach it follows, by its channel and how long ago it
    went: "my note from last week" (an e-mail 5 to 13 days before `on`), "my message from
    a few days ago", "my note of 9 November"; "" when there is none."""
    day = to_date(str(outreach.date)[:10]) if outreach is not None else None
    if day is None:
        return ""
    noun = "note" if outreach.kind == "email" else "message"
    days = (on - day).days
    if days >= 14:
        when = f"of {day.day} {day:%B}" + (f" {day.year}" if day.year != on.year else "")
    elif days >= 5:
        when = "from last week"
    elif days >= 2:
        when = "from a few days ago"
    else:
        when = "from yesterday" if days == 1 else "from earlier today"
    return f"my {noun} {when}"


def fill(text: str, values: dict[str, str]) -> str:
    """The text with each {field} replaced; a field without a value (or unknown) is
    left as a visible gap `[field?]`."""
    def put(match: re.Match) -> str:
        value = values.get(match.group(1), "")
        return value if value else f"[{match.group(1)}?]"

    return _FIELD.sub(put, text)


def gaps(text: str) -> list[str]:
    """The fields a filled draft still lacks, in order."""
    return list(dict.fromkeys(_FIELD_GAP.findall(text)))


_BRACKETED = re.compile(r"\[[^\[\]\n]+\]")


def gaps_left(text: str, template: MessageTemplate | None = None) -> list[str]:
    """Every gap the text still has, as written, in order, each once: a field the record
    lacked (`[company?]`) and a placeholder of the template's own that is still there
    (`[talking point 1: a project or result of yours]`). Brackets that came from the
    record (a name typed as "[Eve]") are not gaps."""
    own = set(_BRACKETED.findall(template.text)) if template is not None else set()
    found = (m.group(0) for m in _BRACKETED.finditer(text))
    return list(dict.fromkeys(g for g in found if g in own or _FIELD_GAP.fullmatch(g)))


def gaps_note(found: list[str]) -> str:
    """What the draft still needs before it is sent, counted: "2 gaps to fill before
    sending: [company?], [talking point 1…]"; filled only when nothing is left."""
    if not found:
        return "Every field is filled from your record."
    return (f"{len(found)} gap{'s' if len(found) != 1 else ''} to fill before sending: "
            + ", ".join(_short_gap(g) for g in found))


def _short_gap(gap: str) -> str:
    """A placeholder named by what comes before its explanation: "[talking point 1…]"."""
    inner = gap[1:-1]
    head = inner.split(":", 1)[0].strip()[:30].rstrip()
    return f"[{head}]" if head == inner else f"[{head}…]"


@dataclass(frozen=True)
class Draft:
    template: MessageTemplate
    contact: Contact
    text: str
    referral: Referral | None = None

    @property
    def gaps(self) -> list[str]:
        return [g for g in gaps(self.text) if g in FIELDS]


def open_referral(store, contact: Contact) -> Referral | None:
    """The contact's newest referral request still open (its role and link fill a draft)."""
    found = [r for r in store.all(Referral) if r.contact == contact.id
             and r.status in ("to_ask", "asked", "agreed")]
    return max(found, key=lambda r: str(r.updated)) if found else None


def draft(store, template: MessageTemplate, contact: Contact,
          referral: Referral | None = None, topic: str = "") -> Draft:
    """The template filled for `contact` (and the referral it is about); `topic`, when
    given, is what {last_topic} says (a next action knows better than the last talk)."""
    values = fields_for(store, contact, referral)
    if topic:
        values["last_topic"] = one_line(topic)
    return Draft(template, contact, fill(template.text, values), referral)


def sent(draft: Draft, summary: str | None = None) -> Interaction:
    """The interaction that records sending `draft` (logged with domain.interactions.log,
    so goals and metrics count it)."""
    return Interaction(
        date=today().isoformat(), kind=draft.template.kind, contacts=(draft.contact.id,),
        summary=summary or f"Sent: {draft.template.name}"[:200],
        notes=draft.text[:MAX_TEXT], outreach=draft.template.outreach,
    )
