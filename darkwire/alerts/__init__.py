"""Watchlists, alert channels and alerts of each tenant (docs/alerts.md).

`evaluate` runs on every new or changed incident: each watchlist of every tenant is matched (darkwire.alerts.match)
and an alert is made per incident and watchlist, with its reasons. The same incident alerts a watchlist once,
unless its severity rises; then the alert is raised again. Every query here is scoped to one tenant: a tenant
never reads another's watchlists, channels or alerts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Row, Table, insert, select, update

from darkwire.alerts.match import LEVELS, Subject, Watch, match
from darkwire.errors import InputError
from darkwire.incidents.keys import victim_key
from darkwire.store import Store
from darkwire.store import schema as t

CHANNEL_KINDS = ("webhook", "email")
CHANNEL_MODES = ("each", "digest")  # a message per alert as it comes, or one daily digest (darkwire.alerts.digest)


def _now() -> datetime:
    return datetime.now(UTC)


@dataclass
class Raised:
    """An alert made or raised by `evaluate`: what its channels are to be told."""

    alert_id: int
    tenant_id: int
    watchlist_id: int
    incident_id: int
    severity: str | None
    reasons: list[dict[str, Any]]
    new: bool  # False: an earlier alert whose incident's severity rose


def add_watchlist(store: Store, tenant_id: int, watch: Watch, name: str | None = None) -> int:
    if not watch.who and not (watch.countries or watch.sectors or watch.data_types):
        raise InputError("a watchlist needs an organisation, alias, domain, vendor, keyword, actor or a scope")
    label = name or ", ".join((watch.orgs + watch.vendors + watch.domains + watch.keywords)[:3]) or "scope"
    with store.engine.begin() as conn:
        return int(
            conn.execute(
                insert(t.watchlists)
                .values(tenant_id=tenant_id, name=label[:200], spec=watch.to_json(), created_at=_now())
                .returning(t.watchlists.c.id)
            ).scalar_one()
        )


def watchlists(store: Store, tenant_id: int) -> list[dict[str, Any]]:
    rows = _live(store, t.watchlists, tenant_id)
    return [{"id": r.id, "name": r.name, "spec": r.spec, "created_at": r.created_at.isoformat()} for r in rows]


def delete_watchlist(store: Store, tenant_id: int, watchlist_id: int) -> bool:
    with store.engine.begin() as conn:
        return _remove(conn, t.watchlists, tenant_id, watchlist_id)


def _live(store: Store, table: Table, tenant_id: int) -> Sequence[Row[Any]]:
    """The tenant's rows of `table` (watchlists or channels) that are not removed, oldest first."""
    with store.engine.connect() as conn:
        return conn.execute(
            select(table).where(table.c.tenant_id == tenant_id, table.c.deleted_at.is_(None)).order_by(table.c.id)
        ).all()


def _remove(conn: Connection, table: Table, tenant_id: int, row_id: int) -> bool:
    """Marks one of the tenant's live rows of `table` removed; False when the tenant has no such row (another
    tenant's is no more visible than none)."""
    done = conn.execute(
        update(table)
        .where(table.c.id == row_id, table.c.tenant_id == tenant_id, table.c.deleted_at.is_(None))
        .values(deleted_at=_now())
    ).rowcount
    return bool(done)


def add_channel(
    store: Store, tenant_id: int, kind: str, target: str, secret: str | None = None, mode: str = "each"
) -> int:
    if kind not in CHANNEL_KINDS:
        raise InputError(f"a channel is one of {', '.join(CHANNEL_KINDS)}")
    if mode not in CHANNEL_MODES:
        raise InputError(f"a channel's mode is 'each' (a message per alert) or 'digest' (one a day), not {mode!r}")
    target = target.strip()
    if kind == "webhook" and not target.startswith(("http://", "https://")):
        raise InputError("a webhook is an http(s) address")
    if kind == "email" and ("@" not in target or any(c.isspace() for c in target)):
        raise InputError(f"{target!r} is not an e-mail address")
    with store.engine.begin() as conn:
        return int(
            conn.execute(
                insert(t.channels)
                .values(tenant_id=tenant_id, kind=kind, target=target, secret=secret, mode=mode, created_at=_now())
                .returning(t.channels.c.id)
            ).scalar_one()
        )


def channels(store: Store, tenant_id: int) -> list[dict[str, Any]]:
    """The tenant's channels (a webhook's secret is never shown again: only whether it has one)."""
    rows = _live(store, t.channels, tenant_id)
    return [{"id": r.id, "kind": r.kind, "target": r.target, "signed": bool(r.secret), "mode": r.mode} for r in rows]


def delete_channel(store: Store, tenant_id: int, channel_id: int) -> bool:
    """Remove one of the tenant's channels (False when it has no such live channel): nothing more is sent to it,
    neither alerts nor digests."""
    with store.engine.begin() as conn:
        done = _remove(conn, t.channels, tenant_id, channel_id)
        if done:  # what was still to be sent to it is not
            for table in (t.deliveries, t.digests):
                conn.execute(
                    update(table)
                    .where(table.c.channel_id == channel_id, table.c.status == "pending")
                    .values(status="dead", next_attempt_at=None, last_error="the channel was removed")
                )
    return bool(done)


