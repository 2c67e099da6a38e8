"""Tenants, users and API tokens. Passwords are kept as argon2 hashes and tokens as SHA-256 hashes: neither is
ever stored or logged as given; each is shown once, when it is made."""

from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, insert, select, update

from darkwire.errors import InputError
from darkwire.store import Store
from darkwire.store import schema as t

ROLES = ("admin", "analyst", "viewer")
TOKEN_PREFIX = "dw_"
_HASHER = PasswordHasher()


def _now() -> datetime:
    return datetime.now(UTC)


def tenant_id(store: Store, name: str, create: bool = False) -> int:
    """The tenant's id (created when `create` and it does not exist yet)."""
    name = name.strip()
    if not name or len(name) > 200:
        raise InputError("a tenant's name is 1 to 200 characters")
    with store.engine.begin() as conn:
        found = conn.execute(select(t.tenants.c.id).where(t.tenants.c.name == name)).scalar()
        if found is not None:
            return int(found)
        if not create:
            raise InputError(f"no tenant {name!r}")
        return int(
            conn.execute(insert(t.tenants).values(name=name, created_at=_now()).returning(t.tenants.c.id)).scalar_one()
        )


def create_user(store: Store, email: str, tenant: str | int, role: str = "analyst", password: str | None = None) -> str:
    """A new user of the tenant (its name, created when new, or its id); returns the password (generated when
    none is given), to be shown once."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 320 or any(c.isspace() for c in email):
        raise InputError(f"{email!r} is not an e-mail address")
    if role not in ROLES:
        raise InputError(f"role is one of {', '.join(ROLES)}, not {role!r}")
    password = password or secrets.token_urlsafe(15)
    if len(password) < 12:
        raise InputError("a password is at least 12 characters")
    tid = tenant if isinstance(tenant, int) else tenant_id(store, tenant, create=True)
    with store.engine.begin() as conn:
        if conn.execute(select(t.users.c.id).where(t.users.c.email == email)).scalar() is not None:
            raise InputError(f"a user {email} exists already")
        conn.execute(
            insert(t.users).values(
                tenant_id=tid, email=email, role=role, password_hash=_HASHER.hash(password), created_at=_now()
            )
        )
    return password


def set_password(store: Store, email: str, password: str | None = None, keep_session: str | None = None) -> str:
    """Sets a user's password (generated when none is given; returned, to be shown once) and closes their
    sessions, all but the one whose token is `keep_session` (the user who changed it stays logged in)."""
    password = password or secrets.token_urlsafe(15)
    if len(password) < 12:
        raise InputError("a password is at least 12 characters")
    with store.engine.begin() as conn:
        uid = conn.execute(select(t.users.c.id).where(t.users.c.email == email.strip().lower())).scalar()
        if uid is None:
            raise InputError(f"no user {email}")
        conn.execute(update(t.users).where(t.users.c.id == uid).values(password_hash=_HASHER.hash(password)))
        closing = delete(t.sessions).where(t.sessions.c.user_id == uid)
        if keep_session:
            closing = closing.where(t.sessions.c.token_hash != _digest(keep_session))
        conn.execute(closing)
    return password


def first_admin(store: Store) -> tuple[str, str] | None:
    """On a store with no user yet: an admin of the tenant "default"; returns (e-mail, one-time password) to
    print once, or None when there are users already."""
    with store.engine.connect() as conn:
        if conn.execute(select(t.users.c.id).limit(1)).first() is not None:
            return None
    email = "admin@localhost"
    return email, create_user(store, email, "default", "admin")


def check_password(store: Store, email: str, password: str) -> dict[str, Any] | None:
    """The user when the password is theirs (and they are not disabled), else None."""
    with store.engine.connect() as conn:
        row = conn.execute(select(t.users).where(t.users.c.email == email.strip().lower())).first()
    if row is None or row.disabled or not row.password_hash:
        _HASHER.hash(password)  # about the same time whether or not the user exists
        return None
    try:
        _HASHER.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return None
    return {"id": row.id, "email": row.email, "role": row.role, "tenant_id": row.tenant_id}


def users(store: Store, tenant_id: int) -> list[dict[str, Any]]:
    """The tenant's users (never their password hashes)."""
    with store.engine.connect() as conn:
        rows = conn.execute(select(t.users).where(t.users.c.tenant_id == tenant_id).order_by(t.users.c.id)).all()
    return [
        {"id": r.id, "email": r.email, "role": r.role, "created_at": r.created_at.isoformat(), "disabled": r.disabled}
        for r in rows
    ]


def disable_user(store: Store, tenant_id: int, user_id: int) -> bool:
    """Disables a user of the tenant: no login, no token, sessions closed. False when the tenant has no such
    user (another tenant's user is no more visible than none)."""
    with store.engine.begin() as conn:
        done = conn.execute(
            update(t.users).where(t.users.c.id == user_id, t.users.c.tenant_id == tenant_id).values(disabled=True)
        ).rowcount
        if done:
            conn.execute(delete(t.sessions).where(t.sessions.c.user_id == user_id))
    return bool(done)


