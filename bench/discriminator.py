"""Does a ranker choose better copy than the old scorer? Same candidates, two choices.

    python -m bench.discriminator ../shared/data/myntra_products_catalog.csv \\
        [--limit 40] [--candidates 4] [--out report/disc-en] [--ranker confidence --weight 0.5]

`--ranker discriminator` (the default) adds the human-likeness discriminator's score;
`--ranker confidence` multiplies the old score by (1 - w) + w x the model's confidence in
the candidate (the geometric mean of its tokens' probabilities, from the cached CPU loop);
`--ranker consensus` by (1 - w) + w x its agreement with the unit's other candidates
(worker/content/consensus.py).

Not a test. The default model writes `--candidates` candidates for each of the first
`--limit` test-split products (the discriminator never saw them: it trains on the train
split; `--split dev` is where its weight in the score is chosen). Every candidate that
passed the guards carries its score parts, so each unit's choice is taken twice from the
same candidates: by the old scorer (coverage, fluency, distinctness) and by the new one
(with human-likeness); `units.json` keeps them all, to weigh again offline. It prints
chrF of both choices against the human references with a paired bootstrap, and writes
`review.csv` / `review_key.json` in `--out`: the units where the two choices differ,
sides shuffled, for a person to fill in blind and tally with `shelfwriter evaluate-review`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from evaluation.dataset import load_dataset, select_split
from evaluation.generate import ModelRun, Output, facts_for
from evaluation.human import write_review_sheet
from evaluation.metrics import chrf
from evaluation.significance import paired_bootstrap
from worker.catalog.locales import serving_language
from worker.config import get_settings
from worker.content.generator import GenerationContext
from worker.content.model_generator import (
    WEIGHTS_DISCRIMINATOR,
    WEIGHTS_PLAIN,
    ModelGenerator,
    combine,
)
from worker.content.plan import units_for
from worker.models import ContentKind


def choose(
    entries: list[dict[str, Any]],
    weights: tuple[float, float, float, float],
    confidence_weight: float = 0.0,
    *,
    supported_weight: float = 0.0,
    consensus_weight: float = 0.0,
) -> str:
    passing = [e for e in entries if not e["failures"] and e.get("text")]
    if not passing:
        return ""
    best = max(
        passing,
        key=lambda e: combine(
            e,
            weights,
            confidence_weight,
            supported_weight=supported_weight,
            consensus_weight=consensus_weight,
        ),
    )
    return str(best["text"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("dataset")
    parser.add_argument("--limit", type=int, default=40)
    parser.add_argument("--candidates", type=int, default=4)
    parser.add_argument("--out", type=Path, default=Path("report/discriminator"))
    parser.add_argument(
        "--split", default="test", choices=["dev", "test"], help="dev: to choose the weights"
    )
    parser.add_argument(
        "--ranker",
        default="discriminator",
        choices=["discriminator", "confidence", "consensus"],
    )
    parser.add_argument(
        "--weight", type=float, default=0.5, help="confidence's or consensus's weight"
    )
    parser.add_argument(
        "--sweep",
        default="0.25,0.5,0.75,1.0",
        help="confidence or consensus weights whose chrF is printed too (same candidates)",
    )
    args = parser.parse_args()
    new_name = args.ranker

    examples = select_split(load_dataset(args.dataset), args.split)[: args.limit]
    units: list[dict[str, Any]] = []  # every unit's candidates, to weigh them again offline
    # On whatever the default: each passing candidate must carry its human-likeness.
    settings = get_settings().model_copy(update={"discriminator": args.ranker == "discriminator"})
    generator = ModelGenerator(settings, candidates=args.candidates)
    # The old scorer is the default one (with the ranker's supported share, without
    # consensus), so "old" means what ships without the ranker under test.
    supported = settings.supported_weight

    def pick(entries: list[dict[str, Any]], weight: float) -> str:
        if args.ranker == "discriminator":
            return choose(entries, WEIGHTS_DISCRIMINATOR, supported_weight=supported)
        if args.ranker == "confidence":
            return choose(entries, WEIGHTS_PLAIN, weight, supported_weight=supported)
        return choose(entries, WEIGHTS_PLAIN, supported_weight=supported, consensus_weight=weight)

    runs = {"old scorer": ModelRun("old scorer", []), new_name: ModelRun(new_name, [])}
    facts_line: dict[str, str] = {}
    started = time.perf_counter()
    differ = 0
    for start in range(0, len(examples), 8):
        part = examples[start : start + 8]
        facts = [facts_for(e, start + i + 1) for i, e in enumerate(part)]
        work = [item for f in facts for item in units_for(f, {}, [ContentKind.description])]
        by_id = {r.item.facts.id: r for r in generator.generate(work, GenerationContext())}
        for example, product in zip(part, facts, strict=True):
            entries = list(by_id[product.id].quality.get("candidates", []))
            units.append({"sku": product.sku, "refs": example.references, "candidates": entries})
            old = choose(entries, WEIGHTS_PLAIN, supported_weight=supported)
            new = pick(entries, args.weight)
            differ += old != new
            runs["old scorer"].outputs.append(Output(example, product, old, bool(old)))
            runs[new_name].outputs.append(Output(example, product, new, bool(new)))
            attributes = json.dumps(product.attributes, ensure_ascii=False)
            facts_line[product.sku] = f"{product.title} | {product.brand or ''} | {attributes}"
        print(
            f"  {start + len(part)}/{len(examples)} products, {time.perf_counter() - started:.0f} s"
        )

    # chrF over the units where something was published (the same units for both).
    kept = [i for i, o in enumerate(runs["old scorer"].outputs) if o.published]
    refs = [examples[i].references for i in kept]
    hyps = {name: [run.outputs[i].text for i in kept] for name, run in runs.items()}
    chinese = serving_language(examples[0].product.locale) == "zh"
    test = paired_bootstrap(hyps["old scorer"], {new_name: hyps[new_name]}, refs, chinese=chinese)
    sweep: dict[str, float] = {}
    if args.ranker != "discriminator":
        for w in (float(x) for x in args.sweep.split(",") if x):
            picks = [pick(units[i]["candidates"], w) for i in kept]
            sweep[str(w)] = round(chrf(picks, refs), 2)
    args.out.mkdir(parents=True, exist_ok=True)
    sheet = write_review_sheet(args.out, runs, facts_line)
    result = {
        "dataset": args.dataset,
        "split": args.split,
        "products": len(examples),
        "published": len(kept),
        "choices_differ": differ,
        "chrf_old": round(chrf(hyps["old scorer"], refs), 2),
        "ranker": new_name,
        f"chrf_{new_name}": round(chrf(hyps[new_name], refs), 2),
        "bootstrap": test.get(new_name, {}).get("chrf"),
        "chrf_by_weight": sweep,
        "seconds": round(time.perf_counter() - started, 1),
    }
    (args.out / f"{new_name}.json").write_text(json.dumps(result, indent=2), "utf-8")
    (args.out / "units.json").write_text(json.dumps(units, ensure_ascii=False), "utf-8")
    print(json.dumps(result, indent=2))
    print("review sheet:", ", ".join(str(p) for p in sheet))


if __name__ == "__main__":
    main()
