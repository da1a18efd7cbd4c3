"""Merging two contacts: field choices, united lists, everything pointing at the other
moves, both vCard UIDs kept, one transaction and one step of undo."""

from __future__ import annotations

import pytest

from netplan.domain.merge import MergeError, default_choices, merge_contacts
from netplan.store.records import Contact, Event, Interaction, Referral
from netplan.transfer.matching import ContactIndex, Incoming

ADA = dict(id="ada", name="Ada Lovelace", company="Analytical", emails=("ada@a.test",),
           tags=("mentor",), links={"linkedin": "https://linkedin.com/in/ada"},
           stage="contacted", created="2026-01-01T09:00:00")
OTHER = dict(id="ada2", name="Ada A. Lovelace", company="Analytical Engines", role="CTO",
             emails=("ADA@a.test", "countess@b.test"), tags=("python",),
             links={"github": "https://github.com/ada"}, stage="talked", met_at="ev",
             created="2026-05-01T09:00:00", extra={"vcard_uid": "card-7"})


def seed(store):
    store.save_many([
        Event(id="ev", name="PyCon"),
        Contact(**ADA), Contact(**OTHER),
        Contact(id="bob", name="Bob", introduced_by="ada2"),
        Interaction(id="both", kind="coffee", contacts=("ada", "ada2"), date="2026-11-02"),
        Interaction(id="mine", kind="call", contacts=("ada2",), date="2026-11-03",
                    contact_changes={"ada2": {"stage": ["contacted", "talked"]}}),
        Interaction(id="prep", kind="informational_interview", contacts=("ada2",),
                    planned=True, date="2026-12-01"),
        Referral(id="ref", contact="ada2", company="Analytical"),
    ])


def test_defaults_take_filled_values_and_the_warmer_stage():
    choices = default_choices(Contact(**ADA), Contact(**OTHER))
    assert choices["name"] == "keep" and choices["role"] == "other"
    assert choices["stage"] == "other" and choices["met_at"] == "other"


def test_merge_moves_everything_and_keeps_both_uids(store):
    seed(store)
    result = merge_contacts(store, "ada", "ada2", {"name": "keep", "company": "other"})
    kept = store.get(Contact, "ada")
    assert store.get(Contact, "ada2") is None
    assert kept.name == "Ada Lovelace" and kept.company == "Analytical Engines"
    assert kept.role == "" and kept.stage == "contacted"  # not chosen: the kept values
    assert kept.emails == ("ada@a.test", "countess@b.test")  # united, any case once
    assert kept.tags == ("mentor", "python")
    assert kept.links == {"linkedin": "https://linkedin.com/in/ada",
                          "github": "https://github.com/ada"}
    assert set(kept.other_uids) == {"ada2", "card-7"}
    assert kept.created == "2026-01-01T09:00:00"
    assert store.get(Interaction, "both").contacts == ("ada",)
    assert store.get(Interaction, "mine").contacts == ("ada",)
    assert "ada" in store.get(Interaction, "mine").contact_changes
    assert store.get(Interaction, "prep").contacts == ("ada",)  # the prep sheet moved
    assert store.get(Referral, "ref").contact == "ada"
    assert store.get(Contact, "bob").introduced_by == "ada"
    assert (result.interactions, result.referrals, result.introductions) == (3, 1, 1)


def test_a_merge_is_one_step_of_undo(store):
    seed(store)
    before = store.raw()
    snapshot = {t: dict(d) for t, d in before.items() if t != "meta"}
    steps = len(store.history)
    merge_contacts(store, "ada", "ada2")
    assert len(store.history) == steps + 1
    assert "merge Ada A. Lovelace into Ada Lovelace" in store.history.next_undo().label
    assert store.history.undo(store).done
    after = store.raw()
    for table, docs in snapshot.items():
        assert sorted(map(str, after[table].values())) == sorted(map(str, docs.values()))


def test_the_other_card_finds_the_kept_contact_on_import(store):
    seed(store)
    merge_contacts(store, "ada", "ada2")
    index = ContactIndex.of(store.all(Contact))
    again = Incoming(1, Contact(name="Someone else entirely"), uid="card-7")
    assert index.find(again).id == "ada"
    by_old_id = Incoming(1, Contact(name="Someone"), uid="ada2")
    assert index.find(by_old_id).id == "ada"


def test_merging_into_itself_or_a_missing_contact_is_refused(store):
    seed(store)
    with pytest.raises(MergeError):
        merge_contacts(store, "ada", "ada")
    with pytest.raises(MergeError):
        merge_contacts(store, "ada", "nobody")
    assert store.get(Contact, "ada2") is not None


def test_choosing_an_introducer_that_is_one_of_the_two_drops_it(store):
    store.save_many([Contact(id="a", name="A"), Contact(id="b", name="B", introduced_by="a")])
    merge_contacts(store, "a", "b", {"introduced_by": "other"})
    assert store.get(Contact, "a").introduced_by is None



MOBILE = {"type": "mobile", "number": "+1 212 555 0123"}
WORK = {"type": "work", "number": "+44 20 7946 0958"}
WORK_LOCAL = {"type": "other", "number": "020 7946 0958"}  # WORK written the local way
HOME = {"type": "home", "number": "+1 (718) 555-0199"}


@pytest.mark.parametrize(("keep", "other", "phones"), [
    ("a", "b", (MOBILE, WORK, HOME)),
    ("b", "a", (WORK_LOCAL, HOME, MOBILE)),
])
def test_phones_from_both_sides_survive_one_number_once(store, keep, other, phones):
    store.save_many([Contact(id="a", name="Ada Lovelace", phones=(MOBILE, WORK)),
                     Contact(id="b", name="Ada King", phones=(WORK_LOCAL, HOME))])
    merge_contacts(store, keep, other)
    assert store.get(Contact, keep).phones == phones


@pytest.mark.parametrize("choose, current, past", [
    ("other", "Figma", ("Shopify",)),   # the move: the old company becomes a past one
    ("keep", "Shopify", ("Figma",)),    # either way, neither company is forgotten
])
def test_the_company_not_chosen_stays_among_their_past_companies(store, choose, current, past):
    old = store.save(Contact(name="Priya Raman", company="Shopify"))
    new = store.save(Contact(name="Priya Raman", company="Figma"))
    merged = merge_contacts(store, old.id, new.id, {"company": choose}).contact
    assert (merged.company, merged.past_companies) == (current, past)
    assert store.get(Contact, old.id).past_companies == past


def test_a_field_changed_elsewhere_while_the_merge_was_asked_is_kept(store):
    """The dialog opened when both notes were empty, so it asked nothing about them; a
    second process then wrote the other's notes. The merge takes the notes as they are
    now, not the side guessed from the empty ones."""
    keep = store.save(Contact(name="Ada Lovelace", company="Analytical"))
    other = store.save(Contact(name="Ada Lovelace", company="Engines"))
    asked = {"company": "keep"}  # what the dialog answers: the fields it showed
    store.save(other.replace(notes="written by another session"))
    merged = merge_contacts(store, keep.id, other.id, asked, only_asked=True).contact
    assert merged.notes == "written by another session"
    assert merged.company == "Analytical"
