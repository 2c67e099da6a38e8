"""The store: posts, their analyses, dead letters and the sources' state and health, in SQLite or PostgreSQL.

One writer at a time: the caller (the pipeline) holds a lock around every write. Readers may run beside it
(SQLite's WAL journal lets them). Every write that must be atomic is one transaction: `commit_fetch` stores a
source's new posts, its parse dead letters and its new state together, so a crash either keeps all of it or
none of it, and the source fetches again from its old state.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, func, select, text, update
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError, NoSuchModuleError, OperationalError, SQLAlchemyError

from darkwire.errors import StoreError
from darkwire.model import Analysis, Post
from darkwire.settings import get_settings
from darkwire.store import schema as t

if TYPE_CHECKING:
    from darkwire.store.incidents import Incidents

MAX_RAW = 1_000_000  # characters of a parse dead letter's raw item that are kept
_CHUNK = 500  # ids per IN (...) list
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+", re.UNICODE)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")  # NUL (PostgreSQL refuses it) and lone surrogates (not UTF-8)


@dataclass
class IngestResult:
    """What one `commit_fetch` stored."""

    new_post_ids: list[int] = field(default_factory=list)
    duplicates: int = 0
    dead_letters: int = 0


@dataclass
class StoredPost:
    id: int
    source: str
    external_id: str | None
    content_hash: str
    fetched_at: datetime
    post: Post


@dataclass
class SourceHealth:
    name: str
    kind: str
    posts: int
    dead_letters: int
    runs: int
    errors: int
    last_run_at: datetime | None
    last_success_at: datetime | None
    last_error: str | None
    last_error_at: datetime | None
    last_items: int | None
    last_seen: int | None
    total_items: int
    alarm: bool
    alarm_reason: str | None

    def as_json(self) -> dict[str, Any]:
        out = {k: v for k, v in self.__dict__.items() if k != "name"}
        return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in out.items()}


@dataclass
class DeadLetter:
    id: int
    source: str
    post_id: int | None
    stage: str
    error: str
    raw: str | None
    attempts: int
    created_at: datetime
    resolved_at: datetime | None


@dataclass
class SearchHit:
    post_id: int
    title: str | None
    snippet: str
    rank: float


def content_hash(title: str | None, text_: str) -> str:
    """The post's identity when it has no id of its own: its title and text, normalised (Unicode NFC,
    whitespace collapsed, case folded), hashed."""
    norm = _SPACE.sub(" ", unicodedata.normalize("NFC", f"{title or ''}\n{text_}")).strip().casefold()
    return hashlib.sha256(norm.encode("utf-8", "surrogatepass")).hexdigest()


def now() -> datetime:
    return datetime.now(UTC)


def safe_url(url: str) -> str:
    """A database URL fit for printing: the password masked."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except ArgumentError:
        return "<unparsable database URL>"


