"""Exports: STIX 2.1 bundles validated by the stix2 library, MISP events read back by pymisp, JSON Lines and CSV;
the same from `darkwire export` and the API, with the incident list's filters; deterministic ids."""

from __future__ import annotations

import copy
import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import stix2
from pymisp import MISPEvent

from darkwire.cli import main
from darkwire.export import incidents
from darkwire.export.misp import events
from darkwire.export.stix import bundle
from darkwire.export.write import export
from darkwire.pipeline import Pipeline
from darkwire.store import Store
from darkwire.store.incidents import IncidentFilter
from tests.test_brief import load
from tests.webauth import client as web_client


@pytest.fixture
def loaded(tmp_path: Path) -> Iterator[tuple[Pipeline, dict[str, int]]]:
    with Pipeline(Store.open(f"sqlite:///{tmp_path}/export.db"), workers=1) as pipe:
        yield pipe, load(pipe)


def test_a_stix_bundle_is_valid_stix_2_1_with_darkwires_facts(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, inc = loaded
    b = bundle(incidents(pipe.store, IncidentFilter()))
    parsed = stix2.parse(json.dumps(b), allow_custom=True)  # the library's own validation
    assert parsed.type == "bundle"
    by_id = {o["id"]: o for o in b["objects"]}
    kinds = {o["type"] for o in b["objects"]}
    assert kinds >= {
        "identity",
        "incident",
        "report",
        "location",
        "relationship",
        "intrusion-set",
        "marking-definition",
    }
    pension = by_id[
        next(i for i in by_id if i.startswith("incident--") and by_id[i]["x_darkwire_incident_id"] == inc["b1"])
    ]
    assert pension["x_darkwire_records"] == 2_300_000 and pension["x_darkwire_verification"] == "corroborated"
    assert "national_id" in pension["x_darkwire_data_types"]
    assert pension["x_darkwire_price"] == {"amount": 4000.0, "currency": "USD"}
    assert [r.get("external_id") for r in pension["external_references"]][1:] == ["b1", "b2"]
    victims = [o for o in b["objects"] if o["type"] == "identity" and o["identity_class"] == "organization"]
    assert any(v["name"] == "Riverside Pediatric Clinic" and v["sectors"] == ["healthcare"] for v in victims)
    for o in b["objects"]:
        if o["type"] == "relationship":
            assert o["source_ref"] in by_id and o["target_ref"] in by_id
        if o["type"] == "report":
            assert all(ref in by_id for ref in o["object_refs"])
    assert "javascript:" not in json.dumps([o.get("external_references") for o in b["objects"]])
    again = bundle(incidents(pipe.store, IncidentFilter()))
    assert again == b  # deterministic ids and times: exporting twice gives the same bundle


def test_misp_events_read_back_with_their_taxonomies(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, _ = loaded
    out = events(incidents(pipe.store, IncidentFilter(countries={"MX"})))
    assert len(out) == 1
    e = MISPEvent()
    e.load(copy.deepcopy(out[0]))
    tags = {t.name for t in e.tags}
    assert {"tlp:clear", 'dark-web:motivation="marketplace-for-sale"', 'infoleak:certainty="75"'} <= tags
    assert 'dark-web:topic="identification-credentials"' in tags
    assert e.threat_level_id == 1 and e.analysis == 1
    victim = e.get_objects_by_name("victim")[0]
    assert victim.get_attributes_by_relation("name")[0].value.startswith("Instituto de Pensiones")
    assert victim.get_attributes_by_relation("sectors")[0].value == "government national"
    assert victim.get_attributes_by_relation("regions")[0].value == "Mexico"
    links = [a.value for a in e.attributes if a.type == "link"]
    assert links == ["http://forum-a.example/threads/4411", "https://t.me/s/leakmarket_demo/812"]
    assert events(incidents(pipe.store, IncidentFilter(countries={"MX"}))) == out  # same uuids every time


def test_jsonl_and_csv(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, _ = loaded
    lines = "".join(export(pipe.store, "jsonl", IncidentFilter())).splitlines()
    assert len(lines) == 4 and all(json.loads(line)["claims"] for line in lines)
    rows = list(csv.DictReader(io.StringIO("".join(export(pipe.store, "csv", IncidentFilter())))))
    assert len(rows) == 4 and {r["country"] for r in rows} == {"MX", "US", "SE", ""}
    assert all(not r["headline"].startswith(("=", "+", "-", "@")) for r in rows)


def test_a_cell_that_would_be_a_formula_is_quoted() -> None:
    from darkwire.export.flat import _cell

    assert _cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")' and _cell("Acme") == "Acme"


def test_the_export_command(
    loaded: tuple[Pipeline, dict[str, int]], monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: Any
) -> None:
    pipe, _ = loaded
    monkeypatch.setenv("DARKWIRE_DB", str(pipe.store.engine.url))
    out = tmp_path / "bundle.json"
    assert main(["export", "--format", "stix", "--since", "2026-10-10", "-o", str(out)]) == 0
    b = json.loads(out.read_text(encoding="utf-8"))
    ids = {o.get("x_darkwire_incident_id") for o in b["objects"] if o["type"] == "incident"}
    assert len(ids) == 3  # the pension incident was last seen before
    assert main(["export", "--format", "csv", "--country", "US"]) == 0
    assert capsys.readouterr().out.count("\n") == 2
    assert main(["export", "--format", "misp", "--severity", "urgent"]) == 2
    assert "severity is one of" in capsys.readouterr().err


def test_the_export_endpoints(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, _ = loaded
    client = web_client(pipe)
    r = client.get("/api/v1/export/stix?country=US")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/stix+json")
    stix2.parse(r.text, allow_custom=True)
    r = client.get("/api/v1/export/misp?severity=critical")
    assert len(r.json()["response"]) == 3
    assert client.get("/api/v1/export/csv").headers["content-type"].startswith("text/csv")
    assert len(client.get("/api/v1/export/jsonl?limit=2").text.splitlines()) == 2
    assert client.get("/api/v1/export/pdf").json()["status"] == 404
    assert client.get("/api/v1/export/stix?country=Mexico").json()["status"] == 400


def test_feeds_of_briefs_with_filters(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    import feedparser

    pipe, inc = loaded
    client = web_client(pipe)
    r = client.get("/feeds/briefs.atom?country=MX&severity=critical")
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/atom+xml")
    parsed = feedparser.parse(r.content)
    assert not parsed.bozo and len(parsed.entries) == 1
    entry = parsed.entries[0]
    assert entry.title.startswith("Alleged database of Instituto de Pensiones")
    assert entry.link.endswith(f"/incidents/{inc['b1']}")
    assert {t.term for t in entry.tags} >= {"critical", "MX", "government"}
    r = client.get("/feeds/briefs.rss")
    parsed = feedparser.parse(r.content)
    assert not parsed.bozo and len(parsed.entries) == 4
    hostile = next(e for e in parsed.entries if e.link.endswith(f"/incidents/{inc['b5']}"))
    assert "<script" not in r.text and "<img" not in r.text  # escaped inside the XML
    assert "&lt;script&gt;" in hostile.description  # and still escaped in the brief's HTML a reader shows
    assert client.get("/feeds/briefs.json").json()["status"] == 404
    assert client.get("/feeds/briefs.atom?severity=urgent").json()["status"] == 400
