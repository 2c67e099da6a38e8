"""Web clients for the tests: signed in with an API token of a given role (everything but /healthz needs an
account unless public reading is on), or anonymous."""

from __future__ import annotations

import itertools

from fastapi.testclient import TestClient

from darkwire.accounts import create_token, create_user
from darkwire.pipeline import Pipeline
from darkwire.web.app import create_app

_n = itertools.count(1)


def client(
    pipe: Pipeline, role: str | None = "admin", tenant: str = "darkwire tests", public_read: bool = False, **kw: object
) -> TestClient:
    """A TestClient of a new app over `pipe`, with a fresh user of `role` in `tenant` (None: anonymous)."""
    c = TestClient(create_app(pipe, public_read=public_read, **kw))  # type: ignore[arg-type]
    if role is not None:
        sign_in(c, pipe, role, tenant)
    return c


def sign_in(c: TestClient, pipe: Pipeline, role: str = "admin", tenant: str = "darkwire tests") -> str:
    """Makes a user of `role` and gives `c` its token; returns the user's e-mail."""
    email = f"{role}{next(_n)}@{tenant.replace(' ', '-').lower()}.test"
    create_user(pipe.store, email, tenant, role, password="correct horse battery")
    c.headers["Authorization"] = f"Bearer {create_token(pipe.store, email)}"
    return email


def log_in(c: TestClient, pipe: Pipeline, role: str = "analyst", tenant: str = "darkwire tests") -> str:
    """Makes a user of `role` and logs `c` in through the login form, as a person would (no token); returns the
    session's CSRF token, which the site's forms carry."""
    from darkwire.accounts import user_of_session
    from darkwire.web.common import SESSION_COOKIE

    email = f"{role}{next(_n)}@{tenant.replace(' ', '-').lower()}.test"
    create_user(pipe.store, email, tenant, role, password="correct horse battery")
    c.headers.pop("Authorization", None)
    form = {"email": email, "password": "correct horse battery", "next": "/"}
    r = c.post("/login", data=form, follow_redirects=False)
    assert r.status_code == 303, r.text
    user = user_of_session(pipe.store, c.cookies.get(SESSION_COOKIE) or "")
    assert user is not None
    return str(user["csrf"])
