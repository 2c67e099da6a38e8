"""A post's text cut into pieces, each marked with the analysis field whose evidence it is (or none), so that a
page can highlight the evidence spans. The pieces are plain text: the template escapes them like any other."""

from __future__ import annotations

from typing import Any

MAX_TEXT = 20_000  # characters of a post shown on an incident's page


def pieces(text: str, spans: dict[str, Any]) -> list[tuple[str, str | None]]:
    """[(text, field or None)] covering `text` (cut at MAX_TEXT), with overlapping spans kept first-come."""
    shown = text[:MAX_TEXT]
    marks = sorted(
        (int(v[0]), int(v[1]), k)
        for k, v in spans.items()
        if isinstance(v, list | tuple) and len(v) == 2 and 0 <= int(v[0]) < int(v[1]) <= len(shown)
    )
    out: list[tuple[str, str | None]] = []
    at = 0
    for start, end, field in marks:
        if start < at:
            continue  # overlaps a span already marked
        if start > at:
            out.append((shown[at:start], None))
        out.append((shown[start:end], field))
        at = end
    if at < len(shown):
        out.append((shown[at:], None))
    if len(text) > MAX_TEXT:
        out.append(("…", None))
    return out
