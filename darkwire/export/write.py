"""Writing an export: the one function behind `darkwire export` and the API's export endpoints."""

from __future__ import annotations

import json
from collections.abc import Iterator

from darkwire.export import FORMATS, incidents
from darkwire.export.flat import csv_rows, jsonl
from darkwire.export.misp import TLP, events
from darkwire.export.stix import bundle
from darkwire.store import Store
from darkwire.store.incidents import IncidentFilter

MEDIA = {
    "stix": "application/stix+json;version=2.1",
    "misp": "application/json",
    "jsonl": "application/x-ndjson",
    "csv": "text/csv; charset=utf-8",
}


def export(store: Store, fmt: str, f: IncidentFilter, limit: int | None = None, tlp: str = TLP) -> Iterator[str]:
    """The export as text chunks (JSON Lines and CSV stream incident by incident)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)
    found = incidents(store, f, limit)
    if fmt == "stix":
        yield json.dumps(bundle(found), ensure_ascii=False, indent=1)
    elif fmt == "misp":
        yield json.dumps({"response": events(found, tlp)}, ensure_ascii=False, indent=1)
    elif fmt == "jsonl":
        yield from jsonl(found)
    else:
        yield from csv_rows(found)
