"""darkwire's data format, defined once: the post that comes in and the analysis that goes out.

The analysis is the contract of `shared/contract/analysis.md`: fields may be added, never renamed.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field


def _to_str(v: Any) -> Any:
    """Ids and optional strings arrive as numbers too (`"id": 17`); keep them as strings."""
    if isinstance(v, int | float) and not isinstance(v, bool):
        return str(v)
    return v


LooseStr = Annotated[str, BeforeValidator(_to_str)]

Span = tuple[int, int]


class Post(BaseModel):
    """One post, article or leak-site listing, as it comes in. Unknown input keys are ignored."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    id: LooseStr | None = None
    text: LooseStr = ""
    title: LooseStr | None = None
    posted_at: datetime | None = None
    source: LooseStr | None = None
    url: LooseStr | None = None
    author: LooseStr | None = None
    parse_error: str | None = Field(
        None,
        description="set by a source that could not read an item: `text` then holds the raw item, which is kept "
        "as a dead letter instead of being analysed",
    )


class Victim(BaseModel):
    name: str | None = None
    aliases: list[str] = Field(default_factory=list)
    domain: str | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2")
    sector: str | None = Field(None, description="a sector of taxonomy.yaml")


class Actor(BaseModel):
    name: str
    aliases: list[str] = Field(default_factory=list)


class Price(BaseModel):
    amount: float | None = Field(None, description="null when the post says there is a price but not what")
    currency: str | None = Field(None, description="ISO 4217, or BTC, XMR, ETH, USDT, ...")


class Severity(BaseModel):
    level: str
    score: float
    factors: dict[str, Any] = Field(default_factory=dict)


class Analysis(BaseModel):
    """The analysis of one post (shared/contract/analysis.md)."""

    id: str | None
    language: str | None = None
    claim_type: str | None = None
    victim: Victim | None = None
    actor: Actor | None = None
    data_types: list[str] = Field(default_factory=list)
    records: int | None = None
    data_size_bytes: int | None = None
    price: Price | None = None
    venue: str | None = None
    severity: Severity | None = None
    evidence: dict[str, Span] = Field(
        default_factory=dict, description="field path -> [start, end) character offsets in the post's text"
    )
    evidence_title: dict[str, Span] = Field(
        default_factory=dict, description="field path -> offsets in the post's title, for facts found there"
    )
    inferred: list[str] = Field(default_factory=list, description="fields not stated in the text")
    analyzer_version: str = ""
    error: str | None = Field(None, description="why the analysis failed, when it did; the post is kept")
