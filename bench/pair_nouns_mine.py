"""The nouns a title's lead counts in pairs ("This is a pair of women's running shoes"),
from data.

    python -m bench.pair_nouns_mine [--data-dir ../shared/data] [--write]

A plural title ("Women's Running Shoes") opens with a subject alone ("These women's running
shoes …") that only the model's predicate makes a sentence, and that predicate is where a
0.5B model pads ("… are designed to be comfortable and stylish"). People who write Myntra's
copy say what is sold in pairs: "A pair of navy blue running sports shoes". A pair noun here
is a plural word that ends at least `MIN_TITLES` Myntra product names and follows "a pair
of" in at least `MIN_PAIRS` of their human descriptions: a product people sell as a pair,
not a colour or a part ("a pair of flats with a synthetic upper"). `--write` stores the list
in `worker/content/guards/data/pair-nouns-mined.txt`, which `worker.content.title_copy`
reads.
"""

from __future__ import annotations

import argparse
import csv
import re
from collections import Counter
from pathlib import Path

MIN_TITLES = 3
MIN_PAIRS = 2
OUT = Path(__file__).resolve().parent.parent / "worker/content/guards/data/pair-nouns-mined.txt"
_PAIR = re.compile(r"\ba pair of ([a-z -]+?)(?=,|\.|$| has | with | in | and )", re.IGNORECASE)


def _last(words: str) -> str:
    parts = words.lower().split()  # "slip-ons" stays one word
    return parts[-1] if parts else ""


def mine(data_dir: Path) -> list[str]:
    pairs: Counter[str] = Counter()
    ends: Counter[str] = Counter()
    with (data_dir / "myntra_products_catalog.csv").open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            ends[_last(row.get("Product_Name") or "")] += 1
            for m in _PAIR.finditer(row.get("Description") or ""):
                pairs[_last(m.group(1))] += 1
    return sorted(
        w for w, n in pairs.items() if n >= MIN_PAIRS and ends[w] >= MIN_TITLES and w[-1] == "s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=Path("../shared/data"))
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    words = mine(args.data_dir)
    print(f"{len(words)} pair nouns: {' '.join(words)}")
    if args.write:
        OUT.write_text(
            "# Mined by bench/pair_nouns_mine.py from Myntra's human copy: do not edit by hand.\n"
            "[pairs]\n" + "\n".join(words) + "\n",
            encoding="utf-8",
        )
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
