"""The FastAPI application: health, stats, source health, claims and the push endpoint of the API, and the
first pages for people (latest claims, search, sources), each with its JSON twin.

Every failure answers in one shape, `{"ok": false, "error": "...", "status": N}`, whatever raised it:
validation, a missing route, a body too large or a bug.
"""

from __future__ import annotations

import time
from typing import Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.staticfiles import StaticFiles
from markupsafe import Markup
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from darkwire import __version__
from darkwire.accounts import check_password, close_session, open_session, user_of_session, user_of_token
from darkwire.analyze import ANALYZER_VERSION
from darkwire.brief import brief as write_brief
from darkwire.brief import languages as brief_languages
from darkwire.brief import render as render_brief
from darkwire.brief.polish import Polisher
from darkwire.brief.render import html_fragment as brief_fragment
from darkwire.errors import InputError
from darkwire.export import incidents as export_incidents_of
from darkwire.export.write import MEDIA as EXPORT_MEDIA
from darkwire.export.write import export as export_text
from darkwire.model import Post
from darkwire.pipeline import Pipeline
from darkwire.settings import get_settings
from darkwire.store import entities, schema
from darkwire.store.incidents import IncidentFilter
from darkwire.taxonomy import taxonomy
from darkwire.web import taxii, tenant
from darkwire.web.access import READING, Need, is_api, need
from darkwire.web.common import (
    HEADERS,
    SESSION_COOKIE,
    Actor,
    Session,
    checked_form,
    error,
    form_of,
    local,
    page,
    twin,
    wants_json,
)
from darkwire.web.feeds import atom as atom_feed
from darkwire.web.feeds import rss as rss_feed
from darkwire.web.filters import FILTER_KEYS, parse_filter
from darkwire.web.highlight import pieces

MAX_BODY = 5_000_000  # bytes of one push request
MAX_POSTS = 1000  # posts in one push request
MAX_QUERY = 500  # characters of a search query


