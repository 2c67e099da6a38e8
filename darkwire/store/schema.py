"""The store's tables, as SQLAlchemy Core metadata. The migrations in `migrations/versions` create them;
this module is what the queries are written against, and a test checks that the two agree.

Full-text search lives beside these tables and differs per dialect (created by the migration): on SQLite an
FTS5 table `search_fts` (rowid = post id; title, text, victim, actor), on PostgreSQL generated `tsvector`
columns `posts.search` and `analyses.search` with GIN indexes.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
    text,
)

metadata = MetaData()

sources = Table(
    "sources",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("kind", String(40), nullable=False),
    Column("state", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_run_at", DateTime(timezone=True)),
    Column("last_success_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("last_error_at", DateTime(timezone=True)),
    Column("runs", Integer, nullable=False, server_default="0"),
    Column("errors", Integer, nullable=False, server_default="0"),
    Column("last_items", Integer),
    Column("last_seen", Integer),
    Column("total_items", Integer, nullable=False, server_default="0"),
    Column("alarm", Boolean, nullable=False, server_default=text("false")),
    Column("alarm_reason", Text),
)

posts = Table(
    "posts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("external_id", String(500)),
    Column("title", Text),
    Column("text", Text, nullable=False),
    Column("url", Text),
    Column("author", Text),
    Column("origin", Text),  # the post's own `source` field ("LockBit 3.0 leak site"), which the analyser reads
    Column("posted_at", DateTime(timezone=True)),
    Column("fetched_at", DateTime(timezone=True), nullable=False),
    Column("language", String(16)),
    Column("content_hash", String(64), nullable=False),
    Index("ix_posts_content_hash", "content_hash"),
    Index(
        "uq_posts_source_external",
        "source_id",
        "external_id",
        unique=True,
        sqlite_where=text("external_id IS NOT NULL"),
        postgresql_where=text("external_id IS NOT NULL"),
    ),
    Index(
        "uq_posts_source_hash",
        "source_id",
        "content_hash",
        unique=True,
        sqlite_where=text("external_id IS NULL"),
        postgresql_where=text("external_id IS NULL"),
    ),
)

# the latest claims, in post order (when posted, else when fetched)
Index("ix_posts_seen", func.coalesce(posts.c.posted_at, posts.c.fetched_at), posts.c.id)

analyses = Table(
    "analyses",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("post_id", Integer, ForeignKey("posts.id", ondelete="CASCADE"), nullable=False),
    Column("analyzer_version", String(40), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("data", JSON, nullable=False),
    Column("claim_type", String(40)),
    Column("victim_name", Text),
    Column("country", String(2)),
    Column("sector", String(60)),
    Column("actor", Text),
    Column("severity_level", String(16)),
    Column("severity_score", Float),
    Column("records", BigInteger),
    Column("language", String(16)),
    UniqueConstraint("post_id", "analyzer_version", name="uq_analyses_post_version"),
    Index("ix_analyses_version", "analyzer_version"),
    Index("ix_analyses_country", "country"),
    Index("ix_analyses_claim_type", "claim_type"),
)

dead_letters = Table(
    "dead_letters",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("source_id", Integer, ForeignKey("sources.id"), nullable=False),
    Column("post_id", Integer, ForeignKey("posts.id", ondelete="CASCADE")),
    Column("stage", String(16), nullable=False),  # parse | analyze
    Column("error", Text, nullable=False),
    Column("raw", Text),
    Column("raw_hash", String(64)),
    Column("attempts", Integer, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("resolved_at", DateTime(timezone=True)),
    Index("ix_dead_letters_open", "stage", "resolved_at"),
    Index("ix_dead_letters_post", "post_id"),
    Index("ix_dead_letters_raw", "source_id", "raw_hash"),
)

# What the incidents work (issue 4) builds on: created now so that its migration only adds.
incidents = Table(
    "incidents",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("key", String(200), nullable=False, unique=True),
    Column("victim", Text),
    Column("actor", Text),
    Column("claim_type", String(40)),
    Column("severity_level", String(16)),
    Column("verification", String(20)),
    Column("first_seen", DateTime(timezone=True)),
    Column("last_seen", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("country", String(2)),
    Column("sector", String(60)),
    Column("records", BigInteger),
    Column("claims", Integer, nullable=False, server_default="0"),
    Column("recycled", Boolean, nullable=False, server_default=text("false")),
    Column("verification_reason", Text),
    Column("facts", JSON),
    Column("severity_score", Float),  # severity v2 (docs/severity.md)
    Column("severity_factors", JSON),
    Index("ix_incidents_last_seen", "last_seen"),
    Index("ix_incidents_actor", "actor"),  # an actor's and an organisation's incidents
    Index("ix_incidents_victim", "victim"),
    *(
        Index(f"ix_incidents_{c}_seen", c, "last_seen", "id")  # a filter, then the list's order
        for c in ("country", "sector", "severity_level", "claim_type", "verification", "actor")
    ),
    Index("ix_incidents_first_seen", "first_seen"),  # the dashboard's weeks
    Index("ix_incidents_updated_at", "updated_at", "id"),  # TAXII's added_after
    sqlite_autoincrement=True,  # ids are never reused after a merge deletes an incident
)

incident_claims = Table(
    "incident_claims",
    metadata,
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("post_id", Integer, ForeignKey("posts.id", ondelete="CASCADE"), primary_key=True),
    Column("reason", Text),
    Column("added_at", DateTime(timezone=True), nullable=False),
    Column("fingerprint", BigInteger),  # the claim text's 64-bit SimHash, as a signed integer
    Column("seen_at", DateTime(timezone=True)),  # when the claim was posted (or fetched, if it has no date)
    Column("recycled", Boolean, nullable=False, server_default=text("false")),
    UniqueConstraint("post_id", name="uq_incident_claims_post"),
)

# A brief as a language model rephrased it, for the state of its incident that `digest` names.
polished_briefs = Table(
    "polished_briefs",
    metadata,
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Column("language", String(8), primary_key=True),
    Column("digest", String(64), nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Blocking keys: a new claim meets the incidents that share a key with it, never the whole table.
incident_keys = Table(
    "incident_keys",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_incident_keys_incident", "incident_id"),
)

# How many incidents hold each key: a key held by very many ("t:logistics") finds no candidates, and a name
# word held by few is distinctive enough to recognise its victim by.
incident_key_counts = Table(
    "incident_key_counts",
    metadata,
    Column("key", String(300), primary_key=True),
    Column("n", Integer, nullable=False),
)

# Who changed an incident by hand, how and why.
incident_events = Table(
    "incident_events",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("incident_id", Integer, nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("by", String(200), nullable=False),
    Column("action", String(40), nullable=False),
    Column("rationale", Text),
    Column("details", JSON),
    Index("ix_incident_events_incident", "incident_id"),
)

actors = Table(
    "actors",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("aliases", JSON, nullable=False),
    Column("first_seen", DateTime(timezone=True)),
    Column("last_seen", DateTime(timezone=True)),
    Column("incidents", Integer, nullable=False, server_default="0"),
    Column("claims", Integer, nullable=False, server_default="0"),
    Column("corroborated", Integer, nullable=False, server_default="0"),  # the track record
    Column("recycled", Integer, nullable=False, server_default="0"),
    Column("confirmed", Integer, nullable=False, server_default="0"),
    Column("disputed", Integer, nullable=False, server_default="0"),
)

organizations = Table(
    "organizations",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("aliases", JSON, nullable=False),
    Column("domain", Text),
    Column("country", String(2)),
    Column("sector", String(60)),
    Column("first_seen", DateTime(timezone=True)),
    Column("last_seen", DateTime(timezone=True)),
    Column("incidents", Integer, nullable=False, server_default="0"),
    Column("claims", Integer, nullable=False, server_default="0"),
    Column("corroborated", Integer, nullable=False, server_default="0"),
    Column("recycled", Integer, nullable=False, server_default="0"),
    Column("confirmed", Integer, nullable=False, server_default="0"),
    Column("disputed", Integer, nullable=False, server_default="0"),
)

# --- accounts and alerts (issue "Accounts, watchlists and alerts"; migration 0007)

tenants = Table(
    "tenants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False, unique=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

users = Table(
    "users",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("tenant_id", Integer, ForeignKey("tenants.id"), nullable=False),
    Column("email", String(320), nullable=False, unique=True),
    Column("role", String(20), nullable=False),  # admin | analyst | viewer
    Column("password_hash", Text),  # argon2
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("disabled", Boolean, nullable=False, server_default=text("false")),
)

api_tokens = Table(
    "api_tokens",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 of the token: never the token
    Column("prefix", String(16), nullable=False),  # its first characters, to tell tokens apart
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("revoked_at", DateTime(timezone=True)),
    Column("last_used_at", DateTime(timezone=True)),
)

watchlists = Table(
    "watchlists",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("tenant_id", Integer, ForeignKey("tenants.id"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("spec", JSON, nullable=False),  # darkwire.alerts.match.Watch as JSON
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("deleted_at", DateTime(timezone=True)),
    Index("ix_watchlists_tenant", "tenant_id"),
)

channels = Table(
    "channels",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("tenant_id", Integer, ForeignKey("tenants.id"), nullable=False),
    Column("kind", String(20), nullable=False),  # webhook | email
    Column("target", Text, nullable=False),
    Column("secret", Text),  # the webhook's signing secret
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("deleted_at", DateTime(timezone=True)),
    Column("mode", String(16), nullable=False, server_default="each"),  # each | digest (migration 0009)
    Index("ix_channels_tenant", "tenant_id"),
)

alerts = Table(
    "alerts",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("tenant_id", Integer, ForeignKey("tenants.id"), nullable=False),
    Column("watchlist_id", Integer, ForeignKey("watchlists.id"), nullable=False),
    Column("incident_id", Integer, ForeignKey("incidents.id", ondelete="CASCADE"), nullable=False),
    Column("severity", String(16)),
    Column("reasons", JSON, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("read_at", DateTime(timezone=True)),
    UniqueConstraint("watchlist_id", "incident_id", name="uq_alerts_watchlist_incident"),
    Index("ix_alerts_tenant", "tenant_id", "created_at"),
)

deliveries = Table(
    "deliveries",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("alert_id", Integer, ForeignKey("alerts.id", ondelete="CASCADE"), nullable=False),
    Column("channel_id", Integer, ForeignKey("channels.id"), nullable=False),
    Column("status", String(16), nullable=False),  # pending | delivered | dead
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("delivered_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_deliveries_due", "status", "next_attempt_at"),
)

# A digest channel's daily digests (migration 0009): one per channel and period, made whole or empty.
digests = Table(
    "digests",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("channel_id", Integer, ForeignKey("channels.id"), nullable=False),
    Column("period_start", DateTime(timezone=True), nullable=False),  # alerts made or raised after this
    Column("period_end", DateTime(timezone=True), nullable=False),  # ... and up to this
    Column("alert_ids", JSON, nullable=False),
    Column("status", String(16), nullable=False),  # pending | delivered | dead | empty (nothing to send)
    Column("attempts", Integer, nullable=False, server_default="0"),
    Column("next_attempt_at", DateTime(timezone=True)),
    Column("last_error", Text),
    Column("delivered_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index("ix_digests_due", "status", "next_attempt_at"),
    UniqueConstraint("channel_id", "period_start", name="uq_digests_channel_period"),  # one maker per period
)

suppressions = Table(
    "suppressions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("watchlist_id", Integer, ForeignKey("watchlists.id", ondelete="CASCADE"), nullable=False),
    Column("term", Text, nullable=False),
    Column("victim_key", Text, nullable=False),
    Column("by", String(320)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("watchlist_id", "term", "victim_key", name="uq_suppressions"),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("token_hash", String(64), nullable=False, unique=True),  # SHA-256 of the cookie's token
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), nullable=False),
    Column("csrf", String(64), nullable=False),  # the token every form of the session carries
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("expires_at", DateTime(timezone=True), nullable=False),
)
