"""Clustering quality: pairwise precision, recall and F1 of darkwire's incidents against the demo corpus's
labelled incidents (darkwire/demo/incidents.yaml).

    python bench/eval_incidents.py [--misses]

The demo is ingested into an empty SQLite database; every pair of claims that darkwire put in one incident is
a predicted pair, every pair of claims of one labelled incident a true pair (claims not in any labelled
incident are single-claim incidents). With --misses it prints the pairs it got wrong.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from darkwire.config import load_config
from darkwire.incidents.evaluate import demo_truth, groups_of, pairwise
from darkwire.pipeline import Pipeline
from darkwire.store import Store

DEMO = Path(__file__).resolve().parent.parent / "darkwire" / "demo"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--misses", action="store_true", help="print the wrong and missed pairs")
    args = ap.parse_args()
    truth = demo_truth()
    with tempfile.TemporaryDirectory() as tmp, Store.open(f"sqlite:///{tmp}/eval.db") as store:
        with Pipeline(store, workers=1) as pipe:
            pipe.ingest_config(load_config(DEMO / "darkwire.yaml"), DEMO)
        incidents = store.incidents.recent(limit=100_000)
    titles = {
        (
            c["source"],
            str(c["external_id"]),
        ): f"#{inc['id']} {(c['title'] or c['external_id'])[:50]!r} victim={inc['victim']!r}"
        for inc in incidents
        for c in inc["claims"]
    }
    s = pairwise([{(c["source"], str(c["id"])) for c in inc["claims"]} for inc in truth], groups_of(incidents))
    print(f"incidents: {len(truth)} labelled, {len(incidents)} predicted over the demo's claims")
    print(
        f"pairwise precision {s.precision:.3f}, recall {s.recall:.3f}, F1 {s.f1:.3f} "
        f"({s.correct} of {s.true_pairs} true pairs, {s.predicted_pairs} predicted)"
    )
    flagged = {(c["source"], str(c["external_id"])) for inc in incidents for c in inc["claims"] if c["recycled"]}
    labelled = {(c["source"], str(c["id"])) for inc in truth if inc.get("recycled") for c in inc["claims"][1:]}
    print(
        f"recycled: {len(labelled & flagged)} of {len(labelled)} labelled re-posts flagged, "
        f"{len(flagged - labelled)} other claims flagged"
    )
    if args.misses:
        for p in sorted(s.wrong, key=sorted):
            print("  wrong:  " + "  <->  ".join(titles.get(k, str(k)) for k in sorted(p)))
        for p in sorted(s.missed, key=sorted):
            print("  missed: " + "  <->  ".join(titles.get(k, str(k)) for k in sorted(p)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
