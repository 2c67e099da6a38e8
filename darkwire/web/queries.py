"""Read-only queries for the web pages and their JSON twins: the latest claims with their analyses.

Kept apart from the store's write path: these only read, through the store's engine, and return plain dicts
ready for JSON or a template (which escapes every value).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import bindparam, text

from darkwire.store import Store

_CLAIMS = """
SELECT p.id AS post_id, p.external_id, p.title, substr(p.text, 1, 400) AS excerpt, p.url, p.author,
       p.posted_at, p.fetched_at, p.language, s.name AS source,
       a.claim_type, a.victim_name, a.country, a.sector, a.actor, a.severity_level, a.severity_score, a.records
FROM posts p
JOIN sources s ON s.id = p.source_id
LEFT JOIN analyses a ON a.post_id = p.id AND a.analyzer_version = :version
"""


def claims(store: Store, version: str, limit: int = 50, post_ids: list[int] | None = None) -> list[dict[str, Any]]:
    """The newest claims (by post time, then arrival), or the given posts in the given order."""
    if post_ids is not None:
        if not post_ids:
            return []
        stmt = text(_CLAIMS + " WHERE p.id IN :ids").bindparams(bindparam("ids", expanding=True))
        params: dict[str, Any] = {"version": version, "ids": post_ids}
    else:
        stmt = text(_CLAIMS + " ORDER BY COALESCE(p.posted_at, p.fetched_at) DESC, p.id DESC LIMIT :limit")
        params = {"version": version, "limit": limit}
    with store.engine.connect() as conn:
        rows = [dict(r._mapping) for r in conn.execute(stmt, params)]
    for row in rows:
        for key in ("posted_at", "fetched_at"):
            if row[key] is not None and not isinstance(row[key], str):
                row[key] = row[key].isoformat()
    if post_ids is not None:
        order = {pid: i for i, pid in enumerate(post_ids)}
        rows.sort(key=lambda r: order[r["post_id"]])
    return rows
