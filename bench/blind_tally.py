"""Tally a blind review: how many descriptions of each variant a reader would put live.

    python -m bench.blind_tally evaluation/results/lead-facts/blind/review3

A review is `PREFIX-sheet-{en,zh}.jsonl` (id, facts, description: what the reader saw,
variants shuffled and unnamed), `PREFIX-verdict-{en,zh}.jsonl` (id, live, problem, note:
what the reader wrote) and `PREFIX-key.json` (id → variant, catalog, sku: kept from the
reader until the verdicts were in). Prints live / total per catalog and variant, and the
problems per variant.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path


def tally(prefix: Path) -> tuple[Counter[tuple[str, str, bool]], Counter[tuple[str, str]]]:
    key = json.loads(Path(f"{prefix}-key.json").read_text(encoding="utf-8"))
    live: Counter[tuple[str, str, bool]] = Counter()
    problems: Counter[tuple[str, str]] = Counter()
    for lang in ("en", "zh"):
        path = Path(f"{prefix}-verdict-{lang}.jsonl")
        if not path.exists():
            continue  # a review of one language
        for line in path.read_text(encoding="utf-8").splitlines():
            verdict = json.loads(line)
            item = key[verdict["id"]]
            live[(item["catalog"], item["variant"], bool(verdict["live"]))] += 1
            problems[(item["variant"], verdict["problem"])] += 1
    return live, problems


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefix", type=Path)
    live, problems = tally(parser.parse_args().prefix)
    variants = sorted({v for _, v, _ in live})
    totals: Counter[tuple[str, bool]] = Counter()
    for catalog in sorted({c for c, _, _ in live}):
        cells = []
        for variant in variants:
            yes, no = live[(catalog, variant, True)], live[(catalog, variant, False)]
            totals[(variant, True)] += yes
            totals[(variant, False)] += no
            cells.append(f"{variant} {yes}/{yes + no}")
        print(f"{catalog:12} " + "  ".join(cells))
    for variant in variants:
        yes, no = totals[(variant, True)], totals[(variant, False)]
        shown = ", ".join(f"{p} {n}" for (v, p), n in sorted(problems.items()) if v == variant)
        print(f"{variant}: {yes}/{yes + no} live ({yes / (yes + no):.0%}); {shown}")


if __name__ == "__main__":
    main()
