"""Prep sheets (planned interactions, answers, Markdown export) and pitch timing."""

from __future__ import annotations

import stat

import pytest

from netplan.domain import prep
from netplan.domain.pitch import pitch_stats, word_count
from netplan.store.records import Contact, Interaction, Pitch, Question

Q = {
    "a": Question(id="a", text="How did you land your first job?", why="A real route."),
    "b": Question(id="b", text="Who else should I meet?", why="Warm *intros*."),
    "c": Question(id="c", text="What is [bold]your[/] stack?"),
}
ADA = Contact(id="ada", name="Ada [b]Lovelace[/b]", company="Analytical_Engines", role="Engineer",
              personal="# Loves *maths*")


def test_a_sheet_is_a_planned_informational_interview_holding_the_picked_order():
    sheet = prep.with_questions("ada", None, ["b", "a"])
    assert sheet.planned and sheet.kind == "informational_interview" and sheet.contacts == ("ada",)
    assert sheet.date == "2026-11-23"
    assert sheet.questions == ({"question": "b", "answer": ""}, {"question": "a", "answer": ""})
    ids = prep.toggled(prep.question_ids(sheet), "c")
    assert ids == ["b", "a", "c"]
    assert prep.toggled(ids, "a") == ["b", "c"]
    assert prep.moved(ids, "c", -1) == ["b", "c", "a"]
    assert prep.moved(ids, "b", -1) == ids and prep.moved(ids, "c", 1) == ids
    assert prep.moved(ids, "zzz", 1) == ids
    again = prep.with_questions("ada", sheet, ["a"])
    assert again.id == sheet.id and again.questions == ({"question": "a", "answer": ""},)


def test_planned_for_picks_the_earliest_planned_sheet_of_that_contact():
    later = Interaction(date="2026-12-10", contacts=("ada",), planned=True)
    sooner = Interaction(date="2026-12-01", contacts=("ada",), planned=True)
    logged = Interaction(date="2026-11-01", contacts=("ada",))
    other = Interaction(date="2026-11-24", contacts=("grace",), planned=True)
    assert prep.planned_for("ada", [later, logged, sooner, other]) == sooner
    assert prep.planned_for("linus", [later]) is None


def test_answers_turn_the_sheet_into_a_logged_conversation_and_drop_unasked():
    sheet = prep.with_questions("ada", None, ["a", "b", "c"])
    logged = prep.answered(sheet, {"a": " Through a meetup\x1b[2J ", "b": "Grace", "c": "  "},
                           "2026-11-20")
    assert not logged.planned and logged.date == "2026-11-20" and logged.id == sheet.id
    assert logged.questions == ({"question": "a", "answer": "Through a meetup"},
                                {"question": "b", "answer": "Grace"})
    assert logged.summary == "Informational interview"


def test_markdown_export_lists_questions_in_order_with_marks_and_escapes_user_text():
    sheet = prep.with_questions("ada", None, ["c", "a", "gone"])
    lines = prep.sheet_lines(prep.question_ids(sheet), Q, {"a": "2026-10-01"})
    pitch = Pitch(title="Meetups", text="I'm Sam, a landscaper turned developer.")
    text = prep.prep_markdown(ADA, sheet, lines, pitch)
    assert text.startswith("# Prep sheet: Ada \\[b\\]Lovelace\\[/b\\]\n")
    assert "**Engineer at Analytical\\_Engines**" in text
    assert "Planned for 2026-11-23" in text
    assert "\\# Loves \\*maths\\*" in text  # a heading in their notes stays text
    first, second = text.index("1. What is \\[bold\\]your\\[/\\] stack?"), text.index(
        "2. How did you land your first job?")
    assert first < second
    assert "Already asked them on 2026-10-01" in text
    assert "gone" not in text  # a deleted question is skipped
    assert "## My pitch: Meetups (6 words · about 2 s spoken)" in text


def test_markdown_export_of_an_empty_sheet_says_so():
    text = prep.prep_markdown(Contact(name=""), prep.with_questions("x", None, []), [])
    assert "# Prep sheet: unnamed contact" in text and "No questions picked yet" in text


@pytest.mark.parametrize("name, expected", [
    ("Ada Lovelace", "ada-lovelace-2026-11-23.md"),
    ("../../etc/passwd", "etc-passwd-2026-11-23.md"),
    ("🙂🙂", "contact-12345678-2026-11-23.md"),
    ("سارة أحمد", "سارة-أحمد-2026-11-23.md"),
    ("x" * 300, "x" * 48 + "-2026-11-23.md"),
])
def test_export_path_is_a_safe_file_name_beside_the_store(tmp_path, name, expected):
    contact = Contact(id="12345678-aaaa", name=name)
    path = prep.export_path(tmp_path / "netplan.json", contact, "2026-11-23")
    assert path == tmp_path / "prep" / expected


def test_the_export_file_is_private_and_replaced_on_a_second_export(tmp_path):
    path = tmp_path / "data" / "prep" / "ada-2026-11-23.md"
    prep.write_private(path, "first")
    path.chmod(0o644)
    prep.write_private(path, "second")
    assert path.read_text() == "second"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_export_refuses_to_write_through_a_symlink(tmp_path):
    target = tmp_path / "elsewhere.md"
    target.write_text("keep")
    link = tmp_path / "prep" / "ada.md"
    link.parent.mkdir()
    link.symlink_to(target)
    with pytest.raises(OSError):
        prep.write_private(link, "evil")
    assert target.read_text() == "keep"


@pytest.mark.parametrize("text, words", [
    ("", 0), ("   \n ", 0), ("I'm Sam — a developer.", 4), ("🙂 🙂 hi", 1),
    ("self-taught, full-stack\ndev", 3), ("مرحبا بالعالم", 2), ("1 2 3", 3),
])
def test_word_count(text, words):
    assert word_count(text) == words


def test_spoken_time_at_150_words_a_minute_and_the_30_second_mark():
    assert pitch_stats("word " * 75).seconds == 30 and not pitch_stats("word " * 75).over
    assert pitch_stats("word " * 76).over
    assert pitch_stats("word " * 150).seconds == 60
    assert pitch_stats("one").label == "1 word · about 0 s spoken"
    assert pitch_stats("a b c d e").label == "5 words · about 2 s spoken"
    big = pitch_stats("word " * 200_000)  # a pasted megabyte does not break it
    assert big.words == 200_000 and big.over
