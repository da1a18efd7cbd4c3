"""The Contacts section's dialogs: contact form, log an interaction, follow-up, referrals."""

from __future__ import annotations

from typing import Any

from ..domain import contact_fields
from ..domain.companies import moved
from ..domain.followups import default_cadence_days
from ..domain.interactions import names_in
from ..store.database import Store
from ..store.records import (
    INTERACTION_KINDS,
    REFERRAL_STATUSES,
    STAGES,
    Contact,
    Event,
    Interaction,
    Referral,
    now_iso,
)
from ..support.dates import parse_date, today
from .contact_picker import ContactSuggester, name_parser, names_parser
from .form import FormDialog, FormField

DATE_HELP = "2026-12-01, today, yesterday, last friday, +3d …"


def iso(text: str) -> str:
    return parse_date(text).isoformat()


def event_options(store: Store) -> list[tuple[str, str]]:
    events = sorted(
        store.all(Event), key=lambda e: (str(e.date or ""), e.name.casefold()), reverse=True
    )
    return [(f"{e.name} ({e.date})" if e.date else e.name, e.id) for e in events]


def _kind_options(kinds) -> list[tuple[str, str]]:
    return [(k.replace("_", " "), k) for k in kinds]


# -- contact ----------------------------------------------------------------------------


# The contact form's fields in the order shown: the ones most people fill in first, the
# rest folded under "More". A field not named here goes under "More", so none is lost.
USUAL_CONTACT_FIELDS = ("name", "company", "role", "how_met", "introduced_by", "emails",
                        "phones", "tags")
MORE_CONTACT_FIELDS = ("stage", "met_on", "met_at", "location", "links", "cadence_days",
                       "personal", "notes")


def contact_form(store: Store, contact: Contact | None = None) -> FormDialog:
    c = contact or Contact(cadence_days=default_cadence_days())
    by = store.get(Contact, c.introduced_by) if c.introduced_by else None
    exclude = {c.id} if contact else set()
    fields = [
        FormField("name", "Name", value=c.name, required=True),
        FormField("company", "Company", value=c.company),
        FormField("role", "Role", value=c.role),
        FormField("location", "Location", value=c.location),
        FormField(
            "emails",
            "E-mails",
            value=", ".join(c.emails),
            parse=contact_fields.parse_emails,
            help="separate several with commas",
        ),
        FormField(
            "phones",
            "Phones",
            value=contact_fields.format_phones(c.phones),
            parse=contact_fields.parse_phones,
            help="mobile, or work:… / home:…; commas between",
        ),
        FormField(
            "links",
            "Links",
            kind="multiline",
            value=contact_fields.format_links(c.links),
            parse=contact_fields.parse_links,
            help="one a line: linkedin=…, github=…, x=…, site=… (or a bare URL)",
        ),
        FormField(
            "tags",
            "Tags",
            value=", ".join(c.tags),
            parse=contact_fields.parse_tags,
            help="separate with commas",
        ),
        FormField("how_met", "How we met", value=c.how_met),
        FormField("met_on", "Met on", value=c.met_on or "", parse=iso, help=DATE_HELP),
        FormField(
            "met_at", "Met at (event)", kind="select", value=c.met_at, options=event_options(store)
        ),
        FormField(
            "introduced_by",
            "Introduced by",
            value=by.name if by else "",
            parse=name_parser(store, exclude=c.id if contact else None),
            suggester=ContactSuggester(store, exclude=exclude),
            help="type part of a name; → accepts the suggestion",
        ),
        FormField(
            "stage",
            "Stage",
            kind="select",
            value=c.stage,
            required=True,
            options=[(s, s) for s in STAGES],
        ),
        FormField(
            "cadence_days",
            "Keep in touch every (days)",
            value="" if c.cadence_days is None else str(c.cadence_days),
            parse=contact_fields.parse_cadence,
            help="empty: their tags' cadence (C in Contacts), else no automatic follow-up",
        ),
        FormField("personal", "Personal details to remember", kind="multiline", value=c.personal),
        FormField("notes", "Notes", kind="multiline", value=c.notes),
    ]
    return FormDialog("Edit contact" if contact else "New contact", in_contact_order(fields))


def in_contact_order(fields: list[FormField]) -> list[FormField]:
    """The usual fields first, then the rest under "More" (any field not named in either
    list goes under "More" too, so none is ever left out)."""
    by_name = {f.name: f for f in fields}
    usual = [by_name.pop(name) for name in USUAL_CONTACT_FIELDS if name in by_name]
    rest = [by_name.pop(name) for name in MORE_CONTACT_FIELDS if name in by_name]
    rest += by_name.values()
    for f in rest:
        f.more = True
    return usual + rest


def contact_from_values(values: dict[str, Any], base: Contact | None = None) -> Contact:
    changes = {
        "name": " ".join(values["name"].split()),
        "company": values.get("company") or "",
        "role": values.get("role") or "",
        "location": values.get("location") or "",
        "emails": values.get("emails") or (),
        "phones": values.get("phones") or (),
        "links": values.get("links") or {},
        "tags": values.get("tags") or (),
        "how_met": values.get("how_met") or "",
        "met_on": values.get("met_on"),
        "met_at": values.get("met_at"),
        "introduced_by": values.get("introduced_by"),
        "stage": values.get("stage") or "identified",
        "cadence_days": values.get("cadence_days"),
        "personal": values.get("personal") or "",
        "notes": values.get("notes") or "",
    }
    if base is None:
        return Contact(**changes)
    return moved(base, base.replace(**changes, updated=now_iso()))


# -- interaction ------------------------------------------------------------------------


