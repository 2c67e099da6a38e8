"""The filters of the incident list, the feeds and the exports (interface.md), read from query parameters and
checked: a bad value is a clear 400, never a silent empty list."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from darkwire.errors import InputError
from darkwire.store.incidents import IncidentFilter
from darkwire.taxonomy import taxonomy

MAX_Q = 200


def _values(raw: str | None) -> set[str]:
    return {v.strip() for v in (raw or "").split(",") if v.strip()}


def _when(raw: str | None, name: str, end: bool = False) -> datetime | None:
    if not raw:
        return None
    try:
        if len(raw) == 10:  # a day: since its start, until its end
            d = date.fromisoformat(raw)
            return (
                datetime(d.year, d.month, d.day, 23, 59, 59, tzinfo=UTC)
                if end
                else datetime(d.year, d.month, d.day, tzinfo=UTC)
            )
        value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError as e:
        raise InputError(f"{name} is a date (2026-10-01) or a date and time (2026-10-01T12:00:00Z), not {raw!r}") from e
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def parse_filter(params: dict[str, Any]) -> IncidentFilter:
    """An IncidentFilter from query parameters: q, country, sector, actor, claim_type, severity, verification,
    victim, since, until. Lists are comma-separated ("country=MX,BR")."""
    tax = taxonomy()
    q = (params.get("q") or "").strip()
    if len(q) > MAX_Q:
        raise InputError(f"q is at most {MAX_Q} characters")
    countries = {c.upper() for c in _values(params.get("country"))}
    bad = [c for c in countries if len(c) != 2 or not c.isalpha()]
    if bad:
        raise InputError(f"country is an ISO 3166 alpha-2 code (MX, BR), not {bad[0]!r}")
    checks = (
        ("sector", set(tax.sectors)),
        ("claim_type", set(tax.claim_types)),
        ("severity", set(tax.severity_levels)),
        ("verification", set(tax.verification)),
    )
    chosen: dict[str, set[str]] = {}
    for name, allowed in checks:
        values = {v.lower() for v in _values(params.get(name))}
        unknown = sorted(values - allowed)
        if unknown:
            raise InputError(f"{name} is one of {', '.join(sorted(allowed))}, not {unknown[0]!r}")
        chosen[name] = values
    f = IncidentFilter(
        q=q or None,
        countries=countries,
        sectors=chosen["sector"],
        actors=_values(params.get("actor")),
        claim_types=chosen["claim_type"],
        severities=chosen["severity"],
        verifications=chosen["verification"],
        victim=(params.get("victim") or "").strip() or None,
        since=_when(params.get("since"), "since"),
        until=_when(params.get("until"), "until", end=True),
    )
    if f.since and f.until and f.since > f.until:
        raise InputError("since is after until")
    return f


FILTER_KEYS = ("q", "country", "sector", "actor", "claim_type", "severity", "verification", "victim", "since", "until")
