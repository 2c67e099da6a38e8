"""Incidents: what each one holds, the blocking keys that find its candidates, each claim's fingerprint and
why it joined, and the audit log of analysts' merges and splits.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    # On SQLite the table is rebuilt with AUTOINCREMENT: an incident's id is never given to another one after
    # a merge deleted it (ids are referenced from outside, and the audit log is keyed by them).
    with op.batch_alter_table(
        "incidents",
        recreate="always" if op.get_bind().dialect.name == "sqlite" else "auto",
        table_kwargs={"sqlite_autoincrement": True},
    ) as batch:
        batch.add_column(sa.Column("country", sa.String(2)))
        batch.add_column(sa.Column("sector", sa.String(60)))
        batch.add_column(sa.Column("records", sa.BigInteger))
        batch.add_column(sa.Column("claims", sa.Integer, nullable=False, server_default="0"))
        batch.add_column(sa.Column("recycled", sa.Boolean, nullable=False, server_default=sa.text("false")))
        batch.add_column(sa.Column("verification_reason", sa.Text))
        batch.add_column(sa.Column("facts", sa.JSON))
    op.create_index("ix_incidents_last_seen", "incidents", ["last_seen"])
    with op.batch_alter_table("incident_claims") as batch:
        batch.add_column(sa.Column("fingerprint", sa.BigInteger))
        batch.add_column(sa.Column("seen_at", TS))
        batch.add_column(sa.Column("recycled", sa.Boolean, nullable=False, server_default=sa.text("false")))
    op.create_table(
        "incident_keys",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_incident_keys_incident", "incident_keys", ["incident_id"])
    op.create_table(
        "incident_key_counts",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
    )
    op.create_table(
        "incident_events",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("incident_id", sa.Integer, nullable=False),
        sa.Column("at", TS, nullable=False),
        sa.Column("by", sa.String(200), nullable=False),
        sa.Column("action", sa.String(40), nullable=False),
        sa.Column("rationale", sa.Text),
        sa.Column("details", sa.JSON),
    )
    op.create_index("ix_incident_events_incident", "incident_events", ["incident_id"])


def downgrade() -> None:
    op.drop_table("incident_events")
    op.drop_table("incident_key_counts")
    op.drop_table("incident_keys")
    with op.batch_alter_table("incident_claims") as batch:
        for name in ("fingerprint", "seen_at", "recycled"):
            batch.drop_column(name)
    op.drop_index("ix_incidents_last_seen", "incidents")
    with op.batch_alter_table("incidents") as batch:
        for name in ("country", "sector", "records", "claims", "recycled", "verification_reason", "facts"):
            batch.drop_column(name)
