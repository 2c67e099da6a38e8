"""Golden analyses of ~30 posts written for these tests (tests/fixtures/posts.jsonl).

Two checks: each post's hand-written `expect` fields must hold (the analyser is right on them), and the full
analyses must equal tests/golden/analyses.jsonl (any change shows in review). After a deliberate change,
rewrite the golden file with `DARKWIRE_UPDATE_GOLDEN=1 pytest tests/test_golden.py` and read its diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from darkwire.analyze import Analyzer
from darkwire.model import Analysis, Post

from .conftest import fixture_posts

GOLDEN = Path(__file__).parent / "golden" / "analyses.jsonl"
POSTS = fixture_posts()


def _value(a: Analysis, field: str) -> Any:
    if field in ("victim_name", "country", "sector"):
        if a.victim is None:
            return None
        v = a.victim
        if field == "victim_name":
            return [n.casefold() for n in [v.name, *v.aliases, v.domain] if n] or None
        return getattr(v, field)
    if field == "actor":
        return [n.casefold() for n in [a.actor.name, *a.actor.aliases]] if a.actor else None
    if field == "price":
        return [a.price.amount, a.price.currency] if a.price and a.price.amount is not None else None
    return getattr(a, field)


@pytest.mark.parametrize("post", POSTS, ids=[p["id"] for p in POSTS])
def test_expected_fields(analyzer: Analyzer, post: dict[str, Any]) -> None:
    a = analyzer.analyze(Post.model_validate(post))
    wrong = {}
    for field, want in post["expect"].items():
        got = _value(a, field)
        if field in ("victim_name", "actor") and want is not None:
            ok = got is not None and want.casefold() in got
        elif field == "price" and want is not None:
            ok = got is not None and got[1] == want[1] and abs(got[0] - want[0]) < 1e-6 * max(1, want[0])
        else:
            ok = got == want
        if not ok:
            wrong[field] = {"want": want, "got": got}
    assert not wrong, wrong


def test_golden_file(analyzer: Analyzer) -> None:
    lines = [analyzer.analyze(Post.model_validate(p)).model_dump_json(exclude={"analyzer_version"}) for p in POSTS]
    if os.environ.get("DARKWIRE_UPDATE_GOLDEN"):
        GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    want = GOLDEN.read_text(encoding="utf-8").splitlines()
    for got, expected in zip(lines, want, strict=True):
        assert json.loads(got) == json.loads(expected)
