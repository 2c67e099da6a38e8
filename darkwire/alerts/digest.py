"""The daily digest: a channel in 'digest' mode gets one message a day listing its tenant's alerts, instead of one
message per alert (docs/alerts.md, "Daily digest").

`due` makes the digests that are due. A channel's periods follow each other without gap or overlap, a day each, at
the time of day the channel was made: the first starts then, each next one where the last ended. When darkwire
was stopped for longer, the next digest covers every whole day missed, so that no alert falls between two
digests. A digest holds the tenant's alerts made or raised in its period; a period without any is recorded as
'empty' and sends nothing. `run_due` then
sends the pending digests like deliveries (darkwire.alerts.deliver): the same signed webhook headers, with
`X-Darkwire-Delivery: digest-<id>`, the same SMTP settings, the same backoff and dead letter after MAX_ATTEMPTS.
Both take `now`, so that a test can be a day later; they read the clock only when it is not given.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import and_, func, insert, or_, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError

from darkwire.alerts import deliver
from darkwire.alerts.match import LEVELS
from darkwire.store import Store
from darkwire.store import schema as t

PERIOD = timedelta(hours=24)
IN_TEXT = 20  # alerts listed in the `text` that Slack and Teams show (all of them are in `alerts`)


def _now() -> datetime:
    return datetime.now(UTC)


def _aware(value: datetime) -> datetime:
    return value if value.tzinfo else value.replace(tzinfo=UTC)  # SQLite gives back naive UTC


def due(store: Store, now: datetime | None = None) -> int:
    """Close every digest channel's period that is a day old: one pending digest each when the period had alerts,
    an empty one otherwise. Returns how many digests are to be sent. Cheap when none is due (one query)."""
    now = _aware(now) if now else _now()
    d = t.digests
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.channels.c.id, t.channels.c.tenant_id, t.channels.c.created_at, func.max(d.c.period_end))
            .outerjoin(d, d.c.channel_id == t.channels.c.id)
            .where(t.channels.c.mode == "digest", t.channels.c.deleted_at.is_(None))
            .group_by(t.channels.c.id, t.channels.c.tenant_id, t.channels.c.created_at)
        ).all()
    made = 0
    for channel_id, tenant_id, created_at, last_end in rows:
        start = _aware(last_end or created_at)
        days = (now - start) // PERIOD
        if days >= 1:
            made += _make(store, int(channel_id), int(tenant_id), start, start + days * PERIOD, now)
    return made


def _make(store: Store, channel_id: int, tenant_id: int, start: datetime, end: datetime, now: datetime) -> int:
    """The digest of one channel for (start, end]: 1 when it has alerts to send, else 0. Two makers of the same
    period (two processes on one store) make it once."""
    a = t.alerts.c
    try:
        with store.engine.begin() as conn:
            ids = conn.execute(
                select(a.id)
                .where(
                    a.tenant_id == tenant_id,
                    or_(
                        and_(a.created_at > start, a.created_at <= end),  # made in the period
                        and_(a.updated_at > start, a.updated_at <= end),  # or raised in it
                    ),
                )
                .order_by(a.id)
            ).scalars()
            alert_ids = [int(i) for i in ids]
            conn.execute(
                insert(t.digests).values(
                    channel_id=channel_id,
                    period_start=start,
                    period_end=end,
                    alert_ids=alert_ids,
                    status="pending" if alert_ids else "empty",
                    next_attempt_at=end if alert_ids else None,
                    created_at=now,
                )
            )
    except IntegrityError:
        return 0
    return 1 if alert_ids else 0


def run_due(
    store: Store, client: httpx.Client | None = None, base_url: str = "", now: datetime | None = None, limit: int = 20
) -> int:
    """Try every pending digest that is due; returns how many were delivered."""
    now = _aware(now) if now else _now()
    own = client is None
    client = client or deliver.new_client()
    d = t.digests
    delivered = 0
    try:
        with store.engine.connect() as conn:
            rows = conn.execute(
                select(d, t.channels.c.kind, t.channels.c.target, t.channels.c.secret, t.channels.c.tenant_id)
                .join(t.channels, t.channels.c.id == d.c.channel_id)
                .where(d.c.status == "pending", d.c.next_attempt_at <= now)
                .order_by(d.c.next_attempt_at, d.c.id)
                .limit(limit)
            ).all()
        for row in rows:
            delivered += deliver.record(store, d, row.id, row.attempts, *_send(store, row, client, base_url, now), now)
    finally:
        if own:
            client.close()
    return delivered


def _send(store: Store, row: Any, client: httpx.Client, base_url: str, now: datetime) -> tuple[bool, str]:
    """One try of one digest: (delivered, why not)."""
    with store.engine.connect() as conn:
        data = _payload(conn, row, base_url)
    delivery_id = f"digest-{row.id}"
    if row.kind == "email":
        return deliver.mail(row.target, _subject(data), _email_text(data), delivery_id)
    return deliver.post_signed(client, row.target, row.secret, data, delivery_id, now.timestamp())


def _payload(conn: Connection, row: Any, base_url: str = "") -> dict[str, Any]:
    """The body of a digest: a `text` for Slack and Teams (a summary line, then the first alerts, one a line), the
    period, and every alert with its incident, victim, severity, why it matched and a link. The most severe
    first."""
    base = base_url.rstrip("/")
    rows = conn.execute(
        select(t.alerts, t.incidents.c.victim, t.incidents.c.claim_type, t.watchlists.c.name.label("watchlist"))
        .join(t.incidents, t.incidents.c.id == t.alerts.c.incident_id)
        .join(t.watchlists, t.watchlists.c.id == t.alerts.c.watchlist_id)
        .where(t.alerts.c.id.in_(list(row.alert_ids)), t.alerts.c.tenant_id == row.tenant_id)
    ).all()  # an alert whose incident is gone since is left out
    found = sorted(rows, key=lambda a: (-LEVELS.get(a.severity or "", -1), a.id))
    items = [
        {
            "id": a.id,
            "incident_id": a.incident_id,
            "victim": a.victim,
            "claim_type": a.claim_type,
            "severity": a.severity,
            "watchlist": a.watchlist,
            "reasons": deliver.reasons_line(list(a.reasons or [])),
            "raised": _aware(a.updated_at) > _aware(a.created_at),
            "link": f"{base}/incidents/{a.incident_id}",
        }
        for a in found
    ]
    start, end = _aware(row.period_start), _aware(row.period_end)
    lines = [_summary(items, start, end)]
    lines += [
        f"• [{i['severity'] or 'unknown'}] {i['victim'] or 'an unnamed victim'} — {i['reasons']}. {i['link']}"
        for i in items[:IN_TEXT]
    ]
    if len(items) > IN_TEXT:
        lines.append(f"… and {len(items) - IN_TEXT} more: {base}/alerts")
    return {
        "text": "\n".join(lines),
        "digest": {"id": row.id, "period_start": start.isoformat(), "period_end": end.isoformat(), "count": len(items)},
        "alerts": items,
    }


def _summary(items: list[dict[str, Any]], start: datetime, end: datetime) -> str:
    counts: dict[str, int] = {}
    for i in items:
        counts[i["severity"] or "unknown"] = counts.get(i["severity"] or "unknown", 0) + 1
    by_level = ", ".join(f"{n} {level}" for level, n in counts.items())
    span = f"{start:%Y-%m-%d %H:%M} to {end:%Y-%m-%d %H:%M} UTC"
    return f"darkwire daily digest: {len(items)} alert{'s' if len(items) != 1 else ''} ({by_level}), {span}"


def _subject(data: dict[str, Any]) -> str:
    n = data["digest"]["count"]
    return f"[darkwire] daily digest: {n} alert{'s' if n != 1 else ''}"


def _email_text(data: dict[str, Any]) -> str:
    blocks = [data["text"].splitlines()[0]]
    for i in data["alerts"]:
        raised = " (severity raised)" if i["raised"] else ""
        blocks.append(
            f"[{i['severity'] or 'unknown'}] {i['victim'] or 'an unnamed victim'} ({i['claim_type'] or 'claim'})"
            f"{raised}\n  watchlist: {i['watchlist']}\n  why: {i['reasons']}\n  {i['link']}"
        )
    return "\n\n".join(blocks) + "\n"


def digests(store: Store, tenant_id: int, limit: int = 50) -> list[dict[str, Any]]:
    """The tenant's latest digests, newest first (the empty periods left out)."""
    d = t.digests
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(d)
            .join(t.channels, t.channels.c.id == d.c.channel_id)
            .where(t.channels.c.tenant_id == tenant_id, d.c.status != "empty")
            .order_by(d.c.period_end.desc(), d.c.id.desc())
            .limit(limit)
        ).all()
    return [
        {
            "id": r.id,
            "channel_id": r.channel_id,
            "period_start": _aware(r.period_start).isoformat(),
            "period_end": _aware(r.period_end).isoformat(),
            "alerts": len(r.alert_ids),
            "status": r.status,
            "attempts": r.attempts,
            "last_error": r.last_error,
            "delivered_at": _aware(r.delivered_at).isoformat() if r.delivered_at else None,
        }
        for r in rows
    ]
