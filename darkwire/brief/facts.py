"""The facts of one incident that its brief is written from: language-neutral, structured, and each traceable to
the claims (their posts and analyses) or marked as inferred. The brief's digest is the hash of these facts, so a
brief is rewritten exactly when its incident changes."""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from typing import Any

from darkwire.errors import InputError
from darkwire.model import Analysis
from darkwire.store import Store
from darkwire.taxonomy import load_data

Contents = dict[int, tuple[str, str, Analysis | None, str]]  # what `store.incidents.claim_contents` gives
MAX_EVIDENCE = 20  # claims quoted as evidence (the earliest and the latest when there are more)
QUOTE = 240  # characters of a post quoted around its claim


def collect(
    store: Store, incident_id: int, inc: dict[str, Any] | None = None, contents: Contents | None = None
) -> dict[str, Any]:
    """The facts of an incident, read from the store (`inc` and `contents`: the incident as
    `store.incidents.get` gives it and its claims' contents, when the caller has read them already). Raises
    InputError when there is no such incident."""
    inc = inc if inc is not None else store.incidents.get(incident_id)
    if inc is None:
        raise InputError(f"no incident {incident_id}")
    claims = inc["claims"]
    shown = claims if len(claims) <= MAX_EVIDENCE else claims[: MAX_EVIDENCE // 2] + claims[-MAX_EVIDENCE // 2 :]
    contents = contents if contents is not None else store.incidents.claim_contents(incident_id)
    kinds = {c["source"]: contents[c["post_id"]][3] for c in claims if c["post_id"] in contents}
    analyses: list[tuple[dict[str, Any], Analysis | None, str]] = []
    for c in claims:
        title, text, a, _ = contents.get(c["post_id"], ("", "", None, ""))
        analyses.append((c, a, f"{title}\n{text}" if (title or text) else ""))
    victim, inferred = _victim(inc, [a for _, a, _ in analyses if a is not None])
    stated, only_inferred = _data_types([a for _, a, _ in analyses if a is not None])
    latest = next((a for _, a, _ in reversed(analyses) if a is not None and a.price is not None), None)
    texts = "\n".join(body for _, _, body in analyses)
    evidence = [_evidence(c, a, body, kinds) for c, a, body in analyses if c in shown]
    facts: dict[str, Any] = {
        "incident_id": inc["id"],
        "victim": victim,
        "inferred": inferred,
        "actor": inc["actor"],
        "claim_type": inc["claim_type"],
        "data_types": stated,
        "data_types_inferred": only_inferred,
        "records": inc["records"],
        "size_bytes": max((a.data_size_bytes or 0 for _, a, _ in analyses if a is not None), default=0) or None,
        "price": latest.price.model_dump() if latest and latest.price else None,
        "sale_signal": _sale_signal(inc["severity_factors"]),
        "data_year": inc.get("data_year"),
        "venues": sorted({a.venue for _, a, _ in analyses if a is not None and a.venue}),
        "sources": sorted({(c["source"], kinds.get(c["source"], "")) for c in claims}),
        "claims": len(claims),
        "first_seen": inc["first_seen"],
        "last_seen": inc["last_seen"],
        "verification": inc["verification"],
        "verification_reason": inc["verification_reason"],
        "recycled": inc["recycled"],
        "severity": {
            "level": inc["severity"],
            "score": inc["severity_score"],
            "factors": inc["severity_factors"],
        },
        "vectors": vectors(texts, inc["claim_type"]),
        "evidence": evidence,
    }
    facts["sources"] = [{"name": n, "kind": k} for n, k in facts["sources"]]
    return facts


def digest(facts: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(facts, sort_keys=True, default=str).encode()).hexdigest()


def _victim(inc: dict[str, Any], analyses: list[Analysis]) -> tuple[dict[str, Any], list[str]]:
    """The incident's victim, with the domain and aliases its claims give, and which of its country and sector
    no claim states (inferred by every claim that has them)."""
    name = inc["victim"]
    same = [a for a in analyses if a.victim is not None and (name is None or a.victim.name == name)]
    domain = next((a.victim.domain for a in same if a.victim and a.victim.domain), None)
    aliases = sorted({al for a in same if a.victim for al in a.victim.aliases if al != name})[:5]
    inferred = []
    for field, value in (("country", inc["country"]), ("sector", inc["sector"])):
        having = [a for a in same if a.victim is not None and getattr(a.victim, field) == value]
        if value and having and all(f"victim.{field}" in a.inferred for a in having):
            inferred.append(f"victim.{field}")
    victim = {"name": name, "aliases": aliases, "domain": domain, "country": inc["country"], "sector": inc["sector"]}
    return victim, inferred


def _data_types(analyses: list[Analysis]) -> tuple[list[str], list[str]]:
    stated: set[str] = set()
    guessed: set[str] = set()
    for a in analyses:
        for d in a.data_types:
            (guessed if f"data_types.{d}" in a.inferred else stated).add(d)
    return sorted(stated), sorted(guessed - stated)


def _sale_signal(factors: dict[str, Any]) -> str | None:
    points = (factors.get("sale_signal") or {}).get("points") or 0
    return "credible" if points > 0 else "cheap" if points < 0 else None


@cache
def _vector_patterns() -> dict[str, re.Pattern[str]]:
    raw: dict[str, list[str]] = load_data("brief/vectors.yaml")
    return {
        name: re.compile(r"(?<!\w)(?:" + "|".join(words) + r")(?!\w)", re.IGNORECASE) for name, words in raw.items()
    }


def vectors(text: str, claim_type: str | None) -> list[str]:
    """The attack vectors the posts name (access sales are themselves a remote-access vector when they say so)."""
    found = [name for name, pattern in _vector_patterns().items() if pattern.search(text[:50_000])]
    if claim_type == "insider" and "insider" not in found:
        found.append("insider")
    return sorted(found)


def _evidence(c: dict[str, Any], a: Analysis | None, body: str, kinds: dict[str, str]) -> dict[str, Any]:
    return {
        "post_id": c["post_id"],
        "source": c["source"],
        "source_kind": kinds.get(c["source"], ""),
        "url": c["url"] if _safe_url(c["url"]) else None,
        "external_id": c["external_id"],
        "title": (c["title"] or "")[:200] or None,
        "seen_at": c["seen_at"],
        "quote": _quote(a, body),
        "reason": c["reason"],
    }


def _safe_url(url: str | None) -> bool:
    """Only web and onion addresses become links: never javascript:, data: or anything else a post may carry."""
    return bool(url) and re.match(r"(?i)^https?://[^\s<>\"']+$", url or "") is not None


def _quote(a: Analysis | None, body: str) -> str | None:
    """A short excerpt of the post around its claim (victim, else claim type, else its start), on one line."""
    if not body.strip():
        return None
    title_len = body.index("\n") + 1 if "\n" in body else 0
    start = 0
    if a is not None:
        for key in ("victim.name", "claim_type", "records", "data_types"):
            span = a.evidence.get(key) or next((v for k, v in a.evidence.items() if k.startswith(key)), None)
            if span:
                start = title_len + span[0]
                break
    lo = max(0, start - QUOTE // 3)
    text = " ".join(body[lo : lo + QUOTE].split())
    return ("…" if lo > 0 else "") + text + ("…" if lo + QUOTE < len(body) else "")
