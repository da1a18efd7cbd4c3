"""Target companies, opened from Contacts with `c` (or the palette): dream companies first,
with the people known there and how warm, open referral requests, the last interaction
with anyone there and postings; the detail says who could refer you."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.widgets import DataTable, Static

from ..dialogs.company_form import company_form, company_from_values
from ..dialogs.form import ConfirmDialog
from ..domain import companies as domain
from ..store.records import Company, Contact
from ..widgets.literal import literal
from .base import SectionScreen

if TYPE_CHECKING:
    from ..app import NetplanApp

COLUMNS = (("Priority", 8), ("Company", 18), ("People", 6), ("Warmest", 10), ("Refs", 4),
           ("Last talk", 10), ("Posts", 5))


class CompaniesScreen(SectionScreen):
    SECTION_TITLE = "Companies"
    BINDINGS = [
        Binding("escape", "back", "Back", id="companies.back"),
        Binding("n", "new", "New", id="companies.new"),
        Binding("e", "edit", "Edit", id="companies.edit"),
        Binding("d", "delete", "Delete", id="companies.delete"),
    ]
    DEFAULT_CSS = """
    CompaniesScreen #companies-table { height: 1fr; min-height: 5; }
    CompaniesScreen #companies-detail {
        height: 10; padding: 0 1; border-top: hkey $primary;
    }
    """

    def __init__(self, company_name: str = "") -> None:
        """`company_name`: a contact's company, shown (or offered to `n`) on opening."""
        super().__init__()
        self.company_name = company_name
        self.rows: list[domain.CompanyRow] = []

    def compose_body(self) -> ComposeResult:
        with Vertical():
            yield DataTable(id="companies-table", cursor_type="row")
            with VerticalScroll(id="companies-detail"):
                yield Static("", id="companies-info")

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, width in COLUMNS:
            table.add_column(label, width=width)
        super().on_mount()
        if self.company_name:
            found = domain.CompanyIndex(r.company for r in self.rows).match(self.company_name)
            if found is not None:
                self._move_to(found.id)
            else:
                self.notify(f"{self.company_name} has no company record yet: n adds it.",
                            timeout=5)
        table.focus()

    def refresh_data(self) -> None:
        table = self.query_one(DataTable)
        keep = self._current_id()
        table.clear()
        self.rows = domain.overview_of(self.store)
        for r in self.rows:
            c = r.company
            table.add_row(
                Text(c.priority), literal(c.name), Text(str(len(r.people)) if r.people else ""),
                Text(r.warmest or ""), Text(str(len(r.open_referrals)) if r.open_referrals else ""),
                Text(r.last_interaction.isoformat() if r.last_interaction else ""),
                Text(str(len(c.postings)) if c.postings else ""),
                key=c.id,
            )
        if keep:
            self._move_to(keep)
        self._show(self._current_id())

    def _move_to(self, company_id: str) -> None:
        ids = [r.company.id for r in self.rows]
        if company_id in ids:
            self.query_one(DataTable).move_cursor(row=ids.index(company_id), animate=False)
            self._show(company_id)

    def _current_id(self) -> str | None:
        table = self.query_one(DataTable)
        if table.row_count == 0:
            return None
        return table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value

    def _row(self, company_id: str | None) -> domain.CompanyRow | None:
        return next((r for r in self.rows if r.company.id == company_id), None)

    def _show(self, company_id: str | None) -> None:
        box = self.query_one("#companies-info", Static)
        row = self._row(company_id)
        if row is None:
            box.update(Text("No target companies yet. n adds one (a contact's company is "
                            "offered as you type).", style="italic"))
            return
        box.update(detail_text(row, self.store.all(Contact)))

    @on(DataTable.RowHighlighted, "#companies-table")
    def _highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show(event.row_key.value if event.row_key else None)

    @on(DataTable.RowSelected, "#companies-table")
    def _chosen(self) -> None:
        """Enter on a company opens it to edit, as `e` does (it did nothing visible)."""
        self.action_edit()

    def _selected(self) -> Company | None:
        company_id = self._current_id()
        company = self.store.get(Company, company_id) if company_id else None
        if company is None:
            self.notify("No company selected; n adds one.", timeout=3)
        return company

    def _save(self, values: dict[str, Any] | None, base: Company | None) -> None:
        if values is None:
            return
        company = company_from_values(values, base)
        if self.save_record(company, editing=base is not None, shown=base,
                            success="Company saved" if base else f"Added {company.name}"):
            self.refresh_data()
            self._move_to(company.id)

    def action_new(self) -> None:
        companies = self.store.all(Company)
        contacts = self.store.all(Contact)
        suggestions = domain.unrecorded(companies, contacts)
        name = self.company_name if self.company_name in suggestions else ""
        self.app.push_screen(company_form(companies, name=name, suggestions=suggestions),
                             lambda v: self._save(v, None))

    def action_edit(self) -> None:
        company = self._selected()
        if company is not None:
            self.app.push_screen(company_form(self.store.all(Company), company),
                                 lambda v: self._save(v, company))

    def action_delete(self) -> None:
        company = self._selected()
        if company is None:
            return

        def done(yes: bool | None) -> None:
            if yes:
                self.save_guarded(partial(self.store.delete, Company, company.id),
                                  f"Deleted {company.name}")

        self.app.push_screen(ConfirmDialog(
            f"Delete the company {company.name}?",
            "The people there keep their company name; only this record goes."), done)

    def action_back(self) -> None:
        self.app.pop_screen()


