"""The read-only TAXII 2.1 server: discovery, API root, collections, objects with added_after and paging, the
manifest, one object by id; errors in TAXII's shape."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import stix2
from fastapi.testclient import TestClient

from darkwire.pipeline import Pipeline
from darkwire.store import Store
from darkwire.web.taxii import COLLECTION, TAXII
from tests.test_brief import load
from tests.webauth import client as web_client

ROOT = "/taxii2/darkwire/"
ACCEPT = {"Accept": TAXII}


@pytest.fixture
def client(tmp_path: Path) -> Iterator[tuple[TestClient, Pipeline]]:
    with Pipeline(Store.open(f"sqlite:///{tmp_path}/taxii.db"), workers=1) as pipe:
        load(pipe)
        yield web_client(pipe), pipe


def test_discovery_root_and_collections(client: tuple[TestClient, Pipeline]) -> None:
    c, _ = client
    r = c.get("/taxii2/", headers=ACCEPT)
    assert r.status_code == 200 and r.headers["content-type"] == TAXII
    assert r.json()["default"].endswith(ROOT)
    assert r.json()["api_roots"] == [r.json()["default"]]
    root = c.get(ROOT, headers=ACCEPT).json()
    assert root["versions"] == [TAXII]
    cols = c.get(ROOT + "collections/", headers=ACCEPT).json()["collections"]
    assert [col["id"] for col in cols] == [COLLECTION] and cols[0]["can_read"] and not cols[0]["can_write"]
    assert c.get(f"{ROOT}collections/{COLLECTION}/", headers=ACCEPT).json()["title"] == "darkwire incidents"
    missing = c.get(f"{ROOT}collections/nope/objects/", headers=ACCEPT)
    assert missing.status_code == 404 and missing.json()["http_status"] == "404" and missing.json()["ok"] is False


def test_objects_page_by_page_and_after_a_date(client: tuple[TestClient, Pipeline]) -> None:
    c, _ = client
    url = f"{ROOT}collections/{COLLECTION}/objects/"
    everything = c.get(url, headers=ACCEPT).json()
    assert everything["more"] is False
    stix2.parse({"type": "bundle", "id": "bundle--" + COLLECTION, "objects": everything["objects"]}, allow_custom=True)
    incidents = [o for o in everything["objects"] if o["type"] == "incident"]
    assert len(incidents) == 4
    seen, token, pages = [], None, 0
    while True:
        r = c.get(url + "?limit=1" + (f"&next={token}" if token else ""), headers=ACCEPT)
        body = r.json()
        pages += 1
        seen += [o["id"] for o in body["objects"] if o["type"] == "incident"]
        assert r.headers["X-TAXII-Date-Added-First"] <= r.headers["X-TAXII-Date-Added-Last"]
        if not body["more"]:
            break
        token = body["next"]
    assert pages == 4 and sorted(seen) == sorted(o["id"] for o in incidents)
    last = c.get(url + "?limit=3", headers=ACCEPT).headers["X-TAXII-Date-Added-Last"]
    after = c.get(url + f"?added_after={last}", headers=ACCEPT).json()
    assert len([o for o in after["objects"] if o["type"] == "incident"]) == 1
    only = c.get(url + "?match[type]=location", headers=ACCEPT).json()["objects"]
    assert only and {o["type"] for o in only} == {"location"}
    assert c.get(url + "?added_after=yesterday", headers=ACCEPT).json()["http_status"] == "400"
    assert c.get(url + "?next=garbage", headers=ACCEPT).status_code == 400


def test_manifest_and_one_object(client: tuple[TestClient, Pipeline]) -> None:
    c, _ = client
    base = f"{ROOT}collections/{COLLECTION}/"
    manifest = c.get(base + "manifest/", headers=ACCEPT).json()["objects"]
    incident_id = next(m["id"] for m in manifest if m["id"].startswith("incident--"))
    assert all(m["media_type"].startswith("application/stix+json") for m in manifest)
    one = c.get(base + f"objects/{incident_id}/", headers=ACCEPT).json()
    assert [o["id"] for o in one["objects"]] == [incident_id]
    assert c.get(base + "objects/incident--00000000-0000-5000-8000-000000000000/", headers=ACCEPT).status_code == 404
