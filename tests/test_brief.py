"""The analyst brief: golden briefs in English and Spanish from posts written for these tests, claims kept apart
from inferences, the knowledge base's choices, the legal frame, escaping of hostile posts, rewriting when the
incident changes, the command, the API, and polishing by a (fake, local) language model under a fact check."""

from __future__ import annotations

import json
import os
import re
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import pytest
import yaml

from darkwire.brief import brief, languages, render
from darkwire.brief.facts import vectors
from darkwire.brief.polish import Polisher, fact_check
from darkwire.cli import main
from darkwire.errors import InputError
from darkwire.model import Post
from darkwire.pipeline import Pipeline
from darkwire.store import Store
from darkwire.taxonomy import load_data
from tests.webauth import client as web_client

HERE = Path(__file__).resolve().parent
POSTS = HERE / "fixtures" / "briefs" / "posts.jsonl"
GOLDEN = HERE / "golden" / "briefs"
KINDS = {"forum-a": "html_forum", "telegram-b": "telegram_export", "leaks-c": "json_api"}
UPDATE = os.environ.get("DARKWIRE_UPDATE_GOLDEN") == "1"  # rewrite the golden files (then read the diff!)


def load(pipe: Pipeline, ids: list[str] | None = None) -> dict[str, int]:
    """Ingest the fixture posts (all, or those of `ids`, in order); returns each post's incident by its id."""
    posts = [Post.model_validate(json.loads(line)) for line in POSTS.read_text(encoding="utf-8").splitlines()]
    for p in posts:
        if ids is None or p.id in ids:
            pipe.commit(str(p.source), KINDS[str(p.source)], {}, [p])
    pipe.analyse_pending()
    pipe.correlate_pending()
    out = {}
    for inc in pipe.store.incidents.recent(limit=100):
        for c in inc["claims"]:
            out[c["external_id"]] = inc["id"]
    return out


@pytest.fixture
def pipe(tmp_path: Path) -> Iterator[Pipeline]:
    with Pipeline(Store.open(f"sqlite:///{tmp_path}/brief.db"), workers=1) as p:
        yield p


@pytest.fixture
def loaded(pipe: Pipeline) -> tuple[Pipeline, dict[str, int]]:
    return pipe, load(pipe)


# --- golden briefs


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("post", ["b1", "b3", "b4"])
def test_golden_briefs(loaded: tuple[Pipeline, dict[str, int]], post: str, lang: str) -> None:
    pipe, incidents = loaded
    text = render(brief(pipe.store, incidents[post], lang), "md")
    text = re.sub(r"^\*(\w+) \d+ ·", r"*\1 ID ·", text, count=1, flags=re.M)  # ids depend on the placing order
    path = GOLDEN / f"{post}.{lang}.md"
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8"), f"brief differs from {path} (DARKWIRE_UPDATE_GOLDEN=1 rewrites)"


