"""A small fine-tuning data set written here (attribute-only products and template copy of
our own: no human-written sentences), in the import-catalog format with a `reference`."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from evaluation.dataset import Split, split_of

COLOURS = ("black", "white", "red", "blue", "green", "grey", "yellow", "pink")
THINGS = ("bottle", "mug", "backpack", "lamp")


def product(i: int) -> dict[str, Any]:
    colour, thing = COLOURS[i % len(COLOURS)], THINGS[i % len(THINGS)]
    return {
        "sku": f"FT{i:04d}",
        "locale": "en",
        "title": f"Acme {colour} {thing}",
        "brand": "Acme",
        "category": "Home & Garden",
        "attributes": {"colour": colour, "material": "steel"},
        "price": "19.90",
        "currency": "USD",
        # Grounded copy: every word and number in it is in the facts.
        "reference": f"The Acme {thing} comes in {colour}. It is made of steel.",
    }


def write_dataset(path: Path, *, train: int, dev: int) -> Path:
    """At least `train` train and `dev` dev products (the split comes from the sku's hash,
    so products are added until both counts are reached)."""
    rows: list[dict[str, Any]] = []
    counts: Counter[Split] = Counter()
    i = 0
    while counts["train"] < train or counts["dev"] < dev:
        row = product(i)
        split = split_of(row["sku"])
        if split == "test" or counts[split] < (train if split == "train" else dev):
            rows.append(row)
            counts[split] += 1
        i += 1
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path
