"""The store on SQLite and PostgreSQL: migrations, dedupe, dead letters, atomic fetches, health, analyses,
search and the stats shape."""

from __future__ import annotations

import json
from typing import Any

import pytest
from sqlalchemy import inspect

from darkwire.errors import StoreError
from darkwire.model import Analysis, Post, Severity, Victim
from darkwire.store import Store, content_hash
from darkwire.store.schema import metadata


def _analysis(pid: str | None, version: str = "v1", victim: str = "Brightwater Clinic", **kw: Any) -> Analysis:
    return Analysis(
        id=pid,
        analyzer_version=version,
        claim_type="data_sale",
        language="en",
        victim=Victim(name=victim, country="PT", sector="healthcare"),
        severity=Severity(level="high", score=0.7),
        records=40000,
        **kw,
    )


def test_migrations_create_the_schema_and_upgrade_is_idempotent(store: Store) -> None:
    tables = set(inspect(store.engine).get_table_names())
    assert set(metadata.tables) <= tables
    for name, table in metadata.tables.items():
        columns = {c["name"] for c in inspect(store.engine).get_columns(name)}
        assert {c.name for c in table.columns} <= columns, name
    store.upgrade()
    store.upgrade()
    assert store.stats()["posts"] == 0


def test_a_post_seen_twice_is_stored_once(store: Store) -> None:
    a = Post(id="17", text="Selling DB of Brightwater Clinic")
    r = store.commit_fetch("forum", "files", {}, [a, a, Post(text="no id here"), Post(text="no  ID here ")])
    assert len(r.new_post_ids) == 2 and r.duplicates == 2  # in-batch repeats; the hash ignores case and spacing
    again = store.commit_fetch("forum", "files", {}, [a, Post(text="no id here")])
    assert again.new_post_ids == [] and again.duplicates == 2
    other = store.commit_fetch("telegram", "telegram_export", {}, [a])  # the same claim elsewhere is a claim too
    assert len(other.new_post_ids) == 1
    assert store.stats()["posts"] == 3


def test_posts_keep_their_fields_and_external_id(store: Store) -> None:
    from datetime import UTC, datetime

    when = datetime(2026, 10, 3, 14, 22, tzinfo=UTC)
    post = Post(
        id="m-9",
        text="t",
        title="T",
        url="https://x.example/t/9",
        author="sp1der",
        source="Akira leak site",
        posted_at=when,
    )
    [pid] = store.commit_fetch("feed", "rss", {}, [post]).new_post_ids
    got = store.get_post(pid)
    assert got is not None and got.source == "feed" and got.external_id == "m-9"
    assert got.post.model_dump(exclude={"parse_error"}) == post.model_dump(exclude={"parse_error"})
    assert got.content_hash == content_hash("T", "t")
    assert store.get_post(pid + 100) is None


def test_unreadable_items_are_kept_once(store: Store) -> None:
    bad = Post(text="{not json", parse_error="claims.jsonl line 4: not JSON")
    r = store.commit_fetch("files", "files", {}, [bad, Post(id="1", text="fine")])
    assert r.dead_letters == 1 and len(r.new_post_ids) == 1
    assert store.commit_fetch("files", "files", {}, [bad]).dead_letters == 0
    [letter] = store.dead_letters()
    assert letter.stage == "parse" and letter.raw == "{not json" and "line 4" in letter.error and letter.post_id is None


