"""Judge stored copy again with today's guards: what a run published that the current
guards would refuse, and the clean rate that leaves.

    python -m bench.rejudge report/copy-quality.json [more.json ...] [--show]
    python -m bench.rejudge report/eval/outputs.jsonl [--show]

Reads what `bench/copy_quality` writes (`<out>.json`, each variant's published texts) and
what `shelfwriter evaluate` writes (`outputs.jsonl`). Not a test. A guard added after a run
would otherwise leave that run's clean rate judged by the guards of its day, so a
before-and-after comparison across a guard change rejudges the "before" run with this.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from bench.copy_quality import SEGMENTS, facts_of, load_catalog
from evaluation.metrics import refusal_reasons
from worker.catalog.facts import ProductFacts
from worker.catalog.locales import serving_language


def _rows(path: Path) -> dict[str, list[tuple[ProductFacts, str, str, bool]]]:
    """(facts, kind, text, published) per run name."""
    if path.suffix == ".jsonl":
        rows = []
        for line in path.read_text("utf-8").splitlines():
            record = json.loads(line)
            output = next(iter(record["outputs"].values()))
            published = bool(output.get("published", True) and output.get("text"))
            rows.append((facts_of(record["product"], 1), "description", output["text"], published))
        return {path.parent.name: rows}
    run = json.loads(path.read_text("utf-8"))
    facts = {f.sku: f for f in load_catalog(Path(run["catalog"]), None)}
    return {
        f"{path.stem} {variant}": [
            (facts[r["sku"]], r["kind"], r["text"], r["published"]) for r in data["outputs"]
        ]
        for variant, data in run["runs"].items()
    }


def rejudge(rows: list[tuple[ProductFacts, str, str, bool]], show: bool) -> dict[str, Any]:
    units: Counter[str] = Counter()
    published: Counter[str] = Counter()
    refused: Counter[str] = Counter()
    reasons: Counter[str] = Counter()
    for facts, kind, text, ok in rows:
        units[kind] += 1
        if not ok:
            continue
        published[kind] += 1
        segment = SEGMENTS[serving_language(facts.locale)]
        audience = segment.audience if kind == "recommendation_copy" else None
        found = refusal_reasons(text, facts, kind, audience)
        if found:
            refused[kind] += 1
            reasons.update(found)
            if show:
                print(f"    {facts.sku} {kind[:4]}: {text[:100]} {sorted(found)}")
    return {
        kind: {
            "units": n,
            "published": published[kind],
            "refused_now": refused[kind],
            "clean_now": round((published[kind] - refused[kind]) / n, 3),
        }
        for kind, n in units.items()
    } | {"reasons": dict(reasons)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("runs", nargs="+", type=Path)
    parser.add_argument("--show", action="store_true", help="print each text refused now")
    args = parser.parse_args()
    for path in args.runs:
        for name, rows in _rows(path).items():
            print(name)
            print("  " + json.dumps(rejudge(rows, args.show), ensure_ascii=False))


if __name__ == "__main__":
    main()
