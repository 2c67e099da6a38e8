"""The incident list of the API: the filters of the interface, cursor pagination, and clear errors."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from darkwire.pipeline import Pipeline
from darkwire.store import Store
from tests.test_brief import load
from tests.webauth import client as web_client


@pytest.fixture
def client(store: Store) -> Iterator[tuple[TestClient, dict[str, int]]]:
    with Pipeline(store, workers=1) as pipe:
        incidents = load(pipe)
        yield web_client(pipe), incidents


def ids(client: TestClient, query: str) -> list[int]:
    r = client.get(f"/api/v1/incidents?{query}")
    assert r.status_code == 200, r.text
    return [i["id"] for i in r.json()["incidents"]]


def test_filters_narrow_the_list(client: tuple[TestClient, dict[str, int]]) -> None:
    c, inc = client
    everything = ids(c, "")
    assert len(everything) == 4 and set(everything) == set(inc.values())
    assert ids(c, "country=MX") == [inc["b1"]]
    assert ids(c, "country=mx,us") == [inc["b3"], inc["b1"]]  # most recently active first
    assert ids(c, "sector=healthcare") == [inc["b3"]]
    assert ids(c, "claim_type=ransomware") == [inc["b3"]]
    assert ids(c, "actor=blacksuit") == [inc["b3"]]
    assert ids(c, "verification=corroborated") == [inc["b1"]]
    assert set(ids(c, "severity=critical")) == {inc["b1"], inc["b3"], inc["b5"]}
    assert ids(c, "severity=low,medium") == [inc["b4"]]
    assert ids(c, "since=2026-10-15") == [inc["b5"], inc["b4"]]
    assert ids(c, "until=2026-10-01") == [inc["b1"]]
    assert ids(c, "since=2026-10-02&until=2026-10-12") == [inc["b3"], inc["b1"]]
    assert ids(c, "q=riverside") == [inc["b3"]]  # the victim's name
    assert ids(c, "q=payroll") == [inc["b1"]]  # a word of a post
    assert ids(c, "q=nothing-of-the-sort") == []
    assert ids(c, "q=%25") == [] and ids(c, "q=_") == []  # LIKE's wildcards are plain characters


def test_a_cursor_walks_every_incident_once(client: tuple[TestClient, dict[str, int]]) -> None:
    c, inc = client
    seen: list[int] = []
    cursor = ""
    while True:
        r = c.get(f"/api/v1/incidents?limit=1{'&cursor=' + cursor if cursor else ''}").json()
        seen += [i["id"] for i in r["incidents"]]
        cursor = r["next_cursor"]
        if not cursor:
            break
    assert seen == ids(c, "limit=10") and len(set(seen)) == 4
    page = c.get("/api/v1/incidents?limit=2&country=MX,US,SE").json()
    assert len(page["incidents"]) == 2 and page["next_cursor"]
    rest = c.get(f"/api/v1/incidents?limit=2&country=MX,US,SE&cursor={page['next_cursor']}").json()
    assert [i["id"] for i in rest["incidents"]] == [inc["b1"]] and rest["next_cursor"] is None


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("country=Mexico", "ISO 3166"),
        ("sector=banks", "sector is one of"),
        ("severity=urgent", "severity is one of"),
        ("claim_type=hack", "claim_type is one of"),
        ("since=yesterday", "since is a date"),
        ("since=2026-10-05&until=2026-10-01", "since is after until"),
        ("cursor=bm90IGEgY3Vyc29y", "cursor"),
        ("limit=0", "limit"),
        ("limit=100000", "limit"),
        ("q=" + "x" * 300, "q"),
    ],
)
def test_bad_filters_are_clear_errors(client: tuple[TestClient, dict[str, int]], query: str, message: str) -> None:
    c, _ = client
    r = c.get(f"/api/v1/incidents?{query}")
    body = r.json()
    assert r.status_code in (400, 422) and body["ok"] is False and body["status"] == r.status_code
    assert message in body["error"]


def test_openapi_documents_the_filters(client: tuple[TestClient, dict[str, int]], tmp_path: Path) -> None:
    c, _ = client
    spec = c.get("/api/openapi.json").json()
    names = {p["name"] for p in spec["paths"]["/api/v1/incidents"]["get"]["parameters"]}
    assert names >= {"q", "country", "sector", "actor", "claim_type", "severity", "since", "until", "limit", "cursor"}
