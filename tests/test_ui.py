"""The web UI rendered on the server: dashboard charts, the filtered incident list, the incident page (brief,
severity factors, verification controls, timeline, source posts with the evidence highlighted), actor and
organisation pages, and a JSON twin for every page. Hostile posts render as inert text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from darkwire.pipeline import Pipeline
from darkwire.store import Store
from tests.test_brief import load
from tests.webauth import client as web_client
from tests.webauth import log_in


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[TestClient, dict[str, int]]]:
    with Pipeline(Store.open(f"sqlite:///{tmp_path}/ui.db"), workers=1) as pipe:
        incidents = load(pipe)
        c = web_client(pipe, role=None)
        csrf = log_in(c, pipe, "analyst")  # a person, through the login form
        c.headers["X-Test-CSRF"] = csrf
        yield c, incidents


def test_the_dashboard_draws_its_charts(site: tuple[TestClient, dict[str, int]]) -> None:
    c, _ = site
    html = c.get("/").text
    for caption in ("Incidents per week", "Severity mix", "By country", "By sector", "Top actors"):
        assert caption in html
    assert html.count("<svg") >= 5 and 'role="img"' in html
    assert re.search(r'aria-label="By country: [^"]*MX 1', html)
    assert 'href="/incidents?country=MX"' in html
    data = c.get("/?format=json").json()
    assert data["dashboard"]["total"] == 4 and dict(data["dashboard"]["severity"])["critical"] == 3
    assert c.get("/api/v1/dashboard").json()["countries"]


def test_the_incident_list_filters(site: tuple[TestClient, dict[str, int]]) -> None:
    c, inc = site
    html = c.get("/incidents?severity=critical&country=US").text
    assert f'href="/incidents/{inc["b3"]}"' in html and f'href="/incidents/{inc["b1"]}"' not in html
    assert "<option selected>critical</option>" in html  # the form keeps what was asked
    assert "ISO 3166" in c.get("/incidents?country=Mexico").text  # a bad filter says why, on the page
    assert [i["id"] for i in c.get("/incidents?q=payroll&format=json").json()["incidents"]] == [inc["b1"]]
    page = c.get("/incidents?limit=2").text
    assert 'rel="next"' in page


def test_the_incident_page(site: tuple[TestClient, dict[str, int]]) -> None:
    c, inc = site
    html = c.get(f"/incidents/{inc['b1']}").text
    assert '<article class="brief"' in html and "Severity factors" in html and "actor record" in html
    assert '<form class="verify" method="post"' in html
    assert '<mark data-field="victim.name"' in html and '<mark data-field="records"' in html
    assert html.count('<article class="post"') == 2 and "Timeline of claims" in html
    twin = c.get(f"/incidents/{inc['b1']}?format=json").json()
    assert twin["brief"]["headline"] and twin["severity_factors"]


def test_the_verification_form_sets_the_status_and_keeps_the_history(site: tuple[TestClient, dict[str, int]]) -> None:
    c, inc = site
    r = c.post(
        f"/incidents/{inc['b4']}/verification",
        content=f"csrf={c.headers['X-Test-CSRF']}&status=disputed&rationale=the+forum+owner+showed+the+table+is+fake",
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"].startswith(f"/incidents/{inc['b4']}")
    page = c.get(f"/incidents/{inc['b4']}").text
    assert "Now: <strong>disputed</strong>" in page and "the forum owner showed the table is fake" in page
    bad = c.post(
        f"/incidents/{inc['b4']}/verification",
        content=f"csrf={c.headers['X-Test-CSRF']}&status=maybe&rationale=x",
        headers={"content-type": "application/x-www-form-urlencoded"},
        follow_redirects=True,
    )
    assert "verification is one of" in bad.text


def test_actor_and_organisation_pages(site: tuple[TestClient, dict[str, int]]) -> None:
    c, inc = site
    actors = c.get("/actors?format=json").json()["actors"]
    blacksuit = next(a for a in actors if a["name"] == "BlackSuit")
    html = c.get(f"/actors/{blacksuit['id']}").text
    assert "<h1>BlackSuit</h1>" in html and f'href="/incidents/{inc["b3"]}"' in html
    orgs = c.get("/organizations?format=json").json()["organizations"]
    clinic = next(o for o in orgs if o["name"] == "Riverside Pediatric Clinic")
    assert f'href="/incidents/{inc["b3"]}"' in c.get(f"/organizations/{clinic['id']}").text
    assert "Riverside Pediatric Clinic" in c.get("/organizations").text
    assert c.get("/actors/9999").json()["status"] == 404


def test_every_page_is_inert_against_a_hostile_post(site: tuple[TestClient, dict[str, int]]) -> None:
    c, inc = site
    for url in ("/", "/incidents", f"/incidents/{inc['b5']}", "/organizations", "/search?q=Sparbank"):
        html = c.get(url).text
        assert "<script" not in html and "<img" not in html
        assert re.search(r"<[^>]*onerror", html) is None  # no tag carries the handler; the text may say it
        assert 'href="javascript' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in c.get(f"/incidents/{inc['b5']}").text


def test_pages_are_made_for_phones_and_keyboards(site: tuple[TestClient, dict[str, int]]) -> None:
    c, _ = site
    html = c.get("/incidents").text
    assert 'name="viewport"' in html and '<nav aria-label="main">' in html and "<main>" in html
    assert all(f"<label>{name}" in html for name in ("Search", "Country", "Sector", "Severity"))


def test_search_and_sources_have_json_twins(site: tuple[TestClient, dict[str, int]]) -> None:
    c, _ = site
    found = c.get("/search?q=payroll&format=json").json()
    assert found["q"] == "payroll" and len(found["claims"]) == 1
    assert set(c.get("/sources", headers={"accept": "application/json"}).json()["sources"]) == {
        "forum-a",
        "telegram-b",
        "leaks-c",
    }


def test_the_api_reference_is_served_by_darkwire_itself(site: tuple[TestClient, dict[str, int]]) -> None:
    c, _ = site
    html = c.get("/api/docs").text
    assert "GET /api/v1/incidents" in html and "<code>cursor</code>" in html
    assert "cdn" not in html.lower() and "<script" not in html
    for url in ("/", "/incidents", "/api/docs"):
        html = c.get(url).text  # nothing is loaded from another origin (links to posts are only links)
        assert not re.search(r'src="(?:https?:)?//', html) and not re.search(r'<link[^>]+href="(?:https?:)?//', html)