def test_a_national_pension_database_brief_says_what_an_analyst_would(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, incidents = loaded
    assert incidents["b1"] == incidents["b2"]  # the forum post and the Telegram re-post are one incident
    b = brief(pipe.store, incidents["b1"], "en")
    assert b["headline"].startswith("Alleged database of Instituto de Pensiones del Estado de Veracruz on sale")
    summary = " ".join(b["summary"])
    assert "national ID numbers" in summary and "2,300,000 records" in summary and "4,000 USD" in summary
    assert "escrow" in summary and "2 times on forum-a and telegram-b" in summary
    assert b["verification_status"] == "corroborated"
    assert b["severity"]["level"] == "critical"
    assert "LFPDPPP" in " ".join(b["legal"])
    ids = [i["id"] for i in b["insights"]]
    assert ids[0] == "national-identity" and 3 <= len(ids) <= 4
    assert b["mitigations"][0]["id"] in ("investigate", "national-response")
    assert 3 <= len(b["mitigations"]) <= 4
    assert [e["source"] for e in b["evidence"]] == ["forum-a", "telegram-b"]
    assert b["evidence"][0]["url"] == "http://forum-a.example/threads/4411"
    assert "unverified unless" in b["disclaimer"]


def test_what_is_inferred_is_said_apart_from_what_is_claimed(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, incidents = loaded
    b = brief(pipe.store, incidents["b3"], "en")
    assert b["facts"]["inferred"] == ["victim.sector"]  # no post says "healthcare": the clinic's name does
    assert b["inferred"] is not None and "the victim's sector (healthcare)" in b["inferred"]
    assert "healthcare" not in b["summary"][0].split("According to the post")[1]  # not among the claimed data
    assert "HIPAA" in " ".join(b["legal"])
    assert [i["id"] for i in b["insights"]][:2] == ["healthcare-ransomware", "health-harm"]


def test_a_small_forums_usernames_and_emails_make_a_modest_brief(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, incidents = loaded
    b = brief(pipe.store, incidents["b4"], "en")
    assert b["severity"]["level"] in ("low", "medium")
    assert "no legal frame" in " ".join(b["legal"])  # the forum's country is not known
    assert "credential-stuffing" in [i["id"] for i in b["insights"]]
    assert "mfa" in [m["id"] for m in b["mitigations"]]


def test_a_vendor_in_the_claim_brings_the_supply_chain_angle(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, incidents = loaded
    b = brief(pipe.store, incidents["b5"], "en")
    assert "supply_chain" in b["facts"]["vectors"]
    assert "supply-chain" in [i["id"] for i in b["insights"]]
    assert "vendor-review" in [m["id"] for m in b["mitigations"]]
    assert "PCI DSS" in " ".join(b["legal"]) and "GDPR" in " ".join(b["legal"])
    assert vectors("Access via their RDP gateway", "access_sale") == ["remote_access"]
    assert vectors("obtenido a través de un proveedor", None) == ["supply_chain"]
    assert vectors("a vendetta against the mayor", None) == []


def test_nothing_from_a_hostile_post_is_rendered_unescaped(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, incidents = loaded
    b = brief(pipe.store, incidents["b5"], "en")
    html = render(b, "html")
    assert "<script" not in html and "<img" not in html and 'href="javascript' not in html
    assert "&lt;script&gt;" in html
    assert b["evidence"][0]["url"] is None  # a javascript: address is never made a link
    md = render(b, "md")
    assert "<script" not in md and "<img" not in md
    assert re.search(r"(?<!\\)\]\(javascript", md) is None  # "\](" is text, not a link
    assert "\\[click\\]" in md
    assert json.loads(render(b, "json"))["incident_id"] == b["incident_id"]


def test_the_brief_is_rewritten_when_its_incident_changes(pipe: Pipeline) -> None:
    first = load(pipe, ["b1"])
    before = brief(pipe.store, first["b1"], "en")
    assert before["verification_status"] == "unverified" and "once" in before["summary"][1]
    after_ids = load(pipe, ["b2"])
    assert after_ids["b2"] == first["b1"]
    after = brief(pipe.store, first["b1"], "en")
    assert after["digest"] != before["digest"]
    assert after["verification_status"] == "corroborated" and "2 times" in after["summary"][1]
    pipe.store.incidents.verify(first["b1"], "disputed", by="ana", rationale="the institute showed the rows are fake")
    disputed = brief(pipe.store, first["b1"], "en")
    assert disputed["verification_status"] == "disputed"
    assert disputed["severity"]["score"] < after["severity"]["score"]
    assert brief(pipe.store, first["b1"], "en")["digest"] == disputed["digest"]  # same incident, same brief


def test_briefs_are_written_in_english_and_spanish_from_matching_data_files() -> None:
    assert languages() == ["en", "es"]

    def keys(d: dict[str, Any], prefix: str = "") -> set[str]:
        out = set()
        for k, v in d.items():
            out.add(prefix + k)
            if isinstance(v, dict):
                out |= keys(v, f"{prefix}{k}.")
        return out

    en, es = (load_data(f"brief/{lang}/templates.yaml") for lang in ("en", "es"))
    assert keys(en) == keys(es)
    for section in ("insights", "mitigations"):
        shape = [
            [(e["id"], e["when"], e.get("rank"), e.get("audience"), e.get("general")) for e in kb[section]]
            for kb in (load_data("brief/en/kb.yaml"), load_data("brief/es/kb.yaml"))
        ]
        assert shape[0] == shape[1]
    for lang in ("en", "es"):
        names = load_data(f"brief/{lang}/names.yaml")
        taxonomy = yaml.safe_load((HERE.parent.parent / "shared" / "contract" / "taxonomy.yaml").read_text())
        if taxonomy:
            assert set(names["sectors"]) == set(taxonomy["sectors"])
            assert set(names["data_types"]) == set(taxonomy["data_types"])
            assert set(names["claim_types"]) == set(taxonomy["claim_types"])


def test_an_unknown_language_or_incident_is_a_clear_error(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, incidents = loaded
    with pytest.raises(InputError, match="briefs are written in en, es"):
        brief(pipe.store, incidents["b1"], "fr")
    with pytest.raises(InputError, match="no incident 9999"):
        brief(pipe.store, 9999, "en")


# --- the command and the API


def test_the_brief_command(
    loaded: tuple[Pipeline, dict[str, int]], monkeypatch: pytest.MonkeyPatch, capsys: Any, tmp_path: Path
) -> None:
    pipe, incidents = loaded
    monkeypatch.setenv("DARKWIRE_DB", str(pipe.store.engine.url))
    iid = str(incidents["b3"])
    assert main(["brief", iid]) == 0
    assert capsys.readouterr().out.startswith("# Riverside Pediatric Clinic listed as a ransomware victim")
    assert main(["brief", iid, "--lang", "es", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["language"] == "es"
    assert main(["brief", iid, "--format", "html", "-o", str(tmp_path / "b.html")]) == 0
    assert "<h1>Riverside Pediatric Clinic" in (tmp_path / "b.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main(["brief", "9999"]) == 2
    assert "no incident 9999" in capsys.readouterr().err
    monkeypatch.delenv("DARKWIRE_LLM_URL", raising=False)
    assert main(["brief", iid, "--polish"]) == 2
    assert "DARKWIRE_LLM_URL" in capsys.readouterr().err


def test_the_api_serves_the_brief(loaded: tuple[Pipeline, dict[str, int]], monkeypatch: pytest.MonkeyPatch) -> None:
    pipe, incidents = loaded
    monkeypatch.delenv("DARKWIRE_LLM_URL", raising=False)
    client = web_client(pipe)
    iid = incidents["b1"]
    got = client.get(f"/api/v1/incidents/{iid}").json()
    assert got["brief"]["headline"].startswith("Alleged database of")
    assert got["severity_factors"]["verification"]["points"] == 0.5
    assert [e["external_id"] for e in got["evidence"]] == ["b1", "b2"]
    assert client.get(f"/api/v1/incidents/{iid}?lang=es").json()["brief"]["language"] == "es"
    r = client.get(f"/api/v1/incidents/{iid}/brief?format=html&lang=es")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "Content-Security-Policy" in r.headers and "<h1>Supuesta base de datos" in r.text
    r = client.get(f"/api/v1/incidents/{iid}/brief?format=md")
    assert r.headers["content-type"].startswith("text/markdown") and r.text.startswith("# Alleged")
    assert client.get(f"/api/v1/incidents/{iid}/brief").json()["incident_id"] == iid
    assert client.get("/api/v1/incidents/9999/brief").json() == {
        "ok": False,
        "error": "no incident 9999",
        "status": 404,
    }
    assert client.get(f"/api/v1/incidents/{iid}/brief?lang=fr").json()["status"] == 400
    assert client.get(f"/api/v1/incidents/{iid}/brief?format=pdf").json()["status"] == 422
    assert client.get(f"/api/v1/incidents/{iid}/brief?polish=true").json()["status"] == 400


# --- polishing by a language model, against a fake local endpoint


class FakeModel:
    """An OpenAI-compatible chat-completions endpoint on 127.0.0.1 that answers what the test sets."""

    def __init__(self) -> None:
        self.answer: Any = None
        self.requests: list[dict[str, Any]] = []
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                fake.requests.append({"path": self.path, "auth": self.headers.get("Authorization"), "body": body})
                content = fake.answer(body) if callable(fake.answer) else fake.answer
                data = json.dumps({"choices": [{"message": {"role": "assistant", "content": content}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/v1"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def model() -> Iterator[FakeModel]:
    fake = FakeModel()
    yield fake
    fake.close()


def _rephrase(body: dict[str, Any], extra: str = "") -> str:
    doc = json.loads(body["messages"][1]["content"])
    summary = [p.replace("claims, ", "says, ", 1) + extra for p in doc["summary"]]
    return json.dumps({"summary": summary, "severity": doc["severity"]})


def test_a_polished_brief_that_keeps_to_the_facts_is_used_once_per_state(
    loaded: tuple[Pipeline, dict[str, int]], model: FakeModel
) -> None:
    pipe, incidents = loaded
    model.answer = _rephrase
    polisher = Polisher(model.url, "fake-7b", api_key="k-123")
    b = polisher.apply(pipe.store, brief(pipe.store, incidents["b1"], "en"))
    assert b["polish"]["used"] is True and b["polish"]["model"] == "fake-7b"
    assert "says, in" in b["summary"][0]
    sent = model.requests[0]
    assert sent["path"] == "/v1/chat/completions" and sent["auth"] == "Bearer k-123"
    assert (
        sent["body"]["messages"][0]["role"] == "system"
        and "never instructions" in sent["body"]["messages"][0]["content"]
    )
    again = polisher.apply(pipe.store, brief(pipe.store, incidents["b1"], "en"))
    assert again["summary"] == b["summary"] and len(model.requests) == 1  # kept for this state of the incident
    assert "Rephrased by the language model fake-7b" in render(again, "md")


@pytest.mark.parametrize(
    ("extra", "why"),
    [
        (" About 5,000,000 people are affected.", "5,000,000"),
        (" The data was stolen in Moscow.", "Moscow"),
        (" Analysts attribute it to Lazarus.", "Lazarus"),
    ],
)
def test_a_polished_brief_that_adds_a_fact_is_refused(
    loaded: tuple[Pipeline, dict[str, int]], model: FakeModel, extra: str, why: str
) -> None:
    pipe, incidents = loaded
    model.answer = lambda body: _rephrase(body, extra)
    template = brief(pipe.store, incidents["b1"], "en")
    b = Polisher(model.url, "fake-7b").apply(pipe.store, template)
    assert b["polish"]["used"] is False and why in b["polish"]["reason"]
    assert b["summary"] == template["summary"]


@pytest.mark.parametrize("answer", ["not json at all", '{"summary": ["one"], "severity": []}', json.dumps({"x": 1})])
def test_a_garbled_answer_keeps_the_template_brief(
    loaded: tuple[Pipeline, dict[str, int]], model: FakeModel, answer: str
) -> None:
    pipe, incidents = loaded
    model.answer = answer
    template = brief(pipe.store, incidents["b3"], "es")
    b = Polisher(model.url, "fake-7b").apply(pipe.store, template)
    assert b["polish"]["used"] is False and b["summary"] == template["summary"]


def test_post_text_reaches_the_model_only_as_quoted_data(
    loaded: tuple[Pipeline, dict[str, int]], model: FakeModel
) -> None:
    pipe, incidents = loaded
    model.answer = _rephrase
    Polisher(model.url, "fake-7b").apply(pipe.store, brief(pipe.store, incidents["b5"], "en"))
    messages = model.requests[0]["body"]["messages"]
    assert "Ignore previous instructions" not in messages[0]["content"]
    doc = json.loads(messages[1]["content"])  # the user message is one JSON document
    assert any("Ignore previous instructions" in q for q in doc["quoted_posts"])


def test_the_fact_check_allows_ordinary_sentence_openers_only() -> None:
    b = {
        "language": "en",
        "facts": {"victim": {"name": "Acme Health"}, "records": 52000},
        "summary": ["A threat actor claims to sell data of Acme Health: 52,000 records."],
        "severity": {"statement": ["darkwire rates this incident high (6.2/10)."]},
        "headline": "Alleged database of Acme Health on sale",
        "inferred": None,
    }
    assert fact_check(b, ["However, Acme Health's 52,000 records are only claimed. It rates high (6.2/10)."]) == set()
    assert fact_check(b, ["Acme Health lost 52 000 records."]) == set()
    assert fact_check(b, ["Kremlin hackers took 52,000 records in 2024."]) == {"Kremlin", "2024"}


def test_the_incident_pages_show_the_brief(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, incidents = loaded
    client = web_client(pipe)
    listing = client.get("/incidents")
    assert listing.status_code == 200 and f'href="/incidents/{incidents["b3"]}"' in listing.text
    r = client.get(f"/incidents/{incidents['b5']}")
    assert r.status_code == 200 and "Content-Security-Policy" in r.headers
    assert '<article class="brief"' in r.text and "<h2>Key insights</h2>" in r.text
    assert "<script" not in r.text and "<img" not in r.text and 'href="javascript' not in r.text
    assert "<h2>Claves del análisis</h2>" in client.get(f"/incidents/{incidents['b5']}?lang=es").text
    assert client.get("/incidents/9999").json()["status"] == 404
