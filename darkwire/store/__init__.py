"""darkwire's store: SQLite by default, PostgreSQL through `DARKWIRE_DB` (see docs/store.md)."""

from darkwire.store.store import (
    DeadLetter,
    IngestResult,
    SearchHit,
    SourceHealth,
    Store,
    StoredPost,
    content_hash,
    safe_url,
)

__all__ = [
    "DeadLetter",
    "IngestResult",
    "SearchHit",
    "SourceHealth",
    "Store",
    "StoredPost",
    "content_hash",
    "safe_url",
]
