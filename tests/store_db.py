"""The `store` fixture: every store test runs on SQLite and on PostgreSQL.

PostgreSQL: a fresh database per test on the server at 127.0.0.1 (user postgres, trust auth), or at the URL in
DARKWIRE_TEST_POSTGRES (a server URL whose database part is replaced). Skipped with the reason when no server
answers, except under CI=true, where PostgreSQL is required.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from darkwire.store import Store

PG_SERVER = os.environ.get("DARKWIRE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def postgres_url() -> str | None:
    """A fresh, empty database on the test server (None when there is no server, unless CI requires one)."""
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    name = f"darkwire_test_{uuid.uuid4().hex[:12]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as e:
        admin.dispose()
        if os.environ.get("CI") == "true":
            raise RuntimeError(f"CI=true needs PostgreSQL at {PG_SERVER}: {e}") from e
        return None
    admin.dispose()
    return make_url(PG_SERVER).set(database=name).render_as_string(hide_password=False)


def drop_postgres(url: str) -> None:
    name = make_url(url).database
    admin = create_engine(PG_SERVER, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


@pytest.fixture
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path}/darkwire.db"
        return
    url = postgres_url()
    if url is None:
        pytest.skip(f"no PostgreSQL server at {PG_SERVER} (set DARKWIRE_TEST_POSTGRES; required when CI=true)")
    try:
        yield url
    finally:
        drop_postgres(url)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    with Store.open(db_url) as s:
        yield s


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "db_url" in metafunc.fixturenames:
        metafunc.parametrize("db_url", ["sqlite", "postgresql"], indirect=True)
