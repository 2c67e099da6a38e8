"""The API of issue 3: health, stats, sources, the push endpoint, and one error shape for every failure."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from darkwire.model import Post
from darkwire.pipeline import Pipeline
from darkwire.store import Store
from darkwire.web.app import MAX_BODY
from tests.webauth import client as web_client


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, Pipeline]]:
    with Store.open(f"sqlite:///{tmp_path}/w.db") as store:
        pipe = Pipeline(store)
        yield web_client(pipe), pipe


def _is_error(body: dict[str, object], status: int) -> bool:
    return body == {"ok": False, "error": body.get("error"), "status": status} and bool(body["error"])


def test_healthz(client: tuple[TestClient, Pipeline]) -> None:
    r = client[0].get("/healthz")
    assert r.status_code == 200 and r.json()["ok"] is True


def test_push_one_or_many_then_stats(client: tuple[TestClient, Pipeline]) -> None:
    http, pipe = client
    one = {"id": "p1", "text": "Selling 20k rows of Alder Valley Schools (Oregon): student names, grades."}
    r = http.post("/api/v1/posts", json=one)
    assert r.status_code == 201 and r.json()["received"] == 1 and len(r.json()["new_post_ids"]) == 1
    r = http.post("/api/v1/posts", json=[one, {"text": "Another claim about Pinecrest Bank, 3k cards."}])
    assert r.json()["duplicates"] == 1 and len(r.json()["new_post_ids"]) == 1
    pipe.analyse_pending()
    stats = http.get("/api/v1/stats").json()
    assert stats["posts"] == 2 and stats["analyses"] == 2 and "push" in stats["sources"]


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"not json", 400),
        (b"[]", 422),
        (b'{"id": "x"}', 422),  # no text nor title
        (b"[1, 2]", 422),
        (b'{"text": "x", "posted_at": "yesterday-ish"}', 422),
    ],
)
def test_bad_pushes_get_the_error_shape(client: tuple[TestClient, Pipeline], body: bytes, status: int) -> None:
    r = client[0].post("/api/v1/posts", content=body, headers={"content-type": "application/json"})
    assert r.status_code == status and _is_error(r.json(), status)


def test_oversized_push_is_refused(client: tuple[TestClient, Pipeline]) -> None:
    r = client[0].post("/api/v1/posts", content=b"x" * (MAX_BODY + 1))
    assert r.status_code == 413 and _is_error(r.json(), 413)


def test_unknown_route_gets_the_error_shape(client: tuple[TestClient, Pipeline]) -> None:
    r = client[0].get("/api/v1/nothing-here")
    assert r.status_code == 404 and _is_error(r.json(), 404)


def test_a_client_cannot_file_dead_letters(client: tuple[TestClient, Pipeline]) -> None:
    http, pipe = client
    http.post("/api/v1/posts", json={"text": "hello there, selling nothing", "parse_error": "fake"})
    assert pipe.store.stats()["dead_letters"] == 0


HOSTILE = (
    "<script>alert(1)</script> Selling DB of <img src=x onerror=alert(2)> Brightwater Clinic "
    '<a href="javascript:alert(3)">here</a> 5k rows, emails'
)


def test_pages_render_claims_as_inert_text(client: tuple[TestClient, Pipeline]) -> None:
    http, pipe = client
    http.post(
        "/api/v1/posts",
        json={"id": "x1", "title": "<b onmouseover=alert(4)>t</b>", "text": HOSTILE, "url": "javascript:alert(5)"},
    )
    pipe.analyse_pending()
    for path in ("/", "/search?q=Brightwater", "/sources", "/search?q=%3Cscript%3Ealert(6)%3C/script%3E"):
        r = http.get(path)
        assert r.status_code == 200, path
        assert "<script>alert" not in r.text and "onerror=alert" not in r.text.replace("onerror=alert(2)&gt;", "")
        assert "<b onmouseover" not in r.text and 'href="javascript:' not in r.text
        assert (
            "script-src" in r.headers["content-security-policy"]
            or "default-src 'self'" in r.headers["content-security-policy"]
        )
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in http.get("/").text
    assert "Brightwater" in http.get("/search?q=Brightwater").text


def test_claims_api_lists_and_searches(client: tuple[TestClient, Pipeline]) -> None:
    http, pipe = client
    http.post(
        "/api/v1/posts",
        json=[
            {"id": "a", "text": "Selling 40k customer records of Fenwick Outdoor Gear (Canada): names, emails, $900."},
            {"id": "b", "text": "Access to the VPN of a German logistics firm, revenue $20M, 1500 USDT."},
        ],
    )
    pipe.analyse_pending()
    rows = http.get("/api/v1/claims").json()["claims"]
    assert {r["external_id"] for r in rows} == {"a", "b"} and all(r["claim_type"] for r in rows)
    found = http.get("/api/v1/claims", params={"q": "Fenwick"}).json()["claims"]
    assert [r["external_id"] for r in found] == ["a"]
    assert http.get("/api/v1/claims", params={"q": "\" AND ( OR '"}).status_code == 200
    assert http.get("/api/v1/claims", params={"limit": 0}).status_code == 422


def test_static_assets_are_served_locally(client: tuple[TestClient, Pipeline]) -> None:
    r = client[0].get("/static/darkwire.css")
    assert r.status_code == 200 and "text/css" in r.headers["content-type"]


def test_dead_letters_api(client: tuple[TestClient, Pipeline]) -> None:
    http, pipe = client
    pipe.commit("files", "files", {}, [Post(text="{broken", parse_error="a.jsonl line 2: not JSON")])
    [letter] = http.get("/api/v1/dead-letters").json()["dead_letters"]
    assert letter["stage"] == "parse" and letter["raw"] == "{broken" and "line 2" in letter["error"]


def test_incidents_api_lists_shows_merges_and_splits(client: tuple[TestClient, Pipeline]) -> None:
    http, pipe = client
    http.post(
        "/api/v1/posts",
        json=[
            {"id": "i1", "text": "Selling 64,000 rows of Kestrel Hill Academy (Leeds): pupils, parents, 800 USD."},
            {"id": "i2", "text": "Access to the VPN of Saltmarsh Freight (Rotterdam), 4k USD."},
        ],
    )
    pipe.analyse_pending()
    pipe.correlate_pending()
    listed = http.get("/api/v1/incidents").json()["incidents"]
    assert len(listed) == 2 and all(inc["claims"][0]["external_id"] in ("i1", "i2") for inc in listed)
    a, b = sorted(inc["id"] for inc in listed)
    assert http.get(f"/api/v1/incidents/{a}").json()["id"] == a
    assert _is_error(http.get("/api/v1/incidents/999").json(), 404)
    merged = http.post(f"/api/v1/incidents/{a}/merge", json={"other": b, "by": "ana", "rationale": "same actor"})
    assert merged.status_code == 200 and len(merged.json()["claims"]) == 2
    assert http.get(f"/api/v1/incidents/{a}").json()["history"][0]["action"] == "merge"
    bad = http.post(f"/api/v1/incidents/{a}/merge", json={"other": a, "by": "ana", "rationale": "x"})
    assert _is_error(bad.json(), 422)
    post = merged.json()["claims"][1]["post_id"]
    split = http.post(f"/api/v1/incidents/{a}/split", json={"post_ids": [post], "by": "bo", "rationale": "no"})
    assert split.status_code == 200 and split.json()["new_incident"]["claims"][0]["post_id"] == post
    assert _is_error(http.post(f"/api/v1/incidents/{a}/split", json={"post_ids": []}).json(), 422)


def test_actors_and_organizations_api(client: tuple[TestClient, Pipeline]) -> None:
    http, pipe = client
    http.post(
        "/api/v1/posts",
        json=[
            {
                "id": "k1",
                "source": "Akira leak site",
                "title": "Tidewater Marine Ltd",
                "text": "Tidewater Marine Ltd, Irish shipyard. 90 GB of contracts and payroll.",
            },
        ],
    )
    pipe.analyse_pending()
    pipe.correlate_pending()
    [actor] = http.get("/api/v1/actors").json()["actors"]
    assert actor["name"] == "Akira" and actor["incidents"] == 1
    shown = http.get(f"/api/v1/actors/{actor['id']}").json()
    assert shown["incidents_list"][0]["victim"] == "Tidewater Marine Ltd"
    [org] = http.get("/api/v1/organizations").json()["organizations"]
    assert org["name"] == "Tidewater Marine Ltd" and http.get(f"/api/v1/organizations/{org['id']}").status_code == 200
    assert _is_error(http.get("/api/v1/actors/999").json(), 404)


def test_verification_api(client: tuple[TestClient, Pipeline]) -> None:
    http, pipe = client
    http.post("/api/v1/posts", json={"id": "w1", "text": "Selling 8k rows of Fernhill Pharmacy (Dublin), 90 USD."})
    pipe.analyse_pending()
    pipe.correlate_pending()
    [inc] = http.get("/api/v1/incidents").json()["incidents"]
    r = http.post(
        f"/api/v1/incidents/{inc['id']}/verification",
        json={"status": "disputed", "by": "ana", "rationale": "the sample rows are from a 2019 leak"},
    )
    assert r.status_code == 200 and r.json()["verification"] == "disputed"
    bad = http.post(
        f"/api/v1/incidents/{inc['id']}/verification", json={"status": "maybe", "by": "a", "rationale": "x"}
    )
    assert _is_error(bad.json(), 422)