def create_app(pipeline: Pipeline, on_push: Any = None, public_read: bool | None = None) -> FastAPI:
    """The app over `pipeline`'s store. `on_push` is called after posts are pushed (the poller's wake-up).
    `public_read` opens reading to anyone (darkwire.web.access); by default, DARKWIRE_PUBLIC_READ decides."""
    app = FastAPI(title="darkwire", version=__version__, docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.pipeline = pipeline
    app.state.public_read = get_settings().public_read if public_read is None else public_read
    _errors(app)
    _gate(app)

    @app.get("/healthz")
    def healthz() -> dict[str, Any]:
        return {"ok": True, "version": __version__}

    @app.get("/api/v1/stats")
    def stats() -> dict[str, Any]:
        with pipeline.lock:
            return pipeline.store.stats()

    @app.get("/api/v1/sources")
    def sources() -> dict[str, Any]:
        with pipeline.lock:
            return {"sources": pipeline.store.stats()["sources"]}

    def _claims(q: str | None, limit: int) -> list[dict[str, Any]]:
        from darkwire.web.queries import claims

        with pipeline.lock:
            if q and q.strip():
                hits = pipeline.store.search(q, limit=limit)
                rows = claims(pipeline.store, ANALYZER_VERSION, post_ids=[h.post_id for h in hits])
                snippets = {h.post_id: h.snippet for h in hits}
                for row in rows:
                    row["snippet"] = snippets.get(row["post_id"])
                return rows
            return claims(pipeline.store, ANALYZER_VERSION, limit=limit)

    def _incident_page(request: Request, limit: int, cursor: str | None) -> tuple[list[dict[str, Any]], str | None]:
        f = parse_filter(dict(request.query_params))
        with pipeline.lock:
            post_ids = [h.post_id for h in pipeline.store.search(f.q, limit=500, prefix=True)] if f.q else []
            return pipeline.store.incidents.query(f, limit=limit, cursor=cursor, post_ids=post_ids)

    @app.get("/api/v1/incidents")
    def incidents(
        request: Request,
        q: str | None = Query(None, max_length=200, description="words in the victim's or actor's name or the posts"),
        country: str | None = Query(None, description="ISO 3166 alpha-2 codes, comma-separated"),
        sector: str | None = Query(None, description="taxonomy sectors, comma-separated"),
        actor: str | None = Query(None, description="actor names, comma-separated"),
        claim_type: str | None = Query(None, description="taxonomy claim types, comma-separated"),
        severity: str | None = Query(None, description="low, medium, high, critical; comma-separated"),
        verification: str | None = Query(None, description="taxonomy verification statuses, comma-separated"),
        since: str | None = Query(None, description="last seen on or after (2026-10-01 or an ISO date-time)"),
        until: str | None = Query(None, description="first seen on or before"),
        limit: int = Query(50, ge=1, le=500),
        cursor: str | None = Query(None, max_length=200, description="the next_cursor of the previous page"),
    ) -> Any:
        """Incidents, most recently active first, filtered, a page at a time (follow `next_cursor`)."""
        try:
            found, next_cursor = _incident_page(request, limit, cursor)
        except InputError as e:
            return error(400, str(e))
        return {"incidents": found, "next_cursor": next_cursor}

    @app.get("/feeds/briefs.{kind}")
    def feed(request: Request, kind: str, limit: int = Query(50, ge=1, le=200)) -> Any:
        """Atom (`briefs.atom`) or RSS (`briefs.rss`) of the latest briefs, with the incident list's filters."""
        if kind not in ("atom", "rss"):
            return error(404, "feeds are briefs.atom and briefs.rss")
        try:
            f = parse_filter(dict(request.query_params))
        except InputError as e:
            return error(400, str(e))
        with pipeline.lock:
            found = list(export_incidents_of(pipeline.store, f, limit))
        base = str(request.base_url).rstrip("/")
        title = "darkwire briefs" + (f" ({request.url.query})" if request.url.query else "")
        body = (atom_feed if kind == "atom" else rss_feed)(found, base, str(request.url), title)
        media = "application/atom+xml" if kind == "atom" else "application/rss+xml"
        return Response(body, media_type=f"{media}; charset=utf-8", headers=HEADERS)

    @app.get("/api/v1/export/{fmt}")
    def export_incidents(
        request: Request,
        fmt: str,
        limit: int = Query(1000, ge=1, le=10_000),
        tlp: str = Query("tlp:clear", pattern="^tlp:(clear|white|green|amber|amber\\+strict|red)$"),
    ) -> Any:
        """Incidents as STIX 2.1 (`stix`), MISP events (`misp`), JSON Lines (`jsonl`) or CSV (`csv`), with the
        filters of the incident list."""
        if fmt not in EXPORT_MEDIA:
            return error(404, f"no export format {fmt!r}: stix, misp, jsonl or csv")
        try:
            f = parse_filter(dict(request.query_params))
        except InputError as e:
            return error(400, str(e))
        with pipeline.lock:
            text = "".join(export_text(pipeline.store, fmt, f, limit, tlp))
        return Response(text, media_type=EXPORT_MEDIA[fmt], headers=HEADERS)

    @app.get("/api/v1/incidents/{incident_id}")
    def incident(incident_id: int, lang: str = Query("en", max_length=8)) -> Any:
        """The incident with its claims, history, severity factors, verification, evidence and brief."""
        with pipeline.lock:
            found = pipeline.store.incidents.get(incident_id)
            if found is None:
                return error(404, f"no incident {incident_id}")
            try:
                written = write_brief(pipeline.store, incident_id, lang, inc=found)
            except InputError as e:
                return error(400, str(e))
            found["history"] = pipeline.store.incidents.events(incident_id)
        found["evidence"] = written["evidence"]
        found["brief"] = {k: v for k, v in written.items() if k not in ("evidence", "facts")}
        return found

    @app.get("/api/v1/incidents/{incident_id}/brief")
    def incident_brief(
        incident_id: int,
        format: str = Query("json", pattern="^(md|html|json)$"),
        lang: str = Query("en", max_length=8),
        polish: bool = False,
    ) -> Any:
        """The brief as JSON, Markdown or HTML; `polish=true` lets the configured language model rephrase it."""
        polisher = Polisher.from_settings() if polish else None
        if polish and polisher is None:
            return error(400, "no language model is configured (DARKWIRE_LLM_URL and DARKWIRE_LLM_MODEL)")
        with pipeline.lock:
            found = pipeline.store.incidents.get(incident_id)
            if found is None:
                return error(404, f"no incident {incident_id}")
            try:
                written = write_brief(pipeline.store, incident_id, lang, inc=found)
            except InputError as e:
                return error(400, str(e))
        if polisher is not None:  # the model is asked outside the lock: it may take a while
            written = polisher.apply(pipeline.store, written)
        if format == "json":
            return written
        media = "text/html; charset=utf-8" if format == "html" else "text/markdown; charset=utf-8"
        return Response(render_brief(written, format), media_type=media, headers=HEADERS)

    @app.post("/api/v1/incidents/{incident_id}/merge")
    def merge(incident_id: int, body: MergeRequest, user: Actor) -> Any:
        with pipeline.lock:
            try:
                pipeline.store.incidents.merge(incident_id, body.other, by=_by(user, body.by), rationale=body.rationale)
                pipeline.changed(incident_id)
            except InputError as e:
                return error(404 if str(e).startswith("no incident") else 422, str(e))
            return pipeline.store.incidents.get(incident_id)

    @app.post("/api/v1/incidents/{incident_id}/split")
    def split(incident_id: int, body: SplitRequest, user: Actor) -> Any:
        with pipeline.lock:
            try:
                new = pipeline.store.incidents.split(
                    incident_id, body.post_ids, by=_by(user, body.by), rationale=body.rationale
                )
                pipeline.changed(incident_id, new)
            except InputError as e:
                return error(404 if str(e).startswith("no incident") else 422, str(e))
            return {
                "ok": True,
                "incident": pipeline.store.incidents.get(incident_id),
                "new_incident": pipeline.store.incidents.get(new),
            }

    @app.get("/api/v1/actors")
    def actors(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        return {"actors": entities.listing(pipeline.store.engine, schema.actors, limit, offset)}

    @app.get("/api/v1/actors/{record_id}")
    def actor(record_id: int) -> Any:
        return entities.one(pipeline.store.engine, schema.actors, record_id) or error(404, f"no actor {record_id}")

    @app.get("/api/v1/organizations")
    def organizations(limit: int = Query(100, ge=1, le=1000), offset: int = Query(0, ge=0)) -> dict[str, Any]:
        return {"organizations": entities.listing(pipeline.store.engine, schema.organizations, limit, offset)}

    @app.get("/api/v1/organizations/{record_id}")
    def organization(record_id: int) -> Any:
        found = entities.one(pipeline.store.engine, schema.organizations, record_id)
        return found or error(404, f"no organization {record_id}")

    @app.post("/api/v1/incidents/{incident_id}/verification")
    def verify(incident_id: int, body: VerifyRequest, user: Actor) -> Any:
        with pipeline.lock:
            try:
                pipeline.store.incidents.verify(
                    incident_id, body.status, by=_by(user, body.by), rationale=body.rationale
                )
                pipeline.changed(incident_id)
            except InputError as e:
                return error(404 if str(e).startswith("no incident") else 422, str(e))
            return pipeline.store.incidents.get(incident_id)

    @app.get("/api/v1/dead-letters")
    def dead_letters(
        all: bool = Query(False, description="resolved ones too"), limit: int = Query(100, ge=1, le=1000)
    ) -> dict[str, Any]:
        from darkwire.cli_store import dead_letter_json

        with pipeline.lock:
            letters = pipeline.store.dead_letters(open_only=not all, limit=limit)
        return {"dead_letters": [dead_letter_json(d) for d in letters]}

    @app.get("/api/v1/claims")
    def api_claims(
        q: str | None = Query(None, max_length=MAX_QUERY), limit: int = Query(50, ge=1, le=500)
    ) -> dict[str, Any]:
        return {"claims": _claims(q, limit)}

    @app.get("/", response_class=HTMLResponse)
    def index(request: Request) -> Any:
        signed_in = request.state.user is not None
        with pipeline.lock:
            stats = pipeline.store.stats()
            dash = pipeline.store.incidents.dashboard()
            latest, _ = pipeline.store.incidents.query(IncidentFilter(), limit=10)
        if not signed_in:  # public reading: the incidents, not the sources' health nor the dead letters
            stats = {k: v for k, v in stats.items() if k not in ("sources", "dead_letters")}
        if (answer := twin(request, {"stats": stats, "dashboard": dash, "incidents": latest})) is not None:
            return answer
        claims = _claims(None, 50) if signed_in else []
        return page(request, "index.html", stats=stats, dash=dash, incidents=latest, claims=claims, q=None)

    @app.get("/api/docs", response_class=HTMLResponse, include_in_schema=False)
    def api_docs(request: Request) -> HTMLResponse:
        """The API's reference, rendered here from the OpenAPI description (FastAPI's own pages load their
        scripts from a CDN, which darkwire never does)."""
        spec = app.openapi()
        paths = [(path, sorted(ops.items())) for path, ops in sorted(spec.get("paths", {}).items())]
        return page(request, "api.html", paths=paths, q=None)

    # --- logging in (the UI's session) and the in-app inbox of alerts

    failures: dict[str, list[float]] = {}  # login failures per address and per e-mail, for the rate limit

    def limited(*keys: str) -> bool:
        cutoff = time.monotonic() - LOGIN_WINDOW
        for key in keys:
            failures[key] = [t for t in failures.get(key, []) if t > cutoff]
        return any(len(failures[k]) >= LOGIN_FAILURES for k in keys)

    def same_origin(request: Request) -> bool:
        origin = request.headers.get("origin")
        return origin is None or origin.rstrip("/") == str(request.base_url).rstrip("/")

    @app.get("/login", response_class=HTMLResponse, include_in_schema=False)
    def login_page(request: Request, next: str = Query("/", max_length=500)) -> HTMLResponse:
        return page(request, "login.html", next_url=local(next), problem=None, q=None)

    @app.post("/login", include_in_schema=False)
    async def login(request: Request) -> Any:
        form = await form_of(request)
        if form is None or not same_origin(request):
            return error(400, "a login form from this site, please")
        email = form.get("email", "").strip().lower()[:320]
        where = request.client.host if request.client else "?"
        if limited(f"ip:{where}", f"email:{email}"):
            return error(429, "too many failed logins: wait a quarter of an hour")
        user = check_password(pipeline.store, email, form.get("password", ""))
        if user is None:
            now = time.monotonic()
            failures.setdefault(f"ip:{where}", []).append(now)
            failures.setdefault(f"email:{email}", []).append(now)
            return page(
                request, "login.html", next_url=local(form.get("next", "/")), problem="wrong e-mail or password", q=None
            )
        token, _ = open_session(pipeline.store, int(user["id"]))
        answer = RedirectResponse(local(form.get("next", "/")), status_code=303)
        answer.set_cookie(
            SESSION_COOKIE, token, httponly=True, samesite="strict", secure=request.url.scheme == "https",
            max_age=12 * 3600, path="/",
        )  # fmt: skip
        return answer

    @app.post("/logout", include_in_schema=False)
    async def logout(request: Request, user: Session) -> Any:
        await checked_form(request, user)
        close_session(pipeline.store, request.cookies.get(SESSION_COOKIE, ""))
        answer = RedirectResponse("/login", status_code=303)
        answer.delete_cookie(SESSION_COOKIE, path="/")
        return answer

    @app.get("/api/v1/dashboard")
    def dashboard() -> dict[str, Any]:
        """What the dashboard draws: incidents per week, by country, sector, actor, severity and verification."""
        with pipeline.lock:
            return pipeline.store.incidents.dashboard()

    @app.get("/search", response_class=HTMLResponse)
    def search(request: Request, q: str = Query("", max_length=MAX_QUERY)) -> Any:
        found = _claims(q, 100) if q.strip() else []
        if (answer := twin(request, {"q": q, "claims": found})) is not None:
            return answer
        return page(request, "search.html", q=q, claims=found)

    @app.get("/sources", response_class=HTMLResponse)
    def sources_page(request: Request) -> Any:
        with pipeline.lock:
            sources = pipeline.store.stats()["sources"]
        if (answer := twin(request, {"sources": sources})) is not None:
            return answer
        return page(request, "sources.html", sources=sources, q=None)

    @app.get("/incidents", response_class=HTMLResponse)
    def incidents_page(request: Request, limit: int = Query(50, ge=1, le=500)) -> Any:
        params = {k: v for k, v in request.query_params.items() if k in (*FILTER_KEYS, "cursor") and v}
        problem: str | None = None
        found: list[dict[str, Any]] = []
        next_cursor: str | None = None
        try:
            found, next_cursor = _incident_page(request, limit, params.get("cursor"))
        except InputError as e:
            problem = str(e)
        data = {"incidents": found, "next_cursor": next_cursor}
        if (answer := twin(request, data)) is not None:
            return answer
        tax = taxonomy()
        choices = {
            "sectors": sorted(tax.sectors),
            "claim_types": list(tax.claim_types),
            "severities": ["critical", "high", "medium", "low"],
            "verification": list(tax.verification),
        }
        without = urlencode({k: v for k, v in params.items() if k != "cursor"})
        return page(
            request,
            "incidents.html",
            incidents=found,
            next_cursor=next_cursor,
            params=params,
            choices=choices,
            problem=problem,
            query=urlencode(params),
            query_without_cursor=without,
            q=None,
        )

    @app.get("/incidents/{incident_id}", response_class=HTMLResponse)
    def incident_page(request: Request, incident_id: int, lang: str = Query("en", max_length=8)) -> Any:
        with pipeline.lock:
            found = pipeline.store.incidents.get(incident_id)
            if found is None:
                return error(404, f"no incident {incident_id}")
            history = pipeline.store.incidents.events(incident_id)
            contents = pipeline.store.incidents.claim_contents(incident_id)
            try:
                written = write_brief(pipeline.store, incident_id, lang, inc=found, contents=contents)
            except InputError as e:
                return error(400, str(e))
        if (answer := twin(request, {**found, "history": history, "brief": written})) is not None:
            return answer
        posts = []
        for c in found["claims"]:
            title, text, analysis, _ = contents.get(c["post_id"], ("", "", None, ""))
            posts.append(
                {
                    **c,
                    "url": c["url"] if str(c["url"] or "").startswith(("http://", "https://")) else None,
                    "title": pieces(title, analysis.evidence_title if analysis else {}) if title else [],
                    "text": pieces(text, analysis.evidence if analysis else {}),
                }
            )
        return page(
            request,
            "incident.html",
            incident=found,
            history=history,
            headline=written["headline"],
            article=Markup(brief_fragment(written)),  # rendered with autoescape by the brief's own templates
            languages=brief_languages(),
            lang=lang,
            posts=posts,
            verification_choices=list(taxonomy().verification),
            verify_problem=request.query_params.get("problem"),
            q=None,
        )

    @app.post("/incidents/{incident_id}/verification", include_in_schema=False)
    async def verify_form(incident_id: int, request: Request, user: Actor) -> Any:
        """The incident page's verification form (form-encoded); back to the page afterwards."""
        form = await checked_form(request, user)  # a session's form, with its CSRF token
        target = f"/incidents/{incident_id}"
        try:
            with pipeline.lock:
                pipeline.store.incidents.verify(
                    incident_id,
                    form.get("status", ""),
                    by=str(user["email"]),
                    rationale=form.get("rationale", "")[:2000],
                )
                pipeline.changed(incident_id)
        except InputError as e:
            if "no incident" in str(e):
                return error(404, str(e))
            return RedirectResponse(f"{target}?{urlencode({'problem': str(e)})}#verify", status_code=303)
        return RedirectResponse(target + "#verify", status_code=303)

    for kind, table in (("actors", schema.actors), ("organizations", schema.organizations)):
        _entity_pages(app, pipeline, kind, table)

    tenant.mount(app, pipeline)
    taxii.mount(app, pipeline)
    app.mount("/static", StaticFiles(packages=[("darkwire.web", "static")]), name="static")

    @app.post("/api/v1/posts", status_code=201)
    async def push(request: Request, user: Actor) -> Any:
        body = await request.body()
        if len(body) > MAX_BODY:
            return error(413, f"request body over {MAX_BODY} bytes: send fewer posts per request")
        posts = _parse_posts(body)
        if isinstance(posts, JSONResponse):
            return posts
        ids = pipeline.push(posts)
        if on_push is not None:
            on_push()
        return {"ok": True, "received": len(posts), "new_post_ids": ids, "duplicates": len(posts) - len(ids)}

    return app


class MergeRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    other: int = Field(description="the incident whose claims move into this one")
    by: str | None = Field(None, max_length=200, description="on whose behalf, when not the caller's own")
    rationale: str = Field(min_length=1, max_length=5000, description="why")


class VerifyRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    status: str = Field(description="a verification status of the taxonomy, or auto to hand it back to the claims")
    by: str | None = Field(None, max_length=200, description="on whose behalf, when not the caller's own")
    rationale: str = Field(min_length=1, max_length=5000)


class SplitRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    post_ids: list[int] = Field(min_length=1, description="the claims (post ids) that leave for a new incident")
    by: str | None = Field(None, max_length=200, description="on whose behalf, when not the caller's own")
    rationale: str = Field(min_length=1, max_length=5000)


def _gate(app: FastAPI) -> None:
    """Every request passes the gate first (darkwire.web.access)."""
    app.add_middleware(_Gate)


class _Gate:
    """Finds each request's caller (an API token, else a login session) and keeps it in `request.state.user`
    (None for anyone) and how it proved itself in `request.state.via`; answers at once a request its caller may
    not make: a 401 for machines, the login page for people. A plain ASGI middleware: it costs a request
    nothing when there is no credential to look up."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        has_credential = "authorization" in request.headers or SESSION_COOKIE in request.cookies
        user, via = await run_in_threadpool(_caller, request) if has_credential else (None, None)
        request.state.user, request.state.via = user, via  # kept in the scope: seen by the endpoint's request
        refusal = _refusal(request, user, via)
        await (refusal or self.app)(scope, receive, send)


def _refusal(request: Request, user: dict[str, Any] | None, via: str | None) -> Response | None:
    path = request.url.path
    needed = need(request.method, path)
    if user is None and (needed is Need.ACCOUNT or (needed is Need.READ and not request.app.state.public_read)):
        if request.method in READING and not is_api(path) and not wants_json(request):
            here = path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse("/login?" + urlencode({"next": local(here)}), 303)
        return error(401, "this needs an account: log in, or send 'Authorization: Bearer <token>' "
                     "(darkwire token create EMAIL)")  # fmt: skip
    if via == "session" and request.method not in READING and is_api(path):
        # a cookie is sent by the browser whoever wrote the request: API changes take a token (no CSRF)
        return error(403, "API changes need 'Authorization: Bearer <token>', not a login session")
    return None


def _by(user: dict[str, Any], on_behalf: str | None) -> str:
    """Who a change is recorded as made by: always the signed-in user, and whom they name, if anyone."""
    named = (on_behalf or "").strip()
    return str(user["email"]) if not named or named == user["email"] else f"{user['email']} (for {named})"


def _caller(request: Request) -> tuple[dict[str, Any] | None, str | None]:
    """The request's user and how it proved who it is: ("token" or "session"), or (None, None)."""
    store = request.app.state.pipeline.store
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "bearer":
        user = user_of_token(store, token.strip())
        return (user, "token") if user is not None else (None, None)
    user = user_of_session(store, request.cookies.get(SESSION_COOKIE, ""))
    return (user, "session") if user is not None else (None, None)


LOGIN_FAILURES = 10  # failed logins per address or e-mail ...
LOGIN_WINDOW = 900.0  # ... in this many seconds, then 429


def _entity_pages(app: FastAPI, pipeline: Pipeline, kind: str, table: Any) -> None:
    title = "Actors" if kind == "actors" else "Organisations"

    @app.get(f"/{kind}", response_class=HTMLResponse, name=f"{kind}_page")
    def listing(request: Request, limit: int = Query(200, ge=1, le=1000)) -> Any:
        with pipeline.lock:
            records = entities.listing(pipeline.store.engine, table, limit)
        if (answer := twin(request, {kind: records})) is not None:
            return answer
        return page(request, "entities.html", records=records, kind=kind, title=title, q=None)

    @app.get(f"/{kind}/{{record_id}}", response_class=HTMLResponse, name=f"{kind}_one_page")
    def one(request: Request, record_id: int) -> Any:
        with pipeline.lock:
            record = entities.one(pipeline.store.engine, table, record_id)
            if record is None:
                return error(404, f"no {kind[:-1]} {record_id}")
            f = IncidentFilter(actors={record["name"]}) if kind == "actors" else IncidentFilter(victim=record["name"])
            found, _ = pipeline.store.incidents.query(f, limit=200)
        if (answer := twin(request, {**record, "incidents": found})) is not None:
            return answer
        return page(request, "entity.html", record=record, incidents=found, kind=kind, q=None)


def _parse_posts(body: bytes) -> list[Post] | JSONResponse:
    """One post (a JSON object) or a list of them, each with a text or a title."""
    import json

    try:
        data = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        return error(400, f"body is not JSON: {e}")
    items = data if isinstance(data, list) else [data]
    if not items or len(items) > MAX_POSTS:
        return error(422, f"send 1 to {MAX_POSTS} posts per request")
    posts: list[Post] = []
    for i, item in enumerate(items):
        if not isinstance(item, dict):
            return error(422, f"post {i}: expected a JSON object")
        try:
            post = Post.model_validate(item)
        except ValidationError as e:
            first = e.errors()[0]
            return error(422, f"post {i}: {'.'.join(map(str, first['loc']))}: {first['msg']}")
        if not (post.text or post.title):
            return error(422, f'post {i}: no "text" nor "title"')
        post.parse_error = None  # a client cannot file dead letters
        posts.append(post)
    return posts


def _errors(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return error(exc.status_code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {"loc": (), "msg": "invalid request"}
        return error(422, f"{'.'.join(map(str, first['loc']))}: {first['msg']}")

    @app.exception_handler(Exception)
    async def bug(request: Request, exc: Exception) -> JSONResponse:
        return error(500, f"internal error ({type(exc).__name__}); the server log has the details")
