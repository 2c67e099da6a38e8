"""Severity v2 of incidents (its score and factors beside its level), and the language-model polished briefs
kept so that a brief is polished once per state of its incident.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("incidents") as batch:
        batch.add_column(sa.Column("severity_score", sa.Float))
        batch.add_column(sa.Column("severity_factors", sa.JSON))
    op.create_table(
        "polished_briefs",
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("language", sa.String(8), primary_key=True),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("polished_briefs")
    with op.batch_alter_table("incidents") as batch:
        batch.drop_column("severity_factors")
        batch.drop_column("severity_score")
