"""Ingest throughput: posts per second from a JSON Lines file into the store, analysis included.

    python bench/bench_ingest.py [--posts 10000] [--seed 1] [--pg URL | --no-pg]

The posts are the analyser benchmark's generated corpus (bench/bench_analyze.py: nine languages, ~100 B to
~3 KB). Each run starts from an empty database: SQLite in a temporary folder, then PostgreSQL in a fresh
database created on the server of `--pg` (default postgresql+psycopg://postgres@127.0.0.1/postgres) and
dropped afterwards. The analyser is built before the clock starts. Reported: wall-clock posts per second of
`darkwire ingest` (read, redact, store, analyse in `--workers` processes, store the analyses), then of the
same posts again from a copy of the file (idempotent: all read, nothing new), and the peak memory.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_analyze import corpus

from darkwire.analyze import Analyzer
from darkwire.pipeline import Pipeline, default_workers
from darkwire.store import Store


def write_corpus(path: Path, n: int, seed: int) -> None:
    with path.open("w", encoding="utf-8") as f:
        for i, post in enumerate(corpus(n, seed)):
            row = post.model_dump(mode="json", exclude_none=True)
            row["posted_at"] = f"2026-{1 + i % 11:02d}-{1 + i % 27:02d}T{i % 24:02d}:00:00Z"
            row["url"] = f"http://forum.example.onion/t/{i}"
            f.write(json.dumps(row, ensure_ascii=False) + "\n")


def run(url: str, data: Path, analyzer: Analyzer, workers: int) -> dict[str, float]:
    """Posts per second of ingest + analysis, claims per second of the correlation into incidents, posts per
    second of the three together, and of a copy of the same file again; with the counts stored."""
    copy = data.with_name("copy-of-" + data.name)  # another file: read whole again, every post a duplicate
    shutil.copyfile(data, copy)
    with Store.open(url) as store, Pipeline(store, analyzer=analyzer, workers=workers) as pipe:
        t0 = time.perf_counter()
        first = pipe.ingest_paths([data], correlate=False)
        t1 = time.perf_counter()
        placed = pipe.correlate_pending()
        t2 = time.perf_counter()
        again = pipe.ingest_paths([copy])
        t3 = time.perf_counter()
        stats = store.stats()
    copy.unlink()
    n = first.fetched
    assert again.new == 0 and again.duplicates == n, "the same posts again must add nothing"
    return {
        "ingest": n / (t1 - t0),
        "correlate": n / (t2 - t1),
        "all": n / (t2 - t0),
        "again": n / max(t3 - t2, 1e-9),
        "posts": stats["posts"],
        "analyses": stats["analyses"],
        "incidents": stats["incidents"],
        "new_incidents": placed.incidents,
    }


def report(name: str, r: dict[str, float]) -> None:
    print(
        f"{name:<11} ingest + analysis {r['ingest']:,.0f} posts/s; correlation {r['correlate']:,.0f} claims/s; "
        f"all three {r['all']:,.0f} posts/s; the same posts again {r['again']:,.0f} posts/s; "
        f"{r['posts']:.0f} posts, {r['analyses']:.0f} analyses, {r['incidents']:.0f} incidents stored"
    )


def pg_database(server: str) -> tuple[str, str] | None:
    """A fresh database on the PostgreSQL server `server`: (its URL, its name), or None if unreachable."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"darkwire_bench_{uuid.uuid4().hex[:8]}"
    try:
        engine = create_engine(server, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        engine.dispose()
    except Exception as e:  # no server: say so and skip
        print(f"PostgreSQL: skipped ({type(e).__name__}: {str(e).splitlines()[0]})")
        return None
    return make_url(server).set(database=name).render_as_string(hide_password=False), name


def drop_pg(server: str, name: str) -> None:
    from sqlalchemy import create_engine, text

    engine = create_engine(server, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    engine.dispose()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pg", default="postgresql+psycopg://postgres@127.0.0.1/postgres", help="PostgreSQL server URL")
    ap.add_argument("--no-pg", action="store_true", help="SQLite only")
    ap.add_argument(
        "--workers", type=int, default=default_workers(), help="analysis processes (default: per core, max 4)"
    )
    args = ap.parse_args()
    analyzer = Analyzer()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "posts.jsonl"
        write_corpus(data, args.posts, args.seed)
        print(
            f"input: {args.posts} posts, {data.stat().st_size / 1e6:.1f} MB of JSON Lines; "
            f"{args.workers} analysis worker{'s' * (args.workers != 1)} on {os.cpu_count()} cores"
        )
        report("SQLite:", run(f"sqlite:///{tmp}/darkwire.db", data, analyzer, args.workers))
        pg = None if args.no_pg else pg_database(args.pg)
        if pg is not None:
            try:
                report("PostgreSQL:", run(pg[0], data, analyzer, args.workers))
            finally:
                drop_pg(args.pg, pg[1])
    main_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    worker_rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"peak memory (max RSS): {main_rss:.0f} MiB main process, {worker_rss:.0f} MiB the largest worker")
    return 0


if __name__ == "__main__":
    sys.exit(main())