class Store:
    """Open with `Store.open(url)`; use as a context manager or call `close()`."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self.url = url
        self.dialect = engine.dialect.name

    # --- opening

    @classmethod
    def open(cls, url: str | None = None, upgrade: bool = True) -> Store:
        """The store at `url` (default `DARKWIRE_DB`, else `sqlite:///./data/darkwire.db`), migrated to the
        newest schema unless `upgrade` is False."""
        url = url or get_settings().db
        try:
            parsed = make_url(url)
        except ArgumentError as e:
            raise StoreError(f"DARKWIRE_DB is not a database URL ({e}): use e.g. sqlite:///./data/darkwire.db") from e
        backend = parsed.get_backend_name()
        if backend not in ("sqlite", "postgresql"):
            raise StoreError(f"database {safe_url(url)}: darkwire stores in SQLite or PostgreSQL, not {backend}")
        try:
            if backend == "sqlite":
                engine = _sqlite_engine(url, parsed.database)
            else:
                if parsed.drivername == "postgresql":  # plain postgresql:// means psycopg 3 here
                    url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
                engine = create_engine(url, pool_pre_ping=True, future=True)
            with engine.connect():
                pass
        except (OperationalError, NoSuchModuleError, ArgumentError) as e:
            raise StoreError(f"cannot open the database {safe_url(url)}: {_first_line(e)}") from e
        store = cls(engine, url)
        if upgrade:
            store.upgrade()
        return store

    def upgrade(self) -> None:
        """Apply the migrations up to the newest schema (nothing when it is current)."""
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(Path(__file__).parent / "migrations"))
        try:
            with self.engine.begin() as conn:
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, "head")
        except SQLAlchemyError as e:
            raise StoreError(f"cannot migrate the database {safe_url(self.url)}: {_first_line(e)}") from e

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @functools.cached_property
    def incidents(self) -> Incidents:
        """Incidents: placing claims, listing, merging and splitting (darkwire.store.incidents)."""
        from darkwire.analyze import ANALYZER_VERSION
        from darkwire.store.incidents import Incidents

        return Incidents(self.engine, self.dialect, ANALYZER_VERSION)

    # --- sources

    def source_state(self, name: str) -> dict[str, Any]:
        with self.engine.connect() as conn:
            state = conn.execute(select(t.sources.c.state).where(t.sources.c.name == name)).scalar()
        return dict(state) if state else {}

    def _source_id(self, conn: Connection, name: str, kind: str) -> int:
        sid = conn.execute(select(t.sources.c.id).where(t.sources.c.name == name)).scalar()
        if sid is None:
            sid = conn.execute(
                t.sources.insert().values(name=name, kind=kind, state={}, created_at=now()).returning(t.sources.c.id)
            ).scalar_one()
        return int(sid)

    def commit_fetch(
        self,
        name: str,
        kind: str,
        state: dict[str, Any],
        posts: Sequence[Post],
        *,
        seen: int | None = None,
        fetched_at: datetime | None = None,
    ) -> IngestResult:
        """Store one fetch of source `name` in one transaction: its new posts (duplicates skipped), the items
        it could not read (as parse dead letters) and its new state and health. `seen`: how many items the
        source parsed this run (for the alarm); None when it cannot tell."""
        fetched_at = fetched_at or now()
        result = IngestResult()
        try:
            with self.engine.begin() as conn:
                sid = self._source_id(conn, name, kind)
                good = [p for p in posts if p.parse_error is None]
                bad = [p for p in posts if p.parse_error is not None]
                rows = self._new_rows(conn, sid, good, fetched_at)
                result.duplicates = len(good) - len(rows)
                if rows:
                    ids = conn.execute(t.posts.insert().returning(t.posts.c.id), rows).scalars().all()
                    result.new_post_ids = [int(i) for i in ids]
                    if self.dialect == "sqlite":
                        conn.execute(
                            text("INSERT INTO search_fts(rowid, title, text) VALUES (:id, :title, :text)"),
                            [
                                {"id": i, "title": r["title"] or "", "text": r["text"]}
                                for i, r in zip(ids, rows, strict=True)
                            ],
                        )
                result.dead_letters = self._parse_letters(conn, sid, bad, fetched_at)
                self._health_after_fetch(conn, sid, kind, state, len(result.new_post_ids), seen, fetched_at)
        except SQLAlchemyError as e:
            raise StoreError(f"cannot store the posts of source {name}: {_first_line(e)}") from e
        return result

    def _new_rows(
        self, conn: Connection, sid: int, posts: Sequence[Post], fetched_at: datetime
    ) -> list[dict[str, Any]]:
        """The rows of the posts not stored yet: a post with its own id is known by (source, id), one without by
        (source, content hash); repeats inside the batch count once."""
        rows: dict[tuple[str, str], dict[str, Any]] = {}
        for p in map(_storable, posts):
            h = content_hash(p.title, p.text)
            key = ("id", p.id) if p.id else ("hash", h)
            if key in rows:
                continue
            rows[key] = {
                "source_id": sid,
                "external_id": p.id,
                "title": p.title,
                "text": p.text,
                "url": p.url,
                "author": p.author,
                "origin": p.source,
                "posted_at": p.posted_at,
                "fetched_at": fetched_at,
                "content_hash": h,
            }
        ext = [k[1] for k in rows if k[0] == "id"]
        hashes = [k[1] for k in rows if k[0] == "hash"]
        known: set[tuple[str, str]] = set()
        for chunk in _chunks(ext):
            q = select(t.posts.c.external_id).where(t.posts.c.source_id == sid, t.posts.c.external_id.in_(chunk))
            known.update(("id", str(e)) for e in conn.execute(q).scalars())
        for chunk in _chunks(hashes):
            q = select(t.posts.c.content_hash).where(
                t.posts.c.source_id == sid, t.posts.c.external_id.is_(None), t.posts.c.content_hash.in_(chunk)
            )
            known.update(("hash", str(h)) for h in conn.execute(q).scalars())
        return [row for key, row in rows.items() if key not in known]

    def _parse_letters(self, conn: Connection, sid: int, bad: Sequence[Post], at: datetime) -> int:
        """Keep the unreadable items once each (the same raw item with the same error is one dead letter)."""
        letters: dict[str, dict[str, Any]] = {}
        for p in map(_storable, bad):
            raw = (p.text or "")[:MAX_RAW]
            h = hashlib.sha256(f"{p.parse_error}\n{raw}".encode("utf-8", "surrogatepass")).hexdigest()
            letters[h] = {
                "source_id": sid,
                "post_id": None,
                "stage": "parse",
                "error": p.parse_error,
                "raw": raw,
                "raw_hash": h,
                "attempts": 1,
                "created_at": at,
            }
        known: set[str] = set()
        for chunk in _chunks(list(letters)):
            q = select(t.dead_letters.c.raw_hash).where(
                t.dead_letters.c.source_id == sid, t.dead_letters.c.raw_hash.in_(chunk)
            )
            known.update(str(h) for h in conn.execute(q).scalars())
        new = [row for h, row in letters.items() if h not in known]
        if new:
            conn.execute(t.dead_letters.insert(), new)
        return len(new)

    def _health_after_fetch(
        self, conn: Connection, sid: int, kind: str, state: dict[str, Any], items: int, seen: int | None, at: datetime
    ) -> None:
        before = conn.execute(select(t.sources.c.last_seen, t.sources.c.alarm).where(t.sources.c.id == sid)).one()
        alarm, reason = bool(before.alarm), None
        if seen is not None:
            if seen == 0 and before.last_seen:
                alarm = True
                reason = (
                    f"yielded {before.last_seen} items on its previous run and none now: has the page layout or "
                    "the feed changed?"
                )
            elif seen > 0:
                alarm = False
        if alarm and reason is None:  # an alarm stays until the source yields again
            reason = conn.execute(select(t.sources.c.alarm_reason).where(t.sources.c.id == sid)).scalar()
        conn.execute(
            update(t.sources)
            .where(t.sources.c.id == sid)
            .values(
                kind=kind,
                state=state,
                runs=t.sources.c.runs + 1,
                last_run_at=at,
                last_success_at=at,
                last_items=items,
                last_seen=seen if seen is not None else t.sources.c.last_seen,
                total_items=t.sources.c.total_items + items,
                alarm=alarm,
                alarm_reason=reason if alarm else None,
            )
        )

    def record_source_error(self, name: str, kind: str, error: str) -> None:
        """A failed fetch: the source's health says so, its state stays."""
        at = now()
        try:
            with self.engine.begin() as conn:
                sid = self._source_id(conn, name, kind)
                conn.execute(
                    update(t.sources)
                    .where(t.sources.c.id == sid)
                    .values(
                        runs=t.sources.c.runs + 1,
                        errors=t.sources.c.errors + 1,
                        last_run_at=at,
                        last_error=error[:2000],
                        last_error_at=at,
                    )
                )
        except SQLAlchemyError as e:
            raise StoreError(f"cannot record the error of source {name}: {_first_line(e)}") from e

    def sources(self) -> list[SourceHealth]:
        posts = select(t.posts.c.source_id, func.count().label("n")).group_by(t.posts.c.source_id).subquery()
        letters = (
            select(t.dead_letters.c.source_id, func.count().label("n"))
            .where(t.dead_letters.c.resolved_at.is_(None))
            .group_by(t.dead_letters.c.source_id)
            .subquery()
        )
        q = (
            select(
                t.sources, func.coalesce(posts.c.n, 0).label("posts"), func.coalesce(letters.c.n, 0).label("letters")
            )
            .outerjoin(posts, posts.c.source_id == t.sources.c.id)
            .outerjoin(letters, letters.c.source_id == t.sources.c.id)
            .order_by(t.sources.c.name)
        )
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
        return [
            SourceHealth(
                name=r.name,
                kind=r.kind,
                posts=int(r.posts),
                dead_letters=int(r.letters),
                runs=r.runs,
                errors=r.errors,
                last_run_at=_utc(r.last_run_at),
                last_success_at=_utc(r.last_success_at),
                last_error=r.last_error,
                last_error_at=_utc(r.last_error_at),
                last_items=r.last_items,
                last_seen=r.last_seen,
                total_items=r.total_items,
                alarm=bool(r.alarm),
                alarm_reason=r.alarm_reason,
            )
            for r in rows
        ]

    # --- analysis

    def pending_analysis(self, version: str, limit: int = 500) -> list[StoredPost]:
        """Stored posts with no analysis by `version` and no open analysis dead letter, oldest first."""
        done = select(t.analyses.c.post_id).where(
            t.analyses.c.post_id == t.posts.c.id, t.analyses.c.analyzer_version == version
        )
        failed = select(t.dead_letters.c.post_id).where(
            t.dead_letters.c.post_id == t.posts.c.id,
            t.dead_letters.c.stage == "analyze",
            t.dead_letters.c.resolved_at.is_(None),
        )
        q = _post_query().where(~done.exists(), ~failed.exists()).order_by(t.posts.c.id).limit(limit)
        with self.engine.connect() as conn:
            return [_stored(r) for r in conn.execute(q)]

    def save_analyses(self, results: Sequence[tuple[int, Analysis]]) -> None:
        """Keep the analyses; a failed one (its `error` set) becomes an open dead letter of the post instead,
        and a success resolves the post's open dead letter."""
        at = now()
        ok = [(pid, a) for pid, a in results if not a.error]
        bad = [(pid, a) for pid, a in results if a.error]
        try:
            with self.engine.begin() as conn:
                if ok:
                    self._save_ok(conn, ok, at)
                if bad:
                    self._save_failed(conn, bad, at)
        except SQLAlchemyError as e:
            raise StoreError(f"cannot store analyses: {_first_line(e)}") from e

    def _save_ok(self, conn: Connection, ok: Sequence[tuple[int, Analysis]], at: datetime) -> None:
        for chunk in _chunks(ok):
            for version in {a.analyzer_version for _, a in chunk}:
                ids = [pid for pid, a in chunk if a.analyzer_version == version]
                conn.execute(
                    t.analyses.delete().where(t.analyses.c.post_id.in_(ids), t.analyses.c.analyzer_version == version)
                )
        rows = [_analysis_row(pid, a, at) for pid, a in ok]
        conn.execute(t.analyses.insert(), rows)
        conn.execute(
            text("UPDATE posts SET language = :lang WHERE id = :pid"),
            [{"pid": r["post_id"], "lang": r["language"]} for r in rows],
        )
        if self.dialect == "sqlite":
            conn.execute(
                text("UPDATE search_fts SET victim = :victim, actor = :actor WHERE rowid = :pid"),
                [{"pid": r["post_id"], "victim": r["victim_name"] or "", "actor": r["actor"] or ""} for r in rows],
            )
        self._resolve(conn, [pid for pid, _ in ok], at)

    def _save_failed(self, conn: Connection, bad: Sequence[tuple[int, Analysis]], at: datetime) -> None:
        ids = [pid for pid, _ in bad]
        open_ = {
            int(r.post_id): int(r.id)
            for chunk in _chunks(ids)
            for r in conn.execute(
                select(t.dead_letters.c.id, t.dead_letters.c.post_id).where(
                    t.dead_letters.c.post_id.in_(chunk),
                    t.dead_letters.c.stage == "analyze",
                    t.dead_letters.c.resolved_at.is_(None),
                )
            )
        }
        sources = {
            int(r.id): int(r.source_id)
            for chunk in _chunks(ids)
            for r in conn.execute(select(t.posts.c.id, t.posts.c.source_id).where(t.posts.c.id.in_(chunk)))
        }
        for pid, a in bad:
            if pid in open_:
                conn.execute(
                    update(t.dead_letters)
                    .where(t.dead_letters.c.id == open_[pid])
                    .values(attempts=t.dead_letters.c.attempts + 1, error=a.error)
                )
            elif pid in sources:
                conn.execute(
                    t.dead_letters.insert().values(
                        source_id=sources[pid], post_id=pid, stage="analyze", error=a.error, attempts=1, created_at=at
                    )
                )

    def _resolve(self, conn: Connection, post_ids: Sequence[int], at: datetime) -> None:
        for chunk in _chunks(post_ids):
            conn.execute(
                update(t.dead_letters)
                .where(
                    t.dead_letters.c.post_id.in_(chunk),
                    t.dead_letters.c.stage == "analyze",
                    t.dead_letters.c.resolved_at.is_(None),
                )
                .values(resolved_at=at)
            )

    def get_post(self, post_id: int) -> StoredPost | None:
        with self.engine.connect() as conn:
            row = conn.execute(_post_query().where(t.posts.c.id == post_id)).first()
        return _stored(row) if row else None

    def get_analysis(self, post_id: int, version: str | None = None) -> Analysis | None:
        q = select(t.analyses.c.data).where(t.analyses.c.post_id == post_id)
        if version is not None:
            q = q.where(t.analyses.c.analyzer_version == version)
        with self.engine.connect() as conn:
            data = conn.execute(q.order_by(t.analyses.c.created_at.desc(), t.analyses.c.id.desc())).scalar()
        return Analysis.model_validate(data) if data else None

    # --- dead letters

    def dead_letters(self, open_only: bool = True, limit: int = 100) -> list[DeadLetter]:
        q = select(t.dead_letters, t.sources.c.name).join(t.sources, t.sources.c.id == t.dead_letters.c.source_id)
        if open_only:
            q = q.where(t.dead_letters.c.resolved_at.is_(None))
        with self.engine.connect() as conn:
            rows = conn.execute(q.order_by(t.dead_letters.c.id).limit(limit)).all()
        return [
            DeadLetter(
                id=r.id,
                source=r.name,
                post_id=r.post_id,
                stage=r.stage,
                error=r.error,
                raw=r.raw,
                attempts=r.attempts,
                created_at=_utc(r.created_at) or now(),
                resolved_at=_utc(r.resolved_at),
            )
            for r in rows
        ]

    def retry_posts(self) -> list[StoredPost]:
        """The posts whose analysis failed and was not resolved yet."""
        failed = select(t.dead_letters.c.post_id).where(
            t.dead_letters.c.stage == "analyze", t.dead_letters.c.resolved_at.is_(None)
        )
        with self.engine.connect() as conn:
            return [
                _stored(r) for r in conn.execute(_post_query().where(t.posts.c.id.in_(failed)).order_by(t.posts.c.id))
            ]

    def resolve_dead_letters(self, post_ids: Sequence[int]) -> None:
        with self.engine.begin() as conn:
            self._resolve(conn, post_ids, now())

    def bump_attempts(self, post_ids: Sequence[int]) -> None:
        with self.engine.begin() as conn:
            for chunk in _chunks(post_ids):
                conn.execute(
                    update(t.dead_letters)
                    .where(
                        t.dead_letters.c.post_id.in_(chunk),
                        t.dead_letters.c.stage == "analyze",
                        t.dead_letters.c.resolved_at.is_(None),
                    )
                    .values(attempts=t.dead_letters.c.attempts + 1)
                )

    # --- search and counts

    def search(self, query: str, limit: int = 20, prefix: bool = False) -> list[SearchHit]:
        """Posts whose title, text, victim or actor hold every word of `query` (any text is safe: it is read
        as words, never as search syntax), best first, with a snippet marking the matches in [ ]. `prefix`:
        words may be the beginnings of words ("Harb" finds "Harbor17")."""
        words = _WORD.findall(query or "")[:32]
        if not words:
            return []
        with self.engine.connect() as conn:
            if self.dialect == "sqlite":
                star = "*" if prefix else ""
                match = " ".join('"' + w.replace('"', '""') + '"' + star for w in words)
                rows = conn.execute(
                    text(
                        "SELECT rowid AS post_id, title, snippet(search_fts, 1, '[', ']', '…', 16) AS snippet, "
                        "bm25(search_fts) AS rank FROM search_fts WHERE search_fts MATCH :m ORDER BY rank LIMIT :n"
                    ),
                    {"m": match, "n": limit},
                ).all()
                return [SearchHit(int(r.post_id), r.title or None, r.snippet, -float(r.rank)) for r in rows]
            tsquery = "to_tsquery('simple', :q)" if prefix else "plainto_tsquery('simple', :q)"
            rows = conn.execute(
                text(
                    f"WITH q AS (SELECT {tsquery} AS q) "
                    "SELECT p.id AS post_id, p.title, ts_headline('simple', p.text, q.q, "
                    "'StartSel=[, StopSel=], MaxWords=30, MinWords=10, MaxFragments=1') AS snippet, "
                    "ts_rank(p.search, q.q) AS rank FROM posts p CROSS JOIN q "
                    "WHERE p.search @@ q.q "
                    "OR EXISTS (SELECT 1 FROM analyses a WHERE a.post_id = p.id AND a.search @@ q.q) "
                    "ORDER BY rank DESC, p.id DESC LIMIT :n"
                ),
                {"q": " & ".join(f"{w}:*" for w in words) if prefix else " ".join(words), "n": limit},
            ).all()
            return [SearchHit(int(r.post_id), r.title, r.snippet, float(r.rank)) for r in rows]

    def stats(self) -> dict[str, Any]:
        """Counts and every source's health, in the shape of `darkwire stats --json` (interface.md)."""
        with self.engine.connect() as conn:

            def count(table: Any, *where: Any) -> int:
                return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

            out: dict[str, Any] = {
                "posts": count(t.posts),
                "analyses": count(t.analyses),
                "incidents": count(t.incidents),
                "actors": count(t.actors),
                "organizations": count(t.organizations),
                "dead_letters": count(t.dead_letters, t.dead_letters.c.resolved_at.is_(None)),
            }
        out["sources"] = {s.name: s.as_json() for s in self.sources()}
        return out


