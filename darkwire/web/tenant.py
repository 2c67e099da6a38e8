"""A tenant's own: its watchlists, alert channels, alerts, API tokens and users, through the API
(`/api/v1/...`, with a token) and the UI (`/alerts`, the inbox, and `/settings`, with a login session).

Every read and change here is scoped to the caller's tenant: another tenant's records answer 404, exactly as
records that do not exist. Roles: a viewer reads and marks alerts "not us"; an analyst also keeps watchlists;
an admin also keeps channels and users, and sees every token of the tenant (others see their own).
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from darkwire import accounts
from darkwire import alerts as alerting
from darkwire.accounts import ROLES
from darkwire.alerts import deliver, digest
from darkwire.alerts.match import LEVELS, Watch
from darkwire.errors import InputError
from darkwire.pipeline import Pipeline
from darkwire.taxonomy import taxonomy
from darkwire.web.access import ACTORS
from darkwire.web.common import SESSION_COOKIE, Account, Admin, Session, checked_form, error, lines, page, twin


class WatchlistRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str | None = Field(None, max_length=200)
    orgs: list[str] = Field(default_factory=list, max_length=100)
    aliases: list[str] = Field(default_factory=list, max_length=100)
    domains: list[str] = Field(default_factory=list, max_length=100)
    vendors: list[str] = Field(default_factory=list, max_length=200)
    keywords: list[str] = Field(default_factory=list, max_length=100)
    actors: list[str] = Field(default_factory=list, max_length=100)
    countries: list[str] = Field(default_factory=list, max_length=250)
    sectors: list[str] = Field(default_factory=list, max_length=30)
    data_types: list[str] = Field(default_factory=list, max_length=40)
    min_severity: str | None = None


class ChannelRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    webhook: str | None = Field(None, max_length=2000)
    email: str | None = Field(None, max_length=320)
    secret: str | None = Field(None, max_length=500)
    digest: bool = Field(False, description="a daily digest instead of a message per alert")


class UserRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: str = Field(max_length=320)
    role: str = Field("analyst", description="admin, analyst or viewer")


WATCH_FIELDS = ("orgs", "aliases", "domains", "vendors", "keywords", "actors")  # one per line in the form
CODE_FIELDS = ("countries", "sectors", "data_types")  # comma-separated codes in the form


def _keeps_watchlists(user: dict[str, Any]) -> bool:
    return str(user["role"]) in ACTORS


def _add_watchlist(pipeline: Pipeline, user: dict[str, Any], body: WatchlistRequest) -> int:
    if not _keeps_watchlists(user):
        raise PermissionError("a viewer cannot change watchlists")
    spec = Watch(**body.model_dump(exclude={"name"}))
    return alerting.add_watchlist(pipeline.store, int(user["tenant_id"]), spec, body.name)


def _add_channel(pipeline: Pipeline, user: dict[str, Any], body: ChannelRequest) -> int:
    if bool(body.webhook) == bool(body.email):
        raise InputError("give a webhook or an email, one of them")
    kind, target = ("webhook", body.webhook) if body.webhook else ("email", body.email)
    mode = "digest" if body.digest else "each"
    return alerting.add_channel(pipeline.store, int(user["tenant_id"]), kind, str(target), body.secret, mode=mode)


def _add_user(pipeline: Pipeline, admin: dict[str, Any], body: UserRequest) -> str:
    return accounts.create_user(pipeline.store, body.email, int(admin["tenant_id"]), body.role)


def _tokens(pipeline: Pipeline, user: dict[str, Any]) -> list[dict[str, Any]]:
    return accounts.tokens(pipeline.store, int(user["tenant_id"]), _whose_tokens(user))


def _revoke(pipeline: Pipeline, user: dict[str, Any], token_id: int) -> bool:
    return accounts.revoke_token_id(pipeline.store, int(user["tenant_id"]), token_id, _whose_tokens(user))


def _whose_tokens(user: dict[str, Any]) -> int | None:
    """Whose tokens a user sees and revokes: an admin every one of the tenant (None), anyone else their own."""
    return None if user["role"] == "admin" else int(user["id"])


def _me(user: dict[str, Any]) -> dict[str, Any]:
    return {k: user[k] for k in ("id", "email", "role", "tenant_id")}


def mount(app: FastAPI, pipeline: Pipeline) -> None:
    _api(app, pipeline)
    _inbox(app, pipeline)
    _settings(app, pipeline)


def _api(app: FastAPI, pipeline: Pipeline) -> None:
    store = pipeline.store

    @app.get("/api/v1/me")
    def me(user: Account) -> Any:
        """Who the token belongs to: id, e-mail, role and tenant."""
        return _me(user)

    @app.get("/api/v1/watchlists")
    def list_watchlists(user: Account) -> Any:
        return {"watchlists": alerting.watchlists(store, user["tenant_id"])}

    @app.post("/api/v1/watchlists", status_code=201)
    def new_watchlist(body: WatchlistRequest, user: Account) -> Any:
        try:
            return {"ok": True, "id": _add_watchlist(pipeline, user, body)}
        except PermissionError as e:
            return error(403, str(e))
        except InputError as e:
            return error(400, str(e))

    @app.delete("/api/v1/watchlists/{watchlist_id}")
    def drop_watchlist(watchlist_id: int, user: Account) -> Any:
        if not _keeps_watchlists(user):
            return error(403, "a viewer cannot change watchlists")
        if not alerting.delete_watchlist(store, user["tenant_id"], watchlist_id):
            return error(404, f"no watchlist {watchlist_id}")  # another tenant's is no more visible than none
        return {"ok": True}

    @app.get("/api/v1/channels")
    def list_channels(user: Account) -> Any:
        return {"channels": alerting.channels(store, user["tenant_id"])}

    @app.post("/api/v1/channels", status_code=201)
    def new_channel(body: ChannelRequest, user: Admin) -> Any:
        try:
            return {"ok": True, "id": _add_channel(pipeline, user, body)}
        except InputError as e:
            return error(400, str(e))

    @app.delete("/api/v1/channels/{channel_id}")
    def drop_channel(channel_id: int, user: Admin) -> Any:
        if not alerting.delete_channel(store, user["tenant_id"], channel_id):
            return error(404, f"no channel {channel_id}")
        return {"ok": True}

    @app.get("/api/v1/alerts")
    def list_alerts(user: Account, limit: int = Query(100, ge=1, le=1000)) -> Any:
        return {"alerts": alerting.alerts(store, user["tenant_id"], limit)}

    @app.post("/api/v1/alerts/{alert_id}/not-us")
    def alert_not_us(alert_id: int, user: Account) -> Any:
        try:
            n = alerting.not_us(store, user["tenant_id"], alert_id, by=user["email"])
        except InputError as e:
            return error(404, str(e))
        return {"ok": True, "suppressed_terms": n}

    @app.get("/api/v1/deliveries")
    def list_deliveries(user: Account, limit: int = Query(100, ge=1, le=1000)) -> Any:
        """The latest deliveries of alerts to the tenant's channels: pending (with the next try), delivered or
        dead (with the last error)."""
        return {"deliveries": deliver.deliveries(store, int(user["tenant_id"]), limit)}

    @app.get("/api/v1/digests")
    def list_digests(user: Account, limit: int = Query(50, ge=1, le=500)) -> Any:
        """The daily digests of the tenant's digest channels, newest first."""
        return {"digests": digest.digests(store, int(user["tenant_id"]), limit)}

    @app.get("/api/v1/tokens")
    def list_tokens(user: Account) -> Any:
        """The caller's API tokens (an admin: every token of the tenant); prefixes, never the tokens."""
        return {"tokens": _tokens(pipeline, user)}

    @app.post("/api/v1/tokens", status_code=201)
    def new_token(user: Account) -> Any:
        """A new token for the caller, shown this once."""
        return {"ok": True, "token": accounts.create_token(store, int(user["id"]))}

    @app.delete("/api/v1/tokens/{token_id}")
    def drop_token(token_id: int, user: Account) -> Any:
        if not _revoke(pipeline, user, token_id):
            return error(404, f"no live token {token_id}")
        return {"ok": True}

    @app.get("/api/v1/users")
    def list_users(user: Admin) -> Any:
        return {"users": accounts.users(store, int(user["tenant_id"]))}

    @app.post("/api/v1/users", status_code=201)
    def new_user(body: UserRequest, user: Admin) -> Any:
        """A new user of the admin's tenant; the generated password is shown this once."""
        try:
            password = _add_user(pipeline, user, body)
        except InputError as e:
            return error(400, str(e))
        return {"ok": True, "email": body.email.strip().lower(), "password": password}

    @app.delete("/api/v1/users/{user_id}")
    def drop_user(user_id: int, user: Admin) -> Any:
        """Disables a user of the tenant: no login, no token, sessions closed."""
        if user_id == user["id"]:
            return error(400, "an admin cannot disable themself")
        if not accounts.disable_user(store, int(user["tenant_id"]), user_id):
            return error(404, f"no user {user_id}")
        return {"ok": True}


