"""Response times of the web UI and API over a large store: p50 and p95 of the incident list, of search and of
the incident page, with 100,000 incidents in SQLite (a benchmark, not a test).

    python bench/bench_web.py [--incidents 100000] [--requests 200] [--db PATH]

The store is built through the real pipeline (posts stored, analysed, correlated into incidents): each generated
post names its own victim, in one of several languages and with varied countries, sectors, data and actors, so
that it starts an incident of its own. `--db PATH` keeps the database and reuses it on the next run. Requests go
through the ASGI app in this process (FastAPI's test client), so the times are the server's own work.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from fastapi.testclient import TestClient

from darkwire.accounts import create_token, create_user
from darkwire.model import Post
from darkwire.pipeline import Pipeline
from darkwire.store import Store
from darkwire.web.app import create_app

STEMS = [
    "Harbor",
    "Summit",
    "Granite",
    "Willow",
    "Beacon",
    "Crescent",
    "Falcon",
    "Meridian",
    "Juniper",
    "Orchard",
    "Cobalt",
    "Aurora",
    "Vantage",
    "Northwind",
    "Solano",
    "Calder",
    "Ridgeway",
    "Lumen",
    "Vesta",
    "Orion",
]
KINDS = [
    "Logistics",
    "Dental Clinic",
    "Credit Union",
    "Hotels",
    "Foods",
    "Insurance",
    "University",
    "Motors",
    "Telecom",
    "Bank",
    "Hospital",
    "Ministry of Finance",
    "Airlines",
    "Energy",
]
PLACES = [
    "USA",
    "Mexico",
    "Brazil",
    "Spain",
    "France",
    "Germany",
    "India",
    "Indonesia",
    "Turkey",
    "Italy",
    "United Kingdom",
    "Japan",
    "Colombia",
    "Peru",
    "Canada",
    "Australia",
]
DATA = [
    "emails and passwords",
    "names, phone numbers and addresses",
    "national ID numbers and dates of birth",
    "card numbers and CVV",
    "patient records and diagnoses",
    "payroll and employee contracts",
    "IBANs and balances",
]
ACTORS = [
    "",
    "",
    "",
    "Posted by xN1ghtshade.",
    "LockBit claims it.",
    "Group NetworkBrokers claims responsibility.",
    "Seller: d4rkc0de.",
    "Akira added it to its blog.",
]
VERBS = [
    "Selling the full database of",
    "Leaked: customer data of",
    "Access to the network of",
    "Fresh dump of",
    "Selling data stolen from",
]


def posts(n: int, seed: int = 1) -> list[Post]:
    rng = random.Random(seed)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    out = []
    for i in range(n):
        victim = f"{STEMS[i % 20]}{i} {rng.choice(KINDS)}"
        text = (
            f"{rng.choice(VERBS)} {victim} ({rng.choice(PLACES)}): {rng.randrange(1, 900) * 1000:,} records with "
            f"{rng.choice(DATA)}. Price {rng.randrange(1, 50) * 100} USD. {rng.choice(ACTORS)}"
        )
        out.append(Post(id=f"w{i}", text=text, title=f"{victim} database", posted_at=start + timedelta(minutes=7 * i)))
    return out


def build(db: Path, n: int) -> None:
    with Pipeline(Store.open(f"sqlite:///{db}"), workers=2, batch=2000) as pipe:
        have = pipe.store.stats()["incidents"]
        if have >= n:
            print(f"reusing {db}: {have:,} incidents")
            return
        t0 = time.perf_counter()
        batch = posts(n)
        for s in range(0, n, 5000):
            pipe.commit("bench-web", "files", {}, batch[s : s + 5000])
        pipe.analyse_pending()
        pipe.correlate_pending()
        print(f"built {pipe.store.stats()['incidents']:,} incidents in {time.perf_counter() - t0:.0f} s")


def timed(client: TestClient, urls: list[str]) -> tuple[float, float]:
    times = []
    for url in urls:
        t0 = time.perf_counter()
        r = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{url}: {r.status_code} {r.text[:200]}")
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.95) - 1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--incidents", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=200)
    ap.add_argument("--db", type=Path, default=Path("/tmp/darkwire-bench-web.db"))
    args = ap.parse_args()
    build(args.db, args.incidents)
    rng = random.Random(3)
    with Pipeline(Store.open(f"sqlite:///{args.db}"), workers=1) as pipe:
        client = TestClient(create_app(pipe, public_read=False))
        reader = f"reader-{os.getpid()}-{time.time_ns()}@bench.example"  # every request pays the token check
        create_user(pipe.store, reader, "Bench", "viewer")
        client.headers["Authorization"] = f"Bearer {create_token(pipe.store, reader)}"
        ids = pipe.store.incidents.ids()
        first = client.get("/api/v1/incidents?limit=50").json()
        filters = [
            "",
            "country=MX",
            "severity=critical",
            "sector=healthcare",
            "claim_type=data_sale",
            "actor=LockBit",
            "country=BR,ES&severity=high,critical",
            "since=2025-06-01&until=2025-09-01",
            f"cursor={first['next_cursor']}",
        ]
        words = ["Harbor17", "Meridian", "passwords", "LockBit", "Juniper4242 Hotels", "national ID", "zzzz"]
        n = args.requests
        cases = {
            "incident list (API, 50 per page, filters)": [
                f"/api/v1/incidents?limit=50&{rng.choice(filters)}" for _ in range(n)
            ],
            "incident list (page)": [f"/incidents?{rng.choice(filters)}" for _ in range(n)],
            "search (API)": [f"/api/v1/incidents?limit=50&q={rng.choice(words)}" for _ in range(n)],
            "search (page)": [f"/search?q={rng.choice(words)}" for _ in range(n)],
            "incident page": [f"/incidents/{rng.choice(ids)}" for _ in range(n)],
            "dashboard": ["/" for _ in range(max(10, n // 10))],
        }
        print(f"{len(ids):,} incidents in SQLite; {n} requests each")
        for name, urls in cases.items():
            timed(client, urls[:5])  # warm
            p50, p95 = timed(client, urls)
            print(f"  {name:<44} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
