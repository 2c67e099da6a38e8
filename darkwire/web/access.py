"""Who may ask what of the web app (docs/web.md, "Access").

By default everything but `/healthz`, the login page and the static files needs an account: a login session
(the UI) or an API token (`Authorization: Bearer <token>`). `DARKWIRE_PUBLIC_READ=1` opens the reading of
incidents, briefs, feeds and exports (and the dashboard, actors and organisations made of them) to anyone: a
public threat feed. The raw posts (claims, search), the sources' health and the dead letters, every change
(pushing posts, merge, split, verification) and a tenant's own watchlists, channels, alerts, tokens and users
always need an account. Changes also need a role: analysts and admins act on incidents and push posts; a
viewer only reads.
"""

from __future__ import annotations

from enum import Enum


class Need(Enum):
    NOTHING = "nothing"  # anyone, always
    READ = "read"  # anyone when public reading is on, else an account
    ACCOUNT = "account"  # always an account


ALWAYS_OPEN = ("/healthz", "/login", "/static/")
# GET paths (and everything under them) that DARKWIRE_PUBLIC_READ=1 opens
PUBLIC = (
    "/incidents",
    "/actors",
    "/organizations",
    "/feeds/",
    "/taxii2/",
    "/api/docs",
    "/api/openapi.json",
    "/api/v1/incidents",
    "/api/v1/actors",
    "/api/v1/organizations",
    "/api/v1/dashboard",
    "/api/v1/export/",
)
READING = ("GET", "HEAD")
ACTORS = ("admin", "analyst")  # the roles that change incidents and push posts


def _under(path: str, prefixes: tuple[str, ...]) -> bool:
    return any(path == p.rstrip("/") or path.startswith(p if p.endswith("/") else p + "/") for p in prefixes)


def need(method: str, path: str) -> Need:
    """What a request needs, before its role is asked: NOTHING, READ (public when public reading is on) or
    ACCOUNT."""
    if _under(path, ALWAYS_OPEN):
        return Need.NOTHING
    if method in READING and (path == "/" or _under(path, PUBLIC)):
        return Need.READ
    return Need.ACCOUNT


def is_api(path: str) -> bool:
    """Paths that answer machines: a missing account is a 401 there, not a redirect to the login page."""
    return path.startswith(("/api/", "/taxii2/", "/feeds/"))
