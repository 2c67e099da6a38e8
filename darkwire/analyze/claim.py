"""Claim type (taxonomy.yaml `claim_types`) from cue words in many languages.

Every cue of `lexicon/claim_types.yaml` found in the post adds its weight to its type; cues in the title
count double and those in the opening paragraph one and a half times. A post that comes from a leak site
(its `source`) is a ransomware claim. Specific kinds of claim (access, DDoS,
defacement, combolist, stealer logs, source code, insider) win over a plain sale or leak when their cues
are as strong.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from darkwire.analyze.terms import Hit, TermMatcher, shared_matcher
from darkwire.analyze.text import Doc, Found
from darkwire.taxonomy import load_data

SPECIFIC = ("access_sale", "ddos", "defacement", "combolist", "stealer_logs", "source_code", "insider")
GENERIC = ("ransomware", "extortion", "data_sale", "data_leak")
_LEAK_SITE_WORDS = ("leak site", "leak blog", "ransomware", "dls", "onion blog", "extortion site")


@dataclass(frozen=True)
class Cue:
    claim_type: str
    weight: float


@cache
def claim_matcher() -> TermMatcher[Cue]:
    """The cues of every claim type (read through `shared_matcher`, with the other vocabularies of doc.low)."""
    lexicon: dict[str, dict[int, list[str]]] = load_data("lexicon/claim_types.yaml")
    return TermMatcher(
        (term, Cue(ctype, float(weight)))
        for ctype, by_weight in lexicon.items()
        for weight, terms in by_weight.items()
        for term in terms
    )


def _position_factor(doc: Doc, pos: int) -> float:
    if doc.in_title(pos):
        return 2.0
    return 1.5 if pos < 400 else 1.0


def claim_scores(doc: Doc) -> tuple[dict[str, float], dict[str, Hit[Cue]]]:
    """Each claim type's score, and its best cue (for the evidence span)."""
    scores: dict[str, float] = {}
    best: dict[str, Hit[Cue]] = {}
    hits: list[Hit[Cue]] = shared_matcher().find(doc.low, "claim")
    for hit in hits:
        ctype, w = hit.payload.claim_type, hit.payload.weight * _position_factor(doc, hit.start)
        scores[ctype] = scores.get(ctype, 0.0) + w
        if ctype not in best or hit.payload.weight > best[ctype].payload.weight:
            best[ctype] = hit
    return scores, best


def from_leak_site(source: str) -> bool:
    low = source.lower()
    return any(w in low for w in _LEAK_SITE_WORDS)


def classify_claim(doc: Doc, has_price: bool = False) -> Found[str] | None:
    """The claim type of the post, with the span of its strongest cue; None when nothing says it."""
    scores, best = claim_scores(doc)
    if doc.source and from_leak_site(doc.source):
        return Found("ransomware", 0, 0, inferred=True) if "ransomware" not in best else _found(best["ransomware"])
    if has_price:
        scores["data_sale"] = scores.get("data_sale", 0.0) + 2.0
    if scores.get("ransomware", 0) >= 3 and scores.get("extortion", 0) > 0:
        scores["ransomware"] += scores["extortion"] / 2
    if scores.get("extortion", 0) >= 4.5 and scores.get("ransomware", 0) < 3:
        scores["extortion"] += scores.get("data_leak", 0.0)  # a payment demand defines a leak threat
    specific = max(SPECIFIC, key=lambda t: scores.get(t, 0.0))
    generic = max(GENERIC, key=lambda t: scores.get(t, 0.0))
    if scores.get(specific, 0.0) >= 3 and scores[specific] * 1.5 >= scores.get(generic, 0.0):
        choice = specific
    elif scores.get(generic, 0.0) >= 2:
        choice = generic
    else:
        return None
    hit = best.get(choice)
    return _found(hit) if hit else Found(choice, 0, 0, inferred=True)


def _found(hit: Hit[Cue]) -> Found[str]:
    return Found(hit.payload.claim_type, hit.start, hit.end)
