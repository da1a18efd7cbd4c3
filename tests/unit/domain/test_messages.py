"""Outreach drafts: the shipped templates, filling fields, visible gaps, user templates."""

from __future__ import annotations

import pytest

from netplan.domain import messages
from netplan.store.records import Contact, Event, Interaction, Pitch, Referral


def test_every_shipped_template_uses_only_known_fields_and_kinds():
    templates = messages.builtin_templates()
    assert {t.id for t in templates} >= {"info-warm", "info-cold", "thanks", "referral-ask",
                                         "referral-send", "bump", "bump-dm", "after-event",
                                         "tell-introducer", "offer-help"}
    for t in templates:
        used = set(messages._FIELD.findall(t.text))
        assert used <= set(messages.FIELDS), (t.id, used - set(messages.FIELDS))
        assert t.why and t.kind
    assert messages.find_template(templates, "thanks").kind == "thanks"


def test_once_they_agreed_the_draft_sends_the_resume_and_talking_points(store):
    liam = store.save(Contact(name="Liam Ng"))
    ref = Referral(contact=liam.id, company="Acme", role="Junior Dev", url="https://jobs/1",
                   status="agreed")
    send = messages.find_template(messages.builtin_templates(), "referral-send")
    text = messages.draft(store, send, liam, ref).text
    assert text.startswith("Hi Liam,\n\nThank you so much for agreeing to refer me!")
    assert "Junior Dev at Acme" in text and "https://jobs/1" in text
    assert "[talking point 1:" in text and "[talking point 2:" in text
    assert "My resume is attached." in text
    assert "Would you be comfortable referring me" not in text  # that was the ask
    assert (send.kind, send.outreach) == ("email", False)  # they are expecting it


def test_fields_come_from_the_record(store):
    sam = store.save(Contact(name="Sam Okafor"))
    event = store.save(Event(name="PyLadies night", date="2026-11-20"))
    ada = store.save(Contact(name="Ada Lovelace", company="Acme", role="Engineer",
                             met_at=event.id, introduced_by=sam.id))
    store.save(Interaction(date="2026-11-20", kind="coffee", contacts=(ada.id,),
                           summary="testing in Rust"))
    store.save(Pitch(text="I build small tools."))
    ref = Referral(contact=ada.id, company="Acme", role="Junior Dev", url="https://jobs/1")
    values = messages.fields_for(store, ada, ref)
    assert values == {"first_name": "Ada", "company": "Acme", "role": "Junior Dev",
                      "met_at": "PyLadies night", "introduced_by": "Sam Okafor",
                      "last_topic": "testing in Rust", "my_pitch": "I build small tools.",
                      "job_link": "https://jobs/1", "my_last_note": ""}


def test_a_bump_speaks_of_the_outreach_by_its_age_and_channel(store):
    import datetime as dt

    mon = dt.date(2026, 11, 23)

    def note(day: str, kind: str = "email") -> str:
        return messages.my_last_note(Interaction(date=day, kind=kind, outreach=True), mon)

    assert note("2026-11-23") == "my note from earlier today"
    assert note("2026-11-22") == "my note from yesterday"
    assert note("2026-11-19", "dm") == "my message from a few days ago"
    assert note("2026-11-18") == "my note from last week"  # 5 days
    assert note("2026-11-10") == "my note from last week"  # 13 days
    assert note("2026-11-09") == "my note of 9 November"  # 14 days
    assert note("2026-10-26", "dm") == "my message of 26 October"
    assert note("2025-12-30") == "my note of 30 December 2025"
    assert messages.my_last_note(None, mon) == ""
    ada = store.save(Contact(name="Ada"))
    store.save(Interaction(date="2026-10-26", kind="dm", outreach=True, contacts=(ada.id,)))
    store.save(Interaction(date="2026-11-20", kind="coffee", contacts=(ada.id,)))  # not one
    bump = messages.find_template(messages.builtin_templates(), "bump-dm")
    text = messages.draft(store, bump, ada).text
    assert text.startswith("Hi Ada, just following up on my message of 26 October")
    assert "inbox" not in text and bump.kind == "dm" and bump.outreach


