"""Actors and organisations as records with their track record: how many incidents and claims, how many
incidents were corroborated or recycled, and (for organisations) their domain.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

COUNTS = ("incidents", "claims", "corroborated", "recycled")


def upgrade() -> None:
    op.create_index("ix_incidents_actor", "incidents", ["actor"])
    op.create_index("ix_incidents_victim", "incidents", ["victim"])
    for table in ("actors", "organizations"):
        with op.batch_alter_table(table) as batch:
            for name in COUNTS:
                batch.add_column(sa.Column(name, sa.Integer, nullable=False, server_default="0"))


def downgrade() -> None:
    op.drop_index("ix_incidents_victim", "incidents")
    op.drop_index("ix_incidents_actor", "incidents")
    for table in ("actors", "organizations"):
        with op.batch_alter_table(table) as batch:
            for name in COUNTS:
                batch.drop_column(name)
