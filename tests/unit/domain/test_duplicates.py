"""Possible duplicates: each rule, and the pairs that must never be listed."""

from __future__ import annotations

import pytest

from netplan.domain.duplicates import find_duplicates, name_key, phone_key
from netplan.store.records import Contact

ADA_URL = "https://www.linkedin.com/in/ada-lovelace"


def reasons(*contacts: Contact) -> list[tuple[str, str, tuple[str, ...]]]:
    return [(p.first.name, p.second.name, p.reasons) for p in find_duplicates(contacts)]


def test_same_email_in_any_case():
    assert reasons(Contact(name="Ada", emails=("Ada@Example.com",), created="1"),
                   Contact(name="A. King", emails=("ada@example.com ",), created="2")) == [
        ("Ada", "A. King", ("email",))]


def test_same_profile_url_written_two_ways():
    assert reasons(
        Contact(name="Ada", links={"linkedin": ADA_URL}, created="1"),
        Contact(name="Countess", links={"linkedin": "linkedin.com/in/ada-lovelace/?trk=x"},
                created="2")) == [("Ada", "Countess", ("profile",))]


def test_same_phone_kept_by_a_newer_netplan():
    a = Contact.from_dict({"id": "a", "name": "Ada", "phones": ["+44 20 7946 0958"],
                           "created": "1"})
    b = Contact.from_dict({"id": "b", "name": "Lady L", "phones": ["020 7946 0958"],
                           "created": "2"})
    assert reasons(a, b) == [("Ada", "Lady L", ("phone",))]
    assert phone_key("12") == ""  # too short to be a number


@pytest.mark.parametrize("other", [
    "ada lovelace",  # case
    "Adà Lovelacé",  # accents
    "Ada Augusta Lovelace",  # a middle name
    "Dr. Ada King-Lovelace".replace("King-", ""),  # a title
])
def test_names_that_differ_only_by_case_accents_or_middle_names(other):
    pairs = reasons(Contact(name="Ada Lovelace", company="Analytical", created="1"),
                    Contact(name=other, company="ANALYTICAL Inc.", created="2"))
    assert [p[2] for p in pairs] == [("name",)]


def test_a_nickname_is_its_full_name():
    assert name_key("Bill Gates") == name_key("William Henry Gates")
    assert reasons(Contact(name="Bill Gates", company="Micro", created="1"),
                   Contact(name="William Gates", company="Micro", created="2"))


def test_the_same_person_after_a_job_change():
    old = Contact(name="Ada Lovelace", company="Babbage", past_companies=("Analytical",),
                  created="1")
    new = Contact(name="Ada Lovelace", company="Analytical", created="2")
    assert [p[2] for p in reasons(old, new)] == [("name",)]


def test_same_name_at_another_company_is_a_possible_move():
    linkedin = Contact(name="Priya Raman", company="Shopify", emails=("priya@shopify.test",),
                       links={"linkedin": "https://linkedin.com/in/priya"}, created="1")
    phone_card = Contact(name="priya  raman", company="Figma", emails=("p@figma.test",),
                         created="2")
    (pair,) = find_duplicates([linkedin, phone_card])
    assert (pair.first, pair.second, pair.reasons) == (linkedin, phone_card,
                                                        ("name_elsewhere",))
    assert pair.describe() == "same name (another company: a move?)"


def test_same_name_and_company_says_only_the_stronger_reason_once():
    pairs = find_duplicates([
        Contact(id="a", name="Ada Lovelace", company="Initech", created="1"),
        Contact(id="b", name="Ada Lovelace", company="Analytical", created="2"),
        Contact(id="c", name="Ada Lovelace", company="Analytical", created="3")])
    assert [(p.first.id, p.second.id, p.reasons) for p in pairs] == [  # the stronger first
        ("b", "c", ("name",)), ("a", "b", ("name_elsewhere",)),
        ("a", "c", ("name_elsewhere",))]


def test_a_first_name_alone_at_two_companies_is_not_listed():
    assert reasons(Contact(name="Sam", company="Analytical"),
                   Contact(name="Samuel", company="Initech"),
                   Contact(name="Dr. Sam", company="Babbage")) == []


def test_same_name_at_two_companies_with_different_profiles_is_two_people():
    assert reasons(
        Contact(name="Jordan Smith", company="Acme",
                links={"linkedin": "https://linkedin.com/in/jordan-smith"}),
        Contact(name="Jordan Smith", company="Initech",
                links={"linkedin": "https://linkedin.com/in/jordan-smith-2"})) == []


def test_a_name_too_common_to_mean_anything_alone_still_pairs_at_one_company():
    # 51 Wei Zhangs: the name alone is no clue, but two at one company still are.
    many = [Contact(id=f"w{n:02}", name="Wei Zhang", company=f"Company {n}", created=str(n))
            for n in range(51)]
    twin = Contact(id="twin", name="Wei Zhang", company="Company 7", created="99")
    assert [(p.first.id, p.second.id, p.reasons) for p in find_duplicates([*many, twin])] == [
        ("w07", "twin", ("name",))]


def test_two_ada_lovelaces_with_different_profiles_are_two_people():
    assert reasons(
        Contact(name="Ada Lovelace", company="Analytical", emails=("team@analytical.test",),
                links={"linkedin": ADA_URL}),
        Contact(name="Ada Lovelace", company="Analytical", emails=("team@analytical.test",),
                links={"linkedin": "https://linkedin.com/in/ada-lovelace-2"})) == []


def test_different_first_names_with_one_surname_are_not_listed():
    assert reasons(Contact(name="Ada Lovelace", company="A"),
                   Contact(name="Byron Lovelace", company="A")) == []


def test_the_older_contact_comes_first_and_rules_are_all_named():
    newer = Contact(name="Ada Lovelace", company="A", emails=("a@x.test",),
                    created="2026-11-20T09:00:00")
    older = Contact(name="ada lovelace", company="a", emails=("A@x.test",),
                    created="2026-01-01T09:00:00")
    (pair,) = find_duplicates([newer, older])
    assert pair.first is older and pair.reasons == ("email", "name")
    assert pair.describe() == "same e-mail, same name and company"


def test_a_company_record_s_aliases_count_as_the_same_company():
    from netplan.store.records import Company

    a = Contact(name="Grace Hopper", company="US Navy", created="1")
    b = Contact(name="Grace Hopper", company="Navy", created="2")
    assert [p.reasons for p in find_duplicates([a, b])] == [("name_elsewhere",)]
    navy = Company(name="Navy", aliases=("US Navy",))
    assert [p.reasons for p in find_duplicates([a, b], [navy])] == [("name",)]
