"""Companies and the merge's fields in the file: YAML/JSON round trip, `check`, migration."""

from __future__ import annotations

import json

from netplan.store.database import open_store
from netplan.store.records import SCHEMA_VERSION, Company, Contact
from netplan.store.validate import check_data
from netplan.transfer.import_plan import apply_import
from netplan.transfer.yamljson import dump_yaml, export_data, parse_text


def seed(store):
    store.save_many([
        Company(id="k1", name="Analytical Engines", aliases=("AE", "Analytical"),
                priority="dream", status="not_now", why="Engines\nand looms",
                postings=({"title": "Dev", "url": "https://ae.test/1", "date": "2026-11-20"},),
                website="https://ae.test", notes="[bold]hi[/]"),
        Contact(id="ada", name="Ada", company="AE", past_companies=("Babbage & Co",),
                other_uids=("card-7", "old-id")),
    ])


def test_yaml_and_json_round_trip_companies(store, tmp_path):
    seed(store)
    first = export_data(store)
    assert [c["name"] for c in first["companies"]] == ["Analytical Engines"]
    for text in (dump_yaml(first), json.dumps(first)):
        other = open_store(tmp_path / f"o{len(text)}" / "s.json")
        apply_import(other, parse_text(text))
        assert export_data(other) == first
        assert other.get(Company, "k1").postings[0]["url"] == "https://ae.test/1"
        assert other.get(Contact, "ada").other_uids == ("card-7", "old-id")


def test_check_passes_a_good_company_and_names_bad_fields(store):
    seed(store)
    assert check_data(store.raw()) == []
    data = store.raw()
    doc = next(iter(data["companies"].values()))
    bad = {**doc, "priority": "someday", "postings": None, "created": "soon"}
    problems = [str(p) for p in check_data({**data, "companies": {"1": bad}})]
    assert any("priority 'someday' is not one of dream, target, maybe" in p for p in problems)
    assert any("postings should be a list" in p for p in problems)
    assert any("created is not a date" in p for p in problems)


def test_hostile_postings_are_read_as_text():
    company = Company.from_dict({"id": "x", "name": "X", "postings": [
        {"title": None, "url": 5, "date": "2026-11-20"}, "junk", {"title": ""}]})
    assert company.postings == ({"title": "", "url": "5", "date": "2026-11-20"},)


def test_a_version_2_store_gains_an_empty_companies_table(store_path):
    store_path.parent.mkdir(parents=True, exist_ok=True)
    store_path.write_text(json.dumps({
        "meta": {"1": {"id": "meta", "schema": 2, "created": "2026-11-01T09:00:00"}},
        "contacts": {"1": {"id": "ada", "name": "Ada", "company": "AE"}},
    }))
    store = open_store(store_path)
    data = json.loads(store_path.read_text())
    assert data["meta"]["1"]["schema"] == SCHEMA_VERSION == 3
    assert data["companies"] == {}
    assert store.get(Contact, "ada").past_companies == ()
    assert store_path.with_name(store_path.name + ".schema2.bak").exists()
