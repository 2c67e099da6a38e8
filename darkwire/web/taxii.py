"""A read-only TAXII 2.1 server for darkwire's STIX objects, so that OpenCTI, MISP or any TAXII client can pull
them: discovery at /taxii2/, one API root (/taxii2/darkwire/), one collection of every incident's objects, its
objects with `added_after`, `limit`, `next` and `match[type]`/`match[id]`, one object by id, and the manifest.

An incident's objects count as added when the incident last changed; a page holds the objects of whole
incidents, so a client never sees half an incident."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response

from darkwire import __version__
from darkwire.brief import brief
from darkwire.errors import InputError
from darkwire.export.stix import incident_objects, producer, sid
from darkwire.pipeline import Pipeline
from darkwire.store.incidents import decode_cursor, encode_cursor

TAXII = "application/taxii+json;version=2.1"
STIX = "application/stix+json;version=2.1"
ROOT = "/taxii2/darkwire/"
COLLECTION = sid("collection", "incidents").split("--", 1)[1]  # a UUID, as TAXII wants
MAX_PAGE = 100  # incidents per page
MAX_CONTENT = 10_000_000


def _json(body: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(json.dumps(body, ensure_ascii=False), status_code=status, media_type=TAXII, headers=headers)


def taxii_error(status: int, title: str, description: str = "") -> Response:
    """TAXII's error message, with darkwire's error fields beside it (one shape for every failure)."""
    body = {"title": title, "description": description or title, "http_status": str(status)}
    return _json({**body, "ok": False, "error": description or title, "status": status}, status)


def _stamp(when: datetime) -> str:
    return when.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _untoken(token: str) -> tuple[datetime, int]:
    when, incident_id = decode_cursor(token)
    if when is None:
        raise InputError("a TAXII page token always holds a time")
    return when, incident_id


def _after(raw: str | None) -> datetime | None:
    if not raw:
        return None
    value = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def mount(app: FastAPI, pipeline: Pipeline) -> None:
    collection = {
        "id": COLLECTION,
        "title": "darkwire incidents",
        "description": "Every incident darkwire has grouped from breach claims, as STIX 2.1 objects",
        "can_read": True,
        "can_write": False,
        "media_types": [STIX],
    }

    @app.get("/taxii2/", include_in_schema=False)
    def discovery(request: Request) -> Response:
        base = str(request.base_url).rstrip("/")
        return _json(
            {
                "title": "darkwire TAXII 2.1",
                "description": "Read-only TAXII server of darkwire's breach-claim incidents",
                "contact": "the darkwire operator",
                "default": base + ROOT,
                "api_roots": [base + ROOT],
            }
        )

    @app.get(ROOT, include_in_schema=False)
    def api_root() -> Response:
        return _json(
            {
                "title": "darkwire",
                "description": f"darkwire {__version__}",
                "versions": [TAXII],
                "max_content_length": MAX_CONTENT,
            }
        )

    @app.get(ROOT + "collections/", include_in_schema=False)
    def collections() -> Response:
        return _json({"collections": [collection]})

    @app.get(ROOT + "collections/{cid}/", include_in_schema=False)
    def one_collection(cid: str) -> Response:
        return _json(collection) if cid == COLLECTION else taxii_error(404, "no such collection", cid[:80])

    def _page(request: Request) -> tuple[list[tuple[dict[str, Any], datetime]], bool] | Response:
        q = request.query_params
        try:
            after = _after(q.get("added_after"))
            start = _untoken(q["next"]) if q.get("next") else None
            limit = min(MAX_PAGE, max(1, int(q.get("limit") or MAX_PAGE)))
        except (ValueError, InputError):
            return taxii_error(
                400, "bad request", "added_after is a timestamp, next a token this server gave, limit >= 1"
            )
        with pipeline.lock:
            rows = pipeline.store.incidents.changed(after, limit + 1, start)
            page = rows[:limit]
            for inc, _ in page:
                inc["brief"] = brief(pipeline.store, inc["id"], "en", inc=inc)
        return page, len(rows) > limit

    def _objects(page: list[tuple[dict[str, Any], datetime]], request: Request) -> list[dict[str, Any]]:
        types = {v for k, v in request.query_params.multi_items() if k == "match[type]" for v in v.split(",")}
        ids = {v for k, v in request.query_params.multi_items() if k == "match[id]" for v in v.split(",")}
        seen: dict[str, dict[str, Any]] = {}
        if page:
            seen[producer().id] = json.loads(producer().serialize())
        for inc, _ in page:
            for obj in incident_objects(inc):
                seen.setdefault(obj.id, json.loads(obj.serialize()))
        out = list(seen.values())
        if types:
            out = [o for o in out if o["type"] in types]
        if ids:
            out = [o for o in out if o["id"] in ids]
        return out

    def _headers(page: list[tuple[dict[str, Any], datetime]]) -> dict[str, str]:
        if not page:
            return {}
        return {"X-TAXII-Date-Added-First": _stamp(page[0][1]), "X-TAXII-Date-Added-Last": _stamp(page[-1][1])}

    @app.get(ROOT + "collections/{cid}/objects/", include_in_schema=False)
    def objects(cid: str, request: Request) -> Response:
        if cid != COLLECTION:
            return taxii_error(404, "no such collection", cid[:80])
        got = _page(request)
        if isinstance(got, Response):
            return got
        page, more = got
        body: dict[str, Any] = {"more": more, "objects": _objects(page, request)}
        if more:
            body["next"] = encode_cursor(page[-1][1], int(page[-1][0]["id"]))
        return _json(body, headers=_headers(page))

    @app.get(ROOT + "collections/{cid}/manifest/", include_in_schema=False)
    def manifest(cid: str, request: Request) -> Response:
        if cid != COLLECTION:
            return taxii_error(404, "no such collection", cid[:80])
        got = _page(request)
        if isinstance(got, Response):
            return got
        page, more = got
        added: dict[str, tuple[Any, datetime]] = {}
        for inc, when in page:
            for obj in incident_objects(inc):
                added.setdefault(obj.id, (obj, when))
        entries = [
            {"id": obj.id, "date_added": _stamp(when), "version": _stamp(obj.get("modified", when)), "media_type": STIX}
            for obj, when in added.values()
        ]
        body: dict[str, Any] = {"more": more, "objects": entries}
        if more:
            body["next"] = encode_cursor(page[-1][1], int(page[-1][0]["id"]))
        return _json(body, headers=_headers(page))

    @app.get(ROOT + "collections/{cid}/objects/{object_id}/", include_in_schema=False)
    def one_object(cid: str, object_id: str) -> Response:
        if cid != COLLECTION:
            return taxii_error(404, "no such collection", cid[:80])
        kind = object_id.split("--", 1)[0]
        if kind in ("incident", "report"):
            with pipeline.lock:
                found = next((i for i in pipeline.store.incidents.ids() if sid(kind, str(i)) == object_id), None)
                inc = pipeline.store.incidents.get(found) if found is not None else None
                if inc is not None:
                    inc["brief"] = brief(pipeline.store, inc["id"], "en", inc=inc)
            if inc is not None:
                objs = [json.loads(o.serialize()) for o in incident_objects(inc) if o.id == object_id]
                return _json({"more": False, "objects": objs})
        return taxii_error(404, "no such object", object_id[:120])
