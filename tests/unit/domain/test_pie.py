"""PIE domain: statements, scoring, weighting, the largest gap, history, evidence, suggestions."""

from __future__ import annotations

import datetime as dt

import pytest

from netplan.domain import pie
from netplan.domain.templates import templates_for_area
from netplan.store.records import AREAS, Assessment, Contact, Event, Interaction
from netplan.widgets.sparkline import bars, sparkline_text

TODAY = dt.date(2026, 11, 23)


def ratings(p: int, i: int, e: int) -> dict[str, int]:
    """Every statement of an area rated the same."""
    value = {"performance": p, "image": i, "exposure": e}
    return {s.id: value[s.area] for s in pie.statements()}


# -- the statements ------------------------------------------------------------------


def test_each_area_has_five_to_seven_statements_with_hints():
    assert [a.key for a in pie.areas()] == list(AREAS)
    for area in pie.areas():
        assert 5 <= len(area.statements) <= 7, area.key
        assert area.about
        for s in area.statements:
            assert s.id.startswith(area.key + "."), s.id
            assert s.text and s.five
            assert len(s.text) <= 58, s.text  # one line in the 80-column form


def test_statement_ids_are_unique():
    ids = [s.id for s in pie.statements()]
    assert len(ids) == len(set(ids))


def test_malformed_statement_files_are_refused():
    one = {"statements": [{"id": "x.a", "text": "A", "five": "B"}]}
    with pytest.raises(pie.PieDataError, match="repeated"):
        pie.parse_areas({"areas": {"performance": {"statements": one["statements"] * 2},
                                   "image": one, "exposure": one}})
    with pytest.raises(pie.PieDataError, match="unknown areas"):
        pie.parse_areas({"areas": {"luck": one}})
    with pytest.raises(pie.PieDataError, match="no statements"):
        pie.parse_areas({"areas": {"performance": {"statements": []}}})
    with pytest.raises(pie.PieDataError):
        pie.parse_areas(["not", "a", "mapping"])


# -- scoring and weighting -------------------------------------------------------------


def test_area_score_maps_mean_rating_to_percent():
    assert pie.area_scores(ratings(1, 3, 5)) == {"performance": 0.0, "image": 50.0,
                                                 "exposure": 100.0}
    mixed = {s.id: r for s, r in zip(pie.areas()[0].statements, [1, 2, 3, 4, 5, 5], strict=True)}
    # mean 20/6 → (20/6 − 1) / 4 × 100 = 58.33…
    assert pie.area_scores(mixed)["performance"] == pytest.approx(58.333, abs=1e-3)


def test_area_score_ignores_bad_and_unknown_ratings():
    perf = pie.areas()[0].statements
    got = pie.area_scores({perf[0].id: 5, perf[1].id: 9, perf[2].id: True, perf[3].id: "4",
                           perf[4].id: 0, "retired.statement": 1})
    assert got == {"performance": 100.0, "image": None, "exposure": None}


def test_weighted_total_uses_10_30_60():
    assert pie.WEIGHTS == {"performance": 10, "image": 30, "exposure": 60}
    assert pie.weighted_total({"performance": 100, "image": 0, "exposure": 50}) == 40
    assert pie.weighted_total({"performance": 0, "image": 100, "exposure": 0}) == 30
    # An area without a score is left out and the others re-weighted.
    assert pie.weighted_total({"performance": 40, "image": None, "exposure": None}) == 40
    assert pie.weighted_total({"performance": None, "image": None, "exposure": None}) is None


def test_gaps_add_up_to_what_the_total_misses():
    scores = {"performance": 75.0, "image": 50.0, "exposure": 25.0}
    gaps = pie.weighted_gaps(scores)
    assert gaps == {"performance": 2.5, "image": 15.0, "exposure": 45.0}
    assert 100 - sum(gaps.values()) == pytest.approx(pie.weighted_total(scores))


@pytest.mark.parametrize(("scores", "expected"), [
    ({"performance": 0, "image": 70, "exposure": 90}, "performance"),  # gaps 10, 9, 6
    ({"performance": 50, "image": 50, "exposure": 80}, "image"),  # 5, 15, 12
    ({"performance": 0, "image": 0, "exposure": 0}, "exposure"),  # 10, 30, 60
    ({"performance": 0, "image": 100, "exposure": 100}, "performance"),
    ({"performance": 100, "image": 50, "exposure": 75}, "exposure"),  # tie 15/15: heavier
    ({"performance": 100, "image": 100, "exposure": 100}, "exposure"),  # all 0: heaviest
    ({"performance": None, "image": 90, "exposure": None}, "image"),
])
def test_largest_weighted_gap(scores, expected):
    assert pie.largest_gap(scores) == expected


def test_no_scores_no_gap():
    assert pie.largest_gap({"performance": None, "image": None, "exposure": None}) is None


