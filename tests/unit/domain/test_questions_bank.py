"""The question bank: shipped file, first load, upgrades, own questions, counts and search."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from netplan.domain.questions import (
    SETTING,
    QuestionError,
    asked_counts,
    asked_of,
    check_text,
    delete_question,
    ordered,
    parse_bank,
    search,
    shipped_bank,
    sync_builtins,
)
from netplan.store.database import open_store
from netplan.store.records import Contact, Interaction, Question

from ...conftest import TODAY


def bank_yaml(*categories: tuple[str, list[tuple[str, str]]]) -> str:
    """A question bank file as netplan ships it."""
    import yaml

    return yaml.safe_dump({"categories": [
        {"name": name, "questions": [{"id": i, "text": t, "why": f"why {i}"} for i, t in qs]}
        for name, qs in categories
    ]})


V1 = bank_yaml(
    ("Path", [("first-job", "How did you land your first job?"),
              ("typical-day", "What is a typical day like?"),
              ("retired", "A question we stop shipping?")]),
    ("Advice", [("who-else", "Who else should I meet?")]),
)
V2 = bank_yaml(
    ("Path", [("first-job", "How did you land your first job in tech?"),
              ("typical-day", "What does a typical day look like?")]),
    ("Advice", [("who-else", "Who else do you think I should meet?"),
                ("advice", "What advice would you give someone like me?")]),
)


def builtins(store) -> dict[str, Question]:
    return {q.id: q for q in store.all(Question)}


def test_the_shipped_bank_is_complete_and_well_formed():
    bank = shipped_bank()
    assert len(bank.questions) >= 30
    ids = [q.id for q in bank.questions]
    assert len(ids) == len(set(ids))
    for q in bank.questions:
        assert q.builtin and q.text.endswith("?") and q.why and q.category in bank.categories
        assert q.id == q.id.lower() and " " not in q.id
    texts = " ".join(q.text.lower() for q in bank.questions)
    for topic in ("first job", "typical day", "stack", "who", "advice", "ready", "coding"):
        assert topic in texts, topic
    assert "Meetup small talk" in bank.categories and "Culture and values" in bank.categories


def test_a_bank_with_a_repeated_id_is_refused():
    with pytest.raises(ValueError, match="appears twice"):
        parse_bank(bank_yaml(("A", [("x", "One?")]), ("B", [("x", "Two?")])))


def test_first_run_loads_every_builtin_once_and_a_second_sync_writes_nothing(store, store_path):
    assert sync_builtins(store) == len(shipped_bank().questions)
    assert len(store.all(Question)) == len(shipped_bank().questions)
    before = store_path.stat()
    assert sync_builtins(store) == 0
    after = store_path.stat()
    assert (before.st_mtime_ns, before.st_ino) == (after.st_mtime_ns, after.st_ino)


def test_upgrade_adds_new_updates_untouched_and_keeps_stars_hidden_and_edits(store):
    sync_builtins(store, parse_bank(V1))
    q = builtins(store)
    store.save(q["first-job"].replace(starred=True))
    store.save(q["typical-day"].replace(hidden=True))
    # edited by hand (jq): the user's wording must survive the upgrade
    store.save(q["who-else"].replace(text="Whom should I talk to next?"))
    store.save(Question(text="My own question?", category="Mine"))

    changed = sync_builtins(store, parse_bank(V2))

    after = builtins(store)
    assert changed > 0
    assert len(after) == 6  # 4 shipped + the retired one + the user's own: no duplicates
    assert after["first-job"].text == "How did you land your first job in tech?"
    assert after["first-job"].starred and not after["first-job"].hidden
    assert after["typical-day"].text == "What does a typical day look like?"
    assert after["typical-day"].hidden
    assert after["who-else"].text == "Whom should I talk to next?"
    assert after["advice"].builtin and after["advice"].category == "Advice"
    assert not after["retired"].builtin  # now the user's: kept with its history, deletable
    assert sorted(q.text for q in after.values()).count("My own question?") == 1
    assert sync_builtins(store, parse_bank(V2)) == 0


def test_an_upgrade_in_a_store_that_lost_its_sync_record_never_overwrites(store):
    sync_builtins(store, parse_bank(V1))
    store.set_setting(SETTING, None)  # e.g. data re-imported without settings
    sync_builtins(store, parse_bank(V2))
    after = builtins(store)
    # kept: without the record of what was shipped, it may be the user's edit
    assert after["first-job"].text == "How did you land your first job?"
    assert "advice" in after and len(after) == 5


def test_two_processes_syncing_at_once_make_no_duplicates(store_path):
    a, b = open_store(store_path), open_store(store_path)
    sync_builtins(a)
    assert sync_builtins(b) == 0
    assert len(b.all(Question)) == len(shipped_bank().questions)


def test_a_readonly_store_is_not_written(store_path):
    open_store(store_path)
    ro = open_store(store_path, readonly=True)
    assert sync_builtins(ro) == 0 and ro.all(Question) == []


def test_builtins_cannot_be_deleted_but_own_questions_can(store):
    sync_builtins(store)
    with pytest.raises(QuestionError, match="hide it"):
        delete_question(store, "first-job")
    assert store.get(Question, "first-job") is not None
    own = store.save(Question(text="Mine?"))
    assert delete_question(store, own.id) and store.get(Question, own.id) is None
    assert delete_question(store, "no-such-id") is False


@pytest.mark.parametrize("text, message", [
    ("", "type the question"),
    ("   ", "type the question"),
    ("x" * 501, "under 500"),
    ("how did you LAND your first job in tech?", "already in the bank"),
])
def test_bad_question_text_is_refused_with_a_message(text, message):
    with pytest.raises(QuestionError, match=message):
        check_text(text, shipped_bank().questions)


def test_question_text_keeps_emoji_rtl_and_markup_but_not_escapes():
    assert check_text("🙂 [bold]هل[/] ok?\x1b[31m", []) == "🙂 [bold]هل[/] ok?"
    # editing a question may keep its own text
    q = Question(id="q1", text="Same?")
    assert check_text("Same?", [q], editing="q1") == "Same?"


def _talk(day, contacts, *qids, planned=False):
    return Interaction(date=day, contacts=tuple(contacts), planned=planned,
                       questions=tuple({"question": q, "answer": "a"} for q in qids))


def test_asked_counts_count_logged_conversations_and_whom_not_plans():
    interactions = [
        _talk("2026-11-02", ["ada"], "first-job", "who-else", "first-job"),  # once per talk
        _talk("2026-11-10", ["grace", "ada"], "first-job"),
        _talk("2026-11-30", ["linus"], "first-job", planned=True),  # a prep sheet: not asked yet
        Interaction(date="2026-11-11", contacts=("ada",)),
        Interaction(questions=({"answer": "no id"}, "junk")),  # damaged entries are skipped
    ]
    counts = asked_counts(interactions)
    assert counts["first-job"].times == 2
    assert counts["first-job"].contacts == ["ada", "grace"]
    assert counts["first-job"].last == "2026-11-10"
    assert counts["who-else"].times == 1
    people = {"ada": Contact(id="ada", name="Ada"), "grace": Contact(id="grace", name="Grace")}
    assert counts["first-job"].names(people) == ["Ada", "Grace"]
    assert counts["who-else"].names({}) == []  # a deleted contact drops out
    assert asked_of("ada", interactions) == {"first-job": "2026-11-10", "who-else": "2026-11-02"}
    assert asked_of("linus", interactions) == {}


def test_search_matches_every_word_in_text_category_or_why():
    bank = list(shipped_bank().questions)
    found = search(bank, "first job")
    assert [q.id for q in found] == ["first-job"]
    assert {q.id for q in search(bank, "SMALL talk")} >= {"where-work", "into-coding"}
    assert search(bank, "first zebra") == []
    hidden = bank[0].replace(hidden=True)
    assert hidden not in search([hidden], "")
    assert search([hidden], "", show_hidden=True) == [hidden]
    star = bank[1].replace(starred=True)
    assert search([star, bank[2]], "", starred_only=True) == [star]


def test_ordered_keeps_the_shipped_order_and_puts_own_categories_after():
    bank = list(shipped_bank().questions)
    mine = Question(text="Zed?", category="Alpha mine")
    result = ordered([mine, *reversed(bank)])
    assert result[: len(bank)] == bank and result[-1] == mine


def test_the_question_tabs_read_only_interactions_that_ask_or_are_planned(store_path):
    """The Questions section builds the records of the interactions that asked questions
    and the planned ones, not every interaction; a save changes that list by its change,
    and it is what every record gives."""
    from netplan.domain.questions import questioned

    def expected(store):
        return sorted((i for i in open_store(store_path).all(Interaction)
                       if i.planned or i.questions), key=lambda i: i.id)

    store = open_store(store_path)
    store.save_many([Interaction(id=f"i{n}", date=(TODAY - dt.timedelta(days=n)).isoformat(), kind="coffee", contacts=("p1",),
                                 questions=({"question": "q1", "answer": f"a{n}"},)
                                 if n % 3 == 0 else ()) for n in range(30)])
    reader = open_store(store_path)
    assert sorted(questioned(reader), key=lambda i: i.id) == expected(reader)
    assert "interactions" in reader._storage.parsed_tables
    assert not reader._cache.holds("interactions")  # no record built but those
    reader.save(reader.get(Interaction, "i1").replace(
        questions=({"question": "q2", "answer": "yes"},)))
    reader.save(reader.get(Interaction, "i3").replace(questions=()))
    reader.save(Interaction(id="plan", date=(TODAY + dt.timedelta(days=3)).isoformat(), kind="coffee", planned=True,
                            contacts=("p2",)))
    reader.delete(Interaction, "i6")
    got = questioned(reader)
    assert reader.forwarded == 0 and sorted(got, key=lambda i: i.id) == expected(reader)
    fresh = asked_counts(open_store(store_path).all(Interaction))
    assert {q: (a.times, a.last) for q, a in asked_counts(got).items()} == \
        {q: (a.times, a.last) for q, a in fresh.items()}


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(["", "2026-11-01", "2026-11-02", "2026-11-03"]), st.booleans(),
    st.lists(st.sampled_from(["a", "b", "c"]), max_size=2),
    st.lists(st.one_of(st.sampled_from(["q1", "q2", "q3"]), st.integers(0, 2)), max_size=3)),
    max_size=8))
def test_asked_counts_are_each_question_counted_once_a_conversation(rows):
    """Per question: the logged conversations that asked it (once each, however often it
    was noted in one), the latest date, and whom, first asked first."""
    interactions = [Interaction(id=f"i{n}", date=date, planned=planned, contacts=tuple(people),
                                questions=tuple({"question": q, "answer": ""} for q in asked))
                    for n, (date, planned, people, asked) in enumerate(rows)]
    expected: dict[str, tuple[int, str, list[str]]] = {}
    for it in sorted((i for i in interactions if not i.planned), key=lambda i: i.date):
        for qid in dict.fromkeys(e["question"] for e in it.questions):
            if not isinstance(qid, str):
                continue
            times, _, whom = expected.get(qid, (0, "", []))
            whom = list(dict.fromkeys([*whom, *it.contacts]))
            expected[qid] = (times + 1, it.date, whom)
    counts = asked_counts(interactions)
    assert {q: (a.times, a.last, a.contacts) for q, a in counts.items()} == expected


def _answers_to(qid: str, interactions) -> list:
    """The rule for one question, written out: its answers in logged conversations,
    newest first (ties as logged)."""
    from netplan.domain.prep import Heard

    out = [Heard(str(it.date or ""), it.contacts, entry["answer"].strip())
           for it in interactions if not it.planned for entry in it.questions
           if isinstance(entry, dict) and entry.get("question") == qid
           and isinstance(entry.get("answer"), str) and entry["answer"].strip()]
    return sorted(out, key=lambda h: h.date, reverse=True)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(
    st.sampled_from(["", "2026-11-01", "2026-11-02"]), st.booleans(),
    st.lists(st.tuples(st.one_of(st.sampled_from(["q1", "q2"]), st.integers(0, 2), st.none()),
                       st.one_of(st.sampled_from(["", " ", "yes", "no "]), st.none(),
                                 st.integers())), max_size=3)),
    max_size=8), st.one_of(st.none(), st.integers(1, 3)))
def test_answers_heard_are_each_questions_answers_newest_first(rows, newest):
    """Every question's answers in one pass equal the answers read for it alone (the
    `newest` of them), whatever another tool stored as a question or an answer."""
    from netplan.domain.prep import answers_heard

    interactions = [Interaction(id=f"i{n}", date=date, planned=planned, contacts=("c",),
                                questions=tuple({"question": q, "answer": a} for q, a in asked))
                    for n, (date, planned, asked) in enumerate(rows)]
    heard = answers_heard(interactions, newest)
    for qid in ("q1", "q2"):
        assert heard.get(qid, []) == _answers_to(qid, interactions)[:newest], qid
    assert set(heard) <= {"q1", "q2"}
