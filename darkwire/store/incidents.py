"""Incidents in the store: placing each new claim (through its blocking keys, never a scan of every incident),
what an incident shows, and analysts' merges and splits with their audit log.

An incident's summary fields (victim, actor, country, severity, first and last seen, verification) are always
recomputed from its claims, so placing, merging and splitting cannot leave them stale.
"""

from __future__ import annotations

import base64
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, bindparam, delete, false, func, insert, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from darkwire.errors import InputError
from darkwire.incidents.correlate import Decision, IncidentView, decide
from darkwire.incidents.keys import Claim, claim_from
from darkwire.incidents.severity import IncidentFacts, TrackRecord, incident_severity
from darkwire.model import Analysis, Severity
from darkwire.store import entities
from darkwire.store import schema as t

MAX_KEY_SPREAD = 200  # a key held by more incidents than this finds no candidates: it names no one in particular
RARE_WORD = 3  # a victim's name word held by more incidents than this does not identify it
MAX_CANDIDATES = 12  # the incidents sharing the most keys with a claim are weighed; the rest share too little


@dataclass
class _Batch:
    """What one `correlate` call has decided but not written yet."""

    views: dict[int, IncidentView] = field(default_factory=dict)  # incidents read or started in this batch
    touched: set[int] = field(default_factory=set)  # ... and those a claim joined, to write at the end
    index: dict[str, set[int]] = field(default_factory=dict)  # keys added in this batch -> incidents
    keys: set[tuple[str, int]] = field(default_factory=set)  # ... the same, as rows to insert
    claims: list[dict[str, Any]] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)  # whose records to refresh at the end
    organizations: set[str] = field(default_factory=set)


# Statements of the per-claim path, built once: building one per claim costs more than running it.
_NEW_INCIDENT = insert(t.incidents).values(verification="unverified").returning(t.incidents.c.id)
_NEW_CLAIM = insert(t.incident_claims)
_SUMMARY_COLUMNS = (
    "victim",
    "actor",
    "claim_type",
    "country",
    "sector",
    "records",
    "severity_level",
    "severity_score",
    "severity_factors",
    "first_seen",
    "last_seen",
    "claims",
    "recycled",
    "verification",
    "verification_reason",
    "facts",
    "updated_at",
)
_SAVE_SUMMARY = (
    update(t.incidents)
    .where(t.incidents.c.id == bindparam("iid"))
    .values({name: bindparam(f"v_{name}") for name in _SUMMARY_COLUMNS})
)
_MANUAL = select(t.incidents.c.verification_reason).where(t.incidents.c.id == bindparam("iid"))
_FACTS = select(
    t.incidents.c.id, t.incidents.c.facts, t.incidents.c.verification, t.incidents.c.verification_reason
).where(t.incidents.c.id.in_(bindparam("ids", expanding=True)))

_TRACK = select(
    t.actors.c.incidents, t.actors.c.corroborated, t.actors.c.confirmed, t.actors.c.recycled, t.actors.c.disputed
).where(t.actors.c.name == bindparam("actor"))


def now() -> datetime:
    return datetime.now(UTC)


