"""Who may ask what of the web app: closed by default (only /healthz and the login page are open), public
reading when it is turned on, roles for changes, no API change by a login cookie, and tenants kept apart on
every endpoint of their own, in the API and in the UI."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient

from darkwire.accounts import check_password, create_token, create_user, tenant_id
from darkwire.alerts import add_channel, add_watchlist, alerts, channels, deliver, watchlists
from darkwire.alerts.match import Watch
from darkwire.pipeline import Pipeline
from darkwire.store import Store
from darkwire.web.access import Need, need
from darkwire.web.app import create_app
from tests.test_brief import load
from tests.webauth import client, log_in

FORM = {"content-type": "application/x-www-form-urlencoded"}


@pytest.fixture
def pipe(tmp_path: Path) -> Iterator[Pipeline]:
    with Pipeline(Store.open(f"sqlite:///{tmp_path}/access.db"), workers=1) as p:
        yield p


@pytest.fixture
def loaded(pipe: Pipeline) -> tuple[Pipeline, dict[str, int]]:
    return pipe, load(pipe)


def routes(pipe: Pipeline) -> list[tuple[str, str]]:
    """Every (method, path) the app answers, with its path parameters filled in."""
    app = create_app(pipe, public_read=False)
    found = []
    for r in app.routes:
        if isinstance(r, APIRoute):
            path = re.sub(r"\{kind\}", "atom", r.path)
            path = re.sub(r"\{fmt\}", "stix", path)
            path = re.sub(r"\{[a-z_]+\}", "1", path)
            found += [(m, path) for m in sorted(r.methods)]
    return found


def call(c: TestClient, method: str, path: str, **kw: Any) -> Any:
    if method in ("POST", "PUT", "PATCH") and "json" not in kw and "content" not in kw:
        kw["json"] = {}
    return c.request(method, path, follow_redirects=False, **kw)


def test_everything_but_health_and_login_needs_an_account(pipe: Pipeline) -> None:
    anyone = client(pipe, role=None)
    checked = 0
    for method, path in routes(pipe):
        r = call(anyone, method, path)
        if path in ("/healthz", "/login"):
            assert r.status_code in (200, 400), (method, path, r.status_code)  # open (the login wants a form)
            continue
        checked += 1
        if method == "GET" and not path.startswith(("/api/", "/feeds/", "/taxii2/")):
            assert r.status_code == 303 and r.headers["location"].startswith("/login?next="), (method, path)
        else:
            assert r.status_code == 401 and r.json()["ok"] is False, (method, path, r.status_code)
    assert checked >= 50
    assert anyone.get("/static/darkwire.css").status_code == 200  # the login page needs its style
    # a JSON twin asked for without an account answers 401, not a page
    assert anyone.get("/incidents?format=json", follow_redirects=False).status_code == 401
    for bad in ("Bearer dw_not-a-token", "Basic YTpi", "Bearer " + "x" * 500):
        assert anyone.get("/api/v1/incidents", headers={"Authorization": bad}).status_code == 401


def test_public_reading_opens_incidents_briefs_feeds_and_exports_only(
    loaded: tuple[Pipeline, dict[str, int]],
) -> None:
    pipe, inc = loaded
    public = client(pipe, role=None, public_read=True)
    for path in (
        "/",
        "/incidents",
        f"/incidents/{inc['b1']}",
        "/actors",
        "/organizations",
        "/api/v1/incidents",
        f"/api/v1/incidents/{inc['b1']}",
        f"/api/v1/incidents/{inc['b1']}/brief?format=md",
        "/api/v1/actors",
        "/api/v1/organizations",
        "/api/v1/dashboard",
        "/feeds/briefs.atom",
        "/feeds/briefs.rss",
        "/api/v1/export/stix",
        "/api/v1/export/misp",
        "/taxii2/",
        "/api/docs",
    ):
        assert public.get(path, follow_redirects=False).status_code == 200, path
    home = public.get("/").text
    assert "Latest claims" not in home and "dead letters" not in home and "Log in" in home
    assert "Set verification" not in public.get(f"/incidents/{inc['b1']}").text  # no analyst's form
    for path in (
        "/api/v1/claims",
        "/api/v1/stats",
        "/api/v1/sources",
        "/api/v1/dead-letters",
        "/api/v1/watchlists",
        "/api/v1/channels",
        "/api/v1/alerts",
        "/api/v1/tokens",
        "/api/v1/users",
        "/api/v1/me",
    ):
        assert public.get(path).status_code == 401, path
    for path in ("/search?q=x", "/sources", "/alerts", "/settings"):
        assert public.get(path, follow_redirects=False).status_code == 303, path
    for method, path in routes(pipe):  # no change is ever public
        if method not in ("GET", "HEAD") and path != "/login":
            assert call(public, method, path).status_code in (401, 403), (method, path)
    # the policy itself, path by path
    assert need("GET", "/incidents/7") is Need.READ and need("POST", "/incidents/7/verification") is Need.ACCOUNT
    assert need("GET", "/incidentsx") is Need.ACCOUNT and need("GET", "/healthz") is Need.NOTHING


def test_roles_decide_who_changes_incidents_and_pushes_posts(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, inc = loaded
    viewer, analyst = client(pipe, role="viewer"), client(pipe, role="analyst")
    assert viewer.get(f"/api/v1/incidents/{inc['b1']}").status_code == 200  # a viewer reads
    changes = (
        ("POST", f"/api/v1/incidents/{inc['b3']}/verification", {"status": "disputed", "rationale": "fake"}),
        ("POST", f"/api/v1/incidents/{inc['b3']}/merge", {"other": inc["b4"], "rationale": "same leak"}),
        ("POST", "/api/v1/posts", {"text": "Selling 3k rows of Acme Widgets customers"}),
    )
    for method, path, body in changes:
        r = call(viewer, method, path, json=body)
        assert r.status_code == 403 and "only reads" in r.json()["error"], path
    r = analyst.post(
        f"/api/v1/incidents/{inc['b3']}/verification", json={"status": "disputed", "rationale": "the owner says no"}
    )
    assert r.status_code == 200 and r.json()["verification"] == "disputed"
    history = analyst.get(f"/api/v1/incidents/{inc['b3']}").json()["history"]
    by = [e["by"] for e in history if "verif" in str(e["action"])]
    assert by and by[-1].startswith("analyst") and by[-1].endswith(".test")  # recorded as the signed-in user
    assert analyst.post("/api/v1/posts", json={"text": "Selling 3k rows of Acme Widgets customers"}).status_code == 201


def test_a_login_cookie_reads_but_never_changes_through_the_api(loaded: tuple[Pipeline, dict[str, int]]) -> None:
    pipe, inc = loaded
    person = client(pipe, role=None)
    log_in(person, pipe, "admin")
    assert person.get("/api/v1/incidents").status_code == 200
    r = person.post(f"/api/v1/incidents/{inc['b3']}/verification", json={"status": "disputed", "rationale": "x"})
    assert r.status_code == 403 and "Bearer" in r.json()["error"]  # a forged cross-site request gets nowhere
    assert person.post("/api/v1/watchlists", json={"orgs": ["Acme"]}).status_code == 403
    # the site's own forms need the session's CSRF token
    forged = person.post(f"/incidents/{inc['b3']}/verification", content="status=disputed&rationale=x", headers=FORM)
    assert forged.status_code == 403


def test_revoked_tokens_and_disabled_users_are_shut_out(pipe: Pipeline) -> None:
    admin = client(pipe, role="admin", tenant="Banco Ejemplo")
    made = admin.post("/api/v1/users", json={"email": "Luis@Bank.example", "role": "analyst"})
    assert made.status_code == 201 and len(made.json()["password"]) >= 12
    luis = TestClient(create_app(pipe, public_read=False))
    luis.headers["Authorization"] = f"Bearer {create_token(pipe.store, 'luis@bank.example')}"
    assert luis.get("/api/v1/me").json()["email"] == "luis@bank.example"
    mine = luis.get("/api/v1/tokens").json()["tokens"]
    assert len(mine) == 1 and mine[0]["user"] == "luis@bank.example" and "token" not in mine[0]
    second = luis.post("/api/v1/tokens").json()["token"]
    assert luis.delete(f"/api/v1/tokens/{mine[0]['id']}").json() == {"ok": True}
    assert luis.get("/api/v1/me").status_code == 401  # that token is revoked
    luis.headers["Authorization"] = f"Bearer {second}"
    assert luis.get("/api/v1/me").status_code == 200
    assert luis.get("/api/v1/users").status_code == 403  # only an admin sees the users
    uid = next(u["id"] for u in admin.get("/api/v1/users").json()["users"] if u["email"] == "luis@bank.example")
    assert admin.delete(f"/api/v1/users/{uid}").json() == {"ok": True}
    assert luis.get("/api/v1/me").status_code == 401  # disabled: no token works
    me = admin.get("/api/v1/me").json()["id"]
    assert admin.delete(f"/api/v1/users/{me}").status_code == 400


# --- tenants kept apart: every endpoint of a tenant's own, in the API and in the UI

TENANT_ROUTES = {
    ("GET", "/api/v1/me"),
    ("GET", "/api/v1/watchlists"),
    ("POST", "/api/v1/watchlists"),
    ("DELETE", "/api/v1/watchlists/{watchlist_id}"),
    ("GET", "/api/v1/channels"),
    ("POST", "/api/v1/channels"),
    ("DELETE", "/api/v1/channels/{channel_id}"),
    ("GET", "/api/v1/alerts"),
    ("POST", "/api/v1/alerts/{alert_id}/not-us"),
    ("GET", "/api/v1/deliveries"),
    ("GET", "/api/v1/digests"),
    ("GET", "/api/v1/tokens"),
    ("POST", "/api/v1/tokens"),
    ("DELETE", "/api/v1/tokens/{token_id}"),
    ("GET", "/api/v1/users"),
    ("POST", "/api/v1/users"),
    ("DELETE", "/api/v1/users/{user_id}"),
    ("GET", "/alerts"),
    ("POST", "/alerts/{alert_id}/not-us"),
    ("GET", "/settings"),
    ("POST", "/settings/watchlists"),
    ("POST", "/settings/watchlists/{watchlist_id}/delete"),
    ("POST", "/settings/channels"),
    ("POST", "/settings/channels/{channel_id}/delete"),
    ("POST", "/settings/password"),
    ("POST", "/settings/tokens"),
    ("POST", "/settings/tokens/{token_id}/revoke"),
    ("POST", "/settings/users"),
    ("POST", "/settings/users/{user_id}/disable"),
}
TENANT_PREFIXES = (
    "/api/v1/me",
    "/api/v1/watchlists",
    "/api/v1/channels",
    "/api/v1/alerts",
    "/api/v1/deliveries",
    "/api/v1/digests",
    "/api/v1/tokens",
    "/api/v1/users",
    "/alerts",
    "/settings",
)


def test_every_tenant_endpoint_is_in_the_isolation_test(pipe: Pipeline) -> None:
    app = create_app(pipe, public_read=False)
    found = {
        (m, r.path)
        for r in app.routes
        if isinstance(r, APIRoute) and r.path.startswith(TENANT_PREFIXES)
        for m in r.methods
    }
    assert found == TENANT_ROUTES  # a new endpoint of a tenant's own needs its case below


@pytest.fixture
def two_tenants(pipe: Pipeline) -> dict[str, Any]:
    """Banco Ejemplo with a watchlist, a channel, an alert, a token and a second user; Otra Empresa's admin."""
    store = pipe.store
    bank_admin = client(pipe, role="admin", tenant="Banco Ejemplo")
    bank = tenant_id(store, "Banco Ejemplo")
    wid = add_watchlist(store, bank, Watch(orgs=["Banco Ejemplo"]), "our bank")
    cid = add_channel(store, bank, "webhook", "https://soc.bank.example/hook", "k")
    create_user(store, "luis@bank.example", "Banco Ejemplo", "analyst", password="luis-password-1")
    create_token(store, "luis@bank.example")
    pipe.on_alert.append(lambda raised: deliver.enqueue(store, raised))  # as `darkwire run` does
    post = {"id": "iso-1", "source": "forum-x", "text": "Selling emails of Banco Ejemplo (Mexico) customers, 900 rows."}
    assert bank_admin.post("/api/v1/posts", json=post).status_code == 201
    pipe.analyse_pending()
    pipe.correlate_pending()
    (alert,) = alerts(store, bank)
    tokens = bank_admin.get("/api/v1/tokens").json()["tokens"]
    users = bank_admin.get("/api/v1/users").json()["users"]
    luis = next(u["id"] for u in users if u["email"] == "luis@bank.example")
    other_api = client(pipe, role="admin", tenant="Otra Empresa")
    other_ui = client(pipe, role=None)
    csrf = log_in(other_ui, pipe, "admin", tenant="Otra Empresa")
    return {
        "bank": bank,
        "bank_admin": bank_admin,
        "ids": {
            "watchlist_id": wid,
            "channel_id": cid,
            "alert_id": alert["id"],
            "token_id": tokens[-1]["id"],
            "user_id": luis,
        },
        "api": other_api,
        "ui": other_ui,
        "csrf": csrf,
    }


