"""Incidents as MISP events (pymisp): per incident an event with the victim object, an annotation holding the
brief, the actor, the claims' addresses, and tags from the tlp, dark-web and infoleak taxonomies. Event uuids are
deterministic, so a MISP instance importing twice updates the event."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from datetime import datetime
from typing import Any

from pymisp import MISPEvent, MISPObject

from darkwire.brief.write import country_name
from darkwire.export.stix import NAMESPACE
from darkwire.taxonomy import load_data

TLP = "tlp:clear"


def event(inc: dict[str, Any], tlp: str = TLP) -> MISPEvent:
    cfg: dict[str, Any] = load_data("export.yaml")
    b = inc.get("brief") or {}
    facts = b.get("facts") or {}
    e = MISPEvent()
    e.uuid = str(uuid.uuid5(NAMESPACE, f"misp-event:{inc['id']}"))
    e.info = b.get("headline") or f"darkwire incident {inc['id']}"
    if inc["first_seen"]:
        e.set_date(datetime.fromisoformat(inc["first_seen"]).date())
    e.threat_level_id = cfg["misp_threat_level"].get(inc["severity"] or "", 4)
    e.analysis = cfg["misp_analysis"].get(inc["verification"] or "", 0)
    e.distribution = 0
    tags = [tlp, 'infoleak:submission="automatic"']
    tags += cfg["claim_tags"].get(inc["claim_type"] or "other", [])
    for d in facts.get("data_types") or []:
        tags += cfg["data_tags"].get(d, [])
    kinds = {s.get("kind") for s in facts.get("sources") or []}
    tags += [cfg["source_tags"].get(k or "", cfg["source_tags"]["default"]) for k in sorted(kinds, key=str)]
    certainty = cfg["infoleak_certainty"].get(inc["verification"] or "")
    if certainty:
        tags.append(f'infoleak:certainty="{certainty}"')
    for tag in dict.fromkeys(tags):
        e.add_tag(tag)
    if inc["victim"] or inc["country"] or inc["sector"]:
        victim = MISPObject("victim", standalone=False)
        if inc["victim"]:
            victim.add_attribute("name", value=inc["victim"])
        domain = (facts.get("victim") or {}).get("domain")
        if domain:
            victim.add_attribute("domain", value=domain)
        if inc["country"]:
            victim.add_attribute("regions", value=country_name(inc["country"], "en"))
        if inc["sector"]:
            victim.add_attribute("sectors", value=cfg["misp_sectors"].get(inc["sector"], inc["sector"]))
        victim.add_attribute("description", value=e.info)
        e.add_object(victim)
    note = MISPObject("annotation", standalone=False)
    text = [*(b.get("summary") or []), " ".join((b.get("severity") or {}).get("statement", []))]
    note.add_attribute("text", value="\n\n".join(t for t in text if t))
    note.add_attribute("type", value="Executive Summary")
    note.add_attribute("format", value="text")
    e.add_object(note)
    if inc["actor"]:
        e.add_attribute("threat-actor", inc["actor"], category="Attribution", to_ids=False)
    if inc["records"]:
        e.add_attribute("counter", str(inc["records"]), category="Other", comment="records claimed", to_ids=False)
    price = facts.get("price")
    if price and price.get("amount") is not None:
        amount = f"{price['amount']:g} {price.get('currency') or ''}".strip()
        e.add_attribute("text", amount, category="Financial fraud", comment="asking price", to_ids=False)
    for d in facts.get("data_types") or []:
        e.add_attribute("text", d, category="Other", comment="data type claimed", to_ids=False)
    for c in inc["claims"][:100]:
        url = c.get("url")
        if url and str(url).startswith(("http://", "https://")):
            comment = f"claim on {c['source']}, {(c['seen_at'] or '')[:10]}"
            e.add_attribute("link", str(url), category="External analysis", comment=comment, to_ids=False)
    _stable_uuids(e)
    return e


def _stable_uuids(e: MISPEvent) -> None:
    """Attributes and objects get uuids from what they hold, so that the same incident gives the same event."""
    for a in e.attributes:
        a.uuid = str(uuid.uuid5(NAMESPACE, f"{e.uuid}|{a.type}|{a.value}|{getattr(a, 'comment', '')}"))
    for o in e.objects:
        o.uuid = str(uuid.uuid5(NAMESPACE, f"{e.uuid}|object|{o.name}"))
        for a in o.attributes:
            a.uuid = str(uuid.uuid5(NAMESPACE, f"{o.uuid}|{a.object_relation}|{a.value}"))


def events(incidents: Iterable[dict[str, Any]], tlp: str = TLP) -> list[dict[str, Any]]:
    """The incidents as MISP events in MISP's JSON format (a list of {"Event": ...})."""
    return [{"Event": json.loads(event(inc, tlp).to_json())} for inc in incidents]
