"""Delivering alerts to their tenant's channels: webhooks and e-mail.

Each alert that `evaluate` makes or raises becomes one delivery per channel of its tenant, kept in the store
until it is delivered: a crash loses nothing. A webhook gets a JSON body signed with HMAC-SHA256 of the
channel's secret (`X-Darkwire-Signature: sha256=<hex>`), with `X-Darkwire-Delivery` (the same id on every
retry, so a receiver can drop a repeat) and `X-Darkwire-Timestamp`. A failed try is retried with exponential
backoff (1 s, 2 s, 4 s ... up to 10 minutes); after MAX_ATTEMPTS tries the delivery is dead and says why. The
body is Slack- and Teams-compatible: a `text` line that both show, besides darkwire's own fields.

A channel in 'digest' mode gets no delivery per alert: darkwire.alerts.digest sends it one digest a day, through
the same signing, SMTP settings, backoff and dead letters written here.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import smtplib
import ssl
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from typing import Any

import httpx
from sqlalchemy import Table, insert, select, update

from darkwire.alerts import Raised
from darkwire.settings import Settings, get_settings
from darkwire.store import Store
from darkwire.store import schema as t

log = logging.getLogger("darkwire")

MAX_ATTEMPTS = 8
MAX_BACKOFF = 600.0  # seconds
TIMEOUT = 10.0


def _now() -> datetime:
    return datetime.now(UTC)


def new_client() -> httpx.Client:
    return httpx.Client(timeout=TIMEOUT, trust_env=False, follow_redirects=False)


def enqueue(store: Store, raised: Sequence[Raised]) -> int:
    """One pending delivery per alert and channel of its tenant ('each' channels: a digest channel gets the alert in
    its next daily digest); returns how many."""
    if not raised:
        return 0
    at = _now()
    rows = []
    with store.engine.begin() as conn:
        for r in raised:
            chans = conn.execute(
                select(t.channels.c.id).where(
                    t.channels.c.tenant_id == r.tenant_id,
                    t.channels.c.deleted_at.is_(None),
                    t.channels.c.mode == "each",
                )
            ).scalars()
            rows += [
                {
                    "alert_id": r.alert_id,
                    "channel_id": int(c),
                    "status": "pending",
                    "next_attempt_at": at,
                    "created_at": at,
                }
                for c in chans
            ]
        if rows:
            conn.execute(insert(t.deliveries), rows)
    return len(rows)


def sign(secret: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


def payload(store: Store, alert_id: int, base_url: str = "") -> dict[str, Any]:
    with store.engine.connect() as conn:
        a = conn.execute(select(t.alerts).where(t.alerts.c.id == alert_id)).one()
        w = conn.execute(select(t.watchlists.c.name).where(t.watchlists.c.id == a.watchlist_id)).scalar()
    inc = store.incidents.get(int(a.incident_id)) or {}
    reasons = list(a.reasons or [])
    why = reasons_line(reasons)
    victim = inc.get("victim") or "an unnamed victim"
    link = f"{base_url.rstrip('/')}/incidents/{a.incident_id}" if base_url else f"/incidents/{a.incident_id}"
    text = f"darkwire alert [{a.severity or 'unknown'}]: {victim} ({inc.get('claim_type') or 'claim'}) — {why}. {link}"
    return {
        "text": text,  # what Slack and Teams show
        "alert": {
            "id": a.id,
            "watchlist": w,
            "severity": a.severity,
            "reasons": reasons,
            "updated_at": a.updated_at.isoformat(),
        },
        "incident": {
            k: inc.get(k)
            for k in (
                "id",
                "victim",
                "actor",
                "claim_type",
                "country",
                "sector",
                "records",
                "severity",
                "severity_score",
                "verification",
                "first_seen",
                "last_seen",
            )
        },
        "link": link,
    }


def reasons_line(reasons: Sequence[dict[str, Any]]) -> str:
    """Why an alert matched, in one line (its first five reasons)."""
    return "; ".join(str(r.get("why") or f"{r['kind']} '{r['term']}' matched {r['field']}") for r in reasons[:5])


def run_due(store: Store, client: httpx.Client | None = None, base_url: str = "", limit: int = 50) -> int:
    """Try every delivery that is due; returns how many were delivered."""
    own = client is None
    client = client or new_client()
    delivered = 0
    try:
        with store.engine.connect() as conn:
            due = conn.execute(
                select(
                    t.deliveries.c.id,
                    t.deliveries.c.alert_id,
                    t.deliveries.c.attempts,
                    t.channels.c.kind,
                    t.channels.c.target,
                    t.channels.c.secret,
                )
                .join(t.channels, t.channels.c.id == t.deliveries.c.channel_id)
                .where(t.deliveries.c.status == "pending", t.deliveries.c.next_attempt_at <= _now())
                .order_by(t.deliveries.c.next_attempt_at, t.deliveries.c.id)
                .limit(limit)
            ).all()
        for d in due:
            delivered += record(store, t.deliveries, d.id, d.attempts, *_send(store, d, client, base_url))
    finally:
        if own:
            client.close()
    return delivered


def _send(store: Store, d: Any, client: httpx.Client, base_url: str) -> tuple[bool, str]:
    """One try of one delivery: (delivered, why not)."""
    data = payload(store, int(d.alert_id), base_url)
    if d.kind == "email":
        return mail(d.target, *_alert_mail(data), str(d.id))
    return post_signed(client, d.target, d.secret, data, str(d.id))


def post_signed(
    client: httpx.Client, url: str, secret: str | None, data: dict[str, Any], delivery_id: str, at: float | None = None
) -> tuple[bool, str]:
    """One POST of a JSON body, signed when there is a secret: (delivered, why not)."""
    body = json.dumps(data, ensure_ascii=False, default=str).encode()
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "darkwire-alerts",
        "X-Darkwire-Delivery": delivery_id,
        "X-Darkwire-Timestamp": str(int(time.time() if at is None else at)),
    }
    if secret:
        headers["X-Darkwire-Signature"] = sign(secret, body)
    try:
        r = client.post(url, content=body, headers=headers)
    except httpx.HTTPError as e:
        return False, f"{type(e).__name__}: {str(e)[:200]}"
    return 200 <= r.status_code < 300, f"HTTP {r.status_code}"


def record(
    store: Store, table: Table, row_id: int, attempts: int, ok: bool, why: str, now: datetime | None = None
) -> int:
    """Record one try of a delivery (or a digest: `table`): delivered, or failed (retried after the backoff, dead
    after MAX_ATTEMPTS tries). Returns 1 when delivered, else 0."""
    tries = attempts + 1
    values: dict[str, Any] = {"attempts": tries}
    if ok:
        values.update(status="delivered", delivered_at=now or _now(), last_error=None)
    elif tries >= MAX_ATTEMPTS:
        values.update(status="dead", next_attempt_at=None, last_error=why)
    else:
        values.update(next_attempt_at=(now or _now()) + timedelta(seconds=backoff(tries)), last_error=why)
    with store.engine.begin() as conn:
        conn.execute(update(table).where(table.c.id == row_id).values(**values))
    return int(ok)


def mail(to: str, subject: str, text: str, delivery_id: str) -> tuple[bool, str]:
    """One try of an e-mail (send_mail): (delivered, why not)."""
    try:
        send_mail(to, subject, text, delivery_id)
    except (OSError, smtplib.SMTPException, ValueError) as e:
        return False, f"{type(e).__name__}: {str(e)[:200]}"
    return True, ""


def _alert_mail(data: dict[str, Any]) -> tuple[str, str]:
    """The subject and text of one alert's e-mail."""
    incident = data.get("incident") or {}
    subject = f"[darkwire] {data['alert'].get('severity') or 'alert'}: {incident.get('victim') or 'unnamed victim'}"
    lines = []
    for r in data["alert"].get("reasons", []):
        why = r.get("why") or f"{r.get('kind', '')} {r.get('term')!r} in {r.get('field')}"
        lines.append(f"- {why}: {r.get('text', '')}")
    reasons = "\n".join(lines)
    text = f"{data['text']}\n\nWhy it matched:\n{reasons}\n\n{json.dumps(incident, indent=1, default=str)}\n"
    return subject, text


