"""Accounts, watchlists and alerts (the foundations of the issue "Accounts, watchlists and alerts"): matching with
its reasons, one alert per incident and watchlist unless the severity rises, "not us" suppression, tenants kept
apart, hashed passwords and tokens, and the commands."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from darkwire.accounts import check_password, create_token, create_user, revoke_token, tenant_id, user_of_token
from darkwire.alerts import add_channel, add_watchlist, alerts, channels, not_us, watchlists
from darkwire.alerts.match import Subject, Watch, match
from darkwire.cli import main
from darkwire.errors import InputError
from darkwire.model import Post
from darkwire.pipeline import Pipeline
from darkwire.store import Store
from tests.netfixtures import Receiver

T0 = datetime(2026, 10, 1, 9, tzinfo=UTC)


def subject(**kw: Any) -> Subject:
    base: dict[str, Any] = {
        "victim": "Banco Ejemplo S.A.",
        "aliases": ["BEJ"],
        "domain": "clientes.bancoejemplo.mx",
        "actor": "NetworkBrokers",
        "country": "MX",
        "sector": "finance",
        "data_types": ["bank_account", "name"],
        "severity": "high",
        "text": "Selling the customer base of Banco Ejemplo, hosted by Nube Servicios. 80k rows.",
    }
    return Subject(**(base | kw))


def kinds(reasons: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(r["kind"], r["field"]) for r in reasons]


def test_who_terms_match_with_their_reasons() -> None:
    assert kinds(match(Watch(orgs=["Banco Ejemplo"]), subject())) == [("org", "victim")]
    assert kinds(match(Watch(aliases=["BEJ"]), subject())) == [("alias", "victim")]
    assert kinds(match(Watch(domains=["bancoejemplo.mx"]), subject())) == [("domain", "victim.domain")]
    fuzzy = match(Watch(orgs=["Banco Ejenplo"]), subject())
    assert kinds(fuzzy) == [("org", "victim")] and 90 <= fuzzy[0]["score"] < 100
    vendor = match(Watch(vendors=["Nube Servicios"]), subject())
    assert vendor[0]["why"] == "your vendor Nube Servicios is named in the claim"
    assert "hosted by Nube Servicios" in vendor[0]["text"]
    assert kinds(match(Watch(keywords=["customer base"]), subject())) == [("keyword", "text")]
    assert kinds(match(Watch(keywords=[r"re:\d+k rows"]), subject())) == [("keyword", "text")]
    assert kinds(match(Watch(actors=["networkbrokers"]), subject())) == [("actor", "actor")]


def test_what_does_not_match() -> None:
    assert match(Watch(orgs=["Acme"]), subject(victim="Acne", aliases=[], text="")) == []  # short: exact only
    assert match(Watch(orgs=["Banco Distinto"]), subject()) == []
    assert match(Watch(domains=["ejemplo.mx"]), subject(domain="bancoejemplo.mx", text="")) == []
    assert match(Watch(keywords=["rows"]), subject(text="arrows and throws")) == []  # words, not parts of words


def test_scope_narrows_and_alone_selects() -> None:
    assert match(Watch(orgs=["Banco Ejemplo"], countries=["BR"]), subject()) == []
    both = match(Watch(orgs=["Banco Ejemplo"], countries=["mx"]), subject())
    assert kinds(both) == [("org", "victim"), ("country", "country")]
    assert kinds(match(Watch(sectors=["finance"], data_types=["bank_account"]), subject())) == [
        ("sector", "sector"),
        ("data_type", "data_types"),
    ]
    assert match(Watch(sectors=["healthcare"]), subject()) == []
    assert match(Watch(orgs=["Banco Ejemplo"], min_severity="critical"), subject()) == []
    assert match(Watch(orgs=["Banco Ejemplo"], min_severity="medium"), subject()) != []


def test_not_us_suppresses_the_same_match() -> None:
    w = Watch(orgs=["Banco Ejemplo"])
    assert match(w, subject(), frozenset({("banco ejemplo", "banco ejemplo")})) == []
    assert match(w, subject(), frozenset({("banco ejemplo", "another victim")})) != []


def test_bad_watchlists_are_clear_errors() -> None:
    with pytest.raises(InputError, match="regular expression"):
        Watch(keywords=["re:(unclosed"])
    with pytest.raises(InputError, match="min severity"):
        Watch(orgs=["X"], min_severity="urgent")
    with pytest.raises(InputError, match="at most"):
        Watch(orgs=["x" * 500])


def test_passwords_and_tokens_are_kept_hashed(store: Store) -> None:
    password = create_user(store, "Ana@Bank.example", "Banco Ejemplo", "analyst")
    assert len(password) >= 16
    assert check_password(store, "ana@bank.example", password)["role"] == "analyst"  # type: ignore[index]
    assert check_password(store, "ana@bank.example", "wrong password!") is None
    assert check_password(store, "nobody@bank.example", password) is None
    token = create_token(store, "ana@bank.example")
    with store.engine.connect() as conn:
        stored = conn.exec_driver_sql("SELECT token_hash, prefix FROM api_tokens").one()
        hashes = [r[0] for r in conn.exec_driver_sql("SELECT password_hash FROM users")]
    assert token not in stored and stored[1] == token[:10] and password not in hashes[0]
    assert hashes[0].startswith("$argon2")
    assert user_of_token(store, token)["email"] == "ana@bank.example"  # type: ignore[index]
    assert user_of_token(store, token + "x") is None and user_of_token(store, "nonsense") is None
    assert revoke_token(store, token[:10]) == 1
    assert user_of_token(store, token) is None
    with pytest.raises(InputError, match="exists already"):
        create_user(store, "ana@bank.example", "Banco Ejemplo")
    with pytest.raises(InputError, match="role is one of"):
        create_user(store, "bo@bank.example", "Banco Ejemplo", "owner")


@pytest.fixture
def pipe(store: Store) -> Any:
    with Pipeline(store, workers=1) as p:
        yield p


def post(pid: str, text: str, days: int = 0) -> Post:
    return Post(id=pid, text=text, posted_at=T0 + timedelta(days=days))


def test_alerts_once_per_incident_unless_the_severity_rises(pipe: Pipeline) -> None:
    store = pipe.store
    bank = tenant_id(store, "Banco Ejemplo", create=True)
    other = tenant_id(store, "Otra Empresa", create=True)
    wid = add_watchlist(store, bank, Watch(orgs=["Banco Ejemplo"], domains=["bancoejemplo.mx"]))
    add_watchlist(store, other, Watch(orgs=["Otra Empresa"]))
    add_channel(store, bank, "webhook", "https://soc.bank.example/hook", "s3cret")
    pipe.commit(
        "forum-x", "files", {}, [post("p1", "Selling emails of Banco Ejemplo (bancoejemplo.mx) customers, 900 rows.")]
    )
    summary = pipe.analyse_pending()
    placed = pipe.correlate_pending()
    assert summary.analysed == 1 and placed.alerts == 1
    [alert] = alerts(store, bank)
    assert alert["watchlist_id"] == wid and alert["victim"] == "Banco Ejemplo"
    assert {r["kind"] for r in alert["reasons"]} >= {"org"}
    first_severity = alert["severity"]
    pipe.commit(
        "telegram-y", "files", {}, [post("p2", "Banco Ejemplo (Mexico) customer emails, 900 rows, re-post.", 1)]
    )
    pipe.analyse_pending()
    again = pipe.correlate_pending()
    assert len(alerts(store, bank)) == 1  # the same incident: no second alert
    raised = alerts(store, bank)[0]
    assert (again.alerts == 1) == (raised["severity"] != first_severity)  # raised only when the severity rose
    assert alerts(store, other) == []  # another tenant sees nothing of it
    assert watchlists(store, other)[0]["spec"]["orgs"] == ["Otra Empresa"] and len(watchlists(store, bank)) == 1
    assert channels(store, other) == [] and channels(store, bank) == [
        {
            "id": channels(store, bank)[0]["id"],
            "kind": "webhook",
            "target": "https://soc.bank.example/hook",
            "signed": True,
            "mode": "each",
        }
    ]
    with pytest.raises(InputError, match="no alert"):
        not_us(store, other, alert["id"], by="intruder")  # not its alert
    assert not_us(store, bank, alert["id"], by="ana") >= 1


def test_the_commands(tmp_path: Any, monkeypatch: pytest.MonkeyPatch, capsys: Any) -> None:
    monkeypatch.setenv("DARKWIRE_DB", f"sqlite:///{tmp_path}/cli.db")
    assert main(["user", "create", "admin@cert.example", "--tenant", "CERT", "--role", "admin"]) == 0
    out = capsys.readouterr().out
    assert "password (shown once):" in out
    assert main(["token", "create", "admin@cert.example"]) == 0
    assert capsys.readouterr().out.strip().splitlines()[-1].startswith("dw_")
    args = [
        "watchlist",
        "add",
        "--tenant",
        "CERT",
        "--country",
        "MX",
        "--sector",
        "healthcare",
        "--min-severity",
        "high",
    ]
    assert main(args) == 0
    assert main(["watchlist", "add", "--tenant", "CERT", "--keyword", "re:(bad"]) == 2
    assert "regular expression" in capsys.readouterr().err
    monkeypatch.setenv("HOOK_KEY", "k3y")
    assert (
        main(["channel", "add", "--tenant", "CERT", "--webhook", "https://soc.example/h", "--secret-env", "HOOK_KEY"])
        == 0
    )
    assert main(["channel", "add", "--tenant", "CERT", "--webhook", "ftp://x"]) == 2
    capsys.readouterr()
    assert main(["alerts", "--tenant", "CERT", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == []
    assert main(["watchlist", "list", "--tenant", "CERT"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["spec"]["countries"] == ["MX"]


def _alert_with_channel(pipe: Pipeline, target: str, secret: str | None = "s3cret", kind: str = "webhook") -> int:
    """A tenant with a watchlist and one channel (a webhook, or an e-mail address with kind="email"), and one
    alert for it, its delivery enqueued; returns the tenant's id."""
    store = pipe.store
    bank = tenant_id(store, "Banco Ejemplo", create=True)
    add_watchlist(store, bank, Watch(orgs=["Banco Ejemplo"]))
    add_channel(store, bank, kind, target, secret)
    raised: list[Any] = []
    pipe.on_alert.append(raised.extend)
    pipe.commit("forum-x", "files", {}, [post("p1", "Selling emails of Banco Ejemplo (Mexico) customers, 900 rows.")])
    pipe.analyse_pending()
    pipe.correlate_pending()
    from darkwire.alerts.deliver import enqueue

    assert enqueue(store, raised) == 1
    return bank


