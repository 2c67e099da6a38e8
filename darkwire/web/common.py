"""What the web app's modules share: the one error shape, pages (autoescaped, with their security headers),
JSON twins, forms, and the caller of a request as FastAPI dependencies (darkwire.web.access says who may ask
what; the gate in darkwire.web.app finds the caller)."""

from __future__ import annotations

import json
from typing import Annotated, Any
from urllib.parse import parse_qs

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, JSONResponse
from jinja2 import Environment, PackageLoader
from starlette.exceptions import HTTPException as StarletteHTTPException

from darkwire.web.access import ACTORS

# Autoescape everywhere: nothing from a post reaches a page unescaped. The CSP forbids inline scripts and
# other origins on top of that, so even a slip could not run a post's script.
PAGES = Environment(loader=PackageLoader("darkwire.web", "templates"), autoescape=True)
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    # never a referrer to another site; "no-referrer" would also make browsers send "Origin: null" with the
    # site's own forms, which the login's origin check (rightly) refuses
    "Referrer-Policy": "same-origin",
}
SESSION_COOKIE = "dw_session"
MAX_FORM = 10_000  # bytes: more than any of darkwire's forms


def error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"ok": False, "error": message, "status": status}, status_code=status)


def page(request: Request, name: str, **context: Any) -> HTMLResponse:
    """A page for people, told who is signed in (`me`, None for anyone) for its header and forms."""
    me = getattr(request.state, "user", None)
    return HTMLResponse(PAGES.get_template(name).render(me=me, **context), headers=HEADERS)


def wants_json(request: Request) -> bool:
    return request.query_params.get("format") == "json" or request.headers.get("accept", "").startswith(
        "application/json"
    )


def twin(request: Request, data: Any) -> JSONResponse | None:
    """A page's JSON twin: the same data, asked for with ?format=json (or Accept: application/json)."""
    return JSONResponse(jsonable(data), headers=HEADERS) if wants_json(request) else None


def jsonable(data: Any) -> Any:
    return json.loads(json.dumps(data, default=str))


async def form_of(request: Request) -> dict[str, str] | None:
    """A form-encoded body as a dict (None when it is larger than any of darkwire's forms). A field given more
    than once keeps its first value; `lines` splits the multi-valued ones."""
    body = await request.body()
    if len(body) > MAX_FORM:
        return None
    return {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}


def local(url: str) -> str:
    """Only a path of this site to go to after logging in: never another site."""
    return url if url.startswith("/") and not url.startswith("//") and "\\" not in url else "/"


def _account(request: Request) -> dict[str, Any]:
    """The caller (a dependency of the endpoints that always need an account; the gate lets only callers with
    one through, so the 401 here is a second lock)."""
    user: dict[str, Any] | None = getattr(request.state, "user", None)
    if user is None:
        raise StarletteHTTPException(401, "this needs an account: log in, or send 'Authorization: Bearer <token>'")
    return user


def _actor(request: Request) -> dict[str, Any]:
    """The caller, when its role may change incidents and push posts (analyst or admin)."""
    user = _account(request)
    if user["role"] not in ACTORS:
        raise StarletteHTTPException(403, f"a {user['role']} only reads: this needs an analyst or an admin")
    return user


def _admin(request: Request) -> dict[str, Any]:
    user = _account(request)
    if user["role"] != "admin":
        raise StarletteHTTPException(403, "only an admin may do this")
    return user


def _signed_in(request: Request) -> dict[str, Any]:
    """The caller of one of the site's own forms: a login session (not a token), whose CSRF token the form
    must carry (checked by `checked_form`)."""
    user = _account(request)
    if getattr(request.state, "via", None) != "session":
        raise StarletteHTTPException(403, "the site's forms need a login session")
    return user


Account = Annotated[dict[str, Any], Depends(_account)]  # any signed-in caller
Actor = Annotated[dict[str, Any], Depends(_actor)]  # an analyst or an admin
Admin = Annotated[dict[str, Any], Depends(_admin)]
Session = Annotated[dict[str, Any], Depends(_signed_in)]  # a person in the UI


async def checked_form(request: Request, user: dict[str, Any]) -> dict[str, str]:
    """The form of a signed-in user, when it came from this site (its CSRF token is the session's)."""
    form = await form_of(request)
    if form is None:
        raise StarletteHTTPException(413, "the form is too large")
    if not user.get("csrf") or form.get("csrf") != user["csrf"]:
        raise StarletteHTTPException(403, "no session, or the form did not come from this site")
    return form


def lines(value: str, commas: bool = False, limit: int = 200) -> list[str]:
    """A form's list field: one item per line (or per comma too, for codes), blanks dropped."""
    items = [x.strip() for part in value.splitlines() for x in (part.split(",") if commas else [part])]
    return [x for x in items if x][:limit]