def test_a_failed_commit_leaves_state_and_posts_untouched(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    store.commit_fetch("s", "files", {"cursor": 1}, [Post(id="1", text="one")])

    def boom(*a: Any, **k: Any) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(store, "_health_after_fetch", boom)
    with pytest.raises(RuntimeError):
        store.commit_fetch("s", "files", {"cursor": 2}, [Post(id="2", text="two")])
    assert store.source_state("s") == {"cursor": 1} and store.stats()["posts"] == 1


def test_health_records_runs_errors_and_the_alarm(store: Store) -> None:
    store.commit_fetch("forum", "html_forum", {}, [Post(id="1", text="a")], seen=12)
    store.record_source_error("forum", "html_forum", "HTTP 503 after 3 tries")
    h = store.stats()["sources"]["forum"]
    assert h["runs"] == 2 and h["errors"] == 1 and "503" in h["last_error"] and h["last_seen"] == 12
    assert not h["alarm"]
    store.commit_fetch("forum", "html_forum", {}, [], seen=0)
    h = store.stats()["sources"]["forum"]
    assert h["alarm"] and "12" in h["alarm_reason"] and h["last_items"] == 0
    store.commit_fetch("forum", "html_forum", {}, [], seen=None)  # cannot tell: the alarm stays
    assert store.stats()["sources"]["forum"]["alarm"]
    store.commit_fetch("forum", "html_forum", {}, [Post(id="2", text="b")], seen=5)
    assert not store.stats()["sources"]["forum"]["alarm"]
    assert store.source_state("nobody") == {}


def test_analysis_flow_errors_retry_and_versions(store: Store) -> None:
    ids = store.commit_fetch("s", "files", {}, [Post(id=str(i), text=f"post {i}") for i in range(3)]).new_post_ids
    assert [p.id for p in store.pending_analysis("v1")] == ids
    store.save_analyses([(ids[0], _analysis("0")), (ids[1], Analysis(id="1", analyzer_version="v1", error="boom"))])
    assert [p.id for p in store.pending_analysis("v1")] == [ids[2]]  # a failed post waits for `retry`
    assert [p.id for p in store.retry_posts()] == [ids[1]]
    store.save_analyses([(ids[1], Analysis(id="1", analyzer_version="v1", error="boom again"))])
    [letter] = store.dead_letters()
    assert letter.attempts == 2 and letter.error == "boom again" and letter.post_id == ids[1]
    store.save_analyses([(ids[1], _analysis("1"))])  # a success resolves the dead letter
    assert store.dead_letters() == [] and len(store.dead_letters(open_only=False)) == 1
    got = store.get_analysis(ids[0])
    assert got is not None and got.victim is not None and got.victim.name == "Brightwater Clinic"
    assert [p.id for p in store.pending_analysis("v2")] == ids  # a newer analyser analyses everything again
    store.save_analyses([(ids[0], _analysis("0", version="v2", victim="Other Name"))])
    store.save_analyses([(ids[0], _analysis("0", version="v2", victim="Again"))])  # saving twice replaces
    assert store.stats()["analyses"] == 3
    v2 = store.get_analysis(ids[0], "v2")
    assert v2 is not None and v2.victim is not None and v2.victim.name == "Again"


def test_bump_and_resolve(store: Store) -> None:
    [pid] = store.commit_fetch("s", "files", {}, [Post(id="1", text="x")]).new_post_ids
    store.save_analyses([(pid, Analysis(id="1", analyzer_version="v1", error="e"))])
    store.bump_attempts([pid])
    assert store.dead_letters()[0].attempts == 2
    store.resolve_dead_letters([pid])
    assert store.dead_letters() == []


@pytest.mark.parametrize(
    "query", ['"', "AND OR (", "' OR 1=1 --", "NEAR(a b)", "*", "title:x", "漢字", "‮evil", "", "   ", "x" * 5000]
)
def test_hostile_search_queries_are_just_words(store: Store, query: str) -> None:
    store.commit_fetch("s", "files", {}, [Post(id="1", text="plain words OR AND NEAR title x 漢字")])
    assert isinstance(store.search(query), list)


def test_search_finds_text_title_victim_and_actor(store: Store) -> None:
    ids = store.commit_fetch(
        "s",
        "files",
        {},
        [
            Post(id="1", title="Fresh dump", text="Selling records of the Oaxaca water authority"),
            Post(id="2", text="Acceso VPN a una empresa de logística en Valparaíso"),
        ],
    ).new_post_ids
    store.save_analyses([(ids[1], _analysis("2", victim="Transportes Quilpué"))])
    hits = store.search("oaxaca")
    assert [h.post_id for h in hits] == [ids[0]] and "[Oaxaca]" in hits[0].snippet
    assert [h.post_id for h in store.search("Fresh")] == [ids[0]]
    assert [h.post_id for h in store.search("Quilpué")] == [ids[1]]
    assert [h.post_id for h in store.search("logística valparaíso")] == [ids[1]]
    assert store.search("oaxaca valparaíso") == []


def test_stats_has_the_shape_of_the_interface(store: Store) -> None:
    store.commit_fetch("demo-files", "files", {}, [Post(id="1", text="x"), Post(text="bad", parse_error="e")])
    stats = json.loads(json.dumps(store.stats()))
    for key in ("posts", "analyses", "incidents", "actors", "organizations", "dead_letters"):
        assert isinstance(stats[key], int)
    s = stats["sources"]["demo-files"]
    assert s["kind"] == "files" and s["posts"] == 1 and s["dead_letters"] == 1 and s["runs"] == 1
    assert {"last_success_at", "last_error", "last_items", "alarm", "alarm_reason", "total_items"} <= set(s)


def test_bad_urls_are_clear_errors(tmp_path: Any) -> None:
    with pytest.raises(StoreError, match="not a database URL"):
        Store.open("not a url")
    with pytest.raises(StoreError, match="SQLite or PostgreSQL"):
        Store.open("mysql://root:hunter2@127.0.0.1/x")
    with pytest.raises(StoreError) as e:
        Store.open("postgresql+psycopg://u:hunter2@127.0.0.1:1/nothing")
    assert "hunter2" not in str(e.value) and "***" in str(e.value)


def test_default_url_comes_from_the_environment(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DARKWIRE_DB", f"sqlite:///{tmp_path}/nested/dir/d.db")
    with Store.open() as s:
        assert s.dialect == "sqlite"
    assert (tmp_path / "nested" / "dir" / "d.db").exists()


def test_characters_no_database_stores_are_replaced_one_for_one(store: Store) -> None:
    post = Post(id="nul\x00id", text="a\x00b \ud800 c", title="t\x00", author="\udfffx")
    [pid] = store.commit_fetch("s", "files", {}, [post, Post(text="raw\x00", parse_error="bad\x00")]).new_post_ids
    got = store.get_post(pid)
    assert got is not None and got.post.text == "a\ufffdb \ufffd c" and got.external_id == "nul\ufffdid"
    assert store.dead_letters()[0].raw == "raw\ufffd"
