"""Claims in human copy: which claim words people write, how often the facts back them, and
how often each grounding guard would refuse a human reference (its false-refusal rate).

    python -m bench.claims_mine [--data-dir ../shared/data] [--out evaluation/results/claims]

Not a test: it prints tables and writes `<out>.md` / `<out>.json`. Human references draw on
facts our datasets do not carry (a Myntra description copies the product page's "Warranty:
5 years"; AdvertiseGen copy says 透气 of every fabric), so a refusal here is not always
wrong; the rate bounds how much human-grade copy the guards would cost.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter, defaultdict
from pathlib import Path

from evaluation.dataset import Example, load_dataset
from evaluation.generate import facts_for
from worker.content.guards.audience import check_audience
from worker.content.guards.claims import check_claims, claims_in, is_regulated, supported_claims
from worker.content.guards.corpus import FactsText
from worker.content.guards.entities import check_entities
from worker.content.guards.filler import check_filler
from worker.content.guards.results import GuardResult, normalize
from worker.content.guards.sentences import split_sentences
from worker.content.guards.types import check_types
from worker.content.guards.usage import check_usage

DATASETS = {"zh": "advertisegen_dev.jsonl", "en": "myntra_products_catalog.csv"}


def mine(examples: list[Example]) -> dict[str, object]:
    uses: Counter[str] = Counter()
    backed: Counter[str] = Counter()
    category_of: dict[str, str] = {}
    refused: dict[str, int] = defaultdict(int)
    sentences = dropped = 0
    regulated = 0
    for i, example in enumerate(examples):
        facts = facts_for(example, i + 1)
        facts_text = FactsText.build(facts, "description")
        regulated += is_regulated(facts_text)
        reference = normalize(example.references[0])
        for _, claim, category, _, _ in claims_in(reference):
            key = f"{category}/{claim}"
            uses[key] += 1
            category_of[key] = category
        known = supported_claims(facts_text.strings)
        for key in {f"{c}/{k}" for _, k, c, _, _ in claims_in(reference)}:
            backed[key] += key.split("/", 1)[1] in known
        checks: dict[str, GuardResult] = {
            "claims": check_claims(reference, facts_text),
            "audience": check_audience(reference, facts_text),
            "entities": check_entities(reference, facts_text),
            "filler": check_filler(reference, facts_text),
            "types": check_types(reference, facts_text),
            "usage": check_usage(reference, facts_text),
        }
        for name, result in checks.items():
            refused[name] += not result.passed
        for sentence in split_sentences(reference):
            sentences += 1
            dropped += any(
                not r.passed
                for r in (
                    check_claims(sentence, facts_text),
                    check_audience(sentence, facts_text),
                    check_entities(sentence, facts_text),
                )
            )
    n = len(examples)
    return {
        "references": n,
        "regulated_products": regulated,
        "false_refusal_rate": {k: round(v / n, 4) for k, v in refused.items()},
        "sentence_drop_rate": round(dropped / sentences, 4) if sentences else 0.0,
        "claims": [
            {"claim": k, "uses": uses[k], "backed_by_facts": backed[k]}
            for k, _ in uses.most_common()
        ],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--out", type=Path, default=Path("evaluation/results/claims"))
    args = parser.parse_args()
    results: dict[str, object] = {}
    lines = ["# Claims in human copy and the guards' false-refusal rate", ""]
    for lang, name in DATASETS.items():
        examples = [e for e in load_dataset(str(args.data_dir / name)) if e.references]
        found = mine(examples)
        results[lang] = found
        rates = found["false_refusal_rate"]
        assert isinstance(rates, dict)
        print(f"{lang} ({name}, {found['references']} references)")
        lines += [f"## {lang}: `{name}`, {found['references']} human references", ""]
        lines += ["| guard | refuses a human reference |", "|---|---:|"]
        for guard, rate in rates.items():
            print(f"  {guard:10s} false-refusal rate {rate:.1%}")
            lines.append(f"| {guard} | {rate:.1%} |")
        print(f"  sentences dropped by claims/audience/entities: {found['sentence_drop_rate']:.1%}")
        lines += [
            "",
            f"Sentences sentence grounding would drop (claims, audience, entities):"
            f" {found['sentence_drop_rate']:.1%}.",
            "",
            "| claim | uses | backed by the facts |",
            "|---|---:|---:|",
        ]
        claims = found["claims"]
        assert isinstance(claims, list)
        for row in claims[:30]:
            lines.append(f"| {row['claim']} | {row['uses']} | {row['backed_by_facts']} |")
            print(
                f"    {row['claim']:40s} {row['uses']:5d} used, {row['backed_by_facts']:4d} backed"
            )
        lines.append("")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.with_suffix(".json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    args.out.with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out.with_suffix('.md')} and {args.out.with_suffix('.json')}")


if __name__ == "__main__":
    main()
