"""Contacts without a terminal: typed fields, lookup by name, filter/sort, multi-record changes."""

from __future__ import annotations

import pytest

from netplan.domain import contact_fields as fields
from netplan.domain import contacts as domain
from netplan.store.records import Contact, Event, Interaction, Referral


def test_resolve_exact_prefix_word_and_substring():
    pool = [
        Contact(name="Ada Lovelace"),
        Contact(name="Grace Hopper"),
        Contact(name="Grace Kelly"),
        Contact(name="Ada"),
    ]
    assert domain.resolve(pool, "ada").name == "Ada"  # exact beats prefix
    assert domain.resolve(pool, "ADA LOVE").name == "Ada Lovelace"
    assert domain.resolve(pool, "hopper").name == "Grace Hopper"  # a word of the name
    assert domain.resolve(pool, "elly").name == "Grace Kelly"  # substring
    with pytest.raises(domain.ContactLookupError) as err:
        domain.resolve(pool, "grace")
    assert {c.name for c in err.value.candidates} == {"Grace Hopper", "Grace Kelly"}
    assert "Grace Hopper" in str(err.value) and "Grace Kelly" in str(err.value)
    with pytest.raises(domain.ContactLookupError, match="no contact matches"):
        domain.resolve(pool, "Linus")
    with pytest.raises(domain.ContactLookupError):
        domain.resolve(pool, "   ")


def test_two_people_with_one_name_stay_ambiguous():
    pool = [Contact(name="Sam Lee", company="A"), Contact(name="Sam Lee", company="B")]
    with pytest.raises(domain.ContactLookupError, match=r"Sam Lee \(A\), Sam Lee \(B\)"):
        domain.resolve(pool, "sam lee")


def test_resolve_many_and_markup_names():
    pool = [Contact(name="[bold]Ada[/]"), Contact(name="Bob")]
    assert [c.name for c in domain.resolve_many(pool, "[bold]ada, bob, Bob")] == [
        "[bold]Ada[/]",
        "Bob",
    ]


def test_emails_tags_links_cadence():
    assert fields.parse_emails("a@x.org, b@y.co") == ("a@x.org", "b@y.co")
    for bad in ("ada", "a@b", "a b@x.org", "@x.org"):
        with pytest.raises(ValueError, match="not an e-mail"):
            fields.parse_emails(bad)
    assert fields.parse_tags(" mentor, ,rust,mentor ") == ("mentor", "rust")
    links = fields.parse_links(
        "https://www.linkedin.com/in/ada\ngithub=https://github.com/ada\n"
        "https://x.com/ada\nhttps://ada.dev"
    )
    assert links == {
        "linkedin": "https://www.linkedin.com/in/ada",
        "github": "https://github.com/ada",
        "x": "https://x.com/ada",
        "site": "https://ada.dev",
    }
    assert fields.parse_links(fields.format_links(links)) == links
    assert fields.parse_cadence("30") == 30 and fields.parse_cadence("14d") == 14
    assert fields.parse_cadence("") is None
    for bad in ("0", "-3", "soon", "99999", "1.5"):
        with pytest.raises(ValueError):
            fields.parse_cadence(bad)


def test_filter_over_fields_and_sorts():
    a = Contact(name="Ada", company="Analytical", tags=("mentor",), cadence_days=7)
    b = Contact(name="bob", role="Recruiter", notes="met at PyCon", next_follow_up="2026-11-01")
    c = Contact(name="Cy", company="Acme")
    its = [
        Interaction(date="2026-11-20", contacts=(a.id,)),
        Interaction(date="2026-10-01", contacts=(c.id,)),
    ]
    index = domain.ContactIndex([c, b, a], its)
    names = lambda rows: [r.contact.name for r in rows]  # noqa: E731
    assert names(index.filter()) == ["Ada", "bob", "Cy"]
    assert names(index.filter("MENTOR")) == ["Ada"]
    assert names(index.filter("pycon")) == ["bob"]
    assert names(index.filter("recruit pycon")) == ["bob"]
    assert names(index.filter("a")) == ["Ada", "bob", "Cy"]  # Acme, Analytical, "met at"
    assert names(index.filter("", "follow_up")) == ["bob", "Ada", "Cy"]
    assert names(index.filter("", "last")) == ["Ada", "Cy", "bob"]
    assert index.by_id[b.id].overdue and not index.by_id[a.id].overdue


def test_filter_words_all_match_anywhere_at_10000():
    contacts = [Contact(name=f"Person {i}", company=f"Co {i % 97}") for i in range(10_000)]
    index = domain.ContactIndex(contacts, [])
    expected = sum("99" in str(i) for i in range(10_000))
    assert len(index.filter("person 99")) == expected
    assert {r.contact.company for r in index.filter("co 96")} == {"Co 96"} | {
        f"Co {i % 97}" for i in range(10_000) if "96" in str(i)
    }


