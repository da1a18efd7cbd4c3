"""Target companies: matching a contact's company text to a record, moves, the list."""

from __future__ import annotations

import pytest

from netplan.domain.companies import (
    CompanyIndex,
    company_key,
    find_or_create,
    moved,
    overview_of,
    parse_postings,
    unrecorded,
)
from netplan.store.records import Company, Contact, Interaction, Referral


@pytest.mark.parametrize("a, b", [
    ("Analytical Engines", "analytical engines"),
    ("ACME, Inc.", "Acme"),
    ("Initech Ltd", "initech"),
    ("Société Générale", "societe generale"),
    ("  Big   Co  ", "big co"),
])
def test_spellings_of_one_company_share_a_key(a, b):
    assert company_key(a) == company_key(b)


def test_a_contact_is_matched_by_name_or_alias_in_any_case():
    acme = Company(name="Acme", aliases=("ACME Corporation", "Road Runner Labs"))
    other = Company(name="Initech")
    index = CompanyIndex([acme, other])
    assert index.match("acme") is acme
    assert index.match("Acme Corporation") is acme
    assert index.match("road runner labs") is acme
    assert index.match("INITECH inc.") is other
    assert index.match("Globex") is None
    assert index.match("") is None


def test_an_alias_never_hides_another_company_s_own_name():
    a = Company(name="Alpha", aliases=("Beta",))
    b = Company(name="Beta")
    assert CompanyIndex([a, b]).match("beta") is b


def test_find_or_create_makes_one_record_per_company(store):
    first, created = find_or_create(store, "Analytical Engines", priority="dream")
    again, created_again = find_or_create(store, "  analytical   ENGINES ")
    assert created and not created_again and again.id == first.id
    assert [c.name for c in store.all(Company)] == ["Analytical Engines"]
    assert store.all(Company)[0].priority == "dream"


def test_find_or_create_refuses_an_empty_name(store):
    with pytest.raises(ValueError):
        find_or_create(store, " \x1b[31m ")
    assert store.all(Company) == []


def test_a_move_keeps_the_old_company_in_history():
    ada = Contact(name="Ada", company="Analytical Engines")
    at_babbage = moved(ada, ada.replace(company="Babbage & Co"))
    assert at_babbage.past_companies == ("Analytical Engines",)
    back = moved(at_babbage, at_babbage.replace(company="analytical engines"))
    # Back where she was: the current company is not also a past one; Babbage is.
    assert back.past_companies == ("Babbage & Co",)


def test_a_new_spelling_of_the_same_company_is_not_a_move():
    ada = Contact(name="Ada", company="Acme")
    assert moved(ada, ada.replace(company="ACME Inc.")).past_companies == ()
    assert moved(Contact(name="New"), Contact(name="New", company="Acme")).past_companies == ()


def test_the_list_shows_people_warmth_referrals_last_talk_and_former_staff(store):
    store.save_many([
        Company(id="acme", name="Acme", aliases=("Acme Labs",), priority="target",
                postings=({"title": "Backend dev", "url": "https://acme.test/1",
                           "date": "2026-11-20"},)),
        Company(id="dream", name="Dreamco", priority="dream"),
        Company(id="maybe", name="Maybeco", priority="maybe"),
        Contact(id="ada", name="Ada", company="ACME", stage="talked"),
        Contact(id="bob", name="Bob", company="acme labs", stage="identified"),
        Contact(id="cy", name="Cy", company="Dreamco", stage="ally", past_companies=("Acme",)),
        Contact(id="dee", name="Dee", company="Elsewhere"),
        Interaction(date="2026-11-10", kind="coffee", contacts=("ada",)),
        Interaction(date="2026-11-18", kind="email", contacts=("bob",)),
        Interaction(date="2026-11-25", kind="call", contacts=("dee",)),
        Referral(contact="ada", company="Acme", status="asked"),
        Referral(contact="bob", company="", status="to_ask"),  # at Acme through Bob
        Referral(contact="ada", company="Acme", status="declined"),  # not open
    ])
    rows = overview_of(store)
    assert [r.company.name for r in rows] == ["Dreamco", "Acme", "Maybeco"]
    acme = rows[1]
    assert [p.name for p in acme.people] == ["Ada", "Bob"]
    assert [p.name for p in acme.could_refer] == ["Ada"]
    assert acme.warmest == "talked" and acme.warmth() == "1 talked, 1 identified"
    assert len(acme.open_referrals) == 2
    assert acme.last_interaction.isoformat() == "2026-11-18"
    assert [p.name for p in acme.former] == ["Cy"]
    assert [p.name for p in rows[0].could_refer] == ["Cy"]
    assert rows[2].people == () and rows[2].last_interaction is None


def test_unrecorded_companies_are_offered_most_people_first(store):
    store.save_many([Company(name="Acme"), Contact(name="A", company="acme"),
                     Contact(name="B", company="Globex"), Contact(name="C", company="globex"),
                     Contact(name="D", company="Initech")])
    assert unrecorded(store.all(Company), store.all(Contact)) == ["Globex", "Initech"]


def test_postings_are_typed_one_a_line():
    assert parse_postings("Backend dev | https://a.test/1 | 2026-11-20\n\nhttps://b.test") == (
        {"title": "Backend dev", "url": "https://a.test/1", "date": "2026-11-20"},
        {"title": "", "url": "https://b.test", "date": ""},
    )
    with pytest.raises(ValueError, match="line 1"):
        parse_postings("Dev | url | not a date at all")
    with pytest.raises(ValueError, match="at most"):
        parse_postings("a | b | c | d")