def _names(people: Iterable[Contact], *, stage: bool = False) -> str:
    """Names, each with the role (two Jordan Smiths at one company are told apart) and,
    asked for, the stage."""
    out = []
    for p in people:
        about = [x for x in (p.role, p.stage if stage else "") if x]
        out.append(p.name + (f" ({', '.join(about)})" if about else ""))
    return "; ".join(out)


def detail_text(row: domain.CompanyRow, contacts: list[Contact]) -> Text:
    c = row.company
    names = {p.id: p.name for p in contacts}
    t = Text()
    t.append_text(literal(c.name, style="bold"))
    t.append(f" · {c.priority} · {c.status.replace('_', ' ')}")
    if c.aliases:
        t.append(" · also ")
        t.append_text(literal(", ".join(c.aliases)))
    lines: list[tuple[str, str]] = [
        ("People", _names(row.people, stage=True) or "nobody known there yet"),
        ("Who could refer me", _names(row.could_refer)
         or "nobody yet: someone you have had a conversation with (stage talked or ally)"),
    ]
    if row.former:
        lines.append(("Worked there before", _names(row.former)))
    if row.open_referrals:
        lines.append(("Open referral requests", "; ".join(
            f"{names.get(r.contact or '', 'someone')}: {r.role or 'a role'} ({r.status})"
            for r in row.open_referrals)))
    for label, value in (("Why", c.why), ("Website", c.website)):
        if value:
            lines.append((label, value))
    lines += [("Posting", domain.describe_posting(p)) for p in c.postings]
    if c.notes:
        lines.append(("Notes", c.notes))
    for label, value in lines:
        t.append(f"\n{label}: ", style="bold")
        t.append_text(literal(value, multiline=label in ("Why", "Notes")))
    return t


# -- command palette ------------------------------------------------------------------


def open_companies(app: NetplanApp, company_name: str = "") -> None:
    if isinstance(app.screen, CompaniesScreen):
        return
    if app.current_mode != "contacts":
        app.action_switch_section("contacts")
    app.push_screen(CompaniesScreen(company_name))


def palette_commands(app: NetplanApp) -> Iterable[SystemCommand]:
    yield SystemCommand("Companies", "Target companies: people there, referrals, postings",
                        lambda: open_companies(app))