def test_a_receiver_that_fails_three_times_gets_exactly_one_signed_delivery(
    pipe: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    import hashlib
    import hmac

    from darkwire.alerts import deliver

    monkeypatch.setattr(deliver, "backoff", lambda tries: 0.0)  # retry at once in the test
    receiver = Receiver(failures=3)
    try:
        bank = _alert_with_channel(pipe, receiver.url)
        delivered = sum(deliver.run_due(pipe.store) for _ in range(6))
        assert delivered == 1 and len(receiver.requests) == 4 and len(receiver.accepted) == 1
        headers, body = receiver.accepted[0]
        expected = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
        assert headers["X-Darkwire-Signature"] == expected
        assert len({h["X-Darkwire-Delivery"] for h, _ in receiver.requests}) == 1  # one id across the retries
        data = json.loads(body)
        assert data["text"].startswith("darkwire alert [") and "Banco Ejemplo" in data["text"]  # Slack and Teams
        assert data["incident"]["victim"] == "Banco Ejemplo" and data["alert"]["reasons"]
        [d] = deliver.deliveries(pipe.store, bank)
        assert d["status"] == "delivered" and d["attempts"] == 4
    finally:
        receiver.close()


def test_a_delivery_that_never_succeeds_becomes_a_dead_letter(pipe: Pipeline, monkeypatch: pytest.MonkeyPatch) -> None:
    from darkwire.alerts import deliver

    monkeypatch.setattr(deliver, "backoff", lambda tries: 0.0)
    receiver = Receiver(failures=1000)
    try:
        bank = _alert_with_channel(pipe, receiver.url)
        for _ in range(deliver.MAX_ATTEMPTS + 3):
            deliver.run_due(pipe.store)
        [d] = deliver.deliveries(pipe.store, bank)
        assert d["status"] == "dead" and d["attempts"] == deliver.MAX_ATTEMPTS and d["last_error"] == "HTTP 500"
        assert len(receiver.requests) == deliver.MAX_ATTEMPTS
    finally:
        receiver.close()


def test_backoff_doubles_up_to_ten_minutes() -> None:
    from darkwire.alerts.deliver import backoff

    assert [backoff(n) for n in (1, 2, 3, 4)] == [1.0, 2.0, 4.0, 8.0] and backoff(30) == 600.0


def test_the_tenant_endpoints_need_a_token_and_keep_tenants_apart(pipe: Pipeline) -> None:
    from fastapi.testclient import TestClient

    from darkwire.web.app import create_app

    store = pipe.store
    create_user(store, "ana@bank.example", "Banco Ejemplo", "admin")
    create_user(store, "vic@bank.example", "Banco Ejemplo", "viewer")
    create_user(store, "eve@other.example", "Otra Empresa", "admin")
    ana = {"Authorization": f"Bearer {create_token(store, 'ana@bank.example')}"}
    vic = {"Authorization": f"Bearer {create_token(store, 'vic@bank.example')}"}
    eve = {"Authorization": f"Bearer {create_token(store, 'eve@other.example')}"}
    c = TestClient(create_app(pipe))
    for method, url in (
        ("get", "/api/v1/watchlists"),
        ("post", "/api/v1/watchlists"),
        ("delete", "/api/v1/watchlists/1"),
        ("get", "/api/v1/channels"),
        ("post", "/api/v1/channels"),
        ("get", "/api/v1/alerts"),
        ("post", "/api/v1/alerts/1/not-us"),
    ):
        for headers in ({}, {"Authorization": "Bearer dw_not-a-token"}, {"Authorization": "Basic abc"}):
            r = getattr(c, method)(url, headers=headers, **({"json": {}} if method == "post" else {}))
            assert r.status_code == 401 and r.json()["ok"] is False, (method, url, headers)
    r = c.post("/api/v1/watchlists", headers=ana, json={"orgs": ["Banco Ejemplo"], "min_severity": "low"})
    assert r.status_code == 201
    wid = r.json()["id"]
    assert c.post("/api/v1/watchlists", headers=vic, json={"orgs": ["X"]}).status_code == 403
    assert c.post("/api/v1/watchlists", headers=ana, json={"keywords": ["re:("]}).json()["status"] == 400
    assert c.post("/api/v1/watchlists", headers=ana, json={"surprise": 1}).status_code == 422
    assert (
        c.post(
            "/api/v1/channels", headers=ana, json={"webhook": "https://soc.bank.example/h", "secret": "k"}
        ).status_code
        == 201
    )
    assert c.post("/api/v1/channels", headers=vic, json={"email": "soc@bank.example"}).status_code == 403
    pipe.commit("forum-x", "files", {}, [post("p1", "Selling emails of Banco Ejemplo (Mexico) customers, 900 rows.")])
    pipe.analyse_pending()
    pipe.correlate_pending()
    mine = c.get("/api/v1/alerts", headers=vic).json()["alerts"]
    assert len(mine) == 1 and mine[0]["victim"] == "Banco Ejemplo"
    # the other tenant sees none of it, and cannot touch it
    assert c.get("/api/v1/watchlists", headers=eve).json() == {"watchlists": []}
    assert c.get("/api/v1/channels", headers=eve).json() == {"channels": []}
    assert c.get("/api/v1/alerts", headers=eve).json() == {"alerts": []}
    assert c.delete(f"/api/v1/watchlists/{wid}", headers=eve).status_code == 404
    assert c.post(f"/api/v1/alerts/{mine[0]['id']}/not-us", headers=eve).status_code == 404
    assert [w["id"] for w in c.get("/api/v1/watchlists", headers=ana).json()["watchlists"]] == [wid]
    channels_seen = c.get("/api/v1/channels", headers=ana).json()["channels"]
    assert channels_seen[0]["signed"] is True and "secret" not in channels_seen[0]
    assert c.post(f"/api/v1/alerts/{mine[0]['id']}/not-us", headers=ana).json()["ok"] is True
    assert c.delete(f"/api/v1/watchlists/{wid}", headers=ana).json() == {"ok": True}
    assert c.get("/api/v1/watchlists", headers=ana).json() == {"watchlists": []}


def test_an_alert_by_e_mail_over_starttls(pipe: Pipeline, smtp_server: list[Any]) -> None:
    from darkwire.alerts import deliver

    received = smtp_server  # a local server that requires STARTTLS (tests/netfixtures.py)
    store = pipe.store
    bank = _alert_with_channel(pipe, "soc@bank.example", secret=None, kind="email")  # its delivery enqueued
    assert deliver.run_due(store) == 1
    [(tls, to, message)] = received
    assert tls and to == ["soc@bank.example"]
    assert "Subject: [darkwire]" in message and "Banco Ejemplo" in message and "Why it matched" in message
    assert deliver.deliveries(store, bank)[0]["status"] == "delivered"


def test_e_mail_without_an_smtp_server_is_retried_with_the_reason(
    pipe: Pipeline, monkeypatch: pytest.MonkeyPatch
) -> None:
    from darkwire.alerts import deliver

    monkeypatch.delenv("DARKWIRE_SMTP_HOST", raising=False)
    store = pipe.store
    bank = _alert_with_channel(pipe, "soc@bank.example", secret=None, kind="email")
    assert deliver.run_due(store) == 0
    [d] = deliver.deliveries(store, bank)
    assert d["status"] == "pending" and "DARKWIRE_SMTP_HOST" in d["last_error"]


def test_an_analysts_verification_matches_the_incident_again(pipe: Pipeline) -> None:
    store = pipe.store
    bank = tenant_id(store, "Banco Ejemplo", create=True)
    pipe.commit("forum-x", "files", {}, [post("p1", "Selling emails of Banco Ejemplo (Mexico) customers, 900 rows.")])
    pipe.analyse_pending()
    pipe.correlate_pending()
    [inc] = store.incidents.recent()
    add_watchlist(store, bank, Watch(orgs=["Banco Ejemplo"]))  # added after the incident was placed
    assert alerts(store, bank) == []
    store.incidents.verify(inc["id"], "confirmed", by="ana", rationale="the bank confirmed it")
    assert pipe.changed(inc["id"]) == 1
    assert alerts(store, bank)[0]["incident_id"] == inc["id"]


def test_the_first_start_makes_one_admin(store: Store) -> None:
    from darkwire.accounts import first_admin

    made = first_admin(store)
    assert made is not None and made[0] == "admin@localhost"
    assert check_password(store, made[0], made[1])["role"] == "admin"  # type: ignore[index]
    assert first_admin(store) is None  # only on the very first start


def test_log_in_to_the_inbox_with_csrf_and_a_rate_limit(pipe: Pipeline) -> None:
    from fastapi.testclient import TestClient

    from darkwire.web.app import create_app

    store = pipe.store
    password = create_user(store, "ana@bank.example", "Banco Ejemplo", "analyst")
    create_user(store, "eve@other.example", "Otra Empresa", "analyst", "another-password-1")
    bank = tenant_id(store, "Banco Ejemplo")
    add_watchlist(store, bank, Watch(orgs=["Banco Ejemplo"]))
    pipe.commit("forum-x", "files", {}, [post("p1", "Selling emails of Banco Ejemplo (Mexico) customers, 900 rows.")])
    pipe.analyse_pending()
    pipe.correlate_pending()
    c = TestClient(create_app(pipe))
    assert c.get("/alerts", follow_redirects=False).headers["location"] == "/login?next=%2Falerts"
    form = {"content-type": "application/x-www-form-urlencoded"}
    bad = c.post("/login", content="email=ana%40bank.example&password=nope&next=/alerts", headers=form)
    assert "wrong e-mail or password" in bad.text and "dw_session" not in c.cookies
    evil = c.post("/login", content="email=x&password=y", headers={**form, "origin": "https://evil.example"})
    assert evil.status_code == 400
    ok = c.post(
        "/login",
        content=f"email=ana%40bank.example&password={password}&next=//evil.example/",
        headers=form,
        follow_redirects=False,
    )
    assert ok.status_code == 303 and ok.headers["location"] == "/"  # never off the site
    cookie = ok.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie
    inbox = c.get("/alerts")
    assert "Banco Ejemplo" in inbox.text and "Signed in as ana@bank.example" in inbox.text
    alert_id = alerts(store, bank)[0]["id"]
    assert c.post(f"/alerts/{alert_id}/not-us", content="csrf=forged", headers=form).status_code == 403
    csrf = inbox.text.split('name="csrf" value="', 1)[1].split('"', 1)[0]
    done = c.post(f"/alerts/{alert_id}/not-us", content=f"csrf={csrf}", headers=form, follow_redirects=False)
    assert done.status_code == 303
    assert c.post("/logout", content=f"csrf={csrf}", headers=form, follow_redirects=False).status_code == 303
    assert c.get("/alerts", follow_redirects=False).status_code == 303  # the session is gone
    other = TestClient(create_app(pipe))
    other.post("/login", content="email=eve%40other.example&password=another-password-1", headers=form)
    assert "No alerts yet" in other.get("/alerts").text  # another tenant's inbox is its own
    limited = TestClient(create_app(pipe))
    for _ in range(10):
        limited.post("/login", content="email=ana%40bank.example&password=guess", headers=form)
    blocked = limited.post("/login", content=f"email=ana%40bank.example&password={password}", headers=form)
    assert blocked.status_code == 429