def test_a_tenant_never_sees_nor_touches_another_tenants_own(pipe: Pipeline, two_tenants: dict[str, Any]) -> None:
    t = two_tenants
    api, ui, ids, csrf = t["api"], t["ui"], t["ids"], t["csrf"]
    secret_words = ("Banco Ejemplo", "soc.bank.example", "luis@bank.example", "our bank")
    covered: set[tuple[str, str]] = set()

    def check(method: str, template: str, expect: tuple[int, ...], **kw: Any) -> Any:
        covered.add((method, template))
        c = api if template.startswith("/api/") else ui
        path = template.format(**ids)
        if not template.startswith("/api/") and method == "POST":
            kw.setdefault("content", f"csrf={csrf}")
            kw.setdefault("headers", FORM)
        r = call(c, method, path, **kw)
        assert r.status_code in expect, (method, path, r.status_code, r.text[:200])
        assert not any(w in r.text for w in secret_words), (method, path)  # nothing of the other tenant shows
        return r

    check("GET", "/api/v1/me", (200,))
    check("GET", "/api/v1/watchlists", (200,))
    check("POST", "/api/v1/watchlists", (201,), json={"orgs": ["Otra Empresa"]})
    check("DELETE", "/api/v1/watchlists/{watchlist_id}", (404,))
    check("GET", "/api/v1/channels", (200,))
    check("POST", "/api/v1/channels", (201,), json={"email": "soc@otra.example"})
    check("DELETE", "/api/v1/channels/{channel_id}", (404,))
    check("GET", "/api/v1/alerts", (200,))
    check("POST", "/api/v1/alerts/{alert_id}/not-us", (404,))
    assert check("GET", "/api/v1/deliveries", (200,)).json() == {"deliveries": []}
    assert check("GET", "/api/v1/digests", (200,)).json() == {"digests": []}
    check("GET", "/api/v1/tokens", (200,))
    check("POST", "/api/v1/tokens", (201,))
    check("DELETE", "/api/v1/tokens/{token_id}", (404,))
    check("GET", "/api/v1/users", (200,))
    check("POST", "/api/v1/users", (201,), json={"email": "ines@otra.example", "role": "viewer"})
    check("DELETE", "/api/v1/users/{user_id}", (404,))
    check("GET", "/alerts", (200,))
    check("POST", "/alerts/{alert_id}/not-us", (404,))
    check("GET", "/settings", (200,))
    check("POST", "/settings/watchlists", (303,), content=f"csrf={csrf}&orgs=Otra+Empresa")
    check("POST", "/settings/watchlists/{watchlist_id}/delete", (404,))
    check("POST", "/settings/channels", (303,), content=f"csrf={csrf}&kind=email&target=it%40otra.example")
    check("POST", "/settings/channels/{channel_id}/delete", (404,))
    check("POST", "/settings/password", (200,), content=f"csrf={csrf}&current=wrong&new=x&repeat=x")
    check("POST", "/settings/tokens", (200,))
    check("POST", "/settings/tokens/{token_id}/revoke", (404,))
    check("POST", "/settings/users", (200,), content=f"csrf={csrf}&email=juan%40otra.example&role=analyst")
    check("POST", "/settings/users/{user_id}/disable", (404,))
    assert covered == TENANT_ROUTES
    # and the bank's own are all still there, untouched
    store = pipe.store
    assert [w["id"] for w in watchlists(store, t["bank"])] == [ids["watchlist_id"]]
    assert [c["id"] for c in channels(store, t["bank"])] == [ids["channel_id"]]
    bank = t["bank_admin"]
    assert [a["id"] for a in bank.get("/api/v1/alerts").json()["alerts"]] == [ids["alert_id"]]
    (sent,) = bank.get("/api/v1/deliveries").json()["deliveries"]  # the bank's webhook, pending
    assert sent["alert_id"] == ids["alert_id"] and sent["status"] == "pending" and sent["next_attempt_at"]
    live = [x for x in bank.get("/api/v1/tokens").json()["tokens"] if not x["revoked_at"]]
    assert ids["token_id"] in [x["id"] for x in live]
    assert not next(u for u in bank.get("/api/v1/users").json()["users"] if u["id"] == ids["user_id"])["disabled"]


