"""Severity v1 of one analysis: a level, a score out of 10 and the factors behind it.

Four factors, each in [0, 1], weighted as `taxonomy/data/severity.yaml` says: the sensitivity of the data
claimed, its volume, how critical the victim is (its sector), and the kind of claim. The factors are
returned with their values and reasons so that every level can be explained (docs/severity.md).
"""

from __future__ import annotations

import math
import re
from functools import cache
from typing import Any

from darkwire.model import Analysis, Severity
from darkwire.taxonomy import load_data


def _interpolate(points: list[list[float]], x: float) -> float:
    """Piecewise-linear on log10(x) between the (x, value) points."""
    lx = math.log10(max(x, 1.0))
    prev_x, prev_v = 0.0, points[0][1]
    for px, pv in points:
        lpx = math.log10(max(px, 1.0))
        if lx <= lpx:
            return prev_v if lpx == prev_x else prev_v + (pv - prev_v) * (lx - prev_x) / (lpx - prev_x)
        prev_x, prev_v = lpx, pv
    return float(points[-1][1])


def _sensitivity(a: Analysis, cfg: dict[str, Any]) -> tuple[float, str]:
    table: dict[str, float] = cfg["data_sensitivity"]
    if not a.data_types:
        return cfg["unknown_data"], "no data types stated"
    ranked = sorted(a.data_types, key=lambda t: -table.get(t, 0.3))
    top = table.get(ranked[0], 0.3)
    extra = sum(1 for t in ranked[1:] if table.get(t, 0.0) >= 0.8)
    return min(1.0, top + 0.05 * extra), f"most sensitive: {', '.join(ranked[:3])}"


def _volume(a: Analysis, cfg: dict[str, Any]) -> tuple[float, str]:
    if a.records:
        return _interpolate(cfg["volume"], a.records), f"{a.records:,} records claimed"
    if a.data_size_bytes:
        return _interpolate(cfg["volume_bytes"], a.data_size_bytes), f"{a.data_size_bytes:,} bytes claimed"
    return cfg["unknown_volume"], "volume not stated"


def _criticality(a: Analysis, cfg: dict[str, Any]) -> tuple[float, str]:
    v = a.victim
    if v is not None and v.sector:
        return cfg["victim_criticality"].get(v.sector, cfg["unknown_victim"]), f"sector: {v.sector}"
    if v is not None and v.country and not v.name:
        return cfg["population"], f"population of {v.country}"
    return cfg["unknown_victim"], "sector not known"


@cache
def _credible_words() -> re.Pattern[str]:
    words: list[str] = load_data("severity.yaml")["credible_sale_words"]
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w.lower()) for w in words) + r")(?!\w)")


def base_factors(a: Analysis, cfg: dict[str, Any]) -> dict[str, tuple[float, str]]:
    """The four weighted factors, each as (value in [0, 1], reason)."""
    claim = cfg["claim_type"].get(a.claim_type or "", cfg["unknown_claim"])
    parts = {
        "data_sensitivity": _sensitivity(a, cfg),
        "volume": _volume(a, cfg),
        "victim_criticality": _criticality(a, cfg),
        "claim_type": (claim, f"claim: {a.claim_type or 'unknown'}"),
    }
    if a.claim_type is None and not a.data_types:
        parts["claim_type"] = (0.0, "no breach claim found")
        parts["data_sensitivity"] = (0.1, "no data claimed")
    if a.claim_type in ("ddos", "defacement"):
        parts["data_sensitivity"] = (0.1, "no data claimed")
        parts["volume"] = (0.1, "no data claimed")
    return parts


def score_severity(a: Analysis, text_low: str = "") -> Severity:
    """The severity of an analysis; `text_low`, the post's lower-cased text, is read for sale signals."""
    credible = bool(text_low) and a.claim_type in _SALES and bool(_credible_words().search(text_low))
    cfg: dict[str, Any] = load_data("severity.yaml")
    parts = base_factors(a, cfg)
    weights: dict[str, float] = cfg["weights"]
    factors: dict[str, Any] = {
        k: {"value": round(v, 2), "weight": weights[k], "reason": why} for k, (v, why) in parts.items()
    }
    score = 10 * sum(weights[k] * v for k, (v, _) in parts.items())
    signal = _sale_signal(a, cfg, credible)
    if signal:
        score += signal[0]
        factors["sale_signal"] = {"points": signal[0], "reason": signal[1]}
    score = round(min(10.0, max(0.0, score)), 1)
    level = next(name for name, floor in cfg["levels"].items() if score >= floor)
    return Severity(level=level, score=score, factors=factors)


_SALES = frozenset(["data_sale", "access_sale", "combolist", "stealer_logs", "source_code"])
_USD_RATES = {"USD": 1.0, "USDT": 1.0, "EUR": 1.1, "GBP": 1.25, "BTC": 60000.0, "ETH": 3000.0, "XMR": 150.0}


def _sale_signal(a: Analysis, cfg: dict[str, Any], credible: bool) -> tuple[float, str] | None:
    """Points for what the sale itself says: a very low price, or escrow and samples."""
    price = a.price
    if price and price.amount is not None and price.currency in _USD_RATES:
        usd = price.amount * _USD_RATES[price.currency]
        if usd < cfg["cheap_price_usd"]:
            return float(cfg["cheap_price_points"]), f"asking price of about {usd:,.0f} USD is low for real data"
    if credible:
        return float(cfg["credible_sale_points"]), "escrow, a middleman or a sample is offered"
    return None
