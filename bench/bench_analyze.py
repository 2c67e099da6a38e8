"""Analyser throughput on one core: posts per second and peak memory (a benchmark, not a test).

    python bench/bench_analyze.py [--posts 10000] [--seed 1]

The corpus is generated from the posts written for the tests (tests/fixtures/posts.jsonl): names, numbers
and prices are varied, and two posts in five get extra paragraphs, so lengths range from ~100 bytes to
~6 KB in the fixtures' eight-plus languages. Analyzer construction (building the gazetteers) is timed apart.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import statistics
import sys
import time
from pathlib import Path

from darkwire.analyze import Analyzer
from darkwire.model import Post

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "posts.jsonl"
NAMES = ["Northwind", "Kestrel", "Harbor", "Lumen", "Vesta", "Orion", "Calder", "Ridgeway", "Solano", "Brisa"]
FILLER = [
    "The seller says samples are available on request and that only serious buyers should reach out.",
    "Escrow through the forum's middleman is accepted; the data was exported earlier this month.",
    "Los datos incluyen registros de los últimos tres años y una muestra gratuita para verificar.",
    "Les échantillons montrent des noms, des adresses et des numéros de téléphone.",
    "Пишите в личку, покажу образец, торг уместен при покупке всей базы.",
    "Os arquivos foram obtidos em um servidor mal configurado e estão completos.",
]


def corpus(n: int, seed: int) -> list[Post]:
    rng = random.Random(seed)
    base = [json.loads(line) for line in FIXTURES.read_text(encoding="utf-8").splitlines() if line.strip()]
    posts = []
    for i in range(n):
        src = rng.choice(base)
        text = re.sub(r"\d[\d,.]*", lambda m: str(rng.randint(2, 900) * 1000), src["text"])
        text = text.replace("Acme", rng.choice(NAMES)).replace("Northwind", rng.choice(NAMES))
        if rng.random() < 0.4:
            text += "\n" + " ".join(rng.choice(FILLER) for _ in range(rng.randint(5, 40)))
        posts.append(Post(id=f"b{i}", text=text, title=src.get("title"), source=src.get("source")))
    return posts


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--posts", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat", type=int, default=3, help="runs over the corpus; the best is the least disturbed")
    args = ap.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # one core
    posts = corpus(args.posts, args.seed)
    sizes = [len(p.text.encode()) for p in posts]
    t0 = time.perf_counter()
    analyzer = Analyzer()
    analyzer.analyze(posts[0])
    setup = time.perf_counter() - t0
    rates = []
    for _ in range(args.repeat):
        c0 = time.process_time()
        for post in posts:
            analyzer.analyze(post).model_dump_json()
        rates.append(len(posts) / (time.process_time() - c0))
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"posts: {len(posts)}  bytes: median {statistics.median(sizes):.0f}, "
        f"mean {statistics.mean(sizes):.0f}, max {max(sizes)}"
    )
    print(f"setup (gazetteers): {setup:.2f} s")
    print(
        f"analysis, {args.repeat} runs on one core: best {max(rates):,.0f} posts per CPU second, "
        f"median {statistics.median(rates):,.0f}, worst {min(rates):,.0f}"
    )
    print(f"peak memory (max RSS): {peak_mib:.0f} MiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
