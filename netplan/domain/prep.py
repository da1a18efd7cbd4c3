"""Prep sheets: the questions picked for a conversation, kept as a planned interaction.

A prep sheet is the contact's next planned interaction (`planned=True`, kind
informational_interview) whose `questions` hold `{"question": id, "answer": ""}`
in the order they will be asked. Recording the answers afterwards turns it into
a logged interaction (`planned=False`, dated the day it happened). Markdown
export writes a private file next to the store.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..store.records import Contact, Interaction, Pitch, Question
from ..support.markdown import escape
from ..support.private_files import replace_durably
from ..support.sanitize import clean
from ..support.slugs import slug
from .pitch import pitch_stats

KIND = "informational_interview"


def planned_for(contact_id: str, interactions: Iterable[Interaction]) -> Interaction | None:
    """The contact's next planned conversation: the earliest-dated planned one."""
    planned = [i for i in interactions if i.planned and contact_id in i.contacts]
    return min(planned, key=lambda i: (i.date or "", i.id)) if planned else None


def next_sheet_contact(interactions: Iterable[Interaction],
                       contacts: Container[str]) -> str | None:
    """Whom the soonest prep sheet waiting for its conversation is for (one of `contacts`):
    the sheet the Questions section opens on first."""
    planned = sorted((i for i in interactions if i.planned and i.questions),
                     key=lambda i: (i.date or "", i.id))
    for it in planned:
        for cid in it.contacts:
            if cid in contacts:
                return cid
    return None


def question_ids(interaction: Interaction | None) -> list[str]:
    if interaction is None:
        return []
    out = []
    for entry in interaction.questions:
        qid = entry.get("question") if isinstance(entry, dict) else None
        if isinstance(qid, str) and qid not in out:
            out.append(qid)
    return out


def with_questions(contact_id: str, sheet: Interaction | None, ids: Sequence[str]) -> Interaction:
    """The prep sheet holding exactly `ids`, in that order (a new planned interaction if none).

    Entries already on the sheet keep whatever else they carry (an answer typed
    early, fields from a newer netplan)."""
    if sheet is None:
        sheet = Interaction(kind=KIND, contacts=(contact_id,), planned=True,
                            summary="Informational interview (prep sheet)")
    by_id = {e.get("question"): e for e in sheet.questions if isinstance(e, dict)}
    entries = tuple(dict(by_id.get(q) or {"question": q, "answer": ""}) for q in ids)
    return sheet.replace(questions=entries)


def toggled(ids: Sequence[str], qid: str) -> list[str]:
    """Add a question to the end of the sheet, or take it off."""
    return [i for i in ids if i != qid] if qid in ids else [*ids, qid]


def moved(ids: Sequence[str], qid: str, step: int) -> list[str]:
    """Move a question up (step -1) or down (+1) on the sheet; at an end it stays."""
    out = list(ids)
    if qid not in out:
        return out
    i = out.index(qid)
    j = i + step
    if 0 <= j < len(out):
        out[i], out[j] = out[j], out[i]
    return out


def answered(sheet: Interaction, answers: Mapping[str, str], day: str) -> Interaction:
    """The sheet as a logged conversation: answers recorded, no longer planned.

    A question left without an answer was not asked and is dropped, so the
    asked-to-whom counts stay true."""
    entries = []
    for entry in sheet.questions:
        qid = entry.get("question") if isinstance(entry, dict) else None
        answer = clean(answers.get(qid, ""), multiline=True).strip() if qid else ""
        if answer:
            entries.append({**entry, "question": qid, "answer": answer})
    summary = sheet.summary
    if summary == "Informational interview (prep sheet)":
        summary = "Informational interview"
    return sheet.replace(questions=tuple(entries), planned=False, date=day, summary=summary)


# -- Markdown export ------------------------------------------------------------------

md = escape  # the prep sheet's name for it


@dataclass(frozen=True)
class SheetLine:
    question: Question
    asked_on: str = ""  # date this contact was last asked it, if ever
    heard: str = ""  # what they answered then


