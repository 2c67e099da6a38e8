"""The pipeline on a real store: ingest of every file kind, idempotency, dead letters, failure isolation
and retry, and the summary line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from darkwire.analyze import Analyzer
from darkwire.model import Analysis, Post
from darkwire.pipeline import Pipeline
from darkwire.store import Store

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer()


@pytest.fixture
def pipe(tmp_path: Path, analyzer: Analyzer) -> Pipeline:
    store = Store.open(f"sqlite:///{tmp_path}/darkwire.db")
    yield Pipeline(store, analyzer=analyzer)
    store.close()


@pytest.fixture
def inbox(tmp_path: Path) -> Path:
    folder = tmp_path / "inbox"
    shutil.copytree(FIXTURES, folder)
    return folder


def test_ingest_folder_stores_analyses_and_reports_bad_lines(pipe: Pipeline, inbox: Path) -> None:
    summary = pipe.ingest_paths([inbox])
    stats = pipe.store.stats()
    assert summary.new == 7 and stats["posts"] == 7  # 4 good JSON lines, 2 CSV rows, 1 text file
    assert summary.dead_letters == 1 and stats["dead_letters"] == 1  # the line that is not JSON
    assert stats["analyses"] == 7 and summary.analysed == 7
    letter = pipe.store.dead_letters()[0]
    assert letter.stage == "parse" and "not JSON" in letter.raw
    assert "line 4" in letter.error


def test_ingest_is_idempotent(pipe: Pipeline, inbox: Path) -> None:
    pipe.ingest_paths([inbox])
    again = pipe.ingest_paths([inbox])
    assert again.new == 0 and again.analysed == 0
    assert pipe.store.stats()["posts"] == 7


def test_a_new_file_in_the_folder_is_picked_up(pipe: Pipeline, inbox: Path) -> None:
    pipe.ingest_paths([inbox])
    (inbox / "late.txt").write_text("Selling 40k rows of Farmacia Lusitana (Portugal) clients, 300 EUR.", "utf-8")
    again = pipe.ingest_paths([inbox])
    assert again.new == 1 and pipe.store.stats()["posts"] == 8


def test_external_ids_and_provenance_are_kept(pipe: Pipeline, inbox: Path) -> None:
    pipe.ingest_paths([inbox / "claims.jsonl"])
    hits = pipe.store.search("Oaxaca")
    assert hits
    stored = pipe.store.get_post(hits[0].post_id)
    assert stored is not None and stored.post.id == "f-1" and stored.post.author == "Sn0wCrab"
    analysis = pipe.store.get_analysis(stored.id)
    assert analysis is not None and analysis.victim is not None and analysis.victim.country == "MX"


class _Flaky(Analyzer):
    """An analyser that fails on posts mentioning 'Ferrara' until it is fixed."""

    broken = True

    def analyze(self, post: Post) -> Analysis:
        if self.broken and "Ferrara" in (post.text or ""):
            raise RuntimeError("boom")
        return super().analyze(post)


def test_a_failing_post_is_kept_then_retried(tmp_path: Path, inbox: Path) -> None:
    flaky = _Flaky()
    with Store.open(f"sqlite:///{tmp_path}/f.db") as store:
        pipe = Pipeline(store, analyzer=flaky)
        summary = pipe.ingest_paths([inbox])
        assert summary.failed == 1 and summary.analysed == 6
        stats = store.stats()
        assert stats["posts"] == 7 and stats["dead_letters"] == 2  # the bad line and the failed analysis
        assert any(d.stage == "analyze" and "boom" in d.error for d in store.dead_letters())
        flaky.broken = False
        retried = pipe.retry()
        assert retried.analysed == 1 and retried.failed == 0
        assert store.stats()["analyses"] == 7 and store.stats()["dead_letters"] == 1


def test_push_stores_then_analyses(pipe: Pipeline) -> None:
    ids = pipe.push([Post(id="x1", text="Dumped 12,000 accounts of Rivermoor Credit Union (Ohio).")])
    assert (
        len(ids) == 1
        and pipe.push([Post(id="x1", text="Dumped 12,000 accounts of Rivermoor Credit Union (Ohio).")]) == []
    )
    assert pipe.analyse_pending().analysed == 1


def test_summary_line_names_the_counts(pipe: Pipeline, inbox: Path) -> None:
    line = pipe.ingest_paths([inbox]).line()
    assert "7 new" in line and "1 unreadable" in line and "7 analysed" in line


def test_worker_processes_give_the_same_analyses(tmp_path: Path) -> None:
    posts = [
        Post(id=f"w{i}", text=f"Selling {1000 + i} rows of Harlow{i} Dental (Kent, UK): names, emails. {50 + i} USD")
        for i in range(450)
    ]
    with Store.open(f"sqlite:///{tmp_path}/w.db") as store, Pipeline(store, workers=2) as pipe:
        pipe.commit("s", "files", {}, posts)
        assert pipe.analyse_pending().analysed == 450
        stored = store.get_analysis(store.pending_analysis("none", 1)[0].id)
    assert stored is not None
    expected = Pipeline(store).analyzer.analyze(posts[0])
    assert stored.model_dump(exclude={"id"}) == expected.model_dump(exclude={"id"})
