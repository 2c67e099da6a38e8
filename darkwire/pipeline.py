"""The running pipeline: sources -> store -> analysis, one step at a time, nothing lost.

    fetch (a source, from its saved state)
      -> commit_fetch (the new posts, the parse dead letters and the source's new state: one transaction)
      -> analyse the pending posts in batches (a post whose analysis fails is kept, with a dead letter)

Why it is crash-safe: a source's state only advances in the transaction that stores its posts, so a run
killed at any point re-fetches what was not committed, and the store's content hash drops what was. Posts
are analysed after they are stored; whatever was stored but not analysed when a run died is simply pending
for the next run. Why it is idempotent: the same input gives the same content hashes, which the store keeps
once per source.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from darkwire.analyze import ANALYZER_VERSION, Analyzer
from darkwire.config import Config, build_source
from darkwire.errors import InputError, SourceError
from darkwire.model import Analysis, Post
from darkwire.redact import redact_post
from darkwire.sources.base import Source
from darkwire.store import Store, StoredPost

BATCH = 500  # posts per analysis transaction: large enough to amortise a commit, small enough to lose little
CHUNK = 100  # posts sent to a worker process at a time
PARALLEL_MIN = 400  # fewer pending posts than this are analysed in-process: a worker takes seconds to start
PARALLEL_BATCH = 10_000  # pending posts handed to the workers in one go (fewer pauses between batches)
CORRELATE_BATCH = 5000  # claims placed in one transaction (its incidents stay in memory meanwhile)
WARM_UP_BYTES = 2_000_000  # input files this large start the workers before they are read
INGEST_SOURCE = "ingest"  # the source that `darkwire ingest PATH...` and files given by hand belong to
PUSH_SOURCE = "push"  # posts pushed through POST /api/v1/posts

Progress = Callable[[str, int], None]  # (what, how many more) for progress bars; a no-op by default


@dataclass
class Summary:
    """What one ingest run did, for the CLI's summary line and the tests."""

    sources: int = 0
    fetched: int = 0
    new: int = 0
    duplicates: int = 0
    dead_letters: int = 0
    analysed: int = 0
    failed: int = 0
    incidents: int = 0  # new incidents
    alerts: int = 0  # alerts made or raised
    errors: list[str] = field(default_factory=list)

    def add(self, other: Summary) -> None:
        for name in ("sources", "fetched", "new", "duplicates", "dead_letters", "analysed", "failed", "incidents"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors.extend(other.errors)

    def line(self) -> str:
        text = (
            f"{self.fetched} posts read from {self.sources} source{'s' * (self.sources != 1)}: {self.new} new, "
            f"{self.duplicates} already stored, {self.dead_letters} unreadable (kept as dead letters); "
            f"{self.analysed} analysed, {self.failed} failed analysis (kept, see `darkwire retry`); "
            f"{self.incidents} new incident{'s' * (self.incidents != 1)}"
        )
        return text + "".join(f"\n  error: {e}" for e in self.errors)


class Pipeline:
    """Moves posts from sources into the store and analyses them. One writer: a lock guards every write, so
    the polling loop and the push endpoint can share one pipeline."""

    def __init__(
        self,
        store: Store,
        analyzer: Analyzer | None = None,
        progress: Progress | None = None,
        batch: int = BATCH,
        workers: int = 1,
    ) -> None:
        self.store = store
        self._analyzer = analyzer
        self.progress: Progress = progress or (lambda what, n: None)
        self.batch = batch
        self.workers = max(1, workers)
        self.lock = threading.RLock()
        self._pool: ProcessPoolExecutor | None = None
        self.on_alert: list[Any] = []  # called with the alerts each round makes or raises (delivery)

    def close(self) -> None:
        """Stop the worker processes, if any were started."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def __enter__(self) -> Pipeline:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def analyzer(self) -> Analyzer:
        if self._analyzer is None:  # built on first use: the gazetteers take a second or two
            self._analyzer = Analyzer()
        return self._analyzer

    # --- fetching

    def poll(self, source: Source) -> Summary:
        """Fetch one source from its saved state and store what it gives; a failed fetch is recorded in the
        source's health and leaves its state where it was."""
        out = Summary(sources=1)
        with self.lock:
            state = self.store.source_state(source.name)
        try:
            new_state, posts = source.fetch(state)
        except SourceError as e:
            with self.lock:
                self.store.record_source_error(source.name, source.kind, str(e))
            out.errors.append(f"{source.name}: {e}")
            return out
        out.add(self.commit(source.name, source.kind, new_state, posts, seen=source.seen))
        return out

    def commit(
        self, name: str, kind: str, state: dict[str, Any], posts: list[Post], seen: int | None = None
    ) -> Summary:
        """Store `posts` and `state` for source `name` in one transaction (`seen`: the items the source parsed,
        for its health alarm)."""
        posts = [redact_post(p) for p in posts]  # samples' personal data never reaches the store
        with self.lock:
            result = self.store.commit_fetch(name, kind, state, posts, seen=seen)
        self.progress("fetched", len(posts))
        return Summary(
            fetched=len(posts),
            new=len(result.new_post_ids),
            duplicates=result.duplicates,
            dead_letters=result.dead_letters,
        )

    def push(self, posts: list[Post]) -> list[int]:
        """Posts given through the API: stored at once (ids back), analysed by the next `analyse_pending`."""
        posts = [redact_post(p) for p in posts]
        with self.lock:
            result = self.store.commit_fetch(PUSH_SOURCE, "push", {}, posts)
        return result.new_post_ids

    # --- analysis

    def analyse_pending(self, limit: int | None = None) -> Summary:
        """Analyse every stored post that has no analysis by this analyser version yet, in batches: in worker
        processes when there are many (and `workers` > 1), here otherwise."""
        out = Summary()
        while limit is None or out.analysed + out.failed < limit:
            size = PARALLEL_BATCH if self.workers > 1 else self.batch
            with self.lock:
                pending = self.store.pending_analysis(ANALYZER_VERSION, size)
            if not pending:
                break
            if self.workers > 1 and len(pending) >= PARALLEL_MIN:
                self._analyse_in_workers(pending, out)
            else:
                for start in range(0, len(pending), self.batch):
                    chunk = pending[start : start + self.batch]
                    self._save(out, [(p.id, self.analyzer.analyze_safely(p.post)) for p in chunk])
        return out

    def _analyse_in_workers(self, pending: list[StoredPost], out: Summary) -> None:
        """Analyse in the worker processes while this one stores what they have finished. A worker that dies
        (a crash in a native library) costs only its chunk, which is analysed here instead."""
        chunks = [pending[i : i + CHUNK] for i in range(0, len(pending), CHUNK)]
        pool = self._workers()
        futures = [pool.submit(analyse_chunk, [p.post for p in chunk]) for chunk in chunks]
        done: list[tuple[int, Analysis]] = []
        for chunk, future in zip(chunks, futures, strict=True):
            try:
                analyses = future.result()
            except BrokenProcessPool:
                self.close()
                analyses = [self.analyzer.analyze_safely(p.post) for p in chunk]
            done += zip([p.id for p in chunk], analyses, strict=True)
            if len(done) >= self.batch:
                self._save(out, done)
                done = []
        if done:
            self._save(out, done)

    def _save(self, out: Summary, results: list[tuple[int, Analysis]]) -> None:
        with self.lock:
            self.store.save_analyses(results)
        failed = sum(1 for _, a in results if a.error)
        out.analysed += len(results) - failed
        out.failed += failed
        self.progress("analysed", len(results))

    def warm_up(self) -> None:
        """Start the worker processes now, so that they build their gazetteers while the input is read."""
        if self.workers > 1:
            pool = self._workers()
            for _ in range(self.workers):
                pool.submit(analyse_chunk, [])

    def _workers(self) -> ProcessPoolExecutor:
        if self._pool is None:
            # spawn, not fork: the web server and the poller run threads, which a forked child must not inherit
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(self.workers, mp_context=context, initializer=_start_worker)
        return self._pool

    def retry(self) -> Summary:
        """Analyse again the posts whose analysis failed; those that now succeed leave the dead letters."""
        out = Summary()
        with self.lock:
            posts = self.store.retry_posts()
        for start in range(0, len(posts), self.batch):
            chunk = posts[start : start + self.batch]
            results = [(p.id, self.analyzer.analyze_safely(p.post)) for p in chunk]
            ok = [(i, a) for i, a in results if not a.error]
            bad = [i for i, a in results if a.error]
            with self.lock:
                self.store.save_analyses(ok)
                self.store.resolve_dead_letters([i for i, _ in ok])
                self.store.bump_attempts(bad)
            out.analysed += len(ok)
            out.failed += len(bad)
        out.add(self.correlate_pending())
        return out

    # --- incidents

    def correlate_pending(self) -> Summary:
        """Place every analysed claim that is in no incident yet, in the order the claims were posted: after
        the analysis, so that the workers never wait for it and a claim meets every claim posted before it."""
        out = Summary()
        while True:
            with self.lock:
                placed = self.store.incidents.correlate_pending(CORRELATE_BATCH)
                touched = list(self.store.incidents.touched) if placed else []
            if not placed:
                break
            out.incidents += sum(1 for d in placed if d.incident_id is None)
            self._alert(touched, out)
            self.progress("placed in incidents", len(placed))
        return out

    def changed(self, *incident_ids: int) -> int:
        """After an analyst's merge, split or verification: match the incidents again (an incident that now
        concerns a watchlist, or whose severity rose, alerts). Returns how many alerts were made or raised."""
        out = Summary()
        self._alert([i for i in incident_ids if i], out)
        return out.alerts

    def _alert(self, incident_ids: list[int], out: Summary) -> None:
        """Match the new and changed incidents against the tenants' watchlists (darkwire.alerts)."""
        from darkwire.alerts import evaluate

        with self.lock:
            raised = evaluate(self.store, incident_ids)
        out.alerts += len(raised)
        for callback in self.on_alert:
            callback(raised)

    # --- whole runs

    def ingest_paths(self, paths: Sequence[Path], source: str = INGEST_SOURCE, correlate: bool = True) -> Summary:
        """`darkwire ingest PATH...`: files and folders of any supported format, read as one files source
        whose state remembers every file it read, then analysed."""
        out = Summary()
        for path in paths:
            if not path.exists():
                raise InputError(f"{path}: no such file or folder")
        if sum(_size(p) for p in paths) >= WARM_UP_BYTES:
            self.warm_up()
        for path in paths:
            src = build_source(_files_config(source, path), Path.cwd())
            out.add(self._poll_merging_state(src))
        out.sources = 1
        out.add(self.analyse_pending())
        if correlate:
            out.add(self.correlate_pending())
        return out

    def _poll_merging_state(self, source: Source) -> Summary:
        """Like `poll`, for several paths read under one source name: each path's state entries are kept
        beside the others'."""
        out = Summary()
        with self.lock:
            state = self.store.source_state(source.name)
        try:
            new_state, posts = source.fetch(state)
        except SourceError as e:
            with self.lock:
                self.store.record_source_error(source.name, source.kind, str(e))
            out.errors.append(f"{source.name}: {e}")
            return out
        out.add(self.commit(source.name, source.kind, _merge(state, new_state), posts, seen=source.seen))
        return out

    def ingest_config(self, config: Config, base_dir: Path, only: Iterable[str] = ()) -> Summary:
        """One polling round over the configured (and enabled) sources, then the analysis."""
        wanted = set(only)
        known = {s.name for s in config.sources}
        if missing := wanted - known:
            raise InputError(
                f"no source named {', '.join(sorted(missing))} in the config (have: {', '.join(sorted(known))})"
            )
        out = Summary()
        for cfg in config.sources:
            if (wanted and cfg.name not in wanted) or not cfg.enabled:
                continue
            out.add(self.poll(build_source(cfg, base_dir)))
        out.add(self.analyse_pending())
        out.add(self.correlate_pending())
        return out


_worker_analyzer: Analyzer | None = None


def _start_worker() -> None:
    global _worker_analyzer
    parent = os.getppid()

    def watch_parent() -> None:  # a parent killed with SIGKILL cannot stop its workers: they stop themselves
        while os.getppid() == parent:
            time.sleep(1.0)
        os._exit(0)

    threading.Thread(target=watch_parent, name="darkwire-parent-watch", daemon=True).start()
    _worker_analyzer = Analyzer()


def analyse_chunk(posts: list[Post]) -> list[Analysis]:
    """The work of one worker process: analyse `posts` with the analyser it built when it started."""
    analyzer = _worker_analyzer or Analyzer()
    return [analyzer.analyze_safely(p) for p in posts]


def default_workers() -> int:
    """Worker processes for the analysis: one per core, at most four, none on a single core."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return min(4, cores) if cores > 1 else 1


def _size(path: Path) -> int:
    """Bytes in a file, or in the files of a folder (a quick estimate of the work ahead)."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _files_config(name: str, path: Path) -> Any:
    """The files-source config for one path given on the command line."""
    from darkwire.config import Config

    return Config.model_validate({"sources": [{"name": name, "kind": "files", "path": str(path.resolve())}]}).sources[0]


def _merge(old: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Merge two states of a files source, one level deep (dicts of per-file entries stay side by side)."""
    merged = dict(old)
    for key, value in new.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = {**merged[key], **value}
        else:
            merged[key] = value
    return merged


class Poller:
    """The polling loop of `darkwire run`: every source on its interval, then the analysis, until stopped."""

    def __init__(self, pipeline: Pipeline, config: Config | None = None, base_dir: Path | None = None) -> None:
        self.pipeline = pipeline
        self.config = config or Config()  # no sources: only the analysis of pushed posts
        self.base_dir = base_dir or Path.cwd()
        self.stop = threading.Event()
        self.wake = threading.Event()  # set by the push endpoint: analyse now
        self._due: dict[str, float] = {}

    def run_forever(self) -> None:
        sources = [build_source(c, self.base_dir) for c in self.config.sources if c.enabled]
        intervals = {c.name: float(c.interval or self.config.poll_interval) for c in self.config.sources}
        while not self.stop.is_set():
            now = time.monotonic()
            for src in sources:
                if self._due.get(src.name, 0.0) <= now and not self.stop.is_set():
                    self.pipeline.poll(src)
                    self._due[src.name] = now + intervals[src.name]
            self.pipeline.analyse_pending()
            self.pipeline.correlate_pending()
            next_due = min(self._due.values(), default=now + 60.0)
            self.wake.wait(timeout=max(0.5, min(next_due - time.monotonic(), 60.0)))
            self.wake.clear()