def log_form(store: Store, contact: Contact, interaction: Interaction | None = None, *,
             kind: str = "coffee") -> FormDialog:
    """The log form; given an interaction, the same form filled in to edit it. `kind`: the
    kind a new one starts as."""
    it = interaction or Interaction(kind=kind)
    others = [c.name for c in (store.get(Contact, cid) for cid in it.contacts)
              if c and c.id != contact.id]
    fields = [
        FormField("date", "Date", value=it.date if interaction else "today", parse=iso,
                  required=True, help=DATE_HELP),
        FormField(
            "kind",
            "Kind",
            kind="select",
            value=it.kind,
            required=True,
            options=_kind_options(INTERACTION_KINDS),
        ),
        FormField(
            "others",
            "Also with",
            value=", ".join(others),
            parse=names_parser(store),
            suggester=ContactSuggester(store, exclude={contact.id}),
            help="other contacts who were there: part of a name, commas between",
        ),
        FormField("summary", "Summary", value=it.summary,
                  placeholder="one line: what it was about"),
        FormField("notes", "Notes", kind="multiline", value=it.notes),
        FormField("outreach", "I reached out (outreach)", kind="checkbox", value=it.outreach),
        FormField("replied", "They replied", kind="checkbox", value=it.replied),
        FormField("event", "At event", kind="select", value=it.event,
                  options=event_options(store)),
    ]
    if interaction is not None:
        return FormDialog(f"Edit the {it.kind.replace('_', ' ')} of {it.date}", fields)
    return FormDialog(f"Log an interaction with {contact.name}", fields, save_label="Log")


def interaction_changes(values: dict[str, Any], contact: Contact,
                        before: Interaction) -> dict[str, Any]:
    """The fields the edit form changed (the people compared as a set, not in order)."""
    after = interaction_from_values(values, contact)
    changes = {name: getattr(after, name)
               for name in ("date", "kind", "summary", "notes", "outreach", "replied", "event")
               if getattr(after, name) != getattr(before, name)}
    if set(after.contacts) != set(before.contacts):
        changes["contacts"] = after.contacts
    return changes


def person_form(introducer: Contact, question: str, answer: str) -> FormDialog:
    """A new contact named in an answer, introduced by the one who gave it."""
    found = names_in(answer)
    how = f"Introduced by {introducer.name} (answer to: {question})"
    fields = [
        FormField("name", "Name", value=found[0] if found else "", required=True,
                  suggestions=found, help="picked from the answer: " + (", ".join(found)
                                                                        or "none found; type it")),
        FormField("company", "Company"),
        FormField("role", "Role"),
        FormField("how_met", "How we met", value=how[:300]),
    ]
    return FormDialog(f"A contact {introducer.name} named", fields, save_label="Add")


def person_from_values(values: dict[str, Any], introducer: Contact) -> Contact:
    return Contact(
        name=" ".join(values["name"].split()),
        company=values.get("company") or "",
        role=values.get("role") or "",
        how_met=values.get("how_met") or "",
        introduced_by=introducer.id,
        cadence_days=default_cadence_days(),
    )


def interaction_from_values(values: dict[str, Any], contact: Contact) -> Interaction:
    people = (contact.id, *(cid for cid in values.get("others") or () if cid != contact.id))
    return Interaction(
        date=values["date"],
        kind=values["kind"],
        contacts=people,
        summary=values.get("summary") or "",
        notes=values.get("notes") or "",
        outreach=bool(values.get("outreach")),
        replied=bool(values.get("replied")),
        event=values.get("event"),
    )


# -- follow-up --------------------------------------------------------------------------


def follow_up_form(contact: Contact) -> FormDialog:
    fields = [
        FormField(
            "when",
            "Follow up on",
            value=contact.next_follow_up or "",
            parse=lambda s: parse_date(s),
            help="tomorrow, next friday, in 2 weeks, +3d, 2026-12-01; empty: back to the cadence",
        ),
    ]

    def validate(values: dict[str, Any]) -> dict[str, str]:
        when = values.get("when")
        if when is not None and when < today():
            return {"when": f"{when} is in the past; choose today or later"}
        return {}

    return FormDialog(f"Follow up with {contact.name}", fields, validate=validate)


# -- referral requests ------------------------------------------------------------------


def referral_form(contact: Contact, referral: Referral | None = None) -> FormDialog:
    r = referral or Referral(contact=contact.id, company=contact.company)
    fields = [
        FormField("company", "Company", value=r.company, required=True),
        FormField("role", "Role", value=r.role),
        FormField("url", "Job link", value=r.url),
        FormField(
            "status",
            "Status",
            kind="select",
            value=r.status,
            required=True,
            options=_kind_options(REFERRAL_STATUSES),
        ),
        FormField("asked_on", "Asked on", value=r.asked_on or "", parse=iso, help=DATE_HELP),
        FormField("thanked", "I thanked them", kind="checkbox", value=r.thanked),
    ]
    title = "Edit referral request" if referral else f"Ask {contact.name} for a referral"
    return FormDialog(title, fields)


def referral_from_values(
    values: dict[str, Any], contact: Contact, base: Referral | None = None
) -> Referral:
    changes = {
        "company": values["company"],
        "role": values.get("role") or "",
        "url": values.get("url") or "",
        "status": values["status"],
        "asked_on": values.get("asked_on"),
        "thanked": bool(values.get("thanked")),
        "updated": now_iso(),
    }
    if changes["status"] != "to_ask" and not changes["asked_on"]:
        changes["asked_on"] = today().isoformat()
    if base is None:
        return Referral(contact=contact.id, **changes)
    return base.replace(**changes)
