"""Actors and organisations as records: who claims, who is named, and their track record, kept up to date
from the incidents they appear in (an actor's count of corroborated and recycled incidents tells how far its
word goes; severity v2 will read it)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, func, insert, select, update

from darkwire.store import schema as t


def refresh(conn: Connection, actors: Iterable[str], organizations: Iterable[str]) -> None:
    """Recompute the records of these actors and organisations from their incidents (creating them as needed;
    one left with no incident keeps its record, with zero counts)."""
    for name in sorted({a for a in actors if a}):
        _refresh_one(conn, t.actors, t.incidents.c.actor, name)
    for name in sorted({o for o in organizations if o}):
        _refresh_one(conn, t.organizations, t.incidents.c.victim, name)


def _refresh_one(conn: Connection, table: Table, column: Any, name: str) -> None:
    c = t.incidents.c
    wanted = [c.claims, c.verification, c.recycled, c.first_seen, c.last_seen, c.country, c.sector]
    if table is t.organizations:
        wanted.append(c.facts)  # for its domain; an actor's record never reads its incidents' facts
    rows = conn.execute(select(*wanted).where(column == name)).all()
    seen = [_utc(r.first_seen) for r in rows if r.first_seen] + [_utc(r.last_seen) for r in rows if r.last_seen]
    values: dict[str, Any] = {
        "incidents": len(rows),
        "claims": sum(int(r.claims or 0) for r in rows),
        "corroborated": sum(1 for r in rows if r.verification == "corroborated"),
        "recycled": sum(1 for r in rows if r.recycled),
        "confirmed": sum(1 for r in rows if r.verification == "confirmed"),
        "disputed": sum(1 for r in rows if r.verification == "disputed"),
        "first_seen": min(seen) if seen else None,
        "last_seen": max(seen) if seen else None,
    }
    if table is t.organizations:
        values["country"] = _most(r.country for r in rows)
        values["sector"] = _most(r.sector for r in rows)
        domains: Counter[str] = Counter()
        for r in rows:
            domains.update((r.facts or {}).get("counts", {}).get("domain", {}))
        values["domain"] = min(domains, key=lambda d: (-domains[d], d)) if domains else None
    found = conn.execute(select(table.c.id).where(table.c.name == name)).scalar()
    if found is None:
        conn.execute(insert(table).values(name=name, aliases=[], **values))
    else:
        conn.execute(update(table).where(table.c.id == found).values(**values))


def listing(engine: Any, table: Table, limit: int = 100, offset: int = 0) -> list[dict[str, Any]]:
    """Records by how many incidents they appear in, then by name."""
    with engine.connect() as conn:
        rows = conn.execute(
            select(table)
            .where(table.c.incidents > 0)
            .order_by(table.c.incidents.desc(), func.lower(table.c.name))
            .limit(limit)
            .offset(offset)
        ).all()
    return [_json(r) for r in rows]


def one(engine: Any, table: Table, record_id: int, incident_limit: int = 100) -> dict[str, Any] | None:
    """One record with its incidents (most recent first)."""
    column = t.incidents.c.actor if table is t.actors else t.incidents.c.victim
    with engine.connect() as conn:
        row = conn.execute(select(table).where(table.c.id == record_id)).first()
        if row is None:
            return None
        incidents = conn.execute(
            select(
                t.incidents.c.id,
                t.incidents.c.victim,
                t.incidents.c.actor,
                t.incidents.c.claim_type,
                t.incidents.c.severity_level,
                t.incidents.c.verification,
                t.incidents.c.last_seen,
            )
            .where(column == row.name)
            .order_by(t.incidents.c.last_seen.desc().nulls_last(), t.incidents.c.id.desc())
            .limit(incident_limit)
        ).all()
    out = _json(row)
    out["incidents_list"] = [
        {
            "id": i.id,
            "victim": i.victim,
            "actor": i.actor,
            "claim_type": i.claim_type,
            "severity": i.severity_level,
            "verification": i.verification,
            "last_seen": _utc(i.last_seen).isoformat() if i.last_seen else None,
        }
        for i in incidents
    ]
    return out


def _json(r: Any) -> dict[str, Any]:
    out = {k: v for k, v in r._mapping.items()}
    for key in ("first_seen", "last_seen"):
        if out.get(key) is not None:
            out[key] = _utc(out[key]).isoformat()
    return out


def _most(values: Iterable[str | None]) -> str | None:
    counted = Counter(v for v in values if v)
    return min(counted, key=lambda v: (-counted[v], v)) if counted else None


def _utc(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)
