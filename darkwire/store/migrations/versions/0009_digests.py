"""The daily digest: a channel's mode ('each' alert as it comes, or one 'digest' a day) and the digests made, one
per channel and period, with the alerts they carry and their delivery's state.

Revision ID: 0009
Revises: 0008
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

WHEN = sa.DateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("channels") as batch:
        batch.add_column(sa.Column("mode", sa.String(16), nullable=False, server_default="each"))
    op.create_table(
        "digests",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("channel_id", sa.Integer, sa.ForeignKey("channels.id"), nullable=False),
        sa.Column("period_start", WHEN, nullable=False),
        sa.Column("period_end", WHEN, nullable=False),
        sa.Column("alert_ids", sa.JSON, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_attempt_at", WHEN),
        sa.Column("last_error", sa.Text),
        sa.Column("delivered_at", WHEN),
        sa.Column("created_at", WHEN, nullable=False),
        sa.UniqueConstraint("channel_id", "period_start", name="uq_digests_channel_period"),
    )
    op.create_index("ix_digests_due", "digests", ["status", "next_attempt_at"])


def downgrade() -> None:
    op.drop_table("digests")
    with op.batch_alter_table("channels") as batch:
        batch.drop_column("mode")
