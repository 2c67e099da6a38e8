"""The bundled demo corpus: big, varied and multilingual enough to show darkwire working, read through the
real source kinds, with its incidents' ground truth pointing at real claims, and exactly what
tools/build_demo.py writes."""

from __future__ import annotations

import filecmp
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml

from darkwire.analyze.language import detect_language
from darkwire.config import build_source, load_config
from darkwire.model import Post

DEMO = Path(__file__).resolve().parent.parent / "darkwire" / "demo"
ROOT = DEMO.parent.parent


@pytest.fixture(scope="module")
def corpus() -> dict[str, list[Post]]:
    config = load_config(DEMO / "darkwire.yaml")
    out = {}
    for cfg in config.sources:
        _, posts = build_source(cfg, DEMO).fetch({})
        out[cfg.name] = posts
    return out


def test_every_source_kind_delivers_posts(corpus: dict[str, list[Post]]) -> None:
    kinds = {c.name: c.kind for c in load_config(DEMO / "darkwire.yaml").sources}
    assert set(kinds.values()) == {"files", "rss", "telegram_export", "html_forum"}
    for name, posts in corpus.items():
        assert len([p for p in posts if not p.parse_error]) >= 4, name


def test_size_languages_and_genres(corpus: dict[str, list[Post]], analyzer: object) -> None:
    posts = [p for ps in corpus.values() for p in ps if not p.parse_error]
    assert len(posts) >= 90
    languages = Counter(detect_language(p.text) for p in posts)
    assert len([lang for lang, n in languages.items() if n >= 2]) >= 7, languages
    from darkwire.analyze import Analyzer

    assert isinstance(analyzer, Analyzer)
    claims = Counter(analyzer.analyze(p).claim_type for p in posts)
    for kind in ("data_sale", "data_leak", "ransomware", "access_sale", "ddos", "defacement", "combolist"):
        assert claims[kind] >= 2, (kind, claims)


def test_the_malformed_items_are_dead_letters_not_crashes(corpus: dict[str, list[Post]]) -> None:
    bad = [p for ps in corpus.values() for p in ps if p.parse_error]
    assert len(bad) == 2
    assert any("claims-forums.jsonl line" in p.parse_error for p in bad if p.parse_error)
    assert any("leaksite_export.csv line" in p.parse_error for p in bad if p.parse_error)


def test_external_ids_are_unique_per_source(corpus: dict[str, list[Post]]) -> None:
    for name, posts in corpus.items():
        ids = [p.id for p in posts if not p.parse_error]
        assert len(ids) == len(set(ids)) and None not in ids, name


def test_incidents_point_at_real_claims(corpus: dict[str, list[Post]]) -> None:
    truth = yaml.safe_load((DEMO / "incidents.yaml").read_text(encoding="utf-8"))["incidents"]
    have = {(name, p.id) for name, posts in corpus.items() for p in posts if not p.parse_error}
    assert len(truth) >= 14 and sum(1 for i in truth if i.get("recycled")) >= 2
    for incident in truth:
        claims = {(c["source"], c["id"]) for c in incident["claims"]}
        assert len(claims) >= 2 and claims <= have, incident["key"]
        assert len({s for s, _ in claims}) >= 2, incident["key"]


def test_the_corpus_is_what_the_build_script_writes(tmp_path: Path) -> None:
    copy = tmp_path / "repo"
    shutil.copytree(ROOT / "tools", copy / "tools")
    (copy / "darkwire" / "demo").mkdir(parents=True)
    subprocess.run([sys.executable, str(copy / "tools" / "build_demo.py")], check=True)
    built = copy / "darkwire" / "demo"
    for path in built.rglob("*"):
        if path.is_file():
            assert filecmp.cmp(path, DEMO / path.relative_to(built), shallow=False), path
