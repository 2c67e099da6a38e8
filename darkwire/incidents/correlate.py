"""Which incident a new claim belongs to, and why: explainable, deterministic scoring of a claim against the
few incidents that share a blocking key with it.

Evidence for one breach (points):
  the same text (5), a near copy of a claim's text (4, not when the victims differ), the same victim name or
  domain (4), the victim's
  distinctive name words in the claim's text (3 for all of them or two thirds, 1.5 for one), the same record count
  (2.5 from 100,000 up, else 2), the same actor (1), the same claim type (0.5), the same country (0.5).
Evidence against: two different actors (-1.5), two countries (-1), two victims with no word in common and no
name in the text (-3).
A claim joins the best incident scoring at least JOIN points; otherwise it starts a new one. A claim joining an
incident whose last claim is RECYCLED_DAYS or more older, without saying it is an update, is a recycled candidate.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from darkwire.incidents.keys import Claim

_MASK64 = (1 << 64) - 1

JOIN = 4.0
NEAR_BITS = 12  # fingerprints this close are the same text, lightly edited (unrelated texts: about 32 apart)
RECYCLED_DAYS = 60
_UPDATE = re.compile(
    r"\b(?:part|parte|partie|teil|часть)\s*(?:2|3|4|ii|iii|two|three)\b|\bupdate[ds]?\b|\bactualiza|\bnew price\b|"
    r"\bprice (?:drop|cut|lowered)\b|\bnuevo precio\b|\bbumped?\b|\bfull (?:dump|archive|leak)\b",
    re.IGNORECASE,
)
_WORD = re.compile(r"\w+")


SEVERITY_ORDER = {"low": 0, "medium": 1, "high": 2, "critical": 3}
KEEP_HASHES = 200  # an incident remembers this many of its claims' text hashes
KEEP_FINGERPRINTS = 20  # ... and fingerprints and record counts: enough to recognise a re-post


@dataclass
class IncidentView:
    """What an incident holds, kept up to date claim by claim (stored as the incident's `facts`): all the
    correlator weighs, and all its summary is made of, without reading its claims again."""

    id: int
    victim_keys: set[str] = field(default_factory=set)
    tokens: set[str] = field(default_factory=set)
    compact: set[str] = field(default_factory=set)
    hashes: set[str] = field(default_factory=set)
    fingerprints: list[int] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    records: set[int] = field(default_factory=set)
    claim_types: set[str] = field(default_factory=set)
    last_seen: datetime | None = None
    first_seen: datetime | None = None
    counts: dict[str, dict[str, int]] = field(default_factory=dict)  # victim, actor, country, sector: how often
    first_claim_type: str | None = None
    sources: set[str] = field(default_factory=set)
    severity: str | None = None
    claims: int = 0
    recycled: str | None = None  # the reason, when a claim looked like an old leak offered as new
    size: int | None = None  # the largest data size claimed, in bytes
    price: tuple[float | None, str | None] | None = None  # the latest claim's asking price
    sale_points: float = 0.0  # ... and its sale signal (severity v1's points)
    data_year: int | None = None  # the earliest year a claim says its data is from
    saved: list[str | bool] | None = None  # [verification, recycled] when last written: what the actor's record holds
    manual: str | None = None  # an analyst's verification, which stands (not part of the facts)

    def add(self, claim: Claim, recycled: str | None = None) -> None:
        self.victim_keys |= claim.victim_keys
        self.tokens |= claim.tokens
        self.compact |= claim.compact
        self.hashes.add(claim.content_hash)
        if len(self.hashes) > KEEP_HASHES:
            self.hashes = set(sorted(self.hashes)[:KEEP_HASHES])
        self.fingerprints = [*self.fingerprints, claim.fingerprint][-KEEP_FINGERPRINTS:]
        for target, value in (
            (self.actors, claim.actor),
            (self.countries, claim.country),
            (self.claim_types, claim.claim_type),
        ):
            if value:
                target.add(value)
        if claim.records and len(self.records) < KEEP_FINGERPRINTS:
            self.records.add(claim.records)
        for name, value in (
            ("victim", claim.victim),
            ("actor", claim.actor),
            ("country", claim.country),
            ("sector", claim.sector),
            ("venue", claim.venue),
            ("language", claim.language),
            *(("data_type", d) for d in claim.data_types),
            *(("data_type_inferred", d) for d in claim.inferred_types),
        ):
            if value:
                counter = self.counts.setdefault(name, {})
                counter[value] = counter.get(value, 0) + 1
        if claim.size:
            self.size = max(self.size or 0, claim.size)
        if claim.price is not None and (self.last_seen is None or claim.seen_at >= self.last_seen):
            self.price = claim.price
        if self.last_seen is None or claim.seen_at >= self.last_seen:
            self.sale_points = claim.sale_points or (self.sale_points if claim.price is None else 0.0)
        if claim.data_year:
            self.data_year = min(self.data_year or claim.data_year, claim.data_year)
        self.first_claim_type = self.first_claim_type or claim.claim_type
        self.sources.add(claim.source)
        if claim.severity in SEVERITY_ORDER and (
            self.severity is None or SEVERITY_ORDER[claim.severity] > SEVERITY_ORDER[self.severity]
        ):
            self.severity = claim.severity
        self.first_seen = min(self.first_seen or claim.seen_at, claim.seen_at)
        self.last_seen = max(self.last_seen or claim.seen_at, claim.seen_at)
        self.claims += 1
        self.recycled = recycled or self.recycled

    def data_types(self) -> tuple[list[str], list[str]]:
        """The data types the claims state, and those only inferred (and stated by none), each sorted."""
        stated = sorted(self.counts.get("data_type", {}))
        inferred = sorted(set(self.counts.get("data_type_inferred", {})) - set(stated))
        return stated, inferred

    def most(self, name: str) -> str | None:
        """The most frequent value of `name` among the claims (ties: for the victim, the fuller name, so that
        "Instituto Nacional de X" wins over "INX"; then the first in sorted order)."""
        counter = self.counts.get(name) or {}
        if name == "victim":
            return min(counter, key=lambda v: (-counter[v], -len(v.split()), v)) if counter else None
        return min(counter, key=lambda v: (-counter[v], v)) if counter else None

    def to_json(self) -> dict[str, object]:
        return {
            "victim_keys": sorted(self.victim_keys),
            "tokens": sorted(self.tokens),
            "compact": sorted(self.compact),
            "hashes": sorted(self.hashes),
            "fingerprints": self.fingerprints,
            "actors": sorted(self.actors),
            "countries": sorted(self.countries),
            "records": sorted(self.records),
            "claim_types": sorted(self.claim_types),
            "counts": self.counts,
            "first_claim_type": self.first_claim_type,
            "sources": sorted(self.sources),
            "severity": self.severity,
            "claims": self.claims,
            "recycled": self.recycled,
            "size": self.size,
            "price": list(self.price) if self.price else None,
            "sale_points": self.sale_points,
            "data_year": self.data_year,
            "saved": self.saved,
            "first_seen": self.first_seen.isoformat() if self.first_seen else None,
            "last_seen": self.last_seen.isoformat() if self.last_seen else None,
        }

    @classmethod
    def from_json(cls, incident_id: int, data: dict[str, Any] | None) -> IncidentView:
        d = data or {}

        def when(key: str) -> datetime | None:
            value = d.get(key)
            return datetime.fromisoformat(value) if isinstance(value, str) else None

        return cls(
            id=incident_id,
            victim_keys=set(d.get("victim_keys", [])),
            tokens=set(d.get("tokens", [])),
            compact=set(d.get("compact", [])),
            hashes=set(d.get("hashes", [])),
            fingerprints=[int(f) for f in d.get("fingerprints", [])],
            actors=set(d.get("actors", [])),
            countries=set(d.get("countries", [])),
            records={int(r) for r in d.get("records", [])},
            claim_types=set(d.get("claim_types", [])),
            counts=dict(d.get("counts", {})),
            first_claim_type=d.get("first_claim_type"),
            sources=set(d.get("sources", [])),
            severity=d.get("severity"),
            claims=int(d.get("claims", 0)),
            recycled=d.get("recycled"),
            size=d.get("size"),
            price=(d["price"][0], d["price"][1]) if isinstance(d.get("price"), list) else None,
            sale_points=float(d.get("sale_points") or 0.0),
            data_year=d.get("data_year"),
            saved=d.get("saved"),
            first_seen=when("first_seen"),
            last_seen=when("last_seen"),
        )


@dataclass
class Decision:
    incident_id: int | None  # None: a new incident
    score: float
    reason: str
    recycled: str | None = None  # why the claim looks like an old leak offered as new


def decide(claim: Claim, candidates: list[IncidentView]) -> Decision:
    """The incident `claim` joins (the best scoring at least JOIN; ties to the oldest), or a new one."""
    best: Decision | None = None
    for inc in sorted(candidates, key=lambda i: i.id):
        score, reasons = _score(claim, inc)
        if score >= JOIN and (best is None or score > best.score):
            best = Decision(inc.id, score, "; ".join(reasons))
            best.recycled = _recycled(claim, inc)
    return best or Decision(None, 0.0, "first claim of this incident")


def _score(claim: Claim, inc: IncidentView) -> tuple[float, list[str]]:
    points = 0.0
    why: list[str] = []

    def add(p: float, reason: str) -> None:
        nonlocal points
        points += p
        why.append(f"{reason} ({p:+g})")

    named = False
    shared = claim.victim_keys & inc.victim_keys
    # a name run together matches only a one-word name (a domain's label), not another name's run of words
    spelled = {c for c in claim.compact & inc.compact if c in claim.victim_keys or c in inc.victim_keys} - claim.common
    if shared:
        add(4, f"the same victim ({sorted(shared)[0]!r})")
        named = True
    elif spelled:
        add(4, f"the same victim, its name run together as in its domain ({sorted(spelled)[0]})")
        named = True
    else:
        rare = inc.tokens - claim.common
        found = sorted(rare & claim.words)
        if found and (set(found) == rare or (len(found) >= 2 and 3 * len(found) >= 2 * len(rare))):
            add(3, f"names the victim ({', '.join(found)})")
            named = True
        elif found:
            add(1.5, f"shares a word of the victim's name ({found[0]})")
            named = not claim.victim_keys  # one shared word names the victim only for a claim naming no other
    conflict = not named and bool(claim.victim_keys and inc.victim_keys)
    if claim.content_hash in inc.hashes:
        add(5, "the same text as an earlier claim")
    elif inc.fingerprints and not conflict:  # one template filled in for two victims is two breaches
        mine = claim.fingerprint
        nearest = min(((mine ^ f) & _MASK64).bit_count() for f in inc.fingerprints)
        if nearest <= NEAR_BITS:
            add(4, f"a near copy of an earlier claim's text ({nearest} of 64 fingerprint bits differ)")
    if conflict:
        add(-3, "a different victim")
    if claim.records and claim.records in inc.records:
        add(2.5 if claim.records >= 100_000 else 2, f"the same record count ({claim.records:,})")
    if claim.actor and inc.actors:
        if claim.actor in inc.actors:
            add(1, f"the same actor ({claim.actor})")
        else:
            add(-1.5, f"another actor ({claim.actor}, not {', '.join(sorted(inc.actors))})")
    if claim.claim_type and claim.claim_type in inc.claim_types:
        add(0.5, f"the same kind of claim ({claim.claim_type})")
    if claim.country and inc.countries:
        if claim.country in inc.countries:
            add(0.5, f"the same country ({claim.country})")
        else:
            add(-1, f"another country ({claim.country})")
    return points, why


def _recycled(claim: Claim, inc: IncidentView) -> str | None:
    if inc.last_seen is None:
        return None
    days = (claim.seen_at - inc.last_seen).days
    if days < RECYCLED_DAYS or _UPDATE.search(claim.text):
        return None
    return f"matches an incident last claimed {days} days earlier ({inc.last_seen:%Y-%m-%d}), offered again as new"
