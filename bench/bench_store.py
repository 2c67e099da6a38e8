"""Store-only throughput: `commit_fetch` and `save_analyses` for 10,000 posts, analysis excluded.

    python bench/bench_store.py [--posts 10000] [--seed 1] [--pg URL | --no-pg]

bench/bench_ingest.py measures the whole pipeline, where the analyser dominates; this one isolates the
store, so a slow insert path (row-at-a-time instead of executemany, a missing index, FTS upkeep) shows up on
its own. The posts are the analyser benchmark's generated corpus (bench/bench_analyze.py) and their analyses
are computed before the clock starts. Each run starts from an empty database: SQLite in a temporary folder,
then PostgreSQL in a fresh database on the server of `--pg` (default
postgresql+psycopg://postgres@127.0.0.1/postgres), dropped afterwards. Reported per dialect: posts per
second of one `commit_fetch` with every post, of the same posts again (all duplicates), and of
`save_analyses` in batches of 500 (what the pipeline's writer stores at once).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_analyze import corpus
from bench_ingest import drop_pg, pg_database

from darkwire.analyze import ANALYZER_VERSION, Analyzer
from darkwire.model import Analysis, Post
from darkwire.store import Store

BATCH = 500


def run(url: str, posts: list[Post], analyses: list[Analysis]) -> tuple[float, float, float]:
    """(posts/s of commit_fetch, of the same posts again, analyses/s of save_analyses)."""
    n = len(posts)
    with Store.open(url) as store:
        t0 = time.perf_counter()
        first = store.commit_fetch("bench", "files", {"offset": n}, posts, seen=n)
        t1 = time.perf_counter()
        again = store.commit_fetch("bench", "files", {"offset": n}, posts, seen=n)
        t2 = time.perf_counter()
        assert len(first.new_post_ids) == n, f"expected {n} new posts, got {len(first.new_post_ids)}"
        assert not again.new_post_ids and again.duplicates == n, "the same posts again must add nothing"
        # The pipeline's order: the ids it was given, paired with the analyses of the posts it stored.
        pending = store.pending_analysis(ANALYZER_VERSION, limit=n)
        by_external = {p.id: i for i, p in enumerate(posts)}
        pairs = [(sp.id, analyses[by_external[sp.external_id]]) for sp in pending]
        t3 = time.perf_counter()
        for i in range(0, len(pairs), BATCH):
            store.save_analyses(pairs[i : i + BATCH])
        t4 = time.perf_counter()
        stats = store.stats()
        assert stats["posts"] == n and stats["analyses"] == n, stats
        assert not store.pending_analysis(ANALYZER_VERSION, limit=1), "every post must be analysed"
    return n / (t1 - t0), n / max(t2 - t1, 1e-9), len(pairs) / max(t4 - t3, 1e-9)


def report(name: str, rates: tuple[float, float, float]) -> None:
    commit, again, save = rates
    print(
        f"{name:<11} commit_fetch {commit:,.0f} posts/s, the same posts again {again:,.0f} posts/s, "
        f"save_analyses {save:,.0f} analyses/s"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1/postgres", help="PostgreSQL server URL")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    args = ap.parse_args()
    posts = corpus(args.posts, args.seed)
    analyzer = Analyzer()
    t = time.perf_counter()
    analyses = [analyzer.analyze_safely(p) for p in posts]
    print(f"input: {len(posts)} posts, analysed in {time.perf_counter() - t:.1f} s before the clock starts")
    with tempfile.TemporaryDirectory() as tmp:
        report("SQLite:", run(f"sqlite:///{tmp}/darkwire.db", posts, analyses))
    pg = None if args.no_pg else pg_database(args.pg)
    if pg is not None:
        try:
            report("PostgreSQL:", run(pg[0], posts, analyses))
        finally:
            drop_pg(args.pg, pg[1])
    return 0


if __name__ == "__main__":
    sys.exit(main())