def _inbox(app: FastAPI, pipeline: Pipeline) -> None:
    @app.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
    def inbox(request: Request, user: Account) -> Any:
        found = alerting.alerts(pipeline.store, int(user["tenant_id"]))
        if (answer := twin(request, {"alerts": found})) is not None:
            return answer
        return page(request, "inbox.html", user=user, alerts=found, problem=request.query_params.get("problem"), q=None)

    @app.post("/alerts/{alert_id}/not-us", include_in_schema=False)
    async def inbox_not_us(request: Request, alert_id: int, user: Session) -> Any:
        await checked_form(request, user)
        try:
            alerting.not_us(pipeline.store, int(user["tenant_id"]), alert_id, by=str(user["email"]))
        except InputError as e:
            return error(404, str(e))
        return RedirectResponse("/alerts", status_code=303)


def _settings(app: FastAPI, pipeline: Pipeline) -> None:
    store = pipeline.store

    def settings_page(
        request: Request, user: dict[str, Any], problem: str | None = None, shown: dict[str, str] | None = None
    ) -> HTMLResponse:
        tid = int(user["tenant_id"])
        tax = taxonomy()
        return page(
            request,
            "settings.html",
            user=user,
            watchlists=alerting.watchlists(store, tid),
            channels=alerting.channels(store, tid),
            deliveries=deliver.deliveries(store, tid, 20),
            digests=digest.digests(store, tid, 10),
            tokens=_tokens(pipeline, user),
            users=accounts.users(store, tid) if user["role"] == "admin" else [],
            roles=ROLES,
            severities=list(LEVELS),
            sectors=sorted(tax.sectors),
            data_types=sorted(tax.data_types),
            problem=problem,
            shown=shown or {},
            q=None,
        )

    def back(section: str) -> RedirectResponse:
        return RedirectResponse(f"/settings#{section}", status_code=303)

    @app.get("/settings", response_class=HTMLResponse, include_in_schema=False)
    def settings(request: Request, user: Session) -> Any:
        return settings_page(request, user)

    @app.post("/settings/watchlists", include_in_schema=False)
    async def add_watchlist_form(request: Request, user: Session) -> Any:
        form = await checked_form(request, user)
        try:
            body = WatchlistRequest(
                name=form.get("name", "").strip()[:200] or None,
                min_severity=form.get("min_severity") or None,
                **{f: lines(form.get(f, "")) for f in WATCH_FIELDS},
                **{f: lines(form.get(f, ""), commas=True) for f in CODE_FIELDS},
            )
            _add_watchlist(pipeline, user, body)
        except (InputError, PermissionError, ValueError) as e:
            return settings_page(request, user, problem=_one_line(e))
        return back("watchlists")

    @app.post("/settings/watchlists/{watchlist_id}/delete", include_in_schema=False)
    async def delete_watchlist_form(request: Request, watchlist_id: int, user: Session) -> Any:
        await checked_form(request, user)
        if not _keeps_watchlists(user):
            return settings_page(request, user, problem="a viewer cannot change watchlists")
        if not alerting.delete_watchlist(store, int(user["tenant_id"]), watchlist_id):
            return error(404, f"no watchlist {watchlist_id}")
        return back("watchlists")

    @app.post("/settings/channels", include_in_schema=False)
    async def add_channel_form(request: Request, user: Session) -> Any:
        form = await checked_form(request, user)
        if user["role"] != "admin":
            return settings_page(request, user, problem="only an admin adds channels")
        target = form.get("target", "").strip()
        kind = form.get("kind", "webhook")
        try:
            body = ChannelRequest(
                webhook=target if kind == "webhook" else None,
                email=target if kind == "email" else None,
                secret=form.get("secret") or None,
                digest=form.get("digest") == "on",
            )
            _add_channel(pipeline, user, body)
        except (InputError, ValueError) as e:
            return settings_page(request, user, problem=_one_line(e))
        return back("channels")

    @app.post("/settings/channels/{channel_id}/delete", include_in_schema=False)
    async def delete_channel_form(request: Request, channel_id: int, user: Session) -> Any:
        await checked_form(request, user)
        if user["role"] != "admin":
            return settings_page(request, user, problem="only an admin removes channels")
        if not alerting.delete_channel(store, int(user["tenant_id"]), channel_id):
            return error(404, f"no channel {channel_id}")
        return back("channels")

    @app.post("/settings/password", include_in_schema=False)
    async def password_form(request: Request, user: Session) -> Any:
        """A user's new password: the current one first, the new one twice; their other sessions are closed."""
        form = await checked_form(request, user)
        new = form.get("new", "")
        if accounts.check_password(store, str(user["email"]), form.get("current", "")) is None:
            return settings_page(request, user, problem="the current password is wrong")
        if new != form.get("repeat"):
            return settings_page(request, user, problem="the new password and its repetition differ")
        try:
            accounts.set_password(store, str(user["email"]), new, keep_session=request.cookies.get(SESSION_COOKIE))
        except InputError as e:
            return settings_page(request, user, problem=_one_line(e))
        return settings_page(request, user, shown={"changed": "password"})

    @app.post("/settings/tokens", include_in_schema=False)
    async def add_token_form(request: Request, user: Session) -> Any:
        await checked_form(request, user)
        token = accounts.create_token(store, int(user["id"]))
        return settings_page(request, user, shown={"token": token})  # shown once, never again

    @app.post("/settings/tokens/{token_id}/revoke", include_in_schema=False)
    async def revoke_token_form(request: Request, token_id: int, user: Session) -> Any:
        await checked_form(request, user)
        if not _revoke(pipeline, user, token_id):
            return error(404, f"no live token {token_id}")
        return back("tokens")

    @app.post("/settings/users", include_in_schema=False)
    async def add_user_form(request: Request, user: Session) -> Any:
        form = await checked_form(request, user)
        if user["role"] != "admin":
            return settings_page(request, user, problem="only an admin adds users")
        try:
            body = UserRequest(email=form.get("email", "")[:320], role=form.get("role", "analyst"))
            password = _add_user(pipeline, user, body)
        except (InputError, ValueError) as e:
            return settings_page(request, user, problem=_one_line(e))
        return settings_page(request, user, shown={"user": body.email.strip().lower(), "password": password})

    @app.post("/settings/users/{user_id}/disable", include_in_schema=False)
    async def disable_user_form(request: Request, user_id: int, user: Session) -> Any:
        await checked_form(request, user)
        if user["role"] != "admin":
            return settings_page(request, user, problem="only an admin disables users")
        if user_id == user["id"]:
            return settings_page(request, user, problem="an admin cannot disable themself")
        if not accounts.disable_user(store, int(user["tenant_id"]), user_id):
            return error(404, f"no user {user_id}")
        return back("users")


def _one_line(e: Exception) -> str:
    """A form's problem in one line: pydantic's first complaint, or the error's own words."""
    if isinstance(e, ValidationError) and e.errors():
        first = e.errors()[0]
        return f"{'.'.join(map(str, first['loc']))}: {first['msg']}"[:300]
    return str(e).splitlines()[0][:300] if str(e) else type(e).__name__