def create_token(store: Store, email: str | int) -> str:
    """A new API token for the user (e-mail or id); returned once, stored only as its hash."""
    with store.engine.begin() as conn:
        who = t.users.c.id == email if isinstance(email, int) else t.users.c.email == email.strip().lower()
        uid = conn.execute(select(t.users.c.id).where(who)).scalar()
        if uid is None:
            raise InputError(f"no user {email}")
        token = TOKEN_PREFIX + secrets.token_urlsafe(32)
        conn.execute(
            insert(t.api_tokens).values(user_id=uid, token_hash=_digest(token), prefix=token[:10], created_at=_now())
        )
    return token


def user_of_token(store: Store, token: str) -> dict[str, Any] | None:
    """The user a token belongs to, unless it is revoked or unknown."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 200:
        return None
    with store.engine.begin() as conn:
        row = conn.execute(
            select(
                t.api_tokens.c.id,
                t.api_tokens.c.last_used_at,
                t.users.c.id.label("uid"),
                t.users.c.email,
                t.users.c.role,
                t.users.c.tenant_id,
            )
            .join(t.users, t.users.c.id == t.api_tokens.c.user_id)
            .where(
                t.api_tokens.c.token_hash == _digest(token),
                t.api_tokens.c.revoked_at.is_(None),
                t.users.c.disabled.is_(False),
            )
        ).first()
        if row is None:
            return None
        now, last = _now(), row.last_used_at
        if last is None or (last if last.tzinfo else last.replace(tzinfo=UTC)) < now - timedelta(minutes=1):
            # to the minute: a busy client's every request is not a write
            conn.execute(update(t.api_tokens).where(t.api_tokens.c.id == row.id).values(last_used_at=now))
    return {"id": row.uid, "email": row.email, "role": row.role, "tenant_id": row.tenant_id}


def revoke_token(store: Store, prefix: str) -> int:
    with store.engine.begin() as conn:
        return int(
            conn.execute(
                update(t.api_tokens)
                .where(t.api_tokens.c.prefix == prefix, t.api_tokens.c.revoked_at.is_(None))
                .values(revoked_at=_now())
            ).rowcount
        )


def tokens(store: Store, tenant_id: int, user_id: int | None = None) -> list[dict[str, Any]]:
    """The tenant's API tokens (only `user_id`'s when given): prefixes and dates, never the tokens."""
    q = (
        select(t.api_tokens, t.users.c.email)
        .join(t.users, t.users.c.id == t.api_tokens.c.user_id)
        .where(t.users.c.tenant_id == tenant_id)
        .order_by(t.api_tokens.c.id)
    )
    if user_id is not None:
        q = q.where(t.users.c.id == user_id)
    with store.engine.connect() as conn:
        rows = conn.execute(q).all()
    return [
        {
            "id": r.id,
            "prefix": r.prefix,
            "user": r.email,
            "created_at": r.created_at.isoformat(),
            "last_used_at": r.last_used_at.isoformat() if r.last_used_at else None,
            "revoked_at": r.revoked_at.isoformat() if r.revoked_at else None,
        }
        for r in rows
    ]


def revoke_token_id(store: Store, tenant_id: int, token_id: int, user_id: int | None = None) -> bool:
    """Revokes a token of the tenant (only of `user_id` when given); False when there is no such live token."""
    owners = select(t.users.c.id).where(t.users.c.tenant_id == tenant_id)
    if user_id is not None:
        owners = owners.where(t.users.c.id == user_id)
    with store.engine.begin() as conn:
        done = conn.execute(
            update(t.api_tokens)
            .where(
                t.api_tokens.c.id == token_id,
                t.api_tokens.c.user_id.in_(owners),
                t.api_tokens.c.revoked_at.is_(None),
            )
            .values(revoked_at=_now())
        ).rowcount
    return bool(done)


SESSION_HOURS = 12


def open_session(store: Store, user_id: int) -> tuple[str, str]:
    """A new login session: (the cookie's token, the session's CSRF token); only the first's hash is kept."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    at = _now()
    with store.engine.begin() as conn:
        conn.execute(
            insert(t.sessions).values(
                token_hash=_digest(token), user_id=user_id, csrf=csrf, created_at=at,
                expires_at=at + timedelta(hours=SESSION_HOURS),
            )
        )  # fmt: skip
    return token, csrf


def user_of_session(store: Store, token: str) -> dict[str, Any] | None:
    """The session's user, with its CSRF token, unless the session is unknown or expired."""
    if not token or len(token) > 200:
        return None
    with store.engine.connect() as conn:
        row = conn.execute(
            select(t.sessions.c.csrf, t.sessions.c.expires_at, t.users.c.id, t.users.c.email, t.users.c.role,
                   t.users.c.tenant_id, t.users.c.disabled)
            .join(t.users, t.users.c.id == t.sessions.c.user_id)
            .where(t.sessions.c.token_hash == _digest(token))
        ).first()  # fmt: skip
    if row is None or row.disabled:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    if expires < _now():
        return None
    return {"id": row.id, "email": row.email, "role": row.role, "tenant_id": row.tenant_id, "csrf": row.csrf}


def close_session(store: Store, token: str) -> None:
    with store.engine.begin() as conn:
        conn.execute(delete(t.sessions).where(t.sessions.c.token_hash == _digest(token)))


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