def alerts(store: Store, tenant_id: int, limit: int = 100) -> list[dict[str, Any]]:
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.alerts, t.incidents.c.victim, t.watchlists.c.name.label("watchlist"))
            .join(t.incidents, t.incidents.c.id == t.alerts.c.incident_id)
            .join(t.watchlists, t.watchlists.c.id == t.alerts.c.watchlist_id)
            .where(t.alerts.c.tenant_id == tenant_id)
            .order_by(t.alerts.c.updated_at.desc(), t.alerts.c.id.desc())
            .limit(limit)
        ).all()
    return [
        {
            "id": r.id,
            "incident_id": r.incident_id,
            "victim": r.victim,
            "watchlist_id": r.watchlist_id,
            "watchlist": r.watchlist,
            "severity": r.severity,
            "reasons": r.reasons,
            "created_at": r.created_at.isoformat(),
            "updated_at": r.updated_at.isoformat(),
        }
        for r in rows
    ]


def not_us(store: Store, tenant_id: int, alert_id: int, by: str) -> int:
    """Mark an alert's match as a false one: the same terms on the same victim never alert that watchlist
    again. Returns how many terms were suppressed."""
    with store.engine.begin() as conn:
        row = conn.execute(
            select(t.alerts.c.watchlist_id, t.alerts.c.reasons, t.incidents.c.victim)
            .join(t.incidents, t.incidents.c.id == t.alerts.c.incident_id)
            .where(t.alerts.c.id == alert_id, t.alerts.c.tenant_id == tenant_id)
        ).first()
        if row is None:
            raise InputError(f"no alert {alert_id}")
        key = victim_key(row.victim) if row.victim else ""
        terms = {
            str(r["term"]).casefold() for r in row.reasons if r.get("kind") not in ("country", "sector", "data_type")
        }
        for term in sorted(terms):
            exists = conn.execute(
                select(t.suppressions.c.id).where(
                    t.suppressions.c.watchlist_id == row.watchlist_id,
                    t.suppressions.c.term == term,
                    t.suppressions.c.victim_key == key,
                )
            ).first()
            if exists is None:
                conn.execute(
                    insert(t.suppressions).values(
                        watchlist_id=row.watchlist_id, term=term, victim_key=key, by=by, created_at=_now()
                    )
                )
    return len(terms)


def evaluate(store: Store, incident_ids: Sequence[int]) -> list[Raised]:
    """Match the incidents against every live watchlist; make or raise their alerts. Cheap when no tenant has
    a watchlist (one query)."""
    with store.engine.connect() as conn:
        lists = conn.execute(select(t.watchlists).where(t.watchlists.c.deleted_at.is_(None))).all()
        if not lists or not incident_ids:
            return []
        suppressed: dict[int, set[tuple[str, str]]] = {}
        for r in conn.execute(
            select(t.suppressions.c.watchlist_id, t.suppressions.c.term, t.suppressions.c.victim_key)
        ):
            suppressed.setdefault(int(r.watchlist_id), set()).add((r.term, r.victim_key))
    watches = [(r, Watch.from_json(r.spec)) for r in lists]
    out: list[Raised] = []
    for incident_id in sorted(set(incident_ids)):
        subject = _subject(store, incident_id)
        if subject is None:
            continue
        for row, watch in watches:
            reasons = match(watch, subject, frozenset(suppressed.get(int(row.id), set())))
            if reasons:
                raised = _upsert(store, int(row.tenant_id), int(row.id), incident_id, subject.severity, reasons)
                if raised is not None:
                    out.append(raised)
    return out


def _subject(store: Store, incident_id: int) -> Subject | None:
    inc = store.incidents.get(incident_id)
    if inc is None:
        return None
    contents = store.incidents.claim_contents(incident_id)
    aliases: set[str] = set()
    domain = None
    types: set[str] = set()
    texts = []
    for title, text, analysis, _ in contents.values():
        texts.append(f"{title}\n{text}")
        if analysis is not None:
            types.update(analysis.data_types)
            if analysis.victim is not None and analysis.victim.name == inc["victim"]:
                aliases.update(analysis.victim.aliases)
                domain = domain or analysis.victim.domain
    return Subject(
        victim=inc["victim"],
        aliases=sorted(aliases),
        domain=domain,
        actor=inc["actor"],
        country=inc["country"],
        sector=inc["sector"],
        data_types=sorted(types),
        severity=inc["severity"],
        text="\n".join(texts),
    )


def _upsert(
    store: Store,
    tenant_id: int,
    watchlist_id: int,
    incident_id: int,
    severity: str | None,
    reasons: list[dict[str, Any]],
) -> Raised | None:
    at = _now()
    with store.engine.begin() as conn:
        row = conn.execute(
            select(t.alerts.c.id, t.alerts.c.severity).where(
                t.alerts.c.watchlist_id == watchlist_id, t.alerts.c.incident_id == incident_id
            )
        ).first()
        if row is None:
            alert_id = conn.execute(
                insert(t.alerts)
                .values(
                    tenant_id=tenant_id,
                    watchlist_id=watchlist_id,
                    incident_id=incident_id,
                    severity=severity,
                    reasons=reasons,
                    created_at=at,
                    updated_at=at,
                )
                .returning(t.alerts.c.id)
            ).scalar_one()
            return Raised(int(alert_id), tenant_id, watchlist_id, incident_id, severity, reasons, True)
        if LEVELS.get(severity or "", -1) > LEVELS.get(row.severity or "", -1):
            conn.execute(
                update(t.alerts)
                .where(t.alerts.c.id == row.id)
                .values(severity=severity, reasons=reasons, updated_at=at)
            )
            return Raised(int(row.id), tenant_id, watchlist_id, incident_id, severity, reasons, False)
    return None
