"""The latest claims in post order (when posted, else when fetched) read from an index, not sorted each time.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_posts_seen", "posts", [sa.func.coalesce(sa.column("posted_at"), sa.column("fetched_at")), "id"])


def downgrade() -> None:
    op.drop_index("ix_posts_seen", "posts")
