"""Undo history at the store level, without Textual: what a transaction records, and
undo/redo written back in one transaction only over records nobody changed since."""

from __future__ import annotations

from netplan.domain import goals as board
from netplan.domain.contacts import delete_contact, log_interaction
from netplan.domain.metrics import store_counts
from netplan.store.database import open_store
from netplan.store.history import LIMIT
from netplan.store.records import Contact, Goal, Interaction


def labels(store) -> list[str]:
    return [c.label for c in store.history._undo]


def test_each_transaction_is_one_step_with_every_touched_record(store):
    ada = store.save(Contact(name="Ada"))
    log_interaction(store, Interaction(kind="coffee", contacts=(ada.id,)))
    assert labels(store) == ["add contact Ada", "log coffee with Ada"]
    step = store.history.next_undo()
    touched = {(e.table, e.before is None) for e in step.entries}
    assert touched == {("interactions", True), ("contacts", False)}  # created, and Ada moved on
    writes = store._storage.writes
    assert store.history.undo(store).message == "Undone: log coffee with Ada"
    assert store._storage.writes == writes + 1  # one transaction
    assert store.all(Interaction) == [] and store.get(Contact, ada.id) == ada
    assert labels(store) == ["add contact Ada"]  # the undo itself is not a new step


def test_a_contact_delete_restores_the_links_it_dropped(store):
    ada, bo = Contact(name="Ada"), Contact(name="Bo")
    bo = bo.replace(introduced_by=ada.id)
    it = Interaction(kind="call", contacts=(ada.id, bo.id))
    store.save_many([ada, bo, it])
    delete_contact(store, ada.id)
    assert labels(store)[-1] == "delete contact Ada"
    store.history.undo(store)
    assert store.get(Contact, ada.id) == ada
    assert store.get(Interaction, it.id).contacts == (ada.id, bo.id)
    assert store.get(Contact, bo.id).introduced_by == ada.id
    assert store.history.redo(store).message == "Redone: delete contact Ada"
    assert store.get(Contact, ada.id) is None and store.get(Interaction, it.id).contacts == (bo.id,)


def test_refused_when_another_store_changed_a_record_since(store, store_path):
    goal = store.save(Goal(week="2026-W48", title="Post 3 learnings", target=3))
    store.save(board.bump(goal, 1))
    other = open_store(store_path)
    other.save(other.get(Goal, goal.id).replace(title="Post 3 today"))
    assert labels(other) == ["edit goal “Post 3 today”"]  # its own history, not ours
    outcome = store.history.undo(store)
    assert not outcome.done
    assert outcome.message == "“Post 3 learnings” was changed elsewhere since; not undone."
    assert (store.get(Goal, goal.id).title, store.get(Goal, goal.id).progress) == (
        "Post 3 today", 1)
    # A record deleted elsewhere is named so, and nothing is written back either.
    other.delete(Goal, goal.id)
    outcome = store.history.undo(store)  # the add: the goal is gone, not as we left it
    assert outcome.message == "“Post 3 learnings” was deleted elsewhere since; not undone."
    assert store.get(Goal, goal.id) is None


def test_redo_is_cleared_by_a_new_change_and_only_the_last_50_are_kept(store):
    for n in range(LIMIT + 5):
        store.save(Contact(name=f"P{n}"))
    assert len(store.history) == LIMIT and labels(store)[0] == "add contact P5"
    store.history.undo(store)
    assert store.history.next_redo().label == "add contact P54"
    store.save(Contact(name="New"))
    assert store.history.next_redo() is None
    assert store.history.redo(store).message == "Nothing to redo."


def test_what_the_board_derives_is_not_a_step_and_does_not_block_undo(store):
    goal = store.save(Goal(week="2026-W48", title="Reach out", target=2, metric="outreach"))
    store.save(Interaction(date="2026-11-23", kind="dm", outreach=True))
    steps = len(store.history)
    board.sync_week(store, board.week_views(store, "2026-W48", store_counts(store)))
    assert store.get(Goal, goal.id).progress == 1 and len(store.history) == steps
    store.history.undo(store)  # the dm
    assert store.history.undo(store).done  # the goal, although its count was written since
    assert store.all(Goal) == []


def test_a_named_transaction_keeps_its_label_and_settings_are_undone_too(store):
    with store.transaction("import yaml people.yaml"):
        store.save_many([Contact(name="A"), Contact(name="B")])
        store.set_setting("goal_templates", [{"id": "user-x"}])
    assert labels(store) == ["import yaml people.yaml"]
    store.history.undo(store)
    assert store.all(Contact) == [] and store.setting("goal_templates") is None
