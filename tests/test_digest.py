"""The daily digest (issue "Accounts, watchlists and alerts": "an optional daily digest"): a digest channel gets no
message per alert but one signed digest a day of its tenant's alerts, nothing on a day without any, never the same
day twice, retried like a delivery, by webhook or e-mail; tenants kept apart; channels removed per tenant; the
migration; the commands. The clock is injected: `now` for the digest, a patched clock for when alerts are made."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text, update

import darkwire.alerts as alerting
from darkwire.accounts import tenant_id
from darkwire.alerts import add_channel, add_watchlist, alerts, channels, delete_channel, deliver, digest
from darkwire.alerts.match import Watch
from darkwire.cli import main
from darkwire.errors import InputError
from darkwire.model import Post
from darkwire.pipeline import Pipeline
from darkwire.store import Store
from darkwire.store import schema as t
from tests.netfixtures import Receiver

T = datetime(2026, 10, 1, 9, tzinfo=UTC)  # when the channels are made
DAY = timedelta(hours=24)
CLAIMS = {
    "Banco Ejemplo": "Selling emails of Banco Ejemplo (Mexico) customers, 900 rows.",
    "Clinica Santa Lucia": "Leak of Clinica Santa Lucia patient records, 40k rows, Colombia.",
    "Transportes Rapidos": "Transportes Rapidos S.A. database dump: 12k employees, names and salaries.",
}


class Clock:
    """The time darkwire.alerts reads when it makes channels and alerts."""

    def __init__(self) -> None:
        self.now = T

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr(alerting, "_now", c)
    return c


@pytest.fixture
def pipe(store: Store) -> Iterator[Pipeline]:
    with Pipeline(store, workers=1) as p:
        yield p


def claim(pipe: Pipeline, clock: Clock, at: timedelta, *victims: str) -> list[Any]:
    """Posts naming the victims, analysed and placed at T + at: the alerts they raise."""
    raised: list[Any] = []
    pipe.on_alert.append(raised.extend)
    clock.now = T + at
    posts = [Post(id=f"{v}-{at}", text=CLAIMS[v], posted_at=T) for v in victims]
    pipe.commit("forum-x", "files", {}, posts)
    pipe.analyse_pending()
    pipe.correlate_pending()
    pipe.on_alert.remove(raised.extend)
    return raised


def bank_with_digest(pipe: Pipeline, target: str, kind: str = "webhook") -> int:
    bank = tenant_id(pipe.store, "Banco Ejemplo", create=True)
    add_watchlist(pipe.store, bank, Watch(orgs=list(CLAIMS)))
    add_channel(pipe.store, bank, kind, target, "s3cret" if kind == "webhook" else None, mode="digest")
    return bank


def bodies(receiver: Receiver) -> list[dict[str, Any]]:
    return [json.loads(body) for _, body in receiver.requests]


def test_a_digest_channel_gets_one_signed_digest_a_day_instead_of_a_message_per_alert(
    pipe: Pipeline, clock: Clock, receiver: Receiver
) -> None:
    store = pipe.store
    bank = bank_with_digest(pipe, receiver.url)
    raised = claim(pipe, clock, timedelta(hours=2), *CLAIMS)
    assert len(raised) == 3 and deliver.enqueue(store, raised) == 0  # no delivery per alert
    assert deliver.run_due(store) == 0 and len(alerts(store, bank)) == 3  # the inbox has them all
    assert digest.due(store, T + DAY - timedelta(seconds=1)) == 0  # not a day yet
    assert digest.due(store, T + DAY + timedelta(hours=1)) == 1
    assert digest.due(store, T + DAY + timedelta(hours=1)) == 0  # made once
    assert digest.run_due(store, now=T + DAY + timedelta(hours=1)) == 1
    [(headers, body)] = receiver.requests
    assert headers["X-Darkwire-Signature"] == "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert headers["X-Darkwire-Delivery"].startswith("digest-")
    data = json.loads(body)
    assert data["digest"]["count"] == 3 and len(data["alerts"]) == 3
    assert data["digest"]["period_start"] == T.isoformat() and data["digest"]["period_end"] == (T + DAY).isoformat()
    assert {a["victim"] for a in data["alerts"]} == {"Banco Ejemplo", "Clinica Santa Lucia", "Transportes Rapidos S.A"}
    assert data["alerts"][0]["severity"] == "critical"  # the most severe first
    first = data["alerts"][0]
    assert first["reasons"] and first["link"] == f"/incidents/{first['incident_id']}" and first["raised"] is False
    assert data["text"].startswith("darkwire daily digest: 3 alerts (1 critical")  # what Slack and Teams show
    assert len(data["text"].splitlines()) == 4  # the summary, then one line per alert
    [made] = digest.digests(store, bank)
    assert made["status"] == "delivered" and made["alerts"] == 3 and made["attempts"] == 1


def test_a_day_without_alerts_sends_nothing_and_the_next_day_does_not_resend(
    pipe: Pipeline, clock: Clock, receiver: Receiver
) -> None:
    store = pipe.store
    bank = bank_with_digest(pipe, receiver.url)
    assert digest.due(store, T + DAY) == 0  # an empty day
    assert digest.run_due(store, now=T + DAY) == 0 and receiver.requests == []
    claim(pipe, clock, DAY + timedelta(hours=3), "Banco Ejemplo")
    claim(pipe, clock, DAY + timedelta(hours=4), "Transportes Rapidos")
    assert digest.due(store, T + 2 * DAY + timedelta(minutes=5)) == 1
    assert digest.run_due(store, now=T + 2 * DAY + timedelta(minutes=5)) == 1
    assert len(bodies(receiver)[0]["alerts"]) == 2
    # day three: one of them is raised (its severity rose), another alert is new; the rest is not sent again
    raised_id = next(a["id"] for a in alerts(store, bank) if a["victim"] == "Banco Ejemplo")
    with store.engine.begin() as conn:
        conn.execute(
            update(t.alerts)
            .where(t.alerts.c.id == raised_id)
            .values(severity="critical", updated_at=T + 2 * DAY + DAY / 2)
        )
    claim(pipe, clock, 2 * DAY + timedelta(hours=13), "Clinica Santa Lucia")
    assert digest.due(store, T + 3 * DAY) == 1 and digest.run_due(store, now=T + 3 * DAY) == 1
    third = bodies(receiver)[1]["alerts"]
    assert {a["victim"] for a in third} == {"Banco Ejemplo", "Clinica Santa Lucia"}
    assert next(a for a in third if a["victim"] == "Banco Ejemplo")["raised"] is True
    assert digest.due(store, T + 4 * DAY) == 0 and digest.run_due(store, now=T + 4 * DAY) == 0
    assert len(receiver.requests) == 2 and len(digest.digests(store, bank)) == 2  # empty days are not listed


def test_days_missed_while_stopped_go_in_one_digest_and_none_is_lost(
    pipe: Pipeline, clock: Clock, receiver: Receiver
) -> None:
    store = pipe.store
    bank_with_digest(pipe, receiver.url)
    claim(pipe, clock, timedelta(hours=1), "Banco Ejemplo")
    claim(pipe, clock, 2 * DAY + timedelta(hours=1), "Transportes Rapidos")
    claim(pipe, clock, 3 * DAY + timedelta(hours=1), "Clinica Santa Lucia")  # after the last whole day
    assert digest.due(store, T + 3 * DAY + timedelta(hours=2)) == 1
    digest.run_due(store, now=T + 3 * DAY + timedelta(hours=2))
    [data] = bodies(receiver)
    assert data["digest"]["period_end"] == (T + 3 * DAY).isoformat()  # the time of day stays the channel's
    assert {a["victim"] for a in data["alerts"]} == {"Banco Ejemplo", "Transportes Rapidos S.A"}


def test_a_failing_receiver_is_retried_then_gets_the_digest_once(pipe: Pipeline, clock: Clock) -> None:
    receiver = Receiver(failures=2)
    try:
        bank = bank_with_digest(pipe, receiver.url)
        claim(pipe, clock, timedelta(hours=1), "Banco Ejemplo", "Transportes Rapidos")
        now = T + DAY
        assert digest.due(pipe.store, now) == 1
        assert digest.run_due(pipe.store, now=now) == 0
        assert digest.run_due(pipe.store, now=now) == 0  # not yet: the backoff
        sent = [digest.run_due(pipe.store, now=now + timedelta(minutes=m)) for m in (1, 2, 3, 4)]
        assert sent == [0, 1, 0, 0] and len(receiver.requests) == 3
        assert len({h["X-Darkwire-Delivery"] for h, _ in receiver.requests}) == 1  # one id across the retries
        [d] = digest.digests(pipe.store, bank)
        assert d["status"] == "delivered" and d["attempts"] == 3 and d["last_error"] is None
    finally:
        receiver.close()


def test_a_digest_that_never_gets_through_becomes_a_dead_letter(pipe: Pipeline, clock: Clock) -> None:
    receiver = Receiver(failures=1000)
    try:
        bank = bank_with_digest(pipe, receiver.url)
        claim(pipe, clock, timedelta(hours=1), "Banco Ejemplo")
        digest.due(pipe.store, T + DAY)
        for hour in range(deliver.MAX_ATTEMPTS + 3):
            digest.run_due(pipe.store, now=T + DAY + timedelta(hours=hour))
        [d] = digest.digests(pipe.store, bank)
        assert d["status"] == "dead" and d["attempts"] == deliver.MAX_ATTEMPTS and d["last_error"] == "HTTP 500"
        assert len(receiver.requests) == deliver.MAX_ATTEMPTS
    finally:
        receiver.close()


def test_a_digest_never_holds_another_tenants_alerts(pipe: Pipeline, clock: Clock, receiver: Receiver) -> None:
    store = pipe.store
    bank = bank_with_digest(pipe, receiver.url)
    other = tenant_id(store, "Otra Empresa", create=True)
    add_watchlist(store, other, Watch(orgs=["Banco Ejemplo", "Clinica Santa Lucia"]))
    other_hook = Receiver()
    try:
        add_channel(store, other, "webhook", other_hook.url, mode="digest")
        claim(pipe, clock, timedelta(hours=1), *CLAIMS)
        assert digest.due(store, T + DAY) == 2 and digest.run_due(store, now=T + DAY) == 2
        [mine], [theirs] = bodies(receiver), bodies(other_hook)
        assert {a["id"] for a in mine["alerts"]} == {a["id"] for a in alerts(store, bank)}
        assert {a["id"] for a in theirs["alerts"]} == {a["id"] for a in alerts(store, other)}
        assert len(theirs["alerts"]) == 2 and not {a["id"] for a in mine["alerts"]} & {
            a["id"] for a in theirs["alerts"]
        }
        assert "X-Darkwire-Signature" not in other_hook.requests[0][0]  # no secret: unsigned
        assert digest.digests(store, other)[0]["channel_id"] != digest.digests(store, bank)[0]["channel_id"]
    finally:
        other_hook.close()


def test_channels_have_a_mode_and_are_removed_only_by_their_tenant(pipe: Pipeline, clock: Clock) -> None:
    store = pipe.store
    bank = bank_with_digest(pipe, "https://soc.bank.example/digest")
    other = tenant_id(store, "Otra Empresa", create=True)
    each = add_channel(store, bank, "email", "soc@bank.example")
    [d, e] = channels(store, bank)
    assert (d["mode"], e["mode"], e["id"]) == ("digest", "each", each)
    with pytest.raises(InputError, match=r"'each'.*'digest'"):
        add_channel(store, bank, "webhook", "https://x.example/h", mode="weekly")
    raised = claim(pipe, clock, timedelta(hours=1), "Banco Ejemplo")
    assert deliver.enqueue(store, raised) == 1  # only the 'each' channel
    assert digest.due(store, T + DAY) == 1
    assert delete_channel(store, other, d["id"]) is False and delete_channel(store, other, each) is False
    assert len(channels(store, bank)) == 2
    assert delete_channel(store, bank, d["id"]) and delete_channel(store, bank, each)
    assert delete_channel(store, bank, each) is False and channels(store, bank) == []
    # what was still to go to them does not go
    assert digest.run_due(store, now=T + DAY) == 0 and deliver.run_due(store) == 0
    assert [x["status"] for x in digest.digests(store, bank)] == ["dead"]
    assert deliver.deliveries(store, bank)[0]["last_error"] == "the channel was removed"
    assert digest.due(store, T + 3 * DAY) == 0  # a removed channel gets no digest


def test_an_e_mail_digest_over_starttls(pipe: Pipeline, clock: Clock, smtp_server: list[Any]) -> None:
    received = smtp_server  # a local server that requires STARTTLS (tests/netfixtures.py)
    bank = bank_with_digest(pipe, "soc@bank.example", kind="email")
    claim(pipe, clock, timedelta(hours=1), *CLAIMS)
    assert digest.due(pipe.store, T + DAY) == 1 and digest.run_due(pipe.store, now=T + DAY) == 1
    [(tls, to, message)] = received
    assert tls and to == ["soc@bank.example"]
    assert "Subject: [darkwire] daily digest: 3 alerts" in message and "X-Darkwire-Delivery: digest-" in message
    assert all(victim in message for victim in CLAIMS) and message.count("/incidents/") == 3
    assert digest.digests(pipe.store, bank)[0]["status"] == "delivered"


def test_an_e_mail_digest_without_an_smtp_server_waits_and_says_why(
    pipe: Pipeline, clock: Clock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("DARKWIRE_SMTP_HOST", raising=False)
    bank = bank_with_digest(pipe, "soc@bank.example", kind="email")
    claim(pipe, clock, timedelta(hours=1), "Banco Ejemplo")
    digest.due(pipe.store, T + DAY)
    assert digest.run_due(pipe.store, now=T + DAY) == 0
    [d] = digest.digests(pipe.store, bank)
    assert d["status"] == "pending" and "DARKWIRE_SMTP_HOST" in d["last_error"]


def test_the_deliverer_makes_and_sends_the_digests(pipe: Pipeline, clock: Clock, receiver: Receiver) -> None:
    clock.now = datetime.now(UTC) - DAY - timedelta(hours=1)  # the channel was made yesterday
    store = pipe.store
    bank = tenant_id(store, "Banco Ejemplo", create=True)
    add_watchlist(store, bank, Watch(orgs=["Banco Ejemplo"]))
    add_channel(store, bank, "webhook", receiver.url, mode="digest")
    claim(pipe, clock, clock.now - T + timedelta(minutes=5), "Banco Ejemplo")
    runner = deliver.Deliverer(store, interval=0.05)
    thread = threading.Thread(target=runner.run_forever, daemon=True)
    thread.start()
    try:
        for _ in range(100):
            if receiver.requests:
                break
            time.sleep(0.05)
        time.sleep(0.2)  # and nothing more comes
    finally:
        runner.stop.set()
        runner.wake.set()
        thread.join(5)
    assert len(receiver.requests) == 1 and bodies(receiver)[0]["digest"]["count"] == 1


def test_migration_0009_adds_the_mode_to_existing_channels(db_url: str) -> None:
    from pathlib import Path

    from alembic import command
    from alembic.config import Config

    import darkwire.store

    with Store.open(db_url, upgrade=False) as store:
        cfg = Config()
        cfg.set_main_option("script_location", str(Path(darkwire.store.__file__).parent / "migrations"))
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0008")
        with store.engine.begin() as conn:
            conn.execute(text("INSERT INTO tenants (id, name, created_at) VALUES (1, 'T', CURRENT_TIMESTAMP)"))
            conn.execute(
                text(
                    "INSERT INTO channels (tenant_id, kind, target, created_at) "
                    "VALUES (1, 'webhook', 'https://x.example/h', CURRENT_TIMESTAMP)"
                )
            )
        store.upgrade()
        assert [c["mode"] for c in channels(store, 1)] == ["each"]
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.downgrade(cfg, "0008")
        store.upgrade()
        assert [c["mode"] for c in channels(store, 1)] == ["each"] and digest.digests(store, 1) == []


def test_the_commands(tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setenv("DARKWIRE_DB", f"sqlite:///{tmp_path}/cli.db")
    args = ["channel", "add", "--tenant", "CERT", "--email", "soc@cert.example", "--digest"]
    assert main(args) == 0 and "daily digest" in capsys.readouterr().out
    assert main(["channel", "list", "--tenant", "CERT"]) == 0
    [made] = json.loads(capsys.readouterr().out)
    assert made["mode"] == "digest" and made["kind"] == "email"
    assert main(["digests", "--tenant", "CERT"]) == 0 and "no digests yet" in capsys.readouterr().out
    assert main(["digests", "--tenant", "CERT", "--json"]) == 0 and json.loads(capsys.readouterr().out) == []
    assert main(["channel", "remove", "--tenant", "CERT", str(made["id"] + 1)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("darkwire: ") and "no channel" in err and len(err.strip().splitlines()) == 1
    assert main(["channel", "remove", "--tenant", "CERT", str(made["id"])]) == 0
    assert main(["digests", "--tenant", "Nobody"]) == 2 and "no tenant" in capsys.readouterr().err
    for command in (["channel"], ["digests"]):
        with pytest.raises(SystemExit):
            main([*command, "--help"])
        assert "example:" in capsys.readouterr().out
