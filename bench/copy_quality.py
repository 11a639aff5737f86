"""Copy quality on a catalog without references (products nobody wrote copy for): publish
rate, clean rate, each refusal reason's rate and tokens/s, with grounded decoding and
sentence grounding on and off, in one run.

    python -m bench.copy_quality evaluation/catalogs/sparse-zh.jsonl [--variants plain,grounded]
        [--kinds description,recommendation_copy] [--limit N] [--out report/copy-quality]

Not a test: it prints tables and writes `<out>.json` and `<out>.md` with every published
text, so a person can read what would go live. "plain" is the content step without the
issue-15 steering (no token bans, no sentence-end steering, no sentence dropping; the guards
are the same), "grounded" is the default.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time
from collections import Counter
from pathlib import Path
from typing import Any

import worker
from evaluation.metrics import refusal_reasons
from worker.catalog.facts import ProductFacts, facts_from_row
from worker.catalog.importer import read_records
from worker.catalog.locales import serving_language
from worker.catalog.schema import ProductIn
from worker.config import get_settings
from worker.content.generator import GenerationContext
from worker.content.guards.corpus import FactsText
from worker.content.guards.specifics import unsupported_details
from worker.content.model_generator import ModelGenerator
from worker.content.plan import SegmentInfo, units_for
from worker.models import ContentKind, Product
from worker.runtime import clear_model_cache

VARIANTS: dict[str, dict[str, Any]] = {
    "plain": {"grounded_decoding": False, "sentence_grounding": False},
    "grounded": {"grounded_decoding": True, "sentence_grounding": True},
    # The default without the house examples in the prompt (SHELFWRITER_DEMOS=0).
    "no-demos": {"grounded_decoding": True, "sentence_grounding": True, "demos": "off"},
    # Neither the house examples nor the ranker's preference for guessing less.
    "before": {
        "grounded_decoding": True,
        "sentence_grounding": True,
        "demos": "off",
        "supported_weight": 0.0,
    },
    # The default with the ranker's consensus among candidates (SHELFWRITER_CONSENSUS_WEIGHT).
    "consensus": {
        "grounded_decoding": True,
        "sentence_grounding": True,
        "consensus_weight": 0.5,
    },
    # The facts' words and shop prose only, already in the first pass (SHELFWRITER_LEXICAL_FIRST).
    "lexical-sparse": {
        "grounded_decoding": True,
        "sentence_grounding": True,
        "lexical_first": "sparse",
    },
    "lexical-all": {"grounded_decoding": True, "sentence_grounding": True, "lexical_first": "all"},
    # The description of a product its title alone describes: written by the model
    # (SHELFWRITER_TITLE_COPY=off), or only the title's sentence ("whole").
    "title-off": {"grounded_decoding": True, "sentence_grounding": True, "title_copy": "off"},
    "title-whole": {"grounded_decoding": True, "sentence_grounding": True, "title_copy": "whole"},
    # The title's lead only where the facts say nothing the title does not.
    "title-lead": {"grounded_decoding": True, "sentence_grounding": True, "title_copy": "lead"},
    # The title's lead only for sparse products, the model writing the others whole (the
    # default before the lead read every product's attributes).
    "title-sparse": {
        "grounded_decoding": True,
        "sentence_grounding": True,
        "title_copy": "sparse",
    },
    # All of the model's continuation of the title's lead that the guards pass, not only the
    # sentences that say a fact the lead has not (SHELFWRITER_LEAD_CONTINUATION).
    "continuation-all": {
        "grounded_decoding": True,
        "sentence_grounding": True,
        "lead_continuation": "all",
    },
    # House examples also in the descriptions of products known by their title alone.
    "demos-title": {"grounded_decoding": True, "sentence_grounding": True, "demos": "title-only"},
    # English attributes strung onto the lead and left to the model, not said in sentences
    # of their own worded by the model's likelihood (SHELFWRITER_FACT_SENTENCES=off).
    "facts-off": {"grounded_decoding": True, "sentence_grounding": True, "fact_sentences": "off"},
    # The default sampled cooler (SHELFWRITER_TEMPERATURE).
    "t04": {"grounded_decoding": True, "sentence_grounding": True, "temperature": 0.4},
}
# The same settings under the name evaluation/results/title-lead/*-variants ran them by
# (there with the title's lead already on by default).
VARIANTS["title-demos"] = VARIANTS["demos-title"]
# One audience per language for recommendation copy: the seeded gift buyers (migration 0001).
SEGMENTS = {
    "en": SegmentInfo(
        "gift_buyers",
        "Gift buyers",
        "people choosing a present for someone else who care about presentation and appeal",
    ),
    "zh": SegmentInfo("gift_buyers", "送礼人群", "为他人挑选礼物、看重品质和心意的消费者"),
}


def facts_of(record: dict[str, Any], product_id: int) -> ProductFacts:
    """A catalog record (an import line) as the facts the worker would load for it."""
    product = ProductIn.model_validate(record)
    return facts_from_row(Product(id=product_id, **product.model_dump()))


def load_catalog(path: Path, limit: int | None) -> list[ProductFacts]:
    facts = []
    for line, record in read_records(path):
        if isinstance(record, str):
            raise SystemExit(f"{path}:{line}: {record}")
        facts.append(facts_of(record, line))
    return facts[:limit]


def guessed_details(
    text: str, facts: ProductFacts, kind: str, audience: tuple[str, str] | None
) -> list[str]:
    """Distinct content words of `text` that neither the facts nor shop prose carry."""
    facts_text = FactsText.build(facts, kind, audience=audience)
    return unsupported_details(text, facts_text, serving_language(facts.locale))


def run_variant(facts: list[ProductFacts], kinds: list[ContentKind], name: str) -> dict[str, Any]:
    settings = get_settings().model_copy(update=VARIANTS[name])
    generator = ModelGenerator(settings)
    segments = {f.locale: [SEGMENTS["zh" if f.locale.startswith("zh") else "en"]] for f in facts}
    work = [item for f in facts for item in units_for(f, segments, kinds)]
    started = time.perf_counter()
    results = generator.generate(work, GenerationContext())
    wall = time.perf_counter() - started
    rows: list[dict[str, Any]] = []
    per_kind: dict[str, Counter[str]] = {}
    guesses: dict[str, list[int]] = {}
    for result in results:
        kind = result.item.spec.kind.value
        counts = per_kind.setdefault(kind, Counter())
        counts["units"] += 1
        published = result.ok and result.body is not None
        text = result.body or ""
        audience = result.item.segment.audience if result.item.segment else None
        reasons = (
            sorted(refusal_reasons(text, result.item.facts, kind, audience)) if published else []
        )
        counts["published"] += published
        counts["clean"] += published and not reasons
        # Details no fact gives (guards.specifics): what a reader checks first.
        guessed = guessed_details(text, result.item.facts, kind, audience) if published else []
        if published:
            guesses.setdefault(kind, []).append(len(guessed))
        for reason in reasons:
            counts[reason] += 1
        rows.append(
            {
                "sku": result.item.facts.sku,
                "title": result.item.facts.title,
                "kind": kind,
                "published": published,
                "text": text,
                "reasons": reasons,
                "guessed": guessed,
                "error": result.error,
            }
        )
    rates = {
        kind: {
            key: round(value / counts["units"], 3)
            for key, value in counts.items()
            if key != "units"
        }
        | {"units": counts["units"]}
        | {"guessed_per_text": round(statistics.fmean(guesses.get(kind) or [0]), 2)}
        for kind, counts in per_kind.items()
    }
    tokens, seconds = generator.stats["tokens"], generator.stats["seconds"]
    clear_model_cache()
    return {
        "rates": rates,
        "tokens_per_s": round(tokens / seconds, 1) if seconds else 0.0,
        "wall_seconds": round(wall, 1),
        "outputs": rows,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("catalog", type=Path)
    parser.add_argument("--variants", default="plain,grounded")
    parser.add_argument("--kinds", default="description,recommendation_copy")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--out", type=Path, default=Path("report/copy-quality"))
    args = parser.parse_args()
    facts = load_catalog(args.catalog, args.limit)
    kinds = [ContentKind(k) for k in args.kinds.split(",")]
    # Which code this run is: `python -m` from inside a checkout imports that checkout, not
    # a snapshot put on PYTHONPATH (a held-out catalog's start run, evaluation/results/
    # README.md, "Unseen catalogs 17 and 18"); run a snapshot from inside its folder.
    print(f"code: {Path(worker.__file__).resolve().parent.parent}")
    runs = {}
    for name in args.variants.split(","):
        print(f"{name}: generating {len(facts)} products × {[k.value for k in kinds]} …")
        runs[name] = run_variant(facts, kinds, name)
        run = runs[name]
        print(f"  {run['tokens_per_s']} tok/s, {run['wall_seconds']} s")
        for kind, rates in run["rates"].items():
            print(f"  {kind}: " + ", ".join(f"{k} {v}" for k, v in sorted(rates.items())))
    base = runs.get("plain")
    if base and "grounded" in runs:
        for kind, rates in runs["grounded"]["rates"].items():
            before = base["rates"].get(kind, {}).get("published", 0.0)
            after = rates.get("published", 0.0)
            print(f"  {kind}: publish rate {before} → {after} (plain → grounded)")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    payload = {"catalog": str(args.catalog), "n": len(facts), "runs": runs}
    args.out.with_suffix(".json").write_text(
        json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    lines = [f"# Copy quality: `{args.catalog}` ({len(facts)} products)", ""]
    for name, run in runs.items():
        lines += [f"## {name}: {run['tokens_per_s']} tok/s", ""]
        for kind, rates in run["rates"].items():
            lines.append(f"- {kind}: " + ", ".join(f"{k} {v}" for k, v in sorted(rates.items())))
        lines += ["", "| sku | kind | published | text | reasons |", "|---|---|---|---|---|"]
        for row in run["outputs"]:
            text = (row["text"] or f"({row['error']})").replace("|", "\\|").replace("\n", " ")
            lines.append(
                f"| {row['sku']} | {row['kind']} | {row['published']} | {text} |"
                f" {', '.join(row['reasons'])} |"
            )
        lines.append("")
    args.out.with_suffix(".md").write_text("\n".join(lines), encoding="utf-8")
    print(f"wrote {args.out.with_suffix('.md')}")


if __name__ == "__main__":
    main()
