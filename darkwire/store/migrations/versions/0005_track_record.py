"""Actors' and organisations' confirmed and disputed incidents beside the corroborated and recycled ones: the
track record severity v2 reads, kept with the record so that placing a claim never counts an actor's incidents.
And the indexes the incident list's filters and the dashboard's counts read.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


# a filter's column then the list's order: an equality filter reads its incidents in order, never sorts them
FILTERED = ("country", "sector", "severity_level", "claim_type", "verification", "actor")
INDEXES = {f"ix_incidents_{c}_seen": [c, "last_seen", "id"] for c in FILTERED} | {
    "ix_incidents_first_seen": ["first_seen"],  # the dashboard's weeks
    "ix_incidents_updated_at": ["updated_at", "id"],  # TAXII's added_after
}


def upgrade() -> None:
    for name, columns in INDEXES.items():
        op.create_index(name, "incidents", columns)
    for table in ("actors", "organizations"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("confirmed", sa.Integer, nullable=False, server_default="0"))
            batch.add_column(sa.Column("disputed", sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    for name in INDEXES:
        op.drop_index(name, "incidents")
    for table in ("actors", "organizations"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("disputed")
            batch.drop_column("confirmed")
