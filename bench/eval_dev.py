"""Score the analyser on the labelled dev sets in ../shared/eval/dev (developers' tool, not a test).

    python bench/eval_dev.py                      # one line per dev set
    python bench/eval_dev.py vcdb --misses country   # also list the misses of one field in one set

The dev texts are third-party: read the misses to learn the language, never copy them into the project.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path
from typing import Any

from darkwire.analyze import Analyzer
from darkwire.model import Post

EVAL = Path(__file__).resolve().parents[1].parent / "shared" / "eval"
SETS = ["articles", "casie", "hibp", "leaksite", "vcdb"]


def load_scorer() -> Any:
    spec = importlib.util.spec_from_file_location("score", EVAL / "score.py")
    if spec is None or spec.loader is None:
        sys.exit(f"no scorer at {EVAL / 'score.py'}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("sets", nargs="*", default=SETS)
    ap.add_argument("--misses", help="field whose misses to list")
    ap.add_argument("--limit", type=int, default=60, help="at most this many misses")
    args = ap.parse_args()
    score = load_scorer()
    import yaml

    taxonomy = yaml.safe_load((EVAL.parent / "contract" / "taxonomy.yaml").read_text())
    analyzer = Analyzer()
    for name in args.sets:
        gold = [json.loads(line) for line in (EVAL / "dev" / f"{name}.jsonl").open(encoding="utf-8")]
        preds = [json.loads(analyzer.analyze(Post.model_validate(g)).model_dump_json()) for g in gold]
        res = score.score(gold, preds, taxonomy)
        figs = []
        for field, f in res["fields"].items():
            fig = f"{field}={f['value']:.3f}"
            if f.get("value_nonnull") is not None and f.get("n_nonnull", f["n"]) < f["n"]:
                fig += f"({f['value_nonnull']:.2f})"
            if field == "data_types":
                fig += f"(P{f['precision']:.2f}/R{f['recall']:.2f})"
            figs.append(fig)
        print(f"{name:9} {' '.join(figs)}")
        if args.misses:
            show_misses(score, gold, preds, args.misses, args.limit)
    return 0


def show_misses(score: Any, gold: list[dict[str, Any]], preds: list[dict[str, Any]], field: str, limit: int) -> None:
    dt = score.DataTypes(yaml_taxonomy())
    shown = 0
    for g, p in zip(gold, preds, strict=True):
        labels = g.get("gold", {})
        if field not in labels:
            continue
        want, got = labels[field], score.predicted(p, field)
        if field == "data_types":
            space = labels.get("data_types_space")
            got_set = dt.project(got, space)
            want_set = {str(x) if space == "veris" else str(x).lower() for x in (want or [])}
            if got_set == want_set:
                continue
            got = f"+{sorted(got_set - want_set)} -{sorted(want_set - got_set)}"
        elif field in ("victim_name", "actor", "venue"):
            if score.match_names(want, got):
                continue
        elif field == "records":
            if score.match_records(want, got):
                continue
        elif field == "price":
            if score.match_price(want, got):
                continue
        elif score.match_enum(want, got):
            continue
        shown += 1
        print(f"  {g['id']}: gold={want!r} pred={got!r} | {(g.get('title') or '')[:60]!r} {g['text'][:160]!r}")
        if shown >= limit:
            break


def yaml_taxonomy() -> Any:
    import yaml

    return yaml.safe_load((EVAL.parent / "contract" / "taxonomy.yaml").read_text())


if __name__ == "__main__":
    sys.exit(main())