def send_mail(to: str, subject: str, text: str, delivery_id: str, settings: Settings | None = None) -> None:
    """One plain-text message over SMTP, with STARTTLS (the certificate checked) unless turned off."""
    s = settings or get_settings()
    if not s.smtp_host:
        raise ValueError("no SMTP server is configured (DARKWIRE_SMTP_HOST)")
    msg = EmailMessage()
    msg["Subject"] = " ".join(subject.split())[:200]  # no header injection through a victim's name
    msg["From"] = s.smtp_from
    msg["To"] = to
    msg["X-Darkwire-Delivery"] = delivery_id
    msg.set_content(text)
    with smtplib.SMTP(s.smtp_host, s.smtp_port, timeout=TIMEOUT) as smtp:
        if s.smtp_starttls:
            context = ssl.create_default_context(cafile=str(s.smtp_ca_file) if s.smtp_ca_file else None)
            smtp.starttls(context=context)
        if s.smtp_user and s.smtp_password:
            smtp.login(s.smtp_user, s.smtp_password.get_secret_value())
        smtp.send_message(msg)


def backoff(tries: int) -> float:
    """Seconds before the next try after `tries` failed ones: 1, 2, 4 ... at most MAX_BACKOFF."""
    return min(MAX_BACKOFF, 2.0 ** (tries - 1))


