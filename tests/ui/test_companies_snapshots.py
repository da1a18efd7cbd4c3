"""Snapshots at 80×24: the Companies list, its form, the merge dialogs, the review's trends."""

from __future__ import annotations

import pytest

from netplan.store.records import Company, Contact, Goal, Interaction, Referral

from ..conftest import make_app
from .test_companies_screen import STAMP, seed_people, seed_twins

pytestmark = pytest.mark.xdist_group("snapshots")


@pytest.fixture
def companies(store):
    seed_people(store)
    store.save_many([
        Company(id="k1", name="Analytical Engines", aliases=("AE",), priority="dream",
                status="networking", why="They build the engine I want to program",
                postings=({"title": "Backend developer", "url": "https://ae.test/jobs/1",
                           "date": "2026-11-20"},), created=STAMP, updated=STAMP),
        Company(id="k2", name="Initech", priority="target", created=STAMP, updated=STAMP),
        Company(id="k3", name="[red]Markup[/] Corp", priority="maybe", created=STAMP,
                updated=STAMP),
        Interaction(id="i1", kind="coffee", contacts=("ada",), date="2026-11-18"),
        Referral(id="r1", contact="ada", company="Analytical Engines", status="asked",
                 updated=STAMP),
    ])
    return store


def test_companies_list(snap_compare, companies):
    assert snap_compare(make_app(companies), terminal_size=(80, 24), press=["2", "c"])


def test_company_form(snap_compare, companies):
    assert snap_compare(make_app(companies), terminal_size=(80, 24), press=["2", "c", "e"])


def test_merge_dialog(snap_compare, store):
    seed_twins(store)

    async def open_merge(pilot):
        await pilot.press("2")
        await pilot.pause()
        pilot.app.screen.merge_into("ada", "ada2")
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=open_merge)


def test_duplicates_dialog(snap_compare, store):
    seed_twins(store)
    store.save(Contact(id="ada3", name="ada lovelace", company="analytical", created=STAMP,
                       updated=STAMP))
    assert snap_compare(make_app(store), terminal_size=(80, 24), press=["2", "D"])


def test_review_trends(snap_compare, store):
    weeks = ["2026-09-07", "2026-09-14", "2026-09-21", "2026-09-28", "2026-10-05",
             "2026-10-12", "2026-10-19", "2026-10-26", "2026-11-02", "2026-11-09",
             "2026-11-16", "2026-11-23"]
    store.save_many([Contact(id=f"c{n}", name=f"Person {n}", created=f"{day}T09:00:00",
                             updated=STAMP) for n, day in enumerate(weeks)])
    items = []
    for n, day in enumerate(weeks):
        for k in range(n % 4 + 1):
            who = f"c{(n + k) % len(weeks)}"
            items.append(Interaction(id=f"o{n}-{k}", kind="email", contacts=(who,), date=day,
                                     outreach=True, replied=k % 2 == 0))
        if n % 3 == 0:
            items.append(Interaction(id=f"m{n}", kind="coffee", contacts=(f"c{n}",), date=day))
        items.append(Goal(id=f"g{n}", week=f"2026-W{37 + n}", title="Reach out", target=2,
                          metric="outreach"))
    store.save_many(items)

    async def show_trends(pilot):
        await pilot.press("5")
        await pilot.pause()
        screen = pilot.app.screen
        screen.query_one("#review-report").scroll_to_widget(
            screen.query_one("#review-trends"), top=True, animate=False)
        await pilot.pause()

    assert snap_compare(make_app(store), terminal_size=(80, 24), run_before=show_trends)
