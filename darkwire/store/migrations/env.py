"""Alembic environment: darkwire runs its migrations itself (`Store.upgrade`), on the connection it gives."""

from __future__ import annotations

from alembic import context

from darkwire.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite")
with context.begin_transaction():
    context.run_migrations()