def deliveries(store: Store, tenant_id: int, limit: int = 100) -> list[dict[str, Any]]:
    """The tenant's latest deliveries of alerts to its channels, newest first: pending, delivered or dead, with
    the tries made and the last error."""
    with store.engine.connect() as conn:
        rows = conn.execute(
            select(t.deliveries, t.alerts.c.incident_id)
            .join(t.alerts, t.alerts.c.id == t.deliveries.c.alert_id)
            .where(t.alerts.c.tenant_id == tenant_id)
            .order_by(t.deliveries.c.id.desc())
            .limit(limit)
        ).all()
    return [
        {
            "id": r.id,
            "alert_id": r.alert_id,
            "incident_id": r.incident_id,
            "channel_id": r.channel_id,
            "status": r.status,
            "attempts": r.attempts,
            "last_error": r.last_error,
            "created_at": _iso(r.created_at),
            "next_attempt_at": _iso(r.next_attempt_at) if r.status == "pending" else None,
            "delivered_at": _iso(r.delivered_at),
        }
        for r in rows
    ]


def _iso(value: datetime | None) -> str | None:
    if value is None:
        return None
    return (value if value.tzinfo else value.replace(tzinfo=UTC)).isoformat()  # SQLite gives back naive UTC


class Deliverer:
    """A thread that delivers what is due, woken at once when alerts are made, and makes and sends the daily
    digests of digest channels."""

    def __init__(self, store: Store, base_url: str = "", interval: float = 1.0) -> None:
        self.store = store
        self.base_url = base_url
        self.interval = interval
        self.wake = threading.Event()
        self.stop = threading.Event()

    def alerted(self, raised: Sequence[Raised]) -> None:
        if enqueue(self.store, raised):
            self.wake.set()

    def run_forever(self) -> None:
        from darkwire.alerts import digest  # it builds on this module

        with new_client() as client:
            while not self.stop.is_set():
                try:
                    run_due(self.store, client, self.base_url)
                except Exception as e:  # a delivery problem never stops the loop
                    log.warning("alert delivery: %s", type(e).__name__)
                try:
                    digest.due(self.store)
                    digest.run_due(self.store, client, self.base_url)
                except Exception as e:  # nor does a digest problem, nor does it hold up the alerts
                    log.warning("alert digest: %s", type(e).__name__)
                self.wake.wait(self.interval)
                self.wake.clear()