def test_the_settings_page_keeps_a_tenants_watchlists_channels_tokens_and_users(pipe: Pipeline) -> None:
    ui = client(pipe, role=None)
    csrf = log_in(ui, pipe, "admin", tenant="Banco Ejemplo")
    page = ui.get("/settings").text
    assert "Watchlists" in page and "Alert channels" in page and "API tokens" in page and "Users" in page
    assert "Recent deliveries" in page and "Nothing sent yet" in page
    body = (
        f"csrf={csrf}&name=bank+and+processor&orgs=Banco+Ejemplo%0D%0ABEJ+Holdings&vendors=Nube+Servicios"
        "&countries=mx,%20es&min_severity=high"
    )
    assert ui.post("/settings/watchlists", content=body, headers=FORM, follow_redirects=False).status_code == 303
    bank = tenant_id(pipe.store, "Banco Ejemplo")
    (w,) = watchlists(pipe.store, bank)
    assert w["spec"]["orgs"] == ["Banco Ejemplo", "BEJ Holdings"] and w["spec"]["countries"] == ["MX", "ES"]
    assert w["spec"]["vendors"] == ["Nube Servicios"] and w["spec"]["min_severity"] == "high"
    bad = ui.post("/settings/watchlists", content=f"csrf={csrf}&keywords=re:(", headers=FORM)
    assert bad.status_code == 200 and "not a valid regular expression" in bad.text
    hook = f"csrf={csrf}&kind=webhook&target=https%3A%2F%2Fsoc.bank.example%2Fh&secret=s3cret&digest=on"
    assert ui.post("/settings/channels", content=hook, headers=FORM, follow_redirects=False).status_code == 303
    (ch,) = channels(pipe.store, bank)
    assert ch["mode"] == "digest" and "s3cret" not in ui.get("/settings").text  # a secret is never shown
    shown = ui.post("/settings/tokens", content=f"csrf={csrf}", headers=FORM).text
    token = re.search(r'<code class="secret">(dw_[^<]+)</code>', shown)
    assert token is not None
    assert token.group(1) not in ui.get("/settings").text  # shown once
    api = TestClient(create_app(pipe, public_read=False))
    api.headers["Authorization"] = f"Bearer {token.group(1)}"
    assert api.get("/api/v1/me").status_code == 200
    added = ui.post("/settings/users", content=f"csrf={csrf}&email=ines%40bank.example&role=viewer", headers=FORM)
    assert "ines@bank.example" in added.text and "shown this once" in added.text
    forged = ui.post("/settings/tokens", content="csrf=nope", headers=FORM)
    assert forged.status_code == 403
    viewer = client(pipe, role=None)
    vcsrf = log_in(viewer, pipe, "viewer", tenant="Banco Ejemplo")
    assert "Add watchlist" not in viewer.get("/settings").text and "Add channel" not in viewer.get("/settings").text
    denied = viewer.post(f"/settings/watchlists/{w['id']}/delete", content=f"csrf={vcsrf}", headers=FORM)
    assert "a viewer cannot change watchlists" in denied.text
    assert len(watchlists(pipe.store, bank)) == 1