def test_typing_and_erasing_a_filter_gives_what_a_fresh_index_gives():
    # The index narrows each query from the earlier ones' matches and keeps recent
    # results; whatever order queries come in, the answer must be a full scan's.
    words = ["sofia", "sof", "so fi", "mentor", "acme", "men acme", "x"]
    contacts = [
        Contact(name=f"{words[i % 5]} {i}", company=("Acme" if i % 3 else "Initech"),
                tags=(("mentor",) if i % 4 == 0 else ()), notes=f"so {i % 7} fi")
        for i in range(300)
    ]
    index = domain.ContactIndex(contacts, [])
    typed = ["s", "so", "sof", "sofi", "sofia", "sofi", "so", "so f", "so fi", "SOFIA 1",
             "sofia 12", "sofia 1", "", "a", "ac", "acme", "acme men", "men", "zzz", "1", "12"]
    for sort in ("name", "follow_up"):
        for query in typed:
            fresh = domain.ContactIndex(contacts, [])
            assert index.matching_ids(query, sort) == fresh.matching_ids(query, sort), query
    assert len(index.matching_ids("sofia")) == 60 and index.matching_ids("zzz") == []
    assert index.count_overdue(index.matching_ids("")) == 0


def test_delete_contact_drops_links_in_one_transaction(store):
    ada = store.save(Contact(name="Ada"))
    bob = store.save(Contact(name="Bob", introduced_by=ada.id))
    it = store.save(Interaction(contacts=(ada.id, bob.id), summary="coffee"))
    solo = store.save(Interaction(contacts=(ada.id,), summary="call"))
    ref = store.save(Referral(contact=ada.id, company="Acme", role="Dev"))
    writes = []
    store.subscribe(writes.append)
    assert domain.delete_contact(store, ada.id)
    assert writes == [{"contacts", "interactions", "referrals"}]  # one commit, naming its tables
    assert store.get(Contact, ada.id) is None
    assert store.get(Interaction, it.id).contacts == (bob.id,)
    assert (
        store.get(Interaction, solo.id).contacts == ()
        and store.get(Interaction, solo.id).summary == "call"
    )
    assert store.get(Contact, bob.id).introduced_by is None
    kept = store.get(Referral, ref.id)
    assert kept.contact is None and (kept.company, kept.role) == ("Acme", "Dev")
    assert not domain.delete_contact(store, ada.id)


def test_referral_ladder():
    assert domain.next_referral_status("to_ask") == "asked"
    assert domain.next_referral_status("interviewing") == "offer"
    assert domain.next_referral_status("offer") is None
    assert domain.next_referral_status("declined") is None
    asked = domain.advance_referral(Referral(company="Acme"))
    assert asked.status == "asked" and asked.asked_on == "2026-11-23"
    assert domain.advance_referral(asked, "declined").status == "declined"


def test_introduced_and_timeline():
    ada = Contact(name="Ada")
    kids = [Contact(name="Zed", introduced_by=ada.id), Contact(name="Bea", introduced_by=ada.id)]
    assert [c.name for c in domain.introduced([ada, *kids], ada.id)] == ["Bea", "Zed"]
    its = [
        Interaction(date="2026-01-01", contacts=(ada.id,)),
        Interaction(date="2026-03-01", contacts=(ada.id,)),
        Interaction(date="2026-02-01", contacts=("other",)),
    ]
    assert [i.date for i in domain.timeline(its, ada.id)] == ["2026-03-01", "2026-01-01"]


def test_event_people_and_delete(store):
    ev = store.save(Event(name="PyCon"))
    ada = store.save(Contact(name="Ada", met_at=ev.id))
    bob = store.save(Contact(name="Bob"))
    cy = store.save(Contact(name="Cy"))
    store.save(Interaction(contacts=(cy.id,), event=ev.id))
    met = domain.people_met_at(store.all(Contact), store.all(Interaction), ev.id)
    assert [c.name for c in met] == ["Ada", "Cy"]
    domain.save_event(store, ev.replace(name="PyCon US"), [bob.id])
    assert store.get(Contact, bob.id).met_at == ev.id and store.get(Contact, ada.id).met_at is None
    assert domain.delete_event(store, ev.id)
    assert store.get(Contact, bob.id).met_at is None
    assert all(i.event is None for i in store.all(Interaction))


# -- the stage ladder moves when you log -------------------------------------------------


@pytest.mark.parametrize(("stage", "kind", "replied", "expected"), [
    ("identified", "email", False, "contacted"),
    ("identified", "dm", True, "replied"),
    ("contacted", "coffee", False, "talked"),
    ("talked", "email", False, "talked"),       # never a step back
    ("ally", "coffee", False, "ally"),          # ally is given by hand only
    ("dormant", "call", False, "talked"),       # a resting contact wakes up
])
def test_stage_after_a_logged_interaction(stage, kind, replied, expected):
    from netplan.domain.contacts import stage_after

    assert stage_after(stage, Interaction(kind=kind, replied=replied)) == expected
    assert stage_after(stage, Interaction(kind=kind, replied=replied, planned=True)) == stage


def test_logging_moves_everyone_on_it_up_the_ladder(store):
    from netplan.domain.contacts import log_interaction

    a = store.save(Contact(name="A", stage="identified"))
    b = store.save(Contact(name="B", stage="ally"))
    log_interaction(store, Interaction(kind="coffee", contacts=(a.id, b.id)))
    assert store.get(Contact, a.id).stage == "talked"
    assert store.get(Contact, b.id).stage == "ally"