def sheet_lines(ids: Sequence[str], questions: Mapping[str, Question],
                asked: Mapping[str, str],
                heard: Mapping[str, Heard] | None = None) -> list[SheetLine]:
    """The sheet's questions in order; ids of deleted questions are skipped."""
    heard = heard or {}
    return [SheetLine(questions[q], asked.get(q, ""), heard[q].answer if q in heard else "")
            for q in ids if q in questions]


def prep_markdown(contact: Contact, sheet: Interaction, lines: Sequence[SheetLine],
                  pitch: Pitch | None = None) -> str:
    """The prep sheet as a Markdown document to read before (or print for) the conversation."""
    out = [f"# Prep sheet: {md(contact.name) or 'unnamed contact'}", ""]
    who = " at ".join(md(x) for x in (contact.role, contact.company) if x)
    if who:
        out.append(f"**{who}**  ")
    out.append(f"Planned for {sheet.date} · informational interview")
    out.append("")
    if contact.personal.strip():
        out += ["## Remember", "", md(contact.personal.strip()), ""]
    out += ["## Questions", ""]
    if not lines:
        out += ["_No questions picked yet._", ""]
    for n, line in enumerate(lines, 1):
        out.append(f"{n}. {md(line.question.text)}")
        if line.question.why:
            out.append(f"   - Why: {md(line.question.why)}")
        if line.asked_on:
            said = f": {md(' '.join(line.heard.split()))}" if line.heard else ""
            out.append(f"   - Already asked them on {line.asked_on}{said}")
        out.append("   - Answer: ")
        out.append("")
    if pitch is not None and pitch.text.strip():
        stats = pitch_stats(pitch.text)
        out += [f"## My pitch: {md(pitch.title)} ({stats.label})", "", md(pitch.text.strip()), ""]
    out += ["## Before you finish", "", "- Who else should I meet?",
            "- Thank them, and ask if you may keep them posted.", ""]
    return "\n".join(out)


def export_path(store_path: Path, contact: Contact, day: str) -> Path:
    """`<store folder>/prep/<contact>-<date>.md`: private, beside the data it came from."""
    name = slug(contact.name) or f"contact-{contact.id[:8]}"
    return Path(store_path).parent / "prep" / f"{name}-{day}.md"


def write_private(path: Path, text: str) -> Path:
    """Write `text` to `path` (mode 0600, folder 0700), replacing an earlier export."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if path.is_symlink():
        raise OSError(f"{path} is a symbolic link; not writing through it")
    replace_durably(path, text.encode("utf-8"))
    return path


# -- answers heard ----------------------------------------------------------------------


@dataclass(frozen=True)
class Heard:
    date: str
    contacts: tuple[str, ...]  # ids of those in the conversation
    answer: str


def answers_heard(interactions: Iterable[Interaction],
                  newest: int | None = None) -> dict[str, list[Heard]]:
    """Per question id, the answers heard to it in logged conversations, newest first
    (the `newest` of them): every question's in one pass (the bank's detail read them for
    one question at a time, 25,000 conversations each time the cursor moved)."""
    out: dict[str, list[Heard]] = {}
    for it in interactions:
        if it.planned:
            continue
        for entry in it.questions:
            if entry.__class__ is not dict:
                continue
            qid, said = entry.get("question"), entry.get("answer")
            if qid.__class__ is str and said.__class__ is str and said.strip():
                heard = Heard(str(it.date or ""), it.contacts, said.strip())
                mine = out.get(qid)
                if mine is None:
                    out[qid] = [heard]
                else:
                    mine.append(heard)
    for qid, heard in out.items():
        heard.sort(key=lambda h: h.date, reverse=True)  # (stable: ties as logged)
        if newest is not None:
            out[qid] = heard[:newest]
    return out


def answers_of(contact_id: str, interactions: Iterable[Interaction]) -> dict[str, Heard]:
    """Question id -> the latest answer this contact gave to it."""
    out: dict[str, Heard] = {}
    for it in interactions:
        if it.planned or contact_id not in it.contacts:
            continue
        for entry in it.questions:
            qid = entry.get("question") if isinstance(entry, dict) else None
            said = entry.get("answer") if isinstance(entry, dict) else None
            if isinstance(qid, str) and isinstance(said, str) and said.strip():
                if qid not in out or out[qid].date < str(it.date or ""):
                    out[qid] = Heard(str(it.date or ""), it.contacts, said.strip())
    return out
