"""The company dialog (new and edit), built on the shared FormDialog."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..domain.companies import CompanyIndex, check_name, format_postings, parse_postings
from ..domain.contact_fields import split_list
from ..store.records import COMPANY_PRIORITIES, COMPANY_STATUSES, Company, now_iso
from .form import FormDialog, FormField


def company_form(others: Sequence[Company], company: Company | None = None, *, name: str = "",
                 suggestions: Sequence[str] = ()) -> FormDialog:
    """`name` pre-fills a new company's name (from a contact's company); `suggestions`
    complete it from the companies contacts work at without a record yet. A name or
    alias another company (of `others`) already goes by is refused under its field."""
    c = company or Company(name=name)
    index = CompanyIndex(o for o in others if o.id != c.id)

    def taken(values: dict[str, Any]) -> dict[str, str]:
        errors = {}
        found = index.match(values.get("name") or "")
        if found is not None:
            errors["name"] = f"{found.name} is already a company (by that name or an alias)"
        for alias in split_list(values.get("aliases") or ""):
            found = index.match(alias)
            if found is not None:
                errors["aliases"] = f"{alias} already names {found.name}"
        return errors

    fields = [
        FormField("name", "Name", value=c.name, required=True, parse=check_name,
                  suggestions=suggestions),
        FormField("aliases", "Also known as", value=", ".join(c.aliases),
                  help="other names contacts write it as, commas between"),
        FormField("priority", "Priority", kind="select", value=c.priority, required=True,
                  options=[(p, p) for p in COMPANY_PRIORITIES]),
        FormField("status", "Status", kind="select", value=c.status, required=True,
                  options=[(s.replace("_", " "), s) for s in COMPANY_STATUSES]),
        FormField("website", "Website", value=c.website),
        FormField("why", "Why I want to work there", kind="multiline", value=c.why),
        FormField("postings", "Job postings", kind="multiline",
                  value=format_postings(c.postings), parse=parse_postings,
                  help="one a line: title | link | date"),
        FormField("notes", "Notes", kind="multiline", value=c.notes),
    ]
    return FormDialog("Edit company" if company else "New company", fields, validate=taken)


def company_from_values(values: dict[str, Any], base: Company | None = None) -> Company:
    changes = {
        "name": values["name"],
        "aliases": tuple(split_list(values.get("aliases") or "")),
        "priority": values["priority"],
        "status": values["status"],
        "website": (values.get("website") or "").strip(),
        "why": values.get("why") or "",
        "postings": values.get("postings") or (),
        "notes": values.get("notes") or "",
    }
    if base is None:
        return Company(**changes)
    return base.replace(**changes, updated=now_iso())