class Incidents:
    """The incident operations of one store (`store.incidents`)."""

    def __init__(self, engine: Any, dialect: str, version: str) -> None:
        self.engine = engine
        self.dialect = dialect
        self.version = version  # the analyser version whose analyses describe the claims
        insert_keys = sqlite_insert(t.incident_keys) if dialect == "sqlite" else pg_insert(t.incident_keys)
        self._insert_keys = insert_keys.on_conflict_do_nothing()
        self._dashboard: tuple[Any, dict[str, Any]] | None = None  # (the incidents' state, the counts)
        self.touched: list[int] = []  # the incidents the last `correlate` made or changed

    # --- placing claims

    def correlate(self, post_ids: Sequence[int], analyses: dict[int, Analysis] | None = None) -> list[Decision]:
        """Place each of these analysed posts (not placed yet) in an incident, in the order they were posted.
        `analyses`: the posts' analyses when the caller has them (saves reading them back).

        One batch is one transaction. The incidents it touches are kept in memory while it runs (with the keys
        it adds, so a claim meets the incidents that earlier claims of the batch started) and written once at
        its end: a claim costs one query for its candidates, plus one insert when it starts an incident."""
        batch = _Batch()
        with self.engine.begin() as conn:
            for claim in self._claims(conn, post_ids, analyses or {}):
                candidates = self._candidates(conn, claim, batch)
                decision = decide(claim, candidates)
                self._place(conn, claim, decision, candidates, batch)
                batch.decisions.append(decision)
            if batch.claims:
                conn.execute(_NEW_CLAIM, batch.claims)
            if batch.keys:
                self._insert_key_rows(conn, [{"key": k, "incident_id": i} for k, i in sorted(batch.keys)])
            for view in batch.views.values():
                if view.id in batch.touched:
                    self._save_view(conn, view)
                    batch.actors.add(view.most("actor") or "")
                    batch.organizations.add(view.most("victim") or "")
            entities.refresh(conn, batch.actors, batch.organizations)
        self.touched = sorted(batch.touched)
        return batch.decisions

    def correlate_pending(self, limit: int = 5000) -> list[Decision]:
        """Place up to `limit` analysed claims that are in no incident yet, the earliest posted first."""
        placed = select(t.incident_claims.c.post_id).where(t.incident_claims.c.post_id == t.posts.c.id)
        q = (
            select(t.posts.c.id)
            .join(t.analyses, self._analysis_of(t.posts.c.id))
            .where(~placed.exists())
            .order_by(func.coalesce(t.posts.c.posted_at, t.posts.c.fetched_at), t.posts.c.id)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            ids = [int(i) for i in conn.execute(q).scalars()]
        return self.correlate(ids) if ids else []

    def _claims(self, conn: Connection, post_ids: Sequence[int], known: dict[int, Analysis]) -> list[Claim]:
        placed = select(t.incident_claims.c.post_id).where(t.incident_claims.c.post_id == t.posts.c.id)
        out = []
        for chunk in [list(post_ids)[i : i + 500] for i in range(0, len(post_ids), 500)]:
            missing = [i for i in chunk if i not in known]
            read: dict[int, Analysis] = {}
            if missing:
                q = select(t.analyses.c.post_id, t.analyses.c.data).where(
                    t.analyses.c.post_id.in_(missing), t.analyses.c.analyzer_version == self.version
                )
                read = {int(r.post_id): Analysis.model_validate(r.data) for r in conn.execute(q)}
            q = (
                select(
                    t.posts.c.id,
                    t.posts.c.title,
                    t.posts.c.text,
                    t.posts.c.content_hash,
                    t.posts.c.posted_at,
                    t.posts.c.fetched_at,
                    t.sources.c.name,
                )
                .join(t.sources, t.sources.c.id == t.posts.c.source_id)
                .where(t.posts.c.id.in_(chunk), ~placed.exists())
            )
            for r in conn.execute(q):
                a = known.get(r.id) or read.get(r.id)
                if a is not None:
                    seen = _utc(r.posted_at or r.fetched_at)
                    out.append(claim_from(r.id, r.name, seen, r.title, r.text, r.content_hash, a))
        return sorted(out, key=lambda c: (c.seen_at, c.post_id))

    def _analysis_of(self, post_id: Any) -> Any:
        return (t.analyses.c.post_id == post_id) & (t.analyses.c.analyzer_version == self.version)

    def _candidates(self, conn: Connection, claim: Claim, batch: _Batch) -> list[IncidentView]:
        """The incidents sharing the most blocking keys with the claim, from the store and from this batch."""
        all_keys = sorted(k[:300] for k in claim.blocking_keys())
        spread = self._key_spread(conn, all_keys)
        for key in all_keys:  # this batch's own keys count too
            spread[key] = spread.get(key, 0) + len(batch.index.get(key, ()))
        claim.common = {k[2:] for k, n in spread.items() if k[:2] in ("t:", "c:") and n > RARE_WORD}
        keys = [k for k in all_keys if spread.get(k, 0) <= MAX_KEY_SPREAD]
        shared: dict[int, int] = {}
        if not keys:
            return []
        # Plain driver SQL: this query runs once per claim, and building it through SQLAlchemy's expression
        # layer (an IN list of a different length each time) costs more than the database's work.
        mark = "?" if self.dialect == "sqlite" else "%s"
        sql = (
            f"SELECT incident_id, count(*) AS n FROM incident_keys WHERE key IN ({', '.join([mark] * len(keys))}) "
            f"GROUP BY incident_id ORDER BY n DESC, incident_id LIMIT {MAX_CANDIDATES * 2}"
        )
        for incident_id, n in conn.exec_driver_sql(sql, tuple(keys)):
            shared[int(incident_id)] = int(n)
        for key in keys:
            for incident_id in batch.index.get(key, ()):
                shared[incident_id] = shared.get(incident_id, 0) + 1
        ids = sorted(shared, key=lambda i: (-shared[i], i))[:MAX_CANDIDATES]
        missing = [i for i in ids if i not in batch.views]
        if missing:
            for r in conn.execute(_FACTS, {"ids": missing}):
                view = IncidentView.from_json(int(r.id), r.facts)
                view.manual = r.verification if (r.verification_reason or "").startswith("analyst:") else None
                batch.views[view.id] = view
        return [batch.views[i] for i in ids if i in batch.views]

    def _place(
        self, conn: Connection, claim: Claim, decision: Decision, candidates: list[IncidentView], batch: _Batch
    ) -> None:
        at = now()
        view = next((c for c in candidates if c.id == decision.incident_id), None)
        if view is None:
            params = {"key": f"post-{claim.post_id}", "created_at": at, "updated_at": at, "claims": 0}
            view = IncidentView(id=int(conn.execute(_NEW_INCIDENT, params).scalar_one()))
            batch.views[view.id] = view
        batch.claims.append(
            {
                "incident_id": view.id,
                "post_id": claim.post_id,
                "added_at": at,
                "seen_at": claim.seen_at,
                "fingerprint": claim.fingerprint,
                "recycled": decision.recycled is not None,
                "reason": decision.reason + (f"; recycled? {decision.recycled}" if decision.recycled else ""),
            }
        )
        batch.actors.add(view.most("actor") or "")  # the names before this claim: they may change
        batch.organizations.add(view.most("victim") or "")
        view.add(claim, decision.recycled)
        batch.touched.add(view.id)
        for key in claim.blocking_keys():
            key = key[:300]
            if view.id not in batch.index.setdefault(key, set()):
                batch.index[key].add(view.id)
                batch.keys.add((key, view.id))

    def _save_view(self, conn: Connection, view: IncidentView) -> None:
        """Write an incident's facts and the summary made of them (an analyst's verification stands)."""
        if view.manual:
            verification = view.manual
            reason = conn.execute(_MANUAL, {"iid": view.id}).scalar()
        elif view.recycled:
            verification, reason = "recycled", view.recycled
        elif len(view.sources) >= 2:
            verification = "corroborated"
            reason = f"claimed on {len(view.sources)} sources: {', '.join(sorted(view.sources))}"
        else:
            verification, reason = "unverified", "a single source's claim, not corroborated"
        severity = self._severity(conn, view, verification)
        view.saved = [verification, view.recycled is not None]
        values = {
            "victim": view.most("victim"),
            "actor": view.most("actor"),
            "claim_type": view.first_claim_type,
            "country": view.most("country"),
            "sector": view.most("sector"),
            "records": max(view.records) if view.records else None,
            "severity_level": severity.level,
            "severity_score": severity.score,
            "severity_factors": severity.factors,
            "first_seen": view.first_seen,
            "last_seen": view.last_seen,
            "claims": view.claims,
            "recycled": view.recycled is not None,
            "verification": verification,
            "verification_reason": reason,
            "facts": view.to_json(),
            "updated_at": now(),
        }
        conn.execute(_SAVE_SUMMARY, {"iid": view.id, **{f"v_{k}": v for k, v in values.items()}})

    def _severity(self, conn: Connection, view: IncidentView, verification: str) -> Severity:
        actor = view.most("actor")
        stated, _ = view.data_types()
        return incident_severity(
            IncidentFacts(
                claim_type=view.first_claim_type,
                data_types=tuple(stated or view.data_types()[1]),
                records=max(view.records) if view.records else None,
                size=view.size,
                sector=view.most("sector"),
                country=view.most("country"),
                victim=view.most("victim"),
                verification=verification,
                sale_points=view.sale_points,
                first_seen=view.first_seen,
                last_seen=view.last_seen,
                data_year=view.data_year,
                track=self._track_record(conn, actor, view) if actor else None,
            )
        )

    def _track_record(self, conn: Connection, actor: str, view: IncidentView) -> TrackRecord:
        """How the actor's other incidents turned out: its record (one indexed read, however many incidents it
        has), less this incident as the record last counted it."""
        row = conn.execute(_TRACK, {"actor": actor}).first()
        if row is None:
            return TrackRecord(actor=actor)
        incidents, good = int(row.incidents), int(row.corroborated) + int(row.confirmed)
        recycled, disputed = int(row.recycled), int(row.disputed)
        if view.saved is not None and incidents > 0:  # the record counts this incident as it was last written
            verification, was_recycled = view.saved[0], bool(view.saved[1])
            incidents -= 1
            good -= 1 if verification in ("corroborated", "confirmed") else 0
            recycled -= 1 if was_recycled else 0
            disputed -= 1 if verification == "disputed" else 0
        return TrackRecord(
            actor=actor,
            incidents=max(0, incidents),
            corroborated=max(0, good),
            recycled=max(0, recycled),
            disputed=max(0, disputed),
        )

    def _add_keys(self, conn: Connection, incident_id: int, keys: set[str]) -> None:
        self._insert_key_rows(conn, [{"key": k[:300], "incident_id": incident_id} for k in sorted(keys)])

    def _insert_key_rows(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """Insert (key, incident) rows not there yet, and count each new one in its key's incident count."""
        if not rows:
            return
        added = conn.execute(self._insert_keys.returning(t.incident_keys.c.key), rows).scalars().all()
        self._count_keys(conn, Counter(str(k) for k in added))

    def _count_keys(self, conn: Connection, counts: Counter[str]) -> None:
        if not counts:
            return
        ins = sqlite_insert(t.incident_key_counts) if self.dialect == "sqlite" else pg_insert(t.incident_key_counts)
        stmt = ins.on_conflict_do_update(index_elements=["key"], set_={"n": t.incident_key_counts.c.n + ins.excluded.n})
        conn.execute(stmt, [{"key": k, "n": n} for k, n in sorted(counts.items())])

    def _remove_keys(self, conn: Connection, incident_id: int) -> None:
        gone = (
            conn.execute(
                delete(t.incident_keys)
                .where(t.incident_keys.c.incident_id == incident_id)
                .returning(t.incident_keys.c.key)
            )
            .scalars()
            .all()
        )
        self._count_keys(conn, Counter({str(k): -1 for k in gone}))

    def _key_spread(self, conn: Connection, keys: list[str]) -> dict[str, int]:
        """How many incidents hold each of `keys` (keys held by none are absent)."""
        mark = "?" if self.dialect == "sqlite" else "%s"
        sql = f"SELECT key, n FROM incident_key_counts WHERE key IN ({', '.join([mark] * len(keys))})"
        return {str(k): int(n) for k, n in conn.exec_driver_sql(sql, tuple(keys))}

    def _rebuild(self, conn: Connection, incident_id: int) -> None:
        """Recompute an incident's keys, facts and summary from its claims, after an analyst moved some (an
        incident left with no claims is deleted)."""
        q = (
            select(
                t.posts.c.id,
                t.posts.c.title,
                t.posts.c.text,
                t.posts.c.content_hash,
                t.incident_claims.c.seen_at,
                t.incident_claims.c.recycled,
                t.incident_claims.c.reason,
                t.sources.c.name,
                t.analyses.c.data,
            )
            .join(t.incident_claims, t.incident_claims.c.post_id == t.posts.c.id)
            .join(t.sources, t.sources.c.id == t.posts.c.source_id)
            .join(t.analyses, self._analysis_of(t.posts.c.id))
            .where(t.incident_claims.c.incident_id == incident_id)
            .order_by(t.incident_claims.c.seen_at, t.posts.c.id)
        )
        rows = conn.execute(q).all()
        self._remove_keys(conn, incident_id)
        if not rows:
            conn.execute(delete(t.incidents).where(t.incidents.c.id == incident_id))
            return
        view = IncidentView(id=incident_id)
        manual = conn.execute(
            select(t.incidents.c.verification, t.incidents.c.verification_reason).where(t.incidents.c.id == incident_id)
        ).one()
        view.manual = manual.verification if (manual.verification_reason or "").startswith("analyst:") else None
        keys: set[str] = set()
        for r in rows:
            claim = claim_from(
                r.id, r.name, _utc(r.seen_at), r.title, r.text, r.content_hash, Analysis.model_validate(r.data)
            )
            recycled = (r.reason or "").split("recycled? ", 1)[-1] if r.recycled else None
            view.add(claim, recycled)
            keys |= claim.blocking_keys()
        self._add_keys(conn, incident_id, keys)
        self._save_view(conn, view)

    # --- reading

    def query(
        self, f: IncidentFilter, limit: int = 50, cursor: str | None = None, post_ids: Sequence[int] = ()
    ) -> tuple[list[dict[str, Any]], str | None]:
        """The incidents matching `f`, most recently active first, a page of `limit` after `cursor`, with the
        cursor of the next page (None on the last). `post_ids`: the posts a full-text search found for `f.q`
        (words or beginnings of words); the incidents holding them match it, and with none nothing does."""
        c = t.incidents.c
        q = select(c.id, c.last_seen).order_by(c.last_seen.desc().nulls_last(), c.id.desc()).limit(limit + 1)
        for column, values in (
            (c.country, f.countries),
            (c.sector, f.sectors),
            (c.claim_type, f.claim_types),
            (c.severity_level, f.severities),
            (c.verification, f.verifications),
        ):
            if values:
                q = q.where(column.in_(sorted(values)))
        if f.actors:
            q = q.where(func.lower(c.actor).in_(sorted(a.lower() for a in f.actors)))
        if f.victim:
            q = q.where(func.lower(c.victim) == f.victim.lower())
        if f.since is not None:
            q = q.where(c.last_seen >= f.since)
        if f.until is not None:
            q = q.where(c.first_seen <= f.until)
        if f.q:  # the posts a full-text search found (its index holds the victims' and actors' names too)
            holding = select(t.incident_claims.c.incident_id).where(
                t.incident_claims.c.post_id.in_(list(post_ids)[:1000])
            )
            q = q.where(c.id.in_(holding)) if post_ids else q.where(false())
        if cursor:
            seen, after_id = decode_cursor(cursor)
            if seen is None:
                q = q.where(c.last_seen.is_(None), c.id < after_id)
            else:
                q = q.where((c.last_seen < seen) | ((c.last_seen == seen) & (c.id < after_id)) | c.last_seen.is_(None))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            page = rows[:limit]
            out = [self._json(conn, int(r.id)) for r in page]
        more = len(rows) > limit
        return out, (encode_cursor(page[-1].last_seen, int(page[-1].id)) if more and page else None)

    def changed(
        self, after: datetime | None, limit: int, start: tuple[datetime, int] | None = None
    ) -> list[tuple[dict[str, Any], datetime]]:
        """Incidents changed after `after` (their `updated_at`), the earliest change first, from `start` (the
        (updated_at, id) of the last one a previous page gave), each with its change time: what a TAXII
        collection's `added_after` and paging need."""
        c = t.incidents.c
        q = select(c.id, c.updated_at).order_by(c.updated_at, c.id).limit(limit)
        if after is not None:
            q = q.where(c.updated_at > after)
        if start is not None:
            q = q.where((c.updated_at > start[0]) | ((c.updated_at == start[0]) & (c.id > start[1])))
        with self.engine.connect() as conn:
            rows = conn.execute(q).all()
            return [(self._json(conn, int(r.id)), _utc(r.updated_at)) for r in rows]

    def dashboard(self, weeks: int = 26) -> dict[str, Any]:
        """What the dashboard draws: incidents per week (by first sighting, the last `weeks` weeks that have
        any), by country, sector, actor, severity and verification. Counted again only when an incident has
        changed since the last time (one indexed read tells)."""
        c = t.incidents.c
        with self.engine.connect() as conn:
            state = tuple(conn.execute(select(func.count(), func.max(c.updated_at), func.max(c.id))).one())
        cached = self._dashboard
        if cached is not None and cached[0] == (state, weeks):
            return cached[1]
        out = self._count_dashboard(weeks)
        self._dashboard = ((state, weeks), out)
        return out

    def _count_dashboard(self, weeks: int) -> dict[str, Any]:
        c = t.incidents.c
        day = func.date(c.first_seen) if self.dialect == "sqlite" else func.to_char(c.first_seen, "YYYY-MM-DD")
        out: dict[str, Any] = {}
        with self.engine.connect() as conn:
            out["total"] = int(conn.execute(select(func.count()).select_from(t.incidents)).scalar() or 0)
            per_week: Counter[str] = Counter()
            for d, n in conn.execute(select(day, func.count()).where(c.first_seen.is_not(None)).group_by(day)):
                if d:
                    monday = datetime.fromisoformat(str(d)[:10])
                    year, week, _ = monday.isocalendar()
                    per_week[f"{year}-W{week:02d}"] += int(n)
            out["weeks"] = sorted(per_week.items())[-weeks:]
            for name, column, limit in (
                ("countries", c.country, 15),
                ("sectors", c.sector, 15),
                ("actors", c.actor, 10),
                ("severity", c.severity_level, 10),
                ("verification", c.verification, 10),
                ("claim_types", c.claim_type, 15),
            ):
                rows = conn.execute(
                    select(column, func.count().label("n"))
                    .where(column.is_not(None))
                    .group_by(column)
                    .order_by(func.count().desc(), column)
                    .limit(limit)
                ).all()
                out[name] = [(str(r[0]), int(r[1])) for r in rows]
        return out

    def ids(self) -> list[int]:
        with self.engine.connect() as conn:
            return [int(i) for i in conn.execute(select(t.incidents.c.id).order_by(t.incidents.c.id)).scalars()]

    def recent(self, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
        """The incidents, most recently active first, each with its claims (interface.md's shape)."""
        with self.engine.connect() as conn:
            ids = [
                int(i)
                for i in conn.execute(
                    select(t.incidents.c.id)
                    .order_by(t.incidents.c.last_seen.desc().nulls_last(), t.incidents.c.id.desc())
                    .limit(limit)
                    .offset(offset)
                ).scalars()
            ]
            return [self._json(conn, i) for i in ids]

    def get(self, incident_id: int) -> dict[str, Any] | None:
        with self.engine.connect() as conn:
            exists = conn.execute(select(t.incidents.c.id).where(t.incidents.c.id == incident_id)).scalar()
            return self._json(conn, incident_id) if exists else None

    def incident_of(self, post_id: int) -> int | None:
        with self.engine.connect() as conn:
            found = conn.execute(
                select(t.incident_claims.c.incident_id).where(t.incident_claims.c.post_id == post_id)
            ).scalar()
        return int(found) if found is not None else None

    def claim_contents(self, incident_id: int) -> dict[int, tuple[str, str, Analysis | None, str]]:
        """Per claim (post id): its title, its text, its analysis (by this analyser, if it has one) and its
        source's kind, read in one query."""
        q = (
            select(t.posts.c.id, t.posts.c.title, t.posts.c.text, t.analyses.c.data, t.sources.c.kind)
            .join(t.incident_claims, t.incident_claims.c.post_id == t.posts.c.id)
            .join(t.sources, t.sources.c.id == t.posts.c.source_id)
            .outerjoin(t.analyses, self._analysis_of(t.posts.c.id))
            .where(t.incident_claims.c.incident_id == incident_id)
        )
        with self.engine.connect() as conn:
            return {
                int(r.id): (
                    r.title or "",
                    r.text or "",
                    Analysis.model_validate(r.data) if r.data else None,
                    str(r.kind),
                )
                for r in conn.execute(q)
            }

    def events(self, incident_id: int) -> list[dict[str, Any]]:
        with self.engine.connect() as conn:
            rows = conn.execute(
                select(t.incident_events)
                .where(t.incident_events.c.incident_id == incident_id)
                .order_by(t.incident_events.c.id)
            ).all()
        return [
            {"at": _iso(r.at), "by": r.by, "action": r.action, "rationale": r.rationale, "details": r.details}
            for r in rows
        ]

    def _json(self, conn: Connection, incident_id: int) -> dict[str, Any]:
        inc = conn.execute(select(t.incidents).where(t.incidents.c.id == incident_id)).one()
        claims = conn.execute(
            select(
                t.incident_claims.c.post_id,
                t.incident_claims.c.reason,
                t.incident_claims.c.seen_at,
                t.incident_claims.c.recycled,
                t.posts.c.url,
                t.posts.c.external_id,
                t.posts.c.title,
                t.sources.c.name.label("source"),
            )
            .join(t.posts, t.posts.c.id == t.incident_claims.c.post_id)
            .join(t.sources, t.sources.c.id == t.posts.c.source_id)
            .where(t.incident_claims.c.incident_id == incident_id)
            .order_by(t.incident_claims.c.seen_at, t.incident_claims.c.post_id)
        ).all()
        return {
            "id": inc.id,
            "victim": inc.victim,
            "actor": inc.actor,
            "claim_type": inc.claim_type,
            "severity": inc.severity_level,
            "severity_score": inc.severity_score,
            "severity_factors": inc.severity_factors or {},
            "verification": inc.verification,
            "verification_reason": inc.verification_reason,
            "country": inc.country,
            "sector": inc.sector,
            "records": inc.records,
            "recycled": bool(inc.recycled),
            "data_year": (inc.facts or {}).get("data_year"),
            "first_seen": _iso(inc.first_seen),
            "last_seen": _iso(inc.last_seen),
            "claims": [
                {
                    "post_id": c.post_id,
                    "source": c.source,
                    "url": c.url,
                    "external_id": c.external_id,
                    "title": c.title,
                    "seen_at": _iso(c.seen_at),
                    "recycled": bool(c.recycled),
                    "reason": c.reason,
                }
                for c in claims
            ],
        }

    # --- analysts' changes

    def merge(self, into: int, other: int, by: str, rationale: str) -> None:
        """Move every claim of `other` into `into` (and delete `other`), recorded with who and why."""
        if into == other:
            raise InputError("an incident cannot be merged into itself")
        with self.engine.begin() as conn:
            self._must_exist(conn, into, other)
            moved = [
                int(p)
                for p in conn.execute(
                    select(t.incident_claims.c.post_id).where(t.incident_claims.c.incident_id == other)
                ).scalars()
            ]
            conn.execute(
                update(t.incident_claims)
                .where(t.incident_claims.c.incident_id == other)
                .values(incident_id=into, reason=f"merged from incident {other} by {by}: {rationale}")
            )
            keys = {
                str(k)
                for k in conn.execute(
                    select(t.incident_keys.c.key).where(t.incident_keys.c.incident_id == other)
                ).scalars()
            }
            self._add_keys(conn, into, keys)
            self._log(conn, into, by, "merge", rationale, {"merged": other, "posts": moved})
            self._log(conn, other, by, "merged_into", rationale, {"into": into, "posts": moved})
            names = self._names(conn, into, other)
            self._rebuild(conn, other)  # no claims left: deleted
            self._rebuild(conn, into)
            self._refresh_entities(conn, names, into)

    def split(self, incident_id: int, post_ids: Sequence[int], by: str, rationale: str) -> int:
        """Move the given claims out of an incident into a new one; returns the new incident's id."""
        with self.engine.begin() as conn:
            self._must_exist(conn, incident_id)
            claimed = {
                int(p)
                for p in conn.execute(
                    select(t.incident_claims.c.post_id).where(t.incident_claims.c.incident_id == incident_id)
                ).scalars()
            }
            wanted = set(post_ids)
            if not wanted or not wanted <= claimed:
                raise InputError(
                    f"incident {incident_id} has no claim(s) {sorted(wanted - claimed)}: give its post ids"
                )
            if wanted == claimed:
                raise InputError("a split must leave at least one claim in the incident")
            at = now()
            new_id = int(
                conn.execute(
                    insert(t.incidents)
                    .values(
                        key=f"split-{incident_id}-{min(wanted)}-{int(at.timestamp())}",
                        created_at=at,
                        updated_at=at,
                        verification="unverified",
                        claims=0,
                    )
                    .returning(t.incidents.c.id)
                ).scalar_one()
            )
            conn.execute(
                update(t.incident_claims)
                .where(t.incident_claims.c.post_id.in_(sorted(wanted)))
                .values(incident_id=new_id, reason=f"split from incident {incident_id} by {by}: {rationale}")
            )
            self._log(conn, incident_id, by, "split", rationale, {"posts": sorted(wanted), "new": new_id})
            self._log(conn, new_id, by, "split_from", rationale, {"from": incident_id, "posts": sorted(wanted)})
            names = self._names(conn, incident_id)
            self._rebuild(conn, incident_id)
            self._rebuild(conn, new_id)
            self._refresh_entities(conn, names, incident_id, new_id)
            return new_id

    def verify(self, incident_id: int, status: str, by: str, rationale: str) -> None:
        """An analyst's verification status (a taxonomy value) with the rationale; it stands over the automatic
        one until the analyst gives `auto`, which hands it back to the claims."""
        from darkwire.taxonomy import taxonomy

        allowed = taxonomy().verification
        if status != "auto" and status not in allowed:
            raise InputError(f"verification is one of {', '.join(allowed)} (or auto), not {status!r}")
        if not rationale.strip():
            raise InputError("say why: a verification needs a rationale")
        with self.engine.begin() as conn:
            self._must_exist(conn, incident_id)
            before = conn.execute(select(t.incidents.c.verification).where(t.incidents.c.id == incident_id)).scalar()
            reason = None if status == "auto" else f"analyst: {by}: {rationale}"
            conn.execute(
                update(t.incidents)
                .where(t.incidents.c.id == incident_id)
                .values(verification=before if status == "auto" else status, verification_reason=reason)
            )
            self._log(conn, incident_id, by, "verify", rationale, {"from": before, "to": status})
            names = self._names(conn, incident_id)
            self._rebuild(conn, incident_id)  # recomputes the automatic status when the analyst's is gone
            self._refresh_entities(conn, names, incident_id)

    def _names(self, conn: Connection, *ids: int) -> tuple[set[str], set[str]]:
        rows = conn.execute(select(t.incidents.c.actor, t.incidents.c.victim).where(t.incidents.c.id.in_(ids))).all()
        return {r.actor for r in rows if r.actor}, {r.victim for r in rows if r.victim}

    def _refresh_entities(self, conn: Connection, before: tuple[set[str], set[str]], *ids: int) -> None:
        after = self._names(conn, *ids)
        entities.refresh(conn, before[0] | after[0], before[1] | after[1])

    def _must_exist(self, conn: Connection, *ids: int) -> None:
        for i in ids:
            if conn.execute(select(t.incidents.c.id).where(t.incidents.c.id == i)).scalar() is None:
                raise InputError(f"no incident {i}")

    def _log(self, conn: Connection, incident_id: int, by: str, action: str, rationale: str, details: Any) -> None:
        conn.execute(
            insert(t.incident_events).values(
                incident_id=incident_id, at=now(), by=by, action=action, rationale=rationale, details=details
            )
        )


@dataclass
class IncidentFilter:
    """What the incident list, the feeds and the exports may be narrowed by (interface.md)."""

    q: str | None = None
    countries: set[str] = field(default_factory=set)
    sectors: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    claim_types: set[str] = field(default_factory=set)
    severities: set[str] = field(default_factory=set)
    verifications: set[str] = field(default_factory=set)
    victim: str | None = None
    since: datetime | None = None
    until: datetime | None = None


def encode_cursor(last_seen: datetime | None, incident_id: int) -> str:
    """An opaque place in an ordering of incidents by a time and then their id (the list's, TAXII's)."""
    raw = f"{_utc(last_seen).isoformat() if last_seen else ''}|{incident_id}"
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str) -> tuple[datetime | None, int]:
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        seen, incident_id = raw.split("|", 1)
        return (datetime.fromisoformat(seen) if seen else None), int(incident_id)
    except (ValueError, UnicodeDecodeError) as e:
        raise InputError("the cursor is not one this server gave: start again without it") from e


def _utc(value: datetime | None) -> datetime:
    if value is None:
        return now()
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def _iso(value: datetime | None) -> str | None:
    return _utc(value).isoformat() if value is not None else None