def test_a_missing_field_is_a_visible_gap_never_invented(store):
    ada = store.save(Contact(name="Ada"))
    template = messages.find_template(messages.builtin_templates(), "info-warm")
    draft = messages.draft(store, template, ada)
    assert "[company?]" in draft.text and "[introduced_by?]" in draft.text
    assert "Hi Ada," in draft.text
    assert draft.gaps == ["introduced_by", "role", "company"]
    assert messages.fill("{nonsense} {first_name}", {"first_name": "Ada"}) == "[nonsense?] Ada"


def test_gaps_left_count_the_template_placeholders_too(store):
    ada = store.save(Contact(name="[Ada]"))  # brackets from the record are not gaps
    ref = Referral(contact=ada.id, role="Dev", url="https://jobs/1")
    ask = messages.find_template(messages.builtin_templates(), "referral-ask")
    text = messages.draft(store, ask, ada, ref).text
    found = messages.gaps_left(text, ask)
    assert found == ["[company?]", "[talking point 1: a project or result of yours]",
                     "[talking point 2: why this team or role]"]
    assert messages.gaps_note(found) == ("3 gaps to fill before sending: [company?], "
                                         "[talking point 1…], [talking point 2…]")
    filled = text.replace(found[0], "Acme").replace(found[1], "I shipped a CLI")
    assert messages.gaps_note(messages.gaps_left(filled, ask)) == \
        "1 gap to fill before sending: [talking point 2…]"
    done = filled.replace(found[2], "I love their docs")
    assert messages.gaps_left(done, ask) == []
    assert messages.gaps_note([]) == "Every field is filled from your record."


def test_hostile_record_text_is_flattened_in_a_draft(store):
    ada = store.save(Contact(name="[bold]Ada\x1b[31m", company="Ac\u009bme\nCorp"))
    template = messages.MessageTemplate("t", "T", "{first_name} at {company}")
    text = messages.draft(store, template, ada).text
    assert "\x1b" not in text and "\u009b" not in text and "\n" not in text
    assert text.startswith("[bold]Ada")


def test_user_templates_are_kept_in_the_store_and_replace_by_id(store):
    mine = messages.MessageTemplate("thanks", "My thanks", "Cheers {first_name}!", "thanks",
                                    builtin=False)
    assert messages.save_user_template(store, mine) is False
    found = messages.find_template(messages.all_templates(store), "thanks")
    assert found.text == "Cheers {first_name}!" and not found.builtin
    again = messages.MessageTemplate("thanks", "My thanks", "Ta {first_name}", "thanks")
    assert messages.save_user_template(store, again) is True
    assert len([t for t in messages.all_templates(store) if t.id == "thanks"]) == 1
    assert messages.delete_user_template(store, "thanks")
    assert messages.find_template(messages.all_templates(store), "thanks").builtin
    with pytest.raises(ValueError):
        messages.save_user_template(store, messages.MessageTemplate("x", "X", "  "))
    store.set_setting(messages.USER_TEMPLATES_KEY, [None, {"id": "y"}, "junk"])
    assert [t.id for t in messages.all_templates(store)] == \
        [t.id for t in messages.builtin_templates()]


def test_unknown_template_is_an_error():
    with pytest.raises(messages.UnknownTemplate):
        messages.find_template(messages.builtin_templates(), "no-such")


def test_a_sent_draft_is_the_matching_interaction(store):
    ada = store.save(Contact(name="Ada"))
    for tid, kind, outreach in (("info-cold", "dm", True), ("thanks", "thanks", False),
                                ("offer-help", "help", False)):
        template = messages.find_template(messages.builtin_templates(), tid)
        it = messages.sent(messages.draft(store, template, ada))
        assert (it.kind, it.outreach, it.contacts) == (kind, outreach, (ada.id,))
        assert it.date == "2026-11-23" and "Ada" in it.notes
