"""The first schema: sources with health, posts, analyses, dead letters, full-text search, and the tables the
incidents work builds on.

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    op.create_table(
        "sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False, unique=True),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("state", sa.JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("last_run_at", TS),
        sa.Column("last_success_at", TS),
        sa.Column("last_error", sa.Text),
        sa.Column("last_error_at", TS),
        sa.Column("runs", sa.Integer, nullable=False, server_default="0"),
        sa.Column("errors", sa.Integer, nullable=False, server_default="0"),
        sa.Column("last_items", sa.Integer),
        sa.Column("last_seen", sa.Integer),
        sa.Column("total_items", sa.Integer, nullable=False, server_default="0"),
        sa.Column("alarm", sa.Boolean, nullable=False, server_default=sa.text("false")),
        sa.Column("alarm_reason", sa.Text),
    )
    op.create_table(
        "posts",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("external_id", sa.String(500)),
        sa.Column("title", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("author", sa.Text),
        sa.Column("origin", sa.Text),
        sa.Column("posted_at", TS),
        sa.Column("fetched_at", TS, nullable=False),
        sa.Column("language", sa.String(16)),
        sa.Column("content_hash", sa.String(64), nullable=False),
    )
    op.create_index("ix_posts_content_hash", "posts", ["content_hash"])
    op.create_index(
        "uq_posts_source_external",
        "posts",
        ["source_id", "external_id"],
        unique=True,
        sqlite_where=sa.text("external_id IS NOT NULL"),
        postgresql_where=sa.text("external_id IS NOT NULL"),
    )
    op.create_index(
        "uq_posts_source_hash",
        "posts",
        ["source_id", "content_hash"],
        unique=True,
        sqlite_where=sa.text("external_id IS NULL"),
        postgresql_where=sa.text("external_id IS NULL"),
    )
    op.create_table(
        "analyses",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("post_id", sa.Integer, sa.ForeignKey("posts.id", ondelete="CASCADE"), nullable=False),
        sa.Column("analyzer_version", sa.String(40), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("claim_type", sa.String(40)),
        sa.Column("victim_name", sa.Text),
        sa.Column("country", sa.String(2)),
        sa.Column("sector", sa.String(60)),
        sa.Column("actor", sa.Text),
        sa.Column("severity_level", sa.String(16)),
        sa.Column("severity_score", sa.Float),
        sa.Column("records", sa.BigInteger),
        sa.Column("language", sa.String(16)),
        sa.UniqueConstraint("post_id", "analyzer_version", name="uq_analyses_post_version"),
    )
    op.create_index("ix_analyses_version", "analyses", ["analyzer_version"])
    op.create_index("ix_analyses_country", "analyses", ["country"])
    op.create_index("ix_analyses_claim_type", "analyses", ["claim_type"])
    op.create_table(
        "dead_letters",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_id", sa.Integer, sa.ForeignKey("sources.id"), nullable=False),
        sa.Column("post_id", sa.Integer, sa.ForeignKey("posts.id", ondelete="CASCADE")),
        sa.Column("stage", sa.String(16), nullable=False),
        sa.Column("error", sa.Text, nullable=False),
        sa.Column("raw", sa.Text),
        sa.Column("raw_hash", sa.String(64)),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("resolved_at", TS),
    )
    op.create_index("ix_dead_letters_open", "dead_letters", ["stage", "resolved_at"])
    op.create_index("ix_dead_letters_post", "dead_letters", ["post_id"])
    op.create_index("ix_dead_letters_raw", "dead_letters", ["source_id", "raw_hash"])
    op.create_table(
        "incidents",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.String(200), nullable=False, unique=True),
        sa.Column("victim", sa.Text),
        sa.Column("actor", sa.Text),
        sa.Column("claim_type", sa.String(40)),
        sa.Column("severity_level", sa.String(16)),
        sa.Column("verification", sa.String(20)),
        sa.Column("first_seen", TS),
        sa.Column("last_seen", TS),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("updated_at", TS, nullable=False),
    )
    op.create_table(
        "incident_claims",
        sa.Column("incident_id", sa.Integer, sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("post_id", sa.Integer, sa.ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("reason", sa.Text),
        sa.Column("added_at", TS, nullable=False),
        sa.UniqueConstraint("post_id", name="uq_incident_claims_post"),
    )
    for name in ("actors", "organizations"):
        extra = (
            [sa.Column("domain", sa.Text), sa.Column("country", sa.String(2)), sa.Column("sector", sa.String(60))]
            if name == "organizations"
            else []
        )
        op.create_table(
            name,
            sa.Column("id", sa.Integer, primary_key=True),
            sa.Column("name", sa.Text, nullable=False, unique=True),
            sa.Column("aliases", sa.JSON, nullable=False),
            *extra,
            sa.Column("first_seen", TS),
            sa.Column("last_seen", TS),
        )
    if dialect == "sqlite":
        # A table of its own (not external content): victim and actor come from the analyses, not the posts.
        op.execute(
            "CREATE VIRTUAL TABLE search_fts USING fts5(title, text, victim, actor, "
            "tokenize = 'unicode61 remove_diacritics 2')"
        )
    elif dialect == "postgresql":
        # 'simple': no stemming, no stop words — posts come in every language.
        op.execute(
            "ALTER TABLE posts ADD COLUMN search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', coalesce(title, '') || ' ' || text)) STORED"
        )
        op.execute("CREATE INDEX ix_posts_search ON posts USING gin (search)")
        op.execute(
            "ALTER TABLE analyses ADD COLUMN search tsvector GENERATED ALWAYS AS "
            "(to_tsvector('simple', coalesce(victim_name, '') || ' ' || coalesce(actor, ''))) STORED"
        )
        op.execute("CREATE INDEX ix_analyses_search ON analyses USING gin (search)")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE search_fts")
    for name in (
        "incident_claims",
        "incidents",
        "actors",
        "organizations",
        "dead_letters",
        "analyses",
        "posts",
        "sources",
    ):
        op.drop_table(name)
