"""Incidents as STIX 2.1: per incident an `incident` and a `report`, identities for the victim and its sector, a
location, the actor as an intrusion set (ransomware groups) or a threat actor, and the relationships between them.
Ids are deterministic (UUIDv5 of what the object stands for), so exporting twice gives the same objects and a
consumer updates rather than duplicates them. darkwire's own facts ride in `x_darkwire_*` properties."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from functools import cache
from typing import Any

import stix2

from darkwire import __version__
from darkwire.incidents.keys import victim_key
from darkwire.taxonomy import load_data

NAMESPACE = uuid.UUID("5f0c8a52-6f0e-4d7a-9a43-2b1f0d7e6c11")  # darkwire's: never change it
EPOCH = datetime(2026, 1, 1, tzinfo=UTC)  # the created time of objects that stand for no dated thing
RANSOMWARE = {"ransomware", "extortion"}


def sid(kind: str, key: str) -> str:
    """A deterministic STIX id."""
    return f"{kind}--{uuid.uuid5(NAMESPACE, f'{kind}:{key}')}"


@cache
def producer() -> stix2.Identity:
    return stix2.Identity(
        id=sid("identity", "darkwire"),
        name="darkwire",
        identity_class="system",
        description="Dark-web breach-claim intelligence (darkwire)",
        created=EPOCH,
        modified=EPOCH,
    )


def _when(value: str | None) -> datetime:
    return datetime.fromisoformat(value) if value else EPOCH


def incident_objects(inc: dict[str, Any]) -> list[Any]:
    """The STIX objects of one incident (the darkwire identity apart)."""
    b = inc.get("brief") or {}
    first, last = _when(inc["first_seen"]), _when(inc["last_seen"])
    common = {"created_by_ref": producer().id, "object_marking_refs": [stix2.TLP_WHITE.id], "allow_custom": True}
    objects: list[Any] = []
    relationships: list[tuple[str, str, str]] = []
    facts = b.get("facts") or {}
    incident = stix2.Incident(
        id=sid("incident", str(inc["id"])),
        name=b.get("headline") or f"darkwire incident {inc['id']}",
        description=" ".join(b.get("summary") or []) or None,
        created=first,
        modified=max(first, last),
        external_references=_references(inc),
        x_darkwire_incident_id=inc["id"],
        x_darkwire_claim_type=inc["claim_type"],
        x_darkwire_severity=inc["severity"],
        x_darkwire_severity_score=inc["severity_score"],
        x_darkwire_verification=inc["verification"],
        x_darkwire_records=inc["records"],
        x_darkwire_data_types=facts.get("data_types") or [],
        x_darkwire_price=facts.get("price"),
        x_darkwire_first_seen=inc["first_seen"],
        x_darkwire_last_seen=inc["last_seen"],
        x_darkwire_claims=len(inc["claims"]),
        **common,
    )
    objects.append(incident)
    victim_id = None
    if inc["victim"]:
        sector = inc["sector"]
        stix_sector = load_data("export.yaml")["stix_sectors"].get(sector) if sector else None
        victim = stix2.Identity(
            id=sid("identity", "org:" + (victim_key(inc["victim"]) or inc["victim"].casefold())),
            name=inc["victim"],
            identity_class="organization",
            sectors=[stix_sector] if stix_sector else None,
            created=EPOCH,
            modified=EPOCH,
            x_darkwire_domain=(facts.get("victim") or {}).get("domain"),
            **common,
        )
        objects.append(victim)
        victim_id = victim.id
        relationships.append((incident.id, "targets", victim.id))
        if sector:
            group = stix2.Identity(
                id=sid("identity", f"sector:{sector}"),
                name=f"{sector.replace('_', ' ')} sector",
                identity_class="class",
                sectors=[stix_sector] if stix_sector else None,
                created=EPOCH,
                modified=EPOCH,
                **common,
            )
            objects.append(group)
            relationships.append((victim.id, "member-of", group.id))
    if inc["country"]:
        where = stix2.Location(
            id=sid("location", inc["country"]),
            country=inc["country"],
            name=inc["country"],
            created=EPOCH,
            modified=EPOCH,
            **common,
        )
        objects.append(where)
        relationships.append((victim_id or incident.id, "located-at", where.id))
    if inc["actor"]:
        key = inc["actor"].casefold()
        if inc["claim_type"] in RANSOMWARE:
            actor: Any = stix2.IntrusionSet(
                id=sid("intrusion-set", key), name=inc["actor"], created=EPOCH, modified=EPOCH, **common
            )
        else:
            actor = stix2.ThreatActor(
                id=sid("threat-actor", key),
                name=inc["actor"],
                threat_actor_types=["crime-syndicate"],
                created=EPOCH,
                modified=EPOCH,
                **common,
            )
        objects.append(actor)
        relationships.append((incident.id, "attributed-to", actor.id))
        if victim_id:
            relationships.append((actor.id, "targets", victim_id))
    for source, kind, target in relationships:
        objects.append(
            stix2.Relationship(
                id=sid("relationship", f"{source}|{kind}|{target}"),
                source_ref=source,
                relationship_type=kind,
                target_ref=target,
                created=first,
                modified=max(first, last),
                **common,
            )
        )
    report = stix2.Report(
        id=sid("report", str(inc["id"])),
        name=b.get("headline") or f"darkwire incident {inc['id']}",
        description="\n\n".join([*(b.get("summary") or []), " ".join((b.get("severity") or {}).get("statement", []))]),
        report_types=["threat-report"],
        published=max(first, last),
        object_refs=[o.id for o in objects],
        created=first,
        modified=max(first, last),
        **common,
    )
    return [*objects, report]


def bundle(incidents: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """One STIX 2.1 bundle of all the incidents' objects (shared ones, like a recurring actor, once)."""
    seen: dict[str, Any] = {producer().id: producer(), stix2.TLP_WHITE.id: stix2.TLP_WHITE}
    for inc in incidents:
        for obj in incident_objects(inc):
            seen.setdefault(obj.id, obj)
    b = stix2.Bundle(objects=list(seen.values()), id=sid("bundle", "|".join(sorted(seen))), allow_custom=True)
    return _plain(b)


def _plain(obj: Any) -> dict[str, Any]:
    import json

    return dict(json.loads(obj.serialize()))


def _references(inc: dict[str, Any]) -> list[dict[str, str]]:
    refs = [
        {"source_name": "darkwire", "external_id": f"incident-{inc['id']}", "description": f"darkwire {__version__}"}
    ]
    for c in inc["claims"][:50]:
        ref = {"source_name": str(c["source"]), "description": f"claim posted {(c['seen_at'] or '')[:10]}"}
        if c.get("url") and str(c["url"]).startswith(("http://", "https://")):
            ref["url"] = str(c["url"])
        if c.get("external_id"):
            ref["external_id"] = str(c["external_id"])
        refs.append(ref)
    return refs