def test_percent_rounds_halves_up():
    assert [pie.percent(v) for v in (62.5, 37.5, 0, 99.4, 100)] == [63, 38, 0, 99, 100]
    assert pie.percent(None) is None


def test_missing_names_unrated_statements_in_form_order():
    full = ratings(3, 3, 3)
    first, last = pie.statements()[0], pie.statements()[-1]
    full[first.id] = 0
    del full[last.id]
    assert pie.missing(full) == [first, last]
    assert pie.missing(ratings(1, 2, 3)) == []


def test_lowest_rated_statements_of_an_area():
    r = ratings(3, 3, 4)
    exposure = pie.areas()[2].statements
    r[exposure[3].id] = 1
    r[exposure[1].id] = 2
    low = pie.lowest_rated(r, "exposure")
    assert [(s.id, v) for s, v in low] == [(exposure[3].id, 1), (exposure[1].id, 2)]


# -- history -------------------------------------------------------------------------------


def test_summary_of_no_assessments():
    s = pie.summarize([])
    assert s.count == 0 and s.latest is None and s.total is None and s.gap_area is None
    assert s.history == {"performance": [], "image": [], "exposure": []}


def test_summary_orders_by_date_and_reports_change():
    late = Assessment(date="2026-11-20", ratings=ratings(5, 3, 3))
    early = Assessment(date="2026-10-01", ratings=ratings(1, 2, 3))
    s = pie.summarize([late, early])  # stored out of date order
    assert s.count == 2 and s.latest is late and s.previous is early
    assert s.history["performance"] == [0.0, 100.0]  # oldest → newest
    assert s.history["image"] == [25.0, 50.0]
    assert s.change == {"performance": 100, "image": 25, "exposure": 0}
    assert s.total == pytest.approx(10 + 15 + 30)
    assert s.total_change == 55 - pie.percent(pie.weighted_total({"performance": 0,
                                                                   "image": 25,
                                                                   "exposure": 50}))
    assert s.gap_area == "exposure"


def test_two_assessments_on_one_day_keep_the_order_they_were_taken():
    first = Assessment(date="2026-11-23", ratings=ratings(2, 2, 2))
    second = Assessment(date="2026-11-23", ratings=ratings(4, 4, 4))
    s = pie.summarize([first, second])
    assert s.latest is second and s.change["exposure"] == 50


def test_first_assessment_has_no_change():
    s = pie.summarize([Assessment(date="2026-11-23", ratings=ratings(2, 3, 4))])
    assert s.change == {"performance": None, "image": None, "exposure": None}
    assert s.total_change is None


def test_change_is_between_the_percents_shown():
    # 62.5 % shows as 63 %, 58.33 % as 58 %: the change shown must be -5, not -4.17.
    perf = pie.areas()[0].statements
    a = {s.id: v for s, v in zip(perf, [4, 4, 4, 3, 3, 3], strict=True)}  # 62.5
    b = {s.id: v for s, v in zip(perf, [4, 4, 3, 3, 3, 3], strict=True)}  # 58.33
    s = pie.summarize([Assessment(date="2026-11-01", ratings=a),
                       Assessment(date="2026-11-02", ratings=b)])
    assert s.change["performance"] == 58 - 63


# -- evidence ---------------------------------------------------------------------------------


def test_evidence_counts_the_last_30_days():
    day = TODAY.isoformat()
    edge = (TODAY - dt.timedelta(days=29)).isoformat()  # first day inside
    outside = (TODAY - dt.timedelta(days=30)).isoformat()
    future = (TODAY + dt.timedelta(days=1)).isoformat()
    interactions = [
        Interaction(date=day, kind="coffee"),
        Interaction(date=edge, kind="call", outreach=True, replied=True),
        Interaction(date=day, kind="informational_interview", outreach=True),
        Interaction(date=day, kind="email", outreach=True),
        Interaction(date=day, kind="meetup"),
        Interaction(date=outside, kind="coffee", outreach=True),
        Interaction(date=future, kind="coffee"),
        Interaction(date=day, kind="informational_interview", planned=True, outreach=True),
        Interaction(date="not a date", kind="coffee"),
    ]
    events = [
        Event(name="A", date=day, status="attended"),
        Event(name="B", date=edge, status="attended"),
        Event(name="C", date=day, status="planned"),
        Event(name="D", date=day, status="skipped"),
        Event(name="E", date=outside, status="attended"),
        Event(name="F", date=None, status="attended"),
    ]
    contacts = [
        Contact(name="new", created=f"{day}T09:00:00"),
        Contact(name="edge", created=f"{edge}T23:59:59"),
        Contact(name="old", created=f"{outside}T12:00:00"),
        Contact(name="broken", created="garbage"),
    ]
    ev = pie.evidence(contacts, interactions, events, until=TODAY)
    assert (ev.since, ev.until) == (TODAY - dt.timedelta(days=29), TODAY)
    assert ev.conversations == 3
    assert ev.outreach == 3
    assert ev.replies == 1
    assert ev.events_attended == 2
    assert ev.new_contacts == 2


