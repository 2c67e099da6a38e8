"""Severity v2: the severity of an incident, from all of its claims, with the reasons for it (docs/severity.md).

The base is v1's four weighted factors (data sensitivity, volume, victim criticality, claim type), taken over
the whole incident: every data type any claim states, the largest volume claimed, the victim's sector and the
first claim's type. Four adjustments follow, each in points and each with its reason: the sale signal of the
latest claim (a very cheap price, or escrow and samples), the verification status, the actor's track record
and the freshness of the data. The tables are data in `taxonomy/data/severity.yaml`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from darkwire.analyze.severity import base_factors
from darkwire.model import Analysis, Severity, Victim
from darkwire.taxonomy import load_data


@dataclass(frozen=True)
class TrackRecord:
    """An actor's other incidents and how they turned out."""

    actor: str
    incidents: int = 0
    corroborated: int = 0  # corroborated or confirmed
    recycled: int = 0
    disputed: int = 0


@dataclass(frozen=True)
class IncidentFacts:
    """What an incident's severity is computed from."""

    claim_type: str | None
    data_types: tuple[str, ...]
    records: int | None
    size: int | None
    sector: str | None
    country: str | None
    victim: str | None
    verification: str
    sale_points: float = 0.0
    first_seen: datetime | None = None
    last_seen: datetime | None = None
    data_year: int | None = None
    track: TrackRecord | None = None


def incident_severity(f: IncidentFacts) -> Severity:
    cfg: dict[str, Any] = load_data("severity.yaml")
    v2: dict[str, Any] = cfg["incident"]
    merged = Analysis(
        id=None,
        claim_type=f.claim_type,
        data_types=list(f.data_types),
        records=f.records,
        data_size_bytes=f.size,
        victim=Victim(name=f.victim, country=f.country, sector=f.sector) if (f.victim or f.country) else None,
    )
    parts = base_factors(merged, cfg)
    weights: dict[str, float] = cfg["weights"]
    factors: dict[str, Any] = {
        k: {"value": round(v, 2), "weight": weights[k], "reason": why} for k, (v, why) in parts.items()
    }
    score = 10 * sum(weights[k] * v for k, (v, _) in parts.items())
    adjustments: list[tuple[str, float, str]] = []
    if f.sale_points:
        why = "a low asking price for real data" if f.sale_points < 0 else "escrow, a middleman or a sample is offered"
        adjustments.append(("sale_signal", f.sale_points, why))
    points = float(v2["verification"].get(f.verification, 0.0))
    adjustments.append(("verification", points, f"verification: {f.verification}"))
    adjustments.append(("actor_record", *_track(f.track, v2)))
    adjustments.append(("freshness", *_freshness(f, v2)))
    for name, pts, why in adjustments:
        factors[name] = {"points": round(pts, 2), "reason": why}
        score += pts
    score = round(min(10.0, max(0.0, score)), 1)
    level = next(name for name, floor in cfg["levels"].items() if score >= floor)
    return Severity(level=level, score=score, factors=factors)


def _track(track: TrackRecord | None, v2: dict[str, Any]) -> tuple[float, str]:
    if track is None:
        return 0.0, "no actor named"
    n = track.incidents
    if n < v2["track_min_incidents"]:
        return 0.0, f"{track.actor}: too few other incidents to judge ({n})"
    good = track.corroborated
    bad = track.recycled + 2 * track.disputed
    credibility = (good - bad) / n
    points = max(v2["track_min_points"], min(v2["track_max_points"], credibility * v2["track_scale"]))
    tally = f"{good} corroborated, {track.recycled} recycled, {track.disputed} disputed"
    return points, f"{track.actor}: of {n} other incidents, {tally}"


def _freshness(f: IncidentFacts, v2: dict[str, Any]) -> tuple[float, str]:
    """How old the data was when last claimed: from the year the posts say it is from, or else from when it was
    first claimed. Never from today's date, so that a severity does not change while its incident does not."""
    if f.last_seen is None:
        return 0.0, "no date"
    if f.data_year is not None:
        age_days = max(0, (f.last_seen.year - f.data_year) * 365)
        said = f"the data is said to be from {f.data_year}"
    elif f.first_seen is not None:
        age_days = max(0, (f.last_seen - f.first_seen).days)
        said = "first claimed the same month" if age_days < 31 else f"first claimed {age_days} days before"
    else:
        return 0.0, "no date"
    points = 0.0
    for days, pts in v2["freshness"]:
        if age_days >= days:
            points = float(pts)
    return points, said
