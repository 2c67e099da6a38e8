"""Incidents as JSON Lines (one incident per line, its claims included) and CSV (one incident per row)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

COLUMNS = (
    "id",
    "headline",
    "victim",
    "domain",
    "country",
    "sector",
    "actor",
    "claim_type",
    "data_types",
    "records",
    "price",
    "severity",
    "severity_score",
    "verification",
    "first_seen",
    "last_seen",
    "claims",
    "sources",
    "urls",
)


def jsonl(incidents: Iterable[dict[str, Any]]) -> Iterator[str]:
    for inc in incidents:
        b = inc.pop("brief", None) or {}
        inc["headline"] = b.get("headline")
        inc["data_types"] = (b.get("facts") or {}).get("data_types", [])
        yield json.dumps(inc, ensure_ascii=False, sort_keys=True) + "\n"


def csv_rows(incidents: Iterable[dict[str, Any]]) -> Iterator[str]:
    """CSV text, the header first. A cell that a spreadsheet would read as a formula is quoted with a leading
    apostrophe: a post's text never runs as a formula."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    yield _take(out)
    for inc in incidents:
        b = inc.get("brief") or {}
        facts = b.get("facts") or {}
        price = facts.get("price") or {}
        row = {
            "id": inc["id"],
            "headline": b.get("headline"),
            "victim": inc["victim"],
            "domain": (facts.get("victim") or {}).get("domain"),
            "country": inc["country"],
            "sector": inc["sector"],
            "actor": inc["actor"],
            "claim_type": inc["claim_type"],
            "data_types": ";".join(facts.get("data_types") or []),
            "records": inc["records"],
            "price": f"{price['amount']:g} {price.get('currency') or ''}".strip() if price.get("amount") else "",
            "severity": inc["severity"],
            "severity_score": inc["severity_score"],
            "verification": inc["verification"],
            "first_seen": inc["first_seen"],
            "last_seen": inc["last_seen"],
            "claims": len(inc["claims"]),
            "sources": ";".join(sorted({str(c["source"]) for c in inc["claims"]})),
            "urls": " ".join(str(c["url"]) for c in inc["claims"] if c.get("url")),
        }
        writer.writerow([_cell(row[c]) for c in COLUMNS])
        yield _take(out)


def _cell(value: Any) -> Any:
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return "" if value is None else value


def _take(out: io.StringIO) -> str:
    text = out.getvalue()
    out.seek(0)
    out.truncate()
    return text