# --- helpers


def _sqlite_engine(url: str, database: str | None) -> Engine:
    if database and database != ":memory:" and not database.startswith("file:"):
        Path(database).expanduser().parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30}, future=True)

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_conn: Any, _record: Any) -> None:
        cur = dbapi_conn.cursor()
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "busy_timeout=30000", "synchronous=NORMAL"):
            cur.execute(f"PRAGMA {pragma}")
        cur.close()

    return engine


def _clean(value: str | None) -> str | None:
    return _UNSTORABLE.sub("\ufffd", value) if value else value


def _storable(post: Post) -> Post:
    """The post with the characters no database stores replaced by U+FFFD (one for one: spans stay valid)."""
    fields = ("id", "text", "title", "url", "author", "source", "parse_error")
    values = {f: getattr(post, f) for f in fields}
    if not any(v and _UNSTORABLE.search(v) for v in values.values()):
        return post
    return post.model_copy(update={f: _clean(v) for f, v in values.items()})


def _post_query() -> Any:
    return select(t.posts, t.sources.c.name.label("source_name")).join(t.sources, t.sources.c.id == t.posts.c.source_id)


def _stored(r: Any) -> StoredPost:
    post = Post(
        id=r.external_id,
        text=r.text,
        title=r.title,
        posted_at=_utc(r.posted_at),
        source=r.origin,
        url=r.url,
        author=r.author,
    )
    return StoredPost(
        id=int(r.id),
        source=r.source_name,
        external_id=r.external_id,
        content_hash=r.content_hash,
        fetched_at=_utc(r.fetched_at) or now(),
        post=post,
    )


def _analysis_row(pid: int, a: Analysis, at: datetime) -> dict[str, Any]:
    return {
        "post_id": pid,
        "analyzer_version": a.analyzer_version,
        "created_at": at,
        "data": a.model_dump(mode="json"),
        "claim_type": a.claim_type,
        "victim_name": a.victim.name if a.victim else None,
        "country": a.victim.country if a.victim else None,
        "sector": a.victim.sector if a.victim else None,
        "actor": a.actor.name if a.actor else None,
        "severity_level": a.severity.level if a.severity else None,
        "severity_score": a.severity.score if a.severity else None,
        "records": a.records if a.records is not None and a.records < 2**63 else None,
        "language": a.language,
    }


def _utc(value: datetime | None) -> datetime | None:
    """SQLite gives naive datetimes back: they were stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _chunks(items: Sequence[Any] | Iterable[Any], size: int = _CHUNK) -> Iterator[list[Any]]:
    seq = list(items)
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _first_line(e: Exception) -> str:
    msg = str(getattr(e, "orig", None) or e).strip().splitlines()
    return msg[0] if msg else type(e).__name__
