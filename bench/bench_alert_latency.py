"""From a post pushed through `POST /api/v1/posts` to the signed webhook received by a local server, in a real
`darkwire run` (a benchmark, not a test): p50, p95 and the worst of `--posts` pushes, one at a time.

    python bench/bench_alert_latency.py [--posts 50]

A fresh SQLite store gets a tenant with a watchlist for one organisation and a webhook channel pointing at a
receiver on 127.0.0.1; `darkwire run` is started with a config that has no sources, and each pushed post names
a new victim that names the watched vendor (a new incident each time, so each makes its own alert: the
supply-chain case).
"""

from __future__ import annotations

import argparse
import hashlib
import hmac
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

import httpx

SECRET = "bench-secret"


SYLLABLES = ["val", "mor", "ost", "ren", "kal", "dur", "bri", "sen", "tav", "lum", "cor", "fen", "gar", "hol"]
KINDS = ["Freight", "Dental", "Credit Union", "Hotels", "Foods", "Insurance", "Clinic", "Motors", "Textiles"]
TEMPLATES = [
    "Selling the customer table of {v}, taken through their supplier Acme Cloud: {n} rows with {d}. {p} USD.",
    "{v} breached via Acme Cloud, their hosting vendor. Dump for sale: {d}, {n} records. Price {p}$ BTC only.",
    "Fresh leak: {v} ({n} lines, {d}). Initial access came through the Acme Cloud contractor. Escrow ok, {p} USD.",
    "Database of {v} available. The vendor Acme Cloud was the way in. Contents: {d}; about {n} entries; {p} USDT.",
]
DATA = [
    "names and IBANs",
    "emails and passwords",
    "phones, addresses and dates of birth",
    "passport numbers",
    "card numbers with CVV",
    "payroll and contracts",
    "patient records",
]


def varied_post(i: int) -> str:
    """A post about a new victim each time (a new incident, a new alert) that names the watched vendor."""
    a, b = SYLLABLES[i % 14], SYLLABLES[(i // 14) % 14]
    victim = f"{a.title()}{b}{SYLLABLES[(i * 7) % 14]} {KINDS[i % 9]}"
    return TEMPLATES[i % 4].format(v=victim, n=f"{(i + 3) * 1733:,}", d=DATA[i % 7], p=300 + 25 * i)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=50)
    args = ap.parse_args()
    arrivals: list[float] = []
    bad_signatures = 0

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            nonlocal bad_signatures
            body = self.rfile.read(int(self.headers["Content-Length"]))
            expected = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
            if self.headers.get("X-Darkwire-Signature") != expected:
                bad_signatures += 1
            json.loads(body)  # a JSON body
            arrivals.append(time.perf_counter())  # posts are pushed one at a time: this is the latest one's
            self.send_response(200)
            self.end_headers()

        def log_message(self, *a: Any) -> None:
            pass

    receiver = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=receiver.serve_forever, daemon=True).start()
    hook = f"http://127.0.0.1:{receiver.server_address[1]}/hook"
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "DARKWIRE_DB": f"sqlite:///{tmp}/latency.db", "HOOK_SECRET": SECRET}
        exe = [sys.executable, "-m", "darkwire.cli"]
        run = lambda *a: subprocess.run([*exe, *a], env=env, check=True, capture_output=True)  # noqa: E731
        run("watchlist", "add", "--tenant", "Bench Bank", "--org", "Bench Bank", "--vendor", "Acme Cloud")
        run("channel", "add", "--tenant", "Bench Bank", "--webhook", hook, "--secret-env", "HOOK_SECRET")
        run("user", "create", "collector@bench.example", "--tenant", "Bench Bank", "--role", "analyst")
        token = run("token", "create", "collector@bench.example").stdout.decode().split()[-1]
        auth = {"Authorization": f"Bearer {token}"}  # pushing posts needs an analyst's token
        config = Path(tmp) / "darkwire.yaml"
        config.write_text("sources: []\n", encoding="utf-8")
        port = free_port()
        server = subprocess.Popen(
            [*exe, "run", "--config", str(config), "--port", str(port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            for _ in range(200):
                try:
                    if httpx.get(base + "/healthz").status_code == 200:
                        break
                except httpx.HTTPError:
                    time.sleep(0.1)
            times = []
            for i in range(args.posts):
                key = f"order-{i}-{os.getpid()}"
                text = varied_post(i)
                before = len(arrivals)
                t0 = time.perf_counter()
                r = httpx.post(base + "/api/v1/posts", json={"id": key, "text": text}, headers=auth, timeout=10)
                r.raise_for_status()
                while len(arrivals) == before and time.perf_counter() - t0 < 30:
                    time.sleep(0.002)
                if len(arrivals) == before:
                    raise SystemExit(f"no webhook for post {i} after 30 s")
                times.append((arrivals[before] - t0) * 1000)
        finally:
            server.terminate()
            server.wait(10)
            receiver.shutdown()
    times.sort()
    p95 = times[max(0, int(len(times) * 0.95) - 1)]
    print(
        f"{len(times)} posts, push to signed webhook: p50 {statistics.median(times):.0f} ms, p95 {p95:.0f} ms, "
        f"worst {times[-1]:.0f} ms; bad signatures: {bad_signatures}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
