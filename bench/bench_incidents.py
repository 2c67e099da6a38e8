"""Cost of placing one new claim in incidents, against 10,000 and 100,000 incidents already stored.

    python bench/bench_incidents.py [--sizes 10000 100000] [--claims 500]

For each size, an empty SQLite database is filled with that many incidents (each with its keys and facts, as
correlation leaves them; written directly, which is fast), then `--claims` new analysed posts are placed:
half about victims that already have an incident, half about new ones. Reported: milliseconds per claim. The
placing reads only the incidents that share a blocking key with a claim, so the figure should stay nearly flat.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert

from darkwire.analyze import Analyzer
from darkwire.incidents.correlate import IncidentView
from darkwire.incidents.keys import claim_from
from darkwire.model import Analysis, Post, Victim
from darkwire.pipeline import Pipeline
from darkwire.store import Store
from darkwire.store import schema as t

WORDS = ["Harbor", "Summit", "Granite", "Willow", "Beacon", "Crescent", "Falcon", "Meridian", "Juniper", "Orchard"]
KINDS = ["Logistics", "Dental", "Credit Union", "Hotels", "Foods", "Insurance", "Clinic", "Motors", "Textiles"]


def name(i: int) -> str:
    return f"{WORDS[i % 10]}{i} {KINDS[i % 9]}"


def fill(store: Store, n: int) -> None:
    """`n` incidents, each with one claim's worth of facts and keys."""
    at = datetime(2026, 6, 1, tzinfo=UTC)
    incidents, keys = [], []
    for i in range(n):
        a = Analysis(id=str(i), claim_type="data_sale", victim=Victim(name=name(i), country="US"), records=1000 + i)
        claim = claim_from(i, "seed", at + timedelta(minutes=i), None, f"Selling data of {name(i)}", f"h{i}", a)
        view = IncidentView(id=i + 1)
        view.add(claim)
        incidents.append(
            {
                "id": i + 1,
                "key": f"seed-{i}",
                "victim": name(i),
                "claim_type": "data_sale",
                "verification": "unverified",
                "created_at": at,
                "updated_at": at,
                "claims": 1,
                "facts": view.to_json(),
                "last_seen": view.last_seen,
            }
        )
        keys += [{"key": k[:300], "incident_id": i + 1} for k in claim.blocking_keys()]
    with store.engine.begin() as conn:
        for start in range(0, n, 5000):
            conn.execute(insert(t.incidents), incidents[start : start + 5000])
        for start in range(0, len(keys), 20000):
            conn.execute(insert(t.incident_keys), keys[start : start + 20000])
        counts = Counter(k["key"] for k in keys)
        rows = [{"key": k, "n": n} for k, n in counts.items()]
        for start in range(0, len(rows), 20000):
            conn.execute(insert(t.incident_key_counts), rows[start : start + 20000])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--claims", type=int, default=500)
    args = ap.parse_args()
    analyzer = Analyzer()
    rng = random.Random(7)
    for size in args.sizes:
        with tempfile.TemporaryDirectory() as tmp, Store.open(f"sqlite:///{tmp}/inc.db") as store:
            t0 = time.perf_counter()
            fill(store, size)
            filled = time.perf_counter() - t0
            posts = []
            for j in range(args.claims):
                i = rng.randrange(size) if j % 2 == 0 else size + j
                posts.append(
                    Post(
                        id=f"new-{j}",
                        posted_at=datetime(2026, 7, 1, tzinfo=UTC) + timedelta(minutes=j),
                        text=f"Selling the customer database of {name(i)} (USA): {1000 + i:,} rows, emails. 500 USD",
                    )
                )
            with Pipeline(store, analyzer=analyzer, workers=1) as pipe:
                pipe.commit("bench", "files", {}, posts)
                pipe.analyse_pending()
                t1 = time.perf_counter()
                placed = pipe.correlate_pending()
                elapsed = time.perf_counter() - t1
            joined = args.claims - placed.incidents
            print(
                f"{size:>7,} incidents (filled in {filled:.1f} s): {elapsed / args.claims * 1000:.2f} ms per claim "
                f"({args.claims} claims, {joined} joined an existing incident, {placed.incidents} started one)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