def test_the_store_evidence_builds_no_interaction_and_counts_the_same(store_path):
    """The PIE screen counts from the stored values (250,000 interactions are not built)."""
    from netplan.store.database import open_store

    day, edge = TODAY.isoformat(), (TODAY - dt.timedelta(days=29)).isoformat()
    store = open_store(store_path)
    store.save_many([
        Interaction(date=day, kind="coffee"),
        Interaction(date=edge, kind="call", outreach=True, replied=True),
        Interaction(date=day, kind="email", outreach=True, planned=True),
        Interaction(date="not a date", kind="coffee"),
        Contact(name="new", created=f"{day}T09:00:00"),
        Contact(name="broken", created="garbage"),
        Event(name="A", date=day, status="attended"),
    ])
    again = open_store(store_path)
    got = pie.store_evidence(again)
    assert got == pie.evidence(again.all(Contact), again.all(Interaction), again.all(Event))
    assert (got.conversations, got.outreach, got.replies, got.new_contacts,
            got.events_attended) == (2, 1, 1, 1, 1)
    fresh = open_store(store_path)
    pie.store_evidence(fresh)
    assert not fresh._cache.holds("interactions") and not fresh._cache.holds("contacts")


def test_evidence_defaults_to_today(store):
    ev = pie.evidence([], [], [])
    assert ev.until == TODAY and ev.conversations == ev.outreach == ev.new_contacts == 0


# -- suggestions -----------------------------------------------------------------------------


@pytest.mark.parametrize("area", AREAS)
def test_two_or_three_suggestions_per_area(area):
    ideas = pie.suggestions(area)
    assert 2 <= len(ideas) <= 3
    assert all(i.area == area for i in ideas)
    assert [i.title for i in ideas] == [t.title for t in templates_for_area(area)][:3]


def test_a_suggestion_becomes_a_todo_goal_for_the_week():
    idea = pie.suggestions("exposure")[0]
    goal = pie.goal_from(idea, "2026-W48")
    assert (goal.week, goal.title, goal.status, goal.progress) == ("2026-W48", idea.title,
                                                                   "todo", 0)
    assert (goal.metric, goal.target, goal.area) == (idea.metric, idea.target, "exposure")
    assert goal.template == "exposure"


# -- the sparkline (plain text, so it reads without colour) ---------------------------------


def test_sparkline_uses_a_fixed_0_to_100_scale():
    assert bars([0, 12.4, 12.5, 50, 87.5, 100], 10) == "▁▁▂▅██"
    assert bars([50, 51], 10) == "▅▅"  # no auto-scaling: a 1-point change stays flat
    assert bars([10, None, 80], 10) == "▁ ▇"
    assert bars([-5, 150], 10) == "▁█"
    assert bars(list(range(0, 100, 10)), 3) == "▆▇█"  # the newest points
    assert bars([1, 2], 0) == ""


def test_sparkline_text_prints_first_and_last_values():
    assert sparkline_text([25, 62.5], 4).plain == "▃▆   25→63"
    assert sparkline_text([40], 3).plain == "▄   40"
    assert sparkline_text([], 3).plain == "    —"


def test_the_evidence_from_the_review_s_kept_figure_counts_what_every_record_counts(
        store_path):
    """Once the review's figure is kept beside the store, the PIE evidence is read from it
    (no interaction or contact table is parsed) and counts what every record counts: the
    window's edges, plans, a thank-you long ago, a date that is no date, the future."""
    from netplan.domain.review import review_figures
    from netplan.store.database import open_store

    def ago(days: int) -> str:
        return (TODAY - dt.timedelta(days=days)).isoformat()

    store = open_store(store_path)
    store.save_many([
        Interaction(date=ago(0), kind="coffee"),
        Interaction(date=ago(29), kind="call", outreach=True, replied=True),
        Interaction(date=ago(30), kind="call", outreach=True, replied=True),
        Interaction(date=ago(3), kind="email", outreach=True, planned=True),
        Interaction(date=ago(400), kind="thanks"),
        Interaction(date=ago(2), kind="thanks", outreach=True),
        Interaction(date=ago(-3), kind="coffee"),
        Interaction(date="not a date", kind="coffee"),
        Contact(name="new", created=f"{ago(1)}T09:00:00"),
        Contact(name="old", created=f"{ago(31)}T09:00:00", met_on=ago(1)),
        Contact(name="broken", created="garbage"),
        Event(name="A", date=ago(0), status="attended"),
    ])
    review_figures(store)
    store.close()
    kept = open_store(store_path)
    got = pie.store_evidence(kept)
    assert not {"interactions", "contacts"} & kept._storage.parsed_tables
    every = open_store(store_path)
    assert got == pie.evidence(every.all(Contact), every.all(Interaction), every.all(Event))
    assert (got.conversations, got.outreach, got.replies, got.new_contacts) == (2, 2, 1, 1)
