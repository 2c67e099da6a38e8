"""Exports of incidents: STIX 2.1 bundles, MISP events, JSON Lines and CSV (docs/exports.md). The same filters
as the incident list; the same output from `darkwire export` and the API."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from darkwire.brief import brief
from darkwire.store import Store
from darkwire.store.incidents import IncidentFilter

FORMATS = ("stix", "misp", "jsonl", "csv")
PAGE = 200


def incidents(store: Store, f: IncidentFilter, limit: int | None = None) -> Iterator[dict[str, Any]]:
    """Every incident matching `f` (at most `limit`), most recently active first, each with its English brief."""
    post_ids = [h.post_id for h in store.search(f.q, limit=500, prefix=True)] if f.q else []
    cursor: str | None = None
    given = 0
    while True:
        page, cursor = store.incidents.query(f, limit=PAGE, cursor=cursor, post_ids=post_ids)
        for inc in page:
            if limit is not None and given >= limit:
                return
            inc["brief"] = brief(store, inc["id"], "en", inc=inc)
            given += 1
            yield inc
        if not cursor:
            return
