"""Shared fixtures: one Analyzer per test session (its gazetteers take a moment to build)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from darkwire.analyze import Analyzer
from darkwire.model import Analysis, Post

pytest_plugins = ["tests.store_db", "tests.netfixtures"]

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture(scope="session")
def analyze(analyzer: Analyzer) -> Any:
    def run(text: str, title: str | None = None, source: str | None = None) -> Analysis:
        return analyzer.analyze(Post(id="t", text=text, title=title, source=source))

    return run


def fixture_posts() -> list[dict[str, Any]]:
    with (FIXTURES / "posts.jsonl").open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]