def test_a_user_changes_their_password_and_their_other_sessions_end(pipe: Pipeline) -> None:
    ui, other = client(pipe, role=None), client(pipe, role=None)
    csrf = log_in(ui, pipe, "admin", tenant="Banco Ejemplo")
    email = ui.get("/api/v1/me").json()["email"]
    form = {"email": email, "password": "correct horse battery"}
    assert other.post("/login", data=form, follow_redirects=False).status_code == 303  # a second session
    wrong = ui.post(
        "/settings/password",
        content=f"csrf={csrf}&current=nope&new=a-new-password-1&repeat=a-new-password-1",
        headers=FORM,
    )
    assert "the current password is wrong" in wrong.text
    differ = ui.post(
        "/settings/password",
        content=f"csrf={csrf}&current=correct+horse+battery&new=a-new-password-1&repeat=a-new-password-2",
        headers=FORM,
    )
    assert "differ" in differ.text
    short = ui.post(
        "/settings/password", content=f"csrf={csrf}&current=correct+horse+battery&new=short&repeat=short", headers=FORM
    )
    assert "at least 12 characters" in short.text
    done = ui.post(
        "/settings/password",
        content=f"csrf={csrf}&current=correct+horse+battery&new=a-new-password-1&repeat=a-new-password-1",
        headers=FORM,
    )
    assert "Your password is changed" in done.text
    assert ui.get("/settings", follow_redirects=False).status_code == 200  # this session stays
    assert other.get("/settings", follow_redirects=False).status_code == 303  # the other one ended
    assert check_password(pipe.store, email, "a-new-password-1") is not None
    assert check_password(pipe.store, email, "correct horse battery") is None


def test_an_operator_resets_a_password_from_the_command_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    from darkwire.accounts import open_session, user_of_session
    from darkwire.cli import main

    monkeypatch.setenv("DARKWIRE_DB", f"sqlite:///{tmp_path}/cli.db")
    assert main(["user", "create", "admin@cert.example", "--tenant", "CERT", "--role", "admin"]) == 0
    with Store.open() as store:
        session, _ = open_session(store, 1)
    capsys.readouterr()
    assert main(["user", "password", "admin@cert.example"]) == 0
    password = capsys.readouterr().out.strip().splitlines()[-1].split(": ", 1)[1]
    with Store.open() as store:
        assert check_password(store, "admin@cert.example", password) is not None
        assert user_of_session(store, session) is None  # the sessions are closed
    monkeypatch.setenv("NEW_PASSWORD", "short")
    assert main(["user", "password", "admin@cert.example", "--password-env", "NEW_PASSWORD"]) == 2
    assert "at least 12 characters" in capsys.readouterr().err
    assert main(["user", "password", "nobody@cert.example"]) == 2
