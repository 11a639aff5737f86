"""Build a blind review: two or more variants' descriptions of the same products, shuffled,
unnamed, with the facts a reader checks them against.

    python -m bench.blind_sheet PREFIX RUN [RUN ...] [--seed 7]

A RUN is `path:variant[:label]`: a `bench.copy_quality` JSON (`report/copy-quality.json`,
`variant` one of its runs) or a `shelfwriter evaluate` outputs.jsonl (`variant`: "model"
for the model's text, "human" for the reference); runs of one catalog are compared.
Writes `PREFIX-sheet-{en,zh}.jsonl` (id, facts, description: what the reader sees) and
`PREFIX-key.json` (id → variant, catalog, sku: kept from the reader until the verdicts
are in); `bench.blind_tally` counts the verdicts. Products a run did not publish are
left out of every variant of their catalog, so each reader compares like with like.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
from pathlib import Path
from typing import Any

Item = dict[str, Any]


def _open(path: Path) -> list[str]:
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return fh.read().splitlines()


def _facts(record: dict[str, Any]) -> dict[str, Any]:
    keep = ("locale", "title", "brand", "attributes", "keywords")
    return {k: record[k] for k in keep if record.get(k)}


def read_run(spec: str) -> tuple[str, str, dict[str, tuple[dict[str, Any], str]]]:
    """(label, catalog, sku → (facts, text)) of one RUN."""
    path_text, variant, *rest = spec.split(":")
    path = Path(path_text)
    label = rest[0] if rest else variant
    texts: dict[str, tuple[dict[str, Any], str]] = {}
    if path.suffix == ".json":
        report = json.loads(path.read_text(encoding="utf-8"))
        catalog_path = Path(report["catalog"])
        records = {
            r["sku"]: r for r in map(json.loads, catalog_path.read_text("utf-8").splitlines())
        }
        for row in report["runs"][variant]["outputs"]:
            if row["kind"] == "description" and row["published"]:
                texts[row["sku"]] = (_facts(records[row["sku"]]), row["text"])
        return label, catalog_path.stem, texts
    for line in _open(path):
        row = json.loads(line)
        output = next(iter(row["outputs"].values()))
        text = row["references"][0] if variant == "human" else output["text"]
        if text:
            texts[row["sku"]] = (_facts(row["product"]), text)
    return label, path.name.split(".")[0], texts


def build(runs: list[str], seed: int) -> tuple[dict[str, list[Item]], dict[str, Item]]:
    read = [read_run(spec) for spec in runs]
    # Only products every run of a catalog published: a reader compares the same products.
    common: dict[str, set[str]] = {}
    for _, catalog, texts in read:
        common[catalog] = common[catalog] & set(texts) if catalog in common else set(texts)
    items: list[Item] = [
        {"variant": label, "catalog": catalog, "sku": sku, "facts": texts[sku][0],
         "description": texts[sku][1]}
        for label, catalog, texts in read
        for sku in sorted(common[catalog])
    ]  # fmt: skip
    random.Random(seed).shuffle(items)
    sheets: dict[str, list[Item]] = {"en": [], "zh": []}
    key: dict[str, Item] = {}
    for item in items:
        lang = "zh" if str(item["facts"].get("locale", "")).startswith("zh") else "en"
        ident = f"{lang.upper()}{len(sheets[lang]) + 1:03d}"
        sheets[lang].append(
            {"id": ident, "facts": item["facts"], "description": item["description"]}
        )
        key[ident] = {k: item[k] for k in ("variant", "catalog", "sku")}
    return sheets, key


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prefix")
    parser.add_argument("runs", nargs="+")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sheets, key = build(args.runs, args.seed)
    for lang, rows in sheets.items():
        if rows:
            Path(f"{args.prefix}-sheet-{lang}.jsonl").write_text(
                "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8"
            )
    Path(f"{args.prefix}-key.json").write_text(json.dumps(key, ensure_ascii=False, indent=1))
    print({lang: len(rows) for lang, rows in sheets.items()})


if __name__ == "__main__":
    main()
